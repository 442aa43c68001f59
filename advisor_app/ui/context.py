"""What every screen shares: the open data file, its write path, Undo of deletions and change news."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from advisor_app.store.database import Store
from advisor_app.store.repository import Repository


class AppContext(QObject):
    """``changed(table)`` fires after every saved edit, so lists and the status bar stay current."""

    changed = Signal(str)
    undo_available = Signal(str)  # description of the deletion that Undo would bring back

    def __init__(self, store: Store, language_switcher=None):
        super().__init__()
        self.store = store
        self.repository = Repository(store)
        self.language = language_switcher
        self._deleted: list[tuple[str, str]] = []
        self.repository.edits_listeners.append(lambda table, _count: self.changed.emit(table))

    def delete(self, table: str, row_id: str, description: str) -> None:
        self.repository.delete(table, row_id)
        self._deleted.append((table, row_id))
        self.undo_available.emit(description)

    def can_undo(self) -> bool:
        return bool(self._deleted)

    def undo_delete(self) -> tuple[str, str] | None:
        """Bring back the most recent deletion (a new, logged edit); returns what came back."""
        if not self._deleted:
            return None
        table, row_id = self._deleted.pop()
        self.repository.restore(table, row_id)
        return table, row_id
