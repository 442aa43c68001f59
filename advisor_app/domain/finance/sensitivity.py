"""What the verdict sees in one run, and the sensitivity table built from runs with shifted inputs.

A case changes one thing by a percentage: prices (sales only), volumes (sales and variable costs),
variable costs, or fixed costs, with loans, depreciation and the investment as planned; or the
investment costs 10 % or 20 % more than planned (its depreciation with it) while the financing stays as
planned. Only the first four enter the verdict's adverse cases. Each case is a
full run of the months, so its verdict colour accounts for the cash and the loan as well as the NPV,
and the verdict of the plan judges each adverse 10 % case on the same three tests: NPV not negative,
cash never below zero, each year's debt-service coverage at least the minimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from advisor_app.domain.finance import verdict as judge
from advisor_app.domain.finance.cashflow import Lines, Simulation, simulate, with_investment
from advisor_app.domain.finance.metrics import npv, payback_years
from advisor_app.domain.finance.model import FinancialModel
from advisor_app.i18n import N_

VARIABLES = {
    "price": N_("Price"),
    "volume": N_("Sales volume"),
    "variable_costs": N_("Variable costs"),
    "fixed_costs": N_("Fixed costs"),
}
# The rows of the sensitivity table as printed: the four above, the overrun and the delayed start.
TABLE_ROWS = {**VARIABLES, "investment": N_("Investment (cost overrun)")}
DELAY_ROW = N_("Sales start six months late")
CHANGES = (Decimal(-20), Decimal(-10), Decimal(10), Decimal(20))
# An investment that costs more than planned, with the financing as planned: only overruns are shown.
OVERRUNS = (Decimal(10), Decimal(20))
# The direction in which each variable hurts, for the 10 % stress the verdict applies.
_ADVERSE = {"price": Decimal(-10), "volume": Decimal(-10), "variable_costs": Decimal(10),
            "fixed_costs": Decimal(10)}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class SensitivityCase:
    variable: str  # a key of VARIABLES
    change_pct: Decimal  # -20, -10, 10 or 20
    npv: Decimal
    colour: str


def factors(variable: str, change: Decimal) -> dict[str, Decimal]:
    factor = 1 + change / 100
    return {
        "price": {"revenue_factor": factor},
        "volume": {"revenue_factor": factor, "variable_factor": factor},
        "variable_costs": {"variable_factor": factor},
        "fixed_costs": {"fixed_factor": factor},
    }[variable]


def flows_in_money(run: Simulation) -> list[Decimal]:
    return [Decimal(flow).scaleb(-2) for flow in run.project_flows]


def facts_of(model: FinancialModel, lines: Lines, run: Simulation, net_present_value: Decimal,
             price_factor: Decimal = Decimal(1), cost_factor: Decimal = Decimal(1),
             fragile: tuple[tuple[str, str, dict], ...] = ()) -> judge.Facts:
    flows = flows_in_money(run)
    if model.include_residual_value:
        flows[-1] -= Decimal(run.residual).scaleb(-2)
    debt_service = [interest + principal for interest, principal in zip(run.interest, run.principal)]
    loan_months = tuple(month + 1 for month, service in enumerate(debt_service)
                        if service > 0 and run.cash_available[month] < service)
    weakest = None
    for start in range(0, len(debt_service), 12):
        service = sum(debt_service[start:start + 12])
        if service > 0:
            cover = judge.coverage(sum(run.cash_available[start:start + 12]), service)
            if weakest is None or cover < weakest[1]:
                weakest = (start // 12 + 1, cover)
    first_sales = sum(run.revenue[:12])
    losses = []
    for product in model.products:
        price, cost = Decimal(product.price) * price_factor, Decimal(product.variable_cost_per_unit) * cost_factor
        if price < cost and product.monthly_volume > 0 and any(factor > 0 for factor in product.seasonality):
            losses.append((product.name, (cost - price).quantize(CENT, rounding=ROUND_HALF_UP)))
    lowest = min(run.balance, default=0)
    return judge.Facts(
        npv=net_present_value, discount_rate=Decimal(model.discount_rate), payback=payback_years(flows),
        horizon_years=int(model.horizon_years), total_revenue=sum(run.revenue),
        short_months=tuple(month + 1 for month, cash in enumerate(run.balance) if cash < 0),
        shortfall=-lowest if lowest < 0 else 0, loan_months=loan_months, weakest_year=weakest,
        has_loans=any(service > 0 for service in debt_service),
        first_year_monthly_sales=(Decimal(first_sales) / 1200).quantize(CENT, rounding=ROUND_HALF_UP),
        break_even_revenue=break_even_sales(run.fixed[0] if run.fixed else 0, first_sales,
                                            sum(run.variable[:12])),
        unit_losses=tuple(losses), fragile=fragile)


def break_even_sales(fixed_month: int, sales: int, variable: int) -> Decimal | None:
    """Monthly sales (cents → money) at which the contribution margin of the year's mix pays the fixed
    costs; None when sales do not even cover their variable costs."""
    if sales <= 0 or sales <= variable:
        return None
    return (Decimal(fixed_month) * sales / (sales - variable)).scaleb(-2).quantize(CENT, rounding=ROUND_HALF_UP)


def adverse_failures(variable: str, base: judge.Facts, case: judge.Facts) -> list[tuple[str, str, dict]]:
    """What the adverse 10 % case of ``variable`` breaks that the plan as entered does not: the NPV turns
    negative, the cash falls below zero in some month, or a year's debt-service coverage drops below the
    minimum. Each is (variable, test, params) for the verdict."""
    failures = []
    if case.npv < 0 <= base.npv:
        failures.append((variable, "npv", {}))
    if case.short_months and not base.short_months:
        failures.append((variable, "cash", {"months": case.short_months}))
    base_weak = base.weakest_year is not None and base.weakest_year[1] < judge.DSCR_MINIMUM
    if case.weakest_year is not None and case.weakest_year[1] < judge.DSCR_MINIMUM and not base_weak:
        failures.append((variable, "coverage", {"year": case.weakest_year[0], "coverage": case.weakest_year[1]}))
    return failures


def sensitivity(model: FinancialModel, lines: Lines, base: judge.Facts,
                runs: dict[tuple[str, Decimal], Simulation] | None = None
                ) -> tuple[tuple[SensitivityCase, ...], tuple[tuple[str, str, dict], ...]]:
    """The table, and what each adverse 10 % case breaks (see ``adverse_failures``). Each case's run of
    the months is left in ``runs`` by (variable, change), for the switching values to start from."""
    cases = []
    fragile: list[tuple[str, str, dict]] = []
    for variable in VARIABLES:
        for change in CHANGES:
            shift = factors(variable, change)
            run = simulate(lines, Decimal(model.tax_rate), model.include_residual_value,
                           sharing_rate=Decimal(model.profit_sharing_pct), **shift)
            if runs is not None:
                runs[(variable, change)] = run
            value = npv(Decimal(model.discount_rate), flows_in_money(run))
            facts = facts_of(model, lines, run, value, price_factor=shift.get("revenue_factor", Decimal(1))
                             if variable == "price" else Decimal(1),
                             cost_factor=shift.get("variable_factor", Decimal(1))
                             if variable == "variable_costs" else Decimal(1))
            cases.append(SensitivityCase(variable, change, value, judge.colour(judge.findings(facts))))
            if change == _ADVERSE[variable]:
                fragile += adverse_failures(variable, base, facts)
    for change in OVERRUNS:
        run = simulate(with_investment(model, lines, 1 + change / 100), Decimal(model.tax_rate),
                       model.include_residual_value, sharing_rate=Decimal(model.profit_sharing_pct))
        value = npv(Decimal(model.discount_rate), flows_in_money(run))
        cases.append(SensitivityCase("investment", change, value,
                                     judge.colour(judge.findings(facts_of(model, lines, run, value)))))
        if runs is not None:
            runs[("investment", change)] = run
    return tuple(cases), tuple(fragile)
