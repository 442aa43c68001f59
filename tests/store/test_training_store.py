"""Workshops, attendance, sessions and actions in the store: bad input refused with a sentence, the
competency map and the dashboard figures."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor_app.store import training
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.errors import StoreError

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def demo(repo):
    load_demo(repo, today=TODAY)
    return repo


def test_the_demo_has_three_workshops_and_an_overdue_action(demo):
    workshops = training.list_workshops(demo.conn)
    assert [(row["status"], row["expected"], row["attended"]) for row in workshops] == [
        ("planned", 5, 0), ("held", 4, 3), ("held", 7, 5)]
    assert [row["held_on"] for row in training.list_workshops(demo.conn, upcoming_from=TODAY)] == ["2026-12-05"]
    overdue = training.open_actions(demo.conn, TODAY, overdue_only=True)
    assert [row["description"] for row in overdue] == ["Pedir dos cotizaciones del molino de chile"]
    assert len(training.open_actions(demo.conn, TODAY)) == 2


def test_a_workshop_far_in_the_future_cannot_be_marked_held(demo):
    workshop = demo_id("workshop:market")
    # The demo is dated around a fixed day; the rule reads the real calendar.
    demo.update("workshops", workshop, {"held_on": (dt.date.today() + dt.timedelta(days=30)).isoformat()})
    with pytest.raises(StoreError, match="cannot be marked as held yet"):
        demo.update("workshops", workshop, {"status": "held"})
    assert demo.get("workshops", workshop)["status"] == "planned"
    with pytest.raises(StoreError, match="cannot be marked as held yet"):
        demo.insert("workshops", {"title": "Futuro", "topics": ["market"], "held_on": "2030-01-01",
                                  "status": "held"})


def test_a_workshop_needs_known_competencies_and_sensible_hours(demo):
    with pytest.raises(StoreError, match="competency"):
        demo.insert("workshops", {"title": "Cocina", "topics": [], "held_on": "2026-11-01"})
    with pytest.raises(StoreError, match="200 hours"):
        demo.insert("workshops", {"title": "Largo", "topics": ["market"], "held_on": "2026-11-01", "hours": "500"})


def test_ticking_an_organization_puts_each_member_on_the_list_once(demo):
    workshop = demo_id("workshop:market")
    before = len(training.attendance(demo.conn, workshop))
    members = [member["id"] for member in training.members_of(demo.conn, demo_id("org:investors"))]
    added = training.add_attendees(demo, workshop, members, demo_id("org:investors"))
    assert added == 3  # p11 was already on the list
    assert len(training.attendance(demo.conn, workshop)) == before + 3
    assert training.add_attendees(demo, workshop, members) == 0


def test_an_attendee_deleted_meanwhile_is_refused_and_the_list_keeps_who_came(demo):
    person = demo_id("person:p12")
    demo.delete("people", person)
    with pytest.raises(StoreError, match="removed from the registry"):
        training.add_attendees(demo, demo_id("workshop:market"), [person])
    rows = training.attendance(demo.conn, demo_id("workshop:plan"))
    removed = next(row for row in rows if row["person_id"] == person)
    assert removed["removed"] == 1 and removed["attended"] == 1


def test_an_action_needs_a_responsible_person(demo):
    with pytest.raises(StoreError, match="Responsible person is required"):
        demo.insert("session_actions", {"session_id": demo_id("session:investors"), "description": "Algo"})
    with pytest.raises(StoreError, match="removed from the registry"):
        demo.delete("people", demo_id("person:p01"))
        demo.insert("session_actions", {"session_id": demo_id("session:investors"), "description": "Algo",
                                        "responsible_id": demo_id("person:p01")})


def test_the_competency_map_counts_members_who_came_to_held_workshops(demo):
    found = training.competency_map_of(demo.conn, demo_id("org:investors"))
    rows = {row.competency.id: row for row in found.rows}
    assert (rows["business"].members_covered, rows["business"].members) == (3, 4)
    assert rows["agreements"].last == dt.date(2026, 11, 5)
    assert rows["market"].members_covered == 0 and not rows["market"].covered  # planned, not held yet
    assert found.suggestion.id == "market"
    # Once the market workshop is held and the group comes, the gap closes.
    workshop = demo_id("workshop:market")
    demo.update("workshops", workshop, {"held_on": "2026-11-20", "status": "held"})
    members = [member["id"] for member in training.members_of(demo.conn, demo_id("org:investors"))]
    training.add_attendees(demo, workshop, members)
    for row in training.attendance(demo.conn, workshop):
        if row["person_id"] in members:
            demo.update("workshop_attendance", row["id"], {"attended": 1})
    rows = {row.competency.id: row for row in training.competency_map_of(demo.conn, demo_id("org:investors")).rows}
    assert rows["market"].covered and rows["negotiation"].covered


def test_the_dashboard_counts(demo):
    figures = training.dashboard(demo.store, TODAY)
    assert (figures.organizations, figures.people) == (6, 25)
    assert figures.plans_by_status == {"draft": 1, "in_review": 1}
    assert (figures.agreements_to_sign, figures.overdue_actions, figures.workshops_held) == (1, 1, 2)
    assert [row["title"] for row in figures.upcoming_workshops] == ["Vender fuera de la comunidad: mercado y precios"]
    assert figures.unsent_changes == demo.store.unexported_changes() > 0


def test_nothing_is_added_to_a_deleted_workshop_or_session(demo):
    demo.delete("workshops", demo_id("workshop:market"))
    with pytest.raises(StoreError, match="deleted"):
        training.add_attendees(demo, demo_id("workshop:market"), [demo_id("person:p20")])
    demo.delete("advisory_sessions", demo_id("session:cooperative"))
    with pytest.raises(StoreError, match="deleted"):
        demo.insert("session_actions", {"session_id": demo_id("session:cooperative"), "description": "Algo",
                                        "responsible_id": demo_id("person:p13")})


def test_a_person_taken_off_a_list_and_added_again_is_one_row(demo):
    workshop = demo_id("workshop:market")
    person = demo_id("person:p20")
    training.add_attendees(demo, workshop, [person])
    row = next(row for row in training.attendance(demo.conn, workshop) if row["person_id"] == person)
    demo.delete("workshop_attendance", row["id"])
    training.add_attendees(demo, workshop, [person])
    rows = [row for row in training.attendance(demo.conn, workshop) if row["person_id"] == person]
    assert [item["id"] for item in rows] == [row["id"]]
