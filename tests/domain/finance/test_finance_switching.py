"""Switching values and the delayed start, against hand-worked cases, numpy-financial and the engine
run on a changed plan (not through the switching code)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy_financial as npf
from finance_helpers import D, tortilla_shop
from hypothesis import given
from test_finance_properties import ADVERSE, SETTINGS, _scaled, valid_models

from advisor_app.domain.finance import compute

STEP = D("0.01")


def switch(results, variable):
    return next(item for item in results.switching if item.variable == variable)


def test_price_can_fall_23_95_percent_before_the_npv_reaches_zero():
    # With prices times f each year's flow is 12 × (35,000 f - 20,700) (margin 50,000 f - 30,000 a month,
    # less 30 % tax on it after 1,000 of depreciation); the NPV is zero where that flow times the
    # two-year annuity factor at 12 % equals 120,000: f = 0.76048, a fall of 23.95 %.
    annuity = -npf.pv(0.12, 2, 1)
    f = (120000 / annuity / 12 + 20700) / 35000
    assert round((f - 1) * 100, 2) == -23.95
    found = switch(compute(tortilla_shop()), "price").npv_zero_pct
    assert found == D("-23.95")


def test_an_investment_overrun_runs_the_cash_out_in_month_one():
    # The financing stays at 120,000: an overrun x leaves -120,000 x at the start, and month 1 brings
    # 20,000 less 30 % tax on 19,000 - 1,000 x of profit: 14,300 - 119,700 x >= 0 while x <= 11.946 %.
    results = compute(tortilla_shop())
    assert switch(results, "investment").cash_out_pct == D("11.94")
    assert 14300 - 119700 * D("0.1194") >= 0 > 14300 - 119700 * D("0.1195")


def test_a_six_month_delay_moves_the_sales_and_keeps_the_costs():
    # Year 1 sells six months: margin 6 × 20,000 - 6 × 10,000 = 60,000, profit after 12,000 of
    # depreciation 48,000, tax 14,400, flow 45,600; year 2 as planned, 171,600.
    results = compute(tortilla_shop())
    expected = npf.npv(0.12, [-120000, 45600, 171600])
    assert abs(results.delay.npv - D(repr(float(expected)))) <= D("0.01")
    assert results.delay.short_months == (1, 2, 3, 4, 5, 6, 7, 8)


def test_a_plan_already_under_water_has_no_switching_value():
    from finance_helpers import FixedCost

    results = compute(tortilla_shop(fixed_costs=(FixedCost("Rent and wages", D(24000)),)))
    assert all(item.npv_zero_pct is None and item.npv_already_negative for item in results.switching)


def _changed(model, variable, change):
    factor = 1 + change / 100
    if variable == "investment":
        # Financing does not move the NPV, so the first source that is not a loan pays the overrun, to keep
        # the plan valid (growing every source by the factor would leave a loan's share uncovered).
        overrun = sum(item.amount for item in model.investments) * (factor - 1)
        payer = next((index for index, source in enumerate(model.funding) if not source.is_loan), 0)
        funding = tuple(replace(source, amount=source.amount + overrun) if index == payer else source
                        for index, source in enumerate(model.funding))
        return replace(model, investments=tuple(replace(item, amount=item.amount * factor) for item in model.investments),
                       funding=funding)
    return _scaled(model, variable, factor)


@SETTINGS
@given(valid_models())
def test_switching_values_bracket_the_zero_of_the_npv_and_of_the_cash(model):
    results = compute(model)
    for item in results.switching:
        step = STEP if ADVERSE.get(item.variable, D(2)) > 1 else -STEP
        if item.npv_zero_pct is not None:
            before = compute(_changed(model, item.variable, item.npv_zero_pct)).npv
            after = compute(_changed(model, item.variable, item.npv_zero_pct + step)).npv
            assert before >= 0 > after, (item, before, after)
        if item.cash_out_pct is not None and item.variable != "investment":
            before = compute(_changed(model, item.variable, item.cash_out_pct))
            after = compute(_changed(model, item.variable, item.cash_out_pct + step))
            assert min(month.cash_balance for month in before.months) >= 0
            assert min(month.cash_balance for month in after.months) < 0
