"""Drafting an agreement from a plan in the GUI, watching the preview, versions, and signing with a scan."""

from __future__ import annotations

import json
from decimal import Decimal

from PySide6.QtCore import Qt

from ui_helpers import finished
from advisor_app.store import agreements
from advisor_app.store.attachments import attachments_of
from advisor_app.store.demo import demo_id
from advisor_app.ui.agreement_editor import AgreementWindow
from advisor_app.ui.agreement_editor.agreements_page import NewAgreementDialog


def open_editor(qtbot, context, agreement_id):
    window = AgreementWindow(context, agreement_id)
    qtbot.addWidget(window)
    window.show()
    return window


def signing_details(repository, agreement_id):
    """What the advisor writes from the signing table rather than the registry: each partner's ID and
    the partner who runs the business in their own name."""
    agreements.set_parameter(repository, agreement_id, "managing_partner", "Gerardo Félix Román")
    for number, party in enumerate(agreements.party_rows(repository.conn, agreement_id), 1):
        agreements.edit_party(repository, party["id"], {"id_number": f"INE {1000000000000 + number}"})


def preview_text(window):
    return window.preview.toPlainText()


def test_draft_from_a_plan_fill_the_hole_and_see_the_preview(qtbot, demo_context, messages, tmp_path):
    dialog = NewAgreementDialog(demo_context, None, demo_id("plan:investors"))
    qtbot.addWidget(dialog)
    assert dialog.plan_box.currentData() == demo_id("plan:investors")
    assert dialog.template_box.currentData() == "partnership"
    dialog.create()
    signing_details(demo_context.repository, dialog.agreement_id)
    window = open_editor(qtbot, demo_context, dialog.agreement_id)
    text = preview_text(window)
    assert "Planta de chile seco y salsas El Cargadero" in text
    assert "quinientos ochenta mil pesos 00/100 M.N." in text
    assert "[Quién presta el crédito]" in text
    assert window.problem_list.count() == 1 and "Quién presta" in window.problem_list.item(0).text()
    assert not window.buttons["pdf"].isEnabled()

    window.problem_list.itemClicked.emit(window.problem_list.item(0))
    assert window.tabs.currentWidget() is window.terms
    editor = window.terms.editors["loan_lender"]
    qtbot.keyClicks(editor, "Caja Solidaria Jerez")
    window.terms.flush()
    window.refresh()
    stored = json.loads(demo_context.repository.get("agreements", dialog.agreement_id)["parameters"])
    assert stored["loan_lender"] == "Caja Solidaria Jerez"
    assert "Caja Solidaria Jerez" in preview_text(window) and not window.problem_list.isVisible()
    assert window.buttons["pdf"].isEnabled()

    window.preview_language.setCurrentIndex(window.preview_language.findData("en"))
    assert "five hundred eighty thousand pesos 00/100 M.N." in preview_text(window)
    window.preview_language.setCurrentIndex(window.preview_language.findData("both"))
    assert "PRIMERA" not in preview_text(window) and "Objeto" in preview_text(window) and "Purpose" in preview_text(window)

    out = finished(qtbot, window.save_pdf(tmp_path / "acuerdo.pdf"))
    assert out.read_bytes().startswith(b"%PDF")


def test_a_bad_amount_is_named_beside_the_field_and_nothing_is_lost(qtbot, demo_context, messages):
    agreement_id = agreements.create_agreement(demo_context.repository, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"))
    window = open_editor(qtbot, demo_context, agreement_id)
    editor = window.terms.editors["spending_limit"]
    editor.clear()
    qtbot.keyClicks(editor, "veinte mil")
    assert not window.terms.errors["spending_limit"].isHidden()
    window.terms.flush()
    window.refresh()
    stored = json.loads(demo_context.repository.get("agreements", agreement_id)["parameters"])
    assert stored["spending_limit"] == "veinte mil"      # kept as typed, so it can be corrected
    assert any("“Gasto máximo sin acuerdo de la asamblea”: escriba un número" in window.problem_list.item(row).text()
               for row in range(window.problem_list.count()))


def test_a_money_term_shows_as_money_and_is_stored_plain(qtbot, demo_context, messages):
    agreement_id = agreements.create_agreement(demo_context.repository, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"))
    window = open_editor(qtbot, demo_context, agreement_id)
    editor = window.terms.editors["spending_limit"]
    editor.clear()
    qtbot.keyClicks(editor, "20,000")
    editor.editingFinished.emit()  # the field is left
    stored = json.loads(demo_context.repository.get("agreements", agreement_id)["parameters"])
    assert Decimal(stored["spending_limit"]) == Decimal(20000)  # plain digits, whatever the language shows
    assert editor.text() == "20,000.00"
    reopened = open_editor(qtbot, demo_context, agreement_id)
    assert reopened.terms.editors["spending_limit"].text() == "20,000.00"


def test_shares_edited_in_the_table_are_checked_and_saved(qtbot, demo_context, messages):
    agreement_id = agreements.create_agreement(demo_context.repository, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"))
    window = open_editor(qtbot, demo_context, agreement_id)
    table = window.parties.table
    share_column = 3 + 4
    table.item(0, share_column).setText("10")
    qtbot.waitUntil(lambda: "85" in window.parties.total.text())
    window.refresh()
    assert any("100" in window.problem_list.item(row).text() for row in range(window.problem_list.count()))
    qtbot.waitUntil(lambda: table.item(0, share_column).text() == "10")
    table.item(0, share_column).setText("150")  # refused: a share is at most 100
    assert messages and "100" in messages[-1]
    qtbot.waitUntil(lambda: table.item(0, share_column).text() == "10")
    assert agreements.draft_of(demo_context.repository, agreement_id).parties[0].share_pct == 10


def test_reviewing_then_editing_starts_version_two_and_versions_compare(qtbot, demo_context, messages):
    agreement_id = agreements.create_agreement(demo_context.repository, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"))
    signing_details(demo_context.repository, agreement_id)
    agreements.set_parameter(demo_context.repository, agreement_id, "loan_lender", "Caja Solidaria Jerez")
    window = open_editor(qtbot, demo_context, agreement_id)
    window.steps["reviewed"].click()
    assert demo_context.repository.get("agreements", agreement_id)["status"] == "reviewed"
    assert window.banner.isVisible() and "2" in window.banner.text()
    editor = window.terms.editors["mediation_days"]
    editor.clear()
    qtbot.keyClicks(editor, "45")
    window.terms.flush()
    row = demo_context.repository.get("agreements", agreement_id)
    assert (row["status"], row["version"]) == ("draft", 2)
    dialog = window.show_versions()
    qtbot.addWidget(dialog)
    assert dialog.older.currentText().startswith("Versión 1 — Revisado")
    assert dialog.newer.currentText() == "Versión 2 — borrador en curso" and dialog.newer.currentData() is None
    assert dialog.summary.text().startswith("Cambiadas: 1 ")
    assert "45" in dialog.view.toPlainText() and "30" in dialog.view.toPlainText()


def test_mark_signed_with_a_scan_closes_the_agreement(qtbot, demo_context, messages, tmp_path):
    agreement_id = demo_id("agreement:partnership")
    window = open_editor(qtbot, demo_context, agreement_id)
    assert window.steps["signed"].isVisible()
    scan = tmp_path / "paginas-firmadas.jpg"
    scan.write_bytes(b"\xff\xd8\xff scanned")
    dialog = window.mark_signed()
    qtbot.addWidget(dialog)
    dialog.place.setText("")
    dialog.add_files([str(scan)])
    dialog.sign()
    assert dialog.error.text() and demo_context.repository.get("agreements", agreement_id)["status"] == "ready"
    dialog.place.setText("Presidencia municipal de Jerez, Zacatecas")
    dialog.sign()
    window.refresh()
    row = demo_context.repository.get("agreements", agreement_id)
    assert row["status"] == "signed" and row["signed_place"].startswith("Presidencia")
    assert [item["file_name"] for item in attachments_of(demo_context.store.conn, agreement_id)] == ["paginas-firmadas.jpg"]
    assert window.signing.scans.count() == 1
    assert window.terms.editors["mediation_days"].isReadOnly() and "Firmado" in window.banner.text()
    assert not window.steps["signed"].isVisible() and window.steps["void"].isVisible()


def test_the_agreements_tab_lists_filters_and_opens(qtbot, window, demo_context, messages):
    window.tabs.setCurrentWidget(window._agreements_tab)
    page = window.agreements_page
    assert page.table.rowCount() == 1 and page.table.cell_text(0, 4) == "Listo para firmar"
    assert window.tabs.tabText(window.tabs.indexOf(window._agreements_tab)) == "Convenios (1)"
    page.show_filter("signed")
    assert page.table.rowCount() == 0
    page.show_filter(None)
    page.select_id(demo_id("agreement:partnership"))
    editor = page.open_selected()
    qtbot.addWidget(editor)
    assert isinstance(editor, AgreementWindow) and editor.isVisible()
    assert page.open_selected() is editor  # one window per agreement


def test_the_editor_follows_a_language_switch(qtbot, demo_context, messages):
    window = open_editor(qtbot, demo_context, demo_id("agreement:partnership"))
    demo_context.language.apply("en")
    try:
        assert window.tabs.tabText(0) == "Parties" and window.steps["signed"].text() == "Mark as signed…"
    finally:
        demo_context.language.apply("es")
    assert window.tabs.tabText(0) == "Partes"
    assert window.clauses.item(0).flags() & Qt.ItemFlag.ItemIsEnabled


def test_typing_across_a_save_keeps_spaces_and_the_cursor(qtbot, demo_context, messages):
    agreement_id = agreements.create_agreement(demo_context.repository, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"))
    window = open_editor(qtbot, demo_context, agreement_id)
    window.tabs.setCurrentWidget(window.terms)
    editor = window.terms.editors["loan_lender"]
    editor.setFocus()
    qtbot.keyClicks(editor, "Caja ")
    window.terms.flush()
    window.refresh()  # what the save's refresh does while the advisor goes on typing
    qtbot.keyClicks(editor, "Solidaria")
    assert editor.text() == "Caja Solidaria"
    notes = window.terms.editors["decision_rules"]
    notes.setFocus()
    notes.selectAll()
    qtbot.keyClicks(notes, "Uno ")
    window.terms.flush()
    window.refresh()
    qtbot.keyClicks(notes, "dos")
    assert notes.toPlainText() == "Uno dos"


def test_an_agreement_from_an_unknown_template_is_refused_with_a_sentence(qtbot, window, demo_context, messages):
    agreement_id = demo_id("agreement:partnership")
    demo_context.store.conn.execute("UPDATE agreements SET template_id = 'club_rules' WHERE id = ?", (agreement_id,))
    window.tabs.setCurrentWidget(window._agreements_tab)
    page = window.agreements_page
    page.refresh()
    page.select_id(agreement_id)
    assert page.open_selected() is None
    assert messages and "club_rules" in messages[-1]
    assert not window.findChildren(AgreementWindow)
    assert page.table.cell_text(0, 2) == "club_rules"


def test_quitting_saves_what_was_typed_in_an_open_agreement(qtbot, window, demo_context, messages):
    agreement_id = agreements.create_agreement(demo_context.repository, "partnership", demo_id("org:investors"),
                                               demo_id("plan:investors"))
    editor = AgreementWindow(demo_context, agreement_id, window)
    editor.show()
    qtbot.keyClicks(editor.terms.editors["loan_lender"], "Caja Solidaria Jerez")
    qtbot.keyClicks(editor.signing.place, "Jerez")
    window.close()
    row = demo_context.repository.get("agreements", agreement_id)
    assert json.loads(row["parameters"])["loan_lender"] == "Caja Solidaria Jerez" and row["signed_place"] == "Jerez"
