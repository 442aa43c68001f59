"""Verify a printed copy… from the Agreements tab: a code typed or a PDF opened names what it matches."""

from __future__ import annotations

from advisor_app.reports import render_agreement
from advisor_app.store.demo import demo_id
from advisor_app.ui.agreement_editor.agreements_page import AgreementsPage


def test_a_typed_code_and_a_pdf_are_verified(qtbot, demo_context, messages, tmp_path):
    page = AgreementsPage(demo_context)
    qtbot.addWidget(page)
    dialog = page.verify_copy()
    qtbot.addWidget(dialog)
    digest = demo_context.repository.get("agreements", demo_id("agreement:partnership"))["content_hash"]
    dialog.code.setText(f"SHA-256: {digest[:16]}…")
    assert dialog.check_code() and "versión 1" in dialog.answer.text()
    dialog.code.setText("0123456789abcdef")
    assert not dialog.check_code() and dialog.answer.text().startswith("Nada de lo registrado")
    dialog.code.setText("12ab")
    assert not dialog.check_code() and "16" in dialog.answer.text()
    pdf = render_agreement(demo_context.repository, demo_id("agreement:partnership"), "es", tmp_path / "c.pdf")
    assert dialog.check_pdf(pdf) and "listo para firmar" in dialog.answer.text()
