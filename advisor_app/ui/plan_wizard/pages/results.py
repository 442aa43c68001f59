"""The results page: the verdict, the figures and the charts, following every keystroke."""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from advisor_app.domain.finance import FUNDING_KINDS, IRR_REASONS, Results
from advisor_app.domain.finance.sensitivity import DELAY_ROW, TABLE_ROWS
from advisor_app.domain.finance.schemes import standing_note
from advisor_app.domain.plans import Page
from advisor_app.i18n import _, ngettext, pgettext
from advisor_app.i18n.formatting import money, number, payback, percent
from advisor_app.ui.common.hints import HINT_STYLE, explained_cell, hint
from advisor_app.ui.common.tables import read_only_table, set_row
from advisor_app.ui.plan_wizard.charts import BreakEvenChart, CashFlowChart
from advisor_app.ui.plan_wizard.tornado import TornadoChart
from advisor_app.ui.plan_wizard.pages.base import VERDICT_STYLES, VERDICT_WORDS, PlanPage, schemes
from advisor_app.ui.plan_wizard.session import PlanSession

FIGURE_HINTS = (None, None, "npv", "irr", "mirr", "payback", "discounted_payback", "roi", None,
                "break_even", None, "coverage", "group", None, None, None)


def figure_rows(results: Results) -> list[tuple[str, str]]:
    """(label, value) of the key figures, with the reason in place of a figure that is not defined. Values
    carry their own rate and horizon, so that scenarios with different ones compare honestly."""
    currency = results.currency
    notes = results.notes
    years = len(results.years)

    def either(value, shown, note_key):
        return shown(value) if value is not None else notes.get(note_key, "—")

    def rate(value):
        return percent(value, places=1)

    def times(value):
        return number(value, places=2)

    return [
        (_("Investment"), money(results.investment_total, currency)),
        (_("Financing"), money(results.funding_total, currency)),
        (_("Net present value (NPV)"), _("{npv} at {rate}").format(npv=money(results.npv, currency),
                                                                    rate=percent(results.discount_rate))),
        (_("Internal rate of return (IRR)"), either(results.irr, rate, "irr")),
        (_("Modified internal rate of return (MIRR)"), either(results.mirr, rate, "mirr")),
        (_("Payback"), either(results.payback_years, payback, "payback_years")),
        (_("Discounted payback"), either(results.discounted_payback_years, payback, "discounted_payback_years")),
        (_("Return on investment, whole plan"), either(results.roi_pct, lambda value: ngettext(
            "{percent} over {years} year", "{percent} over {years} years", years).format(
            percent=percent(value, places=1), years=years), "roi_pct")),
        (_("Return on investment, yearly average"), either(results.roi_yearly_pct, rate, "roi_pct")),
        (_("Break-even sales a month"), either(results.break_even_revenue, lambda v: money(v, currency),
                                               "break_even_revenue")),
        (_("Break-even units a month"), either(results.break_even_units, number, "break_even_units")),
        (_("Lowest debt-service coverage (year)"), either(results.min_coverage_year, times, "coverage")),
        *group_rows(results),
    ]


def group_rows(results: Results) -> list[tuple[str, str]]:
    """The group's view: the same figures on the partners' own money (see domain.finance.group)."""
    currency, group = results.currency, results.group
    missing = results.notes.get("group", "—")
    if group is None:
        return [(_("The group's own money put in"), missing), (_("The group's NPV on its own money"), "—"),
                (_("The group's IRR on its own money"), "—"), (_("The group's payback on its own money"), "—")]
    return [
        (_("The group's own money put in"), money(group.contribution, currency)),
        (_("The group's NPV on its own money"), _("{npv} at {rate}").format(npv=money(group.npv, currency),
                                                                             rate=percent(results.discount_rate))),
        (_("The group's IRR on its own money"), percent(group.irr, places=1) if group.irr is not None
         else _(IRR_REASONS[group.irr_reason])),
        (_("The group's payback on its own money"), payback(group.payback_years) if group.payback_years is not None
         else _("Not paid back within the plan")),
    ]


def partner_table(results: Results) -> str:
    """Each partner's contribution, share and expected return, as rich text."""
    if results.group is None:
        return ""
    currency = results.currency
    head = "".join(f"<th align='{align}'>{text}</th>" for text, align in (
        (pgettext("group view", "Partner"), "left"), (_("Contribution"), "right"), (_("Share"), "right"),
        (_("Money back over the plan"), "right"), (_("NPV of its share"), "right")))
    rows = "".join(
        f"<tr><td>{html.escape(partner.name if partner.name != partner.kind else _(FUNDING_KINDS[partner.kind]))}"
        f"</td><td align='right'>{money(partner.contribution, currency)}</td>"
        f"<td align='right'>{percent(partner.share_pct, places=2)}</td>"
        f"<td align='right'>{money(partner.money_back, currency)}"
        f"</td><td align='right'>{money(partner.npv, currency)}</td></tr>" for partner in results.group.partners)
    group = results.group
    totals = (money(group.contribution, currency), percent(Decimal(100), places=2),
              money(sum((partner.money_back for partner in group.partners), Decimal(0)), currency),
              money(group.npv, currency))
    rows += f"<tr><td><b>{_('Total')}</b></td>" + "".join(
        f"<td align='right'><b>{figure}</b></td>" for figure in totals) + "</tr>"
    title = _("Each partner, in proportion to what it put in")
    return f"<p><b>{title}</b></p><table cellpadding='2'><tr>{head}</tr>{rows}</table>"


CASE_SHADES = {"green": "#e6f4ea", "amber": "#fff4e0", "red": "#fde7e4"}


def method_text() -> str:
    """How the figures are counted, in the words the plan document's method notes use."""
    return " ".join([
        _("NPV, IRR and MIRR count the investment at the start and each year's cash at the end of the year; the "
          "payback is counted month by month."),
        _("Return on investment divides all the years' net profit by the whole investment, grants included."),
        _("Each sensitivity cell is shaded with the verdict that case would get: green, amber or red."),
    ])


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
        self.sensitivity.setMinimumHeight(200)
        self.tornado = TornadoChart(self.body)
        self.tornado.setMinimumHeight(240)
        self.years_label, self.sensitivity_label = QLabel(self.body), QLabel(self.body)
        for label in (self.years_label, self.sensitivity_label):
            label.setStyleSheet("font-weight: bold;")
        self.scheme_note = QLabel(self.body)
        self.scheme_note.setWordWrap(True)
        self.scheme_note.setStyleSheet(VERDICT_STYLES["amber"] + "padding: 6px;")
        self.method = QLabel(self.body)
        self.method.setWordWrap(True)
        self.method.setStyleSheet(HINT_STYLE)
        top = QHBoxLayout()
        top.addWidget(self.verdict, 3)
        top.addWidget(self.figures, 2)
        layout = QVBoxLayout(self.body)
        layout.addWidget(self.scheme_note)
        layout.addLayout(top)
        layout.addWidget(charts)
        layout.addWidget(self.years_label)
        layout.addWidget(self.years)
        layout.addWidget(self.sensitivity_label)
        layout.addWidget(self.sensitivity)
        layout.addWidget(self.tornado)
        layout.addWidget(self.method)

    def load(self) -> None:
        self._show(self.session.results)

    def show_results(self, results: Results) -> None:
        """Tables and charts are refilled only while the page is shown; opening it loads them."""
        if self.isVisible():
            self._show(results)

    def _show(self, results: Results) -> None:
        scheme = self._scheme()
        note = standing_note(scheme) if scheme is not None else None
        self.scheme_note.setText(note or "")
        self.scheme_note.setVisible(bool(note))
        self.cash_chart.set_results(results)
        self.break_even_chart.set_results(results)
        self.tornado.set_results(results)
        if results.problems:
            items = "".join(f"<li>{message}</li>" for message in results.problems.values())
            self.verdict.setStyleSheet(VERDICT_STYLES["amber"] + "padding: 8px;")
            self.verdict.setText("<b>%s</b><ul>%s</ul>" % (_("These figures cannot be computed yet:"), items))
            self.figures.setText("")
            self.method.setText("")
            self.years.setRowCount(0)
            self.sensitivity.setRowCount(0)
            return
        verdict = results.verdict
        self.verdict.setStyleSheet(VERDICT_STYLES[verdict.colour] + "padding: 8px;")
        reasons = "".join(f"<li>{reason.message}</li>" for reason in verdict.reasons)
        self.verdict.setText("<span style='font-size: large'><b>%s</b></span><ul>%s</ul>" % (
            _(VERDICT_WORDS[verdict.colour]), reasons))
        self.figures.setText("<table cellpadding='2'>%s</table>%s" % ("".join(
            f"<tr><td>{explained_cell(label, key)}</td><td align='right' valign='top'><b>{value}</b></td></tr>"
            for (label, value), key in zip(figure_rows(results), FIGURE_HINTS)), partner_table(results)))
        self.figures.setToolTip("\n".join(f"{label}: {hint(key)}" for (label, _value), key
                                          in zip(figure_rows(results), FIGURE_HINTS) if key))
        self._fill_years(results)
        self._fill_sensitivity(results)
        self.method.setText(method_text())

    def _scheme(self):
        catalog, scheme_id = schemes(), self.session.value("scheme_id")
        if catalog is None or not scheme_id:
            return None
        return next((scheme for scheme in catalog.schemes if scheme.id == scheme_id), None)

    def _fill_years(self, results: Results) -> None:
        currency = results.currency
        lines = [(_("Sales"), "revenue"), (_("Variable costs"), "variable_costs"), (_("Fixed costs"), "fixed_costs"),
                 (_("Depreciation"), "depreciation"), (_("Interest"), "interest"),
                 (_("Workers' profit sharing (PTU)"), "profit_sharing"), (_("Taxes"), "taxes"),
                 (_("Net profit"), "net_profit"), (_("Loan payments (principal)"), "principal"),
                 (_("Equipment bought again"), "replacements"),
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
        self.sensitivity.setRowCount(len(variables) + (1 if results.delay else 0))
        for row, variable in enumerate(variables):
            cases = {case.change_pct: case for case in results.sensitivity if case.variable == variable}
            set_row(self.sensitivity, row, [_(TABLE_ROWS[variable])] + [
                money(cases[change].npv, results.currency) if change in cases else "" for change in changes])
            for column, change in enumerate(changes, start=1):
                if change in cases:
                    self._shade(self.sensitivity.item(row, column), cases[change].npv, cases[change].colour)
        if results.delay:
            set_row(self.sensitivity, len(variables), [_(DELAY_ROW), money(results.delay.npv, results.currency)]
                    + [""] * (len(changes) - 1))
            self._shade(self.sensitivity.item(len(variables), 1), results.delay.npv, results.delay.colour)
        self.sensitivity.resizeColumnsToContents()

    @staticmethod
    def _shade(item, value, colour: str) -> None:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setBackground(QColor(CASE_SHADES[colour]))
        item.setForeground(Qt.GlobalColor.darkRed if value < 0 else Qt.GlobalColor.black)

    def retranslate(self) -> None:
        super().retranslate()
        self.years_label.setText(_("Income and cash flow by year"))
        self.sensitivity_label.setText(_("What if prices, volumes or costs change?"))
        self._show(self.session.results)
