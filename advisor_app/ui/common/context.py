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
    ``rows_moved(table)`` fires just before it when records were added, deleted or restored, so that
    what counts records counts again only then (not on every keystroke)."""

    changed = Signal(str)
    rows_moved = Signal(str)
    undo_available = Signal(str)  # description of the deletion (or merge) that Undo would bring back

    def __init__(self, store: Store, language_switcher=None):
        super().__init__()
        self.store = store
        self._repository = None
        self.language = language_switcher
        # What Undo brings back, newest last: a deletion (table, row id) or a merge (store/merging.py).
        self._deleted: list = []
        self.unexported: int | None = None  # counted after the first paint (count_unexported)

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
        self.changed.emit("bundles")

    def _on_edit(self, table: str, count: int, rows_moved: bool = True) -> None:
        if table in SYNCED_TABLES and self.unexported is not None:
            self.unexported += count  # each local edit is one change-log entry
        self.announce(table, rows_moved)

    def announce(self, table: str, rows_moved: bool = True) -> None:
        """Tell every screen that ``table`` changed (and whether its records came or went)."""
        if rows_moved:
            self.rows_moved.emit(table)
        self.changed.emit(table)

    def after_sync(self, tables: tuple[str, ...] = ()) -> None:
        """After an export or import: tell every screen, then recount what is not exported."""
        for table in tables:
            self.announce(table)
        self.count_unexported()

    def delete(self, table: str, row_id: str, description: str) -> None:
        self.repository.delete(table, row_id)
        self._deleted.append((table, row_id))
        self.undo_available.emit(description)

    def merge(self, table: str, survivor_id: str, merged_id: str, values: dict, description: str) -> None:
        """Merge two people (or two organizations) into one (store/merging.py); Undo brings both back."""
        from advisor_app.store.merging import merge_records

        record = merge_records(self.repository, table, survivor_id, merged_id, values)
        self._deleted.append(record)
        self.undo_available.emit(description)

    def can_undo(self) -> bool:
        return bool(self._deleted)

    def undoing_merge(self) -> bool:
        """Whether Undo would take back a merge (its button says so) rather than a deletion."""
        return bool(self._deleted) and not isinstance(self._deleted[-1], tuple)

    def undo_delete(self) -> tuple[str, str] | None:
        """Bring back the most recent deletion or merge (new, logged edits); returns what came back."""
        if not self._deleted:
            return None
        last = self._deleted[-1]
        if not isinstance(last, tuple):
            from advisor_app.store.merging import undo_merge

            try:
                undo_merge(self.repository, last)
            except StoreError as error:
                raise StoreError(_("Could not undo the merge: {reason}").format(reason=error)) from None
            self._deleted.pop()
            return last.table, last.merged_id
        table, row_id = last
        try:
            self.repository.restore(table, row_id)
        except StoreError as error:
            raise StoreError(_("Could not undo the deletion: {reason}").format(reason=error)) from None
        self._deleted.pop()
        return table, row_id
