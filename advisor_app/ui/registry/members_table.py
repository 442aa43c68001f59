"""The memberships shown inside an organization's or a person's window, with add, edit and remove."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import _, formatting, pgettext
from advisor_app.store import list_sources
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.list_table import ListTable
from advisor_app.ui.common.user_errors import reports_errors


class MembersTable(QWidget):
    """``side`` is "organization" (rows are people) or "person" (rows are organizations)."""

    def __init__(self, context: AppContext, side: str, owner_id: Callable[[], str | None],
                 open_membership: Callable[[str | None], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.side, self.owner_id, self.open_membership = context, side, owner_id, open_membership
        self.title = QLabel(self)
        self.table = ListTable(context.store, list_sources.memberships(context.store.conn, side, owner_id),
                               "members" if side == "organization" else "memberships", self)
        self.table.model_.header_text = self._header
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _index: self._edit())
        self.total = QLabel(self)
        self.add_button, self.edit_button, self.remove_button = (QPushButton(self) for _ in range(3))
        self.add_button.clicked.connect(lambda: self.open_membership(None))
        self.edit_button.clicked.connect(self._edit)
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.total)
        layout.addLayout(buttons)
        context.changed.connect(self._on_changed)
        self.retranslate()

    @staticmethod
    def _header(column) -> str:
        if column.key == "contribution":
            # On two lines, so the organization's name keeps the room in a record window.
            return pgettext("column header on two lines", "Committed\ncontribution")
        return _(column.header)

    def _on_changed(self, table: str) -> None:
        if table in ("memberships", "people", "organizations"):
            self.reload()

    def reload(self) -> None:
        owner = self.owner_id()
        self.table.refresh()
        enabled = owner is not None
        self.add_button.setEnabled(enabled)
        self.edit_button.setEnabled(bool(self._rows))
        self.remove_button.setEnabled(bool(self._rows))
        if self.side == "organization" and owner:
            total = self.context.repository.shares_total(owner)
            self.total.setText(_("Shares assigned: {total} of 100 %").format(total=formatting.number(total)))
        else:
            self.total.setText("" if owner else _("Save the record first to add memberships."))

    @property
    def _rows(self) -> list[dict]:
        """The memberships listed, in the order shown."""
        return self.table.source.records()

    def _selected(self) -> dict | None:
        row_id = self.table.current_id()
        return self.table.source.record(row_id) if row_id else None

    def _edit(self) -> None:
        row = self._selected()
        if row:
            self.open_membership(row["id"])

    @reports_errors
    def _remove(self) -> None:
        row = self._selected()
        if row:
            self.context.delete("memberships", row["id"], _("Membership of {name}").format(name=row["name"]))

    def retranslate(self) -> None:
        self.title.setText(_("Members") if self.side == "organization" else _("Memberships"))
        self.table.retranslate()
        self.add_button.setText(_("Add member…") if self.side == "organization" else _("Add to an organization…"))
        self.edit_button.setText(_("Edit…"))
        self.remove_button.setText(_("Remove"))
        self.reload()
