"""*Edit → Possible duplicates…*: people who may be one person registered twice (or organizations
registered twice), with why, to compare and merge or to dismiss (store/duplicates.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QStackedWidget,
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
from advisor_app.store.list_source import CODE, Column, RowsSource
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.list_table import ListTable
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.wait_cursor import WaitCursor
from advisor_app.ui.common.window_fit import fit_window
from advisor_app.ui.duplicates.merge_dialog import MergeDialog

TABLES = ("people", "organizations")
REASONS = {SAME_CURP: N_("Same CURP"), SAME_NAME_AND_BIRTH_DATE: N_("Same name and birth date"),
           CLOSE_NAME: N_("Close name in the same municipality"), SAME_RFC: N_("Same RFC"), SAME_NAME: N_("Same name")}


class DuplicatesDialog(QDialog):
    """The pairs are found once when the list is shown (or after a merge), then shown, sorted and
    exported like every other list (ui/common/list_table.py)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("duplicates_dialog")
        self.context = context
        self.pairs: dict[str, object] = {}
        self._records: dict[str, list[dict]] = {table: [] for table in TABLES}
        self.kind = QComboBox(self)
        self.kind.addItems(["", ""])
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.lists: dict[str, ListTable] = {}
        self.stack = QStackedWidget(self)
        for table in TABLES:
            listed = ListTable(context.store, self._source(table), f"possible-duplicates-{table}", self)
            listed.activated.connect(lambda _index: self.compare_current())
            listed.selectionModel().selectionChanged.connect(lambda *_args: self._selection_changed())
            self.lists[table] = listed
            self.stack.addWidget(listed)
        self.kind.currentIndexChanged.connect(lambda _index: self.refresh())
        self.compare_button = QPushButton(self)
        self.compare_button.clicked.connect(self.compare_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        layout.addWidget(buttons)
        fit_window(self, 860, 520, "duplicates")
        self.retranslate()
        self.refresh()

    def _source(self, table: str) -> RowsSource:
        first = N_("Person") if table == "people" else N_("Organization")
        return RowsSource((Column("first", header=first), Column("second", header=N_("May be the same as")),
                           Column("reason", header=N_("Why"), kind=CODE, labels=REASONS)),
                          lambda _search, _filters: list(self._records[table]))

    @property
    def table_name(self) -> str:
        return TABLES[max(self.kind.currentIndex(), 0)]

    @property
    def table(self) -> ListTable:
        """The list shown: of people or of organizations."""
        return self.lists[self.table_name]

    def refresh(self) -> None:
        repository = self.context.repository
        table = self.table_name
        with WaitCursor():
            finder = possible_duplicates if table == "people" else possible_duplicate_organizations
            found = finder(self.context.store.conn)
        self.pairs = {f"{pair.first_id}|{pair.second_id}": pair for pair in found}
        self._records[table] = [{"id": key, "first": repository.display_name(table, pair.first_id),
                                 "second": repository.display_name(table, pair.second_id), "reason": pair.reason}
                                for key, pair in self.pairs.items()]
        self.stack.setCurrentWidget(self.table)
        self.table.refresh()
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
        self.compare_button.setEnabled(self.table.current_id() is not None)

    @reports_errors
    def compare_current(self) -> None:
        pair = self.pairs.get(self.table.current_id() or "")
        if pair is None:
            return
        dialog = MergeDialog(self.context, pair.first_id, pair.second_id, self, self.table_name)
        if dialog.exec():
            self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Possible duplicates"))
        self.kind.setItemText(0, _("People"))
        self.kind.setItemText(1, _("Organizations"))
        for listed in self.lists.values():
            listed.retranslate()
        self.compare_button.setText(_("Compare and merge…"))
        self._summarize()
