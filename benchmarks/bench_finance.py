"""Target: recomputing a business plan's finances, which the wizard does on every keystroke.

The plan is the largest the wizard expects: 10 years by month, 20 products with growth and
seasonality, 30 fixed-cost lines, several investment items and two loans, one with grace months.
``compute`` is timed whole: validation, the months, NPV, IRR and MIRR, payback from the months, the 18
sensitivity cases, the switching values of five inputs (NPV and cash), the six-month delay and the
verdict. One run before the clock starts loads Babel, as the app has by the time anyone types a number.
"""

from __future__ import annotations

import sys
from decimal import Decimal

from advisor_app.domain.finance import (
    FinancialModel,
    FixedCost,
    FundingSource,
    InvestmentItem,
    Product,
    compute,
)
from benchmarks.measure import Result, check, info, median_ms

REPEAT = 50
LIMIT_MS = 20.0
PRODUCTS = 20
COST_LINES = 30


def large_model() -> FinancialModel:
    products = tuple(
        Product(name=f"Product {number}", unit="kg", price=Decimal(40 + number * 3) + Decimal("0.50"),
                monthly_volume=Decimal(300 + 17 * number), yearly_growth=Decimal(number % 7),
                seasonality=tuple(Decimal(1) + Decimal((month + number) % 5 - 2) / 10 for month in range(12)),
                variable_cost_per_unit=Decimal(18 + number) + Decimal("0.35"))
        for number in range(PRODUCTS))
    fixed_costs = tuple(FixedCost(f"Cost line {number}", Decimal(1500 + 37 * number) + Decimal("0.25"))
                        for number in range(COST_LINES))
    investments = (
        InvestmentItem("Land", "land", Decimal(400000)),
        InvestmentItem("Building", "building", Decimal(900000)),
        InvestmentItem("Machinery", "machinery_equipment", Decimal(650000), Decimal(8)),
        InvestmentItem("Vehicle", "other", Decimal(280000), Decimal(4)),
        InvestmentItem("Working capital", "working_capital", Decimal(300000)),
    )
    funding = (
        FundingSource("migrant_contribution", Decimal(800000)),
        FundingSource("federal", Decimal(250000)),
        FundingSource("own_savings", Decimal(180000)),
        FundingSource("loan", Decimal(900000), "Development bank", Decimal("14.5"), 60, 6),
        FundingSource("loan", Decimal(400000), "Microcredit", Decimal(24), 36),
    )
    return FinancialModel(investments=investments, funding=funding, products=products, fixed_costs=fixed_costs,
                          tax_rate=Decimal(30), horizon_years=10, discount_rate=Decimal(12))


def run() -> list[Result]:
    model = large_model()
    results = compute(model)
    if not results.ok:
        raise RuntimeError(f"the benchmark model has problems: {results.problems}")
    elapsed = median_ms(lambda: compute(model), REPEAT)
    return [
        check(f"finance: compute() of a 10-year monthly plan, {PRODUCTS} products, {COST_LINES} cost lines "
              f"(median of {REPEAT})", elapsed, LIMIT_MS, "ms"),
        info("finance: that plan's verdict and NPV", f"{results.verdict.colour}, {results.npv:,} {results.currency}"),
    ]


if __name__ == "__main__":
    for result in run():
        print(f"{result.name}: {result.measured} (target {result.target}) {result.status}")
    sys.exit(0)
