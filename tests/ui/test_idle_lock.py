"""Locked when left: after the idle time the windows of a protected file are covered or hidden, what was
being typed is in the file, and only the passphrase (or recovery key) shows them again, as they were."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from advisor_app.i18n import _
from advisor_app.store import cipher, protection
from advisor_app.store.database import Store
from advisor_app.ui.security.idle_lock import DEFAULT_LOCK_AFTER_MINUTES, lock_after_minutes
from advisor_app.ui.security.lock_cover import LockCover

PASSPHRASE = "passphrase one"


@pytest.fixture(autouse=True)
def quick_key_derivation(monkeypatch):
    monkeypatch.setattr(cipher, "SCRYPT_LOG2_N", 10)


@pytest.fixture
def recovery(db_path):
    Store.open(db_path).close()
    return protection.protect(db_path, PASSPHRASE)


@pytest.fixture
def store(db_path, recovery):
    """The windows of these tests work on a data file protected by ``PASSPHRASE``."""
    opened = Store.open(db_path, PASSPHRASE)
    yield opened
    opened.close()


def answer(qtbot, field, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def wait_for_lock(qtbot, window, idle_ms: int = 150) -> None:
    window.idle_lock.fixed_idle_ms = idle_ms
    window.idle_lock.restart_idle_time()
    window.idle_lock.check()
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)


def covered(window: QWidget) -> bool:
    return any(cover.isVisible() and cover.geometry() == window.rect() for cover in window.findChildren(LockCover))


def test_the_window_locks_when_left_and_keeps_what_was_typed(qtbot, window, context):
    organization = context.repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa Sol"})
    editor = window.open_organization(organization)
    notes = editor.form.editors["notes"]
    notes.setFocus()
    window.idle_lock.fixed_idle_ms = 150
    window.idle_lock.restart_idle_time()
    window.idle_lock.check()
    qtbot.keyClicks(notes, "secado de chile")  # the save waits 300 ms after the last key: longer than the idle time
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)

    other = cipher.connect(context.store.path, context.store.key)
    saved = other.execute("SELECT notes FROM organizations WHERE id = ?", (organization,)).fetchone()[0]
    other.close()
    assert saved == "secado de chile"
    assert covered(window) and not editor.isVisible()
    panel = window.idle_lock.panel
    assert panel.isVisible() and panel.window() is window and panel.open_button.text() == _("Unlock")

    answer(qtbot, panel.passphrase, PASSPHRASE)
    assert not window.idle_lock.locked and not covered(window)
    assert editor.isVisible() and notes.toPlainText() == "secado de chile"


def test_a_wrong_passphrase_keeps_it_locked(qtbot, window, context):
    wait_for_lock(qtbot, window)
    before = context.store.path.read_bytes()[:4096], cipher.key_file_for(context.store.path).read_bytes()
    panel = window.idle_lock.panel
    answer(qtbot, panel.passphrase, "passphrase two")
    assert window.idle_lock.locked and covered(window)
    assert panel.error.text() == _("The passphrase is not right for this data file.")
    assert cipher.key_file_for(context.store.path).read_bytes() == before[1]


def test_five_wrong_answers_slow_the_lock_down_too(qtbot, window):
    window.idle_lock.clock = lambda: 5_000_000.0
    wait_for_lock(qtbot, window)
    panel = window.idle_lock.panel
    for _attempt in range(5):
        answer(qtbot, panel.passphrase, "not it at all")
    assert not panel.open_button.isEnabled() and panel.wait_label.isVisible()
    answer(qtbot, panel.passphrase, PASSPHRASE)
    assert window.idle_lock.locked


def test_the_recovery_key_unlocks_and_sets_a_new_passphrase(qtbot, window, context, recovery):
    wait_for_lock(qtbot, window)
    panel = window.idle_lock.panel
    qtbot.mouseClick(panel.forgot_button, Qt.MouseButton.LeftButton)
    answer(qtbot, panel.recovery_key, recovery)
    assert window.idle_lock.locked
    panel.new_passphrase.setText("passphrase three")
    answer(qtbot, panel.repeated_passphrase, "passphrase three")
    assert not window.idle_lock.locked
    assert cipher.data_key_for(context.store.path, passphrase="passphrase three") == context.store.key


def test_keys_and_shortcuts_do_not_reach_the_window_while_locked(qtbot, window):
    wait_for_lock(qtbot, window)
    before = {widget for widget in window.findChildren(QWidget) if widget.isWindow() and widget.isVisible()}
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New organization
    window.new_organization_action.activate(window.new_organization_action.ActionEvent.Hover)
    after = {widget for widget in window.findChildren(QWidget) if widget.isWindow() and widget.isVisible()}
    assert after == before and window.idle_lock.locked


def test_ctrl_l_locks_at_once(qtbot, window):
    assert window.lock_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.idle_lock.locked and covered(window)


def test_use_keeps_it_unlocked(qtbot, window):
    window.idle_lock.fixed_idle_ms = 400
    window.idle_lock.restart_idle_time()
    window.idle_lock.check()
    for _moment in range(8):
        qtbot.wait(100)
        qtbot.keyClick(window.search, Qt.Key.Key_A)
    assert not window.idle_lock.locked
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)


def test_the_idle_time_comes_from_the_data_file(window, context):
    store = context.store
    assert lock_after_minutes(store) == DEFAULT_LOCK_AFTER_MINUTES == 15
    assert window.idle_lock.limit_ms() == 15 * 60_000
    store.set_meta("lock_after_minutes", "5")
    assert lock_after_minutes(store) == 5 and window.idle_lock.limit_ms() == 5 * 60_000
    store.set_meta("lock_after_minutes", "0")  # never
    assert window.idle_lock.limit_ms() == 0
    window.idle_lock.check()
    assert not window.idle_lock.locked
    store.set_meta("lock_after_minutes", "soon")
    assert lock_after_minutes(store) == 15


def test_a_plain_file_never_locks(qtbot, tmp_path):
    from advisor_app.ui.common.context import AppContext
    from advisor_app.ui.shell.main_window import MainWindow

    plain = Store.open(tmp_path / "plain.sqlite3")
    try:
        window = MainWindow(AppContext(plain))
        qtbot.addWidget(window)
        window.show()
        window.idle_lock.fixed_idle_ms = 50
        window.idle_lock.check()
        qtbot.wait(300)
        window.idle_lock.lock()
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert not window.idle_lock.locked and not window.findChildren(LockCover)
        assert not window.lock_action.isEnabled()
        window.close()
    finally:
        plain.close()


def test_the_first_touch_after_a_sleep_locks_and_goes_nowhere(qtbot, window):
    window.idle_lock.fixed_idle_ms = 150
    window.idle_lock.restart_idle_time()
    window.idle_lock.check()
    window.idle_lock._timer.stop()  # asleep: the timer did not fire, the time went by all the same
    qtbot.wait(250)
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_A)
    assert window.idle_lock.locked and window.search.text() == ""


def test_other_windows_are_hidden_and_come_back(qtbot, demo_context, window):
    from advisor_app.store.demo import demo_id
    from advisor_app.ui.plan_wizard import PlanWizard

    wizard = PlanWizard(demo_context, demo_id("plan:investors"), window)
    wizard.show()
    page = wizard.stack.currentIndex()
    wait_for_lock(qtbot, window)
    assert not wizard.isVisible()
    answer(qtbot, window.idle_lock.panel.passphrase, PASSPHRASE)
    assert wizard.isVisible() and wizard.stack.currentIndex() == page


def test_a_question_waiting_for_an_answer_is_covered_and_holds_the_panel(qtbot, window):
    welcome = window.open_welcome()  # window-modal: the main window takes no typing while it is open
    current = welcome.currentId()
    wait_for_lock(qtbot, window)
    assert welcome.isVisible() and covered(window) and covered(welcome)
    panel = window.idle_lock.panel
    assert panel.window() is welcome and panel.isVisible()
    answer(qtbot, panel.passphrase, PASSPHRASE)
    assert not window.idle_lock.locked and not covered(welcome) and welcome.currentId() == current
