"""Apply received changes field by field: the newest stamp wins, ties broken by device id.

Two laptops that have received the same changes hold the same data whatever the order. When the
loser of a field was a change the other side had not seen (concurrent) and the values differ, the
loser is written to ``conflicts`` for a person to review; a deletion against a concurrent edit too.

Changes are applied in batches: one query finds the change ids already here, one per table finds
the rows that exist; records new to this laptop are inserted together at the end of the batch.
Nothing is kept between batches, so memory does not grow with the bundle.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterable

import orjson

from advisor_app.domain.clock import HybridClock
from advisor_app.domain.records import RECORDS
from advisor_app.store import search_index
from advisor_app.store.database import placeholders, records
from advisor_app.store.repository import DERIVED, canonical_json
from advisor_app.store.schema import SYNCED_TABLES
from advisor_app.sync.reader import Change, validate

Stamp = tuple[str, str]  # (hlc, device)
_BATCH = 1000
_NAME_COLUMNS = ("name", "given_names", "first_surname", "second_surname")
_REQUIRED = {table: {spec.name for spec in RECORDS[table] if spec.required} for table in SYNCED_TABLES}


@dataclass
class MergeStats:
    received: int = 0
    already_known: int = 0
    new_records: int = 0
    changed_records: int = 0
    deleted_records: int = 0
    conflicts: int = 0
    newest_stamp: str = ""

    def as_dict(self) -> dict[str, int]:
        return {"received": self.received, "already_known": self.already_known, "new": self.new_records,
                "changed": self.changed_records, "deleted": self.deleted_records, "conflicts": self.conflicts}



class Merger:
    """Applies changes on one connection, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, clock: HybridClock, sender_versions: dict[str, str]):
        self.conn, self.clock, self.sender_versions = conn, clock, sender_versions
        self.stats = MergeStats()
        self._now = dt.datetime.now().isoformat(timespec="seconds")
        self._changed: set[tuple[str, str]] = set()
        self._references = {table: references for table in SYNCED_TABLES
                            if (references := {row[3]: row[2] for row in
                                               conn.execute(f"PRAGMA foreign_key_list({table})")})}
        self._referenced: dict[str, set[str]] = {}
        self._orphans = 0
        self._reset_batch()

    def _reset_batch(self) -> None:
        self._stamps: dict[tuple[str, str], dict[str, tuple[Stamp, Any]]] = {}
        self._rows: dict[tuple[str, str], dict[str, Any]] = {}
        self._new: dict[tuple[str, str], dict[str, Any]] = {}
        self._created_by: dict[tuple[str, str], Change] = {}
        self._log: list[tuple] = []

    # Entry points --------------------------------------------------------------------
    def apply_all(self, changes: Iterable[Change]) -> MergeStats:
        """Changes already validated (tests and callers that build them)."""
        return self.apply_lines((number, change) for number, change in enumerate(changes, start=1))

    def apply_lines(self, lines: Iterable[tuple[int, Any]]) -> MergeStats:
        """(line number, decoded line or Change); lines new to this laptop are validated here."""
        batch: list[tuple[int, Any]] = []
        for line in lines:
            batch.append(line)
            if len(batch) >= _BATCH:
                self._apply_batch(batch)
                batch = []
        self._apply_batch(batch)
        return self.stats

    def _apply_batch(self, batch: list[tuple[int, Any]]) -> None:
        if not batch:
            return
        ids = [item.change_id if isinstance(item, Change) else item["id"] for _number, item in batch]
        known = {row[0] for row in self.conn.execute(
            f"SELECT change_id FROM change_log WHERE change_id IN ({placeholders(len(ids))})", ids)}
        fresh: list[Change] = []
        for (number, item), change_id in zip(batch, ids):
            self.stats.received += 1
            if change_id in known:
                self.stats.already_known += 1
                continue
            known.add(change_id)
            fresh.append(item if isinstance(item, Change) else validate(item, number))
        if fresh:
            newest = max(change.hlc for change in fresh)
            self.clock.observe(newest)  # past the newest is past them all
            self.stats.newest_stamp = max(self.stats.newest_stamp, newest)
        self._load_rows(fresh)
        for change in fresh:
            self._apply(change)
        self._flush()
        self._reset_batch()

    def _load_rows(self, changes: list[Change]) -> None:
        by_table: dict[str, set[str]] = {}
        for change in changes:
            by_table.setdefault(change.table, set()).add(change.row_id)
        for table, row_ids in by_table.items():
            for record in records(self.conn.execute(
                    f"SELECT * FROM {table} WHERE id IN ({placeholders(len(row_ids))})", list(row_ids))):
                self._rows[(table, record["id"])] = record

    # One change --------------------------------------------------------------------------
    def _seen_by_sender(self, stamp: Stamp) -> bool:
        hlc, device = stamp
        return self.sender_versions.get(device, "") >= hlc

    def _field_stamps(self, table: str, row_id: str) -> dict[str, tuple[Stamp, Any]]:
        """Newest (stamp, value) of every field of an existing row, from the local change log."""
        key = (table, row_id)
        if key not in self._stamps:
            stamps: dict[str, tuple[Stamp, Any]] = {}
            for fields, hlc, device in self.conn.execute(
                    "SELECT fields, hlc, device FROM change_log WHERE row_id = ? AND table_name = ?", (row_id, table)):
                for column, value in orjson.loads(fields).items():
                    if column not in stamps or (hlc, device) > stamps[column][0]:
                        stamps[column] = ((hlc, device), value)
            self._stamps[key] = stamps
        return self._stamps[key]

    def _apply(self, change: Change) -> None:
        key = (change.table, change.row_id)
        self._log.append((change.change_id, change.table, change.row_id, canonical_json(change.fields),
                          change.hlc, change.device))
        self._note_references(change.table, change.fields)
        if key not in self._rows and key not in self._new:
            self._create(change)
            return
        incoming: Stamp = (change.hlc, change.device)
        stamps = self._new_stamps(key) if key in self._new else self._field_stamps(*key)
        winners: dict[str, Any] = {}
        for column, value in change.fields.items():
            local = stamps.get(column)
            if local is None or incoming > local[0]:
                winners[column] = value
                if local is not None and local[1] != value and not self._seen_by_sender(local[0]):
                    self._conflict("field", change, column, (value, incoming), (local[1], local[0]))
                stamps[column] = (incoming, value)
            elif local[1] != value:
                self._conflict("field", change, column, (local[1], local[0]), (value, incoming))
        if key in self._new:
            self._merge_into_new(change, winners)
        else:
            self._deletion_conflicts(change, stamps, incoming, self._rows[key])
            self._update(change, self._rows[key], winners)

    def _note_references(self, table: str, fields: dict[str, Any]) -> None:
        for column, target in self._references.get(table, {}).items():
            value = fields.get(column)
            if isinstance(value, str):
                self._referenced.setdefault(target, set()).add(value)

    def missing_references(self) -> int:
        """How many records the applied changes point to that neither the bundle nor this laptop holds
        (a bundle made for another laptop). Checked before commit, so the refusal is a sentence."""
        missing = 0
        for target, ids in self._referenced.items():
            wanted = list(ids)
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                (found,) = self.conn.execute(
                    f"SELECT count(*) FROM {target} WHERE id IN ({placeholders(len(chunk))})", chunk).fetchone()
                missing += len(chunk) - found
        return missing + self._orphans

    def _create(self, change: Change) -> None:
        """A record new to this laptop: kept in memory and inserted with the rest of the batch. A change
        that does not carry the record's required fields edits a record this laptop never received."""
        key = (change.table, change.row_id)
        if not _REQUIRED[change.table] <= change.fields.keys():
            self._orphans += 1
        values = {"id": change.row_id, "created_at": change.hlc, "updated_at": change.hlc,
                  "updated_by": change.device, "deleted": change.fields.get("deleted", 0)}
        values.update(change.fields)
        values["deleted"] = change.fields.get("deleted", 0)
        self._new[key] = values
        self._created_by[key] = change
        self.stats.new_records += 1

    def _new_stamps(self, key: tuple[str, str]) -> dict[str, tuple[Stamp, Any]]:
        """Field stamps of a record created earlier in this batch (built only when a second change
        for it arrives, which is rare)."""
        if key not in self._stamps:
            created = self._created_by[key]
            self._stamps[key] = {column: ((created.hlc, created.device), value)
                                 for column, value in created.fields.items()}
        return self._stamps[key]

    def _merge_into_new(self, change: Change, winners: dict[str, Any]) -> None:
        values = self._new[(change.table, change.row_id)]
        values.update(winners)
        if (change.hlc, change.device) > (values["updated_at"], values["updated_by"]):
            values["updated_at"], values["updated_by"] = change.hlc, change.device
        values["created_at"] = min(values["created_at"], change.hlc)

    def _deletion_conflicts(self, change: Change, stamps, incoming: Stamp, row: dict) -> None:
        """A deletion crossing an edit that its author had not seen is a conflict too."""
        if change.fields.get("deleted") == 1 and row["deleted"] == 0:
            edits = [(column, entry) for column, entry in stamps.items()
                     if column != "deleted" and entry[0] != incoming and not self._seen_by_sender(entry[0])]
            if edits:
                column, (stamp, value) = max(edits, key=lambda item: item[1][0])
                self._conflict("deleted", change, column, (1, incoming), (value, stamp))
        elif "deleted" not in change.fields and row["deleted"] == 1:
            deletion = stamps.get("deleted")
            if deletion and deletion[1] == 1 and deletion[0] > incoming:
                column = next(iter(change.fields), "deleted")
                self._conflict("deleted", change, column, (1, deletion[0]), (change.fields.get(column), incoming))

    def _update(self, change: Change, row: dict, winners: dict[str, Any]) -> None:
        table, row_id = change.table, change.row_id
        updates = dict(winners)
        if (change.hlc, change.device) > (row["updated_at"], row["updated_by"]):
            updates["updated_at"], updates["updated_by"] = change.hlc, change.device
        if change.hlc < row["created_at"]:
            updates["created_at"] = change.hlc
        derived = DERIVED.get(table)
        if derived and any(column in winners for column in _NAME_COLUMNS):
            updates[derived[0]] = derived[1]({**row, **winners})
        if not updates:
            return
        self.conn.execute(f"UPDATE {table} SET {', '.join(f'{column} = ?' for column in updates)} WHERE id = ?",
                          [*updates.values(), row_id])
        if winners.get("deleted") == 1 and row["deleted"] == 0:
            self.stats.deleted_records += 1
        elif (any(column != "deleted" for column in winners) or winners.get("deleted") == 0) \
                and (table, row_id) not in self._changed:
            self.stats.changed_records += 1
        self._changed.add((table, row_id))
        row.update(updates)

    def _flush(self) -> None:
        groups: dict[tuple[str, tuple[str, ...]], list[list]] = {}
        for (table, _row_id), values in self._new.items():
            derived = DERIVED.get(table)
            if derived:
                values[derived[0]] = derived[1](values)
            columns = tuple(values)
            groups.setdefault((table, columns), []).append(list(values.values()))
        for (table, columns), rows in groups.items():
            search_index.insert_rows(self.conn, table, columns, rows)
        self.conn.executemany("INSERT INTO change_log(change_id, table_name, row_id, fields, hlc, device) "
                              "VALUES (?, ?, ?, ?, ?, ?)", self._log)

    def _conflict(self, kind: str, change: Change, column: str,
                  winner: tuple[Any, Stamp], loser: tuple[Any, Stamp]) -> None:
        self.stats.conflicts += 1
        self.conn.execute(
            "INSERT INTO conflicts(kind, table_name, row_id, column_name, winner_value, winner_hlc, winner_device, "
            "loser_value, loser_hlc, loser_device, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, change.table, change.row_id, column, winner[0], winner[1][0], winner[1][1], loser[0],
             loser[1][0], loser[1][1], self._now))
