"""The small windows File → Security… opens: protect (a new passphrase twice), change the passphrase
(the current one, then a new one twice), remove the protection (the current one). A current passphrase
is checked when the button is pressed; a wrong one is said in one sentence beside the field and
nothing changes. The recovery key is taken where the current passphrase is asked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from advisor_app.i18n import _
from advisor_app.store import cipher
from advisor_app.store.errors import StoreError
from advisor_app.store.recovery_key import GROUP_LENGTH, GROUPS
from advisor_app.ui.common.wait_cursor import WaitCursor
from advisor_app.ui.common.window_fit import fit_window
from advisor_app.ui.security.passphrase_fields import ERROR_STYLE, NewPassphraseFields, passphrase_edit
from advisor_app.ui.security.protect_offer import lost_sentence


def key_for(path: Path, typed: str) -> bytes:
    """The data key the typed passphrase (or recovery key) opens; one sentence when it opens nothing."""
    try:
        key = cipher.data_key_for(path, passphrase=typed)
    except cipher.WrongPassphrase:
        cleaned = "".join(character for character in typed if character.isalnum())
        if len(cleaned) != GROUPS * (GROUP_LENGTH + 1):
            raise
        key = cipher.data_key_for(path, recovery_key=typed)
    if key is None:
        raise StoreError(_("The data file {path} is not protected by a passphrase.").format(path=path))
    return key


class _PassphraseDialog(QDialog):
    """A form, a line for the problem, and OK (named by what it does) / Cancel."""

    def __init__(self, parent: QWidget | None, name: str):
        super().__init__(parent)
        self.setObjectName(name)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.intro)
        self.layout_.addLayout(self.form)

    def _finish_layout(self) -> None:
        self.layout_.addWidget(self.problem)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)
        self.retranslate()
        fit_window(self, 560, 320, self.objectName())

    def retranslate(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))


class ProtectDialog(_PassphraseDialog):
    """A new passphrase twice; ``passphrase`` once accepted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, "protect_dialog")
        self.fields = NewPassphraseFields(self)
        self.form.addRow(self.fields)
        self.ok.setEnabled(False)
        self.fields.validity_changed.connect(self.ok.setEnabled)
        self.lost = QLabel(self)
        self.lost.setWordWrap(True)
        self.lost.setStyleSheet("font-weight: bold;")
        self.layout_.addWidget(self.lost)
        self.passphrase = ""
        self._finish_layout()

    def accept(self) -> None:
        if self.fields.is_valid():
            self.passphrase = self.fields.text()
            super().accept()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Protect with a passphrase"))
        self.intro.setText(_("The data file and its backups are encrypted with this passphrase. A recovery key is "
                             "shown next, once."))
        self.lost.setText(lost_sentence())
        self.ok.setText(_("Protect"))


class _CurrentPassphraseDialog(_PassphraseDialog):
    """Asks the current passphrase (or the recovery key) and checks it on OK: ``key`` once accepted."""

    def __init__(self, path: Path, parent: QWidget | None, name: str):
        super().__init__(parent, name)
        self.path = Path(path)
        self.current = passphrase_edit(self, "current_passphrase")
        self.current.textChanged.connect(lambda: self.problem.clear())
        self.current_label = QLabel(self)
        self.form.addRow(self.current_label, self.current)
        self.key: bytes | None = None

    def check_current(self) -> bool:
        try:
            with WaitCursor():
                self.key = key_for(self.path, self.current.text())
        except StoreError as error:
            self.problem.setText(str(error))
            self.current.setFocus()
            self.current.selectAll()
            return False
        return True

    def retranslate(self) -> None:
        super().retranslate()
        self.current_label.setText(_("Current passphrase"))
        self.current.setPlaceholderText(_("or the recovery key"))


class ChangePassphraseDialog(_CurrentPassphraseDialog):
    """The current passphrase, then the new one twice; the change is made here (the key file only)."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(path, parent, "change_passphrase_dialog")
        self.fields = NewPassphraseFields(self)
        self.form.addRow(self.fields)
        self.ok.setEnabled(False)
        self.fields.validity_changed.connect(self.ok.setEnabled)
        self._finish_layout()

    def accept(self) -> None:
        from advisor_app.store import protection

        if not self.fields.is_valid() or not self.check_current():
            return
        try:
            with WaitCursor():
                protection.change_passphrase(self.path, self.key, self.fields.text())
        except StoreError as error:
            self.problem.setText(str(error))
            return
        super().accept()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Change the passphrase"))
        self.intro.setText(_("The recovery key and the backups stay as they are; from now on the app asks for the "
                             "new passphrase."))
        self.ok.setText(_("Change the passphrase"))


class RemoveProtectionDialog(_CurrentPassphraseDialog):
    """The current passphrase and the plain warning; ``key`` once accepted (the caller converts)."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(path, parent, "remove_protection_dialog")
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(ERROR_STYLE)
        self.layout_.addWidget(self.warning)
        self._finish_layout()
        self.ok.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)

    def accept(self) -> None:
        if self.check_current():
            super().accept()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Remove the protection"))
        self.intro.setText(_("Type the passphrase to take the protection off this data file."))
        self.warning.setText(_("Without the protection, the data file and its backups can be read by anyone who "
                               "takes this laptop."))
        self.ok.setText(_("Remove the protection"))
