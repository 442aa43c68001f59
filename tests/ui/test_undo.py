"""Undo of a deletion from every place an advisor would look for it: the status bar, Ctrl+Z, Edit menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from advisor_app.store.demo import load_demo

LONG_NAME = "Club de Migrantes Unidos por el Progreso de San Juan Bautista de los Altos de Jalisco y Zacatecas"


@pytest.fixture
def deleted(qtbot, window, context, yes_to_questions):
    """An organization with a long name, deleted from the list as a person would (row, Delete, Yes)."""
    load_demo(context.repository)
    row_id = context.repository.insert("organizations", {"kind": "migrant_club", "name": LONG_NAME})
    window.organizations.refresh()
    window.search.setText("Progreso de San Juan")
    window.organizations.table_view.selectRow(0)
    before = context.store.counts()["organizations"]
    window.organizations._delete_current()
    assert context.store.counts()["organizations"] == before - 1
    return row_id, before


def _restored(context, row_id) -> bool:
    row = context.repository.get("organizations", row_id)
    return row is not None and not row["deleted"]


def test_undo_from_the_status_bar_button(qtbot, window, context, deleted):
    row_id, _before = deleted
    assert window.undo_button.isVisible()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert _restored(context, row_id)
    assert not window.undo_button.isVisible()


def test_undo_with_ctrl_z_on_the_main_window(qtbot, window, context, deleted):
    row_id, _before = deleted
    window.activateWindow()
    window.organizations.table_view.setFocus()
    qtbot.keyClick(window.organizations.table_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _restored(context, row_id)
    assert not window.undo_action.isEnabled()


def test_undo_from_the_edit_menu(qtbot, window, context, deleted):
    row_id, _before = deleted
    assert window.undo_action in window.edit_menu.actions() and window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert _restored(context, row_id)


def test_nothing_to_undo_is_not_an_error(qtbot, window, context, messages):
    window.undo_action.setEnabled(True)
    window.undo_action.trigger()
    assert messages == []


def test_the_undo_button_shows_its_whole_label_at_1280_by_720(qtbot, window, context, deleted):
    window.resize(1280, 720)
    qtbot.wait(50)
    button = window.undo_button
    label = button.text()
    assert label.startswith("Deshacer")
    assert button.width() >= button.fontMetrics().horizontalAdvance(label)
    assert LONG_NAME in button.toolTip()
    top_left = button.mapTo(window, QPoint(0, 0))
    assert QRect(0, 0, 1280, 720).contains(QRect(top_left, button.size()))
    assert window.statusBar().isVisible()
    window.grab().save("/tmp/shots/undo_es.png")


def test_ctrl_n_opens_a_new_organization_and_ctrl_f_goes_to_the_search(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from advisor_app.ui.registry.editors import OrganizationEditor

    qtbot.keyClick(window.tabs, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editors = [editor for editor in window.findChildren(OrganizationEditor) if editor.isVisible()]
    assert len(editors) == 1 and editors[0].record_id() is None
    editors[0].close()
    window.resize(1280, 720)  # the search box shows in the toolbar, not in its overflow menu
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(window.find_action.triggered, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
