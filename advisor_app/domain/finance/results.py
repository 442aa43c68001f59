"""``compute(model) -> Results``: every figure the results page, the plan document and the verdict show.

The engine is a pure function of the model, fast enough to call on every keystroke (a 10-year plan
with 20 products and 30 cost lines, its sensitivity table included, in a few milliseconds). When the
model has problems, ``Results.problems`` holds them (the same sentences ``validate`` gives) and no
figure is produced: a page that cannot be computed says why instead of showing nonsense.

Modelling choices, which the plan document should state:
- NPV, IRR and payback judge the project, whoever pays for it: year 0 carries minus the whole
  investment (grants, contributions and loans alike) and each year after it the operating cash flow
  after the tax the project would pay without debt (rate × operating profit, when positive). Financing
  therefore changes the cash table and the debt coverage, never the NPV: a loan cannot make a weak
  project look better. With ``include_residual_value`` the assets' book value and the working capital
  come back in the last year.
- The cash table is the business's own: taxes are the provisional monthly payments on the profit after
  interest (see cashflow), loans are paid as scheduled, and the cash starts with the financing left
  after buying the fixed assets (working capital is cash the business holds).
- Break-even is monthly and counts cash fixed costs (not depreciation or interest): in units for a
  single-product plan, in sales for any mix (the first year's mix).
- Payback is counted on the months (see metrics.payback_from_months); the discounted payback discounts
  each month with its year's factor, as the NPV does. MIRR reinvests what comes out, and counts what
  goes in, at the discount rate.
- Return on investment is the net profit of the whole horizon over the whole investment, grants
  included; ``roi_yearly_pct`` is that divided by the years of the horizon.
- Sales by product and year are allocated to the cent (largest remainder) so that they add up to the
  year's sales, which are the sum of the rounded months.
- Debt-service coverage is cash available (sales less variable and fixed costs and taxes) over
  interest plus principal, by month and by year, where there is a payment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from advisor_app.domain.finance import verdict as judge
from advisor_app.domain.finance.cashflow import Lines, Simulation, allocate_cents, prepare, project_months, simulate
from advisor_app.domain.finance.loans import LoanSchedule
from advisor_app.domain.finance.metrics import IRR_REASONS, irr, mirr, npv, payback_from_months
from advisor_app.domain.finance.model import FinancialModel
from advisor_app.domain.finance.sensitivity import SensitivityCase, facts_of, flows_in_money, sensitivity
from advisor_app.domain.finance.group import GroupView, group_view
from advisor_app.domain.finance.switching import Delay, Switch, delayed, switching_values
from advisor_app.domain.finance.validation import validate
from advisor_app.i18n import _

CENT = Decimal("0.01")


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


@dataclass(frozen=True)
class Period:
    """One month or one year of the cash flow and the income statement."""

    number: int  # month 1..12×horizon, or year 1..horizon
    year: int
    revenue: Decimal
    variable_costs: Decimal
    contribution: Decimal  # revenue - variable costs
    fixed_costs: Decimal
    operating_margin: Decimal  # contribution - fixed costs (before depreciation, interest and taxes)
    depreciation: Decimal
    operating_profit: Decimal
    interest: Decimal
    profit_before_tax: Decimal
    taxes: Decimal
    net_profit: Decimal  # profit before tax - profit sharing - taxes
    cash_available: Decimal  # operating margin - profit sharing - taxes: what can pay the loans
    principal: Decimal
    debt_service: Decimal  # interest + principal
    net_cash_flow: Decimal  # cash available - debt service - replacements
    cash_balance: Decimal  # at the end of the period
    coverage: Decimal | None  # cash available / debt service, None without a payment
    profit_sharing: Decimal = Decimal("0.00")  # workers' share (PTU), set aside as the profit accrues
    replacements: Decimal = Decimal("0.00")  # assets bought again when their life ends


@dataclass(frozen=True)
class ProductSales:
    name: str
    unit: str
    units: tuple[Decimal, ...]  # by year, two decimals
    revenue: tuple[Decimal, ...]  # by year; the products of a year add up to that year's sales


@dataclass(frozen=True)
class Results:
    problems: dict[str, str] = field(default_factory=dict)
    currency: str = "MXN"
    months: tuple[Period, ...] = ()
    years: tuple[Period, ...] = ()  # also the income statement by year
    products: tuple[ProductSales, ...] = ()
    loans: tuple[tuple[int, LoanSchedule], ...] = ()  # (index in model.funding, schedule)
    investment_total: Decimal | None = None
    funding_total: Decimal | None = None
    loan_total: Decimal | None = None
    opening_cash: Decimal | None = None
    project_flows: tuple[Decimal, ...] = ()  # year 0..horizon, as discounted
    residual_value: Decimal | None = None  # included in project_flows only with include_residual_value
    discount_rate: Decimal | None = None  # the rate of npv, mirr and the discounted payback, in percent
    npv: Decimal | None = None
    irr: Decimal | None = None  # percentage points, two decimals
    irr_reason: str | None = None  # metrics.NO_SIGN_CHANGE, NO_ROOT or MULTIPLE_ROOTS when irr is None
    payback_years: Decimal | None = None  # from the monthly flows
    discounted_payback_years: Decimal | None = None
    mirr: Decimal | None = None  # percentage points, reinvesting at the discount rate
    roi_pct: Decimal | None = None  # the whole horizon's net profit over the investment
    roi_yearly_pct: Decimal | None = None  # roi_pct over the years of the horizon
    project_months: tuple[Decimal, ...] = ()  # unlevered flows by month, adding up to project_flows' years
    break_even_units: Decimal | None = None  # a month's units, single-product plans only
    break_even_revenue: Decimal | None = None  # a month's sales
    contribution_margin_pct: Decimal | None = None  # of the first year's sales
    min_coverage_year: Decimal | None = None
    min_coverage_month: Decimal | None = None
    sensitivity: tuple[SensitivityCase, ...] = ()
    switching: tuple[Switch, ...] = ()  # how far each input can move before NPV 0 or the cash runs out
    delay: Delay | None = None  # the plan with its sales six months late
    group: GroupView | None = None  # the partners' own money: None when they put in none
    verdict: judge.Verdict | None = None
    notes: dict[str, str] = field(default_factory=dict)  # why a figure above is None, by its name

    @property
    def ok(self) -> bool:
        return not self.problems

    def case(self, variable: str, change_pct: int | Decimal) -> SensitivityCase:
        for case in self.sensitivity:
            if case.variable == variable and case.change_pct == change_pct:
                return case
        raise KeyError((variable, change_pct))


def compute(model: FinancialModel) -> Results:
    """All figures for ``model``, or only its problems when it has any. Never raises for a model built
    from these dataclasses, whatever values (None, text, out-of-range numbers) its fields hold."""
    problems = validate(model)
    if problems:
        return Results(problems=problems, currency=model.currency if isinstance(model.currency, str) else "MXN")
    # Validation bounds each input, not their products: the largest plans it allows reach some 35 digits
    # of cents, beyond the default 28 that rounding to the cent needs to hold.
    with localcontext() as context:
        context.prec = 60
        return _compute(model)


def _compute(model: FinancialModel) -> Results:
    lines = prepare(model)
    run = simulate(lines, Decimal(model.tax_rate), model.include_residual_value,
                   sharing_rate=Decimal(model.profit_sharing_pct))
    flows = flows_in_money(run)
    net_present_value = npv(Decimal(model.discount_rate), flows)
    rate = irr(flows)
    runs: dict = {}
    cases, fragile = sensitivity(model, lines, facts_of(model, lines, run, net_present_value), runs)
    facts = facts_of(model, lines, run, net_present_value, fragile=fragile)
    months = _months(run)
    years = _years(run)
    notes: dict[str, str] = {}
    if rate.reason:
        notes["irr"] = _(IRR_REASONS[rate.reason])
    monthly = [_money(flow) for flow in project_months(run, Decimal(model.tax_rate), Decimal(model.profit_sharing_pct))]
    investment = _money(lines.investment)
    payback = payback_from_months(investment, monthly)
    discounted = payback_from_months(investment, monthly, Decimal(model.discount_rate))
    modified = mirr(Decimal(model.discount_rate), flows)
    if payback is None:
        notes["payback_years"] = _("The investment is not paid back within the plan's horizon.")
    if discounted is None:
        notes["discounted_payback_years"] = _("At the discount rate, the investment is not paid back within the "
                                              "plan's horizon.")
    if not any(source.kind in ("migrant_contribution", "own_savings") and Decimal(source.amount) > 0
               for source in model.funding):
        notes["group"] = _("The partners put in none of their own money: grants and loans pay for everything.")
    if modified is None:
        notes["mirr"] = _("The flows never change sign, so there is no return to measure.")
    units = _break_even_units(model, run, notes)
    if facts.break_even_revenue is None:
        notes["break_even_revenue"] = _("Sales do not cover their variable costs, so no level of sales breaks even.")
    coverages = [period.coverage for period in months if period.coverage is not None]
    year_coverages = [period.coverage for period in years if period.coverage is not None]
    if not coverages:
        notes["coverage"] = _("The plan has no loan payments to cover.")
    first_sales, first_variable = sum(run.revenue[:12]), sum(run.variable[:12])
    roi = _percent(sum(period.net_profit for period in years), investment)
    return Results(
        currency=model.currency, months=months, years=years, products=_products(model, lines, run),
        loans=lines.loans, investment_total=investment, funding_total=_money(lines.funding),
        loan_total=sum((schedule.amount for _index, schedule in lines.loans), Decimal("0.00")),
        opening_cash=_money(run.opening_cash), project_flows=tuple(flows), residual_value=_money(run.residual),
        discount_rate=Decimal(model.discount_rate), npv=net_present_value, irr=rate.rate, irr_reason=rate.reason, payback_years=payback,
        discounted_payback_years=discounted, mirr=modified, project_months=tuple(monthly), roi_pct=roi,
        roi_yearly_pct=(roi / int(model.horizon_years)).quantize(CENT, rounding=ROUND_HALF_UP)
        if roi is not None else None,
        break_even_units=units, break_even_revenue=facts.break_even_revenue,
        contribution_margin_pct=_percent(_money(first_sales - first_variable), _money(first_sales)),
        min_coverage_year=min(year_coverages, default=None), min_coverage_month=min(coverages, default=None),
        sensitivity=cases, switching=switching_values(model, lines, run, net_present_value, runs),
        delay=delayed(model, lines), group=group_view(model, months, years, _money(run.opening_cash)), verdict=judge.verdict(facts, model.currency), notes=notes)


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole <= 0:
        return None
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def _break_even_units(model: FinancialModel, run: Simulation, notes: dict[str, str]) -> Decimal | None:
    if len(model.products) != 1:
        notes["break_even_units"] = _("Break-even in units needs a single product; with several, use break-even "
                                      "sales.")
        return None
    product = model.products[0]
    margin = Decimal(product.price) - Decimal(product.variable_cost_per_unit)
    if margin <= 0:
        notes["break_even_units"] = _("Each unit sells for no more than it costs to make, so no volume breaks "
                                      "even.")
        return None
    return (_money(run.fixed[0]) / margin).quantize(CENT, rounding=ROUND_HALF_UP)


def _products(model: FinancialModel, lines: Lines, run: Simulation) -> tuple[ProductSales, ...]:
    """Each product's units and sales by year; a year's sales are split among the products to the cent
    so that they add up to the year's total (the sum of its rounded months)."""
    by_year = []
    for year, start in enumerate(range(0, len(run.revenue), 12)):
        exact = [(units[year] * Decimal(product.price)).scaleb(2)
                 for product, units in zip(model.products, lines.units_by_year)]
        by_year.append(allocate_cents(sum(run.revenue[start:start + 12]), exact))
    sales = []
    for index, (product, units_by_year) in enumerate(zip(model.products, lines.units_by_year)):
        units = tuple(value.quantize(CENT, rounding=ROUND_HALF_UP) for value in units_by_year)
        revenue = tuple(_money(cents[index]) for cents in by_year)
        sales.append(ProductSales(product.name, product.unit, units, revenue))
    return tuple(sales)


def _period(number: int, year: int, revenue: int, variable: int, fixed: int, depreciation: int, interest: int,
            taxes: int, principal: int, balance: int, sharing: int, replacements: int) -> Period:
    contribution = revenue - variable
    margin = contribution - fixed
    operating = margin - depreciation
    before_tax = operating - interest
    available = margin - taxes - sharing
    service = interest + principal
    return Period(
        number, year, _money(revenue), _money(variable), _money(contribution), _money(fixed), _money(margin),
        _money(depreciation), _money(operating), _money(interest), _money(before_tax), _money(taxes),
        _money(before_tax - sharing - taxes), _money(available), _money(principal), _money(service),
        _money(available - service - replacements), _money(balance),
        judge.coverage(available, service) if service > 0 else None, _money(sharing), _money(replacements))


def _months(run: Simulation) -> tuple[Period, ...]:
    return tuple(
        _period(month + 1, month // 12 + 1, run.revenue[month], run.variable[month], run.fixed[month],
                run.depreciation[month], run.interest[month], run.taxes[month], run.principal[month],
                run.balance[month], run.profit_sharing[month], run.replacements[month])
        for month in range(len(run.revenue)))


def _years(run: Simulation) -> tuple[Period, ...]:
    years = []
    for start in range(0, len(run.revenue), 12):
        window = slice(start, start + 12)
        years.append(_period(
            start // 12 + 1, start // 12 + 1, sum(run.revenue[window]), sum(run.variable[window]),
            sum(run.fixed[window]), sum(run.depreciation[window]), sum(run.interest[window]),
            sum(run.taxes[window]), sum(run.principal[window]), run.balance[start + 11],
            sum(run.profit_sharing[window]), sum(run.replacements[window])))
    return tuple(years)
