"""Properties over generated plans: compute never raises, its figures hold together, NPV falls with the rate."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from advisor_app.domain.finance import (
    FinancialModel,
    FixedCost,
    FundingSource,
    InvestmentItem,
    Product,
    amortize,
    compute,
    irr,
    npv,
    validate,
)
from advisor_app.domain.finance.model import INVESTMENT_CATEGORIES

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def money(low=0, high=5_000_000):
    return st.integers(low * 100, high * 100).map(lambda cents: Decimal(cents) / 100)


def percent(low=0, high=100):
    return st.integers(low * 100, high * 100).map(lambda basis: Decimal(basis) / 100)


factors = st.integers(0, 300).map(lambda value: Decimal(value) / 100)

products = st.builds(Product, name=st.just("Product"), unit=st.just("kg"), price=money(0, 5000),
                     monthly_volume=st.integers(0, 100_000).map(Decimal), yearly_growth=percent(-100, 100),
                     seasonality=st.lists(factors, min_size=12, max_size=12).map(tuple),
                     variable_cost_per_unit=money(0, 5000))
investments = st.builds(InvestmentItem, concept=st.just("Item"),
                        category=st.sampled_from(sorted(INVESTMENT_CATEGORIES)), amount=money(1, 2_000_000),
                        useful_life_years=st.one_of(st.none(), st.integers(1, 40).map(Decimal)))
costs = st.builds(FixedCost, concept=st.just("Cost"), monthly_amount=money(0, 200_000))


@st.composite
def valid_models(draw):
    horizon = draw(st.integers(1, 10))
    items = tuple(draw(st.lists(investments, min_size=1, max_size=4)))
    total = sum(item.amount for item in items)
    loans = []
    for _ in range(draw(st.integers(0, 2))):
        term = draw(st.integers(1, horizon * 12))
        loans.append(FundingSource("loan", draw(money(0, 1_000_000)), "", draw(percent(0, 60)), term,
                                   draw(st.integers(0, term - 1))))
    lent = sum(loan.amount for loan in loans)
    own = max(total - lent, Decimal(0)) + draw(money(0, 100_000))
    return FinancialModel(
        investments=items, funding=(FundingSource("migrant_contribution", own), *loans),
        products=tuple(draw(st.lists(products, min_size=1, max_size=4))),
        fixed_costs=tuple(draw(st.lists(costs, max_size=4))), tax_rate=draw(percent(0, 50)), horizon_years=horizon,
        discount_rate=draw(percent(0, 40)), start_month=draw(st.integers(1, 12)),
        include_residual_value=draw(st.booleans()), profit_sharing_pct=draw(st.sampled_from([Decimal(0), Decimal(10)])),
        replace_assets=draw(st.booleans()))


@SETTINGS
@given(valid_models())
def test_compute_never_raises_for_a_valid_plan_and_its_figures_hold_together(model):
    assert validate(model) == {}
    results = compute(model)
    assert results.ok and len(results.months) == 12 * model.horizon_years
    assert results.verdict.colour in ("green", "amber", "red") and results.verdict.reason
    assert len(results.sensitivity) == 18
    assert (results.irr is None) == (results.irr_reason is not None)
    for year in results.years:
        window = results.months[(year.number - 1) * 12:year.number * 12]
        assert year.revenue == sum(month.revenue for month in window)
        share = (max(year.profit_before_tax, Decimal(0)) * model.profit_sharing_pct / 100).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP)
        taxable = max(year.profit_before_tax - share, Decimal(0))
        assert year.profit_sharing == share
        assert year.taxes == (taxable * model.tax_rate / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert year.net_profit == year.profit_before_tax - share - year.taxes
    assert results.months[-1].cash_balance == results.opening_cash + sum(m.net_cash_flow for m in results.months)
    assert sum(month.principal for month in results.months) == results.loan_total


anything = st.one_of(st.none(), st.text(max_size=3), st.floats(allow_nan=True), st.booleans(),
                     st.integers(-10**15, 10**15), st.decimals(allow_nan=True, allow_infinity=True),
                     st.lists(st.integers(), max_size=3))


@SETTINGS
@given(valid_models(), st.sampled_from(["tax_rate", "horizon_years", "discount_rate", "start_month", "price",
                                        "monthly_volume", "seasonality", "amount", "term_months", "useful_life"]),
       anything)
def test_compute_never_raises_whatever_a_field_holds(model, field, value):
    if field in ("price", "monthly_volume", "seasonality"):
        model = replace(model, products=(replace(model.products[0], **{field: value}),) + model.products[1:])
    elif field in ("amount", "useful_life"):
        name = "amount" if field == "amount" else "useful_life_years"
        model = replace(model, investments=(replace(model.investments[0], **{name: value}),) + model.investments[1:])
    elif field == "term_months":
        model = replace(model, funding=model.funding + (FundingSource("loan", Decimal(1000), "", Decimal(10), value),))
    else:
        model = replace(model, **{field: value})
    results = compute(model)
    assert results.ok or (results.npv is None and results.months == ())


@SETTINGS
@given(money(1, 1_000_000), st.lists(money(0, 500_000), min_size=1, max_size=10), percent(0, 60), percent(0, 40))
def test_npv_falls_as_the_discount_rate_rises_for_conventional_flows(investment, returns, low, step):
    flows = [-investment, *returns]
    assert npv(low, flows) >= npv(low + step, flows)


@SETTINGS
@given(valid_models(), percent(0, 30), percent(0, 30))
def test_a_plans_npv_falls_as_its_discount_rate_rises(model, low, step):
    model = replace(model, products=tuple(replace(product, variable_cost_per_unit=min(
        product.variable_cost_per_unit, product.price)) for product in model.products), fixed_costs=())
    results = compute(replace(model, discount_rate=low))
    assume(all(flow >= 0 for flow in results.project_flows[1:]))
    assert results.npv >= compute(replace(model, discount_rate=low + step)).npv


@SETTINGS
@given(money(1, 1_000_000), st.lists(money(0, 500_000), min_size=1, max_size=10))
def test_an_irr_found_brackets_the_zero_of_the_npv(investment, returns):
    flows = [-investment, *returns]
    result = irr(flows)
    if sum(returns) == 0:
        assert result.rate is None
        return
    assert result.rate is not None
    assume(result.rate > -99)
    assert npv(result.rate - Decimal("0.01"), flows) >= -Decimal("0.01") * investment / 100
    assert npv(result.rate + Decimal("0.01"), flows) <= Decimal("0.01") * investment / 100


@SETTINGS
@given(money(0, 2_000_000), percent(0, 100), st.integers(1, 120), st.data())
def test_a_schedule_repays_the_amount_exactly(amount, rate, term, data):
    grace = data.draw(st.integers(0, term - 1))
    schedule = amortize(amount, rate, term, grace)
    assert sum(row.principal for row in schedule.rows) == amount
    assert schedule.rows[-1].closing_balance == 0
    assert all(row.closing_balance >= 0 for row in schedule.rows)


def test_the_largest_plan_validation_allows_still_computes():
    top = Decimal("999999999999.99")
    model = FinancialModel(
        investments=(InvestmentItem("Plant", "building", top, Decimal(1)),) * 2,
        funding=(FundingSource("migrant_contribution", top), FundingSource("federal", top)),
        products=(Product("Gold", "kg", top, Decimal(999_999_999), Decimal(100), (Decimal(10),) * 12, Decimal(0)),) * 3,
        fixed_costs=(FixedCost("Rent", top),), tax_rate=Decimal(35), horizon_years=10, discount_rate=Decimal(0))
    results = compute(model)
    assert results.ok and results.npv > 0 and results.verdict.colour in ("green", "amber")


@st.composite
def healthy_models(draw):
    """Plans near the edge of green: a product with a real margin, a loan and fixed costs that eat part
    of it, so that some pass the verdict and some fail it by a little."""
    price = draw(money(20, 500))
    cost = (price * draw(percent(0, 70)) / 100).quantize(Decimal("0.01"))
    volume = Decimal(draw(st.integers(100, 5000)))
    margin = (price - cost) * volume
    fixed = (margin * draw(percent(5, 70)) / 100).quantize(Decimal("0.01"))
    investment = (margin * draw(st.integers(3, 36))).quantize(Decimal("0.01"))
    lent = (investment * draw(percent(0, 90)) / 100).quantize(Decimal("0.01"))
    horizon = draw(st.integers(2, 10))
    term = draw(st.integers(6, min(60, horizon * 12)))
    working = (investment * draw(percent(0, 20)) / 100).quantize(Decimal("0.01"))
    return FinancialModel(
        investments=(InvestmentItem("Machine", "machinery_equipment", investment, Decimal(draw(st.integers(3, 15)))),
                     InvestmentItem("Working capital", "working_capital", working)),
        funding=(FundingSource("migrant_contribution", investment + working - lent),
                 FundingSource("loan", lent, "", draw(percent(0, 30)), term, draw(st.integers(0, 3)))),
        products=(Product("Product", "kg", price, volume, draw(percent(-5, 10)),
                          tuple(draw(st.lists(st.integers(50, 150).map(lambda v: Decimal(v) / 100),
                                              min_size=12, max_size=12))), cost),),
        fixed_costs=(FixedCost("Rent", fixed),), tax_rate=Decimal(30), horizon_years=horizon,
        discount_rate=draw(percent(5, 20)), start_month=draw(st.integers(1, 12)))


def _scaled(model, variable, factor):
    """The plan with one input changed in the model itself, not through the sensitivity machinery."""
    if variable == "price":
        return replace(model, products=tuple(replace(p, price=p.price * factor) for p in model.products))
    if variable == "volume":
        return replace(model, products=tuple(replace(p, monthly_volume=p.monthly_volume * factor)
                                              for p in model.products))
    if variable == "variable_costs":
        return replace(model, products=tuple(replace(p, variable_cost_per_unit=p.variable_cost_per_unit * factor)
                                             for p in model.products))
    return replace(model, fixed_costs=tuple(replace(c, monthly_amount=c.monthly_amount * factor)
                                            for c in model.fixed_costs))


ADVERSE = {"price": Decimal("0.9"), "volume": Decimal("0.9"), "variable_costs": Decimal("1.1"),
           "fixed_costs": Decimal("1.1")}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(healthy_models(), valid_models()))
def test_a_green_verdict_holds_in_every_adverse_10_percent_case(model):
    results = compute(model)
    if results.verdict.colour != "green":
        return
    for variable, factor in ADVERSE.items():
        case = compute(_scaled(model, variable, factor))
        assert case.npv >= 0, variable
        assert min(month.cash_balance for month in case.months) >= 0, variable
        coverages = [year.coverage for year in case.years if year.coverage is not None]
        assert min(coverages, default=Decimal("1.2")) >= Decimal("1.2"), variable
