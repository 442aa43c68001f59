"""The English fields are saved through the repository like every field, print in the English PDF and its
metadata, and a version sealed with Spanish marked as not translated is not printed in English. A
person's stated form comes before the CURP, in the registry and in the agreement."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pypdf import PdfReader

from advisor_app.domain.agreements.checks import problems
from advisor_app.reports import render_agreement
from advisor_app.store import agreements
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.errors import StoreError
from advisor_app.store.repository import ValidationError

READY = demo_id("agreement:partnership")


@pytest.fixture(autouse=True)
def screen_in_english():
    """The screen in English, so what the app writes into a draft is Spanish from the catalog."""
    from advisor_app import i18n

    i18n.set_language("en")


@pytest.fixture
def demo(repo):
    load_demo(repo)
    return repo


def text_of(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def cofinancing(repo) -> str:
    agreement_id = agreements.create_agreement(repo, "cofinancing", demo_id("org:club_jerez"), None,
                                               today=dt.date(2026, 11, 25))
    values = {"fiscal_year": "2027", "project_name": "Rehabilitación del lienzo charro",
              "project_description": "Techar las gradas.", "locality": "Jerez", "municipality": "Jerez",
              "state": "Zacatecas", "total_investment": "400000", "club_contribution": "100000",
              "federal_contribution": "100000", "state_contribution": "100000", "municipal_contribution": "100000",
              "start_date": "2027-02-01", "end_date": "2027-11-30", "executor": "La presidencia municipal",
              "maintenance_party": "El comité de la obra", "club_registration_number": "LA-2025-118",
              "club_registration_valid_until": "2028-06-30", "jurisdiction_city": "Zacatecas",
              "jurisdiction_state": "Zacatecas"}
    for name, value in values.items():
        agreements.set_parameter(repo, agreement_id, name, value)
    for number, party in enumerate(agreements.party_rows(repo.conn, agreement_id), 1):
        agreements.edit_party(repo, party["id"], {"id_number": f"INE {1000000000000 + number}",
                                                  "representative": party["representative"] or f"Firmante {number}"})
    agreements.edit_agreement(repo, agreement_id, {"title": "Convenio del lienzo charro de Jerez", "language": "en"})
    return agreement_id


def test_english_fields_are_saved_and_logged(demo):
    agreement_id = cofinancing(demo)
    agreements.edit_agreement(demo, agreement_id, {"title_en": "Agreement on the charro arena"})
    assert agreements.set_parameter_english(demo, agreement_id, "project_name", "Repair of the charro arena")
    assert not agreements.set_parameter_english(demo, agreement_id, "project_name", "Repair of the charro arena ")
    row = demo.get("agreements", agreement_id)
    assert row["title_en"] == "Agreement on the charro arena"
    assert json.loads(row["parameters_en"]) == {"project_name": "Repair of the charro arena"}
    logged = [json.loads(fields) for (fields,) in demo.conn.execute(
        "SELECT fields FROM change_log WHERE row_id = ? ORDER BY seq", (agreement_id,))]
    assert {"title_en": "Agreement on the charro arena"} in logged
    assert any("parameters_en" in fields for fields in logged)


@pytest.mark.parametrize("value", [["a list"], {"project_name": 5}, "not json"])
def test_english_terms_that_are_not_text_for_each_term_are_refused(demo, value):
    agreement_id = cofinancing(demo)
    with pytest.raises(ValidationError):
        agreements.edit_agreement(demo, agreement_id, {"parameters_en": value})
    assert demo.get("agreements", agreement_id)["parameters_en"] is None


def test_the_english_pdf_prints_the_english_in_text_header_and_metadata(demo, tmp_path):
    agreement_id = cofinancing(demo)
    draft = agreements.draft_of(demo, agreement_id)
    assert [problem.target for problem in problems(draft) if problem.target[0] == "english"] == [
        ("english", "title"), ("english", "parameter:project_name"), ("english", "parameter:project_description"),
        ("english", "parameter:executor"), ("english", "parameter:maintenance_party")]
    # A draft with English missing still prints, the Spanish marked.
    text = text_of(render_agreement(demo, agreement_id, "en", tmp_path / "missing.pdf"))
    assert "[in Spanish, not translated: Rehabilitación del lienzo charro]" in text
    agreements.edit_agreement(demo, agreement_id, {"title_en": "Agreement on the charro arena of Jerez"})
    for name, english in {"project_name": "Repair of the charro arena", "project_description": "Roof the stands.",
                          "executor": "The municipal presidency", "maintenance_party": "The works committee"}.items():
        agreements.set_parameter_english(demo, agreement_id, name, english)
    assert [problem for problem in problems(agreements.draft_of(demo, agreement_id))
            if problem.target[0] == "english"] == []
    out = render_agreement(demo, agreement_id, "en", tmp_path / "english.pdf")
    text = text_of(out)
    for english in ("Agreement on the charro arena of Jerez", "Repair of the charro arena", "Roof the stands.",
                    "the Municipality", "municipal president", "municipal trustee (síndico)",
                    "the State government", "the Secretariat of Welfare", "secretary of the town council"):
        assert english in text, english
    for spanish in ("lienzo charro", "Municipio", "presidente municipal", "Secretaría", "Gobierno", "not translated"):
        assert spanish not in text, spanish
    assert PdfReader(str(out)).metadata.title == "Agreement on the charro arena of Jerez"
    both = text_of(render_agreement(demo, agreement_id, "both", tmp_path / "both.pdf"))
    assert "Convenio del lienzo charro de Jerez" in both and "Agreement on the charro arena of Jerez" in both
    assert "el Municipio" in both and "the Municipality" in both
    spanish = text_of(render_agreement(demo, agreement_id, "es", tmp_path / "spanish.pdf"))
    assert "Agreement on the charro arena" not in spanish and "Rehabilitación del lienzo charro" in spanish


def test_a_version_reviewed_in_spanish_only_is_not_printed_in_english_with_spanish_in_it(demo, tmp_path):
    agreement_id = cofinancing(demo)
    agreements.edit_agreement(demo, agreement_id, {"language": "es"})
    agreements.mark_reviewed(demo, agreement_id)
    assert render_agreement(demo, agreement_id, "es", tmp_path / "es.pdf").exists()
    with pytest.raises(StoreError, match="print it in Spanish, or write the English"):
        render_agreement(demo, agreement_id, "en", tmp_path / "en.pdf")
    assert not (tmp_path / "en.pdf").exists()
    # The English written opens version 2 as a draft, which prints.
    agreements.edit_agreement(demo, agreement_id, {"title_en": "Agreement on the charro arena"})
    assert demo.get("agreements", agreement_id)["version"] == 2


def test_the_demo_agreement_reviewed_in_both_languages_prints_all_english(demo, tmp_path):
    text = text_of(render_agreement(demo, READY, "en", tmp_path / "demo.pdf"))
    assert "Joint venture agreement of the El Cargadero dried chile plant" in text
    assert "not translated" not in text and "Asamblea de socios" not in text


def test_a_stated_form_comes_before_the_curp_in_the_registry_and_the_agreement(demo):
    agreement_id = agreements.create_agreement(demo, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"), today=dt.date(2026, 11, 25))
    draft = agreements.draft_of(demo, agreement_id)
    woman = next(party for party in draft.parties if party.form == "feminine")
    row = next(row for row in agreements.party_rows(demo.conn, agreement_id) if row["id"] == woman.key)
    demo.update("people", row["person_id"], {"grammatical_form": "neutral"})
    party = next(party for party in agreements.draft_of(demo, agreement_id).parties if party.key == woman.key)
    assert party.form == "neutral"
    demo.update("people", row["person_id"], {"grammatical_form": "masculine"})
    party = next(party for party in agreements.draft_of(demo, agreement_id).parties if party.key == woman.key)
    assert party.form == "masculine"
    demo.update("people", row["person_id"], {"grammatical_form": None})
    party = next(party for party in agreements.draft_of(demo, agreement_id).parties if party.key == woman.key)
    assert party.form == "feminine"
    with pytest.raises(ValidationError):
        demo.update("people", row["person_id"], {"grammatical_form": "plural"})


@pytest.mark.parametrize("form, spanish, english", [
    (None, "presidenta", "president"), ("masculine", "presidente", "president"),
    ("neutral", "titular de la presidencia", "president")])
def test_a_presidents_stated_form_gives_the_office_in_both_languages(demo, tmp_path, form, spanish, english):
    president = demo.conn.execute("SELECT person_id FROM memberships WHERE organization_id = ? AND role = 'president'",
                                  (demo_id("org:club_jerez"),)).fetchone()[0]
    demo.update("people", president, {"grammatical_form": form})
    agreement_id = agreements.create_agreement(demo, "cofinancing", demo_id("org:club_jerez"), None,
                                               today=dt.date(2026, 11, 25))
    club = next(party for party in agreements.draft_of(demo, agreement_id).parties if party.kind == "organization")
    assert club.representative_title == spanish
    from advisor_app.domain.agreements.assembly import office_text
    assert office_text(club, "en") == (english, True)
