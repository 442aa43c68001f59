"""A stolen laptop reveals nothing through its log: the demo worked through the window, with an export,
an import and unexpected errors, leaves no CURP, name or phone number in any log beside the data file."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from advisor_app import logs
from advisor_app.logs import LOG_NAME
from advisor_app.store.database import Store
from advisor_app.store.demo import demo_id
from advisor_app.store.repository import Repository
from advisor_app.sync.export import export_bundle
from advisor_app.sync.importer import run_import
from advisor_app.ui.agreement_editor.agreements_page import open_agreement
from advisor_app.ui.common.background import run_in_background
from advisor_app.ui.common.user_errors import install_last_resort
from advisor_app.ui.plan_wizard.plans_page import open_plan
from log_privacy import demo_personal_data, personal_data_in_logs
from ui_helpers import finished


def _a_person(store) -> dict:
    row = store.conn.execute("SELECT id, given_names, first_surname, second_surname, curp, phone FROM people "
                             "WHERE curp IS NOT NULL AND phone IS NOT NULL ORDER BY id LIMIT 1").fetchone()
    return dict(zip(("id", "given_names", "first_surname", "second_surname", "curp", "phone"), row))


def _fail_with(person: dict) -> None:
    raise RuntimeError(f"{person['given_names']} {person['first_surname']} {person['second_surname']}, "
                       f"CURP {person['curp']}, phone {person['phone']}")


def _windows_opened(qtbot, window, context, person: dict) -> None:
    organization = window.open_organization(demo_id("org:investors"))
    editor = window.open_person(person["id"])
    wizard = open_plan(context, demo_id("plan:investors"), window)
    for page in range(1, 4):
        wizard.go_to(page)
    agreement = open_agreement(context, demo_id("agreement:partnership"), window)
    qtbot.wait(50)
    for opened in (organization, editor, wizard, agreement):
        opened.close()


def _unexpected_errors(qtbot, window, person: dict, monkeypatch) -> list[str]:
    """One in the window's own code (the last resort hook), one in background work."""
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *rest: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_last_resort(window.context.store.path.parent)
    try:
        _fail_with(person)
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    job = run_in_background(window, "work", lambda progress: _fail_with(person))
    qtbot.waitUntil(lambda: not job.is_running(), timeout=30_000)
    return shown


def _export_and_import(qtbot, window, context, tmp_path) -> None:
    dialog = window.sync_page.open_export()
    sent = tmp_path / "para-juchipila.advbundle"
    dialog.target.edit.setText(str(sent))
    dialog.encrypt.setChecked(False)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    finished(qtbot, dialog.job)
    (tmp_path / "juchipila").mkdir()
    other = Store.open(tmp_path / "juchipila" / "other.sqlite3")
    try:
        run_import(other, sent, dry_run=False, trust=True)
        Repository(other).update("people", _a_person(other)["id"], {"phone": "+52 494 945 0199"})
        back = tmp_path / "de-juchipila.advbundle"
        export_bundle(other, back)
    finally:
        other.close()
    dialog = window.sync_page.open_import(back)
    finished(qtbot, dialog.job)
    dialog.trust.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    finished(qtbot, dialog.job)
    assert dialog.imported


def test_the_demo_worked_through_the_window_leaves_no_personal_data_in_the_log(qtbot, window, demo_context,
                                                                                tmp_path, monkeypatch):
    person = _a_person(demo_context.store)
    _windows_opened(qtbot, window, demo_context, person)
    shown = _unexpected_errors(qtbot, window, person, monkeypatch)
    _export_and_import(qtbot, window, demo_context, tmp_path)

    log = tmp_path / LOG_NAME
    assert len(shown) == 2 and all(str(log) in sentence for sentence in shown)
    assert logs.log_path() == log
    text = "".join(path.read_text(encoding="utf-8") for path in tmp_path.glob(f"{LOG_NAME}*"))
    assert "opened: schema version" in text and "exported (all)" in text and " imported: " in text
    assert "before an import" in text
    assert text.count("RuntimeError (message withheld)") == 2 and text.count("in _fail_with") == 2
    personal = demo_personal_data(tmp_path / "juchipila") | {"+52 494 945 0199"}
    assert person["curp"] in personal and person["phone"] in personal
    assert personal_data_in_logs(tmp_path, personal) == []
