"""The plan document's results: verdict, key figures, break-even, statements by year, the monthly cash
chart and the sensitivity table; or, for a plan whose numbers cannot be computed yet, why not.
"""

from __future__ import annotations

import re
from decimal import Decimal

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from advisor_app.domain.finance import FUNDING_KINDS, IRR_REASONS
from advisor_app.domain.finance.sensitivity import CHANGES, DELAY_ROW, TABLE_ROWS
from advisor_app.domain.plans import PAGES, page
from advisor_app.i18n import N_, _, ngettext, pgettext
from advisor_app.i18n.formatting import money, number, payback, percent
from advisor_app.reports.cash_chart import cash_chart
from advisor_app.reports.tornado_chart import tornado_chart
from advisor_app.reports.document import (
    STYLES,
    VERDICT_PALE,
    VERDICT_STRONG,
    WIDTH,
    Column,
    boxed,
    bullets,
    heading,
    key_values,
    para,
    table,
    text,
)
from advisor_app.reports.figures import DASH, Line, yearly_tables
from advisor_app.reports.plan_facts import PlanFacts

COLOURS = {"green": N_("green"), "amber": N_("amber"), "red": N_("red")}
# The wizard's words for the same verdicts, so that the page and the paper agree.
VERDICT_WORDS = {"green": N_("Viable"), "amber": N_("Viable with care"), "red": N_("Not viable as it stands")}


def verdict_words(colour: str) -> str:
    """"Viable (green)": the word the wizard shows, and the colour the reasons refer to."""
    return _("{verdict} ({colour})").format(verdict=_(VERDICT_WORDS[colour]), colour=_(COLOURS[colour]))
_PAGES_OF_FIELDS = {"investments": "investment", "funding": "financing", "products": "sales_costs",
                    "fixed_costs": "sales_costs"}


def _page_of(path: str) -> str:
    head = path.split(".")[0].split("[")[0]
    return _PAGES_OF_FIELDS.get(head, "investment" if head == "currency" else "sales_costs")


def where(path: str) -> str:
    """"investments[0].amount" → "Investment, line 1": the wizard page and line a problem is on."""
    title = _(page(_page_of(path)).title)
    index = re.match(r"^\w+\[(\d+)\]", path)
    return _("{page}, line {number}").format(page=title, number=int(index.group(1)) + 1) if index else title


def problems(facts: PlanFacts) -> list[Flowable]:
    """What a plan with problems gets instead of its results: which figures are missing and why."""
    found = facts.results.problems
    intro = ngettext(
        "The plan's figures cannot be computed yet because of the problem below. Until it is corrected this "
        "document cannot show the verdict, the key figures (NPV, IRR, payback, return on investment, debt-service "
        "coverage), the break-even point, the income statement, the cash flow or the sensitivity of the results.",
        "The plan's figures cannot be computed yet because of the {count} problems below. Until they are corrected "
        "this document cannot show the verdict, the key figures (NPV, IRR, payback, return on investment, "
        "debt-service coverage), the break-even point, the income statement, the cash flow or the sensitivity of "
        "the results.", len(found)).format(count=len(found))
    order = [item.key for item in PAGES]
    paths = sorted(found, key=lambda path: order.index(_page_of(path)))
    items = [_("{where}: {problem}").format(where=where(path), problem=found[path]) for path in paths]
    return [boxed([para(_("Figures not computed"), STYLES.h2), para(intro, STYLES.body),
                   *bullets(items)], VERDICT_PALE["amber"], VERDICT_STRONG["amber"])]


def verdict(facts: PlanFacts) -> list[Flowable]:
    judged = facts.results.verdict
    headline = _("Verdict: {verdict}").format(verdict=verdict_words(judged.colour))
    content: list[Flowable] = [Paragraph(f'<font color="{VERDICT_STRONG[judged.colour].hexval()}">'
                                         f"{text(headline)}</font>", STYLES.h2)]
    content += bullets([reason.message for reason in judged.reasons], STYLES.bullet)
    return [boxed(content, VERDICT_PALE[judged.colour], VERDICT_STRONG[judged.colour])]


def key_figures(facts: PlanFacts) -> list[Flowable]:
    results, currency, model = facts.results, facts.currency, facts.model
    notes = results.notes
    pairs = [
        (_("Total investment"), money(results.investment_total, currency)),
        (_("Total financing"), money(results.funding_total, currency)),
        (_("Cash at the start of operations"), money(results.opening_cash, currency)),
        (_("Net present value (NPV)"), _("{npv} at {rate}").format(npv=money(results.npv, currency),
                                                                    rate=percent(model.discount_rate))),
        (_("Internal rate of return (IRR)"), percent(results.irr, places=1) if results.irr is not None
         else notes.get("irr", DASH)),
        (_("Modified internal rate of return (MIRR)"), percent(results.mirr, places=1) if results.mirr is not None
         else notes.get("mirr", DASH)),
        (_("Payback"), payback(results.payback_years)
         if results.payback_years is not None else notes.get("payback_years", DASH)),
        (_("Discounted payback"), payback(results.discounted_payback_years)
         if results.discounted_payback_years is not None else notes.get("discounted_payback_years", DASH)),
        (_("Return on investment, whole plan"), ngettext(
            "{percent} over {years} year", "{percent} over {years} years", len(results.years)).format(
            percent=percent(results.roi_pct, places=1), years=len(results.years))
         if results.roi_pct is not None else DASH),
        (_("Return on investment, yearly average"), percent(results.roi_yearly_pct, places=1)
         if results.roi_yearly_pct is not None else DASH),
        (_("Lowest debt-service coverage (year)"), _("{times} times").format(
            times=number(results.min_coverage_year, places=2))
         if results.min_coverage_year is not None else notes.get("coverage", DASH)),
        (_("Lowest debt-service coverage (month)"), _("{times} times").format(
            times=number(results.min_coverage_month, places=2)) if results.min_coverage_month is not None
         else notes.get("coverage", DASH)),
    ]
    if model.include_residual_value:
        pairs.append((_("Residual value counted in the last year"), money(results.residual_value, currency)))
    return [key_values(pairs, label_share=0.42)]


def group_view(facts: PlanFacts) -> list[Flowable]:
    """The partners' own money: what it gets back, for the group and for each partner."""
    results, currency, group = facts.results, facts.currency, facts.results.group
    intro = para(_("The same figures on the partners' own money: their contributions go in at the start, and "
                   "each year they take out the business's net cash flow (after taxes, profit sharing, loan "
                   "payments and equipment bought again), with the cash the business still holds at the end. "
                   "Grants and loans stay as they are. Each partner takes a share in proportion to what it "
                   "put in."), STYLES.body)
    if group is None:
        return [intro, para(results.notes.get("group", DASH), STYLES.body)]
    pairs = [
        (_("The group's own money put in"), money(group.contribution, currency)),
        (_("The group's NPV on its own money"), _("{npv} at {rate}").format(
            npv=money(group.npv, currency), rate=percent(facts.model.discount_rate))),
        (_("The group's IRR on its own money"), percent(group.irr, places=1) if group.irr is not None
         else _(IRR_REASONS[group.irr_reason])),
        (_("The group's payback on its own money"), payback(group.payback_years)
         if group.payback_years is not None else _("Not paid back within the plan")),
    ]
    columns = [Column(pgettext("group view", "Partner"), 2.4), Column(_("Contribution"), 1.3, numeric=True),
               Column(_("Share"), 0.8, numeric=True), Column(_("Money back over the plan"), 1.5, numeric=True),
               Column(_("NPV of its share"), 1.4, numeric=True)]
    rows = [[partner.name if partner.name != partner.kind else _(FUNDING_KINDS[partner.kind]),
             money(partner.contribution, currency), percent(partner.share_pct, places=2),
             money(partner.money_back, currency),
             money(partner.npv, currency)] for partner in group.partners]
    rows.append([_("Total"), money(group.contribution, currency), percent(Decimal(100), places=2),
                 money(sum((partner.money_back for partner in group.partners), Decimal(0)), currency),
                 money(group.npv, currency)])
    return [intro, key_values(pairs, label_share=0.42), table(columns, rows, total_rows=1)]


def break_even(facts: PlanFacts) -> list[Flowable]:
    results, currency = facts.results, facts.currency
    first_year = results.years[0].revenue / 12 if results.years else None
    pairs = [(_("Break-even sales a month"), money(results.break_even_revenue, currency)
              if results.break_even_revenue is not None else results.notes.get("break_even_revenue", DASH)),
             (_("Average sales a month in the first year"),
              money(first_year.quantize(Decimal("0.01")), currency) if first_year is not None else DASH),
             (_("Contribution margin (first year)"), percent(results.contribution_margin_pct, places=1)
              if results.contribution_margin_pct is not None else DASH)]
    if results.break_even_units is not None:
        product = results.products[0]
        pairs.insert(1, (_("Break-even units a month"), f"{number(results.break_even_units)} {product.unit}".strip()))
    elif "break_even_units" in results.notes:
        pairs.insert(1, (_("Break-even units a month"), results.notes["break_even_units"]))
    return [key_values(pairs, label_share=0.42)]


def income_statement(facts: PlanFacts) -> list[Flowable]:
    years, currency = facts.results.years, facts.currency

    def line(label: str, field: str, bold: bool = False) -> Line:
        values = [getattr(year, field) for year in years]
        return Line(label, [money(value, currency) for value in values], money(sum(values), currency), bold)

    return yearly_tables(_("Income statement"), [
        line(_("Sales"), "revenue"),
        line(_("Variable costs"), "variable_costs"),
        line(_("Contribution margin"), "contribution", True),
        line(_("Fixed costs"), "fixed_costs"),
        line(_("Operating margin before depreciation"), "operating_margin", True),
        line(_("Depreciation"), "depreciation"),
        line(_("Operating profit"), "operating_profit", True),
        line(_("Interest"), "interest"),
        line(_("Profit before tax"), "profit_before_tax", True),
        line(_("Workers' profit sharing (PTU)"), "profit_sharing"),
        line(_("Income tax"), "taxes"),
        line(_("Net profit"), "net_profit"),
    ], len(years), last_is_total=True)


def cash_flow(facts: PlanFacts) -> list[Flowable]:
    results, currency = facts.results, facts.currency
    years = results.years

    def line(label: str, field: str, bold: bool = False, total: bool = True) -> Line:
        values = [getattr(year, field) for year in years]
        return Line(label, [money(value, currency) for value in values],
                    money(sum(values), currency) if total else "", bold)

    starts = [results.opening_cash] + [year.cash_balance for year in years[:-1]]
    coverage = [number(year.coverage, places=2) if year.coverage is not None else DASH for year in years]
    lines = [
        Line(_("Cash at the start of the year"), [money(value, currency) for value in starts], ""),
        line(_("Sales"), "revenue"),
        line(_("Variable costs"), "variable_costs"),
        line(_("Fixed costs"), "fixed_costs"),
        line(_("Workers' profit sharing (PTU)"), "profit_sharing"),
        line(_("Taxes paid"), "taxes"),
        line(_("Cash available for the loans"), "cash_available", True),
        line(_("Interest"), "interest"),
        line(_("Principal repaid"), "principal"),
        line(_("Equipment bought again"), "replacements"),
        line(_("Net cash flow"), "net_cash_flow", True),
        Line(_("Debt-service coverage (times)"), coverage, ""),
        line(_("Cash at the end of the year"), "cash_balance", total=False),
    ]
    flowables = yearly_tables(_("Cash flow"), lines, len(years), last_is_total=True)
    flowables.append(para(_("Taxes are the monthly provisional payments on the profit after interest, settled "
                            "in the last month of each plan year. The cash at the start is the financing left "
                            "after buying the fixed assets."), STYLES.note))
    flowables.append(para(_("Workers' profit sharing is set aside month by month as the profit accrues and "
                            "deducted from the taxable profit; equipment whose useful life ends inside the plan "
                            "is bought again at its cost when the plan says so."), STYLES.note))
    return flowables


def monthly_chart(facts: PlanFacts) -> list[Flowable]:
    months = facts.results.months
    return [cash_chart([month.net_cash_flow for month in months], [month.cash_balance for month in months],
                       facts.currency, WIDTH),
            para(_("Each bar is a month's net cash flow (green when cash comes in, red when it goes out); the line "
                   "is the cash in hand at the end of the month, which must stay above zero."), STYLES.note)]


def sensitivity(facts: PlanFacts) -> list[Flowable]:
    results, currency = facts.results, facts.currency
    columns = [Column(_("What changes"), 2.2)]
    columns += [Column(("+" if change > 0 else "") + percent(change), 1.2, numeric=True) for change in CHANGES]
    rows, shading = [], []
    for row, (variable, name) in enumerate(TABLE_ROWS.items()):
        cells = [_(name)]
        for column, change in enumerate(CHANGES, start=1):
            case = next((item for item in results.sensitivity if item.variable == variable
                         and item.change_pct == change), None)
            cells.append(money(case.npv, currency) if case is not None else "")
            if case is not None:
                shading.append((column, row, VERDICT_PALE[case.colour]))
        rows.append(cells)
    if results.delay is not None:
        rows.append([_(DELAY_ROW), money(results.delay.npv, currency)] + [""] * (len(CHANGES) - 1))
        shading.append((1, len(rows) - 1, VERDICT_PALE[results.delay.colour]))
    return [para(_("The NPV of the plan (now {npv}) when one thing changes and everything else stays as planned. "
                   "Each cell is shaded with the verdict that case would get: green, amber or red.").format(
                npv=money(results.npv, currency)), STYLES.body),
            table(columns, rows, shading=shading),
            para(_("Price changes sales only; volume changes sales and variable costs; loans, depreciation and the "
                   "investment stay as planned. A cost overrun raises the investment and its depreciation while "
                   "the financing stays as planned; a late start moves the sales six months later and keeps the "
                   "costs and the loans on their dates."), STYLES.note)]


def switching(facts: PlanFacts) -> list[Flowable]:
    results = facts.results
    return [para(_("How far each input can move against the plan before the NPV reaches zero (thick bar) or the "
                   "cash runs out in some month (thin bar). The most sensitive input is on top; a bar that goes "
                   "past the 100% mark ends in an arrow, and a missing bar means the input can move that far without "
                   "it."), STYLES.body),
            tornado_chart(results.switching, WIDTH)]


def method() -> list[Flowable]:
    return bullets([
        _("NPV, IRR and payback judge the project whoever pays for it: year 0 carries the whole investment "
          "(grants, contributions and loans alike) and each later year the cash from operations after the tax "
          "the project would pay without debt. Financing changes the cash flow and the debt-service coverage, "
          "never the NPV."),
        _("The NPV counts the investment at the start and each year's cash at the end of that year, discounted "
          "at the plan's rate. Prices and costs are entered in today's money, so that rate is a real rate "
          "(above inflation). The MIRR reinvests what the project earns, and counts what it needs, at the same "
          "rate."),
        _("The payback is counted month by month: it is the month after which the cash from operations, added "
          "up from the start, covers the investment for good (the last month counted in part). The discounted "
          "payback does the same with each month's cash discounted as the NPV discounts its year."),
        _("The verdict checks that the NPV is not negative, that the cash never falls below zero and that each "
          "year's margin covers the loan payments at least 1.2 times, and checks the same with prices or "
          "volumes lower by 10%, and with variable or fixed costs higher by 10%."),
        _("The income statement and the cash flow are the business's own: interest and loan payments as "
          "scheduled, and depreciation by straight line over each item's useful life."),
        _("Break-even is monthly and counts the fixed costs paid in cash (not depreciation or interest), with "
          "the first year's mix of products."),
        _("Return on investment is the net profit of all the plan's years over the whole investment, grants and "
          "contributions included, so it is not a yearly rate like the IRR; the yearly average divides it by the "
          "years. Debt-service coverage is the cash available for the loans over their interest plus principal; "
          "lenders usually ask for at least 1.2 times."),
    ], STYLES.note_bullet)


def results_section(facts: PlanFacts) -> list[Flowable]:
    if not facts.results.ok:
        return problems(facts)
    scheme_note = [boxed([para(facts.scheme_note, STYLES.body)], VERDICT_PALE["amber"], VERDICT_STRONG["amber"])
                   ] if facts.scheme_note else []
    return [
        *verdict(facts),
        *scheme_note,
        *heading(_("Key figures")), *key_figures(facts),
        KeepTogether([*heading(_("What the group gets back")), *group_view(facts)]),
        *heading(_("Break-even point")), *break_even(facts),
        *heading(_("Income statement by year")), *income_statement(facts),
        *heading(_("Cash flow by year")), *cash_flow(facts),
        KeepTogether([*heading(_("Monthly cash flow")), *monthly_chart(facts)]),
        KeepTogether([*heading(_("Sensitivity of the NPV")), *sensitivity(facts)]),
        KeepTogether([*heading(_("Switching values")), *switching(facts)]),
        *heading(_("How the figures were computed")), *method(),
    ]


__all__ = ["COLOURS", "VERDICT_WORDS", "problems", "results_section", "verdict_words", "where"]
