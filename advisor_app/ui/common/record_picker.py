"""Find a registered person or organization by typing part of the name (FTS search)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from advisor_app.i18n import _
from advisor_app.store import listing
from advisor_app.ui.common.fields import attach_suggestions


class RecordPicker(QLineEdit):
    picked = Signal(str)  # id

    def __init__(self, conn, table: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.conn, self.table = conn, table
        self._matches: dict[str, str] = {}
        self._model = attach_suggestions(self, self._on_activated)
        self.textEdited.connect(self._on_typed)
        self.retranslate()

    def _on_typed(self, text: str) -> None:
        found = [(row_id, name) for table, row_id, name in listing.search_names(self.conn, text, limit=30)
                 if table == self.table]
        self._matches = {name: row_id for row_id, name in found}
        self._model.setStringList(list(self._matches))

    def _on_activated(self, text: str) -> None:
        row_id = self._matches.get(text)
        if row_id:
            self.picked.emit(row_id)

    def retranslate(self) -> None:
        self.setPlaceholderText(_("Type part of a name to find a person") if self.table == "people"
                                else _("Type part of a name to find an organization"))
