"""NPV, IRR and payback against published examples, and the cases where an IRR does not exist."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor_app.domain.finance import IRR_REASONS, irr, npv, payback_years
from advisor_app.domain.finance.metrics import MULTIPLE_ROOTS, NO_ROOT, NO_SIGN_CHANGE


def flows(*values):
    return [Decimal(str(value)) for value in values]


def test_npv_of_the_textbook_example():
    # -1000 + 300/1.1 + 400/1.1² + 500/1.1³ = -21.036...
    assert npv(Decimal(10), flows(-1000, 300, 400, 500)) == Decimal("-21.04")


def test_npv_matches_the_spreadsheet_example_whose_first_flow_is_discounted():
    # Microsoft's NPV example: rate 10 %, -10,000 at the end of year 1, then 3,000, 4,200, 6,800 → 1,188.44.
    assert npv(Decimal(10), flows(0, -10000, 3000, 4200, 6800)) == Decimal("1188.44")


def test_npv_at_zero_percent_is_the_plain_sum():
    assert npv(Decimal(0), flows(-1000, 300, 400, 500)) == Decimal("200.00")


@pytest.mark.parametrize("values, rate", [
    ((-100, 60, 60), "13.07"),  # 60x + 60x² = 100, x = 1/(1 + r)
    ((-1000, 300, 400, 500), "8.90"),
    ((-70000, 12000, 15000, 18000, 21000, 26000), "8.66"),  # Microsoft's IRR example, five years
    ((-70000, 12000, 15000, 18000, 21000), "-2.12"),  # the same after four years
    ((-70000, 12000, 15000), "-44.35"),  # and after two
    ((0, -100, 110), "10.00"),  # an empty year 0 does not shift the rate
    ((-100, 200, -100), "0.00"),  # NPV only touches zero: still one rate
    ((-100, 50, -10, 80), "8.61"),  # three sign changes, yet one rate
])
def test_irr_of_published_and_hand_solved_flows(values, rate):
    result = irr(flows(*values))
    assert (result.rate, result.reason) == (Decimal(rate), None)


def test_the_irr_found_makes_the_npv_zero():
    result = irr(flows(-100, 50, -10, 80))
    assert abs(npv(result.rate, flows(-100, 50, -10, 80))) <= Decimal("0.01")


@pytest.mark.parametrize("values, reason", [
    ((100, 200, 300), NO_SIGN_CHANGE),
    ((-100, -200, -300), NO_SIGN_CHANGE),
    ((0, 0, 0), NO_SIGN_CHANGE),
    ((-100, 230, -132), MULTIPLE_ROOTS),  # both 10 % and 20 % make the NPV zero
    ((-100, 150, -10), MULTIPLE_ROOTS),  # 43 % and -93 %
    ((-100, 250, -170), NO_ROOT),  # the NPV is negative at every rate
])
def test_irr_is_honestly_undefined(values, reason):
    result = irr(flows(*values))
    assert (result.rate, result.reason) == (None, reason)
    assert reason in IRR_REASONS


def test_the_two_rates_of_the_multiple_root_example_are_real():
    assert npv(Decimal(10), flows(-100, 230, -132)) == 0
    assert npv(Decimal(20), flows(-100, 230, -132)) == 0


@pytest.mark.parametrize("values, years", [
    ((-1000, 300, 400, 500), "2.60"),  # 300 left after two years, recovered from the third year's 500
    ((-1000, 1000), "1.00"),
    ((-1000, 2000), "0.50"),
    ((-100, 150, -100, 100), "2.50"),  # recovered in year 1, lost again in year 2: counts from year 2
    ((0, 10), "0.00"),
])
def test_payback_in_years_with_the_fraction(values, years):
    assert payback_years(flows(*values)) == Decimal(years)


def test_payback_is_none_when_the_horizon_ends_first():
    assert payback_years(flows(-1000, 300, 300, 300)) is None
