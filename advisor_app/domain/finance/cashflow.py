"""The month-by-month engine, in whole cents.

``prepare`` turns a valid model into monthly lines: sales and variable costs kept exact (so that the
sensitivity cases scale them and round once, giving the same cents as recomputing a changed model),
fixed costs, depreciation and loan payments. ``simulate`` runs the months in integer cents, which is
what keeps a 10-year, 20-product plan well inside a keystroke; it runs once for the plan and once per
sensitivity case.

Taxes follow Mexico's provisional payments: each month pays the rate on the profit accumulated since
the start of the plan year, less what the year already paid (never a negative payment), and the
year's last month settles the difference, a refund when the profit fell. A year's taxes are therefore
exactly the rate times its profit when positive and nothing when it made a loss. Losses are not
carried into later years, which errs on the side of caution.

Workers' profit sharing (PTU), when the plan sets a rate, is that rate of the year's profit before
tax, deducted from that year's taxable profit. It is set aside month by month as the profit accrues,
like the provisional taxes, and settled in the year's last month; the law pays it the following May,
so setting it aside earlier errs on the side of caution.

With ``replace_assets`` each depreciable item is bought again, at its original cost, in the month after
its useful life ends, and depreciated again from there: the purchase shows in the cash table and in
the project's flows, so a 4-year vehicle in a 10-year plan is paid for twice more.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from advisor_app.domain.finance.loans import LoanSchedule, amortize
from advisor_app.domain.finance.model import DEFAULT_USEFUL_LIFE, NOT_DEPRECIATED, FinancialModel


def to_cents(value: Decimal) -> int:
    return int(value.scaleb(2).to_integral_value(ROUND_HALF_UP))


def divide_round(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half away from zero, as Decimal's ROUND_HALF_UP does."""
    quotient = (2 * abs(numerator) + denominator) // (2 * denominator)
    return quotient if numerator >= 0 else -quotient


def allocate_cents(total: int, exact: list[Decimal]) -> list[int]:
    """Whole cents for ``exact`` amounts (in cents) that add up to ``total``: each is cut to the cent
    below and the cents still missing (or extra) go one by one to the largest remainders (or smallest),
    the largest remainder method, so a printed table adds up to its printed total."""
    floors = [int(value.to_integral_value(ROUND_FLOOR)) for value in exact]
    left = total - sum(floors)
    if left >= 0:
        order = sorted(range(len(exact)), key=lambda index: (floors[index] - exact[index], index))
        for index in order[:left]:
            floors[index] += 1
        if left > len(exact):  # only when the total is far from the parts: the rest goes to the first
            floors[0] += left - len(exact)
    else:
        order = sorted(range(len(exact)), key=lambda index: (exact[index] - floors[index], index))
        for index in order[:-left]:
            floors[index] -= 1
        if -left > len(exact):
            floors[0] += left + len(exact)
    return floors


def rate_ratio(percent: Decimal) -> tuple[int, int]:
    """A percentage as an exact integer fraction of one (30 → 3/10), for taxes in integer cents."""
    numerator, denominator = Decimal(percent).as_integer_ratio()
    return numerator, denominator * 100


@dataclass(frozen=True)
class Lines:
    """Monthly inputs of one run; sales and variable costs are exact, the rest in cents."""

    revenue: tuple[Decimal, ...]
    variable: tuple[Decimal, ...]
    revenue_cents: tuple[int, ...]
    variable_cents: tuple[int, ...]
    revenue_ratios: tuple[tuple[int, int], ...]  # the exact amounts as integer fractions, for scaling
    variable_ratios: tuple[tuple[int, int], ...]
    fixed: int
    fixed_exact: Decimal
    depreciation: tuple[int, ...]
    interest: tuple[int, ...]
    principal: tuple[int, ...]
    loans: tuple[tuple[int, LoanSchedule], ...]  # (index in model.funding, schedule)
    units_by_year: tuple[tuple[Decimal, ...], ...]  # per product, per year
    residual: int  # book value of assets plus working capital at the end of the horizon
    replacements: tuple[int, ...]  # assets bought again, by month
    investment: int
    funding: int
    working_capital: int


def prepare(model: FinancialModel) -> Lines:
    months = int(model.horizon_years) * 12
    start = int(model.start_month) - 1
    revenue = [Decimal(0)] * months
    variable = [Decimal(0)] * months
    units_by_year = []
    for product in model.products:
        price, cost = Decimal(product.price), Decimal(product.variable_cost_per_unit)
        growth = 1 + Decimal(product.yearly_growth) / 100
        seasons = [Decimal(product.seasonality[(start + month) % 12]) for month in range(12)]
        season_total = sum(seasons, Decimal(0))
        base = Decimal(product.monthly_volume)
        yearly = []
        for year in range(int(model.horizon_years)):
            volume = base * growth ** year if year else base  # Decimal refuses 0 ** 0 (growth of -100 %)
            yearly.append(volume * season_total)
            price_volume, cost_volume = price * volume, cost * volume
            offset = year * 12
            for month, season in enumerate(seasons):
                revenue[offset + month] += price_volume * season
                variable[offset + month] += cost_volume * season
        units_by_year.append(tuple(yearly))
    fixed_exact = sum((Decimal(cost.monthly_amount) for cost in model.fixed_costs), Decimal(0))
    depreciation, residual, replacements = _depreciation(model, months)
    interest, principal, loans = _loans(model, months)
    investment = sum(to_cents(Decimal(item.amount)) for item in model.investments)
    working_capital = sum(to_cents(Decimal(item.amount)) for item in model.investments
                          if item.category == "working_capital")
    return Lines(tuple(revenue), tuple(variable), tuple(map(to_cents, revenue)), tuple(map(to_cents, variable)),
                 tuple(value.as_integer_ratio() for value in revenue),
                 tuple(value.as_integer_ratio() for value in variable),
                 to_cents(fixed_exact), fixed_exact, depreciation,
                 tuple(interest), tuple(principal), loans, tuple(units_by_year), residual, replacements, investment,
                 sum(to_cents(Decimal(source.amount)) for source in model.funding), working_capital)


def _depreciation(model: FinancialModel, months: int) -> tuple[tuple[int, ...], int, tuple[int, ...]]:
    """Straight line by month; each month is the change in the rounded accumulated amount, so the cents
    add up exactly to the item's cost when its life ends within the plan. With ``replace_assets`` an item
    whose life ends inside the horizon is bought again the next month and its depreciation starts over."""
    monthly = [0] * months
    replacements = [0] * months
    residual = 0
    for item in model.investments:
        amount = to_cents(Decimal(item.amount))
        life = item.useful_life_years if item.useful_life_years is not None else DEFAULT_USEFUL_LIFE.get(item.category)
        if item.category in NOT_DEPRECIATED or life is None or amount == 0:
            residual += amount
            continue
        life_months = max(1, int((Decimal(life) * 12).to_integral_value(ROUND_HALF_UP)))
        starts = range(0, months, life_months) if model.replace_assets is True else range(0, 1)
        before = 0
        for start in starts:
            if start:
                replacements[start] += amount
            before = 0
            for month in range(min(life_months, months - start)):
                accumulated = divide_round(amount * (month + 1), life_months)
                monthly[start + month] += accumulated - before
                before = accumulated
        residual += amount - before
    return tuple(monthly), residual, tuple(replacements)


def with_investment(model: FinancialModel, lines: Lines, factor: Decimal) -> Lines:
    """``lines`` with every investment item's cost times ``factor`` (its depreciation, replacements and
    residual value with it) and the financing as planned: an overrun the plan has not funded."""
    scaled = replace(model, investments=tuple(replace(item, amount=Decimal(item.amount) * factor)
                                              for item in model.investments))
    depreciation, residual, replacements = _depreciation(scaled, len(lines.revenue))
    return replace(lines, depreciation=depreciation, residual=residual, replacements=replacements,
                   investment=sum(to_cents(Decimal(item.amount)) for item in scaled.investments),
                   working_capital=sum(to_cents(Decimal(item.amount)) for item in scaled.investments
                                       if item.category == "working_capital"))


def _loans(model: FinancialModel, months: int) -> tuple[list[int], list[int], tuple[tuple[int, LoanSchedule], ...]]:
    interest, principal = [0] * months, [0] * months
    schedules = []
    for index, source in enumerate(model.funding):
        if not source.is_loan or Decimal(source.amount) == 0:
            continue
        schedule = amortize(Decimal(source.amount), Decimal(source.annual_rate), int(source.term_months),
                            int(source.grace_months))
        schedules.append((index, schedule))
        for row in schedule.rows:
            interest[row.month - 1] += to_cents(row.interest)
            principal[row.month - 1] += to_cents(row.principal)
    return interest, principal, tuple(schedules)


@dataclass(frozen=True)
class Simulation:
    """Monthly figures in cents (lists of int), plus what the figures need from the inputs."""

    revenue: list[int]
    variable: list[int]
    fixed: list[int]
    depreciation: tuple[int, ...]
    interest: tuple[int, ...]
    principal: tuple[int, ...]
    taxes: list[int]
    profit_sharing: list[int]  # workers' share of the profit (PTU), set aside as it accrues
    replacements: tuple[int, ...]
    cash_available: list[int]  # revenue - variable - fixed - taxes - profit sharing: what can pay the debt
    balance: list[int]  # cash at the end of each month
    opening_cash: int
    project_flows: list[int]  # year 0 (minus the investment) to the last year, unlevered
    residual: int


def _dues(to_date: int, tax: tuple[int, int], sharing: tuple[int, int]) -> tuple[int, int]:
    """(profit sharing, tax) due on the profit before tax accumulated in the year so far, in cents."""
    share = divide_round(to_date * sharing[0], sharing[1]) if to_date > 0 else 0
    base = to_date - share
    return share, divide_round(base * tax[0], tax[1]) if base > 0 else 0


def _provisional(to_date: int, paid: tuple[int, int], year_end: bool, tax: tuple[int, int],
                 sharing: tuple[int, int]) -> tuple[int, int]:
    """This month's (profit sharing, tax) payments: what is due so far less what was paid, never
    negative before the year's last month, which settles the difference either way."""
    share_due, tax_due = _dues(to_date, tax, sharing)
    share, payment = share_due - paid[0], tax_due - paid[1]
    if year_end:
        return share, payment
    return max(share, 0), max(payment, 0)


def project_months(run: Simulation, tax_rate: Decimal, sharing_rate: Decimal = Decimal(0)) -> list[int]:
    """The project's monthly flows in cents, unlevered like its yearly flows: each month's margin less
    provisional profit sharing and taxes on the operating profit (no interest), settled in each year's
    last month, less the assets bought again; the months of a year add up exactly to that year's flow.
    Payback is counted on these."""
    tax, sharing = rate_ratio(tax_rate), rate_ratio(sharing_rate)
    flows = [0] * len(run.revenue)
    shared = paid = to_date = 0
    for month in range(len(run.revenue)):
        margin = run.revenue[month] - run.variable[month] - run.fixed[month]
        to_date += margin - run.depreciation[month]
        year_end = month % 12 == 11
        share, payment = _provisional(to_date, (shared, paid), year_end, tax, sharing)
        shared, paid = (0, 0) if year_end else (shared + share, paid + payment)
        if year_end:
            to_date = 0
        flows[month] = margin - share - payment - run.replacements[month]
    return flows


def _scaled(values: tuple[tuple[int, int], ...], factor: Decimal) -> list[int]:
    """Each exact amount times ``factor``, rounded half away from zero to the cent, as
    ``to_cents(value * factor)`` gives, but in integer arithmetic on exact fractions: the switching
    values run the months dozens of times per keystroke."""
    numerator, denominator = Decimal(factor).as_integer_ratio()
    cents = []
    for top, bottom in values:
        product, whole = top * numerator * 100, bottom * denominator
        rounded = (2 * abs(product) + whole) // (2 * whole)
        cents.append(rounded if product >= 0 else -rounded)
    return cents


def simulate(lines: Lines, tax_rate: Decimal, include_residual: bool, revenue_factor: Decimal = Decimal(1),
             variable_factor: Decimal = Decimal(1), fixed_factor: Decimal = Decimal(1),
             sharing_rate: Decimal = Decimal(0)) -> Simulation:
    """One run of the months. The factors scale the exact monthly sales, variable and fixed costs before
    rounding, which is how the sensitivity cases change price, volume and costs."""
    revenue = list(lines.revenue_cents if revenue_factor == 1 else _scaled(lines.revenue_ratios, revenue_factor))
    variable = list(lines.variable_cents if variable_factor == 1 else _scaled(lines.variable_ratios, variable_factor))
    fixed_month = lines.fixed if fixed_factor == 1 else to_cents(lines.fixed_exact * fixed_factor)
    months = len(revenue)
    fixed = [fixed_month] * months
    tax, sharing = rate_ratio(tax_rate), rate_ratio(sharing_rate)
    depreciation, interest, principal = lines.depreciation, lines.interest, lines.principal
    replacements = lines.replacements
    opening = lines.funding - lines.investment + lines.working_capital
    taxes, shares, available, balance = [0] * months, [0] * months, [0] * months, [0] * months
    cash, shared, paid, to_date = opening, 0, 0, 0
    for month in range(months):
        margin = revenue[month] - variable[month] - fixed_month
        to_date += margin - depreciation[month] - interest[month]
        if month % 12 == 11:
            share, due = _dues(to_date, tax, sharing)
            share, payment = share - shared, due - paid  # the settlement: a refund when too much was paid
            shared = paid = to_date = 0
        elif to_date > 0:  # divide_round inlined: this loop runs dozens of times per keystroke
            share = (2 * to_date * sharing[0] + sharing[1]) // (2 * sharing[1]) if sharing[0] else 0
            base = to_date - share
            due = (2 * base * tax[0] + tax[1]) // (2 * tax[1]) if base > 0 else 0
            share = share - shared if share > shared else 0
            payment = due - paid if due > paid else 0
            shared, paid = shared + share, paid + payment
        else:
            share = payment = 0
        taxes[month], shares[month] = payment, share
        available[month] = margin - payment - share
        cash += available[month] - interest[month] - principal[month] - replacements[month]
        balance[month] = cash
    flows = [-lines.investment]
    for start in range(0, months, 12):
        margin = (sum(revenue[start:start + 12]) - sum(variable[start:start + 12])
                  - fixed_month * 12)
        share, due = _dues(margin - sum(depreciation[start:start + 12]), tax, sharing)
        flows.append(margin - share - due - sum(replacements[start:start + 12]))
    if include_residual:
        flows[-1] += lines.residual
    return Simulation(revenue, variable, fixed, depreciation, interest, principal, taxes, shares, replacements,
                      available, balance, opening, flows, lines.residual)
