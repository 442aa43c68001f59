"""An editable table of a plan's lines (investment items, sources, products, costs, risks).

Cells hold what was typed: a number that cannot be read stays as typed, so the finance checks can name
the cell, and nothing the group wrote disappears. A number is read as the language shows it ("$50,000.00",
"50 000", "50,000") and, once the cell is left, shown that way too; the plan keeps it in plain digits,
and a number shown again unchanged keeps the digits it had, so looking at a table writes nothing.
Choice columns are drop-downs; a row is added or removed with the buttons under the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import _
from advisor_app.i18n.formatting import number_for_editing, plain_number, read_number
from advisor_app.ui.common.record_form import ERROR_STYLE

_CELL = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")
PROBLEM_BACKGROUND = QColor("#fde7e4")
PLAIN = Qt.ItemDataRole.UserRole  # a number cell's value in plain digits (or its text when unreadable)


@dataclass(frozen=True)
class LineColumn:
    key: str
    label: str  # English, marked with N_
    kind: str = "text"  # text, number, choice, button
    options: Callable[[], list[tuple[str, str]]] | None = None  # (code, English label) for choices
    stretch: bool = False
    required: bool = False  # an empty number cell is a problem; otherwise it takes the model's default
    on_click: Callable[[int], None] | None = None  # button columns: called with the row number
    money: bool = False  # number columns: shown with two decimals


def _same_number(first: str, second: str) -> bool:
    try:
        return Decimal(first) == Decimal(second)
    except ArithmeticError:
        return False


class LineTable(QWidget):
    edited = Signal()

    def __init__(self, path: str, columns: list[LineColumn], add_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.path, self.columns, self._add_label = path, columns, add_label
        self._loading = False
        self._extra: list[dict[str, Any]] = []  # each row's values that no column shows (seasonality)
        self.table = QTableWidget(0, len(columns), self)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        for index, column in enumerate(columns):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch if column.stretch
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._on_item_changed)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(lambda: self.add_row({}))
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.problems = QLabel(self)
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.setWordWrap(True)
        self.problems.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problems)
        self.retranslate()

    # Rows ------------------------------------------------------------------------
    def rows(self) -> list[dict[str, Any]]:
        found = []
        for row in range(self.table.rowCount()):
            values: dict[str, Any] = dict(self._extra[row])
            for index, column in enumerate(self.columns):
                if column.kind == "choice":
                    values[column.key] = self.table.cellWidget(row, index).currentData()
                elif column.kind in ("text", "number"):
                    item = self.table.item(row, index)
                    text = item.text() if item else ""
                    if column.kind == "number":
                        text = (item.data(PLAIN) if item and item.data(PLAIN) is not None else plain_number(text))
                        if text or column.required:
                            values[column.key] = text or None
                        else:
                            values.pop(column.key, None)
                    else:
                        values[column.key] = text.strip()
            found.append(values)
        return found

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self._loading = True
        self.table.setRowCount(0)
        self._extra = []
        for values in rows:
            self._append(values)
        self._loading = False

    def _append(self, values: dict[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        shown = {column.key for column in self.columns if column.kind != "button"}
        self._extra.append({key: value for key, value in values.items() if key not in shown})
        for index, column in enumerate(self.columns):
            if column.kind == "choice":
                combo = QComboBox(self.table)
                for code, label in column.options():
                    combo.addItem(_(label), code)
                found = combo.findData(values.get(column.key))
                combo.setCurrentIndex(max(found, 0))
                combo.currentIndexChanged.connect(lambda _index: self._emit())
                self.table.setCellWidget(row, index, combo)
            elif column.kind == "button":
                button = QPushButton(_(column.label), self.table)
                button.clicked.connect(lambda _checked=False, button=button, column=column: self._clicked(button, column))
                self.table.setCellWidget(row, index, button)
            else:
                raw = values.get(column.key)
                raw = "" if raw is None else str(raw)
                if column.kind == "number":
                    item = QTableWidgetItem(number_for_editing(raw, column.money))
                    item.setData(PLAIN, raw)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    item = QTableWidgetItem(raw)
                self.table.setItem(row, index, item)

    def _clicked(self, button: QPushButton, column: LineColumn) -> None:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, self.columns.index(column)) is button:
                column.on_click(row)
                return

    def set_extra(self, row: int, key: str, value: Any) -> None:
        """A value the row keeps without a column of its own (a product's seasonality)."""
        self._extra[row][key] = value
        self._emit()

    def extra(self, row: int, key: str) -> Any:
        return self._extra[row].get(key)

    def add_row(self, values: dict[str, Any]) -> None:
        self._loading = True
        self._append(values)
        self._loading = False
        row = self.table.rowCount() - 1
        first = next((index for index, column in enumerate(self.columns) if column.kind == "text"), None)
        if first is not None:
            self.table.setCurrentCell(row, first)
            self.table.editItem(self.table.item(row, first))
        self._emit()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()} or
                      ({self.table.currentRow()} if self.table.currentRow() >= 0 else set()), reverse=True)
        for row in rows:
            self.table.removeRow(row)
            del self._extra[row]
        if rows:
            self._emit()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        column = self.columns[item.column()] if item.column() < len(self.columns) else None
        if column is not None and column.kind == "number":
            self._read_typed_number(item, column)
        self._emit()

    def _read_typed_number(self, item: QTableWidgetItem, column: LineColumn) -> None:
        """Keep the typed number in plain digits and show it as the language does; unreadable text stays."""
        typed, kept = item.text(), item.data(PLAIN)
        value = read_number(typed)
        if value is None:
            plain, shown = typed.strip(), typed
        else:
            plain = kept if kept and _same_number(kept, format(value, "f")) else format(value, "f")
            shown = number_for_editing(plain, column.money)
        self._loading = True
        item.setData(PLAIN, plain)
        if shown != typed:
            item.setText(shown)
        self._loading = False

    def _emit(self) -> None:
        if not self._loading:
            self.edited.emit()

    # Problems --------------------------------------------------------------------
    def show_problems(self, problems: dict[str, str]) -> None:
        """Mark the cells the finance checks name (``path[row].field``) and list the sentences below."""
        self._loading = True
        marked: dict[tuple[int, int], str] = {}
        lines = []
        keys = [column.key for column in self.columns]
        for path, message in problems.items():
            found = _CELL.match(path)
            if path == self.path:
                lines.append(message)
            elif found and found.group(1) == self.path:
                row, key = int(found.group(2)), found.group(3)
                if key in keys:
                    marked[(row, keys.index(key))] = message
                label = next((_(column.label) for column in self.columns if column.key == key), key)
                lines.append(_("Line {row}, {column}: {message}").format(row=row + 1, column=label, message=message))
        for row in range(self.table.rowCount()):
            for index, column in enumerate(self.columns):
                item = self.table.item(row, index)
                if item is None:
                    continue
                message = marked.get((row, index))
                item.setBackground(PROBLEM_BACKGROUND if message else QColor(Qt.GlobalColor.transparent))
                item.setToolTip(message or "")
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        self._loading = False

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_(column.label) for column in self.columns])
        self.add_button.setText(_(self._add_label))
        self.remove_button.setText(_("Remove the selected line"))
        self._loading = True
        for row in range(self.table.rowCount()):
            for index, column in enumerate(self.columns):
                widget = self.table.cellWidget(row, index)
                if isinstance(widget, QComboBox):
                    for position, (_code, label) in enumerate(column.options()):
                        widget.setItemText(position, _(label))
                elif isinstance(widget, QPushButton):
                    widget.setText(_(column.label))
        self._loading = False
