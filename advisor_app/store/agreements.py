"""Agreements in the store: lists, edits that respect the version rule, status changes with their frozen
snapshots, what a PDF prints, and the ``Draft`` the domain assembles (drafting: ``agreement_drafts``).

Every write goes through ``Repository`` (validated, logged, synced). The version rule lives here because
it spans rows: an edit to an agreement marked reviewed or ready to sign first opens a new version (back
to draft), in the same transaction; a signed or void agreement refuses edits.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

from advisor_app.domain.agreements.assembly import Draft, Party, Problem, assemble, with_status
from advisor_app.domain.agreements.checks import problems
from advisor_app.domain.agreements.document import Document, content_hash
from advisor_app.domain.agreements.english import UNTRANSLATED_START
from advisor_app.domain.agreements.grammar import organization_form, person_form
from advisor_app.domain.agreements.library import template
from advisor_app.domain.agreements.vocabulary import CLOSED_STATUSES, FROZEN_STATUSES, STATUSES
from advisor_app.domain.catalog import locality_label, us_states
from advisor_app.domain.entities import label, person_display_name
from advisor_app.domain.records import InvalidValue, field_spec, parse, registration_expiry
from advisor_app.i18n import _
from advisor_app.store.agreement_drafts import create_agreement, plan_facts, source_values
from advisor_app.store.attachments import attach_file
from advisor_app.store.database import records
from advisor_app.store.errors import StoreError
from advisor_app.store.repository import Repository

DOCUMENT_LANGUAGES = ("es", "en")


class AgreementProblems(StoreError):
    """The agreement still has holes; ``problems`` lists them all, ``str()`` is the first with a count."""

    def __init__(self, found: list[Problem]):
        self.problems = found
        more = len(found) - 1
        extra = " " + _("({count} more problems)").format(count=more) if more > 0 else ""
        super().__init__(found[0].message + extra)


# Reading ---------------------------------------------------------------------------------------------
def list_agreements(conn: sqlite3.Connection, search: str = "", organization_id: str | None = None,
                    plan_id: str | None = None, status: str | None = None) -> list[dict]:
    """Live agreements by title with their organization and plan; tens per laptop, so read whole."""
    where, params = ["a.deleted = 0"], []
    if search.strip():
        where.append("(a.title LIKE ? OR a.folio LIKE ? OR o.name LIKE ? OR p.title LIKE ?)")
        params += [f"%{search.strip()}%"] * 4
    if organization_id:
        where.append("(a.organization_id = ? OR a.id IN (SELECT agreement_id FROM agreement_parties "
                     "WHERE organization_id = ? AND deleted = 0))")
        params += [organization_id, organization_id]
    if plan_id:
        where.append("a.plan_id = ?")
        params.append(plan_id)
    if status:
        where.append("a.status = ?")
        params.append(status)
    return records(conn.execute(
        "SELECT a.id AS id, a.folio AS folio, a.title AS title, a.template_id AS template_id, a.status AS status, "
        "a.version AS version, a.language AS language, a.organization_id AS organization_id, "
        "o.name AS organization_name, a.plan_id AS plan_id, p.title AS plan_title, a.updated_at AS updated_at, "
        "a.signed_on AS signed_on, (SELECT count(*) FROM agreement_parties ap WHERE ap.agreement_id = a.id "
        "AND ap.deleted = 0) AS parties FROM agreements a LEFT JOIN organizations o ON o.id = a.organization_id "
        f"LEFT JOIN plans p ON p.id = a.plan_id WHERE {' AND '.join(where)} ORDER BY a.sort_name, a.folio, a.id",
        params))


def party_rows(conn: sqlite3.Connection, agreement_id: str) -> list[dict]:
    """The agreement's parties in their order, with the registry record each one names."""
    return records(conn.execute(
        "SELECT ap.*, pe.given_names, pe.first_surname, pe.second_surname, pe.residence_country, pe.us_city, "
        "pe.curp AS person_curp, pe.grammatical_form AS person_grammatical_form, "
        "pe.deleted AS person_deleted, pl.municipality_key AS person_municipality, pl.name AS person_locality, "
        "o.name AS organization_name, o.kind AS organization_kind, o.base_city, o.base_state, "
        "o.deleted AS organization_deleted, o.registration_valid_until AS organization_registration_valid_until, "
        "ol.municipality_key AS organization_municipality, "
        "ol.name AS organization_locality FROM agreement_parties ap "
        "LEFT JOIN people pe ON pe.id = ap.person_id LEFT JOIN localities pl ON pl.id = pe.locality_id "
        "LEFT JOIN organizations o ON o.id = ap.organization_id "
        "LEFT JOIN localities ol ON ol.id = o.origin_locality_id "
        "WHERE ap.agreement_id = ? AND ap.deleted = 0 ORDER BY coalesce(ap.position, 0), ap.created_at, ap.id",
        (agreement_id,)))


def _address(row: dict) -> str:
    if row["kind"] == "person":
        if row.get("residence_country") and row["residence_country"] != "MX":
            return row.get("us_city") or ""
        return locality_label({"municipality_key": row.get("person_municipality"), "name": row.get("person_locality")})
    if row["kind"] == "organization":
        if row.get("base_city") or row.get("base_state"):
            state = us_states().get(row.get("base_state") or "", row.get("base_state") or "")
            return ", ".join(part for part in (row.get("base_city"), state) if part)
        return locality_label({"municipality_key": row.get("organization_municipality"),
                               "name": row.get("organization_locality")})
    return ""


def party_name(row: dict) -> str:
    if row["kind"] == "person":
        return person_display_name(row.get("given_names") or "", row.get("first_surname") or "",
                                   row.get("second_surname")) if row.get("first_surname") else _("(unknown person)")
    if row["kind"] == "organization":
        return row.get("organization_name") or _("(unknown organization)")
    return row.get("authority_name") or ""


def _decimal(value: Any) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def to_party(row: dict) -> Party:
    removed = bool(row.get("person_deleted") if row["kind"] == "person" else
                   row.get("organization_deleted") if row["kind"] == "organization" else False)
    if row["kind"] == "person" and not row.get("first_surname"):
        removed = True
    if row["kind"] == "organization" and not row.get("organization_name"):
        removed = True
    abroad = row.get("residence_country") if row["kind"] == "person" else (
        "US" if row["kind"] == "organization" and (row.get("base_city") or row.get("base_state")) else "MX")
    return Party(row["id"], row["kind"], party_name(row), row["role"], bool(row.get("signs")), row.get("id_number") or "",
                 row.get("representative") or "", row.get("representative_title") or "", abroad or "",
                 _address(row), _decimal(row.get("contribution")), _decimal(row.get("share_pct")), removed,
                 row.get("currency") or "", _form(row), row.get("authority_name_en") or "",
                 row.get("representative_title_en") or "",
                 registration_expiry(row.get("organization_kind") if row["kind"] == "organization" else None,
                                     row.get("organization_registration_valid_until")))


def _form(row: dict) -> str:
    """The form the party's words take: as stated on the party, else for a person as they stated it in the
    registry, else from their CURP (H, M or X); for an organization or authority, from the noun its name
    starts with."""
    stated = row.get("grammatical_form") or None
    if row["kind"] == "person":
        return person_form(row.get("person_curp"), stated or row.get("person_grammatical_form"))
    return organization_form(party_name(row), stated)


def _json_object(raw: Any) -> dict:
    try:
        value = json.loads(raw) if isinstance(raw, str) and raw else raw
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _signing_date(row: dict) -> dt.date | None:
    """The date of signing; a sentence, not a traceback, for one that is no real date (a data file that
    took it from a bundle before received values were checked)."""
    try:
        return parse(field_spec("agreements", "signed_on"), row.get("signed_on"))
    except InvalidValue:
        raise StoreError(_("The agreement's date of signing is not a real date; correct it in the agreement "
                           "editor.")) from None


def draft_of(repository: Repository, agreement_id: str) -> Draft:
    """What the domain assembles: the agreement row, its parties as the registry names them now, the plan."""
    row = require(repository, agreement_id)
    parameters = {str(key): "" if value is None else str(value) for key, value in _json_object(row["parameters"]).items()}
    switched = {str(key): bool(value) for key, value in _json_object(row["clauses"]).items()}
    english = {str(key): "" if value is None else str(value)
               for key, value in _json_object(row.get("parameters_en")).items()}
    signed_on = _signing_date(row)
    return Draft(template(row["template_id"]), row["title"] or "", row["folio"] or "", row["version"] or 1,
                 row["status"] or "draft", row["currency"] or "MXN", parameters, switched,
                 tuple(to_party(party) for party in party_rows(repository.conn, agreement_id)),
                 plan_facts(repository, row.get("plan_id")), row.get("signed_place") or "", signed_on,
                 title_en=row.get("title_en") or "", parameters_en=english, language=row.get("language") or "es")


def require(repository: Repository, agreement_id: str) -> dict:
    row = repository.get("agreements", agreement_id)
    if row is None or row["deleted"]:
        raise StoreError(_("This agreement no longer exists."))
    return row


def documents_of(draft: Draft) -> dict[str, Document]:
    return {language: assemble(draft, language) for language in DOCUMENT_LANGUAGES}


def versions(conn: sqlite3.Connection, agreement_id: str) -> list[dict]:
    """Frozen versions, oldest first (no snapshot text: that is read when compared)."""
    return records(conn.execute(
        "SELECT id, version, status, content_hash, created_at FROM agreement_versions "
        "WHERE agreement_id = ? AND deleted = 0 ORDER BY version, created_at", (agreement_id,)))


def _frozen_version(conn: sqlite3.Connection, agreement_id: str, version: int) -> tuple[str, str] | None:
    """(row id, content hash) of the newest frozen row of that version number, or None."""
    return conn.execute(
        "SELECT id, content_hash FROM agreement_versions WHERE agreement_id = ? AND version = ? AND deleted = 0 "
        "ORDER BY created_at DESC, id DESC LIMIT 1", (agreement_id, version)).fetchone()


def version_documents(repository: Repository, agreement_id: str, version: int) -> dict[str, Document]:
    """The text of a frozen version, or of the working draft when that version is not frozen yet."""
    frozen = _frozen_version(repository.conn, agreement_id, version)
    if frozen is None:
        return documents_of(draft_of(repository, agreement_id))
    return snapshot_documents(repository.conn, frozen[0])


def snapshot_documents(conn: sqlite3.Connection, version_id: str) -> dict[str, Document]:
    """The text of one frozen version row (two laptops reviewing at once may both freeze a version 2)."""
    row = conn.execute("SELECT snapshot FROM agreement_versions WHERE id = ?", (version_id,)).fetchone()
    if row is None:
        raise StoreError(_("This version of the agreement no longer exists."))
    return {language: Document.from_dict(data) for language, data in json.loads(row[0])["documents"].items()}


# Editing ---------------------------------------------------------------------------------------------
# Fields outside the sealed text: changing them does not make a new version.
UNSEALED = frozenset({"notes", "language", "signed_place", "signed_on"})


@contextmanager
def editing(repository: Repository, agreement_id: str, validate: Callable[[], Any] = lambda: None,
            opens_version: bool = True) -> Iterator[dict]:
    """One edit of the agreement or its parties: refused when signed or void; on a reviewed or ready
    agreement it first opens the draft of the next version. ``validate`` runs before anything is written,
    so a refused value leaves status and version alone. All in one transaction."""
    with repository.store.transaction():
        row = require(repository, agreement_id)
        if row["status"] in CLOSED_STATUSES:
            raise StoreError(_("This agreement is {status} and cannot be changed; draft a new agreement instead.")
                             .format(status=label(STATUSES, row["status"]).lower()))
        validate()
        if row["status"] in FROZEN_STATUSES and opens_version:
            repository.update("agreements", agreement_id, {"status": "draft", "version": (row["version"] or 1) + 1})
        yield row


def _changes(current: dict, values: dict[str, Any]) -> bool:
    """Whether ``values`` would change the row (so a no-op edit does not open a new version)."""
    from advisor_app.domain.records import SPECS, storable

    specs = SPECS["agreements"] if "template_id" in current else SPECS["agreement_parties"]
    for name, raw in values.items():
        spec = specs[name]
        try:
            new = storable(spec, raw)
        except ValueError:
            return True
        if new != current.get(name):
            return True
    return False


def edit_agreement(repository: Repository, agreement_id: str, values: dict[str, Any]) -> bool:
    current = require(repository, agreement_id)
    if not _changes(current, values):
        return False
    with editing(repository, agreement_id, lambda: repository.prepare("agreements", values, current),
                 opens_version=not set(values) <= UNSEALED):
        return repository.update("agreements", agreement_id, values)


def set_parameter(repository: Repository, agreement_id: str, name: str, value: str) -> bool:
    parameters = {str(key): value for key, value in _json_object(require(repository, agreement_id)["parameters"]).items()}
    if (parameters.get(name) or "") == (value or ""):
        return False
    parameters[name] = value or ""
    return edit_agreement(repository, agreement_id, {"parameters": parameters})


def set_parameter_english(repository: Repository, agreement_id: str, name: str, value: str) -> bool:
    """The English of a term typed as text, kept beside the Spanish (``parameters_en``)."""
    english = {str(key): text for key, text in _json_object(require(repository, agreement_id).get("parameters_en")).items()}
    if (english.get(name) or "") == (value or "").strip():
        return False
    english[name] = (value or "").strip()
    return edit_agreement(repository, agreement_id, {"parameters_en": english})


def switch_clause(repository: Repository, agreement_id: str, clause_id: str, on: bool) -> bool:
    switched = _json_object(require(repository, agreement_id)["clauses"])
    switched[clause_id] = bool(on)
    return edit_agreement(repository, agreement_id, {"clauses": switched})


def add_party(repository: Repository, agreement_id: str, values: dict[str, Any]) -> str:
    values = {"signs": 1, **values, "agreement_id": agreement_id}
    with editing(repository, agreement_id, lambda: repository.prepare("agreement_parties", values, None)):
        position = repository.conn.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM agreement_parties WHERE agreement_id = ?",
            (agreement_id,)).fetchone()[0]
        return repository.insert("agreement_parties", {"position": position, **values})


def edit_party(repository: Repository, party_id: str, values: dict[str, Any]) -> bool:
    current = repository.get("agreement_parties", party_id)
    if current is None or current["deleted"] or not _changes(current, values):
        return False
    with editing(repository, current["agreement_id"],
                 lambda: repository.prepare("agreement_parties", values, current)):
        return repository.update("agreement_parties", party_id, values)


def remove_party(repository: Repository, party_id: str) -> None:
    current = repository.get("agreement_parties", party_id)
    if current is None or current["deleted"]:
        return
    with editing(repository, current["agreement_id"]):
        repository.delete("agreement_parties", party_id)


# Status ----------------------------------------------------------------------------------------------
def checked_documents(repository: Repository, agreement_id: str,
                      holes_only: bool = False) -> tuple[Draft, dict[str, Document]]:
    """The assembled documents, or ``AgreementProblems`` when anything would print as a hole or keeps the
    agreement from being signed; ``holes_only``: only holes refuse (a draft printed as a draft)."""
    draft = draft_of(repository, agreement_id)
    found = [problem for problem in problems(draft) if problem.hole or not holes_only]
    if found:
        raise AgreementProblems(found)
    return draft, documents_of(draft)


def frozen_documents(repository: Repository, row: dict) -> tuple[dict[str, Document], str] | None:
    """The text sealed when the agreement's current version was reviewed, with today's status and signing
    line, and its hash; ``None`` for a draft. A reviewed, ready, signed or void agreement prints this,
    whatever the registry, the plan or the clause library say now."""
    if row["status"] not in FROZEN_STATUSES | CLOSED_STATUSES:
        return None
    found = _frozen_version(repository.conn, row["id"], row["version"])
    if found is None:
        return None
    signed_on = _signing_date(row)
    return {language: with_status(document, row["status"], row.get("signed_place") or "", signed_on)
            for language, document in snapshot_documents(repository.conn, found[0]).items()}, found[1]


def printable_documents(repository: Repository, agreement_id: str,
                        language: str = "es") -> tuple[dict[str, Document], str]:
    """What a PDF of the agreement prints and the hash in its footer: the sealed text of a frozen
    version, or the draft assembled now (refused with ``AgreementProblems`` while it has holes; an
    amount of zero or a date gone still prints, since a draft prints marked as one). A version sealed
    while it printed in Spanish only may hold Spanish marked as not translated in its English text: it
    is not printed in English, since only a draft may carry that mark."""
    row = require(repository, agreement_id)
    frozen = frozen_documents(repository, row)
    if frozen is not None:
        if language in ("en", "both") and UNTRANSLATED_START in json.dumps(frozen[0]["en"].as_dict(),
                                                                           ensure_ascii=False):
            raise StoreError(_("Version {version} was reviewed while it printed in Spanish only, and its English "
                               "text still holds Spanish not translated: print it in Spanish, or write the English "
                               "in the Terms tab, which starts the next version.").format(version=row["version"]))
        return frozen
    documents = checked_documents(repository, agreement_id, holes_only=True)[1]
    return documents, content_hash(documents)


def mark_reviewed(repository: Repository, agreement_id: str) -> str:
    """Freeze the current text as this version (its snapshot and hash); returns the hash."""
    row = require(repository, agreement_id)
    if row["status"] != "draft":
        raise StoreError(_("Only a draft can be marked as reviewed."))
    draft, documents = checked_documents(repository, agreement_id)
    digest = content_hash(documents)
    snapshot = {"documents": {language: document.as_dict() for language, document in documents.items()}}
    with repository.store.transaction():
        repository.insert("agreement_versions", {"agreement_id": agreement_id, "version": draft.version,
                                                 "status": "reviewed", "content_hash": digest, "snapshot": snapshot})
        repository.update("agreements", agreement_id, {"status": "reviewed", "content_hash": digest})
    return digest


def mark_ready(repository: Repository, agreement_id: str) -> None:
    row = require(repository, agreement_id)
    if row["status"] != "reviewed":
        raise StoreError(_("Mark the agreement as reviewed before it is ready to sign."))
    repository.update("agreements", agreement_id, {"status": "ready"})


def mark_signed(repository: Repository, agreement_id: str, place: str, signed_on: dt.date,
                scans: list[Path] = (), today: dt.date | None = None) -> None:
    """Signed on ``signed_on`` at ``place``, with the scanned pages attached, in one transaction."""
    row = require(repository, agreement_id)
    if row["status"] != "ready":
        raise StoreError(_("Only an agreement ready to sign can be marked as signed."))
    if not (place or "").strip():
        raise StoreError(_("Write the place where the agreement was signed."))
    if signed_on > (today or dt.date.today()):
        raise StoreError(_("The date of signing cannot be in the future."))
    with repository.store.transaction():
        repository.update("agreements", agreement_id, {"status": "signed", "signed_place": place.strip(),
                                                       "signed_on": signed_on})
        for scan in scans:
            attach_file(repository, "agreements", agreement_id, scan)


def mark_void(repository: Repository, agreement_id: str) -> None:
    row = require(repository, agreement_id)
    if row["status"] == "void":
        return
    repository.update("agreements", agreement_id, {"status": "void"})


__all__ = ["UNSEALED", "AgreementProblems", "add_party", "checked_documents", "create_agreement", "documents_of",
           "draft_of", "frozen_documents", "printable_documents",
           "edit_agreement", "edit_party", "list_agreements", "mark_ready", "mark_reviewed", "mark_signed",
           "mark_void", "party_rows", "remove_party", "set_parameter", "set_parameter_english", "source_values",
           "switch_clause",
           "version_documents", "versions"]
