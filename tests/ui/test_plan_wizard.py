"""The business-plan wizard driven as an advisor would: fill it, close it, resume, watch the verdict."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QApplication

from advisor_app.domain.plans import PAGE_KEYS, model_of
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.plans import create_plan, list_plans, scenarios
from advisor_app.ui.plan_wizard import PlanWizard


def _page(wizard, key):
    return wizard.pages[PAGE_KEYS.index(key)]


def _cell(table, row, column_key, text):
    """Type into a cell of a line table as the user would (the edit ends with the cell's new text)."""
    index = [column.key for column in table.columns].index(column_key)
    table.table.item(row, index).setText(text)


def _choose(table, row, column_key, code):
    index = [column.key for column in table.columns].index(column_key)
    combo = table.table.cellWidget(row, index)
    combo.setCurrentIndex(combo.findData(code))


@pytest.fixture
def small_business(context):
    repository = context.repository
    organization = repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa La Esperanza"})
    return create_plan(repository, {"title": "Panadería La Esperanza", "lead_organization_id": organization})


@pytest.fixture
def open_wizard(qtbot, context):
    def opener(plan_id):
        wizard = PlanWizard(context, plan_id)
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard
    return opener


def _fill_finance(wizard, price="25"):
    investment = _page(wizard, "investment").items
    investment.add_row({})
    _cell(investment, 0, "concept", "Horno")
    _choose(investment, 0, "category", "machinery_equipment")
    _cell(investment, 0, "amount", "60,000")
    investment.add_row({})
    _cell(investment, 1, "concept", "Capital de trabajo")
    _choose(investment, 1, "category", "working_capital")
    _cell(investment, 1, "amount", "20000")
    funding = _page(wizard, "financing").sources
    funding.add_row({})
    _choose(funding, 0, "kind", "migrant_contribution")
    _cell(funding, 0, "amount", "80000")
    sales = _page(wizard, "sales_costs")
    sales.products.add_row({})
    _cell(sales.products, 0, "name", "Pan dulce")
    _cell(sales.products, 0, "unit", "pieza")
    _cell(sales.products, 0, "price", price)
    _cell(sales.products, 0, "monthly_volume", "3000")
    _cell(sales.products, 0, "variable_cost_per_unit", "9")
    sales.costs.add_row({})
    _cell(sales.costs, 0, "concept", "Sueldos y luz")
    _cell(sales.costs, 0, "monthly_amount", "14000")


def test_fill_the_whole_wizard_for_a_small_business(qtbot, context, small_business, open_wizard):
    wizard = open_wizard(small_business)
    project = _page(wizard, "project")
    project.sector.set_value("food_processing")
    project.sector.edited.emit()
    project.locality.municipality.setText("jerez")
    project.locality._typed("jerez")
    project.locality._picked("Jerez, Zacatecas")
    project.summary.setPlainText("Pan dulce para Jerez.")
    for key in ("market", "operations", "governance"):
        wizard.go_to(PAGE_KEYS.index(key))
        for box in _page(wizard, key).form.boxes.values():
            box.setPlainText("Respuesta del grupo.")
    _fill_finance(wizard)
    wizard.go_to(PAGE_KEYS.index("risks"))
    risks = _page(wizard, "risks")
    risks.risks.add_row({})
    _cell(risks.risks, 0, "risk", "Sube la harina")
    _choose(risks.risks, 0, "likelihood", "high")
    _cell(risks.risks, 0, "mitigation", "Comprar por mayoreo")
    for box in risks.form.boxes.values():
        box.setPlainText("Dos empleos.")

    wizard.go_to(PAGE_KEYS.index("results"))
    results = wizard.session.results
    assert not results.problems and results.verdict is not None
    assert results.investment_total == 80000
    results_page = _page(wizard, "results")
    assert results_page.years.rowCount() > 0 and results_page.sensitivity.rowCount() == 6  # four inputs, the overrun, the late start
    wizard.go_to(PAGE_KEYS.index("review"))
    assert "completo" in _page(wizard, "review").summary.text()

    # Everything reached the data file, as typed.
    wizard.session.flush()
    plan = context.repository.get("plans", small_business)
    assert plan["sector"] == "food_processing" and plan["summary"] == "Pan dulce para Jerez."
    assert plan["customers"] == "Respuesta del grupo."
    assert context.store.get_meta(f"plan_page:{small_business}") == str(PAGE_KEYS.index("review"))
    model = model_of(plan)
    assert model.investments[0].amount == 60000 and model.products[0].price == 25
    assert "Sube la harina" in plan["risks"]


def test_each_keystroke_is_saved_without_closing(qtbot, context, small_business, open_wizard, db_path):
    wizard = open_wizard(small_business)
    wizard.go_to(PAGE_KEYS.index("market"))
    _page(wizard, "market").form.boxes["customers"].setPlainText("Tiendas de Jerez")
    qtbot.waitUntil(lambda: not wizard.session.has_unsaved(), timeout=2000)
    # Another connection (what a restart after a power cut would read) already sees it.
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT customers FROM plans WHERE id = ?", (small_business,)).fetchone() == (
        "Tiendas de Jerez",)
    assert other.execute("SELECT value FROM meta WHERE key = ?", (f"plan_page:{small_business}",)).fetchone() == (
        str(PAGE_KEYS.index("market")),)
    other.close()


def test_close_midway_and_resume_where_the_group_stopped(qtbot, context, small_business, open_wizard):
    wizard = open_wizard(small_business)
    wizard.go_to(PAGE_KEYS.index("operations"))
    _page(wizard, "operations").form.boxes["site"].setPlainText("Cocina de la cooperativa")
    wizard.close()  # at once, before the save delay: closing writes what is pending
    again = open_wizard(small_business)
    assert again.stack.currentIndex() == PAGE_KEYS.index("operations")
    assert _page(again, "operations").form.boxes["site"].toPlainText() == "Cocina de la cooperativa"


def test_the_verdict_changes_when_the_price_drops(qtbot, context, open_wizard):
    load_demo(context.repository)
    wizard = open_wizard(demo_id("plan:investors"))
    assert wizard.session.results.verdict.colour == "green"
    products = _page(wizard, "sales_costs").products
    _cell(products, 0, "price", "80")
    assert wizard.session.results.verdict.colour == "red"
    wizard.go_to(PAGE_KEYS.index("results"))
    assert "No viable" in _page(wizard, "results").verdict.text()
    assert "No viable" in wizard.figures.text()


def test_bad_numbers_are_named_at_the_field_and_results_explain(qtbot, context, small_business, open_wizard):
    wizard = open_wizard(small_business)
    _fill_finance(wizard)
    investment = _page(wizard, "investment").items
    _cell(investment, 0, "amount", "-5")
    assert "negativ" in investment.problems.text()
    assert investment.table.item(0, 2).toolTip()
    _cell(investment, 0, "amount", "60000")
    assert investment.problems.isHidden()
    sales = _page(wizard, "sales_costs")
    sales.settings["horizon_years"].setText("0")
    sales.settings["horizon_years"].edited.emit()
    assert sales.setting_errors["horizon_years"].text()
    sales.settings["discount_rate"].setText("150")
    sales.settings["discount_rate"].edited.emit()
    assert "100" in sales.setting_errors["discount_rate"].text()
    wizard.go_to(PAGE_KEYS.index("results"))
    results_page = _page(wizard, "results")
    assert "no se pueden calcular" in results_page.verdict.text()
    assert results_page.years.rowCount() == 0
    # A financing mix that does not cover the investment is named on the financing page.
    sales.settings["horizon_years"].setText("5")
    sales.settings["horizon_years"].edited.emit()
    sales.settings["discount_rate"].setText("12")
    sales.settings["discount_rate"].edited.emit()
    funding = _page(wizard, "financing").sources
    _cell(funding, 0, "amount", "50000")
    assert "30,000.00" in _page(wizard, "financing").mix.text()
    # A loan longer than the horizon.
    funding.add_row({})
    _choose(funding, 1, "kind", "loan")
    for key, value in (("amount", "30000"), ("annual_rate", "15"), ("term_months", "120")):
        _cell(funding, 1, key, value)
    assert funding.problems.text()
    wizard.close()
    # What was typed is kept, even the wrong term, so nothing the group wrote disappears.
    assert model_of(context.repository.get("plans", small_business)).funding[1].term_months == 120


def test_the_title_cannot_be_emptied(qtbot, context, small_business, open_wizard):
    wizard = open_wizard(small_business)
    project = _page(wizard, "project")
    project.title_field.setText("")
    project.title_field.edited.emit()
    wizard.session.flush()
    assert project.title_error.text()
    assert context.repository.get("plans", small_business)["title"] == "Panadería La Esperanza"


def test_partners_join_and_leave_the_plan(qtbot, context, small_business, open_wizard):
    club = context.repository.insert("organizations", {"kind": "migrant_club", "name": "Club Jerezanos"})
    wizard = open_wizard(small_business)
    project = _page(wizard, "project")
    project._partner_picked(club)
    assert project.partner_list.count() == 1
    project._partner_picked(club)
    assert project.partner_error.text()  # already taking part
    project.partner_list.setCurrentRow(0)
    project._remove_partner()
    assert project.partner_list.count() == 0


def test_scenarios_are_copies_compared_side_by_side(qtbot, window, context):
    load_demo(context.repository)
    window.tabs.setCurrentWidget(window._plans_tab)
    page = window.plans_page
    page.select_id(demo_id("plan:investors"))
    scenario_window = page.duplicate_selected()
    qtbot.addWidget(scenario_window)
    _cell(_page(scenario_window, "sales_costs").products, 0, "price", "100")
    scenario_window.close()
    family = scenarios(context.store.conn, demo_id("plan:investors"))
    assert len(family) == 2
    original = model_of(context.repository.get("plans", family[0]))
    assert original.products[0].price == 140  # the original is untouched
    page.select_id(family[1])
    dialog = page.compare_selected()
    qtbot.addWidget(dialog)
    assert dialog.table.columnCount() == 3
    verdicts = [dialog.table.item(0, column).text() for column in (1, 2)]
    assert verdicts[0] != verdicts[1]


def test_new_plan_dialog_asks_for_title_and_lead(qtbot, window, context):
    from advisor_app.ui.plan_wizard.plans_page import NewPlanDialog

    organization = context.repository.insert("organizations", {"kind": "investor_group", "name": "Grupo Uno"})
    dialog = NewPlanDialog(context, None, window)
    qtbot.addWidget(dialog)
    dialog.create()
    assert "título" in dialog.error.text()
    dialog.title_field.setText("Tienda de abarrotes")
    dialog.create()
    assert "organización" in dialog.error.text()
    dialog._picked(organization)
    dialog.create()
    assert dialog.plan_id and list_plans(context.store.conn)[0]["title"] == "Tienda de abarrotes"


def test_deleting_a_plan_can_be_undone(qtbot, window, context, small_business):
    window.tabs.setCurrentWidget(window._plans_tab)
    page = window.plans_page
    page.select_id(small_business)
    page.delete_selected()
    assert page.table.rowCount() == 0
    window.undo_delete()
    assert page.table.rowCount() == 1


def test_the_wizard_follows_a_language_switch(qtbot, context, small_business, open_wizard):
    wizard = open_wizard(small_business)
    assert "Proyecto y participantes" in wizard.navigation.item(0).text()
    context.language.apply("en")
    QApplication.processEvents()
    assert "Project and participants" in wizard.navigation.item(0).text()
    assert wizard.next_button.text() == "Next >"


def test_the_print_button_writes_the_figures_the_wizard_shows(qtbot, context, open_wizard, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from advisor_app.ui.plan_wizard.pages import figure_rows

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    out = tmp_path / "plan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    load_demo(context.repository)
    wizard = open_wizard(demo_id("plan:investors"))
    _cell(_page(wizard, "sales_costs").products, 0, "price", "150")  # typed, not yet saved
    wizard.pdf_button.click()  # written in the background, from what was saved before it started
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert str(out) in shown[0]
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    text = " ".join(text.split())
    for label, value in figure_rows(wizard.session.results)[:6]:
        assert value in text, (label, value)
    assert wizard.session.results.verdict.reasons[0].message.split("(")[0].strip() in text


def test_the_helper_and_the_results_say_when_the_plan_counts_on_a_historical_scheme(context, open_wizard):
    from advisor_app.domain.finance import load_schemes
    from advisor_app.domain.finance.schemes import standing_note
    from advisor_app.ui.plan_wizard.pages.results import method_text

    load_demo(context.repository)
    wizard = open_wizard(demo_id("plan:investors"))
    wizard.go_to(PAGE_KEYS.index("financing"))
    financing = _page(wizard, "financing")
    note = standing_note(load_schemes().get("3x1_productive"))
    assert "2019" in note and note not in financing.scheme_description.text()
    financing.scheme.set_value("3x1_productive")
    financing._scheme_changed()
    assert note in financing.scheme_description.text()
    wizard.go_to(PAGE_KEYS.index("results"))
    results = _page(wizard, "results")
    assert results.scheme_note.isVisible() and results.scheme_note.text() == note
    assert results.method.text() == method_text()


def test_a_new_plan_shares_profit_with_workers_and_replaces_worn_equipment(context, open_wizard, small_business):
    from decimal import Decimal

    plan_id = small_business
    model = model_of(context.repository.get("plans", plan_id))
    assert model.profit_sharing_pct == Decimal(10) and model.replace_assets is True
    wizard = open_wizard(plan_id)
    wizard.go_to(PAGE_KEYS.index("sales_costs"))
    page = _page(wizard, "sales_costs")
    assert page.profit_sharing.isChecked() and page.replace_assets.isChecked()
    page.profit_sharing.setChecked(False)
    assert wizard.session.model.profit_sharing_pct == 0
