"""compute() against plans worked out by hand (see finance_helpers.tortilla_shop)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from finance_helpers import D, season, tortilla_shop

from advisor_app.domain.finance import FixedCost, FundingSource, InvestmentItem, Product, compute
from advisor_app.domain.finance.metrics import NO_SIGN_CHANGE


def test_income_statement_of_the_first_year():
    year = compute(tortilla_shop()).years[0]
    assert (year.revenue, year.variable_costs, year.contribution, year.fixed_costs, year.operating_margin,
            year.depreciation, year.operating_profit, year.interest, year.profit_before_tax, year.taxes,
            year.net_profit) == (
        D("600000.00"), D("240000.00"), D("360000.00"), D("120000.00"), D("240000.00"), D("12000.00"),
        D("228000.00"), D("0.00"), D("228000.00"), D("68400.00"), D("159600.00"))
    assert (year.cash_available, year.debt_service, year.net_cash_flow, year.cash_balance, year.coverage) == (
        D("171600.00"), D("0.00"), D("171600.00"), D("171600.00"), None)


def test_monthly_cash_flow_and_balance():
    results = compute(tortilla_shop())
    assert len(results.months) == 24 and len(results.years) == 2
    month = results.months[0]
    assert (month.number, month.year, month.revenue, month.taxes, month.net_profit, month.net_cash_flow) == (
        1, 1, D("50000.00"), D("5700.00"), D("13300.00"), D("14300.00"))
    assert results.opening_cash == D("0.00")
    assert [period.cash_balance for period in results.months[:3]] == [D("14300.00"), D("28600.00"), D("42900.00")]
    assert results.months[-1].cash_balance == D("343200.00") == results.years[-1].cash_balance


def test_npv_irr_payback_and_return_of_the_hand_worked_plan():
    results = compute(tortilla_shop())
    assert results.project_flows == (D("-120000.00"), D("171600.00"), D("171600.00"))
    # -120,000 + 171,600 / 1.12 + 171,600 / 1.12² = 170,012.755...
    assert results.npv == D("170012.76")
    # 171,600 x² + 171,600 x - 120,000 = 0 gives x = 0.47432, r = 1/x - 1
    assert results.irr == D("110.83") and results.irr_reason is None
    assert results.payback_years == D("0.70")  # 120,000 / 171,600 of the first year
    assert results.roi_pct == D("266.00")  # 319,200 of net profit over 120,000
    assert (results.investment_total, results.funding_total, results.loan_total) == (
        D("120000.00"), D("120000.00"), D("0.00"))


def test_break_even_of_a_one_product_plan():
    results = compute(tortilla_shop())
    assert results.break_even_units == D("333.33")  # 10,000 / (50 - 20)
    assert results.break_even_revenue == D("16666.67")  # 10,000 / 60 %
    assert results.contribution_margin_pct == D("60.00")
    assert "break_even_units" not in results.notes


def test_break_even_of_a_mix_is_in_sales_only():
    model = tortilla_shop(products=(Product("Tortillas", "kg", D(100), D(100), variable_cost_per_unit=D(40)),
                                    Product("Tostadas", "pack", D(50), D(200), variable_cost_per_unit=D(30))))
    results = compute(model)
    # sales 20,000 a month, variable costs 10,000: a 50 % margin pays 10,000 of fixed costs at 20,000
    assert results.break_even_revenue == D("20000.00")
    assert results.contribution_margin_pct == D("50.00")
    assert results.break_even_units is None
    assert results.notes["break_even_units"] == (
        "Break-even in units needs a single product; with several, use break-even sales.")


def test_break_even_when_each_unit_loses_money():
    results = compute(tortilla_shop(products=(Product("Tortillas", "kg", D(20), D(1000),
                                                      variable_cost_per_unit=D(25)),)))
    assert results.break_even_units is None and results.break_even_revenue is None
    assert results.notes["break_even_units"] == (
        "Each unit sells for no more than it costs to make, so no volume breaks even.")
    assert results.notes["break_even_revenue"] == (
        "Sales do not cover their variable costs, so no level of sales breaks even.")


def test_seasonality_follows_the_calendar_from_the_starting_month():
    march_peak = season(1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 0)
    model = tortilla_shop(start_month=3, products=(Product("Tortillas", "kg", D(50), D(1000), seasonality=march_peak,
                                                           variable_cost_per_unit=D(20)),))
    results = compute(model)
    revenue = [period.revenue for period in results.months[:13]]
    # plan month 1 is March (factor 2), month 10 is December (factor 0), month 13 is March again
    assert revenue[0] == D("100000.00") and revenue[9] == D("0.00") and revenue[12] == D("100000.00")
    assert revenue[1:9] + revenue[10:12] == [D("50000.00")] * 10
    assert results.products[0].units == (D("12000.00"), D("12000.00"))
    assert results.years[0].variable_costs == D("240000.00")


def test_yearly_growth_compounds_from_the_second_year():
    model = tortilla_shop(horizon_years=3, products=(Product("Tortillas", "kg", D(50), D(1000),
                                                             yearly_growth=D(10), variable_cost_per_unit=D(20)),))
    results = compute(model)
    assert [year.revenue for year in results.years] == [D("600000.00"), D("660000.00"), D("726000.00")]
    assert results.products[0].revenue == (D("600000.00"), D("660000.00"), D("726000.00"))


def test_taxes_wait_until_the_year_to_date_profit_is_positive():
    half_year = season(0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2)
    model = tortilla_shop(horizon_years=1, products=(Product("Tortillas", "kg", D(50), D(1000), seasonality=half_year,
                                                             variable_cost_per_unit=D(20)),))
    results = compute(model)
    # months 1-6 lose 11,000 each; from month 7 each earns 49,000, so the year to date turns positive
    # in month 8 (32,000: 9,600 of tax) and grows by 49,000 (14,700 of tax) a month after that
    assert [period.taxes for period in results.months] == [D("0.00")] * 7 + [D("9600.00")] + [D("14700.00")] * 4
    assert results.years[0].taxes == D("68400.00")  # 30 % of the year's 228,000


def test_the_last_month_of_the_year_settles_taxes_overpaid_earlier():
    early = season(2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0)
    model = tortilla_shop(horizon_years=1, products=(Product("Tortillas", "kg", D(50), D(1000), seasonality=early,
                                                             variable_cost_per_unit=D(20)),))
    taxes = [period.taxes for period in compute(model).months]
    assert taxes[:6] == [D("14700.00")] * 6 and taxes[6:11] == [D("0.00")] * 5
    assert taxes[11] == D("-19800.00")  # 88,200 paid against 68,400 due on the year's 228,000
    assert sum(taxes) == D("68400.00")


def test_a_year_with_a_loss_pays_no_tax_and_is_not_carried_forward():
    model = tortilla_shop(products=(Product("Tortillas", "kg", D(50), D(200), yearly_growth=D(100),
                                            variable_cost_per_unit=D(20)),))
    years = compute(model).years
    assert years[0].profit_before_tax == D("-60000.00") and years[0].taxes == D("0.00")
    assert years[1].profit_before_tax == D("12000.00") and years[1].taxes == D("3600.00")
    assert years[0].net_profit == D("-60000.00")


def test_depreciation_by_category_and_to_the_cent():
    model = tortilla_shop(horizon_years=5, investments=(
        InvestmentItem("Workshop", "building", D(1200000)),  # 20 years by default: 5,000 a month
        InvestmentItem("Scale", "machinery_equipment", D(1000), D(3)),  # 36 months of 27.78 or 27.77
        InvestmentItem("Plot", "land", D(300000)),
        InvestmentItem("Flour stock", "working_capital", D(50000))),
        funding=(FundingSource("migrant_contribution", D(1551000)),))
    results = compute(model)
    depreciation = [period.depreciation for period in results.months]
    assert sum(depreciation[:36]) == D("1000.00") + 36 * D(5000)
    assert set(depreciation[36:]) == {D("5000.00")}
    assert {value - D(5000) for value in depreciation[:36]} == {D("27.78"), D("27.77")}
    assert results.residual_value == D("1200000") - 60 * D(5000) + D(300000) + D(50000)
    assert results.opening_cash == D("50000.00")  # the working capital is the business's cash


def test_residual_value_is_counted_only_when_asked():
    plain = compute(tortilla_shop())
    with_residual = compute(tortilla_shop(include_residual_value=True))
    assert plain.residual_value == with_residual.residual_value == D("96000.00")  # 120,000 less 24 months
    assert with_residual.project_flows[-1] == D("267600.00")
    assert with_residual.npv == D("246543.37")  # 170,012.76 + 96,000 / 1.12²
    assert with_residual.payback_years == plain.payback_years == D("0.70")


def test_a_loan_shows_in_the_cash_table_and_the_coverage_but_not_in_the_npv():
    model = tortilla_shop(funding=(FundingSource("migrant_contribution", D(20000)),
                                   FundingSource("loan", D(100000), "Caja popular", D(12), 12)))
    results = compute(model)
    first = results.months[0]
    # interest 1,000 lowers the month's profit to 18,000 and its tax to 5,400: 14,600 to pay 8,884.88
    assert (first.interest, first.principal, first.debt_service, first.taxes, first.cash_available) == (
        D("1000.00"), D("7884.88"), D("8884.88"), D("5400.00"), D("14600.00"))
    assert first.coverage == D("1.64")
    year = results.years[0]
    assert (year.interest, year.principal, year.profit_before_tax, year.taxes) == (
        D("6618.53"), D("100000.00"), D("221381.47"), D("66414.44"))
    assert year.coverage == D("1.63") == results.min_coverage_year  # 173,585.56 / 106,618.53
    assert results.min_coverage_month == min(month.coverage for month in results.months[:12])
    assert results.months[12].coverage is None
    assert results.loan_total == D("100000.00") and results.loans[0][0] == 1
    assert results.npv == compute(tortilla_shop()).npv


def test_sensitivity_cases_equal_recomputing_the_changed_plan():
    base = tortilla_shop(horizon_years=3, start_month=5, products=(
        Product("Tortillas", "kg", D("18.50"), D(3000), D(5), season(1, 1, 1.2, 1.3, 1, 0.9, 0.8, 1, 1, 1.1, 1.2, 1.4),
                D("7.35")),
        Product("Totopos", "bag", D("32.90"), D(450), D(-3), season(*[1] * 12), D("12.10"))),
        fixed_costs=(FixedCost("Rent", D("8500")), FixedCost("Wages", D("12333.33"))),
        funding=(FundingSource("migrant_contribution", D(40000)),
                 FundingSource("loan", D(80000), "Caja", D("18.5"), 24, 3)))
    results = compute(base)
    assert len(results.sensitivity) == 18

    def changed(price=1, volume=1, variable=1, fixed=1):
        products = tuple(replace(product, price=product.price * price, monthly_volume=product.monthly_volume * volume,
                                 variable_cost_per_unit=product.variable_cost_per_unit * variable)
                         for product in base.products)
        costs = tuple(replace(cost, monthly_amount=cost.monthly_amount * fixed) for cost in base.fixed_costs)
        return compute(replace(base, products=products, fixed_costs=costs))

    for variable, change, keyword in (("price", -10, "price"), ("volume", 20, "volume"),
                                      ("variable_costs", -20, "variable"), ("fixed_costs", 10, "fixed")):
        expected = changed(**{keyword: 1 + Decimal(change) / 100})
        case = results.case(variable, change)
        assert case.npv == expected.npv
        assert case.colour == expected.verdict.colour
    # An overrun: the NPV does not depend on who pays, so the changed plan may fund it to stay valid.
    for change in (10, 20):
        factor = 1 + Decimal(change) / 100
        overrun = replace(base, investments=tuple(replace(item, amount=item.amount * factor)
                                                  for item in base.investments),
                          funding=(replace(base.funding[0], amount=base.funding[0].amount + 120000 * (factor - 1)),
                                   base.funding[1]))
        assert results.case("investment", change).npv == compute(overrun).npv


def test_no_sales_leaves_the_irr_undefined_with_its_reason():
    results = compute(tortilla_shop(products=(Product("Tortillas", "kg", D(50), D(0)),)))
    assert results.ok
    assert results.irr is None and results.irr_reason == NO_SIGN_CHANGE
    assert results.notes["irr"] == "The flows never change sign, so no rate makes the NPV zero."
    assert results.payback_years is None
    assert results.notes["payback_years"] == "The investment is not paid back within the plan's horizon."
    assert results.notes["coverage"] == "The plan has no loan payments to cover."


@pytest.mark.parametrize("horizon", [1, 10])
def test_months_add_up_to_years(horizon):
    model = tortilla_shop(horizon_years=horizon, funding=(FundingSource("migrant_contribution", D(60000)),
                                                          FundingSource("loan", D(60000), "", D(15), 12 * horizon, 2)))
    results = compute(model)
    for year in results.years:
        months = results.months[(year.number - 1) * 12:year.number * 12]
        for name in ("revenue", "variable_costs", "fixed_costs", "depreciation", "interest", "taxes",
                     "principal", "net_profit", "net_cash_flow"):
            assert getattr(year, name) == sum(getattr(month, name) for month in months), name
    assert results.months[-1].cash_balance == results.opening_cash + sum(m.net_cash_flow for m in results.months)
