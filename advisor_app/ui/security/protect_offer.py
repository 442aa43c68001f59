"""The first start's offer: protect this laptop's data with a passphrase (ticked), or decline with a warning.

The page only asks; ``protect_then`` converts the file once the wizard finishes (a fresh file converts
at once, an existing one in the background) and then shows the recovery key, once.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget, QWizardPage

from advisor_app.i18n import N_, _
from advisor_app.ui.common.background import Job
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.security.conversion import Converted, convert, protect_work
from advisor_app.ui.security.passphrase_fields import ERROR_STYLE, NewPassphraseFields

PROTECTING = N_("Protecting the data file")


def lost_sentence() -> str:
    return _("If you forget the passphrase and lose the recovery key, the data cannot be recovered by anyone.")


class ProtectOfferPage(QWizardPage):
    """Ticked by default; Finish waits for a passphrase typed twice while it stays ticked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("protect_page")
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.offer = QCheckBox(self)
        self.offer.setObjectName("protect_offer")
        self.offer.setChecked(True)
        self.fields = NewPassphraseFields(self)
        self.lost = QLabel(self)
        self.lost.setWordWrap(True)
        self.lost.setStyleSheet("font-weight: bold;")
        self.declined = QLabel(self)
        self.declined.setObjectName("declined_warning")
        self.declined.setWordWrap(True)
        self.declined.setStyleSheet(ERROR_STYLE)
        self.declined.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.offer)
        layout.addWidget(self.fields)
        layout.addWidget(self.lost)
        layout.addWidget(self.declined)
        layout.addStretch(1)
        self.offer.toggled.connect(self._offer_toggled)
        self.fields.validity_changed.connect(lambda _valid: self.completeChanged.emit())
        self.retranslate()

    def _offer_toggled(self, on: bool) -> None:
        self.fields.setEnabled(on)
        self.fields.problem.setVisible(on)
        self.lost.setVisible(on)
        self.declined.setVisible(not on)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return not self.offer.isChecked() or self.fields.is_valid()

    def wanted_passphrase(self) -> str | None:
        """The passphrase to protect the file with, or None when the advisor declined."""
        return self.fields.text() if self.offer.isChecked() else None

    def retranslate(self) -> None:
        self.setTitle(_("Protect this laptop's data"))
        self.explanation.setText(_(
            "With a passphrase, the data file is encrypted: whoever takes the laptop cannot read the registry, the "
            "plans or the agreements. You type the passphrase when the app starts. A recovery key, shown next, "
            "opens the file if the passphrase is forgotten."))
        self.offer.setText(_("Protect this laptop's data with a passphrase"))
        self.lost.setText(lost_sentence())
        self.declined.setText(_("Without a passphrase, anyone who takes this laptop can read all its data."))
        self.fields.retranslate()


def protect_then(parent: QWidget, context: AppContext, passphrase: str, after: Callable[[], None],
                 key_parent: QWidget | None = None) -> Job | None:
    """Protect the open data file with ``passphrase``; once the window reads it again, ``after()`` runs and
    the recovery key is shown (over ``key_parent``, or ``parent``)."""

    def converted(result: Converted) -> None:
        after()
        show_recovery_key(key_parent or parent, context, result.recovery_key or "")

    return convert(parent, context, PROTECTING, protect_work(passphrase), converted)


def show_recovery_key(parent: QWidget | None, context: AppContext, recovery_key: str):
    from advisor_app.ui.security.recovery_sheet_dialog import RecoveryKeyDialog

    dialog = RecoveryKeyDialog(context, recovery_key, parent)
    dialog.open()
    return dialog
