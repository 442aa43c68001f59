import datetime as dt

import pytest

from advisor_app.domain.catalog import mexico
from advisor_app.domain.identifiers import (
    check_curp,
    check_rfc,
    compact,
    rfc_warning,
    curp_birth_date,
    curp_check_digit,
    rfc_check_digit,
)


@pytest.fixture(scope="module")
def states():
    return set(mexico().curp_state_codes)


# --- CURP -----------------------------------------------------------------------------------------

PUBLISHED_CURPS = [
    "HEGG560427MVZRRL04",  # RENAPO's own example (Gloria Hernández García, Veracruz)
    "MAHJ280603MSPRRV09",
    "XEXX010101HNEXXXA4",  # SAT's generic CURP for a foreign-born person
]


@pytest.mark.parametrize("curp", PUBLISHED_CURPS)
def test_published_curps_are_accepted(curp, states):
    assert check_curp(curp, states) is None


@pytest.mark.parametrize("curp", PUBLISHED_CURPS)
def test_check_digit_of_published_curps(curp):
    assert curp_check_digit(curp[:17]) == curp[17]


def test_curp_typed_in_lower_case_with_spaces_is_accepted(states):
    assert check_curp("  hegg560427mvzrrl04 ", states) is None


@pytest.mark.parametrize("curp", ["HEGG560427MNERRL09", "XEXX010101HNEXXXA4"])
def test_born_abroad_ne_is_accepted(curp, states):
    assert "NE" in states
    assert check_curp(curp, states) is None


def test_curp_for_non_binary_marker_x_is_accepted(states):
    assert check_curp("PEXL050815XDFRZSA3", states) is None


@pytest.mark.parametrize("curp, count", [
    ("HEGG560427MVZRRL0", 17),
    ("HEGG560427MVZRRL041", 19),
    ("", 0),
])
def test_curp_of_wrong_length_says_how_long_it_is(curp, count, states):
    message = check_curp(curp, states)
    assert message is not None
    assert "18" in message and str(count) in message


@pytest.mark.parametrize("curp", [
    "H3GG560427MVZRRL04",  # digit among the name letters
    "HBGG560427MVZRRL04",  # second letter must be a vowel (or X)
    "HEGG56O427MVZRRL04",  # letter O instead of zero in the date
    "HEGG560427QVZRRL04",  # sex must be H, M or X
    "HEGG560427MVZARL04",  # inner letters must be consonants
    "HEGG560427MVZRRL0A",  # the check digit is a digit
])
def test_curp_of_wrong_shape_is_refused(curp, states):
    message = check_curp(curp, states)
    assert message is not None and "shape" in message


@pytest.mark.parametrize("code", ["XX", "ZZ", "US", "EU"])
def test_curp_with_unknown_state_code_is_refused(code, states):
    curp = f"HEGG560427M{code}RRL04"
    message = check_curp(curp, states)
    assert message is not None and code in message and "state" in message


@pytest.mark.parametrize("digits", ["991331", "560431", "560230", "560400", "561301"])
def test_curp_with_impossible_date_is_refused(digits, states):
    curp = f"HEGG{digits}MVZRRL04"
    message = check_curp(curp, states)
    assert message is not None and digits in message and "date" in message


def test_curp_century_marker_decides_leap_day(states):
    # 29 February 2000 existed, 29 February 1900 did not: the 17th character says which century.
    assert check_curp("GAPA000229HZSRRNA0", states) is None
    message = check_curp("GAPA000229HZSRRN00", states)
    assert message is not None and "000229" in message


@pytest.mark.parametrize("wrong", [digit for digit in "0123456789" if digit != "4"])
def test_curp_with_any_other_check_digit_is_refused(wrong, states):
    message = check_curp("HEGG560427MVZRRL0" + wrong, states)
    assert message is not None and "last digit" in message


def test_curp_with_a_typing_mistake_in_the_name_is_refused(states):
    assert check_curp("HEGH560427MVZRRL04", states) is not None


@pytest.mark.parametrize("curp, born", [
    ("HEGG560427MVZRRL04", dt.date(1956, 4, 27)),
    ("MAHJ280603MSPRRV09", dt.date(1928, 6, 3)),
    ("XEXX010101HNEXXXA4", dt.date(2001, 1, 1)),
    ("GAPA000229HZSRRNA0", dt.date(2000, 2, 29)),
])
def test_curp_birth_date(curp, born):
    assert curp_birth_date(curp) == born


def test_curp_birth_date_of_impossible_date_is_none():
    assert curp_birth_date("HEGG991331MVZRRL04") is None


# --- RFC ------------------------------------------------------------------------------------------

PUBLISHED_RFCS = ["GODE561231GR8", "SAT970701NN3"]


@pytest.mark.parametrize("rfc", PUBLISHED_RFCS)
def test_published_rfcs_are_accepted(rfc):
    assert check_rfc(rfc) is None


@pytest.mark.parametrize("rfc", PUBLISHED_RFCS)
def test_check_digit_of_published_rfcs(rfc):
    assert rfc_check_digit(rfc[:-1]) == rfc[-1]


def test_rfc_typed_in_lower_case_with_spaces_is_accepted():
    assert check_rfc(" gode561231gr8  ") is None


@pytest.mark.parametrize("rfc", ["G&M970701NN8", "AÑO970701NN6"])
def test_company_rfc_with_ampersand_or_enye_is_accepted(rfc):
    assert check_rfc(rfc) is None


@pytest.mark.parametrize("rfc", ["GODE560101A6A", "GODE560101B40", "GOCA001231AB6"])
def test_rfc_check_characters_a_and_zero_are_accepted(rfc):
    # 11 - sum % 11 gives 10 (written A) or 11 (written 0) for these.
    assert rfc_check_digit(rfc[:-1]) == rfc[-1]
    assert check_rfc(rfc) is None


@pytest.mark.parametrize("rfc, count", [
    ("GODE561231G", 11),
    ("GODE561231GR8X", 14),
    ("", 0),
])
def test_rfc_of_wrong_length_says_how_long_it_is(rfc, count):
    message = check_rfc(rfc)
    assert message is not None and "13" in message and "12" in message and str(count) in message


@pytest.mark.parametrize("rfc", [
    "G0DE561231GR8",  # digit among the name letters
    "GODE56123AGR8",  # letter in the date
    "GOD5612311GR8",  # 13 characters but only 3 letters
    "SATX70701NN3",   # 12 characters but 4 letters
    "GODE561231G-8",
    "GODE561231GRB",  # the check character is a digit or A
])
def test_rfc_of_wrong_shape_is_refused(rfc):
    message = check_rfc(rfc)
    assert message is not None and "shape" in message


@pytest.mark.parametrize("rfc", ["GODE991331GR8", "GODE560230GR8", "SAT971301NN3", "SAT970700NN3"])
def test_rfc_with_impossible_date_is_refused(rfc):
    message = check_rfc(rfc)
    assert message is not None and "date" in message


@pytest.mark.parametrize("rfc", ["GODE561231GR9", "GODE561231GRA", "SAT970701NN4", "SAT970701NN0"])
def test_rfc_with_wrong_check_character_is_kept_with_a_warning(rfc):
    """About 1.5 % of the RFCs SAT issued have one (python-stdnum documents it): a warning, not a refusal."""
    assert check_rfc(rfc) is None
    assert rfc_warning(rfc) == ("The last character of this RFC does not match the rest. SAT has issued some RFCs "
                                "like this, so it is kept; compare it with the person's tax certificate "
                                "(constancia de situación fiscal).")
    assert rfc_warning(rfc[:-1] + rfc_check_digit(rfc[:-1])) is None


@pytest.mark.parametrize("curp, count", [("HEGG560427MVZRRL-4", 17), ("HEGG560427MV RRL04", 17)])
def test_a_dash_or_space_in_place_of_a_character_leaves_it_short(curp, count, states):
    assert check_curp(curp, states) == f"A CURP has 18 characters; this one has {count}."


@pytest.mark.parametrize("pasted, compacted", [
    ("GODE-561231-GR8", "GODE561231GR8"), ("gode 561231 gr8", "GODE561231GR8"), ("SAT-970701-NN3", "SAT970701NN3"),
])
def test_rfc_pasted_with_dashes_or_spaces_is_accepted_and_compacted(pasted, compacted):
    assert check_rfc(pasted) is None and compact(pasted) == compacted


@pytest.mark.parametrize("letter", "0WXYZ")
def test_a_homoclave_sat_never_issues_is_refused(letter):
    rfc = f"GODE561231{letter}R"
    rfc += rfc_check_digit(rfc)
    assert check_rfc(rfc) == (f"The homoclave of this RFC ({rfc[-3:]}) starts with {letter}, which SAT never "
                              "issues: check it for a typing mistake.")


def test_an_offensive_first_four_is_refused(states):
    curp = "PUTO560427MVZRRL0"
    curp += curp_check_digit(curp)
    assert check_curp(curp, states) == ("A CURP never starts with PUTO: RENAPO replaces a letter of such a word with "
                                        "an X. Check it for a typing mistake.")
    rfc = "PUTO561231GR"
    rfc += rfc_check_digit(rfc)
    assert check_rfc(rfc).startswith("An RFC never starts with PUTO")


@pytest.mark.parametrize("typed", ["rofa790930mzsbdn04", "ROFA790930MZSBDN04", "rofa-790930 mzsbdn04",
                                   "rofa\u2013790930mzsbdn04", " rofa790930mzsbdn04 ", "rofá790930"])
def test_compact_gives_what_python_stdnum_gives(typed):
    from stdnum.mx import rfc as stdnum_rfc

    assert compact(typed) == stdnum_rfc.compact(typed)
