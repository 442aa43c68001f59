"""Idempotence, replay, conflicts that are never lost silently, and laptops whose clocks lie."""

from __future__ import annotations

import time

import pytest
from sync_helpers import refused, small_registry

from advisor_app.domain.clock import HybridClock, make_stamp
from advisor_app.sync import conflicts
from advisor_app.sync.errors import BundleError

YEAR_MS = 365 * 24 * 3600 * 1000


def real_ms() -> int:
    return time.time_ns() // 1_000_000


@pytest.fixture
def synced(pair):
    """Two laptops holding the same registry, each having heard from the other."""
    a, b = pair
    ids = small_registry(a)
    a.send(b)
    b.send(a)
    assert a.dump() == b.dump()
    return a, b, ids


def fixed_walls(a, b, a_ms, b_ms):
    """Wall clocks pinned so that the order of the two laptops' next edits is known."""
    a.set_wall(lambda: a_ms)
    b.set_wall(lambda: b_ms)


# --- idempotence and replay ------------------------------------------------------------------------------

def test_importing_the_same_bundle_twice_changes_nothing(pair):
    a, b = pair
    small_registry(a)
    bundle = a.export()
    first = b.import_(bundle)
    assert first.applied and not first.nothing_new
    after_first = b.full_dump()
    second = b.import_(bundle)
    assert second.nothing_new
    assert b.full_dump() == after_first


def test_a_new_bundle_with_the_same_changes_applies_nothing_new(pair):
    a, b = pair
    small_registry(a)
    b.import_(a.export())
    data, log = b.dump(), b.full_dump()["change_log"]
    report = b.import_(a.export())
    assert not report.replayed and report.nothing_new
    assert report.stats.already_known == report.stats.received > 0
    assert (report.stats.new_records, report.stats.changed_records, report.stats.conflicts) == (0, 0, 0)
    assert b.dump() == data and b.full_dump()["change_log"] == log


def test_an_older_bundle_after_a_newer_one_applies_nothing(pair):
    a, b = pair
    ids = small_registry(a)
    older = a.export()
    a.repo.update("people", ids["ana"], {"phone": "+52 467 955 0105"})
    a.repo.delete("memberships", ids["club_member"])
    newer = a.export()
    b.import_(newer)
    before = b.full_dump()
    report = b.import_(older)
    assert report.replayed and report.nothing_new
    assert b.full_dump() == before
    assert b.repo.get("people", ids["ana"])["phone"] == "+52 467 955 0105"


def test_partial_bundles_carried_out_of_order_both_arrive(pair):
    """Two bundles of different organizations from one laptop, imported newest first: the older one
    still brings what the newer did not carry."""
    a, b = pair
    ids = small_registry(a)
    first = a.export(organization_ids=[ids["cooperative"]])
    second = a.export(organization_ids=[ids["club"]])  # with its federation
    b.import_(second)
    report = b.import_(first)
    assert report.replayed and not report.nothing_new and report.applied
    arrived = {row_id for (row_id,) in b.store.conn.execute("SELECT id FROM organizations")}
    assert arrived == {ids["cooperative"], ids["club"], ids["federation"]}


def test_a_preview_changes_nothing_and_predicts_the_apply(pair):
    a, b = pair
    small_registry(a)
    bundle = a.export()
    before = b.full_dump()
    clock = (b.store.clock.millis, b.store.clock.counter)
    preview = b.import_(bundle, dry_run=True, trust=False)
    assert not preview.applied and not preview.trusted
    assert b.full_dump() == before
    assert (b.store.clock.millis, b.store.clock.counter) == clock
    applied = b.import_(bundle)
    assert applied.stats.as_dict() == preview.stats.as_dict()


# --- no silent loss ----------------------------------------------------------------------------------------

def open_conflicts(device, **match):
    return [row for row in device.conflicts() if all(row[key] == value for key, value in match.items())]


def test_concurrent_edits_exchanged_at_once_keep_the_later_and_list_the_loser_on_both(synced):
    a, b, ids = synced
    now = real_ms()
    fixed_walls(a, b, now + 1000, now + 2000)
    a.repo.update("people", ids["jose"], {"phone": "+1 310 555 0001"})
    b.repo.update("people", ids["jose"], {"phone": "+1 310 555 0002"})
    from_a, from_b = a.export(), b.export()
    report_b = b.import_(from_a)
    report_a = a.import_(from_b)
    assert a.dump() == b.dump()
    assert a.repo.get("people", ids["jose"])["phone"] == "+1 310 555 0002"
    assert report_a.stats.conflicts == 1 and report_b.stats.conflicts == 1
    for laptop in (a, b):
        [row] = open_conflicts(laptop, kind="field", column_name="phone", row_id=ids["jose"])
        assert row["winner_value"] == "+1 310 555 0002" and row["winner_device"] == b.store.device_id
        assert row["loser_value"] == "+1 310 555 0001" and row["loser_device"] == a.store.device_id


def test_concurrent_edits_exchanged_in_turn_are_listed_where_both_values_met(synced):
    a, b, ids = synced
    now = real_ms()
    fixed_walls(a, b, now + 1000, now + 2000)
    a.repo.update("organizations", ids["club"], {"name": "Club Jerezanos de Lynwood"})
    b.repo.update("organizations", ids["club"], {"name": "Club Jerez Lynwood"})
    a.send(b)
    b.send(a)
    assert a.dump() == b.dump()
    assert a.repo.get("organizations", ids["club"])["name"] == "Club Jerez Lynwood"
    listed = open_conflicts(a, column_name="name") + open_conflicts(b, column_name="name")
    assert listed and all(row["loser_value"] == "Club Jerezanos de Lynwood" for row in listed)
    assert open_conflicts(b, column_name="name", loser_device=a.store.device_id)


def test_the_earlier_laptops_value_lost_on_its_own_side_is_listed_there(synced):
    a, b, ids = synced
    now = real_ms()
    fixed_walls(a, b, now + 2000, now + 1000)  # A edits later and wins
    a.repo.update("people", ids["ramon"], {"notes": "Presidente 2025-2027"})
    b.repo.update("people", ids["ramon"], {"notes": "Presidente saliente"})
    a.send(b)
    b.send(a)
    assert a.dump() == b.dump()
    assert b.repo.get("people", ids["ramon"])["notes"] == "Presidente 2025-2027"
    [row] = open_conflicts(b, column_name="notes")
    assert row["loser_value"] == "Presidente saliente" and row["loser_device"] == b.store.device_id


def test_equal_values_or_edits_made_after_seeing_the_other_are_not_conflicts(synced):
    a, b, ids = synced
    a.repo.update("people", ids["jose"], {"phone": "+1 310 555 0003"})
    b.repo.update("people", ids["jose"], {"phone": "+1 310 555 0003"})
    a.send(b)
    b.send(a)
    b.repo.update("people", ids["jose"], {"phone": "+1 310 555 0004"})  # B has seen A's edit
    b.send(a)
    assert a.dump() == b.dump()
    assert a.conflicts() == [] and b.conflicts() == []


def test_delete_against_a_concurrent_edit_is_a_deleted_conflict(synced):
    a, b, ids = synced
    now = real_ms()
    fixed_walls(a, b, now + 2000, now + 1000)
    b.repo.update("people", ids["jose"], {"phone": "+1 310 555 0009"})
    a.repo.delete("people", ids["jose"])
    from_a, from_b = a.export(), b.export()
    b.import_(from_a)
    a.import_(from_b)
    assert a.dump() == b.dump()
    row = a.repo.get("people", ids["jose"])
    assert row["deleted"] == 1 and row["phone"] == "+1 310 555 0009"
    for laptop in (a, b):
        [conflict] = open_conflicts(laptop, kind="deleted", row_id=ids["jose"])
        assert conflict["winner_value"] == 1 and conflict["loser_value"] == "+1 310 555 0009"


def test_edit_made_after_a_concurrent_delete_is_still_listed(synced):
    a, b, ids = synced
    now = real_ms()
    fixed_walls(a, b, now + 1000, now + 2000)
    a.repo.delete("organizations", ids["cooperative"])
    b.repo.update("organizations", ids["cooperative"], {"notes": "Nueva directiva"})
    a.send(b)
    b.send(a)
    assert a.dump() == b.dump()
    assert a.repo.get("organizations", ids["cooperative"])["deleted"] == 1
    listed = open_conflicts(a, kind="deleted") + open_conflicts(b, kind="deleted")
    assert listed and all(row["loser_value"] == "Nueva directiva" for row in listed)


def test_restoring_a_loser_is_an_edit_that_travels(synced):
    a, b, ids = synced
    now = real_ms()
    fixed_walls(a, b, now + 1000, now + 2000)
    a.repo.update("people", ids["jose"], {"phone": "+1 310 555 0001"})
    b.repo.update("people", ids["jose"], {"phone": "+1 310 555 0002"})
    a.send(b)
    b.send(a)
    a.set_wall(real_ms)
    b.set_wall(real_ms)
    [conflict] = [item for item in conflicts.open_conflicts(b.repo) if item.column == "phone"]
    conflicts.restore_loser(b.repo, conflict)
    b.send(a)
    assert a.repo.get("people", ids["jose"])["phone"] == "+1 310 555 0001"
    assert a.dump() == b.dump()
    assert conflicts.open_conflicts(a.repo) == []  # the restore answered it on A too


def test_keeping_the_winner_travels_and_closes_the_conflict_on_the_other_laptop(synced):
    a, b, ids = synced
    now = real_ms()
    fixed_walls(a, b, now + 1000, now + 2000)
    a.repo.update("people", ids["jose"], {"phone": "+1 310 555 0001"})
    b.repo.update("people", ids["jose"], {"phone": "+1 310 555 0002"})
    a.send(b)
    b.send(a)
    a.set_wall(real_ms)
    b.set_wall(real_ms)
    assert len(conflicts.open_conflicts(a.repo)) == len(conflicts.open_conflicts(b.repo)) == 1
    [conflict] = conflicts.open_conflicts(a.repo)
    conflicts.keep_winner(a.repo, conflict)
    a.send(b)
    assert conflicts.open_conflicts(b.repo) == []
    assert a.repo.get("people", ids["jose"])["phone"] == b.repo.get("people", ids["jose"])["phone"] == "+1 310 555 0002"


def test_a_relay_that_had_not_seen_the_overwritten_value_invents_no_conflict(trio):
    """A edits, sends to B; B overwrites having seen it; C gets B's bundle first and A's later through
    nobody: C must not list A's value as a conflict (B saw it), whoever carried what."""
    a, b, c = trio
    ids = small_registry(a)
    first = a.export()
    b.import_(first)
    c.import_(first)
    a.repo.update("people", ids["ana"], {"phone": "+52 467 955 0001"})
    b.import_(a.export(peer="B"))
    b.repo.update("people", ids["ana"], {"phone": "+52 467 955 0002"})
    c.import_(b.export())  # carries A's edit and B's, and B's word that it held A's
    assert conflicts.open_conflicts(c.repo) == []
    assert c.repo.get("people", ids["ana"])["phone"] == "+52 467 955 0002"


def test_a_concurrent_value_relayed_by_a_laptop_that_saw_it_is_still_a_conflict(trio):
    """A and C edit the same field without seeing each other; B relays A's edit to C after having seen
    C's: C lists A's value exactly once, and so does A when C's arrives."""
    a, b, c = trio
    ids = small_registry(a)
    first = a.export()
    b.import_(first)
    c.import_(first)
    now = real_ms()
    fixed_walls(a, c, now + 1000, now + 2000)
    a.repo.update("people", ids["ana"], {"phone": "+52 467 955 0001"})
    c.repo.update("people", ids["ana"], {"phone": "+52 467 955 0003"})
    b.import_(c.export())
    b.import_(a.export())
    c.import_(b.export())
    c.import_(b.export())  # twice: still once
    a.import_(c.export())
    for laptop in (a, b, c):
        listed = conflicts.open_conflicts(laptop.repo)
        assert [(item.loser_value, item.winner_value) for item in listed] == [("+52 467 955 0001", "+52 467 955 0003")]


# --- clocks that lie -----------------------------------------------------------------------------------------

def test_a_laptop_a_year_ahead_is_refused_and_poisons_nobody(synced):
    """A stamp far ahead of the receiver's clock would push every later edit past it: refused whole."""
    a, b, ids = synced
    saved = a.store.clock
    before = b.full_dump()
    try:
        a.store.clock = HybridClock(wall=lambda: real_ms() + YEAR_MS, millis=saved.millis, counter=saved.counter)
        a.repo.update("people", ids["ana"], {"notes": "Editado con el reloj adelantado"})
        bundle = a.export()
    finally:
        a.store.clock = saved
    with pytest.raises(BundleError) as info:
        b.import_(bundle, dry_run=True)
    assert "ahead" in str(info.value)
    assert refused(b, bundle) == str(info.value)
    assert b.full_dump() == before
    assert b.store.clock.now() < make_stamp(real_ms() + 3600_000, 0)


def test_a_laptop_an_hour_ahead_converges_and_the_preview_warns(synced):
    a, b, ids = synced
    saved = a.store.clock
    try:
        a.store.clock = HybridClock(wall=lambda: real_ms() + 3600_000, millis=saved.millis, counter=saved.counter)
        a.repo.update("people", ids["ana"], {"notes": "Editado con el reloj adelantado"})
        bundle = a.export()
    finally:
        a.store.clock = saved
    preview = b.import_(bundle, dry_run=True)
    assert any("ahead" in warning for warning in preview.warnings)
    b.import_(bundle)
    b.repo.update("people", ids["ana"], {"notes": "Corregido en la oficina"})
    b.send(a)
    a.send(b)
    assert a.dump() == b.dump()
    assert a.repo.get("people", ids["ana"])["notes"] == "Corregido en la oficina"
    assert a.conflicts() == [] and b.conflicts() == []


def test_a_laptop_a_year_behind_orders_its_later_edits_after_what_it_received(synced):
    a, b, ids = synced
    saved = a.store.clock
    try:
        a.store.clock = HybridClock(wall=lambda: real_ms() - YEAR_MS, millis=saved.millis, counter=saved.counter)
        b.repo.update("organizations", ids["club"], {"phone": "+1 310 555 0111"})
        a.import_(b.export())
        a.repo.update("organizations", ids["club"], {"phone": "+1 310 555 0222"})
        a.send(b)
        assert a.dump() == b.dump()
        assert b.repo.get("organizations", ids["club"])["phone"] == "+1 310 555 0222"
        assert a.conflicts() == [] and b.conflicts() == []
    finally:
        a.store.clock = saved


def test_an_honest_clock_gives_no_warning(synced):
    a, b, ids = synced
    a.repo.update("people", ids["ana"], {"notes": "Sin adelanto"})
    assert b.import_(a.export(), dry_run=True).warnings == []


def test_the_clock_restarts_after_the_newest_stamp_received(device):
    """A stamp received from a laptop whose clock runs ahead still orders later local edits after it."""
    import datetime as dt

    from advisor_app.domain.clock import HybridClock
    from advisor_app.store.database import Store

    ahead, here = device("Ahead"), device("Here")
    year = 12 * 3600 * 1000  # half a day: accepted
    ahead.store.clock = HybridClock(wall=lambda: int(dt.datetime.now().timestamp() * 1000) + year)
    ahead.repo.insert("organizations", {"kind": "other", "name": "Desde el futuro"})
    here.import_(ahead.export())
    newest = here.store.conn.execute("SELECT max(hlc) FROM change_log").fetchone()[0]
    path = here.store.path
    here.store.close()
    reopened = Store.open(path)
    try:
        assert reopened.clock.now() > newest
    finally:
        reopened.close()


def test_a_peer_bundle_carried_to_the_wrong_laptop_waits_and_blocks_nothing(device):
    """A bundle for B (which had told A what it holds) carried to C, which never got the records: C keeps
    its data, the entries wait, and a later bundle of everything brings them all."""
    a, b, c = device("A"), device("B"), device("C")
    ids = small_registry(a)
    b.import_(a.export(peer="B"))
    a.import_(b.export(peer="A"))  # B's word: it holds A's feed
    a.repo.update("organizations", ids["club"], {"phone": "+1 310 555 0187"})
    a.repo.update("people", ids["ana"], {"phone": "+52 467 955 0105"})
    meant_for_b = a.export(peer="B")
    before = c.dump()
    report = c.import_(meant_for_b)
    assert report.stats.waiting == 2 and report.stats.new_records == 0
    assert any("wait" in warning for warning in report.warnings)
    assert c.dump() == before
    c.import_(a.export())
    assert c.dump() == a.dump()


def test_a_bundle_of_one_organization_carries_its_plans_with_every_organization_they_name(pair):
    from advisor_app.store.demo import demo_id, load_demo
    from advisor_app.store.plans import duplicate_as_scenario

    a, b = pair
    load_demo(a.repo)
    scenario = duplicate_as_scenario(a.repo, demo_id("plan:investors"), "Sin préstamo")
    bundle = a.export(organization_ids=[demo_id("org:investors")])
    report = b.import_(bundle)
    assert report.applied
    plans = {row_id for (row_id,) in b.store.conn.execute("SELECT id FROM plans")}
    assert plans == {demo_id("plan:investors"), scenario}
    organizations = {row_id for (row_id,) in b.store.conn.execute("SELECT id FROM organizations")}
    # the partner club came with its federation; the cooperative's plan stayed behind
    assert {demo_id("org:club_jerez"), demo_id("org:federation")} <= organizations
    assert demo_id("org:cooperative") not in organizations
    assert b.repo.get("plans", scenario)["funding"] == a.repo.get("plans", scenario)["funding"]
