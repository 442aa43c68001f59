"""Edit → Possible duplicates: compare two records of one person, merge them, undo from every way in,
or say they are two people."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from advisor_app.ui.duplicates.duplicates_dialog import DuplicatesDialog
from advisor_app.ui.duplicates.merge_dialog import MergeDialog


@pytest.fixture
def twins(context):
    repository = context.repository
    jerez = repository.ensure_locality("32020", "Jerez")
    club = repository.insert("organizations", {"kind": "migrant_club", "name": "Club Jerezanos"})
    first = repository.insert("people", {"given_names": "Gerardo", "first_surname": "Félix", "second_surname": "Román",
                                         "birth_date": "1970-05-04", "locality_id": jerez, "residence_country": "MX"})
    second = repository.insert("people", {"given_names": "Gerardo", "first_surname": "Felix", "second_surname": "Roman",
                                          "birth_date": "1970-05-04", "locality_id": jerez, "residence_country": "US",
                                          "phone": "4941234567"})
    repository.insert("memberships", {"person_id": second, "organization_id": club, "role": "treasurer"})
    return first, second, club


def _live(context):
    return [row[0] for row in context.store.conn.execute("SELECT id FROM people WHERE deleted = 0 ORDER BY id")]


def _merge_through_the_window(qtbot, window, monkeypatch, choose_second_country=True):
    shown = []
    real_exec = MergeDialog.exec

    def merge_when_shown(dialog):
        shown.append(dialog)
        if choose_second_country:
            dialog.choices["residence_country"][1].setChecked(True)
        dialog.merge_button.click()
        return dialog.result()

    monkeypatch.setattr(MergeDialog, "exec", merge_when_shown)

    def run_list(dialog):
        assert dialog.table.rowCount() == 1 and "birth date" in dialog.table.cell_text(0, 2)
        dialog.compare_button.click()
        return 0

    monkeypatch.setattr(DuplicatesDialog, "exec", run_list)
    window.duplicates_action.trigger()
    monkeypatch.setattr(MergeDialog, "exec", real_exec)
    return shown[0]


def test_merge_from_the_menu_then_undo_from_every_way_in(qtbot, window, context, twins, monkeypatch, english):
    first, second, club = twins
    for undo in ("button", "shortcut", "menu"):
        dialog = _merge_through_the_window(qtbot, window, monkeypatch)
        assert dialog.merged and _live(context) == [first]
        survivor = context.repository.get("people", first)
        assert survivor["residence_country"] == "US" and survivor["phone"] == "4941234567"
        assert context.store.conn.execute("SELECT person_id FROM memberships WHERE organization_id = ? AND deleted = 0",
                                          (club,)).fetchall() == [(first,)]
        assert "merge" in window.undo_button.text().lower() and window.undo_action.text() == "&Undo merge"
        if undo == "button":
            window.undo_button.click()
        elif undo == "shortcut":
            window.activateWindow()
            qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        else:
            window.undo_action.trigger()
        assert sorted(_live(context)) == sorted([first, second]), undo
        assert context.repository.get("people", first)["phone"] is None
        assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)


def test_not_the_same_person_leaves_the_list(qtbot, context, twins, english):
    dialog = DuplicatesDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    merge = MergeDialog(context, *twins[:2])
    qtbot.addWidget(merge)
    merge.not_same_button.click()
    assert merge.dismissed and merge.result() == QDialog.DialogCode.Accepted
    dialog.refresh()
    assert dialog.table.rowCount() == 0 and not dialog.compare_button.isEnabled()
    assert sorted(_live(context)) == sorted(twins[:2])


def test_the_pairs_export_like_every_list(qtbot, context, twins, tmp_path, english, messages):
    from advisor_app.ui.common.background import wait_for

    dialog = DuplicatesDialog(context)
    qtbot.addWidget(dialog)
    job = dialog.table.export(tmp_path / "pairs.csv")
    assert job is not None and wait_for(job, 30)
    text = (tmp_path / "pairs.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Person,May be the same as,Why" and "Same name and birth date" in text


def test_enter_does_not_merge(qtbot, context, twins):
    merge = MergeDialog(context, *twins[:2])
    qtbot.addWidget(merge)
    merge.show()
    qtbot.keyClick(merge, Qt.Key.Key_Return)
    assert not merge.merged and sorted(_live(context)) == sorted(twins[:2])


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_windows_fit_a_small_laptop(qtbot, context, twins, small_screen, language):
    from advisor_app.i18n import set_language

    set_language(language)
    for widget in (DuplicatesDialog(context), MergeDialog(context, *twins[:2])):
        qtbot.addWidget(widget)
        widget.show()
        QApplication.processEvents()
        assert widget.width() <= 1280 and widget.height() <= 720
        folder = os.environ.get("ADVISOR_SCREENSHOTS")
        if folder:
            widget.grab().save(str(Path(folder) / f"{widget.objectName()}-{language}.png"))


def test_two_organizations_merged_from_the_list(qtbot, context, monkeypatch, english):
    repository = context.repository
    club = repository.insert("organizations", {"kind": "migrant_club", "name": "Club Jerezanos"})
    again = repository.insert("organizations", {"kind": "migrant_club", "name": "CLUB JEREZANOS", "phone": "3101234567"})
    person = repository.insert("people", {"given_names": "Rosa", "first_surname": "Haro", "residence_country": "US"})
    repository.insert("memberships", {"person_id": person, "organization_id": again, "role": "member"})
    dialog = DuplicatesDialog(context)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(1)
    assert dialog.table.rowCount() == 1 and dialog.table.cell_text(0, 2) == "Same name"
    assert dialog.table.model().headerData(0, Qt.Orientation.Horizontal) == "Organization"

    def merge_when_shown(merge):
        assert merge.table == "organizations"
        assert any("Rosa Haro" in label.text() for label in merge.findChildren(QLabel))  # its members are shown
        merge.merge_button.click()
        return merge.result()

    monkeypatch.setattr(MergeDialog, "exec", merge_when_shown)
    dialog.compare_current()
    assert dialog.table.rowCount() == 0
    live = context.store.conn.execute("SELECT id, phone FROM organizations WHERE deleted = 0").fetchall()
    assert live == [(club, "3101234567")]
    assert context.store.conn.execute("SELECT organization_id FROM memberships WHERE deleted = 0").fetchall() == [(club,)]
