"""Apply received changes field by field: the newest stamp wins, ties broken by device id.

Two laptops that have received the same changes hold the same data whatever the order. A value that
lost to one whose author had not seen it (concurrent) is listed in ``conflicts`` for a person to
review; a deletion that crossed an edit its author had not seen too. Who saw what is exact: a laptop's
own earlier entries, and the ``knowledge`` entries each laptop writes into its feed after an import
that brought it data ("from here on I held this"). So every laptop that holds the same entries lists
the same conflicts, each once, whatever the order and the relays they came by.

Entries are checked against their origin's feed first (``FeedCheck``). An origin met only through a
relay may have to wait (``FeedCheck``); entries of other origins about records that waiting origin made
are then held as digests only (``deferred``), so that a later bundle brings them again in full.

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

from advisor_app.domain.clock import HybridClock, parse_stamp
from advisor_app.domain.records import RECORDS
from advisor_app.store import search_index
from advisor_app.store.database import placeholders, records
from advisor_app.store.repository import DERIVED, canonical_json
from advisor_app.store.schema import SYNCED_TABLES
from advisor_app.i18n import _
from advisor_app.sync import feed
from advisor_app.sync.errors import BundleError
from advisor_app.sync.merge_conflicts import ConcurrentLosers, Entry, Stamp
from advisor_app.sync.feed_check import DIGEST, FILL, KNOWN, NEW, WAIT, FeedCheck
from advisor_app.sync.reader import Change, validate

_BATCH = 1000
MAX_AHEAD_MS = 24 * 3600 * 1000  # a stamp further ahead of this laptop's clock is refused
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
    waiting: int = 0
    newest_stamp: str = ""
    # Pairs of live people, one of them written by this bundle, who may be one person (store/duplicates.py).
    possible_duplicates: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"received": self.received, "already_known": self.already_known, "new": self.new_records,
                "changed": self.changed_records, "deleted": self.deleted_records, "conflicts": self.conflicts,
                "waiting": self.waiting}



class Merger(ConcurrentLosers):
    """Applies changes on one connection, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, clock: HybridClock, check: FeedCheck,
                 deferred: frozenset[tuple[str, str]] = frozenset()):
        self.conn, self.clock, self.check, self.deferred = conn, clock, check, deferred
        self.stats = MergeStats()
        self._now = dt.datetime.now().isoformat(timespec="seconds")
        self._changed: set[tuple[str, str]] = set()
        self._references = {table: references for table in SYNCED_TABLES
                            if (references := {row[3]: row[2] for row in
                                               conn.execute(f"PRAGMA foreign_key_list({table})")})}
        # Rows written whose references pointed nowhere when their batch was written: only these are kept
        # (memory stays flat with the bundle's size), and looked at again at the end.
        self._unresolved: set[tuple[str, str]] = set()
        self._partial: set[tuple[str, str]] = set()
        self._limit_ms = max(clock.wall(), clock.millis) + MAX_AHEAD_MS
        self._fresh: list[tuple[Change, str]] = []
        self._digests: list[tuple] = []
        self._knowledge: dict[str, list[tuple[int, feed.Have]]] = {}
        self._inserted_conflicts: set[tuple] = set()
        self.data_arrived = False  # entries with content other than knowledge: this laptop now holds more
        self._reset_batch()

    def _reset_batch(self) -> None:
        self._stamps: dict[tuple[str, str], dict[str, Entry]] = {}
        self._history: dict[tuple[str, str], dict[str, list[Entry]]] = {}
        self._rows: dict[tuple[str, str], dict[str, Any]] = {}
        self._new: dict[tuple[str, str], dict[str, Any]] = {}
        self._created_by: dict[tuple[str, str], Change] = {}
        self._log: list[tuple] = []
        self._fills: list[tuple] = []
        self._touched: list[tuple[str, str]] = []

    # Entry points --------------------------------------------------------------------
    def apply_lines(self, lines: Iterable[tuple[int, dict]]) -> MergeStats:
        """(line number, decoded line), in file order; each line is checked against its feed, and the new
        ones validated, before anything is applied."""
        for number, item in lines:
            if "s" not in item:
                self._legacy(number, item)
            else:
                kind, payload = self.check.classify(number, item)
                if kind == DIGEST:
                    self._digests.append(payload)
                elif kind == WAIT:
                    self.stats.waiting += "x" not in item
                elif kind == KNOWN:
                    if "x" not in item:
                        self.stats.received += 1
                        self.stats.already_known += 1
                elif (payload.table, payload.row_id) in self.deferred:
                    self.stats.waiting += 1
                    if kind == NEW:  # held as a digest: this laptop's word says it lacks it, so it comes again
                        self._digests.append((payload.device, payload.seq, FeedCheck.digest(payload)))
                else:
                    self.stats.received += 1
                    self._fresh.append((payload, kind))
            if len(self._fresh) >= _BATCH or len(self._digests) >= _BATCH * 10:
                self._apply_batch()
        self._apply_batch()
        return self.stats

    def _legacy(self, number: int, item: dict) -> None:
        """An entry from before feeds: known by its laptop and stamp (each laptop's stamps are unique)."""
        self.stats.received += 1
        if isinstance(item["h"], str) and self.conn.execute(
                "SELECT 1 FROM change_log WHERE device = ? AND hlc = ? AND origin_seq IS NULL",
                (item["d"], item["h"])).fetchone():
            self.stats.already_known += 1
            return
        self._fresh.append((validate(item, number), NEW))

    def _apply_batch(self) -> None:
        fresh, self._fresh = self._fresh, []
        if self._digests:
            self.conn.executemany("INSERT INTO change_log(device, origin_seq, digest) VALUES (?, ?, ?)",
                                  self._digests)
            self._digests = []
        if not fresh:
            return
        newest = max(change.hlc for change, _kind in fresh)
        if parse_stamp(newest)[0] > self._limit_ms:
            raise BundleError(_("The bundle holds edits dated more than a day ahead of this laptop's clock; check "
                                "the date on the laptop that made them (or on this one), then export again."))
        self.clock.observe(newest)  # past the newest is past them all
        self.stats.newest_stamp = max(self.stats.newest_stamp, newest)
        changes = [change for change, _kind in fresh if change.table != feed.KNOWLEDGE]
        self._load_rows(changes)
        for change, kind in fresh:
            self._log_entry(change, kind)
            if change.table == feed.KNOWLEDGE:
                self.conn.execute("INSERT OR IGNORE INTO knowledge(device, after_seq, have) VALUES (?, ?, ?)",
                                  (change.device, change.seq, canonical_json(change.fields["have"])))
                self._knowledge.pop(change.device, None)
            else:
                self.data_arrived = True
                self._apply(change)
        self._flush()
        self._reconcile_conflicts()
        self._reset_batch()

    def _log_entry(self, change: Change, kind: str) -> None:
        fields = change.fields_json or canonical_json(change.fields)
        if kind == FILL:
            self._fills.append((change.table, change.row_id, fields, change.hlc, change.device, change.seq))
        else:
            self._log.append((change.device, change.seq, change.table, change.row_id, fields, change.hlc))

    def _load_rows(self, changes: list[Change]) -> None:
        by_table: dict[str, set[str]] = {}
        for change in changes:
            by_table.setdefault(change.table, set()).add(change.row_id)
        for table, row_ids in by_table.items():
            for record in records(self.conn.execute(
                    f"SELECT * FROM {table} WHERE id IN ({placeholders(len(row_ids))})", list(row_ids))):
                self._rows[(table, record["id"])] = record

    # One change --------------------------------------------------------------------------
    def _field_stamps(self, table: str, row_id: str) -> dict[str, Entry]:
        """Newest (stamp, value, number) of every field of an existing row, from the local change log;
        every entry of each field is kept for the conflicts (``_reconcile_conflicts``)."""
        key = (table, row_id)
        if key not in self._stamps:
            stamps: dict[str, Entry] = {}
            history: dict[str, list[Entry]] = {}
            for fields, hlc, device, seq in self.conn.execute(
                    "SELECT fields, hlc, device, origin_seq FROM change_log WHERE row_id = ? AND table_name = ? "
                    "AND fields IS NOT NULL", (row_id, table)):
                for column, value in orjson.loads(fields).items():
                    entry = ((hlc, device), value, seq)
                    history.setdefault(column, []).append(entry)
                    if column not in stamps or (hlc, device) > stamps[column][0]:
                        stamps[column] = entry
            self._stamps[key] = stamps
            self._history[key] = history
        return self._stamps[key]

    def _apply(self, change: Change) -> None:
        key = (change.table, change.row_id)
        if change.table in self._references:
            self._touched.append(key)
        if key not in self._rows and key not in self._new:
            self._create(change)
            return
        incoming: Stamp = (change.hlc, change.device)
        stamps = self._new_stamps(key) if key in self._new else self._field_stamps(*key)
        history = self._history[key]
        winners: dict[str, Any] = {}
        for column, value in change.fields.items():
            entry = (incoming, value, change.seq)
            history.setdefault(column, []).append(entry)
            local = stamps.get(column)
            if local is None or incoming > local[0]:
                winners[column] = value
                stamps[column] = entry
        if key in self._new:
            self._merge_into_new(change, winners)
        else:
            self._update(change, self._rows[key], winners)

    def missing_references(self) -> set[tuple[str, str]]:
        """The records this bundle wrote that point to records this laptop does not hold, read from the
        rows as they end up (an old value a later edit replaced does not count), and those first met
        through an edit whose creation never arrived. Checked before commit, so the refusal is a sentence."""
        missing = {(table, row_id) for table, row_id in self._unresolved if self.conn.execute(
            f"SELECT {' + '.join(self._dangling(table))} FROM {table} AS t WHERE t.id = ?", (row_id,)).fetchone()[0]}
        return missing | self._orphans()

    def _dangling(self, table: str) -> list[str]:
        """Per reference column of ``table``, SQL that is 1 when the row ``t`` points to no record."""
        return [f"(t.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {target} WHERE id = t.{column}))"
                for column, target in self._references[table].items()]

    def _note_unresolved(self) -> None:
        """The rows this batch wrote that point to records not here (yet: they may come later in the
        bundle), looked for while the batch's pages are still in the cache."""
        by_table: dict[str, set[str]] = {}
        for table, row_id in self._touched:
            by_table.setdefault(table, set()).add(row_id)
        for table, row_ids in by_table.items():
            dangling, wanted = " OR ".join(self._dangling(table)), list(row_ids)
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                self._unresolved.update((table, row_id) for (row_id,) in self.conn.execute(
                    f"SELECT t.id FROM {table} AS t WHERE t.id IN ({placeholders(len(chunk))}) AND ({dangling})",
                    chunk))

    def _orphans(self) -> set[tuple[str, str]]:
        """Records first met through an edit whose creation never arrived: a required field is still empty."""
        orphans = set()
        for table, row_id in self._partial:
            required = sorted(_REQUIRED[table])
            row = self.conn.execute(f"SELECT {', '.join(required) or 'id'} FROM {table} WHERE id = ?",
                                    (row_id,)).fetchone()
            if row is None or any(value is None for value in row):
                orphans.add((table, row_id))
        return orphans

    def _create(self, change: Change) -> None:
        """A record new to this laptop: kept in memory and inserted with the rest of the batch. A change
        that does not carry the record's required fields edits a record this laptop never received."""
        key = (change.table, change.row_id)
        if not _REQUIRED[change.table] <= change.fields.keys():
            self._partial.add(key)  # its creation may still come later in the bundle (another origin's feed)
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
            self._stamps[key] = {column: ((created.hlc, created.device), value, created.seq)
                                 for column, value in created.fields.items()}
            self._history[key] = {column: [entry] for column, entry in self._stamps[key].items()}
        return self._stamps[key]

    def _merge_into_new(self, change: Change, winners: dict[str, Any]) -> None:
        values = self._new[(change.table, change.row_id)]
        values.update(winners)
        if (change.hlc, change.device) > (values["updated_at"], values["updated_by"]):
            values["updated_at"], values["updated_by"] = change.hlc, change.device
        values["created_at"] = min(values["created_at"], change.hlc)

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
        self.conn.executemany("INSERT INTO change_log(device, origin_seq, table_name, row_id, fields, hlc) "
                              "VALUES (?, ?, ?, ?, ?, ?)", self._log)
        self.conn.executemany("UPDATE change_log SET table_name = ?, row_id = ?, fields = ?, hlc = ?, digest = NULL "
                              "WHERE device = ? AND origin_seq = ?", self._fills)
        self._note_unresolved()
