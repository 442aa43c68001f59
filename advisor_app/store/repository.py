"""The one write path for synced records: validate, stamp, write the row and log the edit.

Every insert, update, delete and restore is one transaction that changes the row and appends one
``change_log`` entry naming exactly the fields that changed with their new values, or changes
nothing. The sync bundles replay this log on other laptops.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any, Iterable

import orjson

from advisor_app.domain.agreements.vocabulary import STATUSES
from advisor_app.domain.catalog import fold
from advisor_app.domain.entities import label, person_display_name
from advisor_app.domain.ids import new_id
from advisor_app.domain.records import (
    DEFAULTS,
    RECORDS,
    checked_values,
    person_cross_checks,
    shares_problem,
    total_shares,
)
from advisor_app.domain.training import held_problem
from advisor_app.i18n import _
from advisor_app.store import search_index
from advisor_app.store.database import Store, placeholders, records
from advisor_app.store.errors import StoreError, ValidationError

# Columns computed from others on every write, so lists can sort without Python in the query.
DERIVED = {
    "organizations": ("sort_name", lambda row: fold(row.get("name") or "")),
    "people": ("sort_name", lambda row: fold(" ".join(
        row.get(part) or "" for part in ("first_surname", "second_surname", "given_names")))),
    "plans": ("sort_name", lambda row: fold(row.get("title") or "")),
    "agreements": ("sort_name", lambda row: fold(row.get("title") or "")),
    "workshops": ("sort_name", lambda row: fold(row.get("title") or "")),
}
_LOG_SQL = ("INSERT INTO change_log(device, origin_seq, table_name, row_id, fields, hlc) "
            "VALUES (?, ?, ?, ?, ?, ?)")


def next_own_number(conn, device: str) -> int:
    """The next number in this laptop's feed; read inside the write's transaction, so a rolled-back
    write leaves no gap (sync/feed.py)."""
    return conn.execute("SELECT coalesce(max(origin_seq), 0) + 1 FROM change_log WHERE device = ?",
                        (device,)).fetchone()[0]


def _close_answered_conflicts(conn, table: str, row_id: str, changed: dict[str, Any]) -> int:
    """An edit made here saw every value this laptop holds: the open conflicts of the fields it wrote
    (and a deletion's, when it deletes or restores) are answered by it, here and, once it travels,
    on every laptop (sync/merge.py)."""
    columns = list(changed)
    deletion = " OR kind = 'deleted'" if "deleted" in changed else ""
    return conn.execute(
        "UPDATE conflicts SET resolution = 'edited' WHERE resolution IS NULL AND table_name = ? AND row_id = ? "
        f"AND ((kind = 'field' AND column_name IN ({placeholders(len(columns))})){deletion})",
        (table, row_id, *columns)).rowcount


def canonical_json(fields: dict[str, Any]) -> str:
    """The change log's form of an edit's fields: sorted keys, no spaces, UTF-8 as is. Bundles carry it
    verbatim, and every laptop writes the same text for the same fields."""
    return orjson.dumps(fields, option=orjson.OPT_SORT_KEYS).decode("utf-8")


class Repository:
    """Records of the synced tables, read and written on behalf of this laptop."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn
        self.edits_listeners: list = []

    # Reading -----------------------------------------------------------------
    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        found = records(self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)))
        return found[0] if found else None

    # Writing -----------------------------------------------------------------
    def prepare(self, table: str, values: dict[str, Any], current: dict[str, Any] | None,
                in_batch: bool = False) -> dict[str, Any]:
        """Validated, storable values, or ``ValidationError``; includes the checks that need the database
        (``in_batch``: the CURP and share checks are left to ``_batch_checks``, one query for many rows)."""
        creating = current is None
        if creating:
            values = {**DEFAULTS.get(table, {}), **values}
        problems, clean = checked_values(table, values, creating=creating)
        if problems:
            raise ValidationError(problems)
        merged = {**(current or {}), **clean}
        problems = {} if in_batch and table in ("people", "memberships") else self._record_checks(table, merged, current)
        if table == "people" and not creating and {"curp", "birth_date"} & set(values):
            problems.update(person_cross_checks(merged))
        if problems:
            raise ValidationError(problems)
        return clean

    def _record_checks(self, table: str, row: dict[str, Any], current: dict[str, Any] | None) -> dict[str, str]:
        row_id = row.get("id") or ""
        if table == "people" and row.get("curp") and (current is None or current.get("curp") != row["curp"]):
            twin = self.find_person_by_curp(row["curp"], exclude_id=row_id)
            if twin:
                return {"curp": _("{name} is already registered with this CURP.").format(name=twin["name"])}
        if table == "organizations" and row.get("parent_id") and row.get("parent_id") != (current or {}).get("parent_id"):
            parent = self.get("organizations", row["parent_id"])
            if parent is None or parent["deleted"] or parent["kind"] != "federation" or parent["id"] == row_id:
                return {"parent_id": _("The parent must be a registered federation.")}
            if row_id and row_id in self._ancestors(parent["id"]):
                return {"parent_id": _("A federation cannot belong to one of its own members.")}
        if table == "memberships" and current is None and row.get("person_id") and row.get("organization_id"):
            twin = self.conn.execute(
                "SELECT 1 FROM memberships WHERE person_id = ? AND organization_id = ? AND id != ? AND deleted = 0",
                (row["person_id"], row["organization_id"], row_id)).fetchone()
            if twin:
                return {"person_id": _("This person is already a member of this organization.")}
        if table == "plan_organizations" and current is None:
            plan = self.get("plans", row.get("plan_id") or "")
            if plan is not None and plan["lead_organization_id"] == row.get("organization_id"):
                return {"organization_id": _("This organization already leads the plan.")}
            twin = self.conn.execute(
                "SELECT 1 FROM plan_organizations WHERE plan_id = ? AND organization_id = ? AND id != ? "
                "AND deleted = 0", (row.get("plan_id"), row.get("organization_id"), row_id)).fetchone()
            if twin:
                return {"organization_id": _("This organization already takes part in the plan.")}
        if table == "workshops" and (current is None or any(
                row.get(column) != current.get(column) for column in ("status", "held_on"))):
            held_on = dt.date.fromisoformat(row["held_on"]) if row.get("held_on") else None
            message = held_problem(row.get("status"), held_on, dt.date.today())
            if message:
                # Beside the field that was just changed: the date moved into the future, or the status.
                moved = current is not None and row.get("held_on") != current.get("held_on") and \
                    row.get("status") == current.get("status")
                return {"held_on" if moved else "status": message}
        people_refs = {"workshop_attendance": "person_id", "session_attendance": "person_id",
                       "session_actions": "responsible_id"}
        column = people_refs.get(table)
        if column and row.get(column) and (current is None or row.get(column) != current.get(column)):
            person = self.get("people", row[column])
            if person is None or person["deleted"]:
                return {column: _("This person has been removed from the registry; restore the record or choose "
                                  "someone else.")}
        parents = {"workshop_attendance": ("workshop_id", "workshops"), "session_attendance": ("session_id",
                   "advisory_sessions"), "session_actions": ("session_id", "advisory_sessions")}
        if table in parents and current is None:
            column, parent_table = parents[table]
            parent = self.get(parent_table, row.get(column) or "")
            if parent is None or parent["deleted"]:
                return {column: _("This workshop or session has been deleted; nothing more can be added to it.")}
        if table in ("workshop_attendance", "session_attendance") and current is None:
            parent = "workshop_id" if table == "workshop_attendance" else "session_id"
            twin = self.conn.execute(
                f"SELECT 1 FROM {table} WHERE {parent} = ? AND person_id = ? AND id != ? AND deleted = 0",
                (row.get(parent), row.get("person_id"), row_id)).fetchone()
            if twin:
                return {"person_id": _("This person is already on the list.")}
        if table == "agreements" and row.get("status") in ("reviewed", "ready", "signed") and (
                current is None or row.get("status") != current.get("status")
                or row.get("version") != current.get("version")):
            # Reviewed, ready or signed means a text was frozen for this version: never a draft's text
            # (a conflict restored after another laptop edited the agreement must not mark it signed).
            frozen = self.conn.execute(
                "SELECT 1 FROM agreement_versions WHERE agreement_id = ? AND version = ? AND deleted = 0",
                (row_id, row.get("version"))).fetchone()
            if not frozen:
                return {"status": _("Version {version} of this agreement has not been reviewed, so it cannot be "
                                    "marked as {status}.").format(version=row.get("version"),
                                                                  status=label(STATUSES, row["status"]).lower())}
        if table == "agreement_parties":
            needed = {"person": "person_id", "organization": "organization_id", "authority": "authority_name"}
            column = needed.get(row.get("kind") or "")
            if column and not row.get(column):
                return {column: _("Choose who this party is.")}
        # Shares are checked when they change; after a merge a group may hold more than 100 % until
        # someone corrects it, and that must not block editing its other fields.
        share_changed = current is None or any(
            row.get(column) != current.get(column) for column in ("share_pct", "organization_id", "deleted"))
        if table == "memberships" and row.get("share_pct") is not None and share_changed:
            message = shares_problem(self._other_shares(row.get("organization_id"), row_id), row["share_pct"])
            if message:
                return {"share_pct": message}
        return {}

    def _ancestors(self, organization_id: str) -> set[str]:
        seen: set[str] = set()
        while organization_id and organization_id not in seen:
            seen.add(organization_id)
            row = self.conn.execute("SELECT parent_id FROM organizations WHERE id = ?", (organization_id,)).fetchone()
            organization_id = row[0] if row else None
        return seen

    def _other_shares(self, organization_id: str | None, membership_id: str) -> list[str]:
        return [share for (share,) in self.conn.execute(
            "SELECT m.share_pct FROM memberships m JOIN people p ON p.id = m.person_id "
            "WHERE m.organization_id = ? AND m.id != ? AND m.deleted = 0 AND p.deleted = 0",
            (organization_id, membership_id))]

    def _batch_checks(self, table: str, prepared: list[tuple[str, dict[str, Any]]]) -> None:
        """The record checks of many rows at once: twins and share totals, within the batch and
        against the database."""
        if table == "people":
            seen: set[str] = set()
            for _row_id, clean in prepared:
                curp = clean.get("curp")
                if curp and curp in seen:
                    raise ValidationError({"curp": _("The CURP {curp} appears twice.").format(curp=curp)})
                if curp:
                    seen.add(curp)
            curps = list(seen)
            for start in range(0, len(curps), 500):
                chunk = curps[start:start + 500]
                twin = self.conn.execute(
                    "SELECT given_names || ' ' || first_surname || COALESCE(' ' || second_surname, '') FROM people "
                    f"WHERE curp IN ({placeholders(len(chunk))}) AND +deleted = 0 LIMIT 1", chunk).fetchone()
                if twin:
                    raise ValidationError({"curp": _("{name} is already registered with this CURP.").format(
                        name=twin[0])})
        if table == "memberships":
            shares: dict[str, list[str]] = {}
            for row_id, clean in prepared:
                organization = clean.get("organization_id")
                if clean.get("share_pct") is None:
                    continue
                if organization not in shares:
                    shares[organization] = self._other_shares(organization, row_id)
                message = shares_problem(shares[organization], clean["share_pct"])
                if message:
                    raise ValidationError({"share_pct": message})
                shares[organization].append(clean["share_pct"])

    def insert(self, table: str, values: dict[str, Any], row_id: str | None = None) -> str:
        clean = self.prepare(table, values, None)
        row_id = row_id or new_id()
        self._write_new(table, [(row_id, clean)])
        return row_id

    def insert_many(self, table: str, rows: Iterable[dict[str, Any]]) -> list[str]:
        """Bulk creation (demo data, imports of lists) in one transaction, same rules as ``insert``."""
        prepared = []
        for row in rows:
            values = {name: value for name, value in row.items() if name != "id"}
            prepared.append((str(row.get("id") or new_id()), self.prepare(table, values, None, in_batch=True)))
        self._batch_checks(table, prepared)
        with self.store.bulk_cache():
            self._write_new(table, prepared)
        return [row_id for row_id, _clean in prepared]

    def _write_new(self, table: str, rows: list[tuple[str, dict[str, Any]]]) -> None:
        if not rows:
            return
        columns = [spec.name for spec in RECORDS[table]]
        derived = DERIVED.get(table)
        all_columns = ["id", "created_at", "updated_at", "updated_by", "deleted", *columns]
        if derived:
            all_columns.append(derived[0])
        device = self.store.device_id
        row_values, log_values = [], []
        for row_id, clean in rows:
            stamp = self.store.clock.now()
            record = [row_id, stamp, stamp, device, 0, *(clean.get(column) for column in columns)]
            if derived:
                record.append(derived[1](clean))
            row_values.append(record)
            logged = {name: value for name, value in clean.items() if value is not None}
            log_values.append((table, row_id, canonical_json(logged), stamp))
        with self.store.transaction() as conn:
            search_index.insert_rows(conn, table, all_columns, row_values)
            first = next_own_number(conn, device)
            conn.executemany(_LOG_SQL, [(device, first + number, *entry) for number, entry in enumerate(log_values)])
        self.notify(table, len(rows))

    def update(self, table: str, row_id: str, values: dict[str, Any]) -> bool:
        """Write the fields that differ from the stored row; ``False`` when nothing changed."""
        current = self.get(table, row_id)
        if current is None:
            raise StoreError(_("This record no longer exists."))
        if current["deleted"]:
            raise StoreError(_("This record was deleted; undo the deletion to edit it again."))
        clean = self.prepare(table, values, current)
        changed = {name: value for name, value in clean.items() if current.get(name) != value}
        if not changed:
            return False
        self._write_changes(table, row_id, changed, {**current, **changed})
        return True

    def reassert(self, table: str, row_id: str, column: str) -> None:
        """Write a field's present value again as this laptop's edit: a person chose it over a
        concurrent one, and the choice travels so that other laptops close the same conflict."""
        current = self.get(table, row_id)
        if current is None:
            raise StoreError(_("This record no longer exists."))
        self._write_changes(table, row_id, {column: current[column]}, current)

    def delete(self, table: str, row_id: str) -> None:
        """Tombstone: the row stays for sync and for Undo."""
        self._set_deleted(table, row_id, 1)

    def restore(self, table: str, row_id: str, values: dict[str, Any] | None = None) -> None:
        """Bring a deleted row back; ``values`` change fields in the same edit (Undo of a merge puts a
        row back where it was)."""
        self._set_deleted(table, row_id, 0, values)

    def _set_deleted(self, table: str, row_id: str, flag: int, values: dict[str, Any] | None = None) -> None:
        current = self.get(table, row_id)
        if current is None:
            raise StoreError(_("This record no longer exists."))
        clean = self.prepare(table, values, current) if values else {}
        changed = {name: value for name, value in clean.items() if current.get(name) != value}
        row = {**current, **changed}
        if flag == 0 and current["deleted"] and table in ("people", "memberships"):
            # What came back must not break what was entered meanwhile (a CURP, the share total).
            problems = self._record_checks(table, row, None)
            if problems:
                raise ValidationError(problems)
        if current["deleted"] != flag or changed:
            self._write_changes(table, row_id, {**changed, "deleted": flag}, row)

    def _write_changes(self, table: str, row_id: str, changed: dict[str, Any], merged: dict[str, Any]) -> None:
        stamp = self.store.clock.now()
        device = self.store.device_id
        columns = dict(changed)
        derived = DERIVED.get(table)
        if derived:
            columns[derived[0]] = derived[1](merged)
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self.store.transaction() as conn:
            conn.execute(f"UPDATE {table} SET {assignments}, updated_at = ?, updated_by = ? WHERE id = ?",
                         (*columns.values(), stamp, device, row_id))
            conn.execute(_LOG_SQL, (device, next_own_number(conn, device), table, row_id, canonical_json(changed), stamp))
            closed = _close_answered_conflicts(conn, table, row_id, changed)
        self.notify(table, 1, rows_moved="deleted" in changed)
        if closed:
            self.notify("conflicts", closed)

    def notify(self, table: str, count: int, rows_moved: bool = True) -> None:
        """Tell the listeners ``count`` edits of ``table`` were saved; ``rows_moved`` when records were
        added, deleted or restored (a field's edit leaves every count as it was)."""
        for listener in self.edits_listeners:
            listener(table, count, rows_moved)

    # Look-ups the write path and the forms share ---------------------------------
    def display_name(self, table: str, row_id: str | None) -> str:
        """How a person knows a record: a name, or "person in organization" for a membership."""
        row = self.get(table, row_id) if row_id else None
        if row is None:
            return (row_id or "")[:8]
        if table == "people":
            return person_display_name(row["given_names"] or "", row["first_surname"] or "", row["second_surname"])
        if table == "memberships":
            return _("{person} in {organization}").format(
                person=self.display_name("people", row["person_id"]),
                organization=self.display_name("organizations", row["organization_id"]))
        if table == "agreements":
            return f"{row['title']} ({row['folio']})"
        if table == "advisory_sessions":
            return _("session with {organization} on {date}").format(
                organization=self.display_name("organizations", row["organization_id"]), date=row["held_on"] or "")
        if table == "agreement_parties":
            return row.get("authority_name") or self.display_name(
                "people" if row.get("person_id") else "organizations", row.get("person_id") or row.get("organization_id"))
        return row.get("name") or row.get("title") or row_id[:8]

    def find_person_by_curp(self, curp: str, exclude_id: str = "") -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT id, given_names, first_surname, second_surname FROM people "
            "WHERE curp = ? AND id != ? AND +deleted = 0", (curp.strip().upper(), exclude_id)).fetchone()
        if not row:
            return None
        return {"id": row[0], "name": " ".join(part for part in row[1:] if part)}

    def possible_duplicates(self, given_names: str, first_surname: str, second_surname: str | None,
                            birth_date: str | None, municipality_key: str | None,
                            exclude_id: str = "") -> list[tuple[str, str]]:
        """Registered people this one may be: same name and birth date (see ``listing``)."""
        from advisor_app.store.listing import possible_duplicates

        sort_name = DERIVED["people"][1]({"given_names": given_names, "first_surname": first_surname,
                                          "second_surname": second_surname})
        return possible_duplicates(self.conn, sort_name, birth_date, municipality_key, exclude_id)

    def ensure_locality(self, municipality_key: str, name: str | None) -> str:
        """The locality's id, the same on every laptop for the same municipality and name."""
        name = (name or "").strip() or None
        row_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"locality:{municipality_key}:{fold(name or '')}"))
        current = self.get("localities", row_id)
        if current is None:
            self.insert("localities", {"municipality_key": municipality_key, "name": name}, row_id=row_id)
        elif current["deleted"]:
            self.restore("localities", row_id)
        return row_id

    def shares_total(self, organization_id: str) -> Decimal:
        return total_shares(self._other_shares(organization_id, ""))
