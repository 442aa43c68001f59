"""Two versions of an agreement compared clause by clause, word by word.

Clauses are matched by their id, not their number: switching a clause on renumbers the ones after it,
and that must not read as if every later clause had changed. The declarations (the parties) and the
signatures are compared as two more sections.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from advisor_app.domain.agreements.document import Document
from advisor_app.i18n import _

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"


@dataclass(frozen=True)
class SectionChange:
    kind: str                           # same, changed, added or removed
    heading: str
    old_number: int | None
    new_number: int | None
    words: tuple[tuple[str, str], ...]  # (same|added|removed, text) runs to show the change inline


def word_runs(old: str, new: str) -> tuple[tuple[str, str], ...]:
    old_words, new_words = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append((SAME, " ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            runs.append((REMOVED, " ".join(old_words[a1:a2])))
        if b2 > b1:
            runs.append((ADDED, " ".join(new_words[b1:b2])))
    return tuple(runs)


def _section(heading: str, old: str | None, new: str | None, old_number: int | None = None,
             new_number: int | None = None) -> SectionChange:
    if old is None:
        return SectionChange(ADDED, heading, None, new_number, ((ADDED, new or ""),))
    if new is None:
        return SectionChange(REMOVED, heading, old_number, None, ((REMOVED, old),))
    kind = SAME if old.split() == new.split() else CHANGED
    return SectionChange(kind, heading, old_number, new_number, ((SAME, new),) if kind == SAME else word_runs(old, new))


def compare(old: Document, new: Document) -> list[SectionChange]:
    """The sections of ``new`` in order, with the clauses ``old`` had and ``new`` dropped where they stood."""
    changes = [_section(_("Title"), old.title, new.title),
               _section(_("Declarations"), "\n".join(old.declarations), "\n".join(new.declarations))]
    old_clauses = {clause.clause_id: clause for clause in old.clauses}
    new_ids = {clause.clause_id for clause in new.clauses}
    removed_before: dict[str | None, list] = {}
    previous: str | None = None
    for clause in old.clauses:
        if clause.clause_id not in new_ids:
            removed_before.setdefault(previous, []).append(clause)
        else:
            previous = clause.clause_id

    def dropped(after: str | None) -> None:
        for clause in removed_before.get(after, []):
            changes.append(_section(clause.heading, "\n".join(clause.paragraphs), None, old_number=clause.number))

    dropped(None)
    for clause in new.clauses:
        before = old_clauses.get(clause.clause_id)
        changes.append(_section(clause.heading, "\n".join(before.paragraphs) if before else None,
                                "\n".join(clause.paragraphs), before.number if before else None, clause.number))
        dropped(clause.clause_id)
    signatures = ["; ".join(part for part in (signatory.name, signatory.role, signatory.on_behalf_of,
                                              signatory.id_line) if part) for signatory in new.signatories]
    old_signatures = ["; ".join(part for part in (signatory.name, signatory.role, signatory.on_behalf_of,
                                                  signatory.id_line) if part) for signatory in old.signatories]
    changes.append(_section(_("Signatures"), "\n".join(old_signatures), "\n".join(signatures)))
    return changes


def counts(changes: list[SectionChange]) -> dict[str, int]:
    result = {SAME: 0, CHANGED: 0, ADDED: 0, REMOVED: 0}
    for change in changes:
        result[change.kind] += 1
    return result
