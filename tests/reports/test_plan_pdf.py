"""The business-plan PDF says what the wizard says, in the language asked for, and fails with a sentence."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest
from pypdf import PdfReader

from advisor_app import i18n
from advisor_app.domain.finance import compute, load_schemes
from advisor_app.domain.plans import PAGES, model_of
from advisor_app.i18n import _, speaking
from advisor_app.i18n.formatting import date, money, percent
from advisor_app.reports import ReportError, render_plan
from advisor_app.reports.cash_chart import shared_scales
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.plans import create_plan, duplicate_as_scenario

COMPLETE = demo_id("plan:investors")
DRAFT = demo_id("plan:cooperative")
PRINTED = dt.date(2025, 11, 25)


@pytest.fixture
def demo(repository):
    load_demo(repository)
    return repository


@pytest.fixture
def folder(tmp_path):
    """Where documents go: apart from the data file, so a test can see everything written there."""
    made = tmp_path / "documents"
    made.mkdir()
    return made


def pdf_pages(path) -> list[str]:
    """Each page's text with runs of white space made one space (lines wrap anywhere)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def results_in(repository, plan_id, language):
    with speaking(language):
        return compute(model_of(repository.get("plans", plan_id)))


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_complete_plan_prints_the_wizards_figures(demo, tmp_path, language):
    out = render_plan(demo, COMPLETE, language, tmp_path / "plan.pdf", today=PRINTED)
    assert out == tmp_path / "plan.pdf"
    pages = pdf_pages(out)
    text = " ".join(pages)
    results = results_in(demo, COMPLETE, language)
    assert results.ok and results.verdict.colour == "green"
    with speaking(language):
        expected = [
            "Planta de chile seco y salsas El Cargadero", "Grupo Inversionista El Cargadero", "Club Jerezanos de Lynwood",
            "El Cargadero, Jerez, Zacatecas", date(PRINTED, "long"), _("Prepared with Community Advisor"),
            money(results.npv, "MXN"), money(results.investment_total, "MXN"), money(results.funding_total, "MXN"),
            percent(results.irr, places=1), money(results.break_even_revenue, "MXN"), money(results.years[0].net_profit, "MXN"),
            money(results.years[-1].cash_balance, "MXN"), money(results.loans[0][1].instalment, "MXN"),
            money(results.case("price", Decimal(-20)).npv, "MXN"), flat(results.verdict.reason),
            results.notes["break_even_units"], _("Viable"),
            # the answers, the risks and the scheme, as entered
            "Bodega de 120 m² del ejido", "Mala cosecha de chile por sequía", load_schemes().get("custom").name,
        ]
        expected += [f"{number}. {_(page.title)}" for number, page in enumerate(PAGES[:-1], start=1)]
        expected += [_(question.label) for page in PAGES for question in page.questions]
        page_numbers = [_("Page {page} of {total}").format(page=number, total=len(pages))
                        for number in range(1, len(pages) + 1)]
    for item in expected:
        assert flat(item) in text, item
    for number, page in zip(page_numbers, pages):
        assert number in page
    assert len(pages) >= 5
    assert PdfReader(out).metadata.title == "Planta de chile seco y salsas El Cargadero"


def test_spanish_and_english_are_the_same_plan_in_two_languages(demo, tmp_path):
    spanish = " ".join(pdf_pages(render_plan(demo, COMPLETE, "es", tmp_path / "es.pdf")))
    english = " ".join(pdf_pages(render_plan(demo, COMPLETE, "en", tmp_path / "en.pdf")))
    assert "$338,422.95" in spanish and "MX$338,422.95" in english
    assert "Proyecto y participantes" in spanish and "Project and participants" not in spanish
    assert "Project and participants" in english and "Proyecto y participantes" not in english
    assert "Procesamiento de alimentos" in spanish and "Food processing" in english


def test_printing_does_not_switch_the_screens_language(demo, tmp_path):
    assert i18n.current_language() == "es"
    before = _("Draft")
    render_plan(demo, COMPLETE, "en", tmp_path / "plan.pdf")
    assert i18n.current_language() == "es" and _("Draft") == before == "Borrador"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_draft_says_which_figures_cannot_be_computed_and_why(demo, tmp_path, language):
    text = " ".join(pdf_pages(render_plan(demo, DRAFT, language, tmp_path / "draft.pdf")))
    results = results_in(demo, DRAFT, language)
    assert not results.ok and set(results.problems) == {"products", "funding"}
    with speaking(language):
        for message in results.problems.values():
            assert flat(message) in text
        assert _("Figures not computed") in text
        assert _("Still missing") in text
        assert flat(_("Shown once the plan's figures can be computed (see Results).")) in text
        assert money(Decimal(135000), "MXN") in text  # the investment it does have is printed
        assert _("Verdict: {verdict}").format(verdict="") not in text
        assert _("Key figures") not in text
        assert _("Not answered yet.") in text


def test_a_plan_with_figures_typed_as_text_prints_what_was_typed(demo, tmp_path):
    demo.update("plans", DRAFT, {"investments": json.dumps([
        {"concept": "Marmitas", "category": "machinery_equipment", "amount": "mucho"},
        {"concept": "Capital de trabajo", "category": "working_capital", "amount": "40000"}])})
    text = " ".join(pdf_pages(render_plan(demo, DRAFT, "en", tmp_path / "draft.pdf")))
    assert "mucho" in text and "Investment, line 1: This is not a number." in text


def test_a_large_plan_with_long_answers_flows_over_many_pages(demo, tmp_path):
    long_answer = "Una respuesta larga con acentos, eñes & <signos> y un emoji 🌶. " * 60
    products = [{"name": f"Producto {number}", "unit": "pieza", "price": str(900 + number),
                 "monthly_volume": str(500 + number), "yearly_growth": "3", "variable_cost_per_unit": "400"}
                for number in range(12)]
    plan_id = create_plan(demo, {
        "title": "Plan a diez años", "lead_organization_id": demo_id("org:investors"), "summary": long_answer,
        "risks": json.dumps([{"risk": long_answer[:900], "likelihood": "high", "mitigation": long_answer}]),
        "investments": json.dumps([{"concept": "Nave", "category": "building", "amount": "9000000"}]),
        "funding": json.dumps([{"kind": "migrant_contribution", "amount": "3000000"},
                               {"kind": "loan", "amount": "4000000", "description": "Banco", "annual_rate": "14",
                                "term_months": 96, "grace_months": 6},
                               {"kind": "loan", "amount": "2000000", "description": "Caja", "annual_rate": "24",
                                "term_months": 36}]),
        "products": json.dumps(products),
        "fixed_costs": json.dumps([{"concept": "Sueldos", "monthly_amount": "150000"}]),
        "finance_settings": json.dumps({"horizon_years": 10, "discount_rate": "12", "tax_rate": "30",
                                        "start_month": 1, "currency": "MXN", "include_residual_value": True}),
    })
    scenario = duplicate_as_scenario(demo, plan_id, "Precio bajo")
    pages = pdf_pages(render_plan(demo, scenario, "en", tmp_path / "big.pdf"))
    text = " ".join(pages)
    results = results_in(demo, scenario, "en")
    assert results.ok
    assert "Scenario: Precio bajo" in text and "Year 10" in text
    assert "Loan schedule by year: Banco" in text and "Loan schedule by year: Caja" in text
    assert money(results.years[-1].cash_balance, "MXN") in text
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_unknown_and_deleted_plans_are_refused_with_a_sentence(demo, folder):
    with pytest.raises(ReportError) as refused:
        render_plan(demo, "no-such-plan", "en", folder / "plan.pdf")
    assert str(refused.value) == "No business plan has the id no-such-plan."
    demo.delete("plans", DRAFT)
    with pytest.raises(ReportError) as refused:
        render_plan(demo, DRAFT, "en", folder / "plan.pdf")
    assert str(refused.value) == "This plan no longer exists."
    assert list(folder.iterdir()) == []


def test_a_missing_output_folder_is_refused_with_a_sentence(demo, tmp_path):
    folder = tmp_path / "missing"
    with pytest.raises(ReportError) as refused:
        render_plan(demo, COMPLETE, "en", folder / "plan.pdf")
    assert str(refused.value) == f"The folder {folder} does not exist."
    with pytest.raises(ReportError) as refused:
        render_plan(demo, COMPLETE, "en", tmp_path)
    assert str(tmp_path) in str(refused.value) and "\n" not in str(refused.value)


def test_a_failed_write_leaves_the_old_document_and_no_debris(demo, folder, monkeypatch):
    out = render_plan(demo, COMPLETE, "en", folder / "plan.pdf")
    before = out.read_bytes()

    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("advisor_app.reports.document.os.replace", refuse)
    with pytest.raises(ReportError) as refused:
        render_plan(demo, COMPLETE, "en", out)
    assert str(refused.value) == f"The document could not be written to {out}: Permission denied."
    assert out.read_bytes() == before
    assert [path.name for path in folder.iterdir()] == ["plan.pdf"]


def test_rendering_again_replaces_the_document(demo, tmp_path):
    out = tmp_path / "plan.pdf"
    render_plan(demo, COMPLETE, "en", out)
    render_plan(demo, DRAFT, "en", out)
    assert "Ate y dulces de guayaba" in " ".join(pdf_pages(out))


def test_a_store_or_a_connection_will_do(demo, store, tmp_path):
    assert render_plan(store, COMPLETE, "en", tmp_path / "a.pdf").is_file()
    assert render_plan(store.conn, COMPLETE, "en", tmp_path / "b.pdf").is_file()


@pytest.mark.parametrize("flows, balances", [
    ([15, 20, -5, 30], [80, 100, 95, 1450]),
    ([-2200, -2100, 10], [3000, -100000, -224880]),
    ([0, 0], [0, 0]),
    ([-5, -7], [-10, -20]),
])
def test_the_charts_two_scales_share_their_zero_and_hold_every_value(flows, balances):
    intervals, below, flow_step, cash_step = shared_scales(flows, balances)
    for values, step in ((flows, flow_step), (balances, cash_step)):
        assert -below * step <= min(values) and max(values) <= (intervals - below) * step
        assert step > 0


def test_reports_work_where_qt_cannot_load(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        sys.modules["PySide6"] = None
        from advisor_app.reports import render_plan
        from advisor_app.store.database import Store
        from advisor_app.store.demo import demo_id, load_demo
        from advisor_app.store.repository import Repository
        store = Store.open(r"{tmp_path / 'a.sqlite3'}")
        load_demo(Repository(store))
        print(render_plan(store, demo_id("plan:investors"), "es", r"{tmp_path / 'plan.pdf'}"))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_plan_that_counts_on_the_federal_3x1_says_it_is_historical(demo, tmp_path, language):
    demo.update("plans", COMPLETE, {"scheme_id": "3x1_productive"})
    text = " ".join(pdf_pages(render_plan(demo, COMPLETE, language, tmp_path / "plan.pdf", today=PRINTED)))
    with speaking(language):
        from advisor_app.domain.finance.schemes import standing_note

        note = standing_note(load_schemes().get("3x1_productive"))
    assert "2019" in note
    # Once beside the scheme in the financing section and once beside the verdict.
    assert text.count(flat(note)) == 2
