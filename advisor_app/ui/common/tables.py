"""Small read-only tables (members, peers, history, conflicts): one way to make and fill them, and one
way to size their columns so that every header reads whole and the table does not scroll sideways."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QTableWidget, QTableWidgetItem, QWidget


def read_only_table(columns: int, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    return table


def set_row(table: QTableWidget, number: int, cells: list[str]) -> None:
    """Each cell's full text is also its tooltip, for columns too narrow to show it."""
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        table.setItem(number, column, item)


def header_width(table: QTableView, column: int) -> int:
    """The width the column's header text needs, as Qt measures it (bold, a margin each side, room for
    the sort arrow where the table sorts), and the widest widget placed in the column's cells."""
    header = table.horizontalHeader()
    font = QFont(header.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    text = str(table.model().headerData(column, header.orientation()) or "")
    need = max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0) + 2 * margin
    if table.isSortingEnabled() and header.isSortIndicatorShown():
        need += header.sizeHint().height() + margin
    model = table.model()
    # Widgets placed in cells are the viewport's children: a list without any (every registry list, a
    # million rows long) is not walked row by row.
    if table.viewport().findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        for row in range(model.rowCount()):
            widget = table.indexWidget(model.index(row, column))
            if widget is not None:
                need = max(need, widget.sizeHint().width())
    return need


def fit_columns(table: QTableView, to_contents: bool = True) -> None:
    """Size the columns to their contents (or keep the widths they were given), never narrower than their
    header, and narrow the widest ones while the table is wider than its window: long cells end in "…"
    and show whole as a tooltip. The fit is made again whenever the table is resized or relabelled."""
    fitter = table.findChild(_ColumnFitter)
    if fitter is None:
        fitter = _ColumnFitter(table, to_contents)
    fitter.fit(read_contents=True)


class _ColumnFitter(QObject):
    def __init__(self, table: QTableView, to_contents: bool):
        super().__init__(table)
        self.table, self.to_contents = table, to_contents
        header = table.horizontalHeader()
        # The last column reaches the right edge as Qt's stretch would make it, but here, after the
        # others are fitted (Qt's stretch does not follow sections resized in code).
        self.stretch = header.stretchLastSection()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.wanted = [header.sectionSize(column) for column in range(header.count())]
        self._fitting = False
        self._width = -1
        table.viewport().installEventFilter(self)
        table.model().headerDataChanged.connect(lambda *_args: self.fit())
        header.sectionResized.connect(self._resized_by_hand)

    def _resized_by_hand(self, column: int, _old: int, width: int) -> None:
        """A column dragged wider or narrower keeps that width; the last one takes up the rest."""
        if not self._fitting and column < len(self.wanted):
            self.wanted[column] = width
            self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.table.viewport().width() != self._width:
            self.fit()
        return False

    def fit(self, read_contents: bool = False) -> None:
        if self._fitting:
            return
        self._fitting = True
        try:
            self._fit(read_contents)
        finally:
            self._fitting = False

    def _fit(self, read_contents: bool) -> None:
        table, header = self.table, self.table.horizontalHeader()
        columns = [column for column in range(header.count()) if not header.isSectionHidden(column)]
        if not columns:
            return
        if self.to_contents and read_contents:
            table.resizeColumnsToContents()
            self.wanted = [header.sectionSize(column) for column in range(header.count())]
        while len(self.wanted) < header.count():
            self.wanted.append(header.defaultSectionSize())
        floors = {column: header_width(table, column) for column in columns}
        wanted = {column: max(self.wanted[column], floors[column]) for column in columns}
        available = table.viewport().width()
        self._width = available
        widths = dict(wanted)
        if available > 0 and sum(wanted.values()) > available:
            widths = _narrowed(wanted, floors, available)
        if self.stretch and available > 0:
            last = columns[-1]
            widths[last] = max(widths[last], available - sum(widths.values()) + widths[last])
        for column, width in widths.items():
            header.resizeSection(column, width)


def _narrowed(wanted: dict[int, int], floors: dict[int, int], available: int) -> dict[int, int]:
    """The widest columns cut to one common cap, the highest that lets the table fit (none below its floor)."""
    def widths(cap: int) -> dict[int, int]:
        return {column: max(floors[column], min(width, cap)) for column, width in wanted.items()}

    low, high = 0, max(wanted.values())
    while low < high:
        cap = (low + high + 1) // 2
        if sum(widths(cap).values()) <= available:
            low = cap
        else:
            high = cap - 1
    return widths(low)
