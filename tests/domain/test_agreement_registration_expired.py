"""A club party whose toma de nota has expired, as the registry records it, is named: it must be valid on
the day of signing (the date written for it, else today), and it keeps the agreement from being marked
reviewed while a draft still prints."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from advisor_app.domain.agreements.assembly import Draft, Party
from advisor_app.domain.agreements.checks import problems
from advisor_app.domain.agreements.library import load_library
from advisor_app.i18n import speaking

TODAY = dt.date(2026, 12, 5)


@pytest.fixture(autouse=True)
def source_language():
    with speaking("en"):
        yield


def partnership(club_valid_until: dt.date | None, **changes) -> Draft:
    template = load_library()["partnership"]
    club = Party("c", "organization", "Club Jerezanos de Lynwood", "partner", True, "INE 1234567890123",
                 "Rosa Pérez", "presidenta", registration_valid_until=club_valid_until)
    return dataclasses.replace(Draft(template, parameters={}, parties=(club,), today=TODAY), **changes)


def registration_problems(draft: Draft):
    return [problem for problem in problems(draft) if "toma de nota" in problem.message]


def test_an_expired_registration_is_named_on_its_party_and_is_not_a_hole():
    found = registration_problems(partnership(dt.date(2026, 11, 30)))
    assert [problem.message for problem in found] == [
        "Club Jerezanos de Lynwood: its consular registration (toma de nota) expired on November 30, 2026, as the "
        "registry records it; it must be valid on the day of signing (December 5, 2026), so renew it and write the "
        "new date in the organization's record."]
    assert found[0].target == ("party", "c") and not found[0].hole


@pytest.mark.parametrize("valid_until", [dt.date(2026, 12, 5), dt.date(2027, 1, 1), None])
def test_a_registration_valid_today_or_unknown_is_not_named(valid_until):
    assert registration_problems(partnership(valid_until)) == []


def test_the_day_of_signing_is_the_date_written_for_it():
    planned = partnership(dt.date(2027, 1, 15), signed_on=dt.date(2027, 2, 1))
    assert "(February 1, 2027)" in registration_problems(planned)[0].message
    signed_while_valid = partnership(dt.date(2026, 11, 30), signed_on=dt.date(2026, 11, 20), status="signed")
    assert registration_problems(signed_while_valid) == []


def test_a_removed_party_is_named_as_removed_only():
    draft = partnership(dt.date(2026, 1, 1))
    removed = dataclasses.replace(draft, parties=(dataclasses.replace(draft.parties[0], removed=True),))
    assert registration_problems(removed) == []


def test_the_cofinancing_term_of_the_same_date_names_it_once():
    template = load_library()["cofinancing"]
    club = Party("c", "organization", "Club Jerezanos de Lynwood", "club", True, "INE 1234567890123", "Rosa Pérez",
                 "presidenta", registration_valid_until=dt.date(2026, 10, 31))
    draft = Draft(template, parameters={"club_registration_valid_until": "2026-10-31"}, parties=(club,), today=TODAY)
    assert sum("expired on" in problem.message for problem in problems(draft)) == 1
