"""The one view of every list: a read-only table over ``PagedTableModel`` that sorts by a header click where
its source can, selects whole rows, keeps the selection on the same record when the list is read again, and
offers *Export this list…* in its context menu (the list as shown, with its search, filters and sort, to
CSV or XLSX in the background with a progress window and Cancel)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMessageBox, QTableView, QWidget

from advisor_app.i18n import N_, _, ngettext
from advisor_app.store.database import Store
from advisor_app.store.list_source import ListSource, RowsSource
from advisor_app.ui.common.background import Job, run_in_background
from advisor_app.ui.common.table_model import PagedTableModel
from advisor_app.ui.common.tables import fit_columns

EXPORTING = N_("Exporting a list")


class ListTable(QTableView):
    """``export_name`` is the file name suggested for an export (without extension)."""

    def __init__(self, store: Store, source: ListSource, export_name: str, parent: QWidget | None = None,
                 foreground: Callable[[PagedTableModel, int], object] | None = None, to_contents: bool = True):
        super().__init__(parent)
        self.store, self.export_name = store, export_name
        self.model_ = PagedTableModel(source, _, foreground)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        # The indicator first: enabling sorting sorts by it at once. A short list keeps the order its store
        # function gives until a header is clicked.
        keys = [column.key for column in source.columns]
        sorted_by = keys.index(source.sort_key) if source.sort_key in keys else -1
        header.setSortIndicator(sorted_by, Qt.SortOrder.DescendingOrder if source.descending
                                else Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        header.setSortIndicatorShown(True)
        for number, column in enumerate(source.columns):
            self.setColumnHidden(number, not column.shown)
        self.export_action = QAction(self, triggered=lambda: self.export())
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.addAction(self.export_action)
        self.to_contents = to_contents
        self.job: Job | None = None
        self.retranslate()

    @property
    def source(self) -> ListSource:
        return self.model_.view

    # Rows ----------------------------------------------------------------------------------------------
    def rowCount(self) -> int:
        return self.model_.rowCount()

    def cell_text(self, row: int, column: int) -> str:
        return self.model_.data(self.model_.index(row, column)) or ""

    def row_id(self, number: int) -> str | None:
        return self.model_.row_id(number)

    def current_id(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return self.model_.row_id(rows[0].row()) if rows else None

    def select_id(self, row_id: str) -> bool:
        """Select the record if it is among the first rows (a long list is not walked to its end)."""
        for number in range(min(self.model_.rowCount(), 400)):
            if self.model_.row_id(number) == row_id:
                self.selectRow(number)
                return True
        return False

    def refresh(self) -> None:
        """Read the list again (after an edit, a search or a filter); the same record stays selected."""
        selected = self.current_id()
        self.model_.refresh()
        if self.to_contents:
            fit_columns(self)
        if selected:
            self.select_id(selected)

    def set_search(self, text: str) -> None:
        self.source.search = text
        self.refresh()

    def set_filter(self, key: str, value) -> None:
        self.source.filters[key] = value or ""
        self.refresh()

    def retranslate(self) -> None:
        self.export_action.setText(_("Export this list…"))
        self.model_.retranslate()

    # Export --------------------------------------------------------------------------------------------
    def export(self, path: Path | None = None) -> Job | None:
        """Ask where (unless told), then write the list as shown in the background; returns the job, or
        None when the file dialog is cancelled or another job runs."""
        return export_list_of(self, self.store, self.source, self.export_name, path)


def export_list_of(parent: QWidget, store: Store, source: ListSource, export_name: str,
                   path: Path | None = None) -> Job | None:
    """*Export this list…*: the file dialog (XLSX or CSV), then the export in the background."""
    if path is None:
        xlsx, csv = _("Excel workbook (*.xlsx)"), _("CSV, comma-separated text (*.csv)")
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            parent, _("Export this list"), str(Path.home() / f"{export_name}.xlsx"), f"{xlsx};;{csv}")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_name(path.name + (".csv" if chosen_filter == csv else ".xlsx"))
    return start_export(parent, store, source, Path(path))


def export_action(widget: QWidget, store: Store, make_source: Callable[[], ListSource], export_name: str) -> QAction:
    """*Export this list…* in the context menu of a table that is not a ListTable (an editable grid of
    records, such as a workshop's attendance): the action exports ``make_source()``, read when chosen."""
    action = QAction(widget)
    action.triggered.connect(lambda: export_list_of(widget, store, make_source(), export_name))
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    widget.addAction(action)
    return action


def start_export(parent: QWidget, store: Store, source: ListSource, path: Path,
                 on_written: Callable[[int], None] | None = None) -> Job | None:
    """Write ``source`` to ``path`` on a worker thread, through its own connection to the data file."""
    from advisor_app.reports.spreadsheets import export_list

    if isinstance(source, RowsSource):
        # Read here, on the window's connection: the worker writes the records already in hand.
        held = source.with_connection(None)
        work = lambda progress: export_list(held, path, progress=progress)  # noqa: E731
    else:
        def work(progress) -> int:
            worker = store.another_connection()
            try:
                return export_list(source.with_connection(worker.conn), path, progress=progress)
            finally:
                worker.close()

    def written(count: int) -> None:
        if on_written is not None:
            on_written(count)
        else:
            QMessageBox.information(parent, _("Export this list"), ngettext(
                "{count} row written to {path}.", "{count} rows written to {path}.", count).format(
                count=count, path=path))

    return run_in_background(parent, EXPORTING, work, written)


def list_tables_in(widget: QWidget) -> list[ListTable]:
    """The lists a page shows (the File menu's *Export this list…* acts on the first visible one)."""
    return [table for table in widget.findChildren(ListTable) if table.isVisibleTo(widget)]
