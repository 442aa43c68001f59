"""Remove the demo data in one step, leaving everything people typed whole.

What is demo: the records the demo set made with its fixed ids (organizations, people, plans, the
agreement, workshops, sessions), and the rows that hang only on demo records (a demo club's members,
the demo agreement's parties and versions, who came to a demo workshop).

What stays: anything that is not demo, and every demo record that something not demo points at. A
person's own membership in a demo club, a scenario copied from the demo plan, a real person on a demo
workshop's list keep the demo records they name, so nothing typed by people loses what it refers to.
A demo record a person only edited (a phone number changed to try the app) is still the example and
goes with the rest. Removal is a logged deletion like any other: it can travel to other laptops, and
the rows stay as tombstones, as sync requires.
"""

from __future__ import annotations

from advisor_app.store.demo import _PLANS, _SESSIONS, _WORKSHOPS, ORGANIZATIONS, PEOPLE, demo_id
from advisor_app.store.repository import Repository
from advisor_app.store.schema import SYNCED_TABLES

Row = tuple[str, str]  # (table, id)

ROOTS = {
    "organizations": [f"org:{entry[0]}" for entry in ORGANIZATIONS],
    "people": [f"person:{entry[0]}" for entry in PEOPLE],
    "plans": list(_PLANS),
    "agreements": ["agreement:partnership"],
    "workshops": [entry[0] for entry in _WORKSHOPS],
    "advisory_sessions": [entry[0] for entry in _SESSIONS],
}
SHARED = frozenset({"localities"})  # one per place, shared by everyone's records: never removed


def _live_rows(repository: Repository) -> dict[Row, list[Row]]:
    """Every live row with the rows it refers to (foreign keys, and an attachment's record)."""
    conn = repository.store.conn
    found: dict[Row, list[Row]] = {}
    for table in SYNCED_TABLES:
        if table in SHARED:
            continue
        keys = [(row[3], row[2]) for row in conn.execute(f"PRAGMA foreign_key_list({table})")
                if row[2] not in SHARED]
        if table in ("attachments", "document_checks"):
            query = f"SELECT id, table_name, record_id FROM {table} WHERE deleted = 0"
            for row_id, target_table, target_id in conn.execute(query):
                found[(table, row_id)] = [(target_table, target_id)] if target_id else []
            continue
        columns = ", ".join(["id", *(column for column, _target in keys)])
        for row in conn.execute(f"SELECT {columns} FROM {table} WHERE deleted = 0"):
            found[(table, row[0])] = [(target, value) for (_column, target), value in zip(keys, row[1:]) if value]
    return found


def demo_rows(repository: Repository) -> tuple[set[Row], set[Row]]:
    """(demo rows to remove, demo rows kept because something not demo points at them)."""
    rows = _live_rows(repository)
    demo = {(table, demo_id(key)) for table, keys in ROOTS.items() for key in keys} & set(rows)
    growing = True
    while growing:  # rows that hang only on demo rows are demo too (a member of a demo club)
        growing = False
        for row, targets in rows.items():
            if row not in demo and row[0] not in ROOTS and targets and all(target in demo for target in targets):
                demo.add(row)
                growing = True
    kept: set[Row] = set()
    waiting = [target for row, targets in rows.items() if row not in demo for target in targets if target in demo]
    while waiting:
        row = waiting.pop()
        if row not in kept:
            kept.add(row)
            waiting.extend(target for target in rows.get(row, []) if target in demo)
    return demo - kept, kept


def remove_demo(repository: Repository) -> tuple[int, int]:
    """Delete the demo rows nothing else needs, in one transaction; (removed, kept)."""
    removable, kept = demo_rows(repository)
    with repository.store.transaction():
        for table, row_id in sorted(removable):
            repository.delete(table, row_id)
    return len(removable), len(kept)
