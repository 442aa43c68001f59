"""Monthly loan schedules by the French method (equal instalments), as Mexican lenders quote them.

During the grace months the borrower pays only the interest; the remaining months repay the whole
principal in equal instalments. Every figure is rounded to the cent as a lender's statement would be,
and the last instalment absorbs the rounding so the principal repaid is exactly the amount lent.
The loan is disbursed at the start of the plan (month 0) and the first payment falls in month 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LoanRow:
    month: int  # 1 is the first month of the plan
    opening_balance: Decimal
    payment: Decimal
    interest: Decimal
    principal: Decimal
    closing_balance: Decimal


@dataclass(frozen=True)
class LoanSchedule:
    amount: Decimal
    annual_rate: Decimal  # percentage points
    term_months: int
    grace_months: int
    instalment: Decimal  # the regular payment after the grace months (before the last one's adjustment)
    rows: tuple[LoanRow, ...]

    @property
    def total_interest(self) -> Decimal:
        return sum((row.interest for row in self.rows), ZERO)

    @property
    def total_paid(self) -> Decimal:
        return sum((row.payment for row in self.rows), ZERO)


def monthly_rate(annual_rate: Decimal) -> Decimal:
    """Nominal annual rate divided by twelve, as a fraction (12 % a year → 0.01 a month)."""
    return Decimal(annual_rate) / 1200


def french_instalment(amount: Decimal, annual_rate: Decimal, months: int) -> Decimal:
    """The equal monthly payment that repays ``amount`` in ``months`` months, rounded to the cent."""
    if months < 1:
        raise ValueError("a loan needs at least one repayment month")
    rate = monthly_rate(annual_rate)
    amount = Decimal(amount)
    if rate == 0:
        return cents(amount / months)
    return cents(amount * rate / (1 - (1 + rate) ** -months))


def amortize(amount: Decimal, annual_rate: Decimal, term_months: int, grace_months: int = 0) -> LoanSchedule:
    """The month-by-month schedule; ``term_months`` includes the interest-only grace months."""
    if not 0 <= grace_months < term_months:
        raise ValueError("grace months must be fewer than the term")
    amount = cents(Decimal(amount))
    rate = monthly_rate(annual_rate)
    instalment = french_instalment(amount, annual_rate, term_months - grace_months)
    balance = amount
    rows = []
    for month in range(1, term_months + 1):
        interest = cents(balance * rate)
        if month <= grace_months:
            principal = ZERO
        elif month == term_months:
            principal = balance
        else:
            # Never below zero or past the balance: with tiny loans a rounded-up instalment could overpay.
            principal = min(max(instalment - interest, ZERO), balance)
        closing = balance - principal
        rows.append(LoanRow(month, balance, interest + principal, interest, principal, closing))
        balance = closing
    return LoanSchedule(amount, Decimal(annual_rate), term_months, grace_months, instalment, tuple(rows))
