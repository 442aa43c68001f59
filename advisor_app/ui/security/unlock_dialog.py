"""Asked at start: a data file protected by a passphrase shows nothing before its passphrase (or recovery
key) is given. Enter opens; Escape, like Quit, leaves without opening anything."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from advisor_app.i18n import _
from advisor_app.store import cipher
from advisor_app.ui.common.window_fit import fit_window
from advisor_app.ui.security.unlock_panel import TICK_MS, UnlockPanel


class UnlockDialog(QDialog):
    """``key`` holds the data key once accepted."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time, tick_ms: int = TICK_MS,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("unlock_dialog")
        self.key: bytes | None = None
        self.panel = UnlockPanel(path, "open", clock=clock, tick_ms=tick_ms, parent=self)
        self.panel.unlocked.connect(self._opened)
        self.quit_button = QPushButton(self)
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self.panel.buttons.insertWidget(1, self.quit_button)
        self.panel.open_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.retranslate()
        fit_window(self, 500, 280, "unlock_dialog")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.panel.focus_field()

    def _opened(self, key: bytes) -> None:
        self.key = key
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Community Advisor"))
        self.quit_button.setText(_("Quit"))


def key_at_start(path: Path, make_dialog: Callable[[Path], UnlockDialog] = UnlockDialog) -> tuple[bool, bytes | None]:
    """(go on, data key): a plain (or new) file goes on with no key and no question asked; a protected
    one asks, and Quit (or Escape) means do not go on."""
    if not cipher.is_encrypted(path):
        return True, None
    dialog = make_dialog(path)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False, None
    return True, dialog.key
