"""Merging two organizations: what hangs from them moves, and only rows about the same pair are one too many."""

from __future__ import annotations

from advisor_app.store.database import Store
from advisor_app.store.merging import merge_records, undo_merge
from advisor_app.store.repository import Repository


def test_federations_merged_keep_every_club_and_one_membership_per_person(db_path):
    store = Store.open(db_path)
    try:
        repository = Repository(store)
        jerez = repository.ensure_locality("32020", "Jerez")
        federation = repository.insert("organizations", {"kind": "federation", "name": "Federación Zacatecana"})
        twin = repository.insert("organizations", {"kind": "federation", "name": "Federacion Zacatecana"})
        clubs = [repository.insert("organizations", {"kind": "migrant_club", "name": name, "parent_id": parent,
                                                     "origin_locality_id": jerez})
                 for name, parent in (("Club Jerezanos", federation), ("Club Ermita", twin))]
        person = repository.insert("people", {"given_names": "Ramón", "first_surname": "Del Real",
                                              "residence_country": "US"})
        for organization in (federation, twin):
            repository.insert("memberships", {"person_id": person, "organization_id": organization,
                                              "role": "president"})
        record = merge_records(repository, "organizations", federation, twin, {})
        parents = store.conn.execute("SELECT parent_id FROM organizations WHERE kind = 'migrant_club' AND deleted = 0"
                                     ).fetchall()
        assert sorted(parents) == [(federation,), (federation,)]  # both clubs, same origin, both kept
        assert store.conn.execute("SELECT count(*) FROM memberships WHERE deleted = 0").fetchone()[0] == 1
        undo_merge(repository, record)
        assert sorted(store.conn.execute("SELECT parent_id FROM organizations WHERE kind = 'migrant_club'").fetchall()
                      ) == sorted([(federation,), (twin,)])
        assert store.conn.execute("SELECT count(*) FROM memberships WHERE deleted = 0").fetchone()[0] == 2
        assert clubs
    finally:
        store.close()
