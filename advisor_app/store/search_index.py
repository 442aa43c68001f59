"""Many new rows at once without paying the search index's per-row trigger.

FTS5 fed row by row through a trigger costs far more than one INSERT ... SELECT of the same rows.
For a bulk insert the insert triggers are paused (a row in ``search_index_paused``, checked by their
WHEN clause), the new rows are indexed together, and the pause is lifted, all inside the caller's
transaction, so a failure rolls everything back.
"""

from __future__ import annotations

import sqlite3
from typing import Sequence

from advisor_app.store.database import placeholders

# Table → (its FTS5 table, the columns indexed), as in the schema's triggers.
INDEXED = {
    "organizations": ("organizations_fts", ("name",)),
    "people": ("people_fts", ("given_names", "first_surname", "second_surname", "curp")),
}
BULK_THRESHOLD = 50


def insert_rows(conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: list[Sequence]) -> None:
    """``INSERT`` every row; the search index ends up exactly as the trigger would have left it."""
    sql = f"INSERT INTO {table}({', '.join(columns)}) VALUES ({placeholders(len(columns))})"
    if table not in INDEXED or len(rows) < BULK_THRESHOLD:
        conn.executemany(sql, rows)
        return
    fts_table, indexed = INDEXED[table]
    (start,) = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()
    conn.execute("INSERT INTO search_index_paused(flag) VALUES (1)")
    try:
        conn.executemany(sql, rows)
    finally:
        conn.execute("DELETE FROM search_index_paused")
    fields = ", ".join(indexed)
    conn.execute(f"INSERT INTO {fts_table}(rowid, {fields}) SELECT rowid, {fields} FROM {table} "
                 "WHERE rowid > ? AND +deleted = 0", (start,))
