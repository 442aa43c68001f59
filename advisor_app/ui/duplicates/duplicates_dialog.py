"""*Edit → Possible duplicates…*: people who may be one person registered twice (or organizations
registered twice), with why, to compare and merge or to dismiss (store/duplicates.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import N_, _, ngettext
from advisor_app.store.duplicates import (
    CLOSE_NAME,
    SAME_CURP,
    SAME_NAME,
    SAME_NAME_AND_BIRTH_DATE,
    SAME_RFC,
    possible_duplicate_organizations,
    possible_duplicates,
)
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.wait_cursor import WaitCursor
from advisor_app.ui.common.window_fit import fit_window
from advisor_app.ui.duplicates.merge_dialog import MergeDialog

REASONS = {SAME_CURP: N_("Same CURP"), SAME_NAME_AND_BIRTH_DATE: N_("Same name and birth date"),
           CLOSE_NAME: N_("Close name in the same municipality"), SAME_RFC: N_("Same RFC"), SAME_NAME: N_("Same name")}


class DuplicatesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("duplicates_dialog")
        self.context = context
        self.pairs = []
        self.kind = QComboBox(self)
        self.kind.addItems(["", ""])
        self.kind.currentIndexChanged.connect(lambda _index: self.refresh())
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemActivated.connect(lambda _item: self.compare_current())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.compare_button = QPushButton(self)
        self.compare_button.clicked.connect(self.compare_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_window(self, 860, 520, "duplicates")
        self.retranslate()
        self.refresh()

    @property
    def table_name(self) -> str:
        return "people" if self.kind.currentIndex() == 0 else "organizations"

    def refresh(self) -> None:
        repository = self.context.repository
        table = self.table_name
        with WaitCursor():
            finder = possible_duplicates if table == "people" else possible_duplicate_organizations
            self.pairs = finder(self.context.store.conn)
        self.table.setRowCount(len(self.pairs))
        for row, pair in enumerate(self.pairs):
            cells = (repository.display_name(table, pair.first_id), repository.display_name(table, pair.second_id),
                     _(REASONS[pair.reason]))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.table.setItem(row, column, item)
        if self.pairs:
            self.table.selectRow(0)
        self._selection_changed()
        self.retranslate()

    def _summarize(self) -> None:
        count = len(self.pairs)
        if self.table_name == "people":
            self.summary.setText(ngettext(
                "{count} pair of people may be one person registered twice. Compare each pair: merge it into one "
                "person, or say they are two.",
                "{count} pairs of people may be one person registered twice. Compare each pair: merge it into one "
                "person, or say they are two.", count).format(count=count) if count else _(
                "No possible duplicates: no two people share a CURP, a name and birth date, or a close name in one "
                "municipality."))
        else:
            self.summary.setText(ngettext(
                "{count} pair of organizations may be one registered twice. Compare each pair: merge it into one, "
                "or say they are two.",
                "{count} pairs of organizations may be one registered twice. Compare each pair: merge it into one, "
                "or say they are two.", count).format(count=count) if count else _(
                "No possible duplicates: no two organizations share an RFC or a name, or have close names and one "
                "municipality."))

    def _selection_changed(self) -> None:
        self.compare_button.setEnabled(bool(self.table.selectedItems()))

    @reports_errors
    def compare_current(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        pair = self.pairs[items[0].data(Qt.ItemDataRole.UserRole)]
        dialog = MergeDialog(self.context, pair.first_id, pair.second_id, self, self.table_name)
        if dialog.exec():
            self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Possible duplicates"))
        self.kind.setItemText(0, _("People"))
        self.kind.setItemText(1, _("Organizations"))
        people = self.table_name == "people"
        self.table.setHorizontalHeaderLabels([_("Person") if people else _("Organization"), _("May be the same as"),
                                              _("Why")])
        self.compare_button.setText(_("Compare and merge…"))
        self._summarize()
