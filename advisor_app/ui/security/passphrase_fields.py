"""A new passphrase typed twice, checked as it is typed: the first-start offer, protecting from
File → Security… and changing the passphrase all ask for one this way."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from advisor_app.i18n import _
from advisor_app.store.protection import MIN_PASSPHRASE

ERROR_STYLE = "color: #b3261e;"


def passphrase_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class NewPassphraseFields(QWidget):
    """Passphrase and its repetition; ``validity_changed(valid)`` as typed, the problem in a line below."""

    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.passphrase = passphrase_edit(self, "new_passphrase")
        self.repeat = passphrase_edit(self, "repeat_passphrase")
        self.problem = QLabel(self)
        self.problem.setObjectName("passphrase_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.passphrase_label, self.repeat_label = QLabel(self), QLabel(self)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.repeat_label, self.repeat)
        form.addRow("", self.problem)
        self._valid = False
        for edit in (self.passphrase, self.repeat):
            edit.textChanged.connect(self._check)
        self.retranslate()

    def text(self) -> str:
        return self.passphrase.text()

    def is_valid(self) -> bool:
        return self._valid

    def clear(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()

    def problem_text(self) -> str:
        """What keeps the passphrase from being taken, or "" once it can be."""
        passphrase, repeat = self.passphrase.text(), self.repeat.text()
        if len(passphrase) < MIN_PASSPHRASE:
            return _("The passphrase needs at least {count} characters.").format(count=MIN_PASSPHRASE)
        if repeat != passphrase:
            return _("The two passphrases are not the same.") if repeat else _("Type the passphrase again below.")
        return ""

    def _check(self) -> None:
        problem = self.problem_text()
        # Nothing typed yet is not a mistake: the line stays empty until the person starts.
        typed = bool(self.passphrase.text() or self.repeat.text())
        self.problem.setText(problem if typed else "")
        valid = not problem
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def retranslate(self) -> None:
        self.passphrase_label.setText(_("Passphrase"))
        self.repeat_label.setText(_("Repeat it"))
        self.passphrase.setPlaceholderText(_("at least {count} characters").format(count=MIN_PASSPHRASE))
        self._check()
