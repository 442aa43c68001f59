"""Live language switching: gettext for our strings, a QTranslator for Qt's own buttons and dialogs.

After a switch every widget with a ``retranslate()`` method is asked to redraw its text at once, so
open windows, dialogs and menus follow without a restart.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from advisor_app import i18n

# Qt's Spanish is Spain's: the file dialog says "fichero", a shortcut reads "Control+Z". These are the
# words a Mexican advisor reads instead (GLOSSARY.md), case kept as Qt wrote it.
_MEXICAN_WORDS = [
    (re.compile(r"\b([Ff])ichero(s?)\b"), lambda m: ("A" if m[1] == "F" else "a") + "rchivo" + m[2]),
    (re.compile(r"\b([Uu]n|[Ee]l) directorio\b"),
     lambda m: {"un": "una", "Un": "Una", "el": "la", "El": "La"}[m[1]] + " carpeta"),
    (re.compile(r"\b([Dd])irectorio(s?)\b"), lambda m: ("C" if m[1] == "D" else "c") + "arpeta" + m[2]),
    (re.compile(r"\b(&?)([Bb])orrar(lo|la)?\b"), lambda m: m[1] + ("E" if m[2] == "B" else "e") + "liminar" + (m[3] or "")),
    (re.compile(r"«([^»]*)»"), lambda m: f"“{m[1]}”"),
]
# What Qt 6's file dialog asks that qtbase_es does not translate (its catalog has these without the "&").
_MISSING = {
    ("QFileDialog", "&Look in:"): "&Buscar en:",
    ("QFileDialog", "Files of &type:"): "&Tipo de archivo:",
    ("QAbstractFileIconProvider", "Folder"): "Carpeta",
    ("QAbstractFileIconProvider", "Drive"): "Unidad",
    ("QAbstractFileIconProvider", "File"): "Archivo",
    ("QAbstractFileIconProvider", "%1 File"): "Archivo %1",
}
# Key names in menus, as Windows and the keys of a Latin American keyboard write them.
_KEY_NAMES = {"Ctrl": "Ctrl", "Shift": "Mayús", "Del": "Supr"}


def mexican(context: str, source: str, spanish: str) -> str:
    """Qt's Spanish ``spanish`` for ``source``, in the words of this app's Spanish."""
    if context == "QShortcut" and source in _KEY_NAMES:
        return _KEY_NAMES[source]
    for pattern, replacement in _MEXICAN_WORDS:
        spanish = pattern.sub(replacement, spanish)
    return spanish


class MexicanQtTranslator(QTranslator):
    """Qt's own Spanish catalog (qtbase_es), read through ``mexican``."""

    def __init__(self, base: QTranslator, parent=None):
        super().__init__(parent)
        self._base = base

    def translate(self, context, source_text, disambiguation=None, n=-1):
        text = self._base.translate(context, source_text, disambiguation, n)
        if not text:
            text = _MISSING.get((str(context), str(source_text)))
        if not text:
            return None  # a null string: "not translated here", so Qt shows its English
        return mexican(str(context), str(source_text), text)

    def isEmpty(self) -> bool:
        return self._base.isEmpty()


class LanguageSwitcher:
    def __init__(self, app: QApplication):
        self.app = app
        self._qt_translator: QTranslator | None = None
        # The system's file dialog speaks the system's language, not the one chosen in the app: Qt's own
        # dialog follows the switch (and Qt's catalog) at once.
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)

    def apply(self, language: str) -> None:
        i18n.set_language(language)
        if self._qt_translator is not None:
            self.app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        if language != "en":
            base = QTranslator(self.app)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if base.load(f"qtbase_{language}", folder):
                translator = MexicanQtTranslator(base, self.app)
                self.app.installTranslator(translator)
                self._qt_translator = translator
        # Qt posts LanguageChange to its own widgets (dialog buttons, wizards); deliver it now.
        self.app.sendPostedEvents(None, QEvent.Type.LanguageChange)
        for widget in self.app.allWidgets():
            retranslate = getattr(widget, "retranslate", None)
            if callable(retranslate):
                retranslate()
