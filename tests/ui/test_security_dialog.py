"""File → Security…: protect, change the passphrase, remove the protection, and the window keeps working."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from advisor_app.store import backups, cipher
from advisor_app.store.database import Store
from advisor_app.store.recovery_key import decode_recovery_key

FIRST, SECOND = "milpa y maguey 2026", "nopal en flor 2027"


def _finish_job():
    from advisor_app.ui.common.background import current_job, wait_for

    job = current_job()
    if job is not None:
        assert wait_for(job, 60)


def _answer(monkeypatch, dialog_class, fill):
    """The next ``dialog_class`` is filled in by ``fill(dialog)`` and its button pressed, instead of waiting."""

    def exec_(dialog):
        fill(dialog)
        dialog.ok.click()
        return dialog.result() or QDialog.DialogCode.Rejected

    monkeypatch.setattr(dialog_class, "exec", exec_)


def _type_new(qtbot, fields, passphrase):
    qtbot.keyClicks(fields.passphrase, passphrase)
    qtbot.keyClicks(fields.repeat, passphrase)


def _recovery_key(qapp) -> str:
    from advisor_app.ui.security.recovery_sheet_dialog import RecoveryKeyDialog

    shown = [widget for widget in qapp.allWidgets() if isinstance(widget, RecoveryKeyDialog) and widget.isVisible()]
    assert len(shown) == 1
    shown[0].kept.click()
    shown[0].close_button.click()
    return shown[0].key.text()


def _window_still_works(qtbot, window, context, name):
    """An organization typed in its window is saved in the (converted) file and listed."""
    editor = window.open_organization(None)
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.form.editors["name"], name)
    editor.form.flush()
    editor.close()
    key = context.store.key
    reader = Store.open(context.store.path, key=key) if key else Store.open(context.store.path)
    try:
        assert reader.conn.execute("SELECT count(*) FROM organizations WHERE name = ?", (name,)).fetchone()[0] == 1
    finally:
        reader.close()
    window.search.setText(name)
    qtbot.waitUntil(lambda: window.organizations.model.rowCount() == 1)
    window.search.clear()


@pytest.fixture
def protected(qtbot, qapp, window, context, monkeypatch):
    """The data file protected through File → Security…; returns the recovery key shown."""
    from advisor_app.ui.security.passphrase_dialogs import ProtectDialog

    _answer(monkeypatch, ProtectDialog, lambda dialog: _type_new(qtbot, dialog.fields, FIRST))
    window.security_action.trigger()
    dialog = window.findChild(QDialog, "security_dialog")
    assert "no está protegido" in dialog.state.text() and str(context.store.path) in dialog.state.text()
    assert dialog.protect_button.isVisible() and not dialog.change_button.isVisible()
    dialog.protect_button.click()
    _finish_job()
    return dialog, _recovery_key(qapp)


def test_protecting_from_the_security_window(qtbot, window, context, protected):
    dialog, recovery = protected
    path = context.store.path
    assert cipher.is_encrypted(path) and cipher.key_file_for(path).exists()
    assert context.store.key == decode_recovery_key(recovery) == cipher.data_key_for(path, FIRST)
    assert "está protegido con contraseña" in dialog.state.text()
    assert dialog.change_button.isVisible() and dialog.remove_button.isVisible()
    assert not dialog.protect_button.isVisible()
    # The backup taken first was converted with the rest: no plain copy stays behind.
    copies = list(backups.folder_for(path).glob("*.sqlite3"))
    assert copies and all(cipher.is_encrypted(copy) for copy in copies)
    _window_still_works(qtbot, window, context, "Club Protegido de Jerez")


def test_changing_the_passphrase(qtbot, window, context, protected, monkeypatch, messages):
    from advisor_app.ui.security.passphrase_dialogs import ChangePassphraseDialog

    dialog, recovery = protected

    def fill(change):
        qtbot.keyClicks(change.current, FIRST)
        _type_new(qtbot, change.fields, SECOND)

    _answer(monkeypatch, ChangePassphraseDialog, fill)
    assert dialog.change_passphrase()
    path = context.store.path
    with pytest.raises(cipher.WrongPassphrase):
        cipher.data_key_for(path, FIRST)
    assert cipher.data_key_for(path, SECOND) == context.store.key
    assert cipher.data_key_for(path, recovery_key=recovery) == context.store.key
    assert "sigue abriendo" in messages[-1]
    _window_still_works(qtbot, window, context, "Cooperativa Clave Nueva")


def test_a_wrong_current_passphrase_is_one_sentence_and_changes_nothing(qtbot, context, protected, monkeypatch):
    from advisor_app.ui.security.passphrase_dialogs import ChangePassphraseDialog

    dialog, _recovery = protected
    key_file = cipher.key_file_for(context.store.path)
    sealed = key_file.read_bytes()
    seen = []

    def fill(change):
        qtbot.keyClicks(change.current, "no es la clave")
        _type_new(qtbot, change.fields, SECOND)
        seen.append(change)

    _answer(monkeypatch, ChangePassphraseDialog, fill)
    assert not dialog.change_passphrase()
    assert seen[0].problem.text() == "La contraseña no es la de este archivo de datos."
    assert key_file.read_bytes() == sealed
    assert cipher.data_key_for(context.store.path, FIRST) == context.store.key


def test_the_recovery_key_stands_for_a_forgotten_passphrase(qtbot, context, protected, monkeypatch, messages):
    from advisor_app.ui.security.passphrase_dialogs import ChangePassphraseDialog

    dialog, recovery = protected

    def fill(change):
        change.current.setText(recovery.lower())  # pasted, line breaks and all
        _type_new(qtbot, change.fields, SECOND)

    _answer(monkeypatch, ChangePassphraseDialog, fill)
    assert dialog.change_passphrase()
    assert cipher.data_key_for(context.store.path, SECOND) == context.store.key


def test_removing_the_protection(qtbot, window, context, protected, monkeypatch, messages):
    from advisor_app.ui.common import confirm
    from advisor_app.ui.security.passphrase_dialogs import RemoveProtectionDialog

    dialog, _recovery = protected
    _window_still_works(qtbot, window, context, "Club de Antes")
    asked = []
    monkeypatch.setattr(confirm, "destructive", lambda *args: asked.append(args[2]) or True)
    _answer(monkeypatch, RemoveProtectionDialog, lambda remove: qtbot.keyClicks(remove.current, FIRST))
    dialog.remove_button.click()
    _finish_job()
    path = context.store.path
    assert "readable by anyone" in asked[0] or "podrá leer" in asked[0]
    assert not cipher.is_encrypted(path)
    assert not cipher.key_file_for(path).exists()
    assert context.store.key is None
    assert all(not cipher.is_encrypted(copy) for copy in backups.folder_for(path).glob("*.sqlite3"))
    assert "no está protegido" in dialog.state.text()
    _window_still_works(qtbot, window, context, "Club Sin Clave")
    assert context.store.conn.execute("SELECT count(*) FROM organizations WHERE name = 'Club de Antes'"
                                      ).fetchone()[0] == 1


def test_removing_asks_first_with_cancel_as_the_default(qtbot, context, protected, monkeypatch):
    from advisor_app.ui.common import confirm

    dialog, _recovery = protected
    seen = []

    def look(box):
        seen.append(box)
        return QDialog.DialogCode.Rejected

    real = confirm.destructive_box
    monkeypatch.setattr(confirm, "destructive", lambda *args: (look(real(*args)), False)[1])
    assert dialog.remove_protection() is None
    box = seen[0]
    assert box.defaultButton() is box.escapeButton()
    assert "&" not in [button for button in box.buttons() if button.objectName() == "destroy"][0].text()
    assert cipher.is_encrypted(context.store.path)


def test_a_conversion_waits_for_running_work(qtbot, window, context, monkeypatch, messages):
    import threading

    from advisor_app.ui.common.background import run_in_background, wait_for
    from advisor_app.ui.security.passphrase_dialogs import ProtectDialog

    release = threading.Event()
    job = run_in_background(window, "Saving a PDF", lambda progress: release.wait(10))
    _answer(monkeypatch, ProtectDialog, lambda dialog: _type_new(qtbot, dialog.fields, FIRST))
    dialog = window.open_security()
    assert dialog.protect() is None
    assert messages and "sigue en curso" in messages[-1]
    release.set()
    assert wait_for(job, 10)
    assert not cipher.is_encrypted(context.store.path)
    assert context.store.conn.execute("SELECT count(*) FROM meta").fetchone()[0] > 0


def test_the_lock_minutes_are_saved_as_typed(qtbot, window, context):
    dialog = window.open_security()
    assert dialog.lock_minutes.value() == 15
    dialog.lock_minutes.setValue(5)
    assert context.store.get_meta("lock_after_minutes") == "5"
    dialog.lock_minutes.setValue(0)
    assert context.store.get_meta("lock_after_minutes") == "0"
    assert dialog.lock_minutes.text() == "nunca"
