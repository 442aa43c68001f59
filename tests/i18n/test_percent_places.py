"""Percentages of one kind read alike: rates as typed keep their own decimals, figures of a table line up."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor_app import i18n
from advisor_app.i18n.formatting import percent


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("value, places, shown", [
    ("12", None, "12%"), ("7.5", None, "7.5%"), ("10.34", None, "10.34%"),
    ("56.9", 1, "56.9%"), ("10.34", 1, "10.3%"), ("12", 1, "12.0%"),
    ("50", 2, "50.00%"), ("33.333", 2, "33.33%"), ("1234.5", 1, "1,234.5%"), ("-23.95", 1, "-24.0%"),
])
def test_places_fix_the_decimals(value, places, shown):
    assert percent(Decimal(value), places=places) == shown


def test_spanish_shows_the_same_decimals():
    i18n.set_language("es")
    assert percent(Decimal("56.9"), places=1).replace("\xa0", " ").startswith("56.9")
    assert percent(Decimal("50"), places=2).replace("\xa0", " ").startswith("50.00")
