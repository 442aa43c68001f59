"""A tab that lists records: a search box, filters, action buttons, a read-only table and a sentence
when there is nothing to show. The Business plans, Agreements and Training lists are made of it."""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from advisor_app.i18n import _
from advisor_app.ui.common import confirm
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.fields import ChoiceField
from advisor_app.ui.common.tables import fit_columns, read_only_table, set_row


class ListPage(QWidget):
    """Subclasses fill the table with ``show_rows`` from their ``refresh``; the buttons named in
    ``needs_selection`` are enabled only while a row is selected. ``filter_options`` ((code, English
    label) pairs, the first one "all" with code None) adds a drop-down, ``self.filter``, read in ``refresh``."""

    needs_selection: tuple[str, ...] = ()
    # Tables whose saved edits change the list: read again at once while shown, else when next shown
    # (every keystroke saved anywhere in the app announces its table).
    watched: tuple[str, ...] = ()

    def __init__(self, context: AppContext, columns: int, actions: dict[str, Callable],
                 filter_options: Callable[[], list[tuple[str | None, str]]] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.refresh())
        self.table = read_only_table(columns, self)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.buttons = {name: QPushButton(self) for name in actions}
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        self.filter = ChoiceField(filter_options or (lambda: [(None, "")]), parent=self)
        self.filter.edited.connect(self.refresh)
        self.filter.setVisible(filter_options is not None)
        row.addWidget(self.filter)
        for name, button in self.buttons.items():
            button.clicked.connect(actions[name])
            row.addWidget(button)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self._ids: list[str] = []
        self._stale = False
        context.changed.connect(self._data_changed)

    def _data_changed(self, table: str) -> None:
        if table in self.watched:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def show_filter(self, value: str | None) -> None:
        """The list narrowed to one choice of the drop-down (None: all), as a home page figure opens it."""
        self.filter.set_value(value)
        self.refresh()

    def open_selected(self):
        raise NotImplementedError

    def show_rows(self, rows: Sequence[tuple[str, list[str]]]) -> None:
        """(id, cells) per row; the selection stays on the same record when it is still listed."""
        selected = self.current_id()
        self._ids = [row_id for row_id, _cells in rows]
        self.table.setRowCount(len(rows))
        for number, (_row_id, cells) in enumerate(rows):
            set_row(self.table, number, cells)
        fit_columns(self.table)
        if selected in self._ids:
            self.table.selectRow(self._ids.index(selected))
        self._update_buttons()

    def current_id(self) -> str | None:
        row = self.table.currentRow()
        return self._ids[row] if 0 <= row < len(self._ids) and self.table.selectedItems() else None

    def select_id(self, row_id: str) -> None:
        if row_id in self._ids:
            self.table.selectRow(self._ids.index(row_id))

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        for name in self.needs_selection:
            self.buttons[name].setEnabled(chosen)

    def delete_selected_after_asking(self, table: str, title: str, question: str) -> None:
        """Delete the selected record once the user says yes; Undo can bring it back."""
        row_id = self.current_id()
        if not row_id:
            return
        name = self.context.repository.display_name(table, row_id)
        if confirm.destructive(self, title, question.format(name=name), _("Delete")):
            self.context.delete(table, row_id, name)
