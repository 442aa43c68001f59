"""Apply received changes field by field: the newest stamp wins, ties broken by device id.

Two laptops that have received the same changes hold the same data whatever the order. When the
loser of a field was a change the other side had not seen (concurrent) and the values differ, the
loser is written to ``conflicts`` for a person to review; a deletion against a concurrent edit too.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Iterable

from advisor_app.domain.clock import HybridClock
from advisor_app.store.repository import DERIVED
from advisor_app.sync.bundle_format import canonical_fields
from advisor_app.sync.reader import Change

Stamp = tuple[str, str]  # (hlc, device)
_BATCH = 500


@dataclass
class MergeStats:
    received: int = 0
    already_known: int = 0
    new_records: int = 0
    changed_records: int = 0
    deleted_records: int = 0
    conflicts: int = 0
    newest_stamp: str = ""
    tables: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, int]:
        return {"received": self.received, "already_known": self.already_known, "new": self.new_records,
                "changed": self.changed_records, "deleted": self.deleted_records, "conflicts": self.conflicts}


class Merger:
    """Applies changes on one connection, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, clock: HybridClock, sender_versions: dict[str, str]):
        self.conn, self.clock, self.sender_versions = conn, clock, sender_versions
        self.stats = MergeStats()
        self._stamps: dict[tuple[str, str], dict[str, tuple[Stamp, Any]]] = {}
        self._touched: set[tuple[str, str]] = set()
        self._now = dt.datetime.now().isoformat(timespec="seconds")
        self._columns: dict[str, list[str]] = {}

    # Entry point -----------------------------------------------------------------
    def apply_all(self, changes: Iterable[Change]) -> MergeStats:
        batch: list[Change] = []
        for change in changes:
            batch.append(change)
            if len(batch) >= _BATCH:
                self._apply_batch(batch)
                batch = []
        self._apply_batch(batch)
        return self.stats

    def _apply_batch(self, batch: list[Change]) -> None:
        if not batch:
            return
        ids = [change.change_id for change in batch]
        known = {row[0] for row in self.conn.execute(
            f"SELECT change_id FROM change_log WHERE change_id IN ({','.join('?' * len(ids))})", ids)}
        for change in batch:
            self.stats.received += 1
            if change.change_id in known:
                self.stats.already_known += 1
                continue
            known.add(change.change_id)
            self._apply(change)

    # One change --------------------------------------------------------------------
    def _seen_by_sender(self, stamp: Stamp) -> bool:
        hlc, device = stamp
        return self.sender_versions.get(device, "") >= hlc

    def _field_stamps(self, table: str, row_id: str) -> dict[str, tuple[Stamp, Any]]:
        """Newest (stamp, value) of every field of a row, from the local change log."""
        key = (table, row_id)
        if key not in self._stamps:
            stamps: dict[str, tuple[Stamp, Any]] = {}
            for fields, hlc, device in self.conn.execute(
                    "SELECT fields, hlc, device FROM change_log WHERE row_id = ? AND table_name = ?", (row_id, table)):
                for column, value in json.loads(fields).items():
                    if column not in stamps or (hlc, device) > stamps[column][0]:
                        stamps[column] = ((hlc, device), value)
            self._stamps[key] = stamps
        return self._stamps[key]

    def _row(self, table: str, row_id: str) -> dict[str, Any] | None:
        cursor = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        row = cursor.fetchone()
        return dict(zip([column[0] for column in cursor.description], row)) if row else None

    def _apply(self, change: Change) -> None:
        self.clock.observe(change.hlc)
        self.stats.newest_stamp = max(self.stats.newest_stamp, change.hlc)
        self.stats.tables[change.table] = self.stats.tables.get(change.table, 0) + 1
        incoming: Stamp = (change.hlc, change.device)
        table, row_id = change.table, change.row_id
        stamps = self._field_stamps(table, row_id)
        row = self._row(table, row_id)
        winners: dict[str, Any] = {}
        for column, value in change.fields.items():
            local = stamps.get(column)
            if local is None or incoming > local[0]:
                winners[column] = value
                if local is not None and local[1] != value and not self._seen_by_sender(local[0]):
                    self._conflict("field", table, row_id, column, (value, incoming), (local[1], local[0]))
                stamps[column] = (incoming, value)
            elif local[1] != value:
                self._conflict("field", table, row_id, column, (local[1], local[0]), (value, incoming))
        self._deletion_conflicts(change, stamps, incoming, row)
        self._write(change, row, winners, incoming)
        self.conn.execute(
            "INSERT INTO change_log(change_id, table_name, row_id, fields, hlc, device) VALUES (?, ?, ?, ?, ?, ?)",
            (change.change_id, table, row_id, canonical_fields(change.fields), change.hlc, change.device))

    def _deletion_conflicts(self, change: Change, stamps, incoming: Stamp, row: dict | None) -> None:
        """A deletion crossing an edit that its author had not seen is a conflict too."""
        if row is None:
            return
        if change.fields.get("deleted") == 1 and row["deleted"] == 0:
            edits = [(column, entry) for column, entry in stamps.items()
                     if column != "deleted" and entry[0] != incoming and not self._seen_by_sender(entry[0])]
            if edits:
                column, (stamp, value) = max(edits, key=lambda item: item[1][0])
                self._conflict("deleted", change.table, change.row_id, column, (1, incoming), (value, stamp))
        elif "deleted" not in change.fields and row["deleted"] == 1:
            deletion = stamps.get("deleted")
            if deletion and deletion[1] == 1 and deletion[0] > incoming:
                column = next(iter(change.fields), "deleted")
                self._conflict("deleted", change.table, change.row_id, column, (1, deletion[0]),
                               (change.fields.get(column), incoming))

    def _write(self, change: Change, row: dict | None, winners: dict[str, Any], incoming: Stamp) -> None:
        table, row_id = change.table, change.row_id
        derived = DERIVED.get(table)
        if row is None:
            values = {"id": row_id, "created_at": change.hlc, "updated_at": change.hlc,
                      "updated_by": change.device, "deleted": winners.get("deleted", 0)}
            values.update({column: value for column, value in winners.items() if column != "deleted"})
            if derived:
                values[derived[0]] = derived[1](values)
            self.conn.execute(f"INSERT INTO {table}({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                              list(values.values()))
            self.stats.new_records += 1
            return
        updates = dict(winners)
        if (change.hlc, change.device) > (row["updated_at"], row["updated_by"]):
            updates["updated_at"], updates["updated_by"] = change.hlc, change.device
        if change.hlc < row["created_at"]:
            updates["created_at"] = change.hlc
        if derived and any(column in winners for column in ("name", "given_names", "first_surname", "second_surname")):
            updates[derived[0]] = derived[1]({**row, **winners})
        if not updates:
            return
        self.conn.execute(f"UPDATE {table} SET {', '.join(f'{column} = ?' for column in updates)} WHERE id = ?",
                          [*updates.values(), row_id])
        if winners.get("deleted") == 1 and row["deleted"] == 0:
            self.stats.deleted_records += 1
        elif any(column != "deleted" for column in winners) or winners.get("deleted") == 0:
            if (table, row_id) not in self._touched:
                self.stats.changed_records += 1
        self._touched.add((table, row_id))

    def _conflict(self, kind: str, table: str, row_id: str, column: str,
                  winner: tuple[Any, Stamp], loser: tuple[Any, Stamp]) -> None:
        self.stats.conflicts += 1
        self.conn.execute(
            "INSERT INTO conflicts(kind, table_name, row_id, column_name, winner_value, winner_hlc, winner_device, "
            "loser_value, loser_hlc, loser_device, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, table, row_id, column, winner[0], winner[1][0], winner[1][1], loser[0], loser[1][0],
             loser[1][1], self._now))
