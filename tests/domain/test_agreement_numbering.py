"""Numbering for any count: lettered lists, roman declarations and clause ordinals for 1 to 120, against
a table written out in full (checked by eye, not computed by the code under test)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor_app.domain.agreements.assembly import Draft, Party, assemble
from advisor_app.domain.agreements.library import load_library
from advisor_app.domain.agreements.numbering import english_ordinal, letter, roman, spanish_ordinal
from advisor_app.domain.agreements.words import clause_heading, clause_ordinal

# number, letter, roman, Spanish ordinal (a cláusula: feminine), English ordinal
TABLE = [
    (1, "a", "I", "PRIMERA", "First"),
    (2, "b", "II", "SEGUNDA", "Second"),
    (3, "c", "III", "TERCERA", "Third"),
    (4, "d", "IV", "CUARTA", "Fourth"),
    (5, "e", "V", "QUINTA", "Fifth"),
    (6, "f", "VI", "SEXTA", "Sixth"),
    (7, "g", "VII", "SÉPTIMA", "Seventh"),
    (8, "h", "VIII", "OCTAVA", "Eighth"),
    (9, "i", "IX", "NOVENA", "Ninth"),
    (10, "j", "X", "DÉCIMA", "Tenth"),
    (11, "k", "XI", "DÉCIMA PRIMERA", "Eleventh"),
    (12, "l", "XII", "DÉCIMA SEGUNDA", "Twelfth"),
    (13, "m", "XIII", "DÉCIMA TERCERA", "Thirteenth"),
    (14, "n", "XIV", "DÉCIMA CUARTA", "Fourteenth"),
    (15, "o", "XV", "DÉCIMA QUINTA", "Fifteenth"),
    (16, "p", "XVI", "DÉCIMA SEXTA", "Sixteenth"),
    (17, "q", "XVII", "DÉCIMA SÉPTIMA", "Seventeenth"),
    (18, "r", "XVIII", "DÉCIMA OCTAVA", "Eighteenth"),
    (19, "s", "XIX", "DÉCIMA NOVENA", "Nineteenth"),
    (20, "t", "XX", "VIGÉSIMA", "Twentieth"),
    (21, "u", "XXI", "VIGÉSIMA PRIMERA", "Twenty-first"),
    (22, "v", "XXII", "VIGÉSIMA SEGUNDA", "Twenty-second"),
    (23, "w", "XXIII", "VIGÉSIMA TERCERA", "Twenty-third"),
    (24, "x", "XXIV", "VIGÉSIMA CUARTA", "Twenty-fourth"),
    (25, "y", "XXV", "VIGÉSIMA QUINTA", "Twenty-fifth"),
    (26, "z", "XXVI", "VIGÉSIMA SEXTA", "Twenty-sixth"),
    (27, "aa", "XXVII", "VIGÉSIMA SÉPTIMA", "Twenty-seventh"),
    (28, "ab", "XXVIII", "VIGÉSIMA OCTAVA", "Twenty-eighth"),
    (29, "ac", "XXIX", "VIGÉSIMA NOVENA", "Twenty-ninth"),
    (30, "ad", "XXX", "TRIGÉSIMA", "Thirtieth"),
    (31, "ae", "XXXI", "TRIGÉSIMA PRIMERA", "Thirty-first"),
    (32, "af", "XXXII", "TRIGÉSIMA SEGUNDA", "Thirty-second"),
    (33, "ag", "XXXIII", "TRIGÉSIMA TERCERA", "Thirty-third"),
    (34, "ah", "XXXIV", "TRIGÉSIMA CUARTA", "Thirty-fourth"),
    (35, "ai", "XXXV", "TRIGÉSIMA QUINTA", "Thirty-fifth"),
    (36, "aj", "XXXVI", "TRIGÉSIMA SEXTA", "Thirty-sixth"),
    (37, "ak", "XXXVII", "TRIGÉSIMA SÉPTIMA", "Thirty-seventh"),
    (38, "al", "XXXVIII", "TRIGÉSIMA OCTAVA", "Thirty-eighth"),
    (39, "am", "XXXIX", "TRIGÉSIMA NOVENA", "Thirty-ninth"),
    (40, "an", "XL", "CUADRAGÉSIMA", "Fortieth"),
    (41, "ao", "XLI", "CUADRAGÉSIMA PRIMERA", "Forty-first"),
    (42, "ap", "XLII", "CUADRAGÉSIMA SEGUNDA", "Forty-second"),
    (43, "aq", "XLIII", "CUADRAGÉSIMA TERCERA", "Forty-third"),
    (44, "ar", "XLIV", "CUADRAGÉSIMA CUARTA", "Forty-fourth"),
    (45, "as", "XLV", "CUADRAGÉSIMA QUINTA", "Forty-fifth"),
    (46, "at", "XLVI", "CUADRAGÉSIMA SEXTA", "Forty-sixth"),
    (47, "au", "XLVII", "CUADRAGÉSIMA SÉPTIMA", "Forty-seventh"),
    (48, "av", "XLVIII", "CUADRAGÉSIMA OCTAVA", "Forty-eighth"),
    (49, "aw", "XLIX", "CUADRAGÉSIMA NOVENA", "Forty-ninth"),
    (50, "ax", "L", "QUINCUAGÉSIMA", "Fiftieth"),
    (51, "ay", "LI", "QUINCUAGÉSIMA PRIMERA", "Fifty-first"),
    (52, "az", "LII", "QUINCUAGÉSIMA SEGUNDA", "Fifty-second"),
    (53, "ba", "LIII", "QUINCUAGÉSIMA TERCERA", "Fifty-third"),
    (54, "bb", "LIV", "QUINCUAGÉSIMA CUARTA", "Fifty-fourth"),
    (55, "bc", "LV", "QUINCUAGÉSIMA QUINTA", "Fifty-fifth"),
    (56, "bd", "LVI", "QUINCUAGÉSIMA SEXTA", "Fifty-sixth"),
    (57, "be", "LVII", "QUINCUAGÉSIMA SÉPTIMA", "Fifty-seventh"),
    (58, "bf", "LVIII", "QUINCUAGÉSIMA OCTAVA", "Fifty-eighth"),
    (59, "bg", "LIX", "QUINCUAGÉSIMA NOVENA", "Fifty-ninth"),
    (60, "bh", "LX", "SEXAGÉSIMA", "Sixtieth"),
    (61, "bi", "LXI", "SEXAGÉSIMA PRIMERA", "Sixty-first"),
    (62, "bj", "LXII", "SEXAGÉSIMA SEGUNDA", "Sixty-second"),
    (63, "bk", "LXIII", "SEXAGÉSIMA TERCERA", "Sixty-third"),
    (64, "bl", "LXIV", "SEXAGÉSIMA CUARTA", "Sixty-fourth"),
    (65, "bm", "LXV", "SEXAGÉSIMA QUINTA", "Sixty-fifth"),
    (66, "bn", "LXVI", "SEXAGÉSIMA SEXTA", "Sixty-sixth"),
    (67, "bo", "LXVII", "SEXAGÉSIMA SÉPTIMA", "Sixty-seventh"),
    (68, "bp", "LXVIII", "SEXAGÉSIMA OCTAVA", "Sixty-eighth"),
    (69, "bq", "LXIX", "SEXAGÉSIMA NOVENA", "Sixty-ninth"),
    (70, "br", "LXX", "SEPTUAGÉSIMA", "Seventieth"),
    (71, "bs", "LXXI", "SEPTUAGÉSIMA PRIMERA", "Seventy-first"),
    (72, "bt", "LXXII", "SEPTUAGÉSIMA SEGUNDA", "Seventy-second"),
    (73, "bu", "LXXIII", "SEPTUAGÉSIMA TERCERA", "Seventy-third"),
    (74, "bv", "LXXIV", "SEPTUAGÉSIMA CUARTA", "Seventy-fourth"),
    (75, "bw", "LXXV", "SEPTUAGÉSIMA QUINTA", "Seventy-fifth"),
    (76, "bx", "LXXVI", "SEPTUAGÉSIMA SEXTA", "Seventy-sixth"),
    (77, "by", "LXXVII", "SEPTUAGÉSIMA SÉPTIMA", "Seventy-seventh"),
    (78, "bz", "LXXVIII", "SEPTUAGÉSIMA OCTAVA", "Seventy-eighth"),
    (79, "ca", "LXXIX", "SEPTUAGÉSIMA NOVENA", "Seventy-ninth"),
    (80, "cb", "LXXX", "OCTOGÉSIMA", "Eightieth"),
    (81, "cc", "LXXXI", "OCTOGÉSIMA PRIMERA", "Eighty-first"),
    (82, "cd", "LXXXII", "OCTOGÉSIMA SEGUNDA", "Eighty-second"),
    (83, "ce", "LXXXIII", "OCTOGÉSIMA TERCERA", "Eighty-third"),
    (84, "cf", "LXXXIV", "OCTOGÉSIMA CUARTA", "Eighty-fourth"),
    (85, "cg", "LXXXV", "OCTOGÉSIMA QUINTA", "Eighty-fifth"),
    (86, "ch", "LXXXVI", "OCTOGÉSIMA SEXTA", "Eighty-sixth"),
    (87, "ci", "LXXXVII", "OCTOGÉSIMA SÉPTIMA", "Eighty-seventh"),
    (88, "cj", "LXXXVIII", "OCTOGÉSIMA OCTAVA", "Eighty-eighth"),
    (89, "ck", "LXXXIX", "OCTOGÉSIMA NOVENA", "Eighty-ninth"),
    (90, "cl", "XC", "NONAGÉSIMA", "Ninetieth"),
    (91, "cm", "XCI", "NONAGÉSIMA PRIMERA", "Ninety-first"),
    (92, "cn", "XCII", "NONAGÉSIMA SEGUNDA", "Ninety-second"),
    (93, "co", "XCIII", "NONAGÉSIMA TERCERA", "Ninety-third"),
    (94, "cp", "XCIV", "NONAGÉSIMA CUARTA", "Ninety-fourth"),
    (95, "cq", "XCV", "NONAGÉSIMA QUINTA", "Ninety-fifth"),
    (96, "cr", "XCVI", "NONAGÉSIMA SEXTA", "Ninety-sixth"),
    (97, "cs", "XCVII", "NONAGÉSIMA SÉPTIMA", "Ninety-seventh"),
    (98, "ct", "XCVIII", "NONAGÉSIMA OCTAVA", "Ninety-eighth"),
    (99, "cu", "XCIX", "NONAGÉSIMA NOVENA", "Ninety-ninth"),
    (100, "cv", "C", "CENTÉSIMA", "One hundredth"),
    (101, "cw", "CI", "CENTÉSIMA PRIMERA", "One hundred first"),
    (102, "cx", "CII", "CENTÉSIMA SEGUNDA", "One hundred second"),
    (103, "cy", "CIII", "CENTÉSIMA TERCERA", "One hundred third"),
    (104, "cz", "CIV", "CENTÉSIMA CUARTA", "One hundred fourth"),
    (105, "da", "CV", "CENTÉSIMA QUINTA", "One hundred fifth"),
    (106, "db", "CVI", "CENTÉSIMA SEXTA", "One hundred sixth"),
    (107, "dc", "CVII", "CENTÉSIMA SÉPTIMA", "One hundred seventh"),
    (108, "dd", "CVIII", "CENTÉSIMA OCTAVA", "One hundred eighth"),
    (109, "de", "CIX", "CENTÉSIMA NOVENA", "One hundred ninth"),
    (110, "df", "CX", "CENTÉSIMA DÉCIMA", "One hundred tenth"),
    (111, "dg", "CXI", "CENTÉSIMA DÉCIMA PRIMERA", "One hundred eleventh"),
    (112, "dh", "CXII", "CENTÉSIMA DÉCIMA SEGUNDA", "One hundred twelfth"),
    (113, "di", "CXIII", "CENTÉSIMA DÉCIMA TERCERA", "One hundred thirteenth"),
    (114, "dj", "CXIV", "CENTÉSIMA DÉCIMA CUARTA", "One hundred fourteenth"),
    (115, "dk", "CXV", "CENTÉSIMA DÉCIMA QUINTA", "One hundred fifteenth"),
    (116, "dl", "CXVI", "CENTÉSIMA DÉCIMA SEXTA", "One hundred sixteenth"),
    (117, "dm", "CXVII", "CENTÉSIMA DÉCIMA SÉPTIMA", "One hundred seventeenth"),
    (118, "dn", "CXVIII", "CENTÉSIMA DÉCIMA OCTAVA", "One hundred eighteenth"),
    (119, "do", "CXIX", "CENTÉSIMA DÉCIMA NOVENA", "One hundred nineteenth"),
    (120, "dp", "CXX", "CENTÉSIMA VIGÉSIMA", "One hundred twentieth"),
]


@pytest.mark.parametrize(("number", "lettered", "roman_numeral", "spanish", "english"), TABLE)
def test_every_numbering_from_1_to_120(number, lettered, roman_numeral, spanish, english):
    assert letter(number) == lettered
    assert roman(number) == roman_numeral
    assert spanish_ordinal(number) == spanish and clause_ordinal(number, "es") == spanish
    assert english_ordinal(number) == english and clause_ordinal(number, "en") == english
    assert clause_heading(number, "Anexos", "es") == f"{spanish}. Anexos."


def test_the_table_is_whole_and_never_repeats():
    assert [row[0] for row in TABLE] == list(range(1, 121))
    for column in range(1, 5):
        assert len({row[column] for row in TABLE}) == 120


@pytest.mark.parametrize(("number", "expected"), [(4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (49, "XLIX"),
                                                  (90, "XC"), (400, "CD"), (944, "CMXLIV"), (1990, "MCMXC"),
                                                  (3999, "MMMCMXCIX")])
def test_roman_numerals_beyond_the_table(number, expected):
    assert roman(number) == expected


@pytest.mark.parametrize(("number", "expected"), [(676, "yz"), (702, "zz"), (703, "aaa")])
def test_letters_beyond_the_table(number, expected):
    assert letter(number) == expected


def test_out_of_range_numbers_are_refused():
    for function in (letter, roman, spanish_ordinal, english_ordinal):
        with pytest.raises(ValueError):
            function(0)
    assert clause_ordinal(1000, "es") == "1000"


def test_an_agreement_with_120_partners_letters_and_numbers_each_once():
    template = load_library()["partnership"]
    share = Decimal(100) / 120
    parties = tuple(Party(f"p{index}", "person", f"Socio {index}", "partner", True, "INE 1",
                          contribution=Decimal(1000), share_pct=share) for index in range(1, 121))
    document = assemble(Draft(template, parties=parties), "es")
    contributions = next(clause for clause in document.clauses if clause.clause_id == "contributions")
    lettered = [paragraph.split(")")[0] for paragraph in contributions.paragraphs if ") Socio " in paragraph]
    assert lettered == [row[1] for row in TABLE]
    assert [declaration.split(".")[0] for declaration in document.declarations] == [row[2] for row in TABLE]
