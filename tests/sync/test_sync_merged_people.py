"""One person registered on two laptops, merged on one: every laptop ends with one record and every
reference moved, also when another laptop edited the merged-away record or added rows naming it
meanwhile, whatever order the bundles arrive in."""

from __future__ import annotations

import itertools

from sync_helpers import canonical_dump

from advisor_app.store.duplicates import possible_duplicates
from advisor_app.store.merging import dismiss_pair, follow_merges, merge_records, undo_merge


def _register_twins(a, b):
    """The same person typed on A and on B, each with a membership of the same club; B also adds a
    phone. The club comes from A."""
    club = a.repo.insert("organizations", {"kind": "migrant_club", "name": "Club Jerezanos"})
    jerez = a.repo.ensure_locality("32020", "Jerez")
    on_a = a.repo.insert("people", {"given_names": "Gerardo", "first_surname": "Félix", "second_surname": "Román",
                                    "birth_date": "1970-05-04", "locality_id": jerez, "residence_country": "MX"})
    a.repo.insert("memberships", {"person_id": on_a, "organization_id": club, "role": "member"})
    a.send(b)
    on_b = b.repo.insert("people", {"given_names": "Gerardo", "first_surname": "Felix", "second_surname": "Roman",
                                    "birth_date": "1970-05-04", "locality_id": jerez, "residence_country": "MX",
                                    "phone": "4941234567"})
    b.repo.insert("memberships", {"person_id": on_b, "organization_id": club, "role": "treasurer"})
    return club, on_a, on_b


def _live_people(device):
    return [row[0] for row in device.conn.execute("SELECT id FROM people WHERE deleted = 0 ORDER BY id")]


def _members(device, club):
    return device.conn.execute("SELECT person_id, role FROM memberships WHERE organization_id = ? AND deleted = 0",
                               (club,)).fetchall()


def test_the_pair_shows_after_the_bundle_and_the_merge_converges(pair):
    a, b = pair
    club, on_a, on_b = _register_twins(a, b)
    report = b.send(a)
    assert report.stats.possible_duplicates == 1
    assert [(p.first_id, p.second_id) for p in possible_duplicates(a.conn)] == [tuple(sorted((on_a, on_b)))]
    merge_records(a.repo, "people", on_a, on_b, {"phone": "4941234567"})
    assert _live_people(a) == [on_a]
    # B's second membership of the same club was one too many: the one with the smaller id stays.
    assert [row[0] for row in _members(a, club)] == [on_a]
    a.send(b)
    assert _live_people(b) == [on_a]
    assert canonical_dump(a.conn) == canonical_dump(b.conn)
    assert possible_duplicates(b.conn) == []
    assert a.repo.get("people", on_a)["phone"] == "4941234567"


def test_edits_of_the_merged_away_record_made_meanwhile_follow_it(trio):
    a, b, c = trio
    club, on_a, on_b = _register_twins(a, b)
    b.send(a)
    b.send(c)
    merge_records(a.repo, "people", on_a, on_b, {})
    # Meanwhile, on C: the merged-away record gets an email, and a new workshop list names it.
    c.repo.update("people", on_b, {"email": "gerardo@example.org"})
    other_club = c.repo.insert("organizations", {"kind": "cooperative", "name": "Cooperativa Guayaberos"})
    c.repo.insert("memberships", {"person_id": on_b, "organization_id": other_club, "role": "member"})
    # The bundles travel in every order; all three laptops end the same, with one Gerardo.
    for sender, receiver in [(c, b), (a, b), (b, c), (c, a), (a, c), (b, a)]:
        sender.send(receiver)
    dumps = [canonical_dump(device.conn) for device in (a, b, c)]
    assert dumps[0] == dumps[1] == dumps[2]
    for device in (a, b, c):
        assert _live_people(device) == [on_a]
        survivor = device.repo.get("people", on_a)
        assert survivor["email"] == "gerardo@example.org"
        assert _members(device, other_club) == [(on_a, "member")]


def test_orders_of_arrival_do_not_matter(device):
    for order in itertools.permutations(range(3)):
        a, b, c = (device(f"{letter}{order[0]}{order[1]}") for letter in "ABC")
        club, on_a, on_b = _register_twins(a, b)
        b.send(a)
        b.send(c)
        merge_records(a.repo, "people", on_a, on_b, {})
        c.repo.update("people", on_b, {"phone": "4940000000"})
        bundles = [(a, a.export()), (c, c.export()), (b, b.export())]
        for index in order:
            sender, bundle = bundles[index]
            for receiver in (a, b, c):
                if receiver is not sender:
                    receiver.import_(bundle)
        for sender, receiver in itertools.permutations((a, b, c), 2):
            sender.send(receiver)
        assert canonical_dump(a.conn) == canonical_dump(b.conn) == canonical_dump(c.conn), order
        assert _live_people(a) == [on_a] and a.repo.get("people", on_a)["phone"] == "4940000000"


def test_crossed_merges_keep_the_smaller_id_everywhere(pair):
    a, b = pair
    club, on_a, on_b = _register_twins(a, b)
    b.send(a)
    merge_records(a.repo, "people", on_a, on_b, {})
    merge_records(b.repo, "people", on_b, on_a, {})
    a.send(b)
    b.send(a)
    a.send(b)
    assert canonical_dump(a.conn) == canonical_dump(b.conn)
    assert _live_people(a) == [min(on_a, on_b)] == _live_people(b)
    assert [row[0] for row in _members(a, club)] == [min(on_a, on_b)]


def test_undo_brings_both_back_and_travels(pair):
    a, b = pair
    club, on_a, on_b = _register_twins(a, b)
    b.send(a)
    before = sorted(_members(a, club))
    record = merge_records(a.repo, "people", on_a, on_b, {"phone": "4941234567"})
    undo_merge(a.repo, record)
    assert sorted(_live_people(a)) == sorted([on_a, on_b])
    assert sorted(_members(a, club)) == before and a.repo.get("people", on_a)["phone"] is None
    assert follow_merges(a.repo) == 0
    a.send(b)
    assert canonical_dump(a.conn) == canonical_dump(b.conn)


def test_not_the_same_person_is_dismissed_on_every_laptop(pair):
    a, b = pair
    club, on_a, on_b = _register_twins(a, b)
    b.send(a)
    dismiss_pair(a.repo, "people", on_b, on_a)
    assert possible_duplicates(a.conn) == []
    report = a.send(b)
    assert possible_duplicates(b.conn) == [] and report.stats.possible_duplicates == 0
