"""The documents a co-financing program or an office asks for (toma de nota, acta constitutiva, RFC...),
as data: one JSON file per program in ``resources/checklists/``, which an office may edit or add to,
like the co-financing schemes. A file that cannot be used is refused with one sentence naming it.

Which documents of a checklist apply: those asked of the organization's kind, or of the plan itself.
What is missing is the applicable documents not ticked as received.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from advisor_app.domain.entities import ORGANIZATION_KINDS
from advisor_app.domain.errors import DataFileError
from advisor_app.domain.finance.schemes import localized
from advisor_app.i18n import _
from advisor_app.paths import RESOURCES

CHECKLISTS_FOLDER = RESOURCES / "checklists"
_CODE = re.compile(r"^[a-z0-9_]{1,60}$")


class ChecklistFileError(DataFileError):
    """A checklist file cannot be used; ``str()`` is one translated sentence naming the file."""


@dataclass(frozen=True)
class Document:
    code: str
    names: dict[str, str] = field(compare=False)
    organization_kinds: tuple[str, ...] = ()
    plan: bool = False

    @property
    def name(self) -> str:
        return localized(self.names) or self.code


@dataclass(frozen=True)
class Checklist:
    id: str
    names: dict[str, str] = field(compare=False)
    documents: tuple[Document, ...] = ()

    @property
    def name(self) -> str:
        return localized(self.names) or self.id

    def for_organization(self, kind: str | None) -> tuple[Document, ...]:
        return tuple(document for document in self.documents if kind in document.organization_kinds)

    def for_plan(self) -> tuple[Document, ...]:
        return tuple(document for document in self.documents if document.plan)

    def document(self, code: str) -> Document | None:
        return next((document for document in self.documents if document.code == code), None)


def missing(documents: Iterable[Document], received: Iterable[str]) -> list[Document]:
    """The documents asked for that are not ticked as received, in the checklist's order."""
    have = set(received)
    return [document for document in documents if document.code not in have]


def load_checklists(folder: Path | None = None) -> tuple[Checklist, ...]:
    """Every checklist in ``folder`` (by file name); raises ``ChecklistFileError`` naming the first file
    that cannot be used."""
    folder = Path(folder) if folder is not None else CHECKLISTS_FOLDER
    try:
        paths = sorted(folder.glob("*.json"))
    except OSError:
        paths = []
    found: list[Checklist] = []
    for path in paths:
        checklist = load_checklist(path)
        if any(existing.id == checklist.id for existing in found):
            raise ChecklistFileError(_("Two document checklists share the id {id}; give the one in {path} "
                                       "another id.").format(id=checklist.id, path=path))
        found.append(checklist)
    return tuple(found)


def load_checklist(path: Path) -> Checklist:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError:
        raise ChecklistFileError(_("The document checklist file cannot be read: {path}.").format(path=path)) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ChecklistFileError(_("The document checklist file is not valid JSON ({detail}): {path}.").format(
            detail=error, path=path)) from None
    if not isinstance(data, dict) or not _is_code(data.get("id")) or not _is_names(data.get("name")):
        raise ChecklistFileError(_("The document checklist file needs an id (small letters, digits and _) and a "
                                   "name in Spanish and English: {path}.").format(path=path))
    if not isinstance(data.get("documents"), list) or not data["documents"]:
        raise ChecklistFileError(_("The document checklist file has no list of documents: {path}.").format(
            path=path))
    documents: list[Document] = []
    for entry in data["documents"]:
        document = _document(entry, path)
        if any(existing.code == document.code for existing in documents):
            raise ChecklistFileError(_("Two documents share the code {code} in the document checklist file "
                                       "{path}.").format(code=document.code, path=path))
        documents.append(document)
    return Checklist(data["id"], dict(data["name"]), tuple(documents))


def _document(entry: Any, path: Path) -> Document:
    if not isinstance(entry, dict) or not _is_code(entry.get("code")) or not _is_names(entry.get("name")):
        raise ChecklistFileError(_("A document in the checklist file has no code (small letters, digits and _) "
                                   "or no name in Spanish and English: {path}.").format(path=path))
    kinds, plan = entry.get("organization_kinds", []), entry.get("plan", False)
    if not isinstance(kinds, list) or not isinstance(plan, bool):
        raise ChecklistFileError(_("Document {code} in the checklist file is not written as the format expects "
                                   "(organization_kinds a list, plan true or false): {path}.").format(
            code=entry["code"], path=path))
    for kind in kinds:
        if kind not in ORGANIZATION_KINDS:
            raise ChecklistFileError(_("Document {code} in the checklist file names an unknown kind of "
                                       "organization, {kind}: {path}.").format(code=entry["code"], kind=kind,
                                                                               path=path))
    if not kinds and not plan:
        raise ChecklistFileError(_("Document {code} in the checklist file is asked of no organization and not of "
                                   "the plan: {path}.").format(code=entry["code"], path=path))
    return Document(entry["code"], dict(entry["name"]), tuple(kinds), plan)


def _is_code(value: Any) -> bool:
    return isinstance(value, str) and _CODE.match(value) is not None


def _is_names(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(language), str) and value[language].strip()
                                           for language in ("es", "en"))
