"""The plan document's investment, financing and sales-and-costs sections: what the group entered.

These print from the model as typed, so a draft shows what it has; the figures derived from it (loan
schedules, sales by year) need a model without problems and say so when it has some.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from advisor_app.domain.entities import label
from advisor_app.domain.finance.model import (
    DEFAULT_USEFUL_LIFE,
    FUNDING_KINDS,
    INVESTMENT_CATEGORIES,
    NORMAL_SEASON,
    NOT_DEPRECIATED,
)
from advisor_app.i18n import _, current_locale, ngettext
from advisor_app.i18n.formatting import money
from advisor_app.reports.document import STYLES, Column, bullets, heading, key_values, para, table
from advisor_app.reports.figures import DASH, Line, amount, quantity, rate, share, total_of, yearly_tables
from advisor_app.reports.plan_facts import PlanFacts


def _nothing(message: str) -> Paragraph:
    return para(message, STYLES.missing)


def _later() -> Paragraph:
    return _nothing(_("Shown once the plan's figures can be computed (see Results)."))


def investment(facts: PlanFacts) -> list[Flowable]:
    items, currency = facts.model.investments, facts.currency
    if not items:
        return [_nothing(_("No investment items have been entered yet."))]
    total = total_of([item.amount for item in items])
    rows = []
    for item in items:
        if item.category in NOT_DEPRECIATED:
            life = _("not depreciated")
        else:
            life = quantity(item.useful_life_years if item.useful_life_years is not None
                            else DEFAULT_USEFUL_LIFE.get(item.category))
        rows.append([item.concept, label(INVESTMENT_CATEGORIES, item.category), life,
                     amount(item.amount, currency), share(item.amount, total)])
    rows.append([_("Total investment"), "", "", amount(total, currency) if total is not None else DASH,
                 share(total, total)])
    flowables: list[Flowable] = [table([Column(_("Item"), 3.2), Column(_("Category"), 2.2),
                                        Column(_("Useful life (years)"), 1.2, numeric=True),
                                        Column(_("Amount"), 1.6, numeric=True), Column(_("Share of total"), 0.9,
                                                                                       numeric=True)],
                                       rows, total_rows=1)]
    by_category: dict[str, list] = {}
    for item in items:
        by_category.setdefault(item.category, []).append(item.amount)
    if len(by_category) > 1:
        flowables += heading(_("By category"))
        rows = [[label(INVESTMENT_CATEGORIES, category), amount(total_of(amounts), currency)
                 if total_of(amounts) is not None else DASH, share(total_of(amounts), total)]
                for category, amounts in by_category.items()]
        rows.append([_("Total investment"), amount(total, currency) if total is not None else DASH,
                     share(total, total)])
        flowables.append(table([Column(_("Category"), 5.2), Column(_("Amount"), 1.6, numeric=True),
                                Column(_("Share of total"), 0.9, numeric=True)], rows, total_rows=1))
    return flowables


def financing(facts: PlanFacts) -> list[Flowable]:
    model, currency = facts.model, facts.currency
    flowables: list[Flowable] = []
    if facts.scheme_id:
        flowables += heading(_("Co-financing scheme"))
        if facts.scheme is not None:
            flowables.append(para(facts.scheme.name, STYLES.cell_bold))
            if facts.scheme.description:
                flowables.append(para(facts.scheme.description, STYLES.hint))
            if facts.scheme_note:
                flowables.append(para(facts.scheme_note, STYLES.body))
        else:
            flowables.append(para(_("{scheme} (not among the schemes defined on this laptop)").format(
                scheme=facts.scheme_id)))
    if not model.funding:
        flowables.append(_nothing(_("No financing sources have been entered yet.")))
        return flowables
    flowables += heading(_("Sources of financing"))
    total = total_of([source.amount for source in model.funding])
    rows = [[label(FUNDING_KINDS, source.kind), source.description, amount(source.amount, currency),
             share(source.amount, total)] for source in model.funding]
    rows.append([_("Total financing"), "", amount(total, currency) if total is not None else DASH, share(total, total)])
    flowables.append(table([Column(_("Source"), 2.3), Column(_("Description"), 3.4),
                            Column(_("Amount"), 1.6, numeric=True), Column(_("Share of total"), 0.9, numeric=True)],
                           rows, total_rows=1))
    if facts.mix is not None and facts.mix.messages:
        flowables.append(KeepTogether([para(_("Compared with the scheme's shares:"), STYLES.body),
                                       *bullets(facts.mix.messages)]))
    loans = [(index, source) for index, source in enumerate(model.funding) if source.is_loan]
    if loans:
        flowables += _loans(facts, loans)
    return flowables


def _loans(facts: PlanFacts, loans: list) -> list[Flowable]:
    currency, results = facts.currency, facts.results
    schedules = dict(results.loans) if results.ok else {}
    flowables: list[Flowable] = heading(_("Loan terms"))
    rows = []
    for index, source in loans:
        schedule = schedules.get(index)
        rows.append([source.description or label(FUNDING_KINDS, source.kind), amount(source.amount, currency),
                     rate(source.annual_rate), quantity(source.term_months), quantity(source.grace_months),
                     money(schedule.instalment, currency) if schedule else DASH,
                     money(schedule.total_interest, currency) if schedule else DASH])
    flowables.append(table([Column(_("Loan"), 2.6), Column(_("Amount"), 1.5, numeric=True),
                            Column(_("Annual rate"), 0.9, numeric=True), Column(_("Term (months)"), 0.9, numeric=True),
                            Column(_("Grace (months)"), 0.9, numeric=True),
                            Column(_("Monthly payment"), 1.4, numeric=True),
                            Column(_("Total interest"), 1.4, numeric=True)], rows))
    flowables.append(para(_("Equal monthly payments (French method) after the grace months, during which only "
                            "interest is paid; the loan is received at the start and the first payment falls "
                            "in the first month."), STYLES.note))
    if not results.ok:
        return flowables
    for number, (index, schedule) in enumerate(results.loans, start=1):
        source = facts.model.funding[index]
        title = _("Loan schedule by year")
        if len(results.loans) > 1:
            title = _("Loan schedule by year: {loan}").format(loan=source.description or number)
        flowables += heading(title)
        by_year: dict[int, list] = {}
        for row in schedule.rows:
            by_year.setdefault((row.month - 1) // 12 + 1, []).append(row)
        rows = [[_("Year {year}").format(year=year), money(months[0].opening_balance, currency),
                 money(sum(row.payment for row in months), currency), money(sum(row.interest for row in months), currency),
                 money(sum(row.principal for row in months), currency), money(months[-1].closing_balance, currency)]
                for year, months in by_year.items()]
        rows.append([_("Total"), "", money(schedule.total_paid, currency), money(schedule.total_interest, currency),
                     money(schedule.amount, currency), ""])
        flowables.append(table([Column(_("Year"), 1.2), Column(_("Owed at the start"), 1.6, numeric=True),
                                Column(_("Payments"), 1.6, numeric=True), Column(_("Interest"), 1.6, numeric=True),
                                Column(_("Principal"), 1.6, numeric=True),
                                Column(_("Owed at the end"), 1.6, numeric=True)], rows, total_rows=1))
    return flowables


def _twelve(factors: object) -> list[str]:
    """A product's seasonal factors as printed: twelve cells, whatever a draft holds."""
    cells = [quantity(factor) for factor in factors] if isinstance(factors, (list, tuple)) else []
    return (cells + [""] * 12)[:12]


def _month_names(width: str = "abbreviated") -> list[str]:
    from babel.dates import get_month_names

    names = get_month_names(width, locale=current_locale())
    return [names[month].rstrip(".").capitalize() for month in range(1, 13)]


def sales_and_costs(facts: PlanFacts) -> list[Flowable]:
    model, currency = facts.model, facts.currency
    flowables: list[Flowable] = heading(_("Products and services"))
    if model.products:
        rows = []
        for product in model.products:
            margin = total_of([product.price]) is not None and total_of([product.variable_cost_per_unit]) is not None
            rows.append([product.name, product.unit, amount(product.price, currency),
                         quantity(product.monthly_volume), rate(product.yearly_growth),
                         amount(product.variable_cost_per_unit, currency),
                         amount(Decimal(product.price) - Decimal(product.variable_cost_per_unit), currency)
                         if margin else DASH])
        flowables.append(table([Column(_("Product"), 2.4), Column(_("Unit"), 0.8), Column(_("Price"), 1.2, True),
                                Column(_("Units a month"), 1.1, True), Column(_("Growth a year"), 1.15, True),
                                Column(_("Variable cost a unit"), 1.2, True), Column(_("Margin a unit"), 1.2, True)],
                               rows))
        seasonal = [product for product in model.products if tuple(product.seasonality) != NORMAL_SEASON]
        if seasonal:
            flowables += heading(_("Seasonality (1 is a normal month)"))
            rows = [[product.name, *_twelve(product.seasonality)] for product in seasonal]
            flowables.append(table([Column(_("Product"), 3.4)] + [Column(name, 0.75, True) for name in _month_names()],
                                   rows, font_size=8))
    else:
        flowables.append(_nothing(_("No products or services have been entered yet.")))
    flowables += heading(_("Fixed costs"))
    if model.fixed_costs:
        total = total_of([cost.monthly_amount for cost in model.fixed_costs])
        rows = [[cost.concept, amount(cost.monthly_amount, currency),
                 amount(Decimal(cost.monthly_amount) * 12, currency) if total_of([cost.monthly_amount]) is not None
                 else DASH] for cost in model.fixed_costs]
        rows.append([_("Total fixed costs"), amount(total, currency) if total is not None else DASH,
                     amount(total * 12, currency) if total is not None else DASH])
        flowables.append(table([Column(_("Concept"), 5), Column(_("A month"), 1.6, True),
                                Column(_("A year"), 1.6, True)], rows, total_rows=1))
    else:
        flowables.append(_nothing(_("No fixed costs have been entered yet.")))
    flowables += heading(_("Assumptions"))
    start = model.start_month
    flowables.append(key_values([
        (_("Plan horizon"), ngettext("{years} year", "{years} years", model.horizon_years).format(
            years=model.horizon_years) if isinstance(model.horizon_years, int) else quantity(model.horizon_years)),
        (_("Operations start in"), _month_names("wide")[start - 1] if isinstance(start, int) and 1 <= start <= 12
         else quantity(start)),
        (_("Discount rate (real, above inflation)"), rate(model.discount_rate)),
        (_("Income tax rate"), rate(model.tax_rate)),
        (_("Workers' profit sharing (PTU)"), rate(model.profit_sharing_pct)),
        (_("Equipment bought again when its life ends"), _("Yes") if model.replace_assets is True else _("No")),
        (_("Currency"), str(model.currency)),
        (_("Residual value counted in the last year"), _("Yes") if model.include_residual_value is True else _("No")),
    ], label_share=0.45))
    results = facts.results
    flowables += heading(_("Sales by product and year"))
    if not results.ok:
        flowables.append(_later())
        return flowables
    years = len(results.years)
    lines = []
    for product in results.products:
        lines.append(Line(_("{product}: units ({unit})").format(product=product.name, unit=product.unit)
                          if product.unit else _("{product}: units").format(product=product.name),
                          [quantity(value) for value in product.units], quantity(sum(product.units))))
        lines.append(Line(_("{product}: sales").format(product=product.name),
                          [money(value, currency) for value in product.revenue],
                          money(sum(product.revenue), currency)))
    lines.append(Line(_("Total sales"), [money(year.revenue, currency) for year in results.years],
                      money(sum(year.revenue for year in results.years), currency)))
    flowables += yearly_tables(_("Product"), lines, years, last_is_total=True)
    return flowables


__all__ = ["financing", "investment", "sales_and_costs"]
