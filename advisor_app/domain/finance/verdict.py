"""The plain-language verdict: green, amber or red, with reasons that name the cause.

The colour is the worst of the reasons found:
- red: nothing is sold; the NPV at the plan's discount rate is negative (the project does not recover
  its investment); the cash runs out in some month (the plan needs more money than it has);
- amber: the loan payment exceeds the month's margin (red instead when that is what makes the cash run
  out); the yearly margin covers the debt service less than 1.2 times, the least lenders usually ask;
  the investment is not paid back within the horizon; a product sells below its variable cost;
  first-year sales stay below break-even; a 10 % fall in price or volume, or rise in variable or fixed
  costs, would turn the NPV negative, run the cash below zero in some month or bring a year's coverage
  below 1.2;
- green: none of these. Its sentence names exactly these tests and nothing more.

Reasons carry their code and raw figures (``params``) as well as the sentence, translated in the
language current when computed: the UI recomputes after a language switch (it takes milliseconds), and
a document in another language can word the same figures itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from advisor_app.i18n import _, ngettext

GREEN, AMBER, RED = "green", "amber", "red"
_RANK = {GREEN: 0, AMBER: 1, RED: 2}

DSCR_MINIMUM = Decimal("1.2")
STRESS_PCT = Decimal(10)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Reason:
    code: str
    colour: str
    message: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Verdict:
    colour: str
    reasons: tuple[Reason, ...]

    @property
    def reason(self) -> str:
        """The headline: the first (most serious) reason."""
        return self.reasons[0].message


@dataclass(frozen=True)
class Facts:
    """What the verdict looks at, gathered from one run of the months."""

    npv: Decimal
    discount_rate: Decimal
    payback: Decimal | None
    horizon_years: int
    total_revenue: int
    short_months: tuple[int, ...]  # months whose closing cash is negative
    shortfall: int  # cents: the deepest the cash goes below zero
    loan_months: tuple[int, ...]  # months whose debt service exceeds the cash available for it
    weakest_year: tuple[int, Decimal] | None  # (year, coverage) with the lowest yearly coverage
    first_year_monthly_sales: Decimal
    break_even_revenue: Decimal | None
    unit_losses: tuple[tuple[str, Decimal], ...]  # (product, loss per unit)
    # (variable, test, params) for each adverse 10 % case that breaks a test the plan passes: "npv", "cash"
    # or "coverage" (see sensitivity.adverse_failures)
    fragile: tuple[tuple[str, str, dict[str, Any]], ...] = ()
    has_loans: bool = False


def findings(facts: Facts) -> list[tuple[str, str, dict[str, Any]]]:
    """(code, colour, params) for every reason that applies, most serious first."""
    found: list[tuple[str, str, dict[str, Any]]] = []
    if facts.total_revenue <= 0:
        found.append(("no_sales", RED, {}))
    if facts.loan_months:
        loan_colour = RED if set(facts.loan_months) & set(facts.short_months) else AMBER
        found.append(("loan_exceeds_margin", loan_colour, {"months": facts.loan_months}))
    if facts.short_months:
        found.append(("cash_runs_out", RED, {"months": facts.short_months,
                                             "shortfall": Decimal(facts.shortfall).scaleb(-2)}))
    if facts.npv < 0:
        found.append(("npv_negative", RED, {"npv": facts.npv, "rate": facts.discount_rate}))
    if facts.weakest_year is not None and facts.weakest_year[1] < DSCR_MINIMUM:
        found.append(("low_coverage", AMBER, {"year": facts.weakest_year[0], "coverage": facts.weakest_year[1],
                                              "minimum": DSCR_MINIMUM}))
    if facts.payback is None and facts.npv >= 0:
        found.append(("no_payback", AMBER, {"years": facts.horizon_years}))
    for product, loss in facts.unit_losses:
        found.append(("unit_loss", AMBER, {"product": product, "loss": loss}))
    if (facts.break_even_revenue is not None and facts.total_revenue > 0
            and facts.first_year_monthly_sales < facts.break_even_revenue):
        found.append(("below_break_even", AMBER, {"sales": facts.first_year_monthly_sales,
                                                  "break_even": facts.break_even_revenue}))
    for variable, test, params in facts.fragile:
        found.append(("fragile", AMBER, {"variable": variable, "test": test, "change": STRESS_PCT, **params}))
    found.sort(key=lambda item: -_RANK[item[1]])
    return found


def colour(found: list[tuple[str, str, dict[str, Any]]]) -> str:
    return max((item[1] for item in found), key=_RANK.__getitem__, default=GREEN)


def verdict(facts: Facts, currency: str) -> Verdict:
    found = findings(facts)
    if not found:
        found = [("sound", GREEN, {"npv": facts.npv, "rate": facts.discount_rate, "change": STRESS_PCT,
                                   "loans": facts.has_loans, "minimum": DSCR_MINIMUM})]
    reasons = tuple(Reason(code, tone, describe(code, params, currency), params) for code, tone, params in found)
    return Verdict(colour(found), reasons)


def month_ranges(months: tuple[int, ...]) -> str:
    """1, 2, 3, 7, 9, 10 → "1–3, 7, 9–10": plan months as people read them."""
    parts: list[str] = []
    start = previous = None
    for month in list(months) + [None]:
        if start is not None and (month is None or month != previous + 1):
            parts.append(str(start) if start == previous else f"{start}–{previous}")
            start = None
        if month is not None and start is None:
            start = month
        previous = month
    return ", ".join(parts)


_IF_ADVERSE = {
    "price": lambda change: _("If prices fall {change}").format(change=change),
    "volume": lambda change: _("If sales volumes fall {change}").format(change=change),
    "variable_costs": lambda change: _("If variable costs rise {change}").format(change=change),
    "fixed_costs": lambda change: _("If fixed costs rise {change}").format(change=change),
}

_VARIABLE_FALLS = {
    "price": lambda change: _("The NPV turns negative if prices fall {change}.").format(change=change),
    "volume": lambda change: _("The NPV turns negative if sales volumes fall {change}.").format(change=change),
    "variable_costs": lambda change: _("The NPV turns negative if variable costs rise {change}.").format(
        change=change),
    "fixed_costs": lambda change: _("The NPV turns negative if fixed costs rise {change}.").format(change=change),
}


def describe(code: str, params: dict[str, Any], currency: str) -> str:
    """The sentence for one reason, in the current language."""
    from advisor_app.i18n.formatting import money, number, percent

    if code in ("loan_exceeds_margin", "cash_runs_out"):
        months = params["months"]
        if code == "loan_exceeds_margin":
            return ngettext("The loan payment exceeds the monthly margin in month {months}.",
                            "The loan payment exceeds the monthly margin in months {months}.",
                            len(months)).format(months=month_ranges(months))
        return ngettext("The cash runs out in month {months}: about {shortfall} more financing or working "
                        "capital is needed.",
                        "The cash runs out in months {months}: about {shortfall} more financing or working "
                        "capital is needed.", len(months)).format(months=month_ranges(months),
                                                                   shortfall=money(params["shortfall"], currency))
    if code == "no_sales":
        return _("The plan sells nothing: enter each product's price and monthly volume.")
    if code == "npv_negative":
        return _("At a discount rate of {rate} the project does not recover its investment: the NPV is "
                 "{npv}.").format(rate=percent(params["rate"]), npv=money(params["npv"], currency))
    if code == "low_coverage":
        return _("In year {year} the margin covers the loan payments only {coverage} times; lenders usually "
                 "ask for at least {minimum}.").format(year=params["year"],
                                                       coverage=number(params["coverage"], places=2),
                                                       minimum=number(params["minimum"]))
    if code == "no_payback":
        return ngettext("The investment is not paid back within the plan's {years} year.",
                        "The investment is not paid back within the plan's {years} years.",
                        params["years"]).format(years=params["years"])
    if code == "unit_loss":
        return _("{product} sells below its variable cost: each unit loses {loss}.").format(
            product=params["product"], loss=money(params["loss"], currency))
    if code == "below_break_even":
        return _("Sales in the first year average {sales} a month, below the break-even of {break_even}.").format(
            sales=money(params["sales"], currency), break_even=money(params["break_even"], currency))
    if code == "fragile":
        change = percent(params["change"])
        test = params.get("test", "npv")
        if test == "npv":
            return _VARIABLE_FALLS[params["variable"]](change)
        condition = _IF_ADVERSE[params["variable"]](change)
        if test == "cash":
            months = params["months"]
            return ngettext("{condition}, the cash falls below zero in month {months}.",
                            "{condition}, the cash falls below zero in months {months}.", len(months)).format(
                condition=condition, months=month_ranges(months))
        return _("{condition}, in year {year} the margin covers the loan payments only {coverage} times.").format(
            condition=condition, year=params["year"], coverage=number(params["coverage"], places=2))
    if params.get("loans"):
        return _("The project recovers its investment at a discount rate of {rate} (NPV {npv}), its cash never "
                 "falls below zero and each year's margin covers the loan payments at least {minimum} times. "
                 "With prices or volumes {change} lower, or variable or fixed costs {change} higher, each of "
                 "these still holds.").format(rate=percent(params["rate"]), npv=money(params["npv"], currency),
                                              change=percent(params["change"]), minimum=number(params["minimum"]))
    return _("The project recovers its investment at a discount rate of {rate} (NPV {npv}) and its cash never "
             "falls below zero. With prices or volumes {change} lower, or variable or fixed costs {change} "
             "higher, both still hold.").format(rate=percent(params["rate"]), npv=money(params["npv"], currency),
                                                change=percent(params["change"]))


def coverage(available: int, debt_service: int) -> Decimal:
    return (Decimal(available) / Decimal(debt_service)).quantize(CENT, rounding=ROUND_HALF_UP)
