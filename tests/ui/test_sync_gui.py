"""Export with a passphrase, import with a preview, resolve a conflict and see the restore travel back."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QDialogButtonBox

from advisor_app.store.database import Store
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.repository import Repository
from advisor_app.sync.export import export_bundle
from advisor_app.sync.importer import run_import
from ui_helpers import finished


def _other_laptop(tmp_path, name="other.sqlite3"):
    store = Store.open(tmp_path / name)
    store.set_meta("device_name", "Laptop Juchipila")
    store.set_meta("advisor_name", "Rosa Haro")
    return store, Repository(store)


def test_export_with_passphrase_then_import_with_preview(qtbot, window, context, tmp_path):
    load_demo(context.repository)
    dialog = window.sync_page.open_export()
    target = tmp_path / "para-juchipila.advbundle"
    dialog.target.edit.setText(str(target))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.encrypt.isChecked()
    assert not ok.isEnabled()  # no passphrase yet
    dialog.encrypt.setChecked(False)
    assert dialog.warning.isVisibleTo(dialog)  # people's data unprotected
    dialog.encrypt.setChecked(True)
    dialog.passphrase.setText("clave del club 2026")
    dialog.repeat.setText("clave del club 2026")
    assert ok.isEnabled()
    ok.click()
    finished(qtbot, dialog.job)
    assert target.exists() and target.read_bytes().startswith(b"ADVBENC1")
    assert window.changes_label.text().startswith("0 ")

    other, other_repository = _other_laptop(tmp_path)
    report = run_import(other, target, "clave del club 2026", dry_run=False, trust=True)
    assert report.stats.new_records == 104  # the demo: 64 registry records, 2 plans, 2 participants, an
    # agreement with 4 parties and its reviewed version, 3 workshops with 16 on their lists, 2 advisory sessions
    # with 6 attendees and 3 actions
    other.close()


def test_import_dialog_previews_asks_trust_and_applies(qtbot, window, context, tmp_path):
    other, other_repository = _other_laptop(tmp_path)
    load_demo(other_repository)
    bundle = tmp_path / "de-juchipila.advbundle"
    export_bundle(other, bundle)
    other.close()
    dialog = window.sync_page.open_import(bundle)
    finished(qtbot, dialog.job)
    text = dialog.preview_text.text()
    assert "Laptop Juchipila" in text and "Rosa Haro" in text and "104 nuevos" in text
    apply = dialog.buttons.button(QDialogButtonBox.StandardButton.Apply)
    assert dialog.trust.isVisibleTo(dialog) and not apply.isEnabled()
    dialog.trust.setChecked(True)
    assert apply.isEnabled()
    apply.click()
    finished(qtbot, dialog.job)
    assert dialog.imported
    assert context.store.counts()["people"] == 25
    assert window.people.model.rowCount() == 25
    window.show_page(window.sync_page)  # the page refreshes when shown
    assert window.sync_page.history.rowCount() == 1
    assert window.sync_page.peers.cell_text(0, 0) == "Laptop Juchipila"


def test_conflict_is_listed_restored_and_the_restore_syncs_back(qtbot, window, context, tmp_path):
    load_demo(context.repository)
    other, other_repository = _other_laptop(tmp_path)
    first = tmp_path / "1.advbundle"
    export_bundle(context.store, first)
    run_import(other, first, dry_run=False, trust=True)
    investors = demo_id("org:investors")
    context.repository.update("organizations", investors, {"name": "Grupo El Cargadero (aquí)"})
    time.sleep(0.01)  # the other laptop's edit is the later one, so it wins the merge
    other_repository.update("organizations", investors, {"name": "Grupo El Cargadero (allá)"})
    second = tmp_path / "2.advbundle"
    export_bundle(other, second)
    run_import(context.store, second, dry_run=False, trust=True)
    context.changed.emit("conflicts")

    page = window.conflicts_page
    assert page.table.rowCount() == 1
    assert "(allá)" in page.table.cell_text(0, 2) and "(aquí)" in page.table.cell_text(0, 4)
    assert "Laptop Juchipila" in page.table.cell_text(0, 3)
    assert window.tabs.tabText(window.tabs.indexOf(window._conflicts_tab)).endswith("(1)")
    page.table.selectRow(0)
    page.restore_button.click()
    assert context.repository.get("organizations", investors)["name"] == "Grupo El Cargadero (aquí)"
    assert page.table.rowCount() == 0

    back = tmp_path / "3.advbundle"
    export_bundle(context.store, back)
    run_import(other, back, dry_run=False)
    assert other_repository.get("organizations", investors)["name"] == "Grupo El Cargadero (aquí)"
    other.close()
