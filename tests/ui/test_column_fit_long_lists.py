"""Fitting a list's columns reads its header and the widgets placed in cells; a list of a million rows
without any such widget is not walked row by row (the main window's first paint at a state office's size)."""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QPushButton, QTableView, QTableWidget

from advisor_app.ui.common.tables import header_width


class _Million(QAbstractTableModel):
    def rowCount(self, parent=None):
        return 1_000_000

    def columnCount(self, parent=None):
        return 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return "x" if role == Qt.ItemDataRole.DisplayRole else None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return "Name" if role == Qt.ItemDataRole.DisplayRole else None


def test_a_million_rows_without_cell_widgets_are_not_walked(qtbot):
    view = QTableView()
    qtbot.addWidget(view)
    model = _Million()
    view.setModel(model)
    began = time.perf_counter()
    width = header_width(view, 0)
    assert time.perf_counter() - began < 0.5
    assert width > 0


def test_a_widget_in_a_cell_still_widens_its_column(qtbot):
    table = QTableWidget(3, 2)
    qtbot.addWidget(table)
    table.setHorizontalHeaderLabels(["A", "B"])
    bare = header_width(table, 1)
    button = QPushButton("A rather long button label in a cell")
    table.setCellWidget(2, 1, button)
    assert header_width(table, 1) == max(bare, button.sizeHint().width()) > bare
