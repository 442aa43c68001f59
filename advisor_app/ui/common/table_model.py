"""The one table model of every list: it asks its list source (``store/list_source.py``) only for the
rows being painted, and shows each value as its column's kind says (dates and amounts in the language's
conventions, codes as their labels).

``rowCount`` comes from one COUNT query, which a search or a filter stops at ``COUNT_CAP`` rows (a
keystroke's cost must not grow with the file); the rest are counted when the list is scrolled to that
point (``fetchMore``). Rows arrive in pages that are cached (a bounded number of them), so scrolling
100,000 people end to end neither loads them all into Python nor grows memory.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from advisor_app.i18n import _, formatting
from advisor_app.store.list_source import (CODE, DATE, MONEY, NUMBER, PERCENT, PLACE, Column, ListSource, as_date,
                                           as_number, label_of)

_DISPLAY, _TOOLTIP, _FOREGROUND = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                   Qt.ItemDataRole.ForegroundRole)
PAGE_SIZE = 64
PAGES_KEPT = 32
COUNT_CAP = 10_000


def cell_text(column: Column, value, currency: str | None = None) -> str:
    """A stored value as a list shows it, in the current language."""
    if value is None or value == "":
        return ""
    if column.kind in (CODE, PLACE):
        return label_of(column, value)
    if column.kind == DATE:
        day = as_date(value)
        return formatting.date(day) if day else str(value)
    if column.kind in (MONEY, PERCENT) or (column.kind == NUMBER and not isinstance(value, int)):
        number = as_number(value)
        if number is None:
            return str(value)
        if column.kind == MONEY:
            return formatting.money(number, currency or "MXN")
        return formatting.percent(number) if column.kind == PERCENT else formatting.number(number)
    return str(value)


class PagedTableModel(QAbstractTableModel):
    """Every column of the source is a column of the model (the view hides those not ``shown``);
    ``foreground(model, row number)`` may colour a row (overdue actions in red)."""

    def __init__(self, view: ListSource, translate: Callable[[str], str] = _,
                 foreground: Callable[["PagedTableModel", int], object] | None = None):
        super().__init__()
        self.view, self.translate, self.foreground = view, translate, foreground
        self.header_text: Callable[[Column], str] | None = None  # a window's own wording of a header
        self.columns = view.columns
        self.headers = [(column.key, column.header) for column in view.columns]
        self._positions = {column.key: number + 1 for number, column in enumerate(view.columns)}
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._count, self._more = self._counted()

    # Data --------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def more(self) -> bool:
        """Whether the list holds more rows than counted so far (then ``rowCount`` is ``COUNT_CAP``)."""
        return self._more

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:
        """The list was scrolled to the last counted row: count the rest."""
        if parent.isValid() or not self._more:
            return
        total = self.view.count()
        self._more = False
        if total > self._count:
            self.beginInsertRows(QModelIndex(), self._count, total - 1)
            self._count = total
            self.endInsertRows()

    def _counted(self) -> tuple[int, bool]:
        if not self.view.narrowed():
            return self.view.count(), False  # the whole table: a kept count, exact at no cost
        counted = self.view.count(cap=COUNT_CAP)
        return (COUNT_CAP, True) if counted > COUNT_CAP else (counted, False)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def _row(self, number: int) -> tuple | None:
        page_number = number // PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None:
            page = self.view.page(page_number * PAGE_SIZE, PAGE_SIZE, None if self._more else self._count)
            self._pages[page_number] = page
            if len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        offset = number % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        # Qt asks for a dozen roles per cell at every paint: the roles that answer are told apart first.
        if role != _DISPLAY and role != _TOOLTIP:
            if role == _FOREGROUND and self.foreground is not None and index.isValid():
                return self.foreground(self, index.row())
            return None
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = self.columns[index.column()]
        currency = row[self._positions[column.currency_key]] if column.currency_key else None
        return cell_text(column, row[index.column() + 1], currency)  # the tooltip: a cell cut short read whole

    def row_id(self, number: int) -> str | None:
        row = self._row(number)
        return row[0] if row else None

    def value(self, number: int, key: str):
        """The stored value of one column of a row."""
        row = self._row(number)
        return row[self._positions[key]] if row else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if self.header_text is not None:
                return self.header_text(self.columns[section])
            return self.translate(self.headers[section][1])
        return None

    # Changes -----------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.headers):
            return  # no sort indicator: the list keeps its own order
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
        self._count, self._more = self._counted()
        self.endResetModel()

    def narrowed(self) -> bool:
        """Whether a search or a filter picks the rows: then an edited field can move a row in or out."""
        return self.view.narrowed()

    def repaint(self) -> None:
        """Show edited values without counting again: a field's edit leaves an unfiltered list as long
        as it was (only the cached pages are read again, as they are painted)."""
        self._pages.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self.headers) - 1))

    def retranslate(self) -> None:
        self._pages.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self.headers) - 1))
