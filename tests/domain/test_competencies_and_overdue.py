"""Competency rules and when an agreed action is overdue."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from advisor_app.domain.training import (
    COVERED_SHARE,
    CompetencyFileError,
    check_topics,
    competencies,
    competency_map,
    held_problem,
    is_overdue,
)


def test_the_shipped_competencies_are_the_six_of_the_mission_in_order_of_priority():
    assert list(competencies())[:6] == ["business", "finance", "agreements", "market", "leadership", "negotiation"]


def test_a_broken_competencies_file_is_one_sentence(tmp_path):
    broken = tmp_path / "competencies.json"
    broken.write_text('{"competencies": [{"id": "business"}, {"id": "business"}]}', encoding="utf-8")
    with pytest.raises(CompetencyFileError, match="competencies.json"):
        competencies.__wrapped__(broken)


def test_topics_are_competency_ids_and_another_offices_are_kept():
    assert check_topics(["finance", "market"]) is None
    assert check_topics(["beekeeping"]) is None  # from another office's file, in a bundle
    assert check_topics([]) and check_topics([""]) and check_topics(["Cocina!"]) and check_topics([1])


@pytest.mark.parametrize("members, attended, covered", [
    (4, 2, True), (4, 1, False), (5, 3, True), (5, 2, False), (0, 0, False)])
def test_a_competency_is_covered_when_half_the_members_took_part(members, attended, covered):
    found = competency_map(members, {"finance": (attended, dt.date(2026, 10, 1))})
    row = next(row for row in found.rows if row.competency.id == "finance")
    assert row.covered is covered and COVERED_SHARE == 0.5


def test_the_suggestion_is_the_first_gap_in_order_of_priority():
    found = competency_map(4, {"business": (4, dt.date(2026, 9, 1)), "finance": (3, dt.date(2026, 9, 1)),
                               "agreements": (1, dt.date(2026, 10, 1))})
    assert [row.competency.id for row in found.gaps] == ["agreements", "market", "leadership", "negotiation"]
    assert found.suggestion.id == "agreements"
    everything = competency_map(2, {competency: (2, None) for competency in competencies()})
    assert everything.suggestion is None and everything.gaps == ()


def test_a_workshop_in_the_future_cannot_be_held_yet():
    today = dt.date(2026, 11, 25)
    assert held_problem("held", dt.date(2027, 3, 1), today)
    assert held_problem("held", today, today) is None
    assert held_problem("planned", dt.date(2027, 3, 1), today) is None


@pytest.mark.parametrize("due, done, today, overdue", [
    ("2026-11-24", None, "2026-11-25", True),          # due yesterday
    ("2026-11-25", None, "2026-11-25", False),         # due today: not yet
    ("2026-11-26", None, "2026-11-25", False),
    ("2026-11-24", "2026-11-26", "2026-11-30", False),  # done late is done
    (None, None, "2026-11-25", False),                  # no due date, never overdue
    ("2026-12-31", None, "2027-01-01", True),          # across the year
    ("2028-02-28", None, "2028-02-29", True),          # leap day
])
def test_overdue_is_by_calendar_day(due, done, today, overdue):
    parse = lambda value: dt.date.fromisoformat(value) if value else None  # noqa: E731
    assert is_overdue(parse(due), parse(done), parse(today)) is overdue


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time zones are set through TZ here")
@pytest.mark.parametrize("zone", ["America/Los_Angeles", "America/Mexico_City", "UTC", "Pacific/Kiritimati"])
def test_an_action_due_today_is_not_overdue_in_any_time_zone(monkeypatch, zone):
    """The laptop's local date decides, whatever its zone: at 23:30 in Los Angeles it is already tomorrow
    in UTC, and the action due today must not turn overdue then."""
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        today = dt.date.today()
        assert not is_overdue(today, None, today)
        assert is_overdue(today - dt.timedelta(days=1), None, today)
    finally:
        monkeypatch.undo()
        time.tzset()
