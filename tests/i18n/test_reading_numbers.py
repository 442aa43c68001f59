"""Numbers are read as the current language shows them, and only when they mean one thing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor_app import i18n
from advisor_app.i18n.formatting import number_for_editing, plain_number, read_number


@pytest.fixture(params=["es", "en"])
def language(request):
    i18n.set_language(request.param)
    return request.param


@pytest.mark.parametrize("text, value", [
    ("$50,000.00", "50000.00"), ("50 000", "50000"), ("50\u00a0000", "50000"), ("50,000", "50000"),
    ("US$6,000.00", "6000.00"), ("MX$1,234.50", "1234.50"), ("USD6,000.00", "6000.00"), ("250000 MXN", "250000"),
    ("0.5", "0.5"), (".5", "0.5"), ("-3", "-3"), ("1,000,000.25", "1000000.25"),
])
def test_what_the_app_displays_is_read_back(language, text, value):
    assert read_number(text) == Decimal(value)
    assert plain_number(text) == value


@pytest.mark.parametrize("text", ["12,34,5", "abc", "1.2.3", "1,5", "5 0", "", "$", "50,00.0", "nan", "Infinity"])
def test_what_could_mean_two_things_is_not_read(language, text):
    assert read_number(text) is None
    assert plain_number(text) == text.strip()


def test_numbers_are_shown_grouped_and_money_with_cents(language):
    assert number_for_editing("250000", money=True) == "250,000.00"
    assert number_for_editing("1.5") == "1.5"
    assert number_for_editing("12,34,5") == "12,34,5"
    assert number_for_editing(None) == ""


def test_a_payback_under_a_year_is_said_in_months(language):
    from advisor_app.i18n.formatting import payback

    months = {"es": ("aproximadamente 3 meses", "aproximadamente 1 mes"), "en": ("about 3 months", "about 1 month")}
    assert payback(Decimal("0.28")) == months[language][0]
    assert payback(Decimal("0.02")) == months[language][1]
    assert payback(Decimal("2.38")) == ("2.38 años" if language == "es" else "2.38 years")
