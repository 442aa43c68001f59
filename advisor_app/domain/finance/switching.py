"""Switching values: how far one input can move, against the plan, before the NPV reaches zero or the
cash runs out; and the plan with its start delayed six months.

Each input is scaled by a factor as in the sensitivity table (prices, volumes, variable costs, fixed
costs) or, for the investment, every item's cost and depreciation grow while the financing stays as
planned. NPV and the lowest cash balance move monotonically with the factor and in straight pieces
(taxes bend them where a year's profit crosses zero), so false position (the Illinois variant) finds
the crossing in a few runs of the months instead of a bisection's dozens. The answer is the change in
percent to the hundredth, chosen so that the crossing lies between it and the next hundredth: each
month is rounded to the cent, so the NPV moves in steps of a few cents and "exactly zero" may fall
between two of them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, Decimal
from typing import Callable

from advisor_app.domain.finance import verdict as judge
from advisor_app.domain.finance.cashflow import Lines, Simulation, simulate, with_investment
from advisor_app.domain.finance.metrics import npv
from advisor_app.domain.finance.model import FinancialModel
from advisor_app.domain.finance.sensitivity import facts_of, factors, flows_in_money
from advisor_app.i18n import N_

SWITCHING = {
    "price": N_("Price"),
    "volume": N_("Sales volume"),
    "variable_costs": N_("Variable costs"),
    "fixed_costs": N_("Fixed costs"),
    "investment": N_("Investment"),
}
# The direction that hurts, and how far the search goes: prices and volumes down to nothing, costs and
# the investment up to eleven times as planned.
_LIMITS = {"price": Decimal(-100), "volume": Decimal(-100), "variable_costs": Decimal(1000),
           "fixed_costs": Decimal(1000), "investment": Decimal(1000)}
HUNDREDTH = Decimal("0.01")
DELAY_MONTHS = 6
_MAX_RUNS = 12


@dataclass(frozen=True)
class Switch:
    variable: str  # a key of SWITCHING
    npv_zero_pct: Decimal | None  # the change (signed percent) at which the NPV reaches zero
    cash_out_pct: Decimal | None  # the change at which the cash first falls below zero in some month
    npv_already_negative: bool = False
    cash_already_short: bool = False


@dataclass(frozen=True)
class Delay:
    months: int
    npv: Decimal
    short_months: tuple[int, ...]  # plan months whose closing cash is negative
    colour: str  # the verdict this case would get


def _runner(model: FinancialModel, lines: Lines, variable: str) -> Callable[[Decimal], Simulation]:
    tax, sharing = Decimal(model.tax_rate), Decimal(model.profit_sharing_pct)

    def run(change: Decimal) -> Simulation:
        if variable == "investment":
            return simulate(with_investment(model, lines, 1 + change / 100), tax, model.include_residual_value,
                            sharing_rate=sharing)
        return simulate(lines, tax, model.include_residual_value, sharing_rate=sharing,
                        **factors(variable, change))
    return run


def _crossing(measure: Callable[[Decimal], Decimal], base: Decimal, limit: Decimal) -> Decimal | None:
    """The change, to the hundredth, where ``measure`` (non-negative at 0) turns negative on the way to
    ``limit``: measure(answer) >= 0 > measure(answer + one hundredth towards limit). None when it stays
    non-negative all the way to ``limit``.

    It probes 20 % first and extrapolates in a straight line (a little beyond, to bracket the crossing),
    then narrows the bracket by false position, and last checks the neighbouring hundredth."""
    step = HUNDREDTH if limit > 0 else -HUNDREDTH
    good, good_value = Decimal(0), base
    probe = Decimal(20) if limit > 0 else Decimal(-20)
    while True:
        value = measure(probe)
        if value < 0:
            bad, bad_value = probe, value
            break
        if probe == limit:
            return None
        slope = (good_value - value) / abs(probe - good) if value < good_value else None
        good, good_value = probe, value
        reach = value / slope * Decimal("1.05") + 1 if slope else abs(probe) * 3
        probe = good + (reach if limit > 0 else -reach)
        probe = min(probe, limit) if limit > 0 else max(probe, limit)
        probe = probe.quantize(HUNDREDTH, rounding=ROUND_DOWN)
    side = 0
    for _ in range(_MAX_RUNS):
        if abs(bad - good) <= HUNDREDTH:
            return good
        guess = (good + (bad - good) * good_value / (good_value - bad_value)).quantize(HUNDREDTH, rounding=ROUND_DOWN)
        if guess == good:
            guess += step
        elif guess == bad:
            guess -= step
        if side != 1 and abs(guess - good) <= HUNDREDTH * 2:
            guess = good + step  # false position has landed: test the neighbour at once
        value = measure(guess)
        if value >= 0:
            good, good_value = guess, value
            if side == 1:  # Illinois: halve the far end's weight when the same end moves twice
                bad_value /= 2
            side = 1
        else:
            bad, bad_value = guess, value
            if side == -1:
                good_value /= 2
            side = -1
    while abs(bad - good) > HUNDREDTH:  # finish by halving if false position has not closed in
        middle = (good + (bad - good) / 2).quantize(HUNDREDTH, rounding=ROUND_DOWN)
        if middle in (good, bad):
            break
        if measure(middle) >= 0:
            good = middle
        else:
            bad = middle
    return good


def _cash_crossing(balances: Callable[[Decimal], list[int]], limit: Decimal) -> Decimal | None:
    """The change, to the hundredth, at which some month's closing cash first falls below zero on the way
    to ``limit``; None when the cash holds all the way. Each month's balance is nearly a straight line
    in the change, so the next guess is the nearest month's root of the line through two runs: the
    lowest balance alone bends too sharply (another month becomes the lowest) for false position."""
    direction = 1 if limit > 0 else -1
    step = HUNDREDTH * direction
    toward_good = ROUND_FLOOR if direction > 0 else ROUND_CEILING
    good_change, good = Decimal(0), balances(Decimal(0))
    other_change = Decimal(20 * direction)
    other = balances(other_change)
    bad: Decimal | None = None
    for _ in range(_MAX_RUNS + 4):
        if min(other) < 0:
            bad = other_change if bad is None or abs(other_change) < abs(bad) else bad
        elif abs(other_change) > abs(good_change):
            good_change, good, other_change, other = other_change, other, good_change, good
        if bad is not None and abs(bad - good_change) <= HUNDREDTH:
            return good_change
        # Each month's straight line through the two runs, in floats: only the guess comes from it,
        # every answer is checked on a run of the months.
        span, start_at = float(other_change - good_change), float(good_change)
        toward = 1 if span * direction > 0 else -1
        nearest = None
        for start, end in zip(good, other):
            if (end - start) * toward < 0:
                root = start_at - start * span / (end - start)
                if (root - start_at) * direction > 0 and (nearest is None or abs(root - start_at) < abs(nearest - start_at)):
                    nearest = root
        guess = Decimal(repr(nearest)) if nearest is not None else (bad if bad is not None else limit)
        if bad is not None and abs(guess - good_change) >= abs(bad - good_change):
            guess = good_change + (bad - good_change) / 2
        if abs(guess) > abs(limit):
            guess = limit
        guess = guess.quantize(HUNDREDTH, rounding=toward_good)
        if guess == good_change:
            guess += step
        if bad is None and guess == good_change:
            return None
        value = balances(guess)
        if min(value) >= 0 and guess == limit:
            return None
        other_change, other = guess, value
    while bad is not None and abs(bad - good_change) > HUNDREDTH:
        middle = (good_change + (bad - good_change) / 2).quantize(HUNDREDTH, rounding=toward_good)
        if middle in (good_change, bad):
            break
        if min(balances(middle)) >= 0:
            good_change = middle
        else:
            bad = middle
    return good_change if bad is not None else None


def switching_values(model: FinancialModel, lines: Lines, base: Simulation, base_npv: Decimal,
                     known: dict[tuple[str, Decimal], Simulation] | None = None) -> tuple[Switch, ...]:
    """Each input's switching values; ``known`` holds runs already made (the sensitivity table's), by
    (variable, change), so they are not made again."""
    rate = Decimal(model.discount_rate)
    base_cash = Decimal(min(base.balance, default=0))
    switches = []
    for variable, limit in _LIMITS.items():
        run = _runner(model, lines, variable)
        runs: dict[Decimal, Simulation] = {change: simulation for (name, change), simulation in (known or {}).items()
                                           if name == variable}

        def cached(change: Decimal) -> Simulation:
            if change not in runs:
                runs[change] = run(change)
            return runs[change]

        def present_value(change: Decimal) -> Decimal:
            return npv(rate, flows_in_money(cached(change)))

        def balances(change: Decimal) -> list[int]:
            return base.balance if change == 0 else cached(change).balance

        npv_zero = _crossing(present_value, base_npv, limit) if base_npv >= 0 else None
        cash_out = _cash_crossing(balances, limit) if base_cash >= 0 else None
        switches.append(Switch(variable, npv_zero, cash_out, base_npv < 0, base_cash < 0))
    return tuple(switches)


def tornado_order(switches: tuple[Switch, ...]) -> list[Switch]:
    """The switches most sensitive first (the smallest move that brings the NPV to zero or runs the cash
    out), as a tornado chart stacks them; an input that breaks neither within its range goes last."""
    def reach(item: Switch) -> Decimal:
        found = [abs(value) for value in (item.npv_zero_pct, item.cash_out_pct) if value is not None]
        return min(found, default=Decimal(10**6))
    return sorted(switches, key=reach)


def delayed(model: FinancialModel, lines: Lines, months: int = DELAY_MONTHS) -> Delay:
    """The plan with its sales starting ``months`` later: the investment, the fixed costs and the loans
    keep their dates, and the sales (with their variable costs) move later, the last ones falling off
    the end of the horizon."""
    def shift_ratios(values: tuple) -> tuple:
        return ((0, 1),) * months + tuple(values[:len(values) - months])

    def shift(values: tuple) -> tuple:
        zero = type(values[0])(0) if values else 0
        return (zero,) * months + tuple(values[:len(values) - months])

    late = replace(lines, revenue=shift(lines.revenue), variable=shift(lines.variable),
                   revenue_cents=shift(lines.revenue_cents), variable_cents=shift(lines.variable_cents),
                   revenue_ratios=shift_ratios(lines.revenue_ratios), variable_ratios=shift_ratios(lines.variable_ratios))
    run = simulate(late, Decimal(model.tax_rate), model.include_residual_value,
                   sharing_rate=Decimal(model.profit_sharing_pct))
    value = npv(Decimal(model.discount_rate), flows_in_money(run))
    return Delay(months, value, tuple(month + 1 for month, cash in enumerate(run.balance) if cash < 0),
                 judge.colour(judge.findings(facts_of(model, late, run, value))))


__all__ = ["DELAY_MONTHS", "SWITCHING", "Delay", "Switch", "delayed", "switching_values", "tornado_order"]
