"""Two records that are one person (or one organization): merged into one, on every laptop.

A merge, made in one transaction of ordinary logged edits, so it travels in bundles like any edit:
the survivor takes the values chosen field by field; every row that named the other record (a
membership, an attendance, a session, an agreement's party, an attachment…) names the survivor, or is
deleted when the survivor already has the same row (a second membership of one organization); a
``merged`` link says where the other one went; the other one is deleted.

Another laptop may, meanwhile, have edited the merged-away record or added rows naming it.
``follow_merges`` runs after every import, on every laptop, and does the same thing everywhere: rows
naming a merged-away record move to its survivor, a merged-away record that came back to life is
deleted again, and an edit of one of its fields the merging laptop had not seen (made on another laptop
meanwhile, or later) is carried to the survivor unless the survivor's field was edited later still
(newest stamp wins, as everywhere). Every laptop writes the same values, so
they converge whatever the order the bundles arrive in. Two merges that cross (A into B here, B into
A there) leave the record with the smaller id as the survivor everywhere.

``not_same`` links record a pair a person said are two people; the duplicates list leaves it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from advisor_app.i18n import _
from advisor_app.store.errors import StoreError
from advisor_app.store.repository import Repository
from advisor_app.store.schema import SYNCED_TABLES

MERGEABLE = ("people", "organizations")
_NOT_COPIED = {"deleted"}
# Rows that say one thing about a pair (a person in an organization, on a list, a party to an
# agreement): after a merge two of them about the same pair are one too many.
_ONE_PER_PAIR = {"memberships": ("person_id", "organization_id"), "plan_organizations": ("plan_id", "organization_id"),
                 "workshop_attendance": ("workshop_id", "person_id"), "session_attendance": ("session_id", "person_id"),
                 "agreement_parties": ("agreement_id", "person_id", "organization_id")}


@dataclass
class MergeRecord:
    """What a merge wrote, so Undo can write it back as new logged edits."""

    table: str
    survivor_id: str
    merged_id: str
    survivor_before: dict[str, Any]
    link_id: str = ""
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # (table, row id, column)
    deleted: list[tuple[str, str]] = field(default_factory=list)  # (table, row id)


def references_to(conn, table: str) -> list[tuple[str, str]]:
    """(table, column) of every synced column that names a record of ``table``."""
    found = []
    for source in SYNCED_TABLES:
        for row in conn.execute(f"PRAGMA foreign_key_list({source})"):
            if row[2] == table:
                found.append((source, row[3]))
    return found


def _attached_by_name(conn) -> list[str]:
    """Synced tables that name their record by (table_name, record_id), as attachments do."""
    return [table for table in SYNCED_TABLES
            if {"table_name", "record_id"} <= {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}]


def _retarget(repository: Repository, table: str, from_id: str, to_id: str, record: MergeRecord | None) -> None:
    """Every live row naming ``from_id`` names ``to_id``. Rows that then repeat each other (one person
    twice in one organization, on one list) keep the one with the smallest id: every laptop keeps the
    same one, also when two merges crossed."""
    conn = repository.conn
    for source, column in references_to(conn, table):
        moved = [row_id for (row_id,) in conn.execute(
            f"SELECT id FROM {source} WHERE {column} = ? AND deleted = 0", (from_id,)).fetchall()]
        for row_id in moved:
            repository.update(source, row_id, {column: to_id})
            if record is not None:
                record.moved.append((source, row_id, column))
        if moved and column in _ONE_PER_PAIR.get(source, ()):
            _drop_repeats(repository, source, column, to_id, record)
    for source in _attached_by_name(conn):
        for (row_id,) in conn.execute(f"SELECT id FROM {source} WHERE table_name = ? AND record_id = ? AND deleted = 0",
                                      (table, from_id)).fetchall():
            repository.update(source, row_id, {"record_id": to_id})
            if record is not None:
                record.moved.append((source, row_id, "record_id"))


def _drop_repeats(repository: Repository, source: str, column: str, to_id: str, record: MergeRecord | None) -> None:
    keys = ", ".join(other for other in _ONE_PER_PAIR[source] if other != column)
    repeated = repository.conn.execute(
        f"SELECT id FROM {source} WHERE {column} = ? AND deleted = 0 AND id NOT IN ("
        f"SELECT min(id) FROM {source} WHERE {column} = ? AND deleted = 0 GROUP BY {keys})",
        (to_id, to_id)).fetchall()
    for (row_id,) in repeated:
        repository.delete(source, row_id)
        if record is not None:
            record.deleted.append((source, row_id))


def merge_records(repository: Repository, table: str, survivor_id: str, merged_id: str,
                  chosen: dict[str, Any]) -> MergeRecord:
    """Merge ``merged_id`` into ``survivor_id`` with the survivor's fields set to ``chosen`` (values taken
    from either record), all in one transaction."""
    if table not in MERGEABLE:
        raise StoreError(_("Only people and organizations can be merged."))
    if survivor_id == merged_id:
        raise StoreError(_("A record cannot be merged with itself."))
    survivor, merged = repository.get(table, survivor_id), repository.get(table, merged_id)
    if not survivor or not merged or survivor["deleted"] or merged["deleted"]:
        raise StoreError(_("One of the two records was deleted meanwhile; nothing was merged."))
    changes = {column: value for column, value in chosen.items() if survivor.get(column) != value}
    record = MergeRecord(table, survivor_id, merged_id, {column: survivor.get(column) for column in changes})
    with repository.store.transaction():
        if changes:
            repository.update(table, survivor_id, changes)
        _retarget(repository, table, merged_id, survivor_id, record)
        record.link_id = repository.insert("record_links", {"kind": "merged", "table_name": table,
                                                            "from_id": merged_id, "to_id": survivor_id})
        repository.delete(table, merged_id)
    return record


def undo_merge(repository: Repository, record: MergeRecord) -> None:
    """Write back what the merge changed, as new logged edits (they travel like the merge did)."""
    with repository.store.transaction():
        repository.delete("record_links", record.link_id)
        repository.restore(record.table, record.merged_id)
        deleted = set(record.deleted)
        for table, row_id, column in record.moved:
            if (table, row_id) not in deleted:
                repository.update(table, row_id, {column: record.merged_id})
        moved = {(table, row_id): column for table, row_id, column in record.moved}
        for table, row_id in record.deleted:
            column = moved.get((table, row_id))
            repository.restore(table, row_id, {column: record.merged_id} if column else None)
        if record.survivor_before:
            repository.update(record.table, record.survivor_id, record.survivor_before)


def dismiss_pair(repository: Repository, table: str, first_id: str, second_id: str) -> str:
    """Say two records are not one: the duplicates list stops showing the pair, on every laptop."""
    first_id, second_id = sorted((first_id, second_id))
    return repository.insert("record_links", {"kind": "not_same", "table_name": table,
                                              "from_id": first_id, "to_id": second_id})


def dismissed_pairs(conn, table: str) -> set[tuple[str, str]]:
    return {(row[0], row[1]) for row in conn.execute(
        "SELECT from_id, to_id FROM record_links WHERE kind = 'not_same' AND table_name = ? AND deleted = 0",
        (table,))}


@dataclass(frozen=True)
class _Merge:
    survivor_id: str
    author: str  # the laptop that merged, and the number of the link's entry in its feed
    number: int | None


def _survivors(conn, table: str) -> dict[str, _Merge]:
    """Merged-away id → its final survivor (chains followed) and the merge that sent it away; a cycle
    of crossed merges keeps its smallest id."""
    links: dict[str, tuple[str, str, int | None]] = {}
    for from_id, to_id, author, number in conn.execute(
            "SELECT l.from_id, l.to_id, c.device, c.origin_seq FROM record_links l "
            "LEFT JOIN change_log c ON c.seq = (SELECT min(seq) FROM change_log WHERE table_name = 'record_links' "
            "AND row_id = l.id) WHERE l.kind = 'merged' AND l.table_name = ? AND l.deleted = 0 ORDER BY l.from_id",
            (table,)):
        links[from_id] = (to_id, author or "", number)
    final: dict[str, _Merge] = {}
    for start in links:
        seen, current = [start], links[start][0]
        while current in links and current not in seen:
            seen.append(current)
            current = links[current][0]
        if current in seen:  # crossed merges: the cycle's smallest id survives
            current = min(seen[seen.index(current):])
        if current != start:
            final[start] = _Merge(current, links[start][1], links[start][2])
    return final


def follow_merges(repository: Repository) -> int:
    """Make this laptop agree with every merge it holds (see the module's docstring); how many edits
    it wrote. Runs inside the caller's transaction when there is one."""
    conn = repository.conn
    if conn.execute("SELECT 1 FROM record_links WHERE kind = 'merged' AND deleted = 0 LIMIT 1").fetchone() is None:
        return 0
    written = 0
    with repository.store.transaction():
        for table in MERGEABLE:
            survivors = _survivors(conn, table)
            for merged_id, merge in survivors.items():
                written += _follow(repository, table, merged_id, merge)
            written += _revive_cycle_survivors(repository, table, survivors)
    return written


def _follow(repository: Repository, table: str, merged_id: str, merge: _Merge) -> int:
    conn = repository.conn
    survivor_id = merge.survivor_id
    if repository.get(table, survivor_id) is None:
        return 0  # the survivor has not reached this laptop yet: a later bundle brings it
    before = _own_entries(conn, repository)
    row = repository.get(table, merged_id)
    if row is not None:
        _carry_unseen_edits(repository, table, merged_id, merge)
    _retarget(repository, table, merged_id, survivor_id, None)
    if row is not None and not row["deleted"]:
        repository.delete(table, merged_id)
    return _own_entries(conn, repository) - before


def _own_entries(conn, repository: Repository) -> int:
    return conn.execute("SELECT count(*) FROM change_log WHERE device = ?", (repository.store.device_id,)).fetchone()[0]


def _entries_by_field(conn, table: str, row_id: str) -> dict[str, list[tuple[str, Any, str, int | None]]]:
    """Every logged value of each field of a record: (stamp, value, author, number in its feed)."""
    entries: dict[str, list[tuple[str, Any, str, int | None]]] = {}
    for fields, stamp, author, number in conn.execute(
            "SELECT fields, hlc, device, origin_seq FROM change_log WHERE table_name = ? AND row_id = ? "
            "AND fields IS NOT NULL", (table, row_id)):
        for column, value in orjson.loads(fields).items():
            entries.setdefault(column, []).append((stamp, value, author, number))
    return entries


def _seen_by(conn, merge: _Merge, author: str, number: int | None) -> bool:
    """Whether the laptop that merged held this entry when it merged: its own earlier entries, and
    what its latest knowledge entry before the merge says it held (sync/merge_conflicts.py)."""
    from advisor_app.sync import feed

    if number is None or merge.number is None:
        return True
    if author == merge.author:
        return number < merge.number
    row = conn.execute("SELECT have FROM knowledge WHERE device = ? AND after_seq < ? ORDER BY after_seq DESC "
                       "LIMIT 1", (merge.author, merge.number)).fetchone()
    holding = (feed.have_from_json(orjson.loads(row[0])) or {}).get(author) if row else None
    return holding is not None and holding.holds(number)


def _carry_unseen_edits(repository: Repository, table: str, merged_id: str, merge: _Merge) -> None:
    """Fields of the merged-away record edited where the merge had not been seen (on another laptop
    meanwhile, or after it) go to the survivor, unless the survivor's own field is newer still."""
    conn = repository.conn
    survivor_id = merge.survivor_id
    newest_of_survivor = {column: max(entries)[0]
                          for column, entries in _entries_by_field(conn, table, survivor_id).items()}
    current = repository.get(table, survivor_id) or {}
    carried = {}
    for column, entries in _entries_by_field(conn, table, merged_id).items():
        if column in _NOT_COPIED:
            continue
        unseen = [entry for entry in entries if not _seen_by(conn, merge, entry[2], entry[3])]
        if not unseen:
            continue
        stamp, value = max(unseen, key=lambda entry: entry[0])[:2]
        if stamp > newest_of_survivor.get(column, "") and current.get(column) != value:
            carried[column] = value
    if carried:
        repository.update(table, survivor_id, carried)


def _revive_cycle_survivors(repository: Repository, table: str, survivors: dict[str, tuple[str, str]]) -> int:
    """A cycle's survivor was deleted by the merge that sent it away: it comes back, and its own
    link is put aside, the same way on every laptop."""
    written = 0
    final = {merge.survivor_id for merge in survivors.values()}
    for survivor_id in final:
        row = repository.get(table, survivor_id)
        if row is not None and row["deleted"] and survivor_id in _linked_from(repository, table):
            for (link_id,) in repository.conn.execute(
                    "SELECT id FROM record_links WHERE kind = 'merged' AND table_name = ? AND from_id = ? "
                    "AND deleted = 0", (table, survivor_id)).fetchall():
                repository.delete("record_links", link_id)
            repository.restore(table, survivor_id)
            written += 1
    return written


def _linked_from(repository: Repository, table: str) -> set[str]:
    return {row[0] for row in repository.conn.execute(
        "SELECT from_id FROM record_links WHERE kind = 'merged' AND table_name = ? AND deleted = 0", (table,))}
