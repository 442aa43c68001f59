import datetime as dt
from decimal import Decimal

import pytest

from advisor_app.domain.records import (
    DEFAULTS,
    RECORDS,
    field_spec,
    problem,
    shares_problem,
    storable,
    total_shares,
    validate,
)

GOOD_ORGANIZATION = {"kind": "migrant_club", "name": "Club Jerezanos de Lynwood", "status": "active",
                     "base_city": "Lynwood", "base_state": "CA", "phone": "+1 310 555 0187",
                     "email": "club@jerezanos.example", "rfc": "SAT970701NN3",
                     "registration_valid_until": "2026-12-31"}
GOOD_PERSON = {"given_names": "Gloria", "first_surname": "Hernández", "second_surname": "García",
               "birth_date": "1956-04-27", "curp": "HEGG560427MVZRRL04", "rfc": "GODE561231GR8",
               "phone": "+52 494 123 4567", "email": "gloria@example.com", "residence_country": "MX"}
GOOD_MEMBERSHIP = {"person_id": "p", "organization_id": "o", "role": "investor", "share_pct": "25",
                   "contribution": "6000", "currency": "USD"}


def spec(table, name):
    return field_spec(table, name)


# --- whole records --------------------------------------------------------------------------------

@pytest.mark.parametrize("table, values", [
    ("organizations", GOOD_ORGANIZATION),
    ("people", GOOD_PERSON),
    ("memberships", GOOD_MEMBERSHIP),
    ("localities", {"municipality_key": "32020", "name": "El Cargadero"}),
])
def test_complete_good_records_have_no_problems(table, values):
    assert validate(table, values, creating=True) == {}


@pytest.mark.parametrize("table, required", [
    ("organizations", {"kind", "name", "status"}),
    ("people", {"given_names", "first_surname", "residence_country"}),
    ("memberships", {"person_id", "organization_id", "role", "currency"}),
    ("localities", {"municipality_key"}),
])
def test_new_empty_record_lists_each_required_field(table, required):
    problems = validate(table, {}, creating=True)
    assert set(problems) == required
    assert all("required" in message for message in problems.values())


def test_required_field_message_names_the_field():
    problems = validate("people", {"first_surname": "Haro"}, creating=True)
    assert "Given names" in problems["given_names"]


def test_defaults_fill_the_required_codes():
    for table, defaults in DEFAULTS.items():
        for name, value in defaults.items():
            assert problem(spec(table, name), value) is None


def test_editing_need_not_repeat_required_fields():
    assert validate("people", {"phone": "494 945 0109"}, creating=False) == {}


@pytest.mark.parametrize("blank", ["", "   ", None])
def test_clearing_a_required_field_is_refused_when_editing(blank):
    problems = validate("organizations", {"name": blank}, creating=False)
    assert set(problems) == {"name"}


def test_blank_optional_field_is_no_problem():
    assert validate("people", {"second_surname": "  ", "email": ""}, creating=False) == {}


def test_unknown_field_is_refused():
    problems = validate("people", {"nickname": "Lupe"}, creating=False)
    assert "nickname" in problems["nickname"]


def test_every_problem_is_one_sentence():
    bad = {"kind": "club", "name": "", "phone": "x", "email": "x", "rfc": "x", "base_state": "XX",
           "registration_valid_until": "soon", "status": "closed"}
    problems = validate("organizations", bad, creating=True)
    assert set(problems) == set(bad)
    for message in problems.values():
        assert message and "\n" not in message and message.rstrip().endswith((".", ")"))


# --- text -----------------------------------------------------------------------------------------

def test_text_is_stripped_and_blank_is_no_value():
    assert storable(spec("people", "given_names"), "  Rosa Elena ") == "Rosa Elena"
    assert storable(spec("people", "second_surname"), "   ") is None
    assert storable(spec("people", "second_surname"), None) is None


def test_too_long_text_is_refused():
    assert problem(spec("organizations", "name"), "x" * 200) is None
    assert "200" in problem(spec("organizations", "name"), "x" * 201)
    assert problem(spec("organizations", "notes"), "x" * 10_000) is None
    assert problem(spec("organizations", "notes"), "x" * 10_001) is not None


def test_identifiers_are_stored_in_capitals():
    assert storable(spec("people", "curp"), " hegg560427mvzrrl04 ") == "HEGG560427MVZRRL04"
    assert storable(spec("people", "rfc"), "gode561231gr8") == "GODE561231GR8"
    assert storable(spec("organizations", "base_state"), "ca") == "CA"


# --- phone and e-mail -----------------------------------------------------------------------------

@pytest.mark.parametrize("phone", ["+52 494 123 4567", "(494) 945-0109", "4941234567", "+1 310.555.0187",
                                   "555 0187"])
def test_plausible_phones_are_accepted(phone):
    assert problem(spec("people", "phone"), phone) is None


@pytest.mark.parametrize("phone", ["123456", "+52 494 123 4567 8901 2", "call me", "494-ABC-1234", "+",
                                   "494 123 4567 ext 2", "+52 494 123 4567 / 8"])
def test_implausible_phones_are_refused(phone):
    message = problem(spec("people", "phone"), phone)
    assert message is not None and "phone" in message


@pytest.mark.parametrize("email", ["gloria@example.com", "club.jerez+avisos@correo.example.mx"])
def test_emails_are_accepted(email):
    assert problem(spec("organizations", "email"), email) is None


@pytest.mark.parametrize("email", ["gloria", "gloria@", "@example.com", "gloria@example", "glo ria@example.com",
                                   "gloria@@example.com"])
def test_non_emails_are_refused(email):
    assert problem(spec("organizations", "email"), email) is not None


# --- identifiers in records -----------------------------------------------------------------------

def test_person_rfc_must_have_13_characters():
    assert problem(spec("people", "rfc"), "GODE561231GR8") is None
    assert "13" in problem(spec("people", "rfc"), "SAT970701NN3")


def test_organization_rfc_must_have_12_characters():
    assert problem(spec("organizations", "rfc"), "SAT970701NN3") is None
    assert "12" in problem(spec("organizations", "rfc"), "GODE561231GR8")


def test_organization_rfc_typed_in_lower_case_is_accepted():
    assert problem(spec("organizations", "rfc"), " sat970701nn3 ") is None


def test_person_curp_is_checked():
    assert problem(spec("people", "curp"), "HEGG560427MVZRRL04") is None
    assert problem(spec("people", "curp"), "HEGG560427MVZRRL05") is not None
    assert problem(spec("people", "curp"), "HEGG560427MNERRL09") is None


def test_curp_that_disagrees_with_birth_date_is_refused():
    problems = validate("people", {**GOOD_PERSON, "birth_date": "1956-04-28"}, creating=True)
    assert set(problems) == {"curp"}
    assert "birth date" in problems["curp"]


def test_curp_agreeing_with_birth_date_given_as_date():
    values = {**GOOD_PERSON, "birth_date": dt.date(1956, 4, 27)}
    assert validate("people", values, creating=True) == {}


def test_curp_without_birth_date_is_accepted():
    values = {key: value for key, value in GOOD_PERSON.items() if key != "birth_date"}
    assert validate("people", values, creating=True) == {}


def test_bad_birth_date_is_reported_once_not_as_curp_mismatch():
    problems = validate("people", {**GOOD_PERSON, "birth_date": "1956-02-30"}, creating=True)
    assert set(problems) == {"birth_date"}


# --- vocabularies ---------------------------------------------------------------------------------

@pytest.mark.parametrize("table, name, code", [
    ("organizations", "kind", "club"),
    ("organizations", "kind", "Migrant club"),
    ("organizations", "status", "closed"),
    ("people", "residence_country", "CA"),
    ("memberships", "role", "boss"),
    ("memberships", "currency", "EUR"),
])
def test_unknown_codes_are_refused(table, name, code):
    assert "list" in problem(spec(table, name), code)


def test_every_vocabulary_code_is_accepted():
    for table, specs in RECORDS.items():
        for field in specs:
            for code in field.vocabulary or {}:
                assert problem(field, code) is None, (table, field.name, code)


@pytest.mark.parametrize("name, value, good", [
    ("base_state", "TX", True), ("base_state", "ca", True), ("base_state", "XX", False),
    ("base_state", "Zacatecas", False),
])
def test_us_state_comes_from_the_list(name, value, good):
    assert (problem(spec("organizations", name), value) is None) is good


@pytest.mark.parametrize("key, good", [("32020", True), ("09015", True), ("99999", False), ("32", False)])
def test_municipality_comes_from_the_catalog(key, good):
    assert (problem(spec("localities", "municipality_key"), key) is None) is good


# --- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["1985-02-30", "21/03/1985", "ayer", "1985-13-01"])
def test_non_dates_are_refused(value):
    assert "date" in problem(spec("people", "birth_date"), value)


def test_birth_date_cannot_be_in_the_future():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert "future" in problem(spec("people", "birth_date"), tomorrow.isoformat())
    assert problem(spec("people", "birth_date"), dt.date.today().isoformat()) is None


def test_birth_date_before_1900_is_refused():
    assert problem(spec("people", "birth_date"), "1899-12-31") is not None
    assert problem(spec("people", "birth_date"), "1900-01-01") is None


def test_registration_may_be_valid_until_a_future_date():
    assert problem(spec("organizations", "registration_valid_until"), "2031-06-30") is None


def test_dates_are_stored_as_iso_text():
    assert storable(spec("people", "birth_date"), dt.date(1968, 2, 14)) == "1968-02-14"
    assert storable(spec("people", "birth_date"), " 1968-02-14 ") == "1968-02-14"


# --- shares and amounts ---------------------------------------------------------------------------

@pytest.mark.parametrize("share", ["0", "100", "8.33", "50.5", Decimal("25"), 12.5, 100])
def test_shares_from_0_to_100_are_accepted(share):
    assert problem(spec("memberships", "share_pct"), share) is None


@pytest.mark.parametrize("share", ["-1", "-0.01", "100.01", "150", "1e3"])
def test_shares_outside_0_to_100_are_refused(share):
    assert "100" in problem(spec("memberships", "share_pct"), share)


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", "-Infinity", "12%", "1.2.3", "$100"])
def test_non_numbers_are_refused(value):
    assert "number" in problem(spec("memberships", "contribution"), value)


@pytest.mark.parametrize("amount", ["0", "15000", "110,000", "999999999999.99", "0.01"])
def test_plausible_amounts_are_accepted(amount):
    assert problem(spec("memberships", "contribution"), amount) is None


def test_negative_amount_is_refused():
    assert "negative" in problem(spec("memberships", "contribution"), "-500")


@pytest.mark.parametrize("amount", ["1000000000000", "1e12", "1e400"])
def test_huge_amount_is_refused(amount):
    assert "large" in problem(spec("memberships", "contribution"), amount)


@pytest.mark.parametrize("raw, stored", [
    ("15000", "15000"),
    ("110,000", "110000"),
    ("1,234,567.50", "1234567.5"),
    ("100.0", "100"),
    ("1E+2", "100"),
    ("8.33", "8.33"),
    ("8.330", "8.33"),
    ("0.10", "0.1"),
    (Decimal("25.00"), "25"),
    (" 12 ", "12"),
    ("-0", "0"),
])
def test_decimals_are_stored_as_canonical_text(raw, stored):
    assert storable(spec("memberships", "contribution"), raw) == stored


def test_equal_numbers_are_stored_alike():
    forms = {storable(spec("memberships", "share_pct"), raw) for raw in ("8.33", "8.330", "08.33", Decimal("8.3300"))}
    assert forms == {"8.33"}


@pytest.mark.parametrize("typed", ["1,5", "2,50", "12,5", "1,00,000"])
def test_a_comma_that_does_not_separate_thousands_is_not_taken_as_one(typed):
    # "1,5" meant as one and a half must not silently become 15.
    assert problem(spec("memberships", "share_pct"), typed) is not None
    assert problem(spec("memberships", "contribution"), typed) is not None


# --- shares of one organization -------------------------------------------------------------------

def test_shares_adding_to_100_are_accepted():
    assert shares_problem(["8.33"] * 11, "8.37") is None
    assert shares_problem(["50", "40"], "10") is None


def test_shares_above_100_say_how_much_is_left():
    message = shares_problem(["50", "40"], "20")
    assert message is not None
    assert "110" in message and "10" in message.replace("110", "")


def test_shares_problem_ignores_members_without_a_share():
    assert shares_problem([None, "", "60"], "40") is None
    assert shares_problem([None, "", "60"], None) is None


def test_shares_problem_when_others_already_exceed_100():
    message = shares_problem(["70", "40"], "5")
    assert message is not None and "115" in message and " 0 %" in message


def test_invalid_share_is_left_to_the_field_check():
    assert shares_problem(["50"], "abc") is None


def test_total_shares_is_exact():
    assert total_shares(["8.33"] * 11 + ["8.37"]) == Decimal("100")
    assert total_shares([Decimal("0.1")] * 3) == Decimal("0.3")
    assert total_shares([]) == 0
