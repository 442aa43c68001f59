"""What every screen shares: the open data file, its write path, Undo of deletions and change news."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from advisor_app.i18n import _
from advisor_app.store.database import Store
from advisor_app.store.errors import StoreError
from advisor_app.store.schema import SYNCED_TABLES

if TYPE_CHECKING:
    from advisor_app.store.repository import Repository


def main_window_of(widget):
    """The app's main window above ``widget`` (or the widget's own window): parent for windows that must
    outlive the dialog that opened them, so closing that dialog never destroys them unsaved."""
    current = widget
    while current is not None:
        if hasattr(current, "navigate"):
            return current
        current = current.parentWidget()
    return widget.window() if widget is not None else None


class AppContext(QObject):
    """``changed(table)`` fires after every saved edit, so lists and the status bar stay current;
    ``last_changed_fields`` then says which fields of an existing row it changed (None: rows may have come
    or gone, as after new records or an import)."""

    changed = Signal(str)
    undo_available = Signal(str)  # description of the deletion that Undo would bring back

    def __init__(self, store: Store, language_switcher=None):
        super().__init__()
        self.store = store
        self._repository = None
        self.language = language_switcher
        self._deleted: list[tuple[str, str]] = []
        self.unexported: int | None = None  # counted after the first paint (count_unexported)
        self.last_changed_fields: frozenset[str] | None = None

    @property
    def repository(self) -> "Repository":
        """The write path, made at the first edit or look-up (its imports are not needed to paint)."""
        if self._repository is None:
            from advisor_app.store.repository import Repository

            self._repository = Repository(self.store)
            self._repository.edits_listeners.append(self._on_edit)
        return self._repository

    def count_unexported(self) -> None:
        self.unexported = self.store.unexported_changes()
        self.last_changed_fields = None
        self.changed.emit("bundles")

    def _on_edit(self, table: str, count: int) -> None:
        if table in SYNCED_TABLES and self.unexported is not None:
            self.unexported += count  # each local edit is one change-log entry
        self.last_changed_fields = self._repository.last_changed_fields
        self.changed.emit(table)

    def after_sync(self, tables: tuple[str, ...] = ()) -> None:
        """After an export or import: tell every screen, then recount what is not exported."""
        self.last_changed_fields = None
        for table in tables:
            self.changed.emit(table)
        self.count_unexported()

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
        table, row_id = self._deleted[-1]
        try:
            self.repository.restore(table, row_id)
        except StoreError as error:
            raise StoreError(_("Could not undo the deletion: {reason}").format(reason=error)) from None
        self._deleted.pop()
        return table, row_id
