"""Help → Guide (F1): the short guide shipped in resources/help/<language>/guide.html, read offline.

The guide follows a language switch at once, on the same section it was showing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from advisor_app.i18n import DEFAULT_LANGUAGE, _, current_language
from advisor_app.paths import RESOURCES
from advisor_app.ui.common.window_fit import fit_window

HELP = RESOURCES / "help"


def guide_path(language: str) -> Path:
    """The guide in ``language``, or in the default language if that one is missing."""
    path = HELP / language / "guide.html"
    return path if path.is_file() else HELP / DEFAULT_LANGUAGE / "guide.html"


class HelpWindow(QWidget):
    def __init__(self, parent: QWidget | None = None, section: str = ""):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("help_window")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)  # the guide is read offline; it links only to itself
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        fit_window(self, 760, 680, "help_window")
        self._section = section
        self.retranslate()

    def show_section(self, section: str) -> None:
        self._section = section
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path(current_language()))).resolved(
            QUrl(f"#{section}") if section else QUrl()))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Guide — Community Advisor"))
        fragment = self.browser.source().fragment() or self._section
        self.browser.setSource(QUrl())  # a new file, even when only the folder's language changed
        self.show_section(fragment)
