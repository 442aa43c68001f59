"""Emoji typed into a name or a note print as one visible placeholder, never as a black square or a
blank; accents print as typed; the agreement's preview says so before anything is printed."""

from __future__ import annotations

import dataclasses

import pytest
from pypdf import PdfReader

from advisor_app.domain.agreements.document import content_hash
from advisor_app.reports import render_plan
from advisor_app.reports.agreement_layout import write_agreement_pdf
from advisor_app.reports.printable import PLACEHOLDER, pdf_can_draw, printable, unprintable
from advisor_app.store.demo import demo_id, load_demo
from tests.reports.test_agreement_layout import make_documents


@pytest.mark.parametrize(("typed", "printed"), [
    ("Club Peñasco “El Ñandú” — Ángela…", "Club Peñasco “El Ñandú” — Ángela…"),
    ("Chile 🌶️ seco", f"Chile {PLACEHOLDER} seco"),           # a pepper and its variation selector
    ("Familia 👨‍👩‍👧 Pérez", f"Familia {PLACEHOLDER} Pérez"),     # one family joined by ZWJ
    ("👍🏽 listo", f"{PLACEHOLDER} listo"),                    # a skin tone belongs to its hand
    ("🇲🇽 México", f"{PLACEHOLDER} México"),                  # a flag is two letters, one mark
    ("Gracias 😀", "Gracias 😀"),                             # DejaVu Sans draws the emoticons block
])
def test_what_the_font_lacks_becomes_one_placeholder_per_run(typed, printed):
    assert printable(typed, pdf_can_draw) == printed


def test_unprintable_names_the_runs():
    assert unprintable("Cooperativa 🌽🌽 y 🐄") == ["🌽🌽", "🐄"]
    assert unprintable("Sociedad Cooperativa Guayaberos del Cañón") == []


def _text(path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_an_agreement_with_emoji_prints_the_placeholder(tmp_path):
    documents = make_documents(clauses=2)
    documents = {language: dataclasses.replace(document, title=document.title + " 🌶️🇲🇽")
                 for language, document in documents.items()}
    out = write_agreement_pdf(documents, "es", content_hash(documents), tmp_path / "emoji.pdf")
    text = _text(out)
    assert PLACEHOLDER in text and "🌶" not in text and "Peñasco" in text


def test_the_plan_prints_emoji_in_a_note_as_the_placeholder_in_embedded_dejavu(repository, tmp_path):
    load_demo(repository)
    plan = demo_id("plan:investors")
    repository.update("plans", plan, {"summary": "Salsa de chile 🌶️ para la familia 👨‍👩‍👧 de Jerez"})
    out = render_plan(repository, plan, "es", tmp_path / "plan.pdf")
    text = " ".join(_text(out).split())
    assert f"Salsa de chile {PLACEHOLDER} para la familia {PLACEHOLDER} de Jerez" in text
    fonts = {str(font.get_object()["/BaseFont"]) for page in PdfReader(str(out)).pages
             for font in page["/Resources"]["/Font"].values()}
    # The text is in embedded DejaVu Sans; no ZapfDingbats, whose black square stood for what Helvetica lacked.
    assert "/AAAAAA+DejaVuSans" in fonts and not any("ZapfDingbats" in name for name in fonts), fonts


def test_the_preview_says_what_cannot_be_printed():
    from advisor_app.ui.agreement_editor.preview import document_html, unprintable_note

    documents = make_documents(clauses=1)
    assert unprintable_note([documents["es"]]) == ""
    with_emoji = dataclasses.replace(documents["es"], preamble=documents["es"].preamble + " 🌶️")
    html = document_html([with_emoji])
    assert "no se pueden imprimir" in html and PLACEHOLDER in html
    assert "background-color:#fff3c4;\">🌶️</span>" in html
