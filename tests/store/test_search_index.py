"""Bulk inserts index names for search exactly as row-by-row inserts do."""

from advisor_app.store import listing


def _people(count, offset=0):
    return [{"given_names": f"Persona{number}", "first_surname": "Álvarez" if number % 2 else "Núñez",
             "second_surname": "Ruvalcaba"} for number in range(offset, offset + count)]


def test_bulk_and_single_inserts_are_found_alike(repository, store):
    repository.insert_many("people", _people(120))  # above the bulk threshold
    repository.insert_many("people", _people(3, offset=500))  # row by row through the trigger
    assert len(listing.search_names(store.conn, "alvarez", limit=500)) == 61
    assert len(listing.search_names(store.conn, "nunez persona50", limit=500)) == 3  # Persona50, 500 and 502
    assert store.conn.execute("INSERT INTO people_fts(people_fts) VALUES('integrity-check')") is not None
    triggers = {name for (name,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"people_fts_insert", "people_fts_update", "organizations_fts_insert"} <= triggers


def test_renaming_after_a_bulk_insert_updates_the_index(repository, store):
    ids = repository.insert_many("people", _people(60))
    repository.update("people", ids[0], {"first_surname": "Zúñiga"})
    assert [row[1] for row in listing.search_names(store.conn, "zuniga")] == [ids[0]]
    assert not any(row[1] == ids[0] for row in listing.search_names(store.conn, "nunez", limit=500))


def test_deleted_records_leave_the_index_and_come_back_when_restored(repository, store):
    ids = repository.insert_many("people", _people(60))
    view = listing.people(store.conn)
    view.search = "nunez"
    assert view.count() == 30
    repository.delete("people", ids[0])
    assert view.count() == 29 and len(view.page(0, 100)) == 29
    repository.restore("people", ids[0])
    assert view.count() == 30
    organization = repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa Álamo"})
    repository.delete("organizations", organization)
    assert listing.search_names(store.conn, "alamo") == []
    repository.restore("organizations", organization)
    assert [row[1] for row in listing.search_names(store.conn, "alamo")] == [organization]
    store.conn.execute("INSERT INTO people_fts(people_fts) VALUES('integrity-check')")
    store.conn.execute("INSERT INTO organizations_fts(organizations_fts) VALUES('integrity-check')")
