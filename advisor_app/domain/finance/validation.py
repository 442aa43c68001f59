"""What a financial model must satisfy before its numbers mean anything.

``validate`` returns one translated sentence per field path (``"products[2].seasonality[3]"``,
``"funding[0].term_months"``, ``"horizon_years"``, ``"funding"`` for the mix as a whole), so the wizard
can show each message beside its field as the group types. ``compute`` refuses to produce figures
while any problem remains, because a plan with a negative price or an unfunded investment would give
numbers that look precise and mean nothing.

Values of the wrong type (None, text, float) are reported, never raised: the UI may call this with
whatever is in the fields.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from advisor_app.domain.entities import CURRENCIES
from advisor_app.domain.finance.model import (
    FUNDING_KINDS,
    INVESTMENT_CATEGORIES,
    NOT_DEPRECIATED,
    FinancialModel,
)
from advisor_app.i18n import N_, _

MAX_AMOUNT = Decimal("1e12")
MAX_QUANTITY = Decimal("1e9")
MAX_SEASONAL_FACTOR = Decimal(10)
MAX_USEFUL_LIFE = Decimal(100)
MAX_HORIZON_YEARS = 10

_CONCEPT = N_("Concept")
_NAME = N_("Name")


class _Checker:
    """Collects the first problem found for each field path."""

    def __init__(self) -> None:
        self.problems: dict[str, str] = {}

    def add(self, path: str, message: str) -> None:
        self.problems.setdefault(path, message)

    def number(self, path: str, value: Any) -> Decimal | None:
        if value is None:
            self.add(path, _("Enter a number."))
            return None
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            self.add(path, _("This is not a number."))
            return None
        value = Decimal(value)
        if not value.is_finite():
            self.add(path, _("This is not a number."))
            return None
        return value

    def whole(self, path: str, value: Any) -> int | None:
        number = self.number(path, value)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.add(path, _("This is not a whole number."))
            return None
        return int(number)

    def amount(self, path: str, value: Any) -> Decimal | None:
        number = self.number(path, value)
        if number is None:
            return None
        if number < 0:
            self.add(path, _("An amount cannot be negative."))
        elif number >= MAX_AMOUNT:
            self.add(path, _("This amount is too large to be right."))
        else:
            return number
        return None

    def quantity(self, path: str, value: Any) -> Decimal | None:
        number = self.number(path, value)
        if number is None:
            return None
        if number < 0:
            self.add(path, _("A quantity cannot be negative."))
        elif number >= MAX_QUANTITY:
            self.add(path, _("This quantity is too large to be right."))
        else:
            return number
        return None

    def rate(self, path: str, value: Any) -> Decimal | None:
        number = self.number(path, value)
        if number is not None and not 0 <= number <= 100:
            self.add(path, _("A rate is a percentage between 0 and 100."))
            return None
        return number

    def text(self, path: str, value: Any, label: str) -> None:
        if not isinstance(value, str) or not value.strip():
            self.add(path, _("{field} is required.").format(field=_(label)))

    def choice(self, path: str, value: Any, vocabulary: dict[str, str]) -> bool:
        if not isinstance(value, str) or value not in vocabulary:
            self.add(path, _("Choose one of the options in the list."))
            return False
        return True


def validate(model: FinancialModel) -> dict[str, str]:
    """Problems by field path; an empty dict means ``compute`` will produce figures."""
    check = _Checker()
    months = _plan(check, model)
    investment = _investments(check, model)
    funding = _funding(check, model, months)
    _products(check, model)
    for index, cost in enumerate(model.fixed_costs):
        check.text(f"fixed_costs[{index}].concept", cost.concept, _CONCEPT)
        check.amount(f"fixed_costs[{index}].monthly_amount", cost.monthly_amount)
    if investment is not None and funding is not None and funding < investment and "funding" not in check.problems:
        from advisor_app.i18n.formatting import money

        check.add("funding", _("The financing adds up to {funding}, {missing} less than the investment of "
                               "{investment}.").format(funding=money(funding, _currency(model)),
                                                       missing=money(investment - funding, _currency(model)),
                                                       investment=money(investment, _currency(model))))
    return check.problems


def _currency(model: FinancialModel) -> str:
    return model.currency if isinstance(model.currency, str) and model.currency in CURRENCIES else "MXN"


def _plan(check: _Checker, model: FinancialModel) -> int | None:
    """The plan-wide settings; returns the horizon in months when it is sound."""
    check.rate("tax_rate", model.tax_rate)
    check.rate("discount_rate", model.discount_rate)
    check.choice("currency", model.currency, CURRENCIES)
    check.rate("profit_sharing_pct", model.profit_sharing_pct)
    for name in ("include_residual_value", "replace_assets"):
        if not isinstance(getattr(model, name), bool):
            check.add(name, _("Choose one of the options in the list."))
    start = check.whole("start_month", model.start_month)
    if start is not None and not 1 <= start <= 12:
        check.add("start_month", _("Choose a month from 1 to 12."))
    years = check.whole("horizon_years", model.horizon_years)
    if years is not None and not 1 <= years <= MAX_HORIZON_YEARS:
        check.add("horizon_years", _("A plan covers from 1 to {years} years.").format(years=MAX_HORIZON_YEARS))
        return None
    return None if years is None else years * 12


def _investments(check: _Checker, model: FinancialModel) -> Decimal | None:
    """Returns the total investment when every amount is sound."""
    total: Decimal | None = Decimal(0)
    for index, item in enumerate(model.investments):
        path = f"investments[{index}]"
        check.text(f"{path}.concept", item.concept, _CONCEPT)
        known = check.choice(f"{path}.category", item.category, INVESTMENT_CATEGORIES)
        amount = check.amount(f"{path}.amount", item.amount)
        total = None if amount is None or total is None else total + amount
        if known and item.category not in NOT_DEPRECIATED and item.useful_life_years is not None:
            life = check.number(f"{path}.useful_life_years", item.useful_life_years)
            if life is not None and not 1 <= life <= MAX_USEFUL_LIFE:
                check.add(f"{path}.useful_life_years", _("A useful life is between 1 and {years} years.").format(
                    years=MAX_USEFUL_LIFE))
    if total is not None and total <= 0:
        check.add("investments", _("Enter at least one investment item with its amount."))
        return None
    return total


def _funding(check: _Checker, model: FinancialModel, horizon_months: int | None) -> Decimal | None:
    """Returns the total financing when every amount is sound."""
    total: Decimal | None = Decimal(0)
    for index, source in enumerate(model.funding):
        path = f"funding[{index}]"
        check.choice(f"{path}.kind", source.kind, FUNDING_KINDS)
        amount = check.amount(f"{path}.amount", source.amount)
        total = None if amount is None or total is None else total + amount
        if source.kind == "loan":
            _loan(check, path, source, horizon_months)
    return total


def _loan(check: _Checker, path: str, source: Any, horizon_months: int | None) -> None:
    check.rate(f"{path}.annual_rate", source.annual_rate)
    term = check.whole(f"{path}.term_months", source.term_months)
    grace = check.whole(f"{path}.grace_months", source.grace_months)
    if term is not None:
        if term < 1:
            check.add(f"{path}.term_months", _("A loan needs a term of at least one month."))
            term = None
        elif horizon_months is not None and term > horizon_months:
            check.add(f"{path}.term_months", _("The loan lasts {months} months, longer than the plan's {years} "
                                               "years: lengthen the plan or shorten the loan.").format(
                months=term, years=horizon_months // 12))
    if grace is not None:
        if grace < 0:
            check.add(f"{path}.grace_months", _("Grace months cannot be negative."))
        elif term is not None and grace >= term:
            check.add(f"{path}.grace_months", _("The grace period must be shorter than the loan's term."))


def _products(check: _Checker, model: FinancialModel) -> None:
    if not model.products:
        check.add("products", _("Enter at least one product or service the business will sell."))
    for index, product in enumerate(model.products):
        path = f"products[{index}]"
        check.text(f"{path}.name", product.name, _NAME)
        check.amount(f"{path}.price", product.price)
        check.amount(f"{path}.variable_cost_per_unit", product.variable_cost_per_unit)
        check.quantity(f"{path}.monthly_volume", product.monthly_volume)
        growth = check.number(f"{path}.yearly_growth", product.yearly_growth)
        if growth is not None and not -100 <= growth <= 100:
            check.add(f"{path}.yearly_growth", _("Yearly growth is a percentage between -100 and 100."))
        factors = product.seasonality
        if not isinstance(factors, (tuple, list)) or len(factors) != 12:
            check.add(f"{path}.seasonality", _("Seasonality needs one factor for each of the 12 months."))
            continue
        for month, factor in enumerate(factors):
            number = check.number(f"{path}.seasonality[{month}]", factor)
            if number is None:
                continue
            if number < 0:
                check.add(f"{path}.seasonality[{month}]", _("A seasonal factor cannot be negative."))
            elif number > MAX_SEASONAL_FACTOR:
                check.add(f"{path}.seasonality[{month}]", _("A seasonal factor above {limit} is not plausible: 1 "
                                                            "is a normal month.").format(limit=MAX_SEASONAL_FACTOR))
