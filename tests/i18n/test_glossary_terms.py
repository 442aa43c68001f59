"""The Spanish catalog speaks the glossary's Mexican Spanish: one word per idea, none of the variants a
Mexican reader stumbles on (Spain's words, calques, words too technical for the advisors' groups)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "translations" / "es" / "LC_MESSAGES" / "advisor_app.po"

# A variant that is never right in this app's Spanish, whatever the English says, and the word to use.
BANNED = [
    (r"\bficheros?\b", "archivo"),
    (r"\bordenador(es)?\b", "computadora"),
    (r"computadoras? portátil(es)?|\blaptops?\b", "computadora"),
    (r"\bborr(ar|e|en|ado|ada|ados|adas|ó)\b", "eliminar"),  # not "borrador", a draft
    (r"\bmembresías?\b", "pertenencia / integrante"),
    (r"\bcofinanciación\b", "cofinanciamiento"),
    (r"\binversor(es|a|as)?\b", "inversionistas"),
    (r"\bámbar\b", "amarillo"),
    (r"\bplan(es)? de negocios\b", "plan de negocio"),
    (r"\bcopias? de seguridad\b", "respaldo"),
    (r"\bhuellas?\b", "código de seguridad / código de control"),
    (r"\blado a lado\b", "en dos columnas"),
    (r"\bsubvenci(ón|ones)\b", "apoyo"),
    (r"(?<!margen de )\bcontribuci(ón|ones)\b", "aportación"),
    (r"(?-i:\bVAN\b)", "VPN"),  # the acronym only: "van" is a verb
    (r"\bflujo de caja\b|\bsaldo de caja\b", "flujo de efectivo"),
    (r"\blisto para firma\b", "listo para firmar"),
    (r"\bsuma de verificación\b|\bmanifiesto\b", "plain words"),
    (r"\bviable con cuidado\b", "viable con reservas"),
    (r"\blado\b.*\blado\b", "en dos columnas"),
    (r"[«»]", "“…”"),
    (r"\d %", "100% (as the formatter writes 25%)"),
    (r"\bpuesto de quien firma\b", "cargo de quien firma"),
    (r"\bbienvenido\b", "le damos la bienvenida"),
    (r"\bsalió mal\b", "ocurrió un error inesperado"),
]

# Banned only where the English says a given thing (the same Spanish word is right elsewhere).
BANNED_WHERE = [
    # The app's agreements are convenios; "acuerdo" is a meeting's decision.
    (r"\bagreements?\b", r"\bacuerdos?\b", "convenio"),
    # Status is "situación": "estado" is a Mexican or US state here.
    (r"\bstatus\b", r"\bestados?\b", "situación"),
    # A bundle's changes are imported and incorporated, never "applied".
    (r"\bbundles?\b|^Apply$", r"\baplic(a|an|ar|ará|ó|ado|ados)\b", "importar / incorporar"),
    # The plan's horizon is its duration; "plazo" is for loans.
    (r"\bhorizon\b", r"\bplazo del plan\b|\bhorizonte\b", "duración del plan"),
    # A program is applied to by presenting a request.
    (r"\bapply to\b", r"\baplicar[áa]?\b", "presentar su solicitud"),
]

# Where "acuerdo" means what the glossary says it means: the group's decisions, not the app's documents.
ACUERDO_IS_RIGHT = {
    "Most businesses with several investors fail over unclear agreements, not over numbers. Write down who "
    "decides what, how profits are shared and what happens when a partner leaves: the agreement will start "
    "from these answers.",
    "e.g. Clear agreements among partners",
}

# The glossary's choices for the words a group sees most.
EXPECTED = [
    (None, "Key fingerprint", "Código de seguridad"),
    (None, "Content hash", "Código de control"),
    (None, "Sync", "Sincronización"),
    (None, "Status", "Situación"),
    (None, "Business plan", "Plan de negocio"),
    (None, "Agreement", "Convenio"),
    (None, "amber", "amarillo"),
    (None, "Viable with care", "Viable con reservas"),
    (None, "Net present value (NPV)", "Valor presente neto (VPN)"),
    (None, "Internal rate of return (IRR)", "Tasa interna de retorno (TIR)"),
    (None, "Break-even point", "Punto de equilibrio"),
    (None, "Investor group", "Grupo de inversionistas"),
    (None, "Ready to sign", "Listo para firmar"),
    (None, "Signatory's position", "Cargo de quien firma"),
    (None, "Registration number", "Número de toma de nota"),
    (None, "Registration valid until", "Vigencia de la toma de nota"),
    (None, "Open its session", "Ver la sesión"),
    (None, "Import", "Importar"),
    (None, "Signs", "¿Firma?"),
    (None, "(none)", "(sin elegir)"),
    (None, "Attendance", "Asistencia"),
    ("agreement", "Party", "Parte"),
    ("co-financing", "Party", "Aportante"),
    ("woman", "president", "presidenta"),
    (None, "president", "presidente"),
]


def _catalog():
    with PO.open("rb") as handle:
        return read_po(handle)


def _entries():
    for message in _catalog():
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            yield sources[0], re.sub(r"\{\w*\}", "{}", text)  # placeholders are names, not words


def test_no_banned_variant_in_any_translation():
    found = [f"{text!r} ({pattern}: use {instead})" for source, text in _entries()
             for pattern, instead in BANNED if re.search(pattern, text, re.IGNORECASE)]
    assert not found, "\n".join(found)


def test_no_word_that_misleads_where_the_english_means_something_else():
    found = []
    for source, text in _entries():
        for english, spanish, instead in BANNED_WHERE:
            if source in ACUERDO_IS_RIGHT and instead == "convenio":
                continue
            if re.search(english, source, re.IGNORECASE) and re.search(spanish, text, re.IGNORECASE):
                found.append(f"{source!r} -> {text!r}: use {instead}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("context", "english", "spanish"), EXPECTED)
def test_glossary_choice(context, english, spanish):
    message = _catalog().get(english, context=context)
    assert message is not None, (context, english)
    assert message.string == spanish


@pytest.mark.parametrize("text", [
    "Borrador", "Margen de contribución", "Estado de resultados", "Gobierno del Estado de Zacatecas",
    "el presente instrumento", "La cláusula se aplica solo cuando el plan tiene un préstamo.",
    "aquí van marcados en amarillo",
])
def test_the_checks_leave_legitimate_words_alone(text):
    assert not [pattern for pattern, _instead in BANNED if re.search(pattern, text, re.IGNORECASE)]


@pytest.mark.parametrize("text", [
    "Nombre de fichero", "Mi ordenador", "Borrar el plan", "Membresías", "Cofinanciación",
    "Grupo de inversores", "ámbar", "Plan de negocios", "Copia de seguridad", "Huella de la llave",
    "computadora portátil", "Laptop oficina", "Español e inglés lado a lado", "«las partes»", "100 %",
    "El VAN del proyecto",
])
def test_the_checks_catch_each_variant(text):
    assert [pattern for pattern, _instead in BANNED if re.search(pattern, text, re.IGNORECASE)]
