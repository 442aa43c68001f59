"""Payback from the months, discounted payback, MIRR, return on investment and tables that add up.

Expected values are worked by hand in the comments or computed here with numpy-financial.
"""

from __future__ import annotations

from decimal import Decimal

import numpy_financial as npf
import pytest
from finance_helpers import D, season, tortilla_shop
from hypothesis import given, settings
from hypothesis import strategies as st
from test_finance_properties import SETTINGS, valid_models

from advisor_app.domain.finance import FixedCost, FundingSource, InvestmentItem, Product, compute
from advisor_app.domain.finance.metrics import mirr, payback_from_months

AUTUMN_ONLY = season(*([0] * 9 + [1] * 3))


def autumn_shop():
    """100,000 of equipment paid by the migrants; 1,000 units at 70 with a variable cost of 20 sold only
    in October, November and December (50,000 of margin each), no fixed costs, no tax."""
    return tortilla_shop(investments=(InvestmentItem("Oven", "machinery_equipment", D(100000), D(10)),),
                         funding=(FundingSource("migrant_contribution", D(100000)),),
                         products=(Product("Pan de muerto", "kg", D(70), D(1000), seasonality=AUTUMN_ONLY,
                                           variable_cost_per_unit=D(20)),),
                         fixed_costs=(), tax_rate=D(0), start_month=1)


def test_payback_counts_the_months_in_which_the_cash_comes_in():
    # Cumulative: -100,000 through September, -50,000 after October, 0 after November: 11 months, 0.92 years.
    # Spreading year 1's 150,000 evenly would say 100,000 / 150,000 = 0.67 years.
    results = compute(autumn_shop())
    assert results.payback_years == D("0.92")


def test_payback_and_discounted_payback_of_the_tortilla_shop():
    # Each month brings 50,000 - 20,000 - 10,000 = 20,000 less 30 % tax on 19,000 of profit: 14,300.
    # Payback: 120,000 / 14,300 = 8.39 months = 0.70 years. Discounted at 12 % with year 1's factor:
    # 14,300 / 1.12 = 12,767.86 a month, 120,000 / 12,767.86 = 9.40 months = 0.78 years.
    results = compute(tortilla_shop())
    assert results.project_months[:12] == (D("14300.00"),) * 12
    assert results.payback_years == D("0.70")
    assert results.discounted_payback_years == D("0.78")


def test_discounted_payback_is_missing_when_the_npv_is_negative():
    results = compute(tortilla_shop(fixed_costs=(FixedCost("Rent and wages", D(24000)),)))
    assert results.npv < 0 and results.discounted_payback_years is None
    assert results.notes["discounted_payback_years"] == ("At the discount rate, the investment is not paid back "
                                                          "within the plan's horizon.")


def test_mirr_of_the_tortilla_shop_matches_numpy_financial():
    results = compute(tortilla_shop())
    expected = npf.mirr([float(flow) for flow in results.project_flows], 0.12, 0.12) * 100
    assert results.mirr == D(str(round(float(expected), 2)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-500_000_00, 500_000_00), min_size=2, max_size=12), st.integers(0, 4000))
def test_mirr_agrees_with_numpy_financial(cents, basis_points):
    flows = [Decimal(value) / 100 for value in cents]
    rate = Decimal(basis_points) / 100
    found = mirr(rate, flows)
    expected = npf.mirr([float(flow) for flow in flows], float(rate) / 100, float(rate) / 100)
    if found is None:
        assert not (any(flow > 0 for flow in flows) and any(flow < 0 for flow in flows))
    else:
        assert abs(found - Decimal(repr(float(expected) * 100))) <= D("0.006")


def test_payback_within_the_first_month_and_never():
    assert payback_from_months(D(0), [D(10)] * 12) == D("0.00")
    assert payback_from_months(D(600), [D(100)] * 12) == D("0.50")
    assert payback_from_months(D(1300), [D(100)] * 12) is None
    # Recovered in month 2, lost again in month 3, recovered for good in month 5: 4.5 months.
    assert payback_from_months(D(100), [D(100), D(50), D(-100), D(0), D(100), D(0)]) == (D("4.5") / 12).quantize(
        D("0.01"))


@SETTINGS
@given(valid_models())
def test_payback_never_precedes_the_month_the_cumulative_cash_turns_positive_for_good(model):
    results = compute(model)
    months = results.project_months
    residual = results.residual_value if model.include_residual_value else 0
    for year in range(model.horizon_years):
        expected = results.project_flows[year + 1] - (residual if year == model.horizon_years - 1 else 0)
        assert sum(months[year * 12:year * 12 + 12]) == expected
    running, last_negative = -results.investment_total, 0 if results.investment_total > 0 else None
    for month, flow in enumerate(months, start=1):
        running += flow
        if running < 0:
            last_negative = month
    if running < 0:
        assert results.payback_years is None
    elif last_negative is None:
        assert results.payback_years == 0
    else:
        # Recovered for good during month last_negative + 1: between its start and its end.
        assert D(last_negative) / 12 - D("0.005") <= results.payback_years <= D(last_negative + 1) / 12 + D("0.005")


@SETTINGS
@given(valid_models())
def test_sales_by_product_add_up_to_each_years_sales(model):
    results = compute(model)
    for index, year in enumerate(results.years):
        assert sum(product.revenue[index] for product in results.products) == year.revenue


def test_return_on_investment_says_its_horizon_and_its_yearly_average():
    # Two years of 159,600 net profit on 120,000: 266 % over the horizon, 133 % a year on average.
    results = compute(tortilla_shop())
    assert results.roi_pct == D("266.00") and results.roi_yearly_pct == D("133.00")


@pytest.mark.parametrize("rate", ["0", "12", "35.5"])
def test_discounted_payback_follows_the_npv_convention(rate):
    # Months of year y discounted by (1 + r)^y: summing them gives the NPV of the yearly flows.
    results = compute(tortilla_shop(discount_rate=D(rate), horizon_years=4))
    factor = 1 + D(rate) / 100
    discounted = sum(flow / factor ** (month // 12 + 1) for month, flow in enumerate(results.project_months))
    assert abs(discounted - results.investment_total - results.npv) <= D("0.01")
    expected = npf.npv(float(rate) / 100, [float(flow) for flow in results.project_flows])
    assert abs(results.npv - D(repr(float(expected)))) <= D("0.01")


def test_workers_profit_sharing_comes_before_the_income_tax():
    # Each year: operating profit 228,000; PTU 10 % = 22,800; tax 30 % of 205,200 = 61,560; the yearly
    # flow is the margin of 240,000 less both: 155,640.
    results = compute(tortilla_shop(profit_sharing_pct=D(10)))
    year = results.years[0]
    assert (year.profit_sharing, year.taxes, year.net_profit) == (D("22800.00"), D("61560.00"), D("143640.00"))
    # Set aside month by month as the profit accrues: 10 % of 19,000, and the tax on the rest.
    assert results.months[0].profit_sharing == D("1900.00") and results.months[0].taxes == D("5130.00")
    assert results.project_flows == (D("-120000.00"), D("155640.00"), D("155640.00"))
    expected = npf.npv(0.12, [-120000, 155640, 155640])
    assert abs(results.npv - D(repr(float(expected)))) <= D("0.01")


def test_equipment_is_bought_again_when_its_life_ends():
    # A mill that lasts one year in a two-year plan. Year 1: depreciation 120,000, operating profit
    # 120,000, tax 36,000, flow 204,000. Year 2: the mill is bought again in month 13 (120,000) and
    # depreciated again: flow 240,000 - 36,000 - 120,000 = 84,000. Without replacement year 2 has no
    # depreciation: tax 72,000, flow 168,000.
    mill = (InvestmentItem("Corn mill", "machinery_equipment", D(120000), D(1)),)
    replaced = compute(tortilla_shop(investments=mill, replace_assets=True))
    kept = compute(tortilla_shop(investments=mill))
    assert replaced.project_flows == (D("-120000.00"), D("204000.00"), D("84000.00"))
    assert kept.project_flows == (D("-120000.00"), D("204000.00"), D("168000.00"))
    assert replaced.years[1].replacements == D("120000.00") and replaced.months[12].replacements == D("120000.00")
    assert replaced.months[12].cash_balance - replaced.months[11].cash_balance == (
        replaced.months[12].cash_available - D("120000.00"))
    for results, flows in ((replaced, [-120000, 204000, 84000]), (kept, [-120000, 204000, 168000])):
        assert abs(results.npv - D(repr(float(npf.npv(0.12, flows))))) <= D("0.01")
