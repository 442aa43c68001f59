"""The English beside the Spanish and a person's stated form travel in bundles like every field, and a
bundle carrying a value the editor would refuse is refused whole."""

from __future__ import annotations

import pytest
from sync_helpers import handmade_bundle, line, refused

from advisor_app.store import agreements
from advisor_app.store.demo import demo_id, load_demo

READY = demo_id("agreement:partnership")
GOOD = line("people", "per-1", {"given_names": "Ana", "first_surname": "Robles", "residence_country": "MX"})


def test_english_fields_and_a_stated_form_make_the_round_trip(pair):
    a, b = pair
    load_demo(a.repo)
    agreement_id = agreements.create_agreement(a.repo, "cofinancing", demo_id("org:club_jerez"), None)
    agreements.edit_agreement(a.repo, agreement_id, {"title": "Convenio del lienzo charro",
                                                     "title_en": "Agreement on the charro arena"})
    agreements.set_parameter_english(a.repo, agreement_id, "project_name", "Repair of the charro arena")
    authority = next(row for row in agreements.party_rows(a.repo.conn, agreement_id) if row["kind"] == "authority")
    agreements.edit_party(a.repo, authority["id"], {"authority_name_en": "Town of Jerez",
                                                    "representative_title_en": "mayor"})
    person = a.repo.conn.execute("SELECT id FROM people WHERE deleted = 0 ORDER BY id LIMIT 1").fetchone()[0]
    a.repo.update("people", person, {"grammatical_form": "neutral"})
    a.send(b)
    assert b.dump() == a.dump()
    row = b.repo.get("agreements", agreement_id)
    assert (row["title_en"], row["parameters_en"]) == ("Agreement on the charro arena",
                                                       '{"project_name":"Repair of the charro arena"}')
    party = b.repo.get("agreement_parties", authority["id"])
    assert (party["authority_name_en"], party["representative_title_en"]) == ("Town of Jerez", "mayor")
    assert b.repo.get("people", person)["grammatical_form"] == "neutral"
    assert agreements.draft_of(b.repo, agreement_id) == agreements.draft_of(a.repo, agreement_id)
    # Edited on the other laptop, it comes back.
    agreements.set_parameter_english(b.repo, agreement_id, "project_name", "Repair of the arena")
    b.send(a)
    assert agreements.draft_of(a.repo, agreement_id).parameters_en == {"project_name": "Repair of the arena"}


REFUSED = [
    ("people", "grammatical_form", "plural", "Form of address in documents"),
    ("people", "grammatical_form", "Feminine", "Form of address in documents"),
    ("agreements", "parameters_en", '["not", "an", "object"]', "Terms in English"),
    ("agreements", "parameters_en", '{"project_name": 5}', "Terms in English"),
    ("agreements", "title_en", "x" * 201, "Title in English"),
    ("agreement_parties", "authority_name_en", "x" * 201, "Authority in English"),
    ("agreement_parties", "representative_title_en", "  mayor", "Signatory's position in English"),
]


@pytest.mark.parametrize("table, column, value, field", REFUSED, ids=[f"{case[1]}={case[2]!r:.16}" for case in REFUSED])
def test_a_bad_english_field_or_form_is_refused_from_a_bundle(laptops, tmp_path, table, column, value, field):
    a, b, _c = laptops
    bundle = handmade_bundle(tmp_path / "refused.advbundle", a.store, GOOD + line(table, "row-1", {column: value}))
    message = refused(b, bundle)
    assert message.startswith("Line 2 ") and field in message
