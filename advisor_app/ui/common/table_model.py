"""A table model that asks SQLite only for the rows being painted.

``rowCount`` comes from one COUNT query; rows arrive in pages that are cached (a bounded number of
them), so scrolling 100,000 people end to end neither loads them all into Python nor grows memory.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from advisor_app.store.listing import ListView

PAGE_SIZE = 64
PAGES_KEPT = 32


class PagedTableModel(QAbstractTableModel):
    """``headers`` are (column key, English header marked with N_); ``display`` turns a stored
    value into the text shown for a column key."""

    def __init__(self, view: ListView, headers: list[tuple[str, str]],
                 display: Callable[[str, object], str], translate: Callable[[str], str]):
        super().__init__()
        self.view, self.headers, self.display, self.translate = view, headers, display, translate
        self._positions = {column.key: number + 1 for number, column in enumerate(view.columns)}
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._count = view.count()

    # Data --------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def _row(self, number: int) -> tuple | None:
        page_number = number // PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None:
            page = self.view.page(page_number * PAGE_SIZE, PAGE_SIZE)
            self._pages[page_number] = page
            if len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        offset = number % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._row(index.row())
        if row is None:
            return None
        key = self.headers[index.column()][0]
        return self.display(key, row[self._positions[key]])

    def row_id(self, number: int) -> str | None:
        row = self._row(number)
        return row[0] if row else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.translate(self.headers[section][1])
        return None

    # Changes -----------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.headers[column][0]
        if not self.view.sortable(key):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.view.sort_key, self.view.descending):
            return
        self.view.sort_key, self.view.descending = key, descending
        self.refresh()

    def set_search(self, text: str) -> None:
        self.view.search = text
        self.refresh()

    def set_filter(self, column: str, value: str | None) -> None:
        self.view.filters[column] = value or ""
        self.refresh()

    def refresh(self) -> None:
        """Re-read from the database (after an edit, a search or a new sort)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self.view.count()
        self.endResetModel()

    def reload_rows(self) -> None:
        """Read the rows again without counting them: after an edit that cannot add or remove a row of
        this list. The view asks again only for the rows it paints; the selection stays."""
        self._pages.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self.headers) - 1))

    def retranslate(self) -> None:
        self._pages.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self.headers) - 1))
