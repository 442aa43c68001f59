"""Documents ticked as received, per organization and per business plan, and their scans.

A tick's row id is derived from what it ticks (record, checklist, document), so two laptops that tick
the same document write the same row and their edits merge field by field instead of doubling it.
Unticking keeps the row (received 0): its date, notes and scans stay for when the document comes back.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from advisor_app.domain.checklists import Checklist, Document, missing
from advisor_app.store.attachments import attach_file, attachments_of
from advisor_app.store.database import records
from advisor_app.store.repository import Repository


def check_id(table: str, record_id: str, checklist_id: str, code: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"document-check:{table}:{record_id}:{checklist_id}:{code}"))


def checks_of(conn: sqlite3.Connection, record_id: str, checklist_id: str) -> dict[str, dict]:
    """The record's documents of one checklist, by code (ticked or not). Two rows of one document (two
    records merged that had both ticked it) read as one: received if either is, the earlier day."""
    return {row["document_code"]: row for row in records(conn.execute(
        "SELECT document_code, max(received) AS received, min(received_on) AS received_on, "
        "(SELECT count(*) FROM attachments a JOIN document_checks d ON a.record_id = d.id WHERE a.deleted = 0 "
        "AND d.deleted = 0 AND d.record_id = c.record_id AND d.checklist_id = c.checklist_id "
        "AND d.document_code = c.document_code) AS scans "
        "FROM document_checks c WHERE record_id = ? AND checklist_id = ? AND deleted = 0 GROUP BY document_code",
        (record_id, checklist_id)))}


def _rows(conn: sqlite3.Connection, record_id: str, checklist_id: str, code: str) -> list[str]:
    return [row_id for (row_id,) in conn.execute(
        "SELECT id FROM document_checks WHERE record_id = ? AND checklist_id = ? AND document_code = ? "
        "AND deleted = 0 ORDER BY id", (record_id, checklist_id, code))]


def received_codes(conn: sqlite3.Connection, record_id: str, checklist_id: str) -> set[str]:
    return {code for (code,) in conn.execute(
        "SELECT document_code FROM document_checks WHERE record_id = ? AND checklist_id = ? AND received = 1 "
        "AND deleted = 0", (record_id, checklist_id))}


def last_checklist(conn: sqlite3.Connection, record_id: str) -> str | None:
    """The checklist the record was last ticked in: the one its window opens on."""
    row = conn.execute("SELECT checklist_id FROM document_checks WHERE record_id = ? AND deleted = 0 "
                       "ORDER BY updated_at DESC LIMIT 1", (record_id,)).fetchone()
    return row[0] if row else None


def _write(repository: Repository, table: str, record_id: str, checklist_id: str, code: str,
           values: dict) -> str:
    """One logged edit per row: the row written whole the first time, else the fields that changed on
    each row of the document (a row unticked and deleted on another laptop comes back)."""
    rows = _rows(repository.conn, record_id, checklist_id, code)
    if not rows:
        row_id = check_id(table, record_id, checklist_id, code)
        current = repository.get("document_checks", row_id)
        if current is None:
            repository.insert("document_checks", {"table_name": table, "record_id": record_id,
                                                  "checklist_id": checklist_id, "document_code": code, **values},
                              row_id=row_id)
            return row_id
        repository.restore("document_checks", row_id)
        rows = [row_id]
    for row_id in rows:
        repository.update("document_checks", row_id, values)
    return rows[0]


def set_received(repository: Repository, table: str, record_id: str, checklist_id: str, code: str,
                 received: bool, today: dt.date | None = None) -> str:
    """Tick or untick one document; a tick without a date takes today's. One transaction."""
    with repository.store.transaction():
        current = checks_of(repository.conn, record_id, checklist_id).get(code, {})
        values: dict = {"received": 1 if received else 0}
        if received and not current.get("received_on"):
            values["received_on"] = (today or dt.date.today()).isoformat()
        return _write(repository, table, record_id, checklist_id, code, values)


def set_details(repository: Repository, table: str, record_id: str, checklist_id: str, code: str,
                values: dict) -> str:
    """The date received or the notes of one document (validated like any record's fields)."""
    with repository.store.transaction():
        return _write(repository, table, record_id, checklist_id, code, values)


def attach_scan(repository: Repository, table: str, record_id: str, checklist_id: str, code: str,
                source: Path, today: dt.date | None = None) -> str:
    """Attach the scan of a document; having its scan, the document counts as received."""
    with repository.store.transaction():
        row_id = set_received(repository, table, record_id, checklist_id, code, True, today)
        attach_file(repository, "document_checks", row_id, Path(source))
    return row_id


def scans_of(conn: sqlite3.Connection, table: str, record_id: str, checklist_id: str, code: str) -> list[dict]:
    """The document's scans, oldest first."""
    scans = [scan for row_id in _rows(conn, record_id, checklist_id, code) for scan in attachments_of(conn, row_id)]
    return sorted(scans, key=lambda scan: (scan["created_at"], scan["id"]))


@dataclass(frozen=True)
class Missing:
    table: str          # organizations or plans
    record_id: str
    name: str           # the organization's name, or the plan's title
    documents: tuple[Document, ...]


def missing_for_plan(conn: sqlite3.Connection, checklist: Checklist, plan_id: str) -> list[Missing]:
    """What the program still needs: the plan's own documents, then each organization's (the lead first)."""
    plan = conn.execute("SELECT title, lead_organization_id FROM plans WHERE id = ?", (plan_id,)).fetchone()
    if plan is None:
        return []
    found: list[Missing] = []
    plan_missing = missing(checklist.for_plan(), received_codes(conn, plan_id, checklist.id))
    if plan_missing:
        found.append(Missing("plans", plan_id, plan[0] or "", tuple(plan_missing)))
    organizations = records(conn.execute(
        "SELECT o.id, o.name, o.kind FROM organizations o WHERE o.deleted = 0 AND (o.id = ? OR o.id IN "
        "(SELECT organization_id FROM plan_organizations WHERE plan_id = ? AND deleted = 0)) "
        "ORDER BY o.id != ?, o.sort_name, o.id", (plan[1], plan_id, plan[1])))
    for organization in organizations:
        documents = missing(checklist.for_organization(organization["kind"]),
                            received_codes(conn, organization["id"], checklist.id))
        if documents:
            found.append(Missing("organizations", organization["id"], organization["name"] or "", tuple(documents)))
    return found
