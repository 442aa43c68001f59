"""Discounted-cash-flow figures: NPV, IRR and MIRR on yearly flows, payback on monthly ones.

Yearly flows are indexed by year with the investment at year 0 (undiscounted) and each later year's
flow counted at the year's end, as textbooks and lenders do. Payback is counted on the engine's own
months, so a product sold only at the end of the year pays back when its months say, not as if the
year's cash came in evenly; the discounted payback discounts each month with its year's factor, the
same as the NPV, so it exists exactly when the NPV (without residual value) is not negative.

The IRR is reported only when it is a single, well-defined number. NPV as a function of the rate is a
polynomial in x = 1/(1 + r), and a rate r > -100 % is an IRR exactly when x > 0 is a root of it:
- no sign change in the flows: no root (``NO_SIGN_CHANGE``);
- one sign change: Descartes' rule of signs guarantees exactly one positive root, found by bisection;
- several sign changes: a Sturm sequence, in exact rational arithmetic, counts the distinct positive
  roots; none gives ``NO_ROOT``, more than one ``MULTIPLE_ROOTS`` (a spreadsheet would silently return
  whichever one its starting guess happened to reach), exactly one is located on the square-free part,
  so a root where NPV only touches zero is still found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Sequence

from advisor_app.i18n import N_

CENT = Decimal("0.01")

NO_SIGN_CHANGE = "no_sign_change"
NO_ROOT = "no_root"
MULTIPLE_ROOTS = "multiple_roots"

IRR_REASONS = {
    NO_SIGN_CHANGE: N_("The flows never change sign, so no rate makes the NPV zero."),
    NO_ROOT: N_("No discount rate makes the NPV zero."),
    MULTIPLE_ROOTS: N_("Several discount rates make the NPV zero, so none of them is the return."),
}


@dataclass(frozen=True)
class Irr:
    rate: Decimal | None  # percentage points, two decimals (a basis point)
    reason: str | None  # one of IRR_REASONS when rate is None


def npv(rate: Decimal, flows: Sequence[Decimal]) -> Decimal:
    """Net present value at ``rate`` percent a year (above -100), rounded to the cent."""
    factor = 1 + Decimal(rate) / 100
    if factor <= 0:
        raise ValueError("a discount rate must be above -100 %")
    total = Decimal(0)
    for flow in reversed(flows):
        total = total / factor + flow
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def payback_years(flows: Sequence[Decimal]) -> Decimal | None:
    """Years (with the fraction of the last one, assuming even flows within it) until the cumulative flow
    turns non-negative for good; None when the horizon ends first. A later negative year that sinks the
    total again moves the payback past it: the investment is not recovered until it stays recovered."""
    cumulative = [Decimal(0)] * len(flows)
    running = Decimal(0)
    for year, flow in enumerate(flows):
        running += flow
        cumulative[year] = running
    if running < 0:
        return None
    year = len(flows) - 1
    while year > 0 and cumulative[year - 1] >= 0:
        year -= 1
    if year == 0:
        return Decimal("0.00")
    before = cumulative[year - 1]
    return (year - 1 + (-before) / flows[year]).quantize(CENT, rounding=ROUND_HALF_UP)


def payback_from_months(investment: Decimal, months: Sequence[Decimal], discount_rate: Decimal | None = None
                        ) -> Decimal | None:
    """Years, to the hundredth, until the investment is recovered for good from the monthly flows:
    the cumulative flow starts at minus ``investment`` and the payback is the month after which it never
    falls below zero again, with the fraction of that month assuming its own flow comes in evenly.
    With ``discount_rate`` (percent a year) each month of year y is divided by (1 + rate)^y, as the NPV
    counts it. None when the horizon ends before the investment is recovered."""
    factor = 1 + Decimal(discount_rate) / 100 if discount_rate is not None else Decimal(1)
    running = -Decimal(investment)
    cumulative = []
    discount = Decimal(1)
    for month, flow in enumerate(months):
        if month % 12 == 0:
            discount /= factor
        flow = Decimal(flow) * discount if discount_rate is not None else Decimal(flow)
        cumulative.append((running, flow))
        running += flow
    if running < 0:
        return None
    last_negative = max((month for month, (before, _flow) in enumerate(cumulative) if before < 0), default=None)
    if last_negative is None:
        return Decimal("0.00")
    before, flow = cumulative[last_negative]
    return ((last_negative + (-before) / flow) / 12).quantize(CENT, rounding=ROUND_HALF_UP)


def mirr(rate: Decimal, flows: Sequence[Decimal]) -> Decimal | None:
    """Modified internal rate of return in percent with two decimals: the money put in is counted at
    ``rate`` back to year 0, the money that comes out is reinvested at ``rate`` to the last year, and the
    MIRR is the yearly rate that turns the one into the other. None without both signs of flow."""
    factor = 1 + Decimal(rate) / 100
    years = len(flows) - 1
    paid_in = sum((Decimal(flow) / factor ** year for year, flow in enumerate(flows) if flow < 0), Decimal(0))
    grown = sum((Decimal(flow) * factor ** (years - year) for year, flow in enumerate(flows) if flow > 0),
                Decimal(0))
    if paid_in >= 0 or grown <= 0 or years < 1:
        return None
    ratio = grown / -paid_in
    return ((ratio ** (Decimal(1) / years) - 1) * 100).quantize(CENT, rounding=ROUND_HALF_UP)


def irr(flows: Sequence[Decimal]) -> Irr:
    """Internal rate of return in percent with two decimals, or None and the reason it is not defined."""
    coefficients = [int((Decimal(flow) / CENT).to_integral_value(ROUND_HALF_UP)) for flow in flows]
    while coefficients and coefficients[0] == 0:  # a root x = 0 means r = infinity: drop it
        coefficients.pop(0)
    while coefficients and coefficients[-1] == 0:
        coefficients.pop()
    signs = [value > 0 for value in coefficients if value != 0]
    changes = sum(1 for before, after in zip(signs, signs[1:]) if before != after)
    if changes == 0:
        return Irr(None, NO_SIGN_CHANGE)
    if changes == 1:
        polynomial = [Fraction(value) for value in reversed(coefficients)]
    else:
        polynomial = [Fraction(value) for value in reversed(coefficients)]
        chain = _sturm_chain(polynomial)
        roots = _sign_changes([_evaluate(p, Fraction(0)) for p in chain]) - _sign_changes([p[0] for p in chain])
        if roots == 0:
            return Irr(None, NO_ROOT)
        if roots > 1:
            return Irr(None, MULTIPLE_ROOTS)
        if len(chain[-1]) > 1:
            polynomial = _divide(polynomial, chain[-1])[0]
    x = _positive_root(polynomial)
    rate = (Decimal(repr(1 / x - 1)) * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return Irr(rate, None)


# Polynomials below are lists of Fraction coefficients, highest degree first.

def _evaluate(polynomial: list[Fraction], x: Fraction) -> Fraction:
    total = Fraction(0)
    for coefficient in polynomial:
        total = total * x + coefficient
    return total


def _divide(numerator: list[Fraction], denominator: list[Fraction]) -> tuple[list[Fraction], list[Fraction]]:
    remainder = list(numerator)
    quotient: list[Fraction] = []
    lead = denominator[0]
    while len(remainder) >= len(denominator):
        factor = remainder[0] / lead
        quotient.append(factor)
        for index, coefficient in enumerate(denominator):
            remainder[index] -= factor * coefficient
        remainder.pop(0)
    while remainder and remainder[0] == 0:
        remainder.pop(0)
    return quotient or [Fraction(0)], remainder


def _derivative(polynomial: list[Fraction]) -> list[Fraction]:
    degree = len(polynomial) - 1
    return [coefficient * (degree - index) for index, coefficient in enumerate(polynomial[:-1])]


def _sturm_chain(polynomial: list[Fraction]) -> list[list[Fraction]]:
    chain = [polynomial, _derivative(polynomial)]
    while len(chain[-1]) > 1:
        remainder = _divide(chain[-2], chain[-1])[1]
        if not remainder:
            break
        chain.append([-coefficient for coefficient in remainder])
    return chain


def _sign_changes(values: list[Fraction]) -> int:
    signs = [value > 0 for value in values if value != 0]
    return sum(1 for before, after in zip(signs, signs[1:]) if before != after)


def _positive_root(polynomial: list[Fraction]) -> float:
    """The one simple positive root, by bisection on log x between bounds that must enclose it."""
    scale = max(abs(coefficient) for coefficient in polynomial)
    values = [float(coefficient / scale) for coefficient in polynomial]
    lead, last = polynomial[0], polynomial[-1]
    upper = 1 + max(abs(coefficient / lead) for coefficient in polynomial[1:])  # Cauchy's bound
    lower = 1 / (1 + max(abs(coefficient / last) for coefficient in polynomial[:-1]))
    low, high = math.log(float(lower)) - 1, math.log(float(upper)) + 1
    low_sign = last > 0

    def positive(log_x: float) -> bool:
        x = math.exp(log_x)
        total = 0.0
        for coefficient in values:
            total = total * x + coefficient
        return total > 0

    for _ in range(200):
        middle = (low + high) / 2
        if middle in (low, high):
            break
        if positive(middle) == low_sign:
            low = middle
        else:
            high = middle
    return math.exp((low + high) / 2)
