"""The kept counts of live organizations and people equal a COUNT of the table after every kind of write:
typed records, deletions and restorations, a merge of a bundle, a hard delete, and a file made before the
counts were kept (counted the first time it is opened)."""

from __future__ import annotations

import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor_app.store import listing, live_counts
from advisor_app.store.database import Store
from advisor_app.store.repository import Repository


def _true_count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]


def _kept_counts_hold(conn: sqlite3.Connection) -> None:
    for table in live_counts.COUNTED:
        assert live_counts.live(conn, table) == _true_count(conn, table), table
        assert listing.count_live(conn, table) == _true_count(conn, table)


_PERSON = {"given_names": "Ana Lilia", "first_surname": "Robles", "residence_country": "MX"}
_ORGANIZATION = {"kind": "migrant_club", "name": "Club Jerezanos", "status": "active"}
moves = st.lists(st.tuples(st.sampled_from(["insert", "delete", "restore", "erase"]),
                           st.sampled_from(["people", "organizations"]), st.integers(0, 50)), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=moves)
def test_kept_counts_follow_every_write(tmp_path_factory, moves):
    store = Store.open(tmp_path_factory.mktemp("counts") / "advisor.sqlite3")
    repo = Repository(store)
    try:
        for move, table, number in moves:
            ids = [row_id for (row_id,) in store.conn.execute(f"SELECT id FROM {table} ORDER BY id")]
            chosen = ids[number % len(ids)] if ids else None
            if move == "insert":
                repo.insert(table, _PERSON if table == "people" else _ORGANIZATION)
            elif chosen and move == "delete" and repo.get(table, chosen)["deleted"] == 0:
                repo.delete(table, chosen)
            elif chosen and move == "restore" and repo.get(table, chosen)["deleted"] == 1:
                repo.restore(table, chosen)
            elif chosen and move == "erase":  # a record taken out of the file (the demo's removal does this)
                with store.transaction() as conn:
                    conn.execute("DELETE FROM memberships WHERE person_id = ? OR organization_id = ?",
                                 (chosen, chosen))
                    conn.execute(f"DELETE FROM {table} WHERE id = ?", (chosen,))
            _kept_counts_hold(store.conn)
    finally:
        store.close()


def test_a_file_from_before_the_kept_counts_is_counted_when_opened(db_path, store, repository):
    for _ in range(3):
        repository.insert("people", _PERSON)
    repository.delete("people", repository.insert("people", _PERSON))
    repository.insert("organizations", _ORGANIZATION)
    store.conn.executescript("DROP TABLE live_counts; DROP TRIGGER people_live_insert; "
                             "DROP TRIGGER people_live_update; DROP TRIGGER people_live_delete;")
    store.close()

    reopened = Store.open(db_path)
    try:
        assert live_counts.live(reopened.conn, "people") == 3
        assert live_counts.live(reopened.conn, "organizations") == 1
        Repository(reopened).insert("people", _PERSON)
        _kept_counts_hold(reopened.conn)
    finally:
        reopened.close()


def test_a_merged_bundle_is_counted(tmp_path, store, repository):
    from advisor_app.sync.export import export_bundle
    from advisor_app.sync.importer import run_import

    (tmp_path / "other").mkdir()
    other = Store.open(tmp_path / "other" / "advisor.sqlite3")
    try:
        other_repo = Repository(other)
        for _ in range(60):  # above the bulk writer's threshold: rows go in without the per-row search trigger
            other_repo.insert("people", _PERSON)
        other_repo.delete("people", other_repo.insert("people", _PERSON))
        export_bundle(other, tmp_path / "all.advbundle")
    finally:
        other.close()
    repository.insert("people", _PERSON)

    run_import(store, tmp_path / "all.advbundle", None, dry_run=False, trust=True)

    assert _true_count(store.conn, "people") == 61
    assert live_counts.live(store.conn, "people") == 61
    _kept_counts_hold(store.conn)
