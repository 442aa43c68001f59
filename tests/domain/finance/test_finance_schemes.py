"""Co-financing schemes as data: the shipped file, splits with binding caps, mixes, and bad files."""

from __future__ import annotations

import json

import pytest
from finance_helpers import D
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor_app import i18n
from advisor_app.domain.finance import FundingSource, SchemeFileError, check_mix, load_schemes, propose_split
from advisor_app.domain.finance.schemes import SCHEMES_FILE, Scheme, SchemeParty
from advisor_app.paths import RESOURCES


@pytest.fixture(scope="module")
def catalog():
    return load_schemes()


def test_the_shipped_file_lives_in_resources_and_holds_the_known_schemes(catalog):
    assert SCHEMES_FILE == RESOURCES / "schemes" / "cofinancing.json"
    assert [scheme.id for scheme in catalog.schemes] == ["1x1", "2x1", "3x1_infrastructure", "3x1_productive",
                                                         "custom"]
    productive = catalog.get("3x1_productive")
    assert [(party.kind, party.percent, party.cap) for party in productive.parties] == [
        ("federal", D(50), D(250000)), ("migrant_contribution", D(50), None)]
    infrastructure = catalog.get("3x1_infrastructure")
    # DOMAIN.md, from the operating rules: the cap is on the federal support, not on the project.
    assert infrastructure.project_cap is None
    assert {party.kind: (party.percent, party.cap) for party in infrastructure.parties} == {
        "federal": (D(25), D(1000000)), "migrant_contribution": (D(25), None), "state": (D(25), None),
        "municipal": (D(25), None)}


def test_names_follow_the_language(catalog):
    scheme = catalog.get("3x1_productive")
    i18n.set_language("es")
    assert scheme.name == "3x1 para Migrantes: proyectos productivos"
    assert catalog.project_type_name("productive_family") == "Proyecto productivo familiar (de dos a cuatro familias)"
    i18n.set_language("en")
    assert scheme.name == "3x1 for Migrants: productive projects"


def test_1x1_state_matches_the_migrants(catalog):
    split = propose_split(catalog.get("1x1"), D(200000))
    assert {line.kind: line.amount for line in split.lines} == {"migrant_contribution": D(100000), "state": D(100000)}
    assert (split.uncovered, split.binding, split.messages) == (D(0), (), ())


@pytest.mark.parametrize("total, migrants, each_government", [
    (D(300000), D("100020.00"), D("99990.00")),
    (D("1000.01"), D("333.41"), D("333.30")),  # the rounding cent goes to the first party
])
def test_2x1_federal_and_state_each_match_the_migrants(catalog, total, migrants, each_government):
    split = propose_split(catalog.get("2x1"), total)
    assert split.amount_for("migrant_contribution") == migrants
    assert split.amount_for("federal") == split.amount_for("state") == each_government
    assert split.covered == total and split.uncovered == 0


def test_3x1_productive_caps_the_federal_share(catalog):
    split = propose_split(catalog.get("3x1_productive"), D(600000))
    federal = next(line for line in split.lines if line.kind == "federal")
    assert (federal.uncapped, federal.amount, federal.cap_binds) == (D(300000), D(250000), True)
    assert split.amount_for("migrant_contribution") == D(300000)
    assert (split.covered, split.uncovered, split.binding) == (D(550000), D(50000), ("federal",))
    assert split.messages == (
        "Federal government: capped at $250,000.00, so $50,000.00 of its share must come from other sources.",
        "In all, $50,000.00 of the investment is left to other sources (own savings, a loan or other grants).")


def test_3x1_productive_below_the_cap(catalog):
    split = propose_split(catalog.get("3x1_productive"), D(400000))
    assert split.amount_for("federal") == split.amount_for("migrant_contribution") == D(200000)
    assert split.binding == () and split.messages == ()


def test_3x1_infrastructure_gives_each_party_a_quarter_up_to_the_federal_cap(catalog):
    # The case: on 4,000,000 the rule gives 1,000,000 to each party and leaves nothing uncovered.
    split = propose_split(catalog.get("3x1_infrastructure"), D(4000000))
    assert {line.kind: line.amount for line in split.lines} == {
        "federal": D(1000000), "migrant_contribution": D(1000000), "state": D(1000000), "municipal": D(1000000)}
    assert (split.uncovered, split.binding, split.messages) == (D(0), (), ())
    small = propose_split(catalog.get("3x1_infrastructure"), D(800000))
    assert {line.amount for line in small.lines} == {D(200000)} and small.binding == ()


def test_3x1_infrastructure_above_the_federal_cap_names_what_is_left(catalog):
    # 25 % of 5,000,000 is 1,250,000: the federal support stops at 1,000,000 and 250,000 is left over.
    split = propose_split(catalog.get("3x1_infrastructure"), D(5000000))
    assert split.amount_for("federal") == D(1000000)
    assert split.amount_for("state") == split.amount_for("municipal") == D(1250000)
    assert (split.uncovered, split.binding) == (D(250000), ("federal",))
    assert split.messages == (
        "Federal government: capped at $1,000,000.00, so $250,000.00 of its share must come from other sources.",
        "In all, $250,000.00 of the investment is left to other sources (own savings, a loan or other grants).")


def test_a_project_cap_an_office_defines_still_applies_to_the_base():
    scheme = Scheme("office", {"en": "Office"}, (SchemeParty("migrant_contribution", D(50)),
                                                  SchemeParty("municipal", D(50))), project_cap=D(1000000))
    split = propose_split(scheme, D(1200000))
    assert split.base == D(1000000) and split.binding == ("project",)
    assert split.uncovered == D(200000)
    assert split.messages[0] == ("The scheme co-finances at most $1,000,000.00 of a project: its shares apply to "
                                 "that amount and the other $200,000.00 must come from other sources.")


def test_the_federal_3x1_schemes_are_historical_and_say_so(catalog):
    import datetime as dt

    from advisor_app.domain.finance.schemes import HISTORICAL, standing_note

    for scheme_id in ("3x1_infrastructure", "3x1_productive"):
        scheme = catalog.get(scheme_id)
        assert scheme.status == HISTORICAL and scheme.valid_until == dt.date(2019, 12, 31)
    i18n.set_language("en")
    assert standing_note(catalog.get("3x1_productive"), dt.date(2026, 12, 5)) == (
        "The 3x1 for Migrants: productive projects scheme is historical: it took its last projects on Dec 31, "
        "2019. Confirm with the office which program co-finances this plan today.")
    assert standing_note(catalog.get("custom"), dt.date(2026, 12, 5)) is None


def test_a_current_scheme_past_its_validity_counts_as_historical():
    import datetime as dt

    from advisor_app.domain.finance.schemes import HISTORICAL, TO_CONFIRM

    scheme = Scheme("office", {"en": "Office"}, status="current", valid_from=dt.date(2025, 1, 1),
                    valid_until=dt.date(2025, 12, 31))
    assert scheme.standing(dt.date(2025, 6, 1)) == "current"
    assert scheme.standing(dt.date(2026, 1, 1)) == HISTORICAL
    assert scheme.standing(dt.date(2024, 12, 31)) == TO_CONFIRM


def test_custom_scheme_leaves_the_choice_to_the_group(catalog):
    split = propose_split(catalog.get("custom"), D(90000))
    assert (split.lines, split.covered, split.uncovered) == ((), D(0), D(90000))
    assert split.messages == ("This scheme sets no shares: choose the sources freely.",)


def test_an_office_scheme_built_in_code_caps_several_parties():
    scheme = Scheme("office", {"en": "Office"}, (SchemeParty("migrant_contribution", D(40), D(100000)),
                                                  SchemeParty("municipal", D(30), D(50000)),
                                                  SchemeParty("own_savings", D(30))))
    split = propose_split(scheme, D(500000))
    assert [(line.kind, line.amount) for line in split.lines] == [
        ("migrant_contribution", D(100000)), ("municipal", D(50000)), ("own_savings", D(150000))]
    assert split.binding == ("migrant_contribution", "municipal") and split.uncovered == D(200000)


def test_a_mix_that_follows_the_scheme_and_covers_the_investment(catalog):
    sources = [FundingSource("federal", D(250000)), FundingSource("migrant_contribution", D(300000)),
               FundingSource("own_savings", D(30000)), FundingSource("loan", D(20000), annual_rate=D(18),
                                                                     term_months=12)]
    check = check_mix(catalog.get("3x1_productive"), sources, D(600000), "MXN", "productive_community")
    assert check.ok and check.covers and check.messages == ()
    assert [(line.kind, line.expected, line.actual) for line in check.lines] == [
        ("federal", D(250000), D(250000)), ("migrant_contribution", D(300000), D(300000)),
        ("own_savings", None, D(30000)), ("loan", None, D(20000))]
    assert check.funding_total == D(600000) and check.difference == 0


def test_a_mix_that_breaks_the_scheme_says_so_sum_by_sum(catalog):
    sources = [FundingSource("federal", D(300000)), FundingSource("migrant_contribution", D(250000))]
    check = check_mix(catalog.get("3x1_productive"), sources, D(600000))
    assert not check.ok and not check.covers
    assert check.difference == D(-50000)
    assert check.lines[1].difference == D(-50000)
    assert check.messages == (
        "Federal government: $300,000.00 is more than the scheme's cap of $250,000.00.",
        "Migrants' contribution: $250,000.00, where the scheme's share is $300,000.00.",
        "The sources add up to $550,000.00, $50,000.00 less than the investment of $600,000.00.")


def test_a_project_type_the_scheme_does_not_fund(catalog):
    sources = [FundingSource("federal", D(200000)), FundingSource("migrant_contribution", D(200000))]
    check = check_mix(catalog.get("3x1_productive"), sources, D(400000), project_type="infrastructure")
    assert check.messages == ("The 3x1 para Migrantes: proyectos productivos scheme does not co-finance this type "
                              "of project.",)
    assert catalog.get("custom").eligible("infrastructure")


def test_caps_are_not_compared_across_currencies(catalog):
    sources = [FundingSource("federal", D(20000)), FundingSource("migrant_contribution", D(20000))]
    check = check_mix(catalog.get("3x1_productive"), sources, D(40000), currency="USD")
    assert check.messages == ("This scheme's amounts are in MXN and the plan's in USD: its shares and caps are not "
                              "checked.",)


def scheme_file(tmp_path, **changes):
    data = json.loads(SCHEMES_FILE.read_text(encoding="utf-8"))
    scheme = data["schemes"][3]
    for key, value in changes.items():
        if key == "data":
            data = value
        elif key == "party":
            scheme["parties"][0].update(value)
        else:
            scheme[key] = value
    path = tmp_path / "schemes.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


@pytest.mark.parametrize("changes, message", [
    ({"data": {"schemes": "none"}}, "The co-financing schemes file has no list of schemes: {path}."),
    ({"data": "{not json"}, "The co-financing schemes file is not valid JSON"),
    ({"party": {"kind": "bank"}}, "Scheme 3x1_productive names an unknown party: bank."),
    ({"party": {"kind": "loan"}}, "Scheme 3x1_productive names an unknown party: loan."),
    ({"party": {"kind": "migrant_contribution"}}, "Scheme 3x1_productive names a party twice: migrant_contribution."),
    ({"party": {"percent": "fifty"}}, "Scheme 3x1_productive has a percentage that is not a number between 0 and 100."),
    ({"party": {"percent": "101"}}, "Scheme 3x1_productive has a percentage that is not a number between 0 and 100."),
    ({"party": {"percent": "60"}}, "The parties of scheme 3x1_productive add up to 110 %, more than 100 %."),
    ({"party": {"cap": "-5"}}, "Scheme 3x1_productive has a cap that is not a positive amount."),
    ({"project_cap": 0}, "Scheme 3x1_productive has a cap that is not a positive amount."),
    ({"project_types": ["casino"]}, "Scheme 3x1_productive names an unknown project type: casino."),
    ({"id": "1x1"}, "Two co-financing schemes share the id 1x1."),
    ({"id": ""}, "A co-financing scheme in the file has no id."),
    ({"parties": {"federal": 50}}, "Scheme 3x1_productive is not written as the file's format expects."),
    ({"currency": "EUR"}, "Scheme 3x1_productive is not written as the file's format expects."),
    ({"status": "live"}, "Scheme 3x1_productive has a status that is not current, historical or to_confirm."),
    ({"valid_until": "31/12/2019"}, "Scheme 3x1_productive has a validity date that is not written as YYYY-MM-DD."),
    ({"valid_from": 2002}, "Scheme 3x1_productive has a validity date that is not written as YYYY-MM-DD."),
    ({"valid_from": "2020-01-01"}, "Scheme 3x1_productive ends its validity before it begins."),
])
def test_a_bad_file_is_refused_with_one_sentence(tmp_path, changes, message):
    path = scheme_file(tmp_path, **changes)
    with pytest.raises(SchemeFileError) as refused:
        load_schemes(path)
    assert str(refused.value).startswith(message.format(path=path))


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(SchemeFileError, match="cannot be read"):
        load_schemes(tmp_path / "nowhere.json")


def test_an_edited_file_changes_the_split(tmp_path):
    path = scheme_file(tmp_path, party={"cap": "200000"})
    split = propose_split(load_schemes(path).get("3x1_productive"), D(600000))
    assert split.amount_for("federal") == D(200000) and split.uncovered == D(100000)


@given(investment=st.decimals(min_value=0, max_value=50_000_000, places=2))
@settings(max_examples=200, deadline=None)
def test_every_proposal_adds_up_respects_every_cap_and_names_what_is_left(investment):
    for scheme in load_schemes().schemes:
        split = propose_split(scheme, investment)
        base = investment if scheme.project_cap is None else min(investment, scheme.project_cap)
        assert split.covered + split.uncovered == investment
        assert split.covered == sum(line.amount for line in split.lines)
        for line, party in zip(split.lines, scheme.parties):
            # Each share is its percentage of the base, within a rounding cent, and never above its cap.
            assert abs(line.uncapped - base * party.percent / 100) <= D("0.01")
            assert party.cap is None or line.amount <= party.cap
        if not scheme.parties:
            assert split.messages == ("This scheme sets no shares: choose the sources freely.",)
        elif split.uncovered > 0:
            assert any(format(split.uncovered, ",.2f") in message for message in split.messages)
        else:
            assert not any(message.startswith("In all,") for message in split.messages)
