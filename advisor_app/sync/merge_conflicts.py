"""Which values lost to one their author had not seen: the conflicts a person reviews.

Who saw what is exact: a laptop's own earlier entries, and the ``knowledge`` entries each laptop writes
into its feed after an import that brought it data. So every laptop that holds the same entries lists the
same conflicts, each once, whatever the order and the relays they came by.
"""

from __future__ import annotations

import bisect
from typing import Any

import orjson

from advisor_app.store.database import placeholders
from advisor_app.sync import feed

Stamp = tuple[str, str]  # (hlc, device)
Entry = tuple[Stamp, Any, "int | None"]  # (stamp, value, number in the origin's feed)


class ConcurrentLosers:
    """The conflict half of ``Merger``: reads ``conn``, ``stats``, ``_now``, ``_history``, ``_knowledge``
    and ``_inserted_conflicts`` kept by it."""

    def _holding_when_written(self, device: str, seq: int) -> feed.Have:
        """What ``device`` held of other feeds when it wrote its entry ``seq``: its latest knowledge
        entry numbered below it (nothing before its first)."""
        markers = self._knowledge.get(device)
        if markers is None:
            markers = [(after, feed.have_from_json(orjson.loads(have)) or {}) for after, have in self.conn.execute(
                "SELECT after_seq, have FROM knowledge WHERE device = ? ORDER BY after_seq", (device,))]
            self._knowledge[device] = markers
        index = bisect.bisect_left(markers, seq, key=lambda marker: marker[0])
        return markers[index - 1][1] if index else {}

    def _saw(self, later: Entry, earlier: Entry) -> bool:
        """Whether the author of ``later`` held ``earlier`` when writing it: its own earlier entries, and
        what its knowledge entries say it held. Entries from before feeds count as seen by everything."""
        (_hlc, device), _value, seq = later
        (_hlc_earlier, earlier_device), _value_earlier, earlier_seq = earlier
        if seq is None or earlier_seq is None:
            return True
        if device == earlier_device:
            return earlier_seq < seq
        holding = self._holding_when_written(device, seq).get(earlier_device)
        return holding is not None and holding.holds(earlier_seq)

    def _heads(self, entries: list[Entry]) -> list[Entry]:
        """The entries of one field that no other entry of it saw: the concurrent frontier. Only each
        laptop's latest entry can be one (its earlier ones are seen by it)."""
        latest: dict[str, Entry] = {}
        for entry in entries:
            if entry[2] is None:
                continue
            device = entry[0][1]
            if device not in latest or entry[2] > latest[device][2]:
                latest[device] = entry
        candidates = list(latest.values())
        return [entry for entry in candidates
                if not any(other is not entry and self._saw(other, entry) for other in candidates)]

    def _wanted_conflicts(self, history: dict[str, list[Entry]]) -> dict[tuple, tuple]:
        """(kind, column, loser device, loser stamp) -> (winner value, winner stamp, loser value) for one
        row: every value of a field that lost to one its author had not seen, and a deletion that crossed
        edits it had not seen (the newest of them)."""
        wanted: dict[tuple, tuple] = {}
        heads = {column: self._heads(entries) for column, entries in history.items()}
        winners = {column: max(entries, key=lambda entry: entry[0]) for column, entries in history.items()}
        for column, entries in heads.items():
            winner = winners[column]
            for loser in entries:
                if loser is not winner and loser[1] != winner[1] and not self._saw(winner, loser):
                    wanted[("field", column, loser[0][1], loser[0][0])] = (winner[1], winner[0], loser[1])
        deletion = winners.get("deleted")
        if deletion is not None and deletion[1] == 1:
            crossed = [(entry, column) for column, entries in heads.items() if column != "deleted"
                       for entry in entries if not self._saw(deletion, entry)]
            if crossed:
                (stamp, value, _seq), column = max(crossed, key=lambda item: item[0][0])
                wanted[("deleted", column, stamp[1], stamp[0])] = (1, deletion[0], value)
        return wanted

    def _reconcile_conflicts(self) -> None:
        """The open conflicts of every row this batch touched with more than one entry become exactly its
        concurrent losers: missing ones are added, ones an entry has since seen are closed, winners kept
        current. Every laptop holding the same entries lists the same conflicts."""
        if not self._history:
            return
        by_table: dict[str, list[str]] = {}
        for table, row_id in self._history:
            by_table.setdefault(table, []).append(row_id)
        existing: dict[tuple[str, str], dict[tuple, tuple]] = {}
        for table, row_ids in by_table.items():
            for start in range(0, len(row_ids), 500):
                chunk = row_ids[start:start + 500]
                for row in self.conn.execute(
                        "SELECT id, row_id, kind, column_name, loser_device, loser_hlc, winner_value, winner_hlc, "
                        "winner_device FROM conflicts WHERE resolution IS NULL AND table_name = ? "
                        f"AND row_id IN ({placeholders(len(chunk))})", [table, *chunk]):
                    existing.setdefault((table, row[1]), {})[row[2:6]] = (row[0], row[6], row[7], row[8])
        for key, history in self._history.items():
            wanted = self._wanted_conflicts(history)
            present = existing.get(key, {})
            for conflict, (row_id, *_winner) in present.items():
                if conflict not in wanted:
                    self.conn.execute("UPDATE conflicts SET resolution = 'superseded' WHERE id = ?", (row_id,))
                    if (key, conflict) in self._inserted_conflicts:
                        self._inserted_conflicts.discard((key, conflict))
                        self.stats.conflicts -= 1
            for conflict, (winner_value, winner_stamp, loser_value) in wanted.items():
                if conflict in present:
                    row_id, *winner = present[conflict]
                    if winner != [winner_value, *winner_stamp]:
                        self.conn.execute("UPDATE conflicts SET winner_value = ?, winner_hlc = ?, winner_device = ? "
                                          "WHERE id = ?", (winner_value, *winner_stamp, row_id))
                    continue
                kind, column, loser_device, loser_hlc = conflict
                added = self.conn.execute(
                    "INSERT OR IGNORE INTO conflicts(kind, table_name, row_id, column_name, winner_value, winner_hlc, "
                    "winner_device, loser_value, loser_hlc, loser_device, detected_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (kind, key[0], key[1], column, winner_value, *winner_stamp, loser_value, loser_hlc,
                     loser_device, self._now)).rowcount
                if added:
                    self._inserted_conflicts.add((key, conflict))
                    self.stats.conflicts += 1
