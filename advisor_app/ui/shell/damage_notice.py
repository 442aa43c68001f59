"""Tells the user when the background start-up check finds the data file damaged."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from advisor_app.i18n import _


class DamageNotice(QObject):
    """Carries the background check's finding to the window (signals cross threads safely)."""

    found = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.window, self.seen = window, False
        self.found.connect(self._show)

    def _show(self) -> None:
        self.seen = True
        QMessageBox.warning(self.window, _("Community Advisor"), _(
            "The data file seems damaged. Close the app and start it again: the damaged file will be set "
            "aside, untouched, and the newest sound backup offered in its place."))
