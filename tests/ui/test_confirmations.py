"""Enter never destroys: a record window opens with typing in its first field and no default Delete,
and every question before something is lost defaults to Cancel and takes no single-letter answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from advisor_app.store.demo import demo_id
from advisor_app.ui.common import confirm

ASK_FOR_REAL = confirm.destructive  # the tests' fixtures answer it "yes"; these tests put the question


@pytest.fixture
def real_questions(monkeypatch):
    monkeypatch.setattr(confirm, "destructive", ASK_FOR_REAL)
    asked: list[QMessageBox] = []
    return asked


def press_on_the_question(qtbot, keys, asked):
    """Once a question opens, type ``keys`` into it as a person would (each to the focused widget)."""

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        asked.append(box.text())
        for key in keys:
            target = QApplication.focusWidget() or box
            if isinstance(key, str):
                qtbot.keyClicks(target, key)
            else:
                qtbot.keyClick(target, key)
        if box.isVisible():  # a key that answered nothing leaves it open: Escape is the way out
            qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, answer)


def _alive(context, table, row_id) -> bool:
    return not context.repository.get(table, row_id)["deleted"]


def test_enter_in_an_organizations_window_does_not_delete_it(qtbot, window, demo_context, real_questions):
    organization = demo_id("org:investors")
    editor = window.open_organization(organization)
    qtbot.waitExposed(editor)
    assert editor.focusWidget() is editor.form.editors["kind"]  # typing starts in the first field
    assert not editor.delete_button.isDefault() and not editor.delete_button.autoDefault()
    press_on_the_question(qtbot, [Qt.Key.Key_Return], real_questions)  # in case a question opens after all
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(100)
    assert _alive(demo_context, "organizations", organization)
    assert real_questions == []  # Enter did not even ask


def test_a_new_organization_window_starts_in_its_first_field(qtbot, window, context):
    editor = window.open_organization(None)
    qtbot.waitExposed(editor)
    assert editor.focusWidget() is editor.form.editors["kind"]
    name = editor.form.editors["name"]
    name.setFocus()
    qtbot.keyClicks(name, "Club Nuevo")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    editor.form.flush()
    assert editor.isVisible() and context.repository.get("organizations", editor.record_id())["deleted"] == 0


@pytest.mark.parametrize("keys", [[Qt.Key.Key_Return], [Qt.Key.Key_Enter], ["s"], ["S", Qt.Key.Key_Return],
                                  [" "], [Qt.Key.Key_Escape]])
def test_the_delete_question_keeps_the_record_unless_delete_is_chosen(qtbot, window, demo_context,
                                                                      real_questions, keys):
    organization = demo_id("org:investors")
    editor = window.open_organization(organization)
    qtbot.waitExposed(editor)
    press_on_the_question(qtbot, keys, real_questions)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert real_questions and "Grupo Inversionista El Cargadero" in real_questions[0]
    assert _alive(demo_context, "organizations", organization)
    assert editor.isVisible()
    editor.close()


def test_choosing_delete_deletes(qtbot, window, demo_context, real_questions):
    organization = demo_id("org:investors")
    editor = window.open_organization(organization)

    def choose_delete():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, choose_delete)
            return
        destroy = box.findChild(QPushButton, "destroy")
        assert destroy.text() == "Eliminar" and destroy.shortcut().isEmpty()
        assert box.defaultButton() is box.findChild(QPushButton, "keep")
        qtbot.mouseClick(destroy, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, choose_delete)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert not _alive(demo_context, "organizations", organization)


def test_every_question_before_a_loss_defaults_to_cancel(qtbot, window, demo_context, real_questions):
    """Enter answers each of them "Cancel": list deletions, removing a party, voiding an agreement."""
    from advisor_app.ui.agreement_editor import AgreementWindow
    from advisor_app.ui.agreement_editor.agreements_page import NewAgreementDialog

    context = demo_context
    window.organizations.refresh()
    window.organizations.table_view.selectRow(0)
    chosen = window.organizations.current_id()
    press_on_the_question(qtbot, [Qt.Key.Key_Return], real_questions)
    window.organizations._delete_current()
    assert _alive(context, "organizations", chosen)

    window.tabs.setCurrentWidget(window._plans_tab)
    plans = window.plans_page
    plans.table.selectRow(0)
    plan = plans.current_id()
    press_on_the_question(qtbot, [Qt.Key.Key_Return], real_questions)
    plans.delete_selected()
    assert _alive(context, "plans", plan)

    dialog = NewAgreementDialog(context, None, demo_id("plan:investors"), window)
    dialog.create()
    editor = AgreementWindow(context, dialog.agreement_id, window)
    editor.show()
    parties = editor.parties
    before = len(parties._ids)
    parties.table.selectRow(0)
    press_on_the_question(qtbot, [Qt.Key.Key_Return], real_questions)
    parties.remove_selected()
    assert len(parties._ids) == before
    press_on_the_question(qtbot, [Qt.Key.Key_Return], real_questions)
    editor.mark_void()
    assert context.repository.get("agreements", dialog.agreement_id)["status"] != "void"
    assert len(real_questions) == 4
    editor.close()
