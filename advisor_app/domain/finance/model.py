"""The financial inputs of a business plan, exactly as the wizard collects them.

The dataclasses are frozen so that a model is a value: the UI builds a new one (``dataclasses.replace``)
on each keystroke and ``compute`` is a pure function of it, which also makes "duplicate as a new
scenario" a plain copy. Lists given to the constructors become tuples.

Conventions the UI relies on:
- money is ``Decimal`` (never float) in the model's ``currency``; quantities may have decimals (kg, litres);
- rates and growth are percentage points: ``Decimal("12")`` means 12 %;
- a product's ``seasonality`` holds 12 multipliers of its typical monthly volume by calendar month
  (January first): 1 is a normal month, 0 a month without sales, 1.5 a month with half again as much;
- the plan starts operating in calendar month ``start_month`` of its first year; plan years are
  consecutive 12-month periods from there;
- a loan's ``term_months`` counts its grace months.

``model_to_dict`` / ``model_from_dict`` give the JSON-ready form with decimals as text; a value that
cannot be read is kept as it came so that ``validate`` can name the field instead of failing here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from advisor_app.i18n import N_

ZERO = Decimal(0)
ONE = Decimal(1)

INVESTMENT_CATEGORIES = {
    "land": N_("Land"),
    "building": N_("Buildings and construction"),
    "machinery_equipment": N_("Machinery and equipment"),
    "working_capital": N_("Working capital"),
    "other": N_("Other investment"),
}

# Land keeps its value and working capital is cash the business spends and recovers: neither wears out.
NOT_DEPRECIATED = frozenset({"land", "working_capital"})

# Years over which an item is written off when the plan gives no useful life: the usual maximum rates of
# Mexican income-tax law (buildings 5 % a year, machinery and most other assets 10 %).
DEFAULT_USEFUL_LIFE = {"building": Decimal(20), "machinery_equipment": Decimal(10), "other": Decimal(10)}

FUNDING_KINDS = {
    "migrant_contribution": N_("Migrants' contribution"),
    "federal": N_("Federal government"),
    "state": N_("State government"),
    "municipal": N_("Municipal government"),
    "loan": N_("Loan or microcredit"),
    "own_savings": N_("Own savings"),
    "other_grant": N_("Other grants"),
}

NORMAL_SEASON = (ONE,) * 12

# What a plan started in the wizard assumes until the group says otherwise: its workers get their 10 %
# share of the profit (Mexican law, where there are employees) and worn-out equipment is bought again.
PROFIT_SHARING_PCT = Decimal(10)
NEW_PLAN_SETTINGS = {"profit_sharing_pct": format(PROFIT_SHARING_PCT, "f"), "replace_assets": True}


def _as_tuple(instance: Any, name: str) -> None:
    value = getattr(instance, name)
    if isinstance(value, list):
        object.__setattr__(instance, name, tuple(value))


@dataclass(frozen=True)
class InvestmentItem:
    concept: str = ""
    category: str = "machinery_equipment"
    amount: Decimal = ZERO
    useful_life_years: Decimal | None = None  # None: DEFAULT_USEFUL_LIFE of the category


@dataclass(frozen=True)
class FundingSource:
    kind: str = "migrant_contribution"
    amount: Decimal = ZERO
    description: str = ""
    annual_rate: Decimal = ZERO  # loans only, like the two fields below
    term_months: int = 0
    grace_months: int = 0

    @property
    def is_loan(self) -> bool:
        return self.kind == "loan"


@dataclass(frozen=True)
class Product:
    name: str = ""
    unit: str = ""
    price: Decimal = ZERO
    monthly_volume: Decimal = ZERO
    yearly_growth: Decimal = ZERO
    seasonality: tuple[Decimal, ...] = NORMAL_SEASON
    variable_cost_per_unit: Decimal = ZERO

    def __post_init__(self) -> None:
        _as_tuple(self, "seasonality")


@dataclass(frozen=True)
class FixedCost:
    concept: str = ""
    monthly_amount: Decimal = ZERO


@dataclass(frozen=True)
class FinancialModel:
    investments: tuple[InvestmentItem, ...] = ()
    funding: tuple[FundingSource, ...] = ()
    products: tuple[Product, ...] = ()
    fixed_costs: tuple[FixedCost, ...] = ()
    tax_rate: Decimal = Decimal(30)  # corporate income tax (ISR); lower it for regimes that pay less
    horizon_years: int = 5
    discount_rate: Decimal = Decimal(12)
    start_month: int = 1
    currency: str = "MXN"
    # Add the book value of the assets and the working capital back in the last year of NPV and IRR.
    include_residual_value: bool = False
    # Workers' share of the profit (PTU, 10 % in Mexico where the business has employees). Zero here so
    # that a plan saved before the setting existed keeps its figures; new plans start with NEW_PLAN_SETTINGS.
    profit_sharing_pct: Decimal = ZERO
    # Buy each depreciable asset again when its useful life ends inside the horizon.
    replace_assets: bool = False

    def __post_init__(self) -> None:
        for name in ("investments", "funding", "products", "fixed_costs"):
            _as_tuple(self, name)


_ITEM_TYPES = {"investments": InvestmentItem, "funding": FundingSource, "products": Product,
               "fixed_costs": FixedCost}
_INTEGERS = frozenset({"term_months", "grace_months", "horizon_years", "start_month"})
_TEXTS = frozenset({"concept", "category", "description", "kind", "name", "unit", "currency"})


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {spec.name: _plain(getattr(value, spec.name)) for spec in fields(value)}
    return value


def model_to_dict(model: FinancialModel) -> dict[str, Any]:
    """JSON-ready form: decimals as text so no amount passes through float."""
    return _plain(model)


def _read(name: str, raw: Any) -> Any:
    if name in _TEXTS or name in ("include_residual_value", "replace_assets") or raw is None or isinstance(raw, bool):
        return raw
    if name in _INTEGERS:
        if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
            return int(raw)
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, str):
        try:
            return Decimal(raw.strip())
        except InvalidOperation:
            return raw
    return raw


def _build(kind: type, data: Any) -> Any:
    if not isinstance(data, dict):
        return kind()
    known = {spec.name for spec in fields(kind)}
    values = {}
    for name, raw in data.items():
        if name not in known:
            continue
        if name == "seasonality" and isinstance(raw, list):
            values[name] = tuple(_read(name, factor) for factor in raw)
        else:
            values[name] = _read(name, raw)
    return kind(**values)


def model_from_dict(data: dict[str, Any]) -> FinancialModel:
    """The model back from ``model_to_dict``'s form; unknown keys are ignored, missing ones take defaults."""
    values: dict[str, Any] = {}
    for spec in fields(FinancialModel):
        if spec.name not in data:
            continue
        raw = data[spec.name]
        item_type = _ITEM_TYPES.get(spec.name)
        if item_type is not None:
            values[spec.name] = tuple(_build(item_type, item) for item in raw) if isinstance(raw, list) else ()
        else:
            values[spec.name] = _read(spec.name, raw)
    return FinancialModel(**values)


__all__ = [
    "DEFAULT_USEFUL_LIFE", "FUNDING_KINDS", "INVESTMENT_CATEGORIES", "NEW_PLAN_SETTINGS", "NORMAL_SEASON",
    "NOT_DEPRECIATED", "PROFIT_SHARING_PCT",
    "FinancialModel", "FixedCost", "FundingSource", "InvestmentItem", "Product", "model_from_dict",
    "model_to_dict",
]
