"""Live language switching: gettext for our strings, a QTranslator for Qt's own buttons and dialogs.

After a switch every widget with a ``retranslate()`` method is asked to redraw its text at once, so
open windows, dialogs and menus follow without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

from advisor_app import i18n


class LanguageSwitcher:
    def __init__(self, app: QApplication):
        self.app = app
        self._qt_translator: QTranslator | None = None

    def apply(self, language: str) -> None:
        i18n.set_language(language)
        if self._qt_translator is not None:
            self.app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        if language != "en":
            translator = QTranslator(self.app)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(f"qtbase_{language}", folder):
                self.app.installTranslator(translator)
                self._qt_translator = translator
        # Qt posts LanguageChange to its own widgets (dialog buttons, wizards); deliver it now.
        self.app.sendPostedEvents(None, QEvent.Type.LanguageChange)
        for widget in self.app.allWidgets():
            retranslate = getattr(widget, "retranslate", None)
            if callable(retranslate):
                retranslate()
