"""Every message the financial pages can show, at the field it belongs to."""

from __future__ import annotations

import pytest
from finance_helpers import D, season, tortilla_shop

from advisor_app.domain.finance import FixedCost, FundingSource, InvestmentItem, Product, compute, validate


def with_loan(**loan):
    values = dict(kind="loan", amount=D(100000), annual_rate=D(12), term_months=12, grace_months=0)
    values.update(loan)
    return tortilla_shop(funding=(FundingSource("migrant_contribution", D(20000)), FundingSource(**values)))


def with_item(**item):
    values = dict(concept="Corn mill", category="machinery_equipment", amount=D(120000))
    values.update(item)
    return tortilla_shop(investments=(InvestmentItem(**values),))


def with_product(**product):
    values = dict(name="Tortillas", unit="kg", price=D(50), monthly_volume=D(1000), variable_cost_per_unit=D(20))
    values.update(product)
    return tortilla_shop(products=(Product(**values),))


def test_a_sound_plan_has_no_problems():
    assert validate(tortilla_shop()) == {}
    assert validate(with_loan(grace_months=3)) == {}


RATE = "A rate is a percentage between 0 and 100."
NEGATIVE = "An amount cannot be negative."
TOO_LARGE = "This amount is too large to be right."
NOT_A_NUMBER = "This is not a number."
OPTIONS = "Choose one of the options in the list."

CASES = [
    # the plan as a whole
    (tortilla_shop(tax_rate=D(101)), "tax_rate", RATE),
    (tortilla_shop(tax_rate=D(-1)), "tax_rate", RATE),
    (tortilla_shop(discount_rate=D(150)), "discount_rate", RATE),
    (tortilla_shop(horizon_years=0), "horizon_years", "A plan covers from 1 to 10 years."),
    (tortilla_shop(horizon_years=11), "horizon_years", "A plan covers from 1 to 10 years."),
    (tortilla_shop(horizon_years=D("2.5")), "horizon_years", "This is not a whole number."),
    (tortilla_shop(horizon_years="5"), "horizon_years", NOT_A_NUMBER),
    (tortilla_shop(start_month=13), "start_month", "Choose a month from 1 to 12."),
    (tortilla_shop(currency="EUR"), "currency", OPTIONS),
    (tortilla_shop(include_residual_value="yes"), "include_residual_value", OPTIONS),
    # investment
    (with_item(amount=D(-1)), "investments[0].amount", NEGATIVE),
    (with_item(amount=D("1e12")), "investments[0].amount", TOO_LARGE),
    (with_item(amount=None), "investments[0].amount", "Enter a number."),
    (with_item(amount=1.5), "investments[0].amount", NOT_A_NUMBER),
    (with_item(amount=D("NaN")), "investments[0].amount", NOT_A_NUMBER),
    (with_item(amount=True), "investments[0].amount", NOT_A_NUMBER),
    (with_item(concept=" "), "investments[0].concept", "Concept is required."),
    (with_item(category="vehicles"), "investments[0].category", OPTIONS),
    (with_item(useful_life_years=D(0)), "investments[0].useful_life_years",
     "A useful life is between 1 and 100 years."),
    (with_item(useful_life_years=D(101)), "investments[0].useful_life_years",
     "A useful life is between 1 and 100 years."),
    (tortilla_shop(investments=()), "investments", "Enter at least one investment item with its amount."),
    (with_item(amount=D(0)), "investments", "Enter at least one investment item with its amount."),
    # financing
    (tortilla_shop(funding=(FundingSource("bank", D(120000)),)), "funding[0].kind", OPTIONS),
    (tortilla_shop(funding=(FundingSource("federal", D(-5)),)), "funding[0].amount", NEGATIVE),
    (tortilla_shop(funding=(FundingSource("migrant_contribution", D(100000)),)), "funding",
     "The financing adds up to $100,000.00, $20,000.00 less than the investment of $120,000.00."),
    (tortilla_shop(funding=()), "funding",
     "The financing adds up to $0.00, $120,000.00 less than the investment of $120,000.00."),
    (with_loan(annual_rate=D(120)), "funding[1].annual_rate", RATE),
    (with_loan(term_months=0), "funding[1].term_months", "A loan needs a term of at least one month."),
    (with_loan(term_months=D("12.5")), "funding[1].term_months", "This is not a whole number."),
    (with_loan(term_months=36), "funding[1].term_months",
     "The loan lasts 36 months, longer than the plan's 2 years: lengthen the plan or shorten the loan."),
    (with_loan(grace_months=-1), "funding[1].grace_months", "Grace months cannot be negative."),
    (with_loan(grace_months=12), "funding[1].grace_months", "The grace period must be shorter than the loan's term."),
    # sales
    (tortilla_shop(products=()), "products", "Enter at least one product or service the business will sell."),
    (with_product(name=""), "products[0].name", "Name is required."),
    (with_product(price=D(-50)), "products[0].price", NEGATIVE),
    (with_product(variable_cost_per_unit=D(-1)), "products[0].variable_cost_per_unit", NEGATIVE),
    (with_product(monthly_volume=D(-1)), "products[0].monthly_volume", "A quantity cannot be negative."),
    (with_product(monthly_volume=D("1e9")), "products[0].monthly_volume", "This quantity is too large to be right."),
    (with_product(yearly_growth=D(150)), "products[0].yearly_growth",
     "Yearly growth is a percentage between -100 and 100."),
    (with_product(seasonality=season(*[1] * 11)), "products[0].seasonality",
     "Seasonality needs one factor for each of the 12 months."),
    (with_product(seasonality=season(1, 1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1)), "products[0].seasonality[3]",
     "A seasonal factor cannot be negative."),
    (with_product(seasonality=season(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 11)), "products[0].seasonality[11]",
     "A seasonal factor above 10 is not plausible: 1 is a normal month."),
    (with_product(seasonality=season(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)[:11] + (None,)),
     "products[0].seasonality[11]", "Enter a number."),
    (tortilla_shop(fixed_costs=(FixedCost("", D(10)),)), "fixed_costs[0].concept", "Concept is required."),
    (tortilla_shop(fixed_costs=(FixedCost("Rent", D(-10)),)), "fixed_costs[0].monthly_amount", NEGATIVE),
]


@pytest.mark.parametrize("model, path, message", CASES, ids=[f"{case[1]}: {case[2][:40]}" for case in CASES])
def test_each_problem_is_one_sentence_at_its_field(model, path, message):
    problems = validate(model)
    assert problems == {path: message}


def test_loan_fields_of_other_sources_are_ignored():
    model = tortilla_shop(funding=(FundingSource("migrant_contribution", D(120000), annual_rate=D(500),
                                                 term_months=-3, grace_months=99),))
    assert validate(model) == {}


def test_land_and_working_capital_need_no_useful_life():
    model = tortilla_shop(investments=(InvestmentItem("Plot", "land", D(50000), D(0)),
                                       InvestmentItem("Stock", "working_capital", D(70000), D(0))))
    assert validate(model) == {}


def test_a_loan_as_long_as_the_plan_is_accepted():
    assert validate(with_loan(term_months=24, grace_months=6)) == {}


def test_several_problems_are_reported_together_and_compute_shows_no_figures():
    model = tortilla_shop(horizon_years=0, products=(Product("", price=D(-1)),))
    problems = validate(model)
    assert set(problems) == {"horizon_years", "products[0].name", "products[0].price"}
    results = compute(model)
    assert results.problems == problems and not results.ok
    assert results.months == () and results.years == () and results.sensitivity == ()
    assert results.npv is None and results.irr is None and results.verdict is None
    assert results.investment_total is None and results.break_even_revenue is None


def test_a_funding_shortfall_is_not_reported_while_an_amount_is_unreadable():
    model = tortilla_shop(funding=(FundingSource("federal", "lots"),))
    assert validate(model) == {"funding[0].amount": NOT_A_NUMBER}
