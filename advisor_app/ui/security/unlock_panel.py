"""The questions that open a protected data file: the passphrase, or the recovery key and then a new
passphrase. The start dialog and the idle lock show the same panel.

Each answer is checked against the key file (or, for a recovery key, against the file itself) and
nothing is written unless a new passphrase is chosen. A recovery key with a typo is named, not taken as
wrong. After five wrong answers in a row each further try waits (unlock_tries.py), with the Open
button disabled and the seconds counted down. A recovery key, or a key file that is missing, leads to a
new passphrase, sealed into a new key file, so the next start asks only for the passphrase.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import _, ngettext
from advisor_app.store import cipher, protection
from advisor_app.store.cipher import KeyFileMissing, WrongPassphrase
from advisor_app.store.errors import StoreError
from advisor_app.store.recovery_key import RecoveryKeyTypo
from advisor_app.ui.common.record_form import ERROR_STYLE
from advisor_app.ui.common.wait_cursor import WaitCursor
from advisor_app.ui.security.unlock_tries import UnlockTries

PASSPHRASE_PAGE, RECOVERY_PAGE, NEW_PASSPHRASE_PAGE = range(3)
PANEL_WIDTH = 460
TICK_MS = 1000


def _password_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _link_button(parent: QWidget) -> QPushButton:
    button = QPushButton(parent)
    button.setFlat(True)
    button.setAutoDefault(False)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet("QPushButton { color: palette(link); text-decoration: underline; text-align: left; "
                         "border: none; padding: 2px 0; }")
    return button


class UnlockPanel(QWidget):
    """``unlocked(key)`` once the data key is known (and, when needed, the new passphrase written).
    ``expected_key``: the key of the file already open (the idle lock); any other key is a wrong answer."""

    unlocked = Signal(bytes)

    def __init__(self, path: Path, purpose: str = "open", expected_key: bytes | None = None,
                 clock: Callable[[], float] = time.time, tick_ms: int = TICK_MS, parent: QWidget | None = None):
        super().__init__(parent)
        self.path, self.purpose, self.expected_key = Path(path), purpose, expected_key
        self.tries = UnlockTries(self.path, clock)
        self._recovered_key: bytes | None = None
        self.setFixedWidth(PANEL_WIDTH)

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)

        self.stack = QStackedWidget(self)
        self.passphrase = _password_field(self)
        self.forgot_button = _link_button(self)
        self.forgot_button.clicked.connect(lambda: self.show_page(RECOVERY_PAGE))
        self.recovery_key = QLineEdit(self)
        self.recovery_key.setPlaceholderText("XXXXX-XXXXX-XXXXX-…")
        self.passphrase_button = _link_button(self)
        self.passphrase_button.clicked.connect(lambda: self.show_page(PASSPHRASE_PAGE))
        self.new_passphrase, self.repeated_passphrase = _password_field(self), _password_field(self)
        self.new_labels = (QLabel(self), QLabel(self))
        for page_fields in ((self.passphrase, self.forgot_button), (self.recovery_key, self.passphrase_button)):
            page = QWidget(self.stack)
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 0, 0, 0)
            for widget in page_fields:
                column.addWidget(widget)
            self.stack.addWidget(page)
        new_page = QWidget(self.stack)
        form = QFormLayout(new_page)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.new_labels[0], self.new_passphrase)
        form.addRow(self.new_labels[1], self.repeated_passphrase)
        self.stack.addWidget(new_page)

        self.show_text = QCheckBox(self)
        self.show_text.toggled.connect(self._show_typed)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.wait_label = QLabel(self)
        self.wait_label.setWordWrap(True)
        self.wait_label.hide()
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.submit)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.stack)
        layout.addWidget(self.show_text)
        layout.addWidget(self.error)
        layout.addWidget(self.wait_label)
        layout.addStretch(1)
        layout.addLayout(self.buttons)

        self._tick = QTimer(self, interval=tick_ms)
        self._tick.timeout.connect(self.refresh_wait)
        self.reset()

    # Pages ---------------------------------------------------------------------------
    def reset(self) -> None:
        """Empty fields and the first question: the passphrase, or the recovery key when the key file is gone."""
        for field in (self.passphrase, self.recovery_key, self.new_passphrase, self.repeated_passphrase):
            field.clear()
        self._recovered_key = None
        self.show_text.setChecked(False)
        self._set_error("")
        self.show_page(PASSPHRASE_PAGE)
        if cipher.is_encrypted(self.path) and not cipher.key_file_for(self.path).exists():
            try:
                cipher.read_key_file(self.path)
            except KeyFileMissing as missing:
                self.show_page(RECOVERY_PAGE)
                self._set_error(str(missing))
        self.refresh_wait()

    def page(self) -> int:
        return self.stack.currentIndex()

    def show_page(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        self._set_error("")
        self.retranslate()
        self.focus_field()

    def focus_field(self) -> None:
        field = {PASSPHRASE_PAGE: self.passphrase, RECOVERY_PAGE: self.recovery_key,
                 NEW_PASSPHRASE_PAGE: self.new_passphrase}[self.page()]
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_typed(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for field in (self.passphrase, self.new_passphrase, self.repeated_passphrase):
            field.setEchoMode(mode)

    def _set_error(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.setVisible(bool(sentence))

    # Answers ---------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        """Enter answers, once: taken here, it does not go on to a dialog's default button as well."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        if self.page() == NEW_PASSPHRASE_PAGE:
            self._save_new_passphrase()
            return
        if self.tries.seconds_left():
            self.refresh_wait()
            return
        try:
            key = self._key_from_answer()
        except RecoveryKeyTypo as typo:  # named, and not counted: nothing was tried against the file
            self._set_error(str(typo))
            return
        except WrongPassphrase as wrong:
            self._wrong(str(wrong))
            return
        except KeyFileMissing as missing:
            self.show_page(RECOVERY_PAGE)
            self._set_error(str(missing))
            return
        except StoreError as error:  # a damaged key file, one of another data file, a file no longer protected
            self._set_error(str(error))
            return
        if key is None or (self.expected_key is not None and key != self.expected_key):
            self._wrong(_("The passphrase is not right for this data file."))
            return
        self.tries.succeeded()
        self.refresh_wait()
        if self.page() == RECOVERY_PAGE:
            self._recovered_key = key
            self.show_page(NEW_PASSPHRASE_PAGE)
            return
        self.unlocked.emit(key)

    def _key_from_answer(self) -> bytes | None:
        with WaitCursor():  # a fifth of a second of key derivation
            if self.page() == RECOVERY_PAGE:
                return cipher.data_key_for(self.path, recovery_key=self.recovery_key.text())
            return cipher.data_key_for(self.path, passphrase=self.passphrase.text())

    def _wrong(self, sentence: str) -> None:
        self.tries.failed()
        self._set_error(sentence)
        field = self.recovery_key if self.page() == RECOVERY_PAGE else self.passphrase
        field.selectAll()
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh_wait()

    def _save_new_passphrase(self) -> None:
        new = self.new_passphrase.text()
        if new != self.repeated_passphrase.text():
            self._set_error(_("The two passphrases are not the same; type the new one twice."))
            return
        try:
            with WaitCursor():
                protection.change_passphrase(self.path, self._recovered_key, new)
        except StoreError as error:
            self._set_error(str(error))
            return
        key = self._recovered_key
        self.unlocked.emit(key)

    # Waiting after wrong answers ---------------------------------------------------------
    def refresh_wait(self) -> None:
        seconds = self.tries.seconds_left()
        waiting = seconds > 0 and self.page() != NEW_PASSPHRASE_PAGE
        self.open_button.setEnabled(not waiting)
        self.wait_label.setVisible(waiting)
        if waiting:
            self.wait_label.setText(ngettext(
                "Too many wrong answers: the next try is possible in {count} second.",
                "Too many wrong answers: the next try is possible in {count} seconds.", seconds).format(count=seconds))
            if not self._tick.isActive():
                self._tick.start()
        else:
            self._tick.stop()

    def retranslate(self) -> None:
        page = self.page()
        if self.purpose == "unlock":
            self.heading.setText(_("The window is locked"))
        else:
            self.heading.setText(_("This data file is protected"))
        if page == NEW_PASSPHRASE_PAGE:
            self.explanation.setText(_("The recovery key opened the data file. Choose a new passphrase of at "
                                       "least {count} characters: it replaces the old one from now on.").format(
                count=protection.MIN_PASSPHRASE))
        elif page == RECOVERY_PAGE:
            self.explanation.setText(_("Type the recovery key printed when the protection was set up. Lower case, "
                                       "spaces and dashes do not matter."))
        elif self.purpose == "unlock":
            self.explanation.setText(_("Everything typed is kept. Give the passphrase to go on."))
        else:
            self.explanation.setText(_("Give the passphrase of {name} to open it.").format(name=self.path.name))
        self.passphrase.setPlaceholderText(_("Passphrase"))
        self.forgot_button.setText(_("I forgot the passphrase: use the recovery key"))
        self.passphrase_button.setText(_("Use the passphrase instead"))
        self.new_labels[0].setText(_("New passphrase:"))
        self.new_labels[1].setText(_("Again:"))
        self.show_text.setText(_("Show what I type"))
        self.show_text.setVisible(page != RECOVERY_PAGE)
        if page == NEW_PASSPHRASE_PAGE:
            self.open_button.setText(_("Save and unlock") if self.purpose == "unlock" else _("Save and open"))
        else:
            self.open_button.setText(_("Unlock") if self.purpose == "unlock" else _("Open"))
        self.refresh_wait()
