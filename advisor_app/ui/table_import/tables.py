"""The two tables of the spreadsheet import: which field each column holds, and what each row becomes.

The preview of a 10,000-row file is a model, not a widget per cell: rows with problems drawn in red with
their sentences, rows that match a registered record with a box to update it or leave it as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from advisor_app.i18n import _
from advisor_app.store.table_files import Table
from advisor_app.store.table_import import NEW, PROBLEM, UNCHANGED, UPDATE, Preview, describe_match
from advisor_app.store.table_mapping import FIELDS
from advisor_app.store.table_values import text_of

PROBLEM_BACKGROUND = QColor("#fde7e9")
MATCH_BACKGROUND = QColor("#eef4fb")
SAMPLES = 3


class ColumnsTable(QTableWidget):
    """One row per column of the file: its header, its first values, and a list to choose the field."""

    mapping_changed = Signal()  # a field chosen for a column (the lists are made anew on a language switch)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 3, parent)
        self.kind = "people"
        self.table: Table | None = None
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.retranslate()

    def show_table(self, table: Table, kind: str, mapping: dict[int, str]) -> None:
        self.table, self.kind = table, kind
        self.setRowCount(len(table.headers))
        for index, header in enumerate(table.headers):
            self.setItem(index, 0, QTableWidgetItem(header or _("column {number}").format(number=index + 1)))
            samples = [text_of(row[index]) for row in table.rows[:SAMPLES] if index < len(row)]
            self.setItem(index, 1, QTableWidgetItem(" · ".join(sample for sample in samples if sample)))
            choice = QComboBox(self)
            choice.addItem(_("(do not import)"), None)
            for item in FIELDS[kind]:
                choice.addItem(_(item.label), item.name)
            choice.setCurrentIndex(max(0, choice.findData(mapping.get(index))))
            choice.currentIndexChanged.connect(lambda _index: self.mapping_changed.emit())
            self.setCellWidget(index, 2, choice)

    def choice(self, index: int) -> QComboBox:
        return self.cellWidget(index, 2)

    def mapping(self) -> dict[int, str]:
        chosen: dict[int, str] = {}
        for index in range(self.rowCount()):
            name = self.choice(index).currentData()
            if name and name not in chosen.values():
                chosen[index] = name
        return chosen

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_("Column in the file"), _("First values"), _("Field")])
        if self.table is not None:
            self.show_table(self.table, self.kind, self.mapping())


class PreviewModel(QAbstractTableModel):
    """Rows of the preview, filtered by status; the Import column's box chooses update or skip."""

    FILTERS = ("all", PROBLEM, "registered", NEW)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.preview: Preview | None = None
        self.skipped: set[int] = set()
        self.rows = []
        self.filter = "all"

    def show_preview(self, preview: Preview | None) -> None:
        self.beginResetModel()
        self.preview = preview
        self.skipped = set()
        self._filter_rows()
        self.endResetModel()

    def set_filter(self, name: str) -> None:
        self.beginResetModel()
        self.filter = name
        self._filter_rows()
        self.endResetModel()

    def _filter_rows(self) -> None:
        rows = self.preview.rows if self.preview else []
        if self.filter == "registered":
            rows = [row for row in rows if row.status in (UPDATE, UNCHANGED)]
        elif self.filter != "all":
            rows = [row for row in rows if row.status == self.filter]
        self.rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Row"), _("Import"), _("Record"), _("Problems or registered record"))[section]
        return None

    def status_text(self, row) -> str:
        status = row.status
        if status == UPDATE:
            return _("Skip") if row.number in self.skipped else _("Update")
        return {NEW: _("New record"), UNCHANGED: _("Nothing to add"), PROBLEM: _("Problem")}[status]

    def details(self, row) -> str:
        if row.problems:
            return " ".join(f"{problem.column}: {problem.message}" for problem in row.problems)
        return describe_match(row, self.preview.kind)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(row.number)
            if column == 1:
                return self.status_text(row)
            if column == 2:
                return row.label
            return self.details(row)
        if role == Qt.ItemDataRole.CheckStateRole and column == 1 and row.status == UPDATE:
            return Qt.CheckState.Unchecked if row.number in self.skipped else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.problems:
                return QBrush(PROBLEM_BACKGROUND)
            if row.match_id:
                return QBrush(MATCH_BACKGROUND)
        return None

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        if index.isValid() and index.column() == 1 and self.rows[index.row()].status == UPDATE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != 1:
            return False
        row = self.rows[index.row()]
        if row.status != UPDATE:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if checked:
            self.skipped.discard(row.number)
        else:
            self.skipped.add(row.number)
        self.dataChanged.emit(index, index)
        return True
