"""Asked at start: a protected data file shows nothing before its passphrase or recovery key; wrong answers
change nothing and, after five, each try waits; a recovery key leads to a new passphrase."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLineEdit

from advisor_app.i18n import _
from advisor_app.store import cipher, protection
from advisor_app.store.cipher import WrongPassphrase
from advisor_app.store.database import Store
from advisor_app.store.recovery_key import RecoveryKeyTypo, decode_recovery_key
from advisor_app.ui.security import unlock_panel
from advisor_app.ui.security.unlock_dialog import UnlockDialog, key_at_start
from advisor_app.ui.security.unlock_panel import NEW_PASSPHRASE_PAGE, PASSPHRASE_PAGE, RECOVERY_PAGE
from advisor_app.ui.shell.app import open_store_with_recovery

PASSPHRASE = "passphrase one"


class FakeClock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def quick_key_derivation(monkeypatch):
    """The key file sealed with a cheaper scrypt: the same code, a thousandth of the wait."""
    monkeypatch.setattr(cipher, "SCRYPT_LOG2_N", 10)


@pytest.fixture
def protected(tmp_path):
    """(path, recovery key) of a data file protected by ``PASSPHRASE`` that holds a marker."""
    path = tmp_path / "protected.sqlite3"
    store = Store.open(path)
    store.set_meta("marker", "la cosecha")
    store.close()
    return path, protection.protect(path, PASSPHRASE)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def dialog(qtbot, protected, clock):
    made = UnlockDialog(protected[0], clock=clock, tick_ms=10)
    qtbot.addWidget(made)
    made.show()
    return made


def answer(qtbot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def with_typo(recovery: str, group: int) -> str:
    groups = recovery.split("-")
    first = groups[group - 1][0]
    groups[group - 1] = ("1" if first != "1" else "2") + groups[group - 1][1:]
    return "-".join(groups)


def test_the_right_passphrase_opens_the_file(qtbot, dialog, protected):
    path, _recovery = protected
    assert dialog.panel.passphrase.echoMode() == QLineEdit.EchoMode.Password
    answer(qtbot, dialog.panel.passphrase, PASSPHRASE)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.key == cipher.data_key_for(path, passphrase=PASSPHRASE)
    store = open_store_with_recovery(path, lambda question: False, dialog.key)
    assert store.get_meta("marker") == "la cosecha"
    store.close()


def test_start_asks_and_enter_opens(qtbot, protected):
    path, _recovery = protected
    made = []

    def make(dialog_path):
        dialog = UnlockDialog(dialog_path)
        made.append(dialog)
        QTimer.singleShot(0, lambda: answer(qtbot, dialog.panel.passphrase, PASSPHRASE))
        return dialog

    assert key_at_start(path, make) == (True, cipher.data_key_for(path, passphrase=PASSPHRASE))
    assert len(made) == 1


def test_escape_quits_without_opening(qtbot, protected):
    def make(dialog_path):
        dialog = UnlockDialog(dialog_path)
        QTimer.singleShot(0, lambda: (qtbot.keyClicks(dialog.panel.passphrase, PASSPHRASE),
                                      qtbot.keyClick(dialog.panel.passphrase, Qt.Key.Key_Escape)))
        return dialog

    assert key_at_start(protected[0], make) == (False, None)


def test_quit_button_quits(qtbot, dialog):
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.key is None


def test_a_plain_file_asks_nothing(tmp_path):
    path = tmp_path / "plain.sqlite3"
    Store.open(path).close()

    def never(_path):
        raise AssertionError("no dialog for a plain file")

    assert key_at_start(path, never) == (True, None)
    assert key_at_start(tmp_path / "new.sqlite3", never) == (True, None)


def test_wrong_passphrase_is_one_sentence_and_changes_nothing(qtbot, dialog, protected):
    path, _recovery = protected
    before = path.read_bytes(), cipher.key_file_for(path).read_bytes()
    answer(qtbot, dialog.panel.passphrase, "passphrase two")
    assert dialog.panel.error.isVisible()
    assert dialog.panel.error.text() == _("The passphrase is not right for this data file.")
    assert dialog.isVisible() and dialog.key is None
    assert (path.read_bytes(), cipher.key_file_for(path).read_bytes()) == before


def test_show_what_i_type(qtbot, dialog):
    dialog.panel.show_text.setChecked(True)
    assert dialog.panel.passphrase.echoMode() == QLineEdit.EchoMode.Normal
    dialog.panel.show_text.setChecked(False)
    assert dialog.panel.passphrase.echoMode() == QLineEdit.EchoMode.Password


def test_after_five_wrong_answers_each_try_waits_longer(qtbot, dialog, protected, clock, monkeypatch):
    path, _recovery = protected
    panel = dialog.panel
    for _attempt in range(5):
        assert panel.open_button.isEnabled()
        answer(qtbot, panel.passphrase, "not it at all")
    assert not panel.open_button.isEnabled() and panel.wait_label.isVisible()
    assert "2" in panel.wait_label.text()

    tried = []
    real = cipher.data_key_for
    monkeypatch.setattr(cipher, "data_key_for", lambda *args, **kwargs: tried.append(1) or real(*args, **kwargs))
    answer(qtbot, panel.passphrase, PASSPHRASE)  # the right one, but too soon: not even tried
    assert not tried and dialog.key is None

    clock.now += 2
    qtbot.waitUntil(panel.open_button.isEnabled, timeout=2000)
    assert not panel.wait_label.isVisible()
    answer(qtbot, panel.passphrase, "still not it")
    assert len(tried) == 1 and "4" in panel.wait_label.text()

    # Quitting and starting again does not skip the wait.
    again = UnlockDialog(path, clock=clock, tick_ms=10)
    qtbot.addWidget(again)
    assert not again.panel.open_button.isEnabled()
    clock.now += 4
    qtbot.waitUntil(again.panel.open_button.isEnabled, timeout=2000)
    answer(qtbot, again.panel.passphrase, PASSPHRASE)
    assert again.result() == QDialog.DialogCode.Accepted
    assert again.panel.tries.failures == 0
    assert path.exists() and cipher.key_file_for(path).exists()  # no number of wrong answers deletes anything


def test_the_wait_grows_to_a_minute_at_most():
    from advisor_app.ui.security.unlock_tries import wait_after

    assert [wait_after(count) for count in range(4, 12)] == [0, 2, 4, 8, 16, 32, 60, 60]


def test_a_recovery_key_with_a_typo_names_its_group(qtbot, dialog, protected):
    path, recovery = protected
    qtbot.mouseClick(dialog.panel.forgot_button, Qt.MouseButton.LeftButton)
    assert dialog.panel.page() == RECOVERY_PAGE
    typo = with_typo(recovery, 3)
    answer(qtbot, dialog.panel.recovery_key, typo)
    with pytest.raises(RecoveryKeyTypo) as raised:
        decode_recovery_key(typo)
    assert dialog.panel.error.text() == str(raised.value) and "3" in dialog.panel.error.text()
    assert dialog.panel.error.text() != _("The passphrase is not right for this data file.")
    assert dialog.panel.tries.failures == 0 and dialog.key is None
    qtbot.mouseClick(dialog.panel.passphrase_button, Qt.MouseButton.LeftButton)
    assert dialog.panel.page() == PASSPHRASE_PAGE


def recover_with_new_passphrase(qtbot, dialog, recovery, new):
    panel = dialog.panel
    answer(qtbot, panel.recovery_key, recovery.lower().replace("-", " "))
    assert panel.page() == NEW_PASSPHRASE_PAGE and dialog.key is None
    panel.new_passphrase.setText(new)
    answer(qtbot, panel.repeated_passphrase, new + "x")
    assert panel.error.text() == _("The two passphrases are not the same; type the new one twice.")
    panel.new_passphrase.setText("short")
    answer(qtbot, panel.repeated_passphrase, "short")
    assert panel.error.text() == _("The passphrase needs at least {count} characters.").format(
        count=protection.MIN_PASSPHRASE)
    panel.new_passphrase.setText(new)
    answer(qtbot, panel.repeated_passphrase, new)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_recovery_key_opens_and_sets_a_new_passphrase(qtbot, dialog, protected):
    path, recovery = protected
    qtbot.mouseClick(dialog.panel.forgot_button, Qt.MouseButton.LeftButton)
    recover_with_new_passphrase(qtbot, dialog, recovery, "passphrase three")
    assert dialog.key == decode_recovery_key(recovery)
    assert cipher.data_key_for(path, passphrase="passphrase three") == dialog.key
    with pytest.raises(WrongPassphrase):
        cipher.data_key_for(path, passphrase=PASSPHRASE)


def test_a_missing_key_file_leads_to_the_recovery_key(qtbot, protected, clock):
    path, recovery = protected
    cipher.key_file_for(path).unlink()
    dialog = UnlockDialog(path, clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.panel.page() == RECOVERY_PAGE
    assert dialog.panel.error.isVisible() and str(path) in dialog.panel.error.text()
    recover_with_new_passphrase(qtbot, dialog, recovery, "passphrase four")
    assert cipher.key_file_for(path).exists()
    nxt = UnlockDialog(path, clock=clock)
    qtbot.addWidget(nxt)
    nxt.show()
    assert nxt.panel.page() == PASSPHRASE_PAGE
    answer(qtbot, nxt.panel.passphrase, "passphrase four")
    assert nxt.result() == QDialog.DialogCode.Accepted
    store = open_store_with_recovery(path, lambda question: False, nxt.key)
    assert store.get_meta("marker") == "la cosecha"
    store.close()


def test_a_damaged_key_file_is_named(qtbot, dialog, protected):
    path, _recovery = protected
    cipher.key_file_for(path).write_text("{not json", encoding="utf-8")
    answer(qtbot, dialog.panel.passphrase, PASSPHRASE)
    assert str(cipher.key_file_for(path)) in dialog.panel.error.text()
    assert dialog.key is None and dialog.panel.tries.failures == 0


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_dialog_fits_a_small_laptop(qtbot, protected, small_screen, language, context):
    context.language.apply(language)
    dialog = UnlockDialog(protected[0])
    qtbot.addWidget(dialog)
    dialog.show()
    for page in (PASSPHRASE_PAGE, RECOVERY_PAGE, NEW_PASSPHRASE_PAGE):
        dialog.panel.show_page(page)
        hint = dialog.sizeHint()
        assert hint.width() <= 1280 and hint.height() <= 720
        assert dialog.width() <= 1280 and dialog.height() <= 720
    assert unlock_panel.PANEL_WIDTH < 1280
