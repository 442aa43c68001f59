"""French amortization against textbook schedules, to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor_app.domain.finance import amortize, french_instalment

D = Decimal


def test_textbook_loan_of_100000_at_12_percent_for_12_months():
    schedule = amortize(D(100000), D(12), 12)
    assert schedule.instalment == D("8884.88")
    first = schedule.rows[0]
    assert (first.month, first.opening_balance, first.payment, first.interest, first.principal,
            first.closing_balance) == (1, D("100000.00"), D("8884.88"), D("1000.00"), D("7884.88"), D("92115.12"))
    second = schedule.rows[1]
    assert (second.interest, second.principal, second.closing_balance) == (D("921.15"), D("7963.73"),
                                                                            D("84151.39"))
    assert [row.payment for row in schedule.rows[:11]] == [D("8884.88")] * 11


def test_last_payment_absorbs_the_rounding():
    schedule = amortize(D(100000), D(12), 12)
    last = schedule.rows[-1]
    assert (last.opening_balance, last.interest, last.principal, last.payment, last.closing_balance) == (
        D("8796.88"), D("87.97"), D("8796.88"), D("8884.85"), D("0.00"))
    assert sum(row.principal for row in schedule.rows) == D("100000.00")
    # 11 × 8,884.88 + 8,884.85 - 100,000
    assert schedule.total_interest == D("6618.53")
    assert schedule.total_paid == D("106618.53")


@pytest.mark.parametrize("amount, rate, months, instalment", [
    (D(10000), D(6), 12, D("860.66")),  # 0.5 % a month
    (D(50000), D(24), 6, D("8926.29")),  # 2 % a month
    (D(1000), D(0), 4, D("250.00")),
])
def test_instalments_of_common_textbook_examples(amount, rate, months, instalment):
    assert french_instalment(amount, rate, months) == instalment


def test_grace_months_pay_interest_only_then_the_same_schedule():
    plain = amortize(D(100000), D(12), 12)
    graced = amortize(D(100000), D(12), 15, grace_months=3)
    for row in graced.rows[:3]:
        assert (row.payment, row.interest, row.principal, row.closing_balance) == (
            D("1000.00"), D("1000.00"), D("0.00"), D("100000.00"))
    assert [(row.payment, row.interest, row.principal) for row in graced.rows[3:]] == [
        (row.payment, row.interest, row.principal) for row in plain.rows]
    assert [row.month for row in graced.rows] == list(range(1, 16))
    assert graced.total_interest == D("9618.53")


def test_interest_free_loan_splits_the_cents_and_the_last_payment_takes_the_rest():
    schedule = amortize(D(1000), D(0), 3)
    assert [row.payment for row in schedule.rows] == [D("333.33"), D("333.33"), D("333.34")]
    assert schedule.total_interest == D("0.00")


@pytest.mark.parametrize("amount, rate, term, grace", [
    (D("250000"), D("18.5"), 36, 6), (D("12345.67"), D("9.99"), 7, 0), (D("0.10"), D(0), 20, 0),
    (D("999999.99"), D(100), 120, 11),
])
def test_every_schedule_repays_exactly_the_amount_and_never_goes_negative(amount, rate, term, grace):
    schedule = amortize(amount, rate, term, grace)
    assert sum(row.principal for row in schedule.rows) == amount
    assert schedule.rows[-1].closing_balance == D("0.00")
    assert all(row.closing_balance >= 0 and row.principal >= 0 for row in schedule.rows)
    assert all(row.payment == row.interest + row.principal for row in schedule.rows)


def test_a_grace_period_as_long_as_the_term_is_refused():
    with pytest.raises(ValueError):
        amortize(D(1000), D(10), 6, grace_months=6)
