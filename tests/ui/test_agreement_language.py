"""One language choice in the agreement editor, beside the preview and Save PDF: the PDF prints what
the preview shows."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt

from ui_helpers import finished
from advisor_app.store import agreements
from advisor_app.store.demo import demo_id
from advisor_app.ui.agreement_editor import AgreementWindow
from advisor_app.ui.agreement_editor.agreements_page import NewAgreementDialog


def _pdf_text(path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def choose(qtbot, combo, code):
    """Pick an entry as a person does: open the list, move to the entry, Enter."""
    combo.setFocus()
    target = combo.findData(code)
    assert target >= 0
    step = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _press in range(combo.count()):
        if combo.currentIndex() == target:
            break
        qtbot.keyClick(combo, step)
    assert combo.currentIndex() == target


@pytest.fixture
def editor(qtbot, demo_context, window, messages):
    dialog = NewAgreementDialog(demo_context, None, demo_id("plan:investors"), window)
    dialog.create()
    # What the advisor writes from the signing table: each partner's ID and who runs the business.
    agreements.set_parameter(demo_context.repository, dialog.agreement_id, "managing_partner", "Gerardo Félix Román")
    for number, party in enumerate(agreements.party_rows(demo_context.repository.conn, dialog.agreement_id), 1):
        agreements.edit_party(demo_context.repository, party["id"], {"id_number": f"INE {1000000000000 + number}"})
    editor = AgreementWindow(demo_context, dialog.agreement_id, window)
    editor.show()
    qtbot.waitExposed(editor)
    editor.terms.editors["loan_lender"].setText("Caja Solidaria Jerez")
    editor.terms._pending.add("loan_lender")
    editor.flush()
    editor.refresh()
    yield editor
    editor.close()


@pytest.mark.parametrize("code, expected, absent", [
    ("en", "five hundred eighty thousand pesos", "quinientos ochenta mil pesos"),
    ("es", "quinientos ochenta mil pesos", "five hundred eighty thousand pesos"),
    ("both", "quinientos ochenta mil pesos", None),
])
def test_the_pdf_prints_the_language_the_preview_shows(qtbot, editor, demo_context, tmp_path, code, expected, absent):
    choose(qtbot, editor.preview_language, code)
    preview = editor.preview.toPlainText()
    assert expected in preview and (absent is None or absent not in preview)
    text = _pdf_text(finished(qtbot, editor.save_pdf(tmp_path / "convenio.pdf")))
    assert expected in " ".join(text.split())
    if absent:
        assert absent not in " ".join(text.split())
    else:
        assert "five hundred eighty thousand pesos" in " ".join(text.split())
    assert demo_context.repository.get("agreements", editor.agreement_id)["language"] == code


def test_the_choice_sits_above_the_preview_and_beside_save_pdf_and_nowhere_else(qtbot, editor):
    combo, pdf, preview = editor.preview_language, editor.buttons["pdf"], editor.preview
    assert combo.isVisible() and editor.language_label.isVisible() and pdf.isVisible()
    combo_at, pdf_at, preview_at = (widget.mapTo(editor, QPoint(0, 0)) for widget in (combo, pdf, preview))
    column = range(preview_at.x() - 20, preview_at.x() + preview.width() + 20)
    assert combo_at.x() in column and pdf_at.x() in column  # the preview's column: what shows is what prints
    assert combo_at.y() < preview_at.y() < pdf_at.y()
    assert not hasattr(editor.signing, "language")  # the Signing tab no longer has a second choice
    editor.grab().save("/tmp/shots/agreement_language.png")
