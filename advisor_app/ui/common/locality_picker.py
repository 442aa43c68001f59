"""Pick a municipality from INEGI's catalog by typing a few letters, plus a free-text locality.

The picked pair becomes a locality record whose id is the same on every laptop.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from advisor_app.domain.catalog import mexico
from advisor_app.i18n import _
from advisor_app.ui.common.fields import attach_suggestions


class LocalityField(QWidget):
    """``value()`` is (municipality key, locality name) or None; the form turns it into a locality id."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.municipality = QLineEdit(self)
        self.locality = QLineEdit(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.municipality, 3)
        layout.addWidget(self.locality, 2)
        self._key: str | None = None
        self._matches: dict[str, str] = {}
        self._model = attach_suggestions(self.municipality, self._picked)
        self.municipality.textEdited.connect(self._typed)
        self.locality.textEdited.connect(lambda _text: self._key and self.edited.emit())
        self.retranslate()

    def _typed(self, text: str) -> None:
        found = mexico().search(text, limit=15)
        self._matches = {m.label: m.key for m in found}
        self._model.setStringList(list(self._matches))
        exact = self._matches.get(text)
        self._key = exact
        self.edited.emit()

    def _picked(self, label: str) -> None:
        self._key = self._matches.get(label)
        self.municipality.setText(label)
        self.edited.emit()

    def typed_something(self) -> bool:
        return bool(self.municipality.text().strip())

    def value(self):
        if self._key is None:
            return None
        return self._key, self.locality.text().strip() or None

    def set_value(self, value) -> None:
        key, name = value if value else (None, None)
        municipality = mexico().municipality(key)
        self._key = municipality.key if municipality else None
        self.municipality.setText(municipality.label if municipality else "")
        self.locality.setText(name or "")

    def retranslate(self) -> None:
        self.municipality.setPlaceholderText(_("Municipality (type e.g. jerez)"))
        self.locality.setPlaceholderText(_("Town or ranch"))
