"""Clause conditions, parameter filling and the checks that keep holes out of a printed agreement."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from advisor_app import i18n
from advisor_app.domain.agreements.assembly import (
    Draft,
    Party,
    PlanFacts,
    active_clauses,
    assemble,
)
from advisor_app.domain.agreements.checks import problems
from advisor_app.domain.agreements.document import Document, content_hash
from advisor_app.domain.agreements.library import LibraryError, load_library, load_template

TEMPLATE = '''
id = "tiny"
prefix = "TIN"
share_roles = ["partner"]
title = { es = "Contrato de prueba", en = "Test agreement" }
description = { es = "Para pruebas.", en = "For tests." }
[roles.partner]
es = "Socio"
en = "Partner"
[roles.witness]
es = "Testigo"
en = "Witness"

[[parameters]]
name = "business_name"
kind = "text"
label = { es = "Nombre del negocio", en = "Business name" }
[[parameters]]
name = "investment"
kind = "money"
label = { es = "Inversión total", en = "Total investment" }
[[parameters]]
name = "years"
kind = "integer"
default = "5"
label = { es = "Años", en = "Years" }
[[parameters]]
name = "club_part"
kind = "money"
label = { es = "Parte del club", en = "Club's part" }
[[parameters]]
name = "town_part"
kind = "money"
label = { es = "Parte del municipio", en = "Town's part" }
[[totals]]
total = "investment"
parts = ["club_part", "town_part"]
[[parameters]]
name = "loan_amount"
kind = "money"
label = { es = "Monto del crédito", en = "Loan amount" }

[[clauses]]
id = "object"
heading = { es = "Objeto", en = "Purpose" }
es = "Las partes operarán {business_name} con una inversión de {investment}."
en = "The parties will run {business_name} with an investment of {investment}."
[[clauses]]
id = "shares"
heading = { es = "Aportaciones", en = "Contributions" }
es = """Los {partner_count} socios aportan {total_contributions}:

{contributions}"""
en = """The {partner_count} partners contribute {total_contributions}:

{contributions}"""
[[clauses]]
id = "loan"
heading = { es = "Crédito", en = "Loan" }
optional = true
condition = "plan_has_loan"
es = "Las partes pagarán el crédito de {loan_amount}."
en = "The parties will repay the loan of {loan_amount}."
[[clauses]]
id = "abroad"
heading = { es = "Socios en el extranjero", en = "Partners abroad" }
optional = true
condition = "party_abroad"
es = "Se informará cada mes a {abroad_partners}."
en = "{abroad_partners} will be informed every month."
[[clauses]]
id = "cofinancing"
heading = { es = "Cofinanciamiento", en = "Co-financing" }
optional = true
default = false
es = "El club aporta {club_part} y el municipio {town_part}."
en = "The club contributes {club_part} and the town {town_part}."
[[clauses]]
id = "confidentiality"
heading = { es = "Confidencialidad", en = "Confidentiality" }
optional = true
default = false
es = "Las partes guardarán reserva durante {years} años."
en = "The parties will keep confidentiality for {years} years."
'''


def missing_marks(document: Document) -> bool:
    """Whether an assembled document still shows a hole ``[Label]``."""
    return any(re.search(r"\[[^\]]+\]", paragraph) for clause in document.clauses for paragraph in clause.paragraphs)


@pytest.fixture(autouse=True)
def screen_in_english():
    """Problems speak the screen's language; these tests read them in English."""
    i18n.set_language("en")


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return load_template(path)


def partner(key, name, share, contribution, country="MX", signs=True, id_number="INE 123"):
    return Party(key, "person", name, "partner", signs, id_number, residence_country=country,
                 address="Jerez, Zacatecas" if country == "MX" else "Lynwood, United States",
                 contribution=None if contribution is None else Decimal(contribution),
                 share_pct=None if share is None else Decimal(share))


def good_draft(tiny, **changes):
    values = dict(template=tiny, folio="TIN-2026-ABC123", parameters={
        "business_name": "Salsas El Cargadero", "investment": "150000", "years": "5", "loan_amount": "60000"},
        parties=(partner("p1", "Ángela Núñez Peña", "60", "90000"),
                 partner("p2", "José Ruvalcaba", "40", "60000", country="US")),
        plan=PlanFacts(linked=True, has_loan=True))
    values.update(changes)
    return Draft(**values)


def test_a_complete_draft_has_no_problems_and_fills_every_value(tiny):
    draft = good_draft(tiny)
    assert problems(draft) == []
    spanish = assemble(draft, "es")
    text = " ".join(paragraph for clause in spanish.clauses for paragraph in clause.paragraphs)
    assert "$150,000.00 (ciento cincuenta mil pesos 00/100 M.N.)" in text
    assert "Ángela Núñez Peña: $90,000.00 (noventa mil pesos 00/100 M.N.)" in text
    assert "60%" in text and "Los 2 socios" in text
    assert not missing_marks(spanish)
    english = assemble(draft, "en")
    assert "one hundred fifty thousand pesos 00/100 M.N." in " ".join(english.clauses[0].paragraphs)
    assert [clause.clause_id for clause in spanish.clauses] == [clause.clause_id for clause in english.clauses]
    assert english.title == "Test agreement" and spanish.title == "Contrato de prueba"


def test_conditions_decide_which_optional_clauses_print_and_they_are_numbered_in_order(tiny):
    draft = good_draft(tiny)
    assert [clause.id for clause in active_clauses(draft)] == ["object", "shares", "loan", "abroad"]
    only_mexico = good_draft(tiny, plan=PlanFacts(linked=True), parties=(partner("p1", "Ana", "100", "150000"),))
    assert [clause.id for clause in active_clauses(only_mexico)] == ["object", "shares"]
    switched = good_draft(tiny, switched={"confidentiality": True, "abroad": False})
    document = assemble(switched, "es")
    assert [(clause.number, clause.clause_id) for clause in document.clauses] == [
        (1, "object"), (2, "shares"), (3, "loan"), (4, "confidentiality")]


def test_parts_must_add_up_to_their_total_when_printed(tiny):
    values = {**good_draft(tiny).parameters, "club_part": "100000", "town_part": "40000"}
    assert problems(good_draft(tiny, parameters=values)) == []  # the clause is off: nothing to compare
    draft = good_draft(tiny, parameters=values, switched={"cofinancing": True})
    assert [problem.message for problem in problems(draft)] == [
        "Clause 1 (Purpose): the contributions add up to $140,000.00, but “Total investment” is $150,000.00."]
    fixed = good_draft(tiny, parameters={**values, "town_part": "50000"}, switched={"cofinancing": True})
    assert problems(fixed) == []


def test_the_partners_abroad_are_named(tiny):
    document = assemble(good_draft(tiny), "en")
    abroad = next(clause for clause in document.clauses if clause.clause_id == "abroad")
    assert abroad.paragraphs == ("José Ruvalcaba will be informed every month.",)


def test_shares_that_do_not_add_up_name_the_clause(tiny):
    draft = good_draft(tiny, parties=(partner("p1", "Ana", "60", "90000"), partner("p2", "Luis", "30", "60000")))
    messages = [problem.message for problem in problems(draft)]
    assert messages == ["Clause 2 (Contributions): the shares add up to 90%; they must add up to 100%."]
    missing = good_draft(tiny, parties=(partner("p1", "Ana", "60", "90000"), partner("p2", "Luis", None, "60000")))
    assert [(problem.message, problem.field) for problem in problems(missing)] == [
        ("Clause 2 (Contributions): the share of Luis is empty.", "share_pct")]


def test_witnesses_sign_but_are_not_parties(tiny):
    witness = Party("w1", "person", "Rosa Díaz", "witness", True, "INE 9", residence_country="US")
    document = assemble(good_draft(tiny, parties=(partner("p1", "Ana", "100", "150000"), witness)), "es")
    assert "Rosa Díaz" not in document.preamble and len(document.declarations) == 1
    assert [signatory.name for signatory in document.signatories] == ["Ana", "Rosa Díaz"]
    assert document.signatories[1].role == "Testigo"
    # A witness living abroad does not make the clause for partners abroad apply.
    assert "abroad" not in [clause.clause_id for clause in document.clauses]


def test_contributions_in_dollars_are_written_in_dollars_and_summed_apart(tiny):
    dollars = Party("p2", "person", "José Ruvalcaba", "partner", True, "INE 2", residence_country="US",
                    contribution=Decimal("6000"), share_pct=Decimal("40"), currency="USD")
    document = assemble(good_draft(tiny, parties=(partner("p1", "Ana", "60", "90000"), dollars)), "es")
    text = " ".join(document.clauses[1].paragraphs)
    assert "José Ruvalcaba: US$6,000.00 (seis mil dólares 00/100 USD)" in text
    assert "$90,000.00 (noventa mil pesos 00/100 M.N.) y US$6,000.00 (seis mil dólares 00/100 USD)" in text


def test_dates_are_read_day_first_or_year_first():
    from advisor_app.domain.agreements.assembly import parse_value

    assert parse_value("date", "25/11/2026")[0] == parse_value("date", "2026-11-25")[0] == dt.date(2026, 11, 25)
    assert parse_value("date", "31/02/2026")[1]


def test_an_empty_parameter_names_the_clause_and_the_field(tiny):
    draft = good_draft(tiny, parameters={"business_name": "", "investment": "mucho", "years": "5"})
    found = problems(draft)
    assert [problem.message for problem in found] == [
        "Clause 1 (Purpose): “Business name” is empty.",
        "Clause 1 (Purpose), “Total investment”: write a number, such as 150000 or 12.5.",
        "Clause 3 (Loan): “Loan amount” is empty."]
    assert found[0].target == ("parameter", "business_name")
    assert "[Business name]" in assemble(draft, "en").clauses[0].paragraphs[0]


def test_a_signatory_without_an_id_and_a_removed_party_are_refused(tiny):
    removed = Party("p3", "person", "Rosa Díaz", "witness", True, "INE 9", removed=True)
    draft = good_draft(tiny, parties=(partner("p1", "Ana", "100", "150000", id_number=""), removed))
    messages = [problem.message for problem in problems(draft)]
    assert "Rosa Díaz has been removed from the registry: restore the record or take the party off the agreement." \
        in messages
    assert "Signature of Ana: the signatory's ID number is missing." in messages


def test_an_organization_signs_through_its_representative(tiny):
    club = Party("c1", "organization", "Club Jerezanos de Lynwood", "witness", True, "INE 5", "", "", "US")
    draft = good_draft(tiny, parties=(partner("p1", "Ana", "100", "150000"), club))
    assert "Signature of Club Jerezanos de Lynwood: write who signs on its behalf." in [
        problem.message for problem in problems(draft)]
    signed = good_draft(tiny, parties=(partner("p1", "Ana", "100", "150000"),
                                       Party("c1", "organization", "Club Jerezanos", "witness", True, "INE 5",
                                             "Pedro Ruvalcaba", "Presidente", "US")))
    signatories = assemble(signed, "es").signatories
    assert signatories[1].name == "Pedro Ruvalcaba" and signatories[1].on_behalf_of == "el Club Jerezanos"
    assert signatories[1].role == "Presidente" and signatories[1].id_line.endswith("INE 5")


def test_nobody_signing_is_a_problem(tiny):
    draft = good_draft(tiny, parties=(partner("p1", "Ana", "100", "150000", signs=False),))
    assert problems(draft)[0].message == "Nobody signs this agreement yet: mark at least one party as a signatory."


def test_a_clause_that_needs_a_deleted_plan_is_named(tiny):
    draft = good_draft(tiny, plan=PlanFacts(linked=True, missing=True))
    assert "Clause “Loan” depends on the business plan, which has been deleted: choose another plan or switch the " \
           "clause off." in [problem.message for problem in problems(draft)]
    no_plan = good_draft(tiny, plan=PlanFacts(), switched={"loan": True})
    assert "Clause “Loan” applies only when the plan has a loan: choose the plan or switch the clause off." in [
        problem.message for problem in problems(no_plan)]


def test_the_hash_follows_the_text_not_the_status_or_the_signing_place(tiny):
    documents = {language: assemble(good_draft(tiny), language) for language in ("es", "en")}
    ready = {language: assemble(good_draft(tiny, status="ready", signed_place="Jerez", signed_on=dt.date(2026, 11, 1)),
                                language) for language in ("es", "en")}
    assert content_hash(documents) == content_hash(ready)
    changed = {language: assemble(good_draft(tiny, parameters={**good_draft(tiny).parameters, "investment": "150001"}),
                                  language) for language in ("es", "en")}
    assert content_hash(changed) != content_hash(documents)
    round_trip = {language: Document.from_dict(document.as_dict()) for language, document in documents.items()}
    assert content_hash(round_trip) == content_hash(documents)


def test_place_and_date_are_blank_lines_until_known(tiny):
    assert "____" in assemble(good_draft(tiny), "es").place_and_date
    signed = assemble(good_draft(tiny, signed_place="Jerez, Zacatecas", signed_on=dt.date(2026, 11, 25)), "es")
    assert signed.place_and_date == "Firmado en Jerez, Zacatecas, el 25 de noviembre de 2026."


@pytest.mark.parametrize("broken, fragment", [
    ("id = 'x'\n", "roles"),
    (TEMPLATE.replace("{business_name} con", "{nombre} con"), "{nombre}"),
    (TEMPLATE.replace('condition = "plan_has_loan"', 'condition = "rainy_day"'), "rainy_day"),
    (TEMPLATE.replace('en = "Test agreement"', 'en = ""'), "Spanish and an English"),
    ("id = [", "cannot be read"),
])
def test_a_broken_library_file_is_refused_with_a_sentence(tmp_path, broken, fragment):
    path = tmp_path / "broken.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(LibraryError) as error:
        load_template(path)
    assert fragment in str(error.value) and "broken.toml" in str(error.value)


def test_the_shipped_library_loads_with_the_three_templates():
    library = load_library()
    assert {"partnership", "co_investment", "cofinancing"} <= set(library)
    for template in library.values():
        assert template.clauses and template.roles


def test_sums_too_large_for_words_are_named_not_raised(tiny):
    huge = good_draft(tiny, parties=(partner("p1", "Ana", "50", "999999999999"), partner("p2", "Luis", "50", "5")))
    assert "more than can be written in words" in problems(huge)[0].message
    assert missing_marks(assemble(huge, "es"))
    rounding_up = good_draft(tiny, parameters={**good_draft(tiny).parameters, "investment": "999999999999.999"})
    assert "too large" in problems(rounding_up)[0].message
