"""Amounts in words, as Mexican contracts write them: "$150,000.00 (ciento cincuenta mil pesos 00/100 M.N.)";
and the ordinal words that name clauses ("PRIMERA", "First").

The words say the whole units; the cents follow as a fraction of 100 ("50/100"), then the currency's
mark ("M.N." for moneda nacional, "USD" for dollars). Spanish shortens "uno" before a noun ("un peso",
"veintiún mil", "un millón") and says "de" between an even million and the currency ("un millón de
pesos"); English writes no "and" and joins tens and units with a hyphen ("twenty-one"). Amounts go up
to 999,999,999,999.99; the cents are rounded half up. Pure Python: no Babel, no Qt.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from advisor_app.i18n import _

LIMIT = 10 ** 12
CENT = Decimal("0.01")

# Currency: (singular, plural, mark) per language.
_CURRENCY = {
    "MXN": {"es": ("peso", "pesos", "M.N."), "en": ("peso", "pesos", "M.N.")},
    "USD": {"es": ("dólar", "dólares", "USD"), "en": ("dollar", "dollars", "USD")},
}
_SYMBOL = {"MXN": "$", "USD": "US$"}

# --- Spanish -----------------------------------------------------------------------------------------

_ES_UNITS = ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
             "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve",
             "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis",
             "veintisiete", "veintiocho", "veintinueve")
_ES_TENS = ("", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa")
_ES_HUNDREDS = ("", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos",
                "setecientos", "ochocientos", "novecientos")


def _es_below_thousand(number: int, before_noun: bool) -> str:
    """1 to 999. ``before_noun``: the number is followed by a noun ("mil", "millones", "pesos"), so
    "uno" is shortened ("un", "veintiún", "treinta y un")."""
    hundreds, rest = divmod(number, 100)
    words = []
    if hundreds:
        words.append("cien" if number == 100 else _ES_HUNDREDS[hundreds])
    if rest:
        if rest < 30:
            word = _ES_UNITS[rest]
        else:
            tens, units = divmod(rest, 10)
            word = _ES_TENS[tens] + (f" y {_ES_UNITS[units]}" if units else "")
        if before_noun and word.endswith("uno"):
            word = word[:-3] + ("ún" if word == "veintiuno" else "un")
        words.append(word)
    return " ".join(words)


def _es_below_million(number: int, before_noun: bool) -> str:
    """1 to 999,999: "mil" alone for one thousand, the thousands always shortened ("veintiún mil")."""
    thousands, rest = divmod(number, 1000)
    words = []
    if thousands:
        words.append("mil" if thousands == 1 else f"{_es_below_thousand(thousands, True)} mil")
    if rest:
        words.append(_es_below_thousand(rest, before_noun))
    return " ".join(words)


def spanish_number(number: int, before_noun: bool = True) -> str:
    """A whole number from 0 to 999,999,999,999 in Spanish words, shortened before a masculine noun."""
    if number == 0:
        return "cero"
    millions, rest = divmod(number, 10 ** 6)
    words = []
    if millions:
        words.append("un millón" if millions == 1 else f"{_es_below_million(millions, True)} millones")
    if rest:
        words.append(_es_below_million(rest, before_noun))
    return " ".join(words)


# --- English -----------------------------------------------------------------------------------------

_EN_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_SCALES = ((10 ** 9, "billion"), (10 ** 6, "million"), (10 ** 3, "thousand"))


def _en_below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    words = []
    if hundreds:
        words.append(f"{_EN_UNITS[hundreds]} hundred")
    if rest:
        if rest < 20:
            words.append(_EN_UNITS[rest])
        else:
            tens, units = divmod(rest, 10)
            words.append(_EN_TENS[tens] + (f"-{_EN_UNITS[units]}" if units else ""))
    return " ".join(words)


def english_number(number: int) -> str:
    """A whole number from 0 to 999,999,999,999 in English words (short scale, no "and")."""
    if number == 0:
        return "zero"
    words = []
    for scale, name in _EN_SCALES:
        count, number = divmod(number, scale)
        if count:
            words.append(f"{_en_below_thousand(count)} {name}")
    if number:
        words.append(_en_below_thousand(number))
    return " ".join(words)


# --- Amounts -----------------------------------------------------------------------------------------

def _rounded(amount: Decimal | int) -> Decimal:
    """The amount to the cent, half up; refused when negative, not a number or too large for words."""
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int, float, str)):
        raise TypeError(f"amount must be a Decimal, not {type(amount).__name__}")
    try:
        value = Decimal(str(amount)) if isinstance(amount, (float, str)) else Decimal(amount)
    except InvalidOperation:
        raise ValueError(_("{amount} is not an amount.").format(amount=amount)) from None
    if not value.is_finite():
        raise ValueError(_("{amount} is not an amount.").format(amount=amount))
    if value < 0:
        raise ValueError(_("An amount in words cannot be negative: {amount}.").format(amount=amount))
    value = value.quantize(CENT, rounding=ROUND_HALF_UP)
    if value >= LIMIT:
        raise ValueError(_("Amounts in words go up to 999,999,999,999.99; {amount} is too large.").format(
            amount=amount))
    return value


def _currency(currency: str, language: str) -> tuple[str, str, str]:
    if language not in ("es", "en"):
        raise ValueError(f"language must be 'es' or 'en', not {language!r}")
    try:
        return _CURRENCY[currency][language]
    except KeyError:
        raise ValueError(_("Amounts in words are written in pesos (MXN) or dollars (USD), not {currency}.").format(
            currency=currency)) from None


def amount_in_words(amount: Decimal, currency: str, language: str) -> str:
    """``Decimal("150000"), "MXN", "es"`` → "ciento cincuenta mil pesos 00/100 M.N.";
    ``Decimal("1"), "USD", "en"`` → "one dollar 00/100 USD".

    Raises ``ValueError`` for a negative amount, one of 10^12 or more, or a currency other than MXN or
    USD; the cents are rounded half up."""
    singular, plural, mark = _currency(currency, language)
    value = _rounded(amount)
    units = int(value)
    cents = int((value - units) * 100)
    noun = singular if units == 1 else plural
    if language == "es":
        words = spanish_number(units)
        if units >= 10 ** 6 and units % 10 ** 6 == 0:
            noun = f"de {noun}"  # "un millón de pesos", "mil millones de pesos"
    else:
        words = english_number(units)
    return f"{words} {noun} {cents:02d}/100 {mark}"


def figures(amount: Decimal, currency: str) -> str:
    """"$150,000.00" (pesos) or "US$1,000.00" (dollars): comma thousands and two decimals in both
    languages, as Mexican contracts write figures."""
    if currency not in _SYMBOL:
        _currency(currency, "es")  # raises with the sentence
    return f"{_SYMBOL[currency]}{_rounded(amount):,.2f}"


def money_with_words(amount: Decimal, currency: str, language: str) -> str:
    """"$150,000.00 (ciento cincuenta mil pesos 00/100 M.N.)"; "US$1,000.00 (one thousand dollars 00/100 USD)"."""
    return f"{figures(amount, currency)} ({amount_in_words(amount, currency, language)})"


# --- Clause ordinals ---------------------------------------------------------------------------------

def clause_ordinal(number: int, language: str) -> str:
    """How a contract names its clause ``number``: "PRIMERA" … "CENTÉSIMA VIGÉSIMA" in Spanish (a
    cláusula is feminine), "First" … "One hundred twentieth" in English; the figure only past 999."""
    from advisor_app.domain.agreements.numbering import LIMIT, english_ordinal, spanish_ordinal

    if not 1 <= number <= LIMIT:
        return str(number)
    return english_ordinal(number) if language == "en" else spanish_ordinal(number)


def clause_heading(number: int, heading: str, language: str) -> str:
    """"PRIMERA. Objeto." / "First. Purpose."; a heading that ends in its own stop keeps it."""
    heading = heading.strip()
    if heading and heading[-1] not in ".:?!":
        heading += "."
    return f"{clause_ordinal(number, language)}. {heading}".rstrip()


__all__ = ["amount_in_words", "clause_heading", "clause_ordinal", "english_number", "figures", "money_with_words",
           "spanish_number"]
