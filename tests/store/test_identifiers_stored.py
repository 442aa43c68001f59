"""Identifiers as people paste them: stored compact; an RFC with an odd last character is recorded."""

from __future__ import annotations

import pytest

from advisor_app.domain.identifiers import rfc_check_digit
from advisor_app.domain.records import field_spec, warning
from advisor_app.store.errors import ValidationError


def test_curp_and_rfc_with_dashes_and_spaces_are_stored_compact(repo):
    rfc = "HEGG560427AB" + rfc_check_digit("HEGG560427AB")
    person = repo.insert("people", {"given_names": "Gertrudis", "first_surname": "Hernández",
                                    "curp": "hegg-560427-mvzrrl04", "rfc": f"hegg 560427 {rfc[-3:].lower()}"})
    row = repo.get("people", person)
    assert (row["curp"], row["rfc"]) == ("HEGG560427MVZRRL04", rfc)


def test_a_person_whose_rfc_has_an_odd_last_character_can_be_recorded(repo):
    body = "GODE561231GR"
    odd = body + ("9" if rfc_check_digit(body) != "9" else "7")
    person = repo.insert("people", {"given_names": "Diana", "first_surname": "Gómez", "rfc": odd})
    assert repo.get("people", person)["rfc"] == odd
    assert warning(field_spec("people", "rfc"), odd).startswith("The last character of this RFC does not match")


def test_a_homoclave_sat_never_issues_is_still_refused(repo):
    body = "GODE561231ZR"
    with pytest.raises(ValidationError):
        repo.insert("people", {"given_names": "Diana", "first_surname": "Gómez", "rfc": body + rfc_check_digit(body)})
