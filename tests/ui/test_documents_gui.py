"""The documents a program asks for, ticked in the organization window and on the plan's review page:
each tick saved at once through the logged write path, the day received, a scan attached and opened, and
the review's list of what is still missing for the plan and its organizations."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from advisor_app.domain.plans import PAGE_KEYS
from advisor_app.store import document_checks
from advisor_app.store.plans import create_plan
from advisor_app.ui.documents.checklist_panel import NAME, RECEIVED_ON, SCANS, TICK
from advisor_app.ui.plan_wizard import PlanWizard
from advisor_app.ui.registry.editors import OrganizationEditor


@pytest.fixture
def club(context):
    return context.repository.insert("organizations", {"kind": "migrant_club", "name": "Club Jerezanos de Lynwood",
                                                       "registration_valid_until": "2020-01-31"})


def open_editor(qtbot, context, row_id):
    editor = OrganizationEditor(context, row_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def row_of(panel, code: str) -> int:
    return next(row for row in range(panel.table.rowCount())
                if panel.table.item(row, NAME).data(Qt.ItemDataRole.UserRole) == code)


def log_entries(context, row_id):
    return context.store.conn.execute("SELECT count(*) FROM change_log WHERE row_id = ?", (row_id,)).fetchone()[0]


def test_the_organization_window_warns_of_the_expired_toma_de_nota(qtbot, context, club):
    editor = open_editor(qtbot, context, club)
    assert editor.renewal.isVisible() and "venció el" in editor.renewal.text()
    editor.form.editors["registration_valid_until"].set_value("2099-12-31")
    editor.form.editors["registration_valid_until"].edited.emit()
    assert not editor.renewal.isVisible()


def test_a_club_ticks_its_documents_in_its_window(qtbot, context, club, tmp_path, monkeypatch):
    editor = open_editor(qtbot, context, club)
    editor.side.setCurrentWidget(editor.documents)
    panel = editor.documents
    assert editor.side.tabText(1) == "Documentos"
    assert panel.checklist().id == "3x1_migrantes"
    assert [panel.table.item(row, NAME).text() for row in range(panel.table.rowCount())] == [
        "Toma de nota vigente", "Acta constitutiva", "Comprobante de domicilio",
        "Identificación oficial de los representantes"]  # no RFC for a club, no project file for an organization
    row = row_of(panel, "toma_de_nota")
    panel.table.item(row, TICK).setCheckState(Qt.CheckState.Checked)
    check_id = document_checks.check_id("organizations", club, "3x1_migrantes", "toma_de_nota")
    saved = context.repository.get("document_checks", check_id)
    assert saved["received"] == 1 and saved["received_on"] == dt.date.today().isoformat()
    assert log_entries(context, check_id) == 1
    panel.table.item(row, RECEIVED_ON).setText("15/11/2026")
    assert context.repository.get("document_checks", check_id)["received_on"] == "2026-11-15"
    panel.table.item(row_of(panel, "toma_de_nota"), RECEIVED_ON).setText("31/02/2026")
    assert context.repository.get("document_checks", check_id)["received_on"] == "2026-11-15"
    assert panel.notice.text()  # the impossible date is named, nothing written

    scan = tmp_path / "acta.pdf"
    scan.write_bytes(b"%PDF-1.4 acta")
    panel.table.selectRow(row_of(panel, "acta_constitutiva"))
    assert panel.attach([str(scan)]) == 1
    assert panel.table.item(row_of(panel, "acta_constitutiva"), SCANS).text() == "1"
    assert panel.received()["acta_constitutiva"] is True  # a scanned document counts as received
    shown = []
    monkeypatch.setattr("advisor_app.ui.documents.checklist_panel.show_in_viewer", shown.append)
    panel.open_button.click()
    assert shown and shown[0].read_bytes() == scan.read_bytes()

    panel.table.item(row_of(panel, "toma_de_nota"), TICK).setCheckState(Qt.CheckState.Unchecked)
    assert context.repository.get("document_checks", check_id)["received"] == 0
    editor.close()
    again = open_editor(qtbot, context, club)
    assert again.documents.received() == {"toma_de_nota": False, "acta_constitutiva": True,
                                          "comprobante_domicilio": False, "identificacion_representantes": False}


def test_a_new_organization_ticks_nothing_until_saved(qtbot, context):
    editor = open_editor(qtbot, context, None)
    assert not editor.documents.table.isEnabled() and "Guarde" in editor.documents.notice.text()


def test_open_without_a_scan_says_so(qtbot, context, club, messages):
    panel = open_editor(qtbot, context, club).documents
    panel.table.selectRow(0)
    panel.open_button.click()
    assert messages == ["Este documento aún no tiene un escaneo adjunto: use primero Adjuntar escaneo…."]


def test_the_review_page_lists_what_is_missing_and_ticks_the_plans_own(qtbot, context, club):
    repository = context.repository
    cooperative = repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa La Esperanza"})
    plan_id = create_plan(repository, {"title": "Panadería La Esperanza", "lead_organization_id": cooperative},
                          [club])
    for code in ("acta_constitutiva", "rfc", "comprobante_domicilio", "identificacion_representantes"):
        document_checks.set_received(repository, "organizations", cooperative, "3x1_migrantes", code, True)
    wizard = PlanWizard(context, plan_id)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to(PAGE_KEYS.index("review"))
    review = wizard.pages[PAGE_KEYS.index("review")]
    missing = review.missing_documents_of()
    assert [(item.name, [document.code for document in item.documents]) for item in missing] == [
        ("Panadería La Esperanza", ["expediente_tecnico"]),
        ("Club Jerezanos de Lynwood", ["toma_de_nota", "acta_constitutiva", "comprobante_domicilio",
                                       "identificacion_representantes"])]
    text = review.missing_documents.text()
    assert "Expediente técnico del proyecto" in text and "Club Jerezanos de Lynwood" in text
    assert "Cooperativa La Esperanza" not in text
    panel = review.documents
    panel.table.item(row_of(panel, "expediente_tecnico"), TICK).setCheckState(Qt.CheckState.Checked)
    assert "Expediente técnico" not in review.missing_documents.text()
    panel.choose("oficina_municipal")
    assert [item.name for item in review.missing_documents_of()][0] == "Panadería La Esperanza"
    assert "Escrito de solicitud" in review.missing_documents.text()


def test_a_broken_file_shows_in_the_window_instead_of_the_documents(qtbot, context, monkeypatch, tmp_path):
    from advisor_app.domain import checklists
    from advisor_app.ui.documents.checklist_panel import ChecklistPanel

    (tmp_path / "oficina.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(checklists, "CHECKLISTS_FOLDER", tmp_path)
    organization = context.repository.insert("organizations", {"kind": "cooperative", "name": "Guayaberos"})
    panel = ChecklistPanel(context, "organizations", lambda: organization, lambda: "cooperative")
    qtbot.addWidget(panel)
    assert panel.table.rowCount() == 0 and "oficina.json" in panel.notice.text()


def test_a_complete_plan_with_documents_missing_says_both(qtbot, context):
    from advisor_app.store.demo import demo_id, load_demo

    load_demo(context.repository)
    plan_id = demo_id("plan:investors")
    wizard = PlanWizard(context, plan_id)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to(PAGE_KEYS.index("review"))
    review = wizard.pages[PAGE_KEYS.index("review")]
    assert "faltan los documentos" in review.summary.text()
    for item in review.missing_documents_of():
        for document in item.documents:
            document_checks.set_received(context.repository, item.table, item.record_id, "3x1_migrantes",
                                         document.code, True)
    review.refresh()
    assert "No falta nada" in review.summary.text()
    assert "Ya se recibieron todos los documentos que pide 3x1 para Migrantes." in review.missing_documents.text()



def test_attach_scan_button_asks_for_the_file(qtbot, context, club, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    scan = tmp_path / "domicilio.jpg"
    scan.write_bytes(b"\xff\xd8\xff recibo de luz")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: ([str(scan)], ""))
    panel = open_editor(qtbot, context, club).documents
    panel.table.selectRow(row_of(panel, "comprobante_domicilio"))
    panel.attach_button.click()
    assert panel.received()["comprobante_domicilio"] is True
    assert len(document_checks.scans_of(context.store.conn, "organizations", club, "3x1_migrantes",
                                        "comprobante_domicilio")) == 1


def test_the_home_figure_opens_the_list_and_the_list_opens_the_club(qtbot, window, context, club):
    from advisor_app.ui.home.registrations_dialog import RegistrationsDialog

    window.navigate("registrations", "due")
    dialog = window.findChild(RegistrationsDialog)
    assert dialog is not None and dialog.isVisible() and dialog.ids() == [club]
    editor = dialog.open_selected()
    qtbot.addWidget(editor)
    assert editor.record_id() == club and "venció" in editor.renewal.text()
