"""Amounts in words read as a Mexican contract writes them, in Spanish and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor_app.domain.agreements.words import (
    amount_in_words,
    clause_heading,
    clause_ordinal,
    english_number,
    money_with_words,
    spanish_number,
)

SPANISH_PESOS = [
    ("0", "cero pesos 00/100 M.N."),
    ("1", "un peso 00/100 M.N."),
    ("2", "dos pesos 00/100 M.N."),
    ("15", "quince pesos 00/100 M.N."),
    ("16", "dieciséis pesos 00/100 M.N."),
    ("20", "veinte pesos 00/100 M.N."),
    ("21", "veintiún pesos 00/100 M.N."),
    ("22", "veintidós pesos 00/100 M.N."),
    ("29", "veintinueve pesos 00/100 M.N."),
    ("30", "treinta pesos 00/100 M.N."),
    ("31", "treinta y un pesos 00/100 M.N."),
    ("99", "noventa y nueve pesos 00/100 M.N."),
    ("100", "cien pesos 00/100 M.N."),
    ("101", "ciento un pesos 00/100 M.N."),
    ("115", "ciento quince pesos 00/100 M.N."),
    ("500", "quinientos pesos 00/100 M.N."),
    ("555", "quinientos cincuenta y cinco pesos 00/100 M.N."),
    ("700", "setecientos pesos 00/100 M.N."),
    ("900", "novecientos pesos 00/100 M.N."),
    ("1000", "mil pesos 00/100 M.N."),
    ("1001", "mil un pesos 00/100 M.N."),
    ("21000", "veintiún mil pesos 00/100 M.N."),
    ("31500", "treinta y un mil quinientos pesos 00/100 M.N."),
    ("100000", "cien mil pesos 00/100 M.N."),
    ("101000", "ciento un mil pesos 00/100 M.N."),
    ("150000", "ciento cincuenta mil pesos 00/100 M.N."),
    ("1000000", "un millón de pesos 00/100 M.N."),
    ("1000001", "un millón un pesos 00/100 M.N."),
    ("2000000", "dos millones de pesos 00/100 M.N."),
    ("21000000", "veintiún millones de pesos 00/100 M.N."),
    ("2500001.50", "dos millones quinientos mil un pesos 50/100 M.N."),
    ("1000000000", "mil millones de pesos 00/100 M.N."),
    ("1001000000", "mil un millones de pesos 00/100 M.N."),
    ("999999999999.99", "novecientos noventa y nueve mil novecientos noventa y nueve millones novecientos "
                        "noventa y nueve mil novecientos noventa y nueve pesos 99/100 M.N."),
]

ENGLISH_PESOS = [
    ("0", "zero pesos 00/100 M.N."),
    ("1", "one peso 00/100 M.N."),
    ("15", "fifteen pesos 00/100 M.N."),
    ("16", "sixteen pesos 00/100 M.N."),
    ("20", "twenty pesos 00/100 M.N."),
    ("21", "twenty-one pesos 00/100 M.N."),
    ("29", "twenty-nine pesos 00/100 M.N."),
    ("30", "thirty pesos 00/100 M.N."),
    ("99", "ninety-nine pesos 00/100 M.N."),
    ("100", "one hundred pesos 00/100 M.N."),
    ("101", "one hundred one pesos 00/100 M.N."),
    ("115", "one hundred fifteen pesos 00/100 M.N."),
    ("500", "five hundred pesos 00/100 M.N."),
    ("555", "five hundred fifty-five pesos 00/100 M.N."),
    ("700", "seven hundred pesos 00/100 M.N."),
    ("900", "nine hundred pesos 00/100 M.N."),
    ("1001", "one thousand one pesos 00/100 M.N."),
    ("21000", "twenty-one thousand pesos 00/100 M.N."),
    ("150000", "one hundred fifty thousand pesos 00/100 M.N."),
    ("1000000", "one million pesos 00/100 M.N."),
    ("2500001.50", "two million five hundred thousand one pesos 50/100 M.N."),
    ("1000000000", "one billion pesos 00/100 M.N."),
    ("999999999999.99", "nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred "
                        "ninety-nine thousand nine hundred ninety-nine pesos 99/100 M.N."),
]


@pytest.mark.parametrize(("amount", "words"), SPANISH_PESOS)
def test_spanish_pesos(amount, words):
    assert amount_in_words(Decimal(amount), "MXN", "es") == words


@pytest.mark.parametrize(("amount", "words"), ENGLISH_PESOS)
def test_english_pesos(amount, words):
    assert amount_in_words(Decimal(amount), "MXN", "en") == words


@pytest.mark.parametrize(("amount", "language", "words"), [
    ("1", "es", "un dólar 00/100 USD"),
    ("21", "es", "veintiún dólares 00/100 USD"),
    ("1000000", "es", "un millón de dólares 00/100 USD"),
    ("1500.25", "es", "mil quinientos dólares 25/100 USD"),
    ("1", "en", "one dollar 00/100 USD"),
    ("1000", "en", "one thousand dollars 00/100 USD"),
    ("42.07", "en", "forty-two dollars 07/100 USD"),
])
def test_dollars(amount, language, words):
    assert amount_in_words(Decimal(amount), "USD", language) == words


@pytest.mark.parametrize(("amount", "words"), [
    ("10.005", "diez pesos 01/100 M.N."),      # half up, not to even
    ("10.004", "diez pesos 00/100 M.N."),
    ("0.995", "un peso 00/100 M.N."),          # the cents carry into the pesos, and "peso" becomes singular
    ("99.999", "cien pesos 00/100 M.N."),
    ("1.5", "un peso 50/100 M.N."),
])
def test_cents_are_rounded_half_up(amount, words):
    assert amount_in_words(Decimal(amount), "MXN", "es") == words


def test_whole_numbers_and_ints_are_accepted():
    assert amount_in_words(150000, "MXN", "es") == "ciento cincuenta mil pesos 00/100 M.N."
    assert amount_in_words(Decimal("150000.00"), "MXN", "es") == "ciento cincuenta mil pesos 00/100 M.N."


@pytest.mark.parametrize("amount", ["-1", "-0.01", "1000000000000", "999999999999.995", "NaN", "Infinity"])
def test_impossible_amounts_are_refused(amount):
    with pytest.raises(ValueError):
        amount_in_words(Decimal(amount), "MXN", "es")


def test_unknown_currency_and_language_are_refused():
    with pytest.raises(ValueError, match="EUR"):
        amount_in_words(Decimal("1"), "EUR", "es")
    with pytest.raises(ValueError):
        amount_in_words(Decimal("1"), "MXN", "fr")


def test_spanish_number_shortens_uno_only_before_a_noun():
    assert spanish_number(21, before_noun=False) == "veintiuno"
    assert spanish_number(21) == "veintiún"
    assert spanish_number(1, before_noun=False) == "uno"
    assert spanish_number(41, before_noun=False) == "cuarenta y uno"
    assert spanish_number(21_021, before_noun=False) == "veintiún mil veintiuno"
    assert spanish_number(200_000_000) == "doscientos millones"


def test_every_number_below_a_thousand_is_distinct_words():
    for speller in (spanish_number, english_number):
        words = {speller(number) for number in range(1000)}
        assert len(words) == 1000
        assert all("  " not in word and word == word.strip() for word in words)


def test_money_with_words():
    assert money_with_words(Decimal("150000"), "MXN", "es") == "$150,000.00 (ciento cincuenta mil pesos 00/100 M.N.)"
    assert money_with_words(Decimal("150000"), "MXN", "en") == \
        "$150,000.00 (one hundred fifty thousand pesos 00/100 M.N.)"
    assert money_with_words(Decimal("1000"), "USD", "en") == "US$1,000.00 (one thousand dollars 00/100 USD)"
    assert money_with_words(Decimal("2500001.5"), "MXN", "es") == \
        "$2,500,001.50 (dos millones quinientos mil un pesos 50/100 M.N.)"
    assert money_with_words(Decimal("0.5"), "USD", "es") == "US$0.50 (cero dólares 50/100 USD)"


@pytest.mark.parametrize(("number", "spanish", "english"), [
    (1, "PRIMERA", "First"), (2, "SEGUNDA", "Second"), (7, "SÉPTIMA", "Seventh"), (9, "NOVENA", "Ninth"),
    (10, "DÉCIMA", "Tenth"), (11, "DÉCIMA PRIMERA", "Eleventh"), (12, "DÉCIMA SEGUNDA", "Twelfth"),
    (17, "DÉCIMA SÉPTIMA", "Seventeenth"), (20, "VIGÉSIMA", "Twentieth"), (21, "VIGÉSIMA PRIMERA", "Twenty-first"),
    (25, "VIGÉSIMA QUINTA", "Twenty-fifth"), (26, "VIGÉSIMA SEXTA", "Twenty-sixth"), (40, "CUADRAGÉSIMA", "Fortieth"),
])
def test_clause_ordinals(number, spanish, english):
    assert clause_ordinal(number, "es") == spanish
    assert clause_ordinal(number, "en") == english


def test_clause_headings():
    assert clause_heading(1, "Objeto", "es") == "PRIMERA. Objeto."
    assert clause_heading(1, "Purpose", "en") == "First. Purpose."
    assert clause_heading(3, "¿Quién decide?", "es") == "TERCERA. ¿Quién decide?"
    assert clause_heading(4, "Term.", "en") == "Fourth. Term."
    assert clause_heading(26, "Anexos", "es") == "VIGÉSIMA SEXTA. Anexos."
    assert clause_heading(1000, "Anexos", "es") == "1000. Anexos."
    assert clause_heading(2, "  ", "es") == "SEGUNDA."
