"""The group's view: the partners' own money out, the business's distributable cash back, grants and loans
as they are. Expected values from numpy-financial on flows worked by hand."""

from __future__ import annotations

import numpy_financial as npf
from finance_helpers import D, tortilla_shop

from advisor_app.domain.finance import FundingSource, compute


def shop_with_grant_and_loan():
    return tortilla_shop(funding=(FundingSource("migrant_contribution", D(30000), "Club Jerez"),
                                  FundingSource("own_savings", D(10000), "Socios"),
                                  FundingSource("federal", D(30000), "Apoyo"),
                                  FundingSource("loan", D(50000), "Caja", D(12), 12)))


def test_the_group_puts_in_its_own_money_and_takes_out_the_business_cash():
    # 40,000 of the partners' money; the grant is nobody's to get back; the loan (1 % a month, 12
    # months) is paid by the business. Year 1: margin 240,000, tax 30 % of (228,000 - interest), less
    # the loan's twelve payments. Year 2 as without debt: 171,600, plus the cash the business still
    # holds, none here (the financing equals the investment).
    payment = float(-npf.pmt(0.01, 12, 50000))
    interest = 12 * payment - 50000
    year_1 = 240000 - 0.3 * (228000 - interest) - 12 * payment
    flows = [-40000, year_1, 171600]
    results = compute(shop_with_grant_and_loan())
    group = results.group
    assert group.contribution == D("40000.00")
    assert abs(group.flows[1] - D(repr(year_1))) <= D("0.05") and group.flows[2] == D("171600.00")
    assert abs(group.npv - D(repr(float(npf.npv(0.12, flows))))) <= D("0.05")
    assert abs(group.irr - D(repr(float(npf.irr(flows)) * 100))) <= D("0.01")
    # The project's view does not change with the financing; the group's does.
    assert results.npv == compute(tortilla_shop()).npv and group.npv > results.npv


def test_each_partner_takes_its_share_in_proportion_to_what_it_put_in():
    group = compute(shop_with_grant_and_loan()).group
    club, savings = group.partners
    assert (club.name, club.contribution, club.share_pct) == ("Club Jerez", D("30000.00"), D("75.00"))
    assert (savings.name, savings.share_pct) == ("Socios", D("25.00"))
    back = sum(group.flows[1:])
    assert club.money_back == (back * D("0.75")).quantize(D("0.01"))
    assert abs(club.npv + savings.npv - group.npv) <= D("0.01")


def test_a_plan_paid_only_by_grants_and_loans_has_no_group_view():
    results = compute(tortilla_shop(funding=(FundingSource("federal", D(70000)),
                                             FundingSource("loan", D(50000), "Caja", D(12), 12))))
    assert results.group is None


def test_three_equal_partners_columns_add_up_to_the_group_figures():
    # A third each cannot be written in cents: by the largest remainder the first partner takes the
    # extra hundredth (33.34 + 33.33 + 33.33 = 100.00), and money back and NPV add up the same way.
    results = compute(tortilla_shop(funding=(FundingSource("migrant_contribution", D(40000), "Club Jerez"),
                                             FundingSource("migrant_contribution", D(40000), "Club Fresno"),
                                             FundingSource("own_savings", D(40000), "Socios"))))
    group = results.group
    assert [partner.share_pct for partner in group.partners] == [D("33.34"), D("33.33"), D("33.33")]
    back = sum(group.flows[1:]).quantize(D("0.01"))
    assert sum(partner.money_back for partner in group.partners) == back
    assert sum(partner.npv for partner in group.partners) == group.npv.quantize(D("0.01"))
    assert max(partner.money_back for partner in group.partners) - min(
        partner.money_back for partner in group.partners) <= D("0.01")
