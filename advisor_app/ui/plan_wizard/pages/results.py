"""The results page: the verdict, the figures and the charts, following every keystroke."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from advisor_app.domain.finance import VARIABLES, Results
from advisor_app.domain.plans import Page
from advisor_app.i18n import _
from advisor_app.i18n.formatting import money, number, payback, percent
from advisor_app.ui.common.hints import explained_cell, hint
from advisor_app.ui.common.tables import read_only_table, set_row
from advisor_app.ui.plan_wizard.charts import BreakEvenChart, CashFlowChart
from advisor_app.ui.plan_wizard.pages.base import VERDICT_STYLES, VERDICT_WORDS, PlanPage
from advisor_app.ui.plan_wizard.session import PlanSession

FIGURE_HINTS = (None, None, "npv", "irr", "payback", None, "break_even", None, "coverage")


def figure_rows(results: Results) -> list[tuple[str, str]]:
    """(label, value) of the key figures, with the reason in place of a figure that is not defined."""
    currency = results.currency
    notes = results.notes

    def either(value, shown, note_key):
        return shown(value) if value is not None else notes.get(note_key, "—")

    return [
        (_("Investment"), money(results.investment_total, currency)),
        (_("Financing"), money(results.funding_total, currency)),
        (_("Net present value (NPV)"), money(results.npv, currency)),
        (_("Internal rate of return (IRR)"), either(results.irr, percent, "irr")),
        (_("Payback"), either(results.payback_years, payback,
                              "payback_years")),
        (_("Return on investment"), either(results.roi_pct, percent, "roi_pct")),
        (_("Break-even sales a month"), either(results.break_even_revenue, lambda v: money(v, currency),
                                               "break_even_revenue")),
        (_("Break-even units a month"), either(results.break_even_units, number, "break_even_units")),
        (_("Lowest debt-service coverage (year)"), either(results.min_coverage_year, number, "coverage")),
    ]


class ResultsPage(PlanPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        self.verdict = QLabel(self.body)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.figures = QLabel(self.body)
        self.figures.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setWordWrap(True)
        self.cash_chart = CashFlowChart(self.body)
        self.break_even_chart = BreakEvenChart(self.body)
        charts = QSplitter(Qt.Orientation.Horizontal, self.body)
        charts.addWidget(self.cash_chart)
        charts.addWidget(self.break_even_chart)
        charts.setStretchFactor(0, 3)
        charts.setStretchFactor(1, 2)
        self.years = read_only_table(1, self.body)
        self.years.setMinimumHeight(260)
        self.sensitivity = read_only_table(5, self.body)
        self.sensitivity.setMinimumHeight(150)
        self.years_label, self.sensitivity_label = QLabel(self.body), QLabel(self.body)
        for label in (self.years_label, self.sensitivity_label):
            label.setStyleSheet("font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(self.verdict, 3)
        top.addWidget(self.figures, 2)
        layout = QVBoxLayout(self.body)
        layout.addLayout(top)
        layout.addWidget(charts)
        layout.addWidget(self.years_label)
        layout.addWidget(self.years)
        layout.addWidget(self.sensitivity_label)
        layout.addWidget(self.sensitivity)

    def load(self) -> None:
        self._show(self.session.results)

    def show_results(self, results: Results) -> None:
        """Tables and charts are refilled only while the page is shown; opening it loads them."""
        if self.isVisible():
            self._show(results)

    def _show(self, results: Results) -> None:
        self.cash_chart.set_results(results)
        self.break_even_chart.set_results(results)
        if results.problems:
            items = "".join(f"<li>{message}</li>" for message in results.problems.values())
            self.verdict.setStyleSheet(VERDICT_STYLES["amber"] + "padding: 8px;")
            self.verdict.setText("<b>%s</b><ul>%s</ul>" % (_("These figures cannot be computed yet:"), items))
            self.figures.setText("")
            self.years.setRowCount(0)
            self.sensitivity.setRowCount(0)
            return
        verdict = results.verdict
        self.verdict.setStyleSheet(VERDICT_STYLES[verdict.colour] + "padding: 8px;")
        reasons = "".join(f"<li>{reason.message}</li>" for reason in verdict.reasons)
        self.verdict.setText("<span style='font-size: large'><b>%s</b></span><ul>%s</ul>" % (
            _(VERDICT_WORDS[verdict.colour]), reasons))
        self.figures.setText("<table cellpadding='2'>%s</table>" % "".join(
            f"<tr><td>{explained_cell(label, key)}</td><td align='right' valign='top'><b>{value}</b></td></tr>"
            for (label, value), key in zip(figure_rows(results), FIGURE_HINTS)))
        self.figures.setToolTip("\n".join(f"{label}: {hint(key)}" for (label, _value), key
                                          in zip(figure_rows(results), FIGURE_HINTS) if key))
        self._fill_years(results)
        self._fill_sensitivity(results)

    def _fill_years(self, results: Results) -> None:
        currency = results.currency
        lines = [(_("Sales"), "revenue"), (_("Variable costs"), "variable_costs"), (_("Fixed costs"), "fixed_costs"),
                 (_("Depreciation"), "depreciation"), (_("Interest"), "interest"), (_("Taxes"), "taxes"),
                 (_("Net profit"), "net_profit"), (_("Loan payments (principal)"), "principal"),
                 (_("Net cash flow"), "net_cash_flow"), (_("Cash at the end of the year"), "cash_balance")]
        self.years.setColumnCount(len(results.years) + 1)
        self.years.setHorizontalHeaderLabels([""] + [_("Year {year}").format(year=year.number)
                                                     for year in results.years])
        self.years.setRowCount(len(lines))
        for row, (label, field) in enumerate(lines):
            set_row(self.years, row, [label] + [money(getattr(year, field), currency) for year in results.years])
            for column in range(1, len(results.years) + 1):
                self.years.item(row, column).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.years.resizeColumnsToContents()

    def _fill_sensitivity(self, results: Results) -> None:
        changes = sorted({case.change_pct for case in results.sensitivity})
        self.sensitivity.setColumnCount(len(changes) + 1)
        self.sensitivity.setHorizontalHeaderLabels([_("NPV if… changes by")] + [
            ("+" if change > 0 else "") + percent(change) for change in changes])
        variables = list(dict.fromkeys(case.variable for case in results.sensitivity))
        self.sensitivity.setRowCount(len(variables))
        for row, variable in enumerate(variables):
            cases = {case.change_pct: case for case in results.sensitivity if case.variable == variable}
            set_row(self.sensitivity, row, [_(VARIABLES[variable])] + [
                money(cases[change].npv, results.currency) if change in cases else "" for change in changes])
            for column, change in enumerate(changes, start=1):
                if change in cases:
                    item = self.sensitivity.item(row, column)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    item.setForeground(Qt.GlobalColor.darkRed if cases[change].npv < 0 else Qt.GlobalColor.black)
        self.sensitivity.resizeColumnsToContents()

    def retranslate(self) -> None:
        super().retranslate()
        self.years_label.setText(_("Income and cash flow by year"))
        self.sensitivity_label.setText(_("What if prices, volumes or costs change?"))
        self._show(self.session.results)
