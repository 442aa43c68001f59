"""A tab that lists records: a search box, filters, action buttons, the shared list view (``ListTable``) and
a sentence when there is nothing to show. The Business plans, Agreements and Training lists are made of it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from advisor_app.i18n import _
from advisor_app.store.list_source import RowsSource
from advisor_app.ui.common import confirm
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.fields import ChoiceField
from advisor_app.ui.common.list_table import ListTable


class ListPage(QWidget):
    """``source`` is the list (its search and the drop-down's choice, under ``filter_key``, are set on it at
    each ``refresh``); the buttons named in ``needs_selection`` are enabled only while a row is selected.
    ``filter_options`` ((code, English label) pairs, the first one "all" with code None) adds a drop-down,
    ``self.filter``. ``empty_sentence()`` is shown when there is no record at all."""

    needs_selection: tuple[str, ...] = ()
    # Tables whose saved edits change the list: read again at once while shown, else when next shown
    # (every keystroke saved anywhere in the app announces its table).
    watched: tuple[str, ...] = ()
    filter_key = "status"

    def __init__(self, context: AppContext, source: RowsSource, export_name: str, actions: dict[str, Callable],
                 filter_options: Callable[[], list[tuple[str | None, str]]] | None = None,
                 parent: QWidget | None = None, foreground: Callable | None = None):
        super().__init__(parent)
        self.context = context
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.refresh())
        self.table = ListTable(context.store, source, export_name, self, foreground)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
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
        self._stale = False
        context.changed.connect(self._data_changed)

    @property
    def source(self) -> RowsSource:
        return self.table.source

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

    def empty_sentence(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the list again with the search and the drop-down's choice."""
        self.source.search = self.search.text()
        self.source.filters[self.filter_key] = self.filter.value()
        self.table.refresh()
        self.empty.setText("" if self.table.rowCount() or self.source.narrowed() else self.empty_sentence())
        self._update_buttons()

    def show_filter(self, value: str | None) -> None:
        """The list narrowed to one choice of the drop-down (None: all), as a home page figure opens it."""
        self.filter.set_value(value)
        self.refresh()

    def open_selected(self):
        raise NotImplementedError

    def current_id(self) -> str | None:
        return self.table.current_id()

    def select_id(self, row_id: str) -> None:
        self.table.select_id(row_id)

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
