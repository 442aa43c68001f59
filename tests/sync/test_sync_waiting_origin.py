"""A laptop set up before keys named laptops is met first through a relay: its entries wait for a bundle
of its own. The relay's bundle is honest and must be taken all the same: the relay's own edits of the
records that laptop made wait with them (held as digests, so they come again), and everything else is
applied. Found by the three-laptop convergence run (an organization made on one laptop, a membership of
it added on the relay)."""

from sync_helpers import foreign_key_problems



def _laptops(device):
    a, b, c = device("A"), device("B"), device("C")
    for index, laptop in enumerate((a, b, c)):
        laptop.set_device_id(f"{index + 1:x}" * 32)
    return a, b, c


def _registry_on_b_relayed_by_a(a, b, c):
    """B registers a club in a new locality; A gets it from B, adds a member and renames the locality;
    A's bundle reaches C before any of B's."""
    b.repo.insert("localities", {"municipality_key": "32023"}, row_id="loc-b")
    b.repo.insert("organizations", {"kind": "migrant_club", "name": "Club Jerezanos", "status": "active",
                                    "origin_locality_id": "loc-b"}, row_id="org-b")
    a.import_(b.export())
    a.repo.insert("people", {"given_names": "Ana Lilia", "first_surname": "Robles", "residence_country": "MX"},
                  row_id="per-a")
    a.repo.insert("memberships", {"person_id": "per-a", "organization_id": "org-b", "role": "president",
                                  "currency": "MXN"}, row_id="mem-a")
    a.repo.update("localities", "loc-b", {"name": "Juchipila"})


def test_a_relayed_bundle_is_taken_and_the_edits_of_the_waiting_laptops_records_wait(device):
    a, b, c = _laptops(device)
    _registry_on_b_relayed_by_a(a, b, c)

    report = c.import_(a.export())

    assert report.applied
    assert c.repo.get("people", "per-a")["given_names"] == "Ana Lilia"  # A's own record: applied
    assert c.repo.get("organizations", "org-b") is None  # B's: waits for B
    assert c.repo.get("memberships", "mem-a") is None  # A's, of B's club: waits with it
    assert c.repo.get("localities", "loc-b") is None  # A's rename of B's locality: waits with it
    assert any("wait" in warning for warning in report.warnings)
    assert foreign_key_problems(c.conn) == []


def test_the_waiting_edits_arrive_with_the_next_bundles_in_every_mode(device):
    a, b, c = _laptops(device)
    _registry_on_b_relayed_by_a(a, b, c)
    c.import_(a.export())
    a.import_(c.export())  # C's word: it lacks the entries it held back
    c.import_(b.export())  # B's own bundle: B's entries are checked and applied

    report = c.import_(a.export(peer="C"))  # only what C lacks: the held-back entries come again

    assert report.applied and not report.warnings
    assert c.repo.get("memberships", "mem-a")["organization_id"] == "org-b"
    assert c.repo.get("localities", "loc-b")["name"] == "Juchipila"
    for sender in (a, b, c):
        for receiver in (a, b, c):
            if sender is not receiver:
                receiver.import_(sender.export())
    assert a.dump() == b.dump() == c.dump()
    assert foreign_key_problems(c.conn) == []


def test_held_back_entries_are_filled_by_a_full_bundle_too(device):
    a, b, c = _laptops(device)
    _registry_on_b_relayed_by_a(a, b, c)
    c.import_(a.export())
    c.import_(b.export())

    c.import_(a.export())

    assert c.repo.get("memberships", "mem-a")["person_id"] == "per-a"
    assert c.repo.get("localities", "loc-b")["name"] == "Juchipila"
    assert c.dump() == a.dump()
