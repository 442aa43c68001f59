"""How many live organizations and people the file holds, kept as rows are written.

Counting a million people reads a million index entries (a quarter of a second from a cold file) each
time a list first appears or a tab shows its count; a counter kept by triggers answers at once. It is
this laptop's own bookkeeping, not part of the synced schema (a bundle's schema version does not change
for it): made, and counted once, the first time a file is opened by a version that keeps it.
"""

from __future__ import annotations

import sqlite3

from advisor_app.store.cipher import DATABASE_ERRORS

COUNTED = ("organizations", "people")


def _script(table: str) -> str:
    change = f"UPDATE live_counts SET live = live + {{delta}} WHERE table_name = '{table}';"
    return f"""
CREATE TRIGGER IF NOT EXISTS {table}_live_insert AFTER INSERT ON {table} WHEN new.deleted = 0
BEGIN {change.format(delta=1)} END;
CREATE TRIGGER IF NOT EXISTS {table}_live_update AFTER UPDATE OF deleted ON {table} WHEN old.deleted != new.deleted
BEGIN {change.format(delta="CASE WHEN new.deleted = 0 THEN 1 ELSE -1 END")} END;
CREATE TRIGGER IF NOT EXISTS {table}_live_delete AFTER DELETE ON {table} WHEN old.deleted = 0
BEGIN {change.format(delta=-1)} END;
INSERT OR REPLACE INTO live_counts(table_name, live) SELECT '{table}', count(*) FROM {table} WHERE deleted = 0;
"""


def ensure(conn: sqlite3.Connection) -> None:
    """The counters and their triggers, counted in the same transaction when they are new."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'live_counts'").fetchone() \
            and conn.execute("SELECT count(*) FROM live_counts").fetchone()[0] == len(COUNTED):
        return
    script = "".join(_script(table) for table in COUNTED)
    try:
        conn.executescript("BEGIN IMMEDIATE;\nCREATE TABLE IF NOT EXISTS live_counts "
                           f"(table_name TEXT PRIMARY KEY, live INTEGER NOT NULL);\n{script}COMMIT;")
    except DATABASE_ERRORS:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def live(conn: sqlite3.Connection, table: str) -> int | None:
    """The kept count of ``table``'s live rows, or None for a table not counted here."""
    if table not in COUNTED:
        return None
    row = conn.execute("SELECT live FROM live_counts WHERE table_name = ?", (table,)).fetchone()
    return row[0] if row else None
