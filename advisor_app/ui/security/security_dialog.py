"""File → Security…: whether this data file is protected, protect it, change its passphrase, take the
protection off, and after how many idle minutes the window locks (meta ``lock_after_minutes``, read by
the idle lock; 0 is never; saved as typed)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import N_, _
from advisor_app.ui.common import confirm
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.window_fit import fit_window
from advisor_app.ui.security.conversion import Converted, convert, unprotect_work
from advisor_app.ui.security.passphrase_dialogs import ChangePassphraseDialog, ProtectDialog, RemoveProtectionDialog
from advisor_app.ui.security.protect_offer import protect_then

LOCK_AFTER_KEY = "lock_after_minutes"
DEFAULT_LOCK_MINUTES = 15
MAX_LOCK_MINUTES = 240
UNPROTECTING = N_("Removing the protection of the data file")


class SecurityDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("security_dialog")
        self.context = context
        self.state = QLabel(self)
        self.state.setObjectName("protection_state")
        self.state.setWordWrap(True)
        self.protect_button = QPushButton(self)
        self.protect_button.setObjectName("protect")
        self.protect_button.clicked.connect(lambda: self.protect())
        self.change_button = QPushButton(self)
        self.change_button.setObjectName("change_passphrase")
        self.change_button.clicked.connect(lambda: self.change_passphrase())
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("remove_protection")
        self.remove_button.clicked.connect(lambda: self.remove_protection())
        self.lock_label = QLabel(self)
        self.lock_minutes = QSpinBox(self)
        self.lock_minutes.setObjectName("lock_after_minutes")
        self.lock_minutes.setRange(0, MAX_LOCK_MINUTES)
        self.lock_minutes.setValue(self._saved_minutes())
        self.lock_minutes.valueChanged.connect(self._save_minutes)
        self.lock_hint = QLabel(self)
        self.lock_hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        actions = QHBoxLayout()
        for button in (self.protect_button, self.change_button, self.remove_button):
            actions.addWidget(button)
        actions.addStretch(1)
        lock = QHBoxLayout()
        lock.addWidget(self.lock_label)
        lock.addWidget(self.lock_minutes)
        lock.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(actions)
        layout.addSpacing(12)
        layout.addLayout(lock)
        layout.addWidget(self.lock_hint)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()
        fit_window(self, 680, 300, "security")

    # Lock after ---------------------------------------------------------------------------------
    def _saved_minutes(self) -> int:
        try:
            return max(0, min(MAX_LOCK_MINUTES, int(self.context.store.get_meta(LOCK_AFTER_KEY) or DEFAULT_LOCK_MINUTES)))
        except ValueError:
            return DEFAULT_LOCK_MINUTES

    @reports_errors
    def _save_minutes(self, minutes: int) -> None:
        self.context.store.set_meta(LOCK_AFTER_KEY, str(minutes))

    # The three actions --------------------------------------------------------------------------
    def protect(self):
        """A new passphrase twice, the conversion in the background, then the recovery key (once)."""
        dialog = ProtectDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return protect_then(self, self.context, dialog.passphrase, self.retranslate)

    def change_passphrase(self) -> bool:
        dialog = ChangePassphraseDialog(self.context.store.path, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        QMessageBox.information(self, _("Change the passphrase"), _(
            "The passphrase was changed. The recovery key you kept still opens the data file."))
        return True

    def remove_protection(self):
        """Asked first (Cancel is the default), then the passphrase, then the conversion in the background."""
        if not confirm.destructive(self, _("Remove the protection"), _(
                "Remove the passphrase from this data file? The data file and its backups will be readable by "
                "anyone who takes this laptop."), _("Remove the protection")):
            return None
        dialog = RemoveProtectionDialog(self.context.store.path, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.key is None:
            return None

        def removed(_result: Converted) -> None:
            self.retranslate()
            QMessageBox.information(self, _("Remove the protection"), _(
                "The data file is no longer protected; the recovery key no longer has any use."))

        return convert(self, self.context, UNPROTECTING, unprotect_work(dialog.key), removed)

    def retranslate(self) -> None:
        store = self.context.store
        protected = store.protected
        self.setWindowTitle(_("Security"))
        if protected:
            self.state.setText(_("This data file is protected by a passphrase: whoever takes the laptop cannot read "
                                 "it. Data file: {path}").format(path=store.path))
        else:
            self.state.setText(_("This data file is not protected: anyone who takes the laptop can read it. "
                                 "Data file: {path}").format(path=store.path))
        self.protect_button.setVisible(not protected)
        self.change_button.setVisible(protected)
        self.remove_button.setVisible(protected)
        self.protect_button.setText(_("Protect with a passphrase…"))
        self.change_button.setText(_("Change the passphrase…"))
        self.remove_button.setText(_("Remove the protection…"))
        self.lock_label.setText(_("Lock the window after"))
        self.lock_minutes.setSuffix(" " + _("minutes"))
        self.lock_minutes.setSpecialValueText(_("never"))
        self.lock_hint.setText(_("After this many minutes without use, the window hides the data until the "
                                 "passphrase is typed again (0: never). It applies to a protected data file."))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
