"""The wait cursor, for the short work that stays on the UI thread (a few rows written at once).
Anything that can last seconds goes to ``background.run_in_background`` instead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


class WaitCursor:
    """Show that the app is working rather than frozen."""

    def __enter__(self):
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        return self

    def __exit__(self, *exc_info):
        QApplication.restoreOverrideCursor()
