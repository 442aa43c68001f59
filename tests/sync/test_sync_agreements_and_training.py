"""Agreements and training travel between laptops: parties, versions, signed scans, sessions and workshop lists."""

from __future__ import annotations

import datetime as dt

from sync_helpers import foreign_key_problems, integrity_ok

from advisor_app.store import agreements
from advisor_app.store.attachments import attachment_path, attachments_of
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.sync.export import contains_personal_data


def test_a_signed_agreement_arrives_whole_and_prints_the_same_hash(pair, tmp_path):
    a, b = pair
    load_demo(a.repo)
    agreement_id = demo_id("agreement:partnership")
    scan = tmp_path / "firmas.jpg"
    scan.write_bytes(b"\xff\xd8\xff firmas")
    agreements.mark_signed(a.repo, agreement_id, "Jerez, Zacatecas", dt.date(2026, 11, 24), [scan],
                           today=dt.date(2026, 11, 25))
    a.send(b)
    assert b.dump() == a.dump()
    assert integrity_ok(b.conn) and foreign_key_problems(b.conn) == []
    assert agreements.printable_documents(b.repo, agreement_id) == agreements.printable_documents(a.repo, agreement_id)
    sha = attachments_of(b.conn, agreement_id)[0]["sha256"]
    assert attachment_path(b.store, sha).read_bytes() == scan.read_bytes()


def test_a_bundle_of_one_organization_carries_its_agreement_and_everyone_it_names(pair):
    a, b = pair
    load_demo(a.repo)
    a.send(b, organization_ids=[demo_id("org:investors")])
    agreement_id = demo_id("agreement:partnership")
    assert agreements.draft_of(b.repo, agreement_id).parties == agreements.draft_of(a.repo, agreement_id).parties
    assert [row["version"] for row in agreements.versions(b.conn, agreement_id)] == [1]
    assert foreign_key_problems(b.conn) == []


def test_edits_to_different_parties_on_two_laptops_merge(pair):
    a, b = pair
    load_demo(a.repo)
    a.send(b)
    agreement_id = agreements.create_agreement(a.repo, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"))
    a.send(b)
    first, second = agreements.draft_of(a.repo, agreement_id).parties[:2]
    agreements.edit_party(a.repo, first.key, {"id_number": "INE 111"})
    agreements.edit_party(b.repo, second.key, {"id_number": "INE 222"})
    a.send(b)
    b.send(a)
    for device in (a, b):
        ids = [party.id_number for party in agreements.draft_of(device.repo, agreement_id).parties[:2]]
        assert ids == ["INE 111", "INE 222"]
    assert a.dump() == b.dump()


def test_agreement_parties_count_as_personal_data(pair):
    a, b = pair
    load_demo(a.repo)
    a.send(b)
    party = agreements.draft_of(a.repo, demo_id("agreement:partnership")).parties[0]
    b.repo.update("agreement_parties", party.key, {"id_number": "INE 0001"})
    assert contains_personal_data(b.store, peer=a.name)


def test_a_bundle_of_one_organization_carries_its_sessions_and_workshops(pair):
    from advisor_app.store import training

    a, b = pair
    load_demo(a.repo, today=dt.date(2026, 11, 25))
    a.send(b, organization_ids=[demo_id("org:investors")])
    assert foreign_key_problems(b.conn) == []
    sessions = training.list_sessions(b.conn, today=dt.date(2026, 11, 25))
    assert [(row["organization"], row["open_actions"], row["overdue"]) for row in sessions] == [
        ("Grupo Inversionista El Cargadero", 1, 1)]
    assert training.competency_map_of(b.conn, demo_id("org:investors")) == \
        training.competency_map_of(a.conn, demo_id("org:investors"))


def test_two_laptops_adding_the_same_person_to_a_list_make_one_row(pair):
    from advisor_app.store import training

    a, b = pair
    load_demo(a.repo, today=dt.date(2026, 11, 25))
    a.send(b)
    workshop, person = demo_id("workshop:market"), demo_id("person:p20")
    training.add_attendees(a.repo, workshop, [person])
    training.add_attendees(b.repo, workshop, [person])
    a.send(b)
    b.send(a)
    for device in (a, b):
        assert [row["person_id"] for row in training.attendance(device.conn, workshop)].count(person) == 1
    assert a.dump() == b.dump()
