"""Agreement in the grammatical sense: the form each party's words take (socia/socio, presidenta/
presidente, representada/representado, or the neutral form), and the article an organization's name
takes ("el Club Jerezanos de Lynwood", "la Sociedad Cooperativa…").

A person's form is the one they stated, or else the sex their CURP records (its 11th character: H, M,
or X for RENAPO's non-binary entries); an organization's follows the noun its name starts with
("Club" → el, "Sociedad" → la). Pure Python.
"""

from __future__ import annotations

import re
import unicodedata

FORMS = ("masculine", "feminine", "neutral")
_FROM_CURP = {"H": "masculine", "M": "feminine", "X": "neutral"}

# Nouns an organization's or authority's name often starts with, and their gender in Spanish.
_FEMININE_NOUNS = frozenset({
    "sociedad", "cooperativa", "asociacion", "federacion", "union", "organizacion", "fundacion", "comunidad",
    "confederacion", "alianza", "coalicion", "red", "agrupacion", "secretaria", "dependencia", "coordinacion",
    "direccion", "presidencia", "comision", "delegacion", "empresa", "casa", "junta", "mesa", "hermandad",
    "cofradia", "liga", "colonia", "congregacion", "mutualidad", "integradora", "caja", "tesoreria", "oficina",
})
_MASCULINE_NOUNS = frozenset({
    "club", "grupo", "comite", "ejido", "patronato", "consejo", "colectivo", "frente", "centro", "municipio",
    "ayuntamiento", "gobierno", "instituto", "programa", "fondo", "movimiento", "circulo", "taller", "sindicato",
    "consorcio", "organismo", "despacho", "banco", "fideicomiso", "bloque",
})


def _plain(word: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(char))


def person_form(curp: str | None, stated: str | None = None) -> str:
    """The form a person's words take: the one they stated, or what their CURP records; masculine, the
    form Mexican documents have used for an unknown person, when neither says."""
    if stated in FORMS:
        return stated
    curp = (curp or "").replace("-", "").replace(" ", "").strip().upper()
    return _FROM_CURP.get(curp[10:11], "masculine") if len(curp) >= 11 else "masculine"


def _first_noun(name: str) -> str:
    words = name.strip().split()
    return _plain(words[0].strip(".,;:«»“”\"'")) if words else ""


def organization_form(name: str, stated: str | None = None) -> str:
    """Feminine for "Sociedad Cooperativa…", "Federación…", masculine for "Club…", "Municipio…"; a name
    that starts with no known noun is masculine unless its first word ends as feminine nouns do."""
    if stated in ("masculine", "feminine"):
        return stated
    noun = _first_noun(name)
    if noun in _FEMININE_NOUNS:
        return "feminine"
    if noun in _MASCULINE_NOUNS:
        return "masculine"
    return "feminine" if noun.endswith(("cion", "sion", "dad", "tad", "tud", "umbre")) else "masculine"


def takes_article(name: str) -> bool:
    """Whether the name starts with a common noun ("Club …", "Municipio de …"), which Spanish and English
    write with an article; a proper name alone ("Jerezanos Unidos") takes none."""
    noun = _first_noun(name)
    return noun in _FEMININE_NOUNS or noun in _MASCULINE_NOUNS


def with_article(name: str, form: str, language: str, capital: bool = False) -> str:
    """"el Club Jerezanos de Lynwood", "la Sociedad Cooperativa…", "the Municipality of Jerez"; the name
    alone when it takes no article. ``capital``: at the start of a sentence ("El Club…")."""
    name = name.strip()
    if not takes_article(name):
        return name
    if language == "es":
        article = "la" if form == "feminine" else "el"
    else:
        article = "the"
    if capital:
        article = article.capitalize()
    return f"{article} {name}"


def contracted(text: str) -> str:
    """Spanish contracts "de el" and "a el" into "del" and "al" ("En nombre del Club…"); a proper name
    written with its capital article ("de El Cargadero") keeps it, as the RAE advises."""
    return re.sub(r"\b(de|a) el\b", lambda found: "del" if found.group(1) == "de" else "al", text)


def pick(form: str, masculine: str, feminine: str, neutral: str | None = None) -> str:
    """The word for the form: ``pick(form, "socio", "socia", "persona socia")``."""
    if form == "feminine":
        return feminine
    if form == "neutral":
        return neutral or masculine
    return masculine


__all__ = ["FORMS", "contracted", "organization_form", "person_form", "pick", "takes_article", "with_article"]
