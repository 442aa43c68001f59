"""The clubs and federations behind the home page's figure: whose toma de nota expires within 90 days or
has expired, the soonest first, each one opened with a double click or Open."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain import entities
from advisor_app.domain.records import RENEWAL_NOTICE_DAYS
from advisor_app.i18n import _, ngettext
from advisor_app.i18n.formatting import date
from advisor_app.store.registrations import list_due
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.tables import fit_columns
from advisor_app.ui.common.window_fit import fit_window


def standing(valid_until: dt.date, today: dt.date) -> str:
    days = (valid_until - today).days
    if days < 0:
        return ngettext("Expired {days} day ago", "Expired {days} days ago", -days).format(days=-days)
    if days == 0:
        return _("Expires today")
    return ngettext("Expires in {days} day", "Expires in {days} days", days).format(days=days)


class RegistrationsDialog(QDialog):
    def __init__(self, context: AppContext, today: dt.date, open_organization: Callable[[str], object],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.today, self.open_organization = context, today, open_organization
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.cellDoubleClicked.connect(lambda _row, _column: self.open_selected())
        self.open_button, self.close_button = QPushButton(self), QPushButton(self)
        self.open_button.clicked.connect(self.open_selected)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        fit_window(self, 760, 420, "registrations_due")
        self.retranslate()

    def ids(self) -> list[str]:
        return [self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(self.table.rowCount())]

    def reload(self) -> None:
        rows = list_due(self.context.store.conn, self.today)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            valid_until = dt.date.fromisoformat(row["registration_valid_until"])
            cells = (row["name"], entities.label(entities.ORGANIZATION_KINDS, row["kind"]), date(valid_until),
                     standing(valid_until, self.today))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row["id"])
                if column == 3 and valid_until < self.today:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(index, column, item)
        if rows:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(rows))
        fit_columns(self.table)

    def open_selected(self):
        row = self.table.currentRow()
        if row < 0:
            return None
        return self.open_organization(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Toma de nota due or expired"))
        self.intro.setText(_("Clubs and federations whose consular registration (toma de nota) expires within {days} "
                             "days or has expired. An expired club cannot sign a co-financing agreement: start the "
                             "renewal in time.").format(days=RENEWAL_NOTICE_DAYS))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Kind"), _("Valid until"), _("Status")])
        self.open_button.setText(_("Open"))
        self.close_button.setText(_("Close"))
        self.reload()
