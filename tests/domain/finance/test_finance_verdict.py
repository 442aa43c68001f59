"""The verdict's colour and the sentence that names its cause."""

from __future__ import annotations

from dataclasses import replace

from finance_helpers import D, season, tortilla_shop

from advisor_app.domain.finance import AMBER, GREEN, RED, FixedCost, FundingSource, InvestmentItem, Product, compute
from advisor_app.domain.finance.verdict import month_ranges

SLOW_START = season(*([0.5] * 7 + [2] * 5))


def seasonal_shop_with_loan(working_capital):
    """Months 1-7 sell half the usual volume: about 4,100 of cash available against a 8,884.88 payment."""
    return tortilla_shop(
        investments=(InvestmentItem("Corn mill", "machinery_equipment", D(120000), D(10)),
                     InvestmentItem("Working capital", "working_capital", D(working_capital))),
        funding=(FundingSource("migrant_contribution", D(20000 + working_capital)),
                 FundingSource("loan", D(100000), "Caja popular", D(12), 12)),
        products=(Product("Tortillas", "kg", D(50), D(1000), seasonality=SLOW_START, variable_cost_per_unit=D(20)),))


def codes(results):
    return [reason.code for reason in results.verdict.reasons]


def test_a_sound_plan_is_green_and_says_why():
    verdict = compute(tortilla_shop()).verdict
    assert verdict.colour == GREEN
    assert verdict.reason == ("The project recovers its investment at a discount rate of 12% (NPV $170,012.76) "
                              "and its cash never falls below zero. With prices or volumes 10% lower, or variable "
                              "or fixed costs 10% higher, both still hold.")


def shop_with_loan(loan):
    return tortilla_shop(funding=(FundingSource("migrant_contribution", D(120000) - D(loan)),
                                  FundingSource("loan", D(loan), "Caja popular", D(12), 12)))


def test_a_green_plan_with_a_loan_names_the_coverage_it_checked():
    results = compute(shop_with_loan(100000))
    assert results.verdict.colour == GREEN
    assert results.verdict.reason == (
        "The project recovers its investment at a discount rate of 12% (NPV $170,012.76), its cash never falls "
        "below zero and each year's margin covers the loan payments at least 1.2 times. With prices or volumes "
        "10% lower, or variable or fixed costs 10% higher, each of these still holds.")


def test_a_price_fall_that_leaves_the_loan_uncovered_is_amber_though_the_npv_stays_positive():
    import numpy_financial as npf

    # Worked by hand with the loan's payment from numpy-financial: 120,000 at 1 % a month over 12 months.
    payment = -npf.pmt(0.01, 12, 120000)
    service = 12 * payment
    interest = service - 120000
    # Prices 10 % lower: sales 45,000 - variable 20,000 - fixed 10,000 = 15,000 a month; the year's tax is
    # 30 % of (180,000 - 12,000 of depreciation - the interest), and the cash available is the rest.
    available = 180000 - 0.3 * (168000 - interest)
    expected = D(str(round(available / service, 2)))
    results = compute(shop_with_loan(120000))
    assert results.case("price", -10).npv > 0 and results.min_coverage_year >= D("1.2")
    assert expected == D("1.03")
    assert results.verdict.colour == AMBER
    assert results.verdict.reason == (
        f"If prices fall 10%, in year 1 the margin covers the loan payments only {expected} times.")


def test_loan_payment_above_the_margin_is_amber_while_the_cash_lasts():
    results = compute(seasonal_shop_with_loan(40000))
    assert results.verdict.colour == AMBER
    assert results.verdict.reason == "The loan payment exceeds the monthly margin in months 1–7."
    assert results.verdict.reasons[0].params["months"] == (1, 2, 3, 4, 5, 6, 7)
    assert min(month.cash_balance for month in results.months) > 0


def test_loan_payment_above_the_margin_is_red_when_it_empties_the_cash():
    results = compute(seasonal_shop_with_loan(10000))
    assert results.verdict.colour == RED
    assert codes(results) == ["loan_exceeds_margin", "cash_runs_out"]
    assert results.verdict.reason == "The loan payment exceeds the monthly margin in months 1–7."
    assert results.verdict.reasons[1].message == (
        "The cash runs out in months 3–7: about $23,999.27 more financing or working capital is needed.")
    assert results.months[6].cash_balance == D("-23999.27")


def test_negative_npv_is_red():
    results = compute(tortilla_shop(fixed_costs=(FixedCost("Rent and wages", D(24000)),)))
    assert results.npv < 0
    assert results.verdict.colour == RED
    assert "npv_negative" in codes(results)
    npv_reason = next(reason for reason in results.verdict.reasons if reason.code == "npv_negative")
    assert npv_reason.message == (f"At a discount rate of 12% the project does not recover its investment: "
                                  f"the NPV is -${-results.npv:,}.")


def test_no_sales_is_red():
    results = compute(tortilla_shop(products=(Product("Tortillas", "kg", D(50), D(0)),)))
    assert results.verdict.colour == RED
    assert results.verdict.reason == "The plan sells nothing: enter each product's price and monthly volume."
    assert codes(results) == ["no_sales", "cash_runs_out", "npv_negative"]
    assert results.verdict.reasons[1].message == (
        "The cash runs out in months 1–24: about $240,000.00 more financing or working capital is needed.")


def test_a_plan_that_a_10_percent_price_fall_would_sink_is_amber():
    # 8,700 of cash a month: NPV 56,441.33; with prices 10 % lower, 5,200 a month and NPV -14,540.82
    results = compute(tortilla_shop(fixed_costs=(FixedCost("Rent and wages", D(18000)),)))
    assert results.npv == D("56441.33")
    assert results.case("price", -10).npv == D("-14540.82")
    assert results.case("price", -10).colour == RED
    assert results.verdict.colour == AMBER
    assert results.verdict.reason == "The NPV turns negative if prices fall 10%."


def test_low_yearly_coverage_is_amber():
    # 140,000 at 12 % for 12 months: 12,438.83 a month against about 14,600 of cash available
    model = tortilla_shop(investments=(InvestmentItem("Corn mill", "machinery_equipment", D(120000), D(10)),
                                       InvestmentItem("Working capital", "working_capital", D(40000))),
                          funding=(FundingSource("migrant_contribution", D(20000)),
                                   FundingSource("loan", D(140000), "Bank", D(12), 12)))
    results = compute(model)
    assert (results.years[0].cash_available, results.years[0].debt_service) == (D("174379.79"), D("149265.96"))
    assert results.min_coverage_year == D("1.17")
    assert results.verdict.colour == AMBER
    assert results.verdict.reason == ("In year 1 the margin covers the loan payments only 1.17 times; lenders "
                                      "usually ask for at least 1.2.")


def test_a_product_sold_below_its_variable_cost_is_named():
    model = tortilla_shop(products=(Product("Tortillas", "kg", D(50), D(1000), variable_cost_per_unit=D(20)),
                                    Product("Sopes", "piece", D(8), D(100), variable_cost_per_unit=D("9.50"))))
    results = compute(model)
    assert results.verdict.colour == AMBER
    assert results.verdict.reason == "Sopes sells below its variable cost: each unit loses $1.50."


def test_first_year_sales_below_break_even_are_amber():
    # break-even 16,666.67 a month; the first year sells 250 kg (12,500) a month, then 4,000 kg
    model = tortilla_shop(horizon_years=3, products=(Product("Tortillas", "kg", D(50), D(250), D(100),
                                                             variable_cost_per_unit=D(20)),),
                          investments=(InvestmentItem("Corn mill", "machinery_equipment", D(120000), D(10)),
                                       InvestmentItem("Working capital", "working_capital", D(60000))),
                          funding=(FundingSource("migrant_contribution", D(180000)),))
    results = compute(model)
    reason = next(reason for reason in results.verdict.reasons if reason.code == "below_break_even")
    assert reason.message == "Sales in the first year average $12,500.00 a month, below the break-even of $16,666.67."


def test_reasons_are_ordered_red_first():
    results = compute(seasonal_shop_with_loan(10000))
    ranks = {GREEN: 0, AMBER: 1, RED: 2}
    colours = [ranks[reason.colour] for reason in results.verdict.reasons]
    assert colours == sorted(colours, reverse=True)


def test_month_ranges_read_like_people_write_them():
    assert month_ranges((1, 2, 3, 7, 9, 10)) == "1–3, 7, 9–10"
    assert month_ranges((4,)) == "4"
    assert month_ranges(()) == ""


def test_one_month_is_singular():
    one_slow_month = season(*([0.5] + [2] * 11))
    model = replace(seasonal_shop_with_loan(40000), products=(
        Product("Tortillas", "kg", D(50), D(1000), seasonality=one_slow_month, variable_cost_per_unit=D(20)),))
    assert compute(model).verdict.reason == "The loan payment exceeds the monthly margin in month 1."


def test_an_investment_not_paid_back_within_the_horizon_is_amber_even_with_a_positive_npv():
    # one year of 104,400 does not repay 120,000, but the mill's 108,000 of book value makes the NPV positive
    results = compute(tortilla_shop(horizon_years=1, include_residual_value=True,
                                    fixed_costs=(FixedCost("Rent and wages", D(18000)),)))
    assert results.npv == D("69642.86") and results.payback_years is None
    assert results.verdict.colour == AMBER
    assert results.verdict.reason == "The investment is not paid back within the plan's 1 year."
