"""The parties of an agreement: who they are, their role, whether they sign and with which ID, who signs
for an organization, and each partner's contribution and share. Every cell is saved when it is left."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain.agreements.assembly import Draft, shares_total
from advisor_app.domain.agreements.library import Template, in_language
from advisor_app.domain.agreements.vocabulary import PARTY_KIND_NAMES
from advisor_app.domain.entities import CURRENCIES, label
from advisor_app.i18n import _, current_language, pgettext
from advisor_app.i18n.formatting import number_for_editing, percent, plain_number
from advisor_app.store.agreements import add_party, edit_party, party_name, party_rows, remove_party, to_party
from advisor_app.ui.common.confirm import destructive
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.record_form import ERROR_STYLE
from advisor_app.ui.common.record_picker import RecordPicker
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.window_fit import fit_window

# Editable text columns after name, role and "signs"; the contribution's currency is a list after them.
TEXT_COLUMNS = ("id_number", "representative", "representative_title", "contribution", "share_pct")
NUMBER_COLUMNS = ("contribution", "share_pct")  # typed as the language shows numbers, kept in plain digits
NAME, ROLE, SIGNS = 0, 1, 2
CURRENCY = 3 + len(TEXT_COLUMNS)
COLUMNS = {**{column: 3 + offset for offset, column in enumerate(TEXT_COLUMNS)}, "role": ROLE, "signs": SIGNS,
           "currency": CURRENCY}


def role_options(template: Template) -> list[tuple[str, str]]:
    return [(role, in_language(names, current_language())) for role, names in template.roles.items()]


class AddPartyDialog(QDialog):
    """A person or organization from the registry, or an authority typed by name, with its role."""

    def __init__(self, context: AppContext, template: Template, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.kind = context, kind
        self.record_id: str | None = None
        self.values: dict | None = None
        self.who = (RecordPicker(context.store.conn, "people" if kind == "person" else "organizations", self)
                    if kind != "authority" else QLineEdit(self))
        if isinstance(self.who, RecordPicker):
            self.who.picked.connect(self._picked)
        self.picked_label = QLabel(self)
        self.role = QComboBox(self)
        for role, name in role_options(template):
            self.role.addItem(name, role)
        if kind != "person":
            # An authority or an organization is rarely a partner: start on the first other role.
            other = next((index for index, (role, _name) in enumerate(role_options(template))
                          if role not in template.share_roles), 0)
            self.role.setCurrentIndex(other)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        who = QVBoxLayout()
        who.addWidget(self.who)
        who.addWidget(self.picked_label)
        form = QFormLayout()
        form.addRow(_(PARTY_KIND_NAMES[kind]), who)
        form.addRow(_("Role in the agreement"), self.role)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setWindowTitle(_("Add a party"))
        if kind == "authority":
            self.who.setPlaceholderText(_("e.g. Municipality of Jerez, Zacatecas"))
        fit_window(self, 480, 180, "add_party")

    def _picked(self, record_id: str) -> None:
        self.record_id = record_id
        self.picked_label.setText("<b>%s</b>" % self.context.repository.display_name(
            "people" if self.kind == "person" else "organizations", record_id))

    def _accept(self) -> None:
        values = {"kind": self.kind, "role": self.role.currentData()}
        if self.kind == "authority":
            name = self.who.text().strip()
            if not name:
                self.error.setText(_("Write the name of the authority or office."))
                return
            values["authority_name"] = name
        elif not self.record_id:
            self.error.setText(_("Choose the party from the list that appears as you type."))
            return
        else:
            values["person_id" if self.kind == "person" else "organization_id"] = self.record_id
        self.values = values
        self.accept()


class PartiesPanel(QWidget):
    """The table of parties; ``saved`` fires after each write so the preview follows."""

    saved = Signal()

    def __init__(self, context: AppContext, agreement_id: str, template: Template, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.agreement_id, self.template = context, agreement_id, template
        self.table = QTableWidget(0, CURRENCY + 1, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._item_changed)
        self.buttons = {name: QPushButton(self) for name in ("person", "organization", "authority", "remove")}
        for name, button in self.buttons.items():
            button.clicked.connect(self.remove_selected if name == "remove" else
                                   (lambda _checked=False, kind=name: self.add(kind)))
        self.total = QLabel(self)
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._ids: list[str] = []
        self._filling = False
        self.retranslate()

    def set_read_only(self, read_only: bool) -> None:
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else
                                   QAbstractItemView.EditTrigger.AllEditTriggers)
        for button in self.buttons.values():
            button.setEnabled(not read_only)
        changed = getattr(self, "_read_only", False) != read_only
        self._read_only = read_only
        for row in range(self.table.rowCount()):
            for column in (ROLE, CURRENCY):
                widget = self.table.cellWidget(row, column)
                if widget:
                    widget.setEnabled(not read_only)
        if changed:
            self.refresh()  # the "signs" boxes are made checkable or not

    def refresh(self) -> None:
        rows = party_rows(self.context.store.conn, self.agreement_id)
        current = self.table.currentRow(), self.table.currentColumn()
        self._filling = True
        for number in range(self.table.rowCount()):
            for column in (ROLE, CURRENCY):
                old = self.table.cellWidget(number, column)
                if old is not None:
                    old.hide()  # replaced below; Qt deletes it later, and it must not show meanwhile
        self._ids = [row["id"] for row in rows]
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            name = QTableWidgetItem(f"{party_name(row)} ({label(PARTY_KIND_NAMES, row['kind'])})")
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.table.setItem(number, NAME, name)
            role = QComboBox(self.table)
            for code, text in role_options(self.template):
                role.addItem(text, code)
            if role.findData(row["role"]) < 0:
                role.addItem(row["role"], row["role"])
            role.setCurrentIndex(role.findData(row["role"]))
            role.currentIndexChanged.connect(lambda _index, party=row["id"], box=role: self._save(
                party, {"role": box.currentData()}))
            self.table.setCellWidget(number, ROLE, role)
            currency = QComboBox(self.table)
            currency.addItem("", None)
            for code in CURRENCIES:
                currency.addItem(code, code)
            currency.setCurrentIndex(max(currency.findData(row["currency"]), 0))
            currency.setToolTip(_("The currency of this contribution; empty: the agreement's currency"))
            currency.currentIndexChanged.connect(lambda _index, party=row["id"], box=currency: self._save(
                party, {"currency": box.currentData()}))
            self.table.setCellWidget(number, CURRENCY, currency)
            signs = QTableWidgetItem()
            checkable = Qt.ItemFlag.ItemIsUserCheckable if not getattr(self, "_read_only", False) else Qt.ItemFlag(0)
            signs.setFlags(Qt.ItemFlag.ItemIsEnabled | checkable | Qt.ItemFlag.ItemIsSelectable)
            signs.setCheckState(Qt.CheckState.Checked if row["signs"] else Qt.CheckState.Unchecked)
            self.table.setItem(number, SIGNS, signs)
            for offset, column in enumerate(TEXT_COLUMNS):
                shown = number_for_editing(row[column], column == "contribution") if column in NUMBER_COLUMNS \
                    else row[column] or ""
                item = QTableWidgetItem(shown)
                if column in ("representative", "representative_title") and row["kind"] == "person":
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(number, 3 + offset, item)
        self._filling = False
        self.table.resizeColumnsToContents()
        if 0 <= current[0] < len(rows):
            self.table.setCurrentCell(current[0], max(current[1], 0))
        for row in range(self.table.rowCount()):
            for column in (ROLE, CURRENCY):
                widget = self.table.cellWidget(row, column)
                if widget:
                    widget.setEnabled(not getattr(self, "_read_only", False))
        self._show_total(rows)

    def _show_total(self, rows: list[dict]) -> None:
        """The partners' shares as the checks count them (a party removed from the registry does not count)."""
        if not self.template.share_roles:
            self.total.setText("")
            return
        total = shares_total(Draft(self.template, parties=tuple(to_party(row) for row in rows)))
        self.total.setText(_("Shares: {total} of 100%").format(total=percent(total)))
        self.total.setStyleSheet("" if total == 100 else ERROR_STYLE)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or not 0 <= item.row() < len(self._ids):
            return
        party = self._ids[item.row()]
        if item.column() == SIGNS:
            self._save(party, {"signs": 1 if item.checkState() == Qt.CheckState.Checked else 0})
        elif item.column() >= 3:
            column = TEXT_COLUMNS[item.column() - 3]
            self._save(party, {column: plain_number(item.text()) if column in NUMBER_COLUMNS else item.text()})

    def _save(self, party_id: str, values: dict) -> None:
        if self._filling:
            return
        self._write(party_id, values)
        # Show what is stored: the new total, or the old value when refused (the message said why).
        QTimer.singleShot(0, self, self.refresh)
        self.saved.emit()

    @reports_errors
    def _write(self, party_id: str, values: dict) -> bool:
        return edit_party(self.context.repository, party_id, values)

    @reports_errors
    def add(self, kind: str) -> str | None:
        dialog = AddPartyDialog(self.context, self.template, kind, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.values:
            return None
        party_id = add_party(self.context.repository, self.agreement_id, dialog.values)
        self.refresh()
        self.select(party_id)
        self.saved.emit()
        return party_id

    def select(self, party_id: str, field: str = "") -> None:
        """Select the party's row and bring the column to correct into view."""
        if party_id in self._ids:
            row = self._ids.index(party_id)
            column = COLUMNS.get(field, NAME)
            self.table.setCurrentCell(row, column)
            self.table.scrollToItem(self.table.item(row, column) or self.table.item(row, NAME))
            if field in TEXT_COLUMNS and not getattr(self, "_read_only", False):
                self.table.editItem(self.table.item(row, column))

    @reports_errors
    def remove_selected(self, confirm: bool = True) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._ids):
            return
        name = self.table.item(row, NAME).text()
        if confirm and not destructive(self, _("Remove party"), _(
                "Take {name} off this agreement? The person or organization stays in the registry.").format(
                name=name), _("Remove")):
            return
        remove_party(self.context.repository, self._ids[row])
        self.refresh()
        self.saved.emit()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            pgettext("agreement", "Party"), _("Role in the agreement"), _("Signatory"), _("ID number"), _("Signs on its behalf"),
            _("Signatory's position"), _("Contribution"), _("Share (%)"), _("Currency")])
        for name, text in {"person": _("Add person…"), "organization": _("Add organization…"),
                           "authority": _("Add authority…"), "remove": _("Remove")}.items():
            self.buttons[name].setText(text)
        self.refresh()
