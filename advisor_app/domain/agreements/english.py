"""The English of what an advisor types in Spanish: the English typed beside it, else the English of
words the app knows (offices such as presidenta or síndico, authorities such as "Municipio de Jerez",
kinds of ID), else the Spanish itself marked as not translated, which the checks name as a problem
before an English or bilingual print.

The English document is read by partners in the United States: a Spanish word inside an English
sentence is a word they cannot check. Marked, it cannot pass unseen, and the agreement cannot be marked
reviewed while English is to print (a draft still prints, watermarked). Pure Python.
"""

from __future__ import annotations

import re
import unicodedata

# What the English text prints in place of a Spanish text nobody has translated. Fixed English: it only
# ever appears in the English document, and a printed frozen version is searched for it.
UNTRANSLATED = "[in Spanish, not translated: {text}]"
UNTRANSLATED_START = UNTRANSLATED.split("{", 1)[0]


def _plain(text: str) -> str:
    folded = "".join(char for char in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(char))
    return " ".join(folded.replace(".", ". ").split()).replace(" .", ".")


# A signatory's office as typed in Spanish (accents and capitals ignored) and its English; where the
# Spanish word says the gender and English does not, the Spanish stays beside it in parentheses.
OFFICES = {
    "presidente": "president", "presidenta": "president", "titular de la presidencia": "president",
    "presidente municipal": "municipal president", "presidenta municipal": "municipal president",
    "sindico": "municipal trustee (síndico)", "sindica": "municipal trustee (síndica)",
    "sindico municipal": "municipal trustee (síndico)", "sindica municipal": "municipal trustee (síndica)",
    "secretario": "secretary", "secretaria": "secretary",
    "secretario del ayuntamiento": "secretary of the town council",
    "secretaria del ayuntamiento": "secretary of the town council",
    "tesorero": "treasurer", "tesorera": "treasurer",
    "tesorero municipal": "municipal treasurer", "tesorera municipal": "municipal treasurer",
    "regidor": "town councillor (regidor)", "regidora": "town councillor (regidora)",
    "representante legal": "legal representative",
    "apoderado": "attorney-in-fact", "apoderada": "attorney-in-fact",
    "apoderado legal": "attorney-in-fact", "apoderada legal": "attorney-in-fact",
    "gobernador": "governor", "gobernadora": "governor",
    "gobernador del estado": "Governor of the State", "gobernadora del estado": "Governor of the State",
    "delegado": "delegate", "delegada": "delegate",
    "director": "director", "directora": "director",
    "gerente": "manager", "vocal": "committee member (vocal)",
    "encargado": "manager", "encargada": "manager", "socio": "partner", "socia": "partner",
}

# An authority's name: (Spanish pattern, English), "{place}" for the rest of the name as written.
_AUTHORITIES = (
    (r"municipio de (?P<place>.+)", "Municipality of {place}"),
    (r"municipio", "Municipality"),
    (r"(h\. )?ayuntamiento (constitucional )?de (?P<place>.+)", "Town Council of {place}"),
    (r"gobierno del estado de (?P<place>.+)", "Government of the State of {place}"),
    (r"gobierno (del estado|estatal)", "State government"),
    (r"secretaria de bienestar", "Secretariat of Welfare"),
    (r"secretaria del bienestar", "Secretariat of Welfare"),
    (r"secretaria de economia", "Secretariat of Economy"),
    (r"secretaria de agricultura y desarrollo rural", "Secretariat of Agriculture and Rural Development"),
    (r"secretaria de relaciones exteriores", "Secretariat of Foreign Affairs"),
    (r"nacional financiera", "Nacional Financiera"),
)

# Kinds of ID at the start of what was typed ("Pasaporte G12345678"), longest first.
_ID_KINDS = (
    ("matricula consular", "Consular ID (matrícula consular)"),
    ("credencial para votar", "Voter ID (credencial para votar)"),
    ("credencial del ine", "INE voter ID"),
    ("pasaporte", "Passport"),
    ("ine", "INE"),
)


def office_in_english(spanish: str) -> str:
    """The English of a known office, or "" when the app does not know it."""
    return OFFICES.get(_plain(spanish), "")


def authority_in_english(spanish: str) -> str:
    """The English of an authority's name the app can read ("Municipio de Jerez" → "Municipality of
    Jerez"), or ""."""
    text = " ".join(spanish.split())
    folded = _plain(text)
    for pattern, english in _AUTHORITIES:
        found = re.fullmatch(pattern, folded)
        if found:
            place = found.groupdict().get("place")
            # The place keeps its own spelling (accents, capitals): the same length from the end.
            return english.format(place=text[len(text) - len(place):] if place else "")
    return ""


def id_in_english(id_number: str) -> str:
    """"Pasaporte G12345678" → "Passport G12345678"; the number as typed when no kind is recognised."""
    text = id_number.strip()
    folded = _plain(text)
    for spanish, english in _ID_KINDS:
        if folded == spanish or folded.startswith(spanish + " ") or folded.startswith(spanish + ":"):
            return english + text[len(spanish):]
    return text


def untranslated(spanish: str) -> str:
    return UNTRANSLATED.format(text=spanish)


def in_english(spanish: str, typed: str = "", known: str = "") -> tuple[str, bool]:
    """(the text the English document prints, whether it is translated): the English typed, else the
    English the app knows, else the Spanish marked. An empty Spanish text needs no English."""
    if typed.strip():
        return typed.strip(), True
    if known or not spanish.strip():
        return known, True
    return untranslated(spanish.strip()), False


__all__ = ["OFFICES", "UNTRANSLATED", "UNTRANSLATED_START", "authority_in_english", "id_in_english", "in_english",
           "office_in_english", "untranslated"]
