"""The registry's date of a club's toma de nota reaches the agreement's checks: an expired one keeps the
agreement from being marked reviewed (so from a final print), while the draft still prints."""

from __future__ import annotations

import pytest

from advisor_app.store import agreements
from advisor_app.store.agreements import AgreementProblems
from advisor_app.store.demo import demo_id, load_demo


@pytest.fixture(autouse=True)
def in_english(english):
    """Sentences in the source language."""


def test_an_expired_club_party_blocks_review_but_not_the_draft(repository):
    load_demo(repository)
    club = demo_id("org:club_jerez")
    agreement_id = agreements.create_agreement(repository, "cofinancing", club, None)
    for party in agreements.party_rows(repository.conn, agreement_id):
        agreements.edit_party(repository, party["id"], {"id_number": "INE 1234567890123"})
    repository.update("organizations", club, {"registration_valid_until": "2020-01-31"})
    draft = agreements.draft_of(repository, agreement_id)
    club_party = next(party for party in draft.parties if party.kind == "organization")
    assert str(club_party.registration_valid_until) == "2020-01-31"
    with pytest.raises(AgreementProblems) as refused:
        agreements.mark_reviewed(repository, agreement_id)
    assert any("toma de nota) expired on" in problem.message for problem in refused.value.problems)
    found = [problem for problem in agreements.problems(draft) if "toma de nota" in problem.message]
    assert found and not any(problem.hole for problem in found)
    repository.update("organizations", club, {"registration_valid_until": "2099-01-31"})
    draft = agreements.draft_of(repository, agreement_id)
    assert not [problem for problem in agreements.problems(draft) if "toma de nota" in problem.message]
