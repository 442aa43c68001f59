"""The group's view beside the project's: what the partners' own money gets back.

The project's NPV judges the investment whoever pays for it. A group of migrants and local partners asks
something else: "we put in our contributions; what comes back to us?" Here:
- the partners' money is the sources of kind migrants' contribution and own savings; grants (federal,
  state, municipal, other) are nobody's to get back and loans are repaid by the business as scheduled,
  so both stay as they are in the cash table;
- each year the partners take out what the business's cash grew by (its net cash flow after taxes,
  profit sharing, loan payments and equipment bought again: the distributable cash); a year that loses
  cash is a year they must put money back in; at the end of the horizon the cash the business still
  holds (the working capital it started with) comes back to them too;
- each partner (each of those sources) takes its share in proportion to what it put in, so every
  partner's rate of return is the group's, and its money back is its share of the group's. Shares,
  money back and NPV are rounded by the largest remainder, so each column adds up to the group's figure
  to the cent (and the shares to 100.00 %).
NPV and IRR are those of these yearly flows, at the plan's discount rate; the payback is counted on the
months, as the project's is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from advisor_app.domain.finance.cashflow import allocate_cents
from advisor_app.domain.finance.metrics import irr, npv, payback_from_months
from advisor_app.domain.finance.model import FinancialModel

if TYPE_CHECKING:
    from advisor_app.domain.finance.results import Period

OWN_KINDS = ("migrant_contribution", "own_savings")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Partner:
    name: str  # the source's description, or its kind when it has none
    kind: str
    contribution: Decimal
    share_pct: Decimal  # of the partners' money, two decimals
    money_back: Decimal  # its share of everything the partners take out over the horizon
    npv: Decimal  # its share of the group's NPV


@dataclass(frozen=True)
class GroupView:
    contribution: Decimal  # the partners' own money put in at the start
    flows: tuple[Decimal, ...]  # year 0 (minus the contributions) to the last year
    npv: Decimal
    irr: Decimal | None
    irr_reason: str | None
    payback_years: Decimal | None
    partners: tuple[Partner, ...]


def group_view(model: FinancialModel, months: tuple[Period, ...], years: tuple[Period, ...],
               opening_cash: Decimal) -> GroupView | None:
    """None when the partners put in nothing of their own (the whole investment is grants and loans)."""
    sources = [(source.description.strip() or source.kind, source.kind, Decimal(source.amount).quantize(CENT))
               for source in model.funding if source.kind in OWN_KINDS and Decimal(source.amount) > 0]
    contribution = sum((amount for _name, _kind, amount in sources), Decimal("0.00"))
    if contribution <= 0:
        return None
    flows = [-contribution] + [year.net_cash_flow for year in years]
    flows[-1] += opening_cash
    value = npv(Decimal(model.discount_rate), flows)
    rate = irr(flows)
    back = sum((flow for flow in flows[1:]), Decimal(0))
    fractions = [amount / contribution for _name, _kind, amount in sources]
    shares = _split(Decimal(100), fractions)
    backs = _split(back, fractions)
    values = _split(value, fractions)
    partners = tuple(Partner(name, kind, amount, share, money_back, partner_npv) for (name, kind, amount), share,
                     money_back, partner_npv in zip(sources, shares, backs, values))
    monthly = [month.net_cash_flow for month in months]
    monthly[-1] += opening_cash
    return GroupView(contribution, tuple(flows), value, rate.rate, rate.reason,
                     payback_from_months(contribution, monthly), partners)


def _split(total: Decimal, fractions: list[Decimal]) -> list[Decimal]:
    """``total`` rounded to the cent, shared in ``fractions`` (which add up to one) so that the parts add
    up to it exactly."""
    cents = int((total * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return [Decimal(part).scaleb(-2) for part in allocate_cents(cents, [cents * fraction for fraction in fractions])]


__all__ = ["OWN_KINDS", "GroupView", "Partner", "group_view"]
