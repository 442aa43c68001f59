"""The lists of organizations and of people: filter, sort, open, delete."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import _, formatting, ngettext
from advisor_app.store import listing
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.list_table import ListTable
from advisor_app.ui.common.tables import fit_columns
from advisor_app.ui.common.user_errors import reports_errors


class RegistryView(QWidget):
    """``open_record(id)`` opens the editor; ``filter_column`` with ``filter_options`` narrows the list."""

    count_changed = Signal()

    def __init__(self, context: AppContext, table: str, view: listing.ListView, filter_column: str,
                 filter_options: dict[str, str], open_record: Callable[[str | None], None],
                 describe: Callable[[str], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.table, self.open_record, self.describe = context, table, open_record, describe
        self.filter_column, self.filter_options = filter_column, filter_options
        self.table_view = ListTable(context.store, view, table, self, to_contents=False)
        self.model = self.table_view.model_
        self.model.rowsInserted.connect(self._update_count)  # the rest of a long search, counted when reached
        self.table_view.setAlternatingRowColors(True)
        self.table_view.verticalHeader().setDefaultSectionSize(26)
        header = self.table_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((360, 160, 230, 160, 90)):
            header.resizeSection(column, width)
        fit_columns(self.table_view, to_contents=False)
        self.table_view.activated.connect(self._open_current)
        self.filter = QComboBox(self)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(lambda: self.open_record(None))
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self._open_current)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self._delete_current)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(lambda: self.table_view.export())
        QShortcut(QKeySequence.StandardKey.Delete, self.table_view, activated=self._delete_current)
        self.count_label = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.filter)
        bar.addWidget(self.count_label, 1)
        for button in (self.new_button, self.open_button, self.delete_button, self.export_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table_view)
        self._recount = False  # records of this list's table came or went
        self._repaint = False  # values shown may have changed while the list was hidden
        context.rows_moved.connect(self._rows_moved)
        context.changed.connect(self._data_changed)
        self.retranslate()

    def _rows_moved(self, table: str) -> None:
        if table == self.table:
            self._recount = True

    def _data_changed(self, table: str) -> None:
        """Count again only when records came or went, or when a search or filter picks the rows of a
        list on screen; otherwise the rows on screen are read again as they are painted. A hidden list
        is counted at once when its records came or went (its tab title shows the count) and read again
        when shown."""
        if table not in (self.table, "memberships", "localities", "people", "organizations"):
            return
        if self._recount or (self.model.narrowed() and self.isVisible()):
            self.refresh()
        elif self.isVisible():
            self.model.repaint()
        else:
            self._repaint = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._repaint and self.model.narrowed():
            self.refresh()
        elif self._repaint:
            self.model.repaint()
            self._repaint = False

    def refresh(self) -> None:
        self._recount = self._repaint = False
        selected = self.current_id()
        self.model.refresh()
        self._update_count()
        if selected:
            self.select_id(selected)

    def select_id(self, row_id: str) -> None:
        self.table_view.select_id(row_id)

    def set_search(self, text: str) -> None:
        self.model.set_search(text)
        self._update_count()

    def _filter_changed(self, _index: int) -> None:
        self.model.set_filter(self.filter_column, self.filter.currentData())
        self._update_count()

    def current_id(self) -> str | None:
        return self.table_view.current_id()

    def _open_current(self, *_args) -> None:
        row_id = self.current_id()
        if row_id:
            self.open_record(row_id)

    @reports_errors
    def _delete_current(self) -> None:
        from advisor_app.ui.common import confirm

        row_id = self.current_id()
        if not row_id:
            return
        name = self.describe(row_id)
        if confirm.destructive(self, _("Delete"), _("Delete {name}? You can undo this from the main window.")
                               .format(name=name), _("Delete")):
            self.context.delete(self.table, row_id, name)

    def _update_count(self, *_inserted) -> None:
        count = self.model.rowCount()
        if self.model.more():
            self.count_label.setText(_("More than {count} records").format(count=formatting.number(count, 0)))
        else:
            self.count_label.setText(ngettext("{count} record", "{count} records", count).format(count=count))
        self.count_changed.emit()

    def retranslate(self) -> None:
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(_("All"), None)
        for code, text in self.filter_options.items():
            self.filter.addItem(_(text), code)
        self.filter.setCurrentIndex(max(self.filter.findData(current), 0))
        self.filter.blockSignals(False)
        if self.table == "organizations":
            self.new_button.setText(_("New organization…"))
        else:
            self.new_button.setText(_("New person…"))
        self.open_button.setText(_("Open"))
        self.delete_button.setText(_("Delete"))
        self.export_button.setText(_("Export…"))
        self.table_view.retranslate()
        self._update_count()

