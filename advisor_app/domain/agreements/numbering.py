"""How a contract numbers its parts, for any count: lettered lists ("a)" … "z)", "aa)", "ab)" …),
roman declarations ("I." … "XL." … "CXX."), and clause ordinals in words ("PRIMERA" … "CENTÉSIMA
VIGÉSIMA"; "First" … "One hundred twentieth"). Pure Python.
"""

from __future__ import annotations

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))

# A cláusula is feminine: PRIMERA, VIGÉSIMA, CENTÉSIMA.
_ES_UNITS = ("", "PRIMERA", "SEGUNDA", "TERCERA", "CUARTA", "QUINTA", "SEXTA", "SÉPTIMA", "OCTAVA", "NOVENA")
_ES_TENS = ("", "DÉCIMA", "VIGÉSIMA", "TRIGÉSIMA", "CUADRAGÉSIMA", "QUINCUAGÉSIMA", "SEXAGÉSIMA", "SEPTUAGÉSIMA",
            "OCTOGÉSIMA", "NONAGÉSIMA")
_ES_HUNDREDS = ("", "CENTÉSIMA", "DUCENTÉSIMA", "TRICENTÉSIMA", "CUADRINGENTÉSIMA", "QUINGENTÉSIMA",
                "SEXCENTÉSIMA", "SEPTINGENTÉSIMA", "OCTINGENTÉSIMA", "NONINGENTÉSIMA")

_EN_IRREGULAR = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                 "nine": "ninth", "twelve": "twelfth"}
LIMIT = 999


def letter(number: int) -> str:
    """1 → "a", 26 → "z", 27 → "aa", 28 → "ab", 53 → "ba": never the same letter twice in one list."""
    if number < 1:
        raise ValueError(f"lists are numbered from 1, not {number}")
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = _LETTERS[rest] + letters
    return letters


def roman(number: int) -> str:
    """1 → "I", 4 → "IV", 40 → "XL", 120 → "CXX" (standard subtractive form, up to 3999)."""
    if not 1 <= number <= 3999:
        raise ValueError(f"roman numerals go from 1 to 3999, not {number}")
    text = ""
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        text += letters * count
    return text


def spanish_ordinal(number: int) -> str:
    """The feminine ordinal of a clause in capitals: 1 → "PRIMERA", 26 → "VIGÉSIMA SEXTA", 100 → "CENTÉSIMA"."""
    if not 1 <= number <= LIMIT:
        raise ValueError(f"clause ordinals go from 1 to {LIMIT}, not {number}")
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    return " ".join(word for word in (_ES_HUNDREDS[hundreds], _ES_TENS[tens], _ES_UNITS[units]) if word)


def english_ordinal(number: int) -> str:
    """1 → "First", 21 → "Twenty-first", 100 → "One hundredth", 120 → "One hundred twentieth"."""
    from advisor_app.domain.agreements.words import english_number

    if not 1 <= number <= LIMIT:
        raise ValueError(f"clause ordinals go from 1 to {LIMIT}, not {number}")
    words = english_number(number)
    head, _space, last = words.rpartition(" ")
    stem, hyphen, unit = last.rpartition("-")
    if unit in _EN_IRREGULAR:
        unit = _EN_IRREGULAR[unit]
    elif unit.endswith("y"):
        unit = unit[:-1] + "ieth"
    else:
        unit += "th"
    ordinal = f"{head} {stem}{hyphen}{unit}".strip() if head else f"{stem}{hyphen}{unit}"
    return ordinal[0].upper() + ordinal[1:]


_ES_COPIES = {2: "por duplicado", 3: "por triplicado", 4: "por cuadruplicado", 5: "por quintuplicado"}


def copies(count: int, language: str) -> str:
    """How many originals are signed: "por triplicado", "en seis tantos"; "in three counterparts"."""
    from advisor_app.domain.agreements.words import english_number, spanish_number

    if language == "es":
        return _ES_COPIES.get(count) or f"en {spanish_number(count)} tantos"
    return f"in {english_number(count)} counterparts"


__all__ = ["LIMIT", "copies", "english_ordinal", "letter", "roman", "spanish_ordinal"]
