"""Small plans whose figures are worked out by hand in the tests that use them."""

from __future__ import annotations

from decimal import Decimal

from advisor_app.domain.finance import FinancialModel, FixedCost, FundingSource, InvestmentItem, Product

D = Decimal


def tortilla_shop(**changes) -> FinancialModel:
    """A mill of 120,000 (10 years: 1,000 a month of depreciation) paid by the migrants; 1,000 kg a
    month at 50 with a variable cost of 20; 10,000 a month of fixed costs; 30 % tax; two years at 12 %.

    Each month: sales 50,000, variable costs 20,000, fixed 10,000, operating profit 19,000, tax 5,700,
    cash available 14,300. Each year: sales 600,000, operating profit 228,000, tax 68,400, net
    profit 159,600, operating cash flow 171,600.
    """
    values = dict(
        investments=(InvestmentItem("Corn mill", "machinery_equipment", D(120000), D(10)),),
        funding=(FundingSource("migrant_contribution", D(120000)),),
        products=(Product("Tortillas", "kg", D(50), D(1000), variable_cost_per_unit=D(20)),),
        fixed_costs=(FixedCost("Rent and wages", D(10000)),),
        tax_rate=D(30), horizon_years=2, discount_rate=D(12))
    values.update(changes)
    return FinancialModel(**values)


def season(*factors) -> tuple[Decimal, ...]:
    return tuple(D(str(factor)) for factor in factors)
