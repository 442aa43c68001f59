"""An agreement that prints complete can still bind nobody or be impossible to keep: every amount at
zero, works that end before they start, a fiscal year or a deadline already gone, a club whose toma de
nota has expired. Each is one named problem beside its field (a draft still prints, marked as one)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from advisor_app.domain.agreements.assembly import Draft, Party, active_clauses
from advisor_app.domain.agreements.checks import problems
from advisor_app.domain.agreements.library import load_library
from advisor_app.i18n import speaking


@pytest.fixture(autouse=True)
def source_language():
    """In English (labels, dates and sentences alike); one test reads the Spanish."""
    with speaking("en"):
        yield

TODAY = dt.date(2026, 12, 5)
VALUES = {"money": "0", "date": "2027-03-01", "year": "2027", "integer": "30", "percent": "10", "text": "Texto",
          "long_text": "Texto largo", "choice": ""}
CONTRIBUTIONS = {"club_contribution": "250000", "federal_contribution": "250000", "state_contribution": "250000",
                 "municipal_contribution": "250000", "total_investment": "1000000"}


def signatory(key, name, role, kind="organization"):
    return Party(key, kind, name, role, True, "INE 1234567890123", "Rosa Pérez", "presidenta")


def cofinancing(**parameters) -> Draft:
    template = load_library()["cofinancing"]
    values = {parameter.name: VALUES[parameter.kind] for parameter in template.parameters}
    values.update(CONTRIBUTIONS, end_date="2027-11-30", club_registration_valid_until="2028-01-31")
    values.update(parameters)
    switched = {clause.id: True for clause in template.clauses if clause.optional and not clause.condition}
    parties = (signatory("c", "Club Jerezanos de Lynwood", "club"),
               signatory("m", "Municipio de Jerez", "municipality", "authority"))
    return Draft(template, parameters=values, switched=switched, parties=parties, today=TODAY)


def messages(draft: Draft) -> list[str]:
    return [problem.message for problem in problems(draft)]


def test_the_complete_agreement_has_no_problem():
    assert messages(cofinancing()) == []


@pytest.mark.parametrize(("parameters", "sentence"), [
    ({"club_contribution": "0", "federal_contribution": "0", "state_contribution": "0",
      "municipal_contribution": "0", "total_investment": "0"},
     "Clause 2 (Total investment): “Total investment of the project” is $0.00; write the amount, or switch off the "
     "clause that prints it."),
    ({"start_date": "2027-03-01", "end_date": "2026-12-31"},
     "Clause 7 (Timetable): “Completion of the works, at the latest” (December 31, 2026) comes before “Start "
     "of the works, at the latest” (March 1, 2027); the later date cannot be the earlier one."),
    ({"fiscal_year": "2025"},
     "Clause 1 (Purpose): “Fiscal year of the funds” is 2025, a year that is already over; funds of a past year can "
     "no longer be committed."),
    ({"start_date": "2026-11-01"},
     "Clause 7 (Timetable): “Start of the works, at the latest” is November 1, 2026, a day already gone; write "
     "a date from today on."),
    ({"club_registration_valid_until": "2026-10-31"},
     "Clause 15 (The club's registration): “Consular registration valid until” says it expired on October 31, "
     "2026; it must be valid on the day of signing, so renew it first."),
])
def test_each_unsignable_value_is_named(parameters, sentence):
    found = problems(cofinancing(**parameters))
    assert sentence in [problem.message for problem in found]
    named = next(problem for problem in found if problem.message == sentence)
    assert named.target[0] == "parameter" and named.target[1] in parameters and not named.hole


def test_every_date_and_year_in_the_past_is_named_once_each():
    found = messages(cofinancing(fiscal_year="2019", start_date="2020-03-01", end_date="2019-12-31",
                                 club_registration_valid_until="2019-01-01"))
    assert sum("already over" in message for message in found) == 1
    assert sum("a day already gone" in message for message in found) == 2
    assert sum("comes before" in message for message in found) == 1
    assert sum("expired on" in message for message in found) == 1


def test_every_contribution_at_zero_in_a_partnership_is_named():
    template = load_library()["partnership"]
    partners = tuple(dataclasses.replace(signatory(f"p{index}", f"Socio {index}", "partner", "person"),
                                         contribution=Decimal(0), share_pct=Decimal(50)) for index in (1, 2))
    values = {parameter.name: VALUES[parameter.kind] for parameter in template.parameters}
    values["total_investment"] = "100000"
    draft = Draft(template, parameters=values, parties=partners, today=TODAY)
    clause = next(number for number, item in enumerate(active_clauses(draft), 1) if item.id == "contributions")
    assert (f"Clause {clause} (Contributions and each partner's share): every contribution, and so the total, is $0.00; an "
            "agreement in which nobody contributes anything binds nobody. Write what each party contributes."
            ) in messages(draft)
    one_pays = dataclasses.replace(draft, parties=(dataclasses.replace(partners[0], contribution=Decimal(5000)),
                                                   partners[1]))
    assert not any("every contribution" in message for message in messages(one_pays))


@pytest.mark.parametrize("typed", ["26", "año 2026", "20266", "1850"])
def test_a_year_is_four_figures(typed):
    assert ("Clause 1 (Purpose), “Fiscal year of the funds”: write a year of four figures, such as 2026."
            in messages(cofinancing(fiscal_year=typed)))


def test_the_sentences_are_spanish_in_spanish():
    with speaking("es"):
        found = messages(cofinancing(start_date="2027-03-01", end_date="2026-12-31"))
    assert found == ["Cláusula 7 (Plazos de ejecución): “Conclusión de los trabajos, a más tardar” (31 de diciembre de "
                     "2026) es anterior a “Inicio de los trabajos, a más tardar” (1 de marzo de 2027); la fecha "
                     "posterior no puede ser la primera."]
