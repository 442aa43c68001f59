"""Conflicts: every field two laptops changed without seeing each other's change, both values side by
side with who and when. The merge rule's winner stays applied; one click restores the other."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain import entities
from advisor_app.domain.records import RECORDS, SPECS
from advisor_app.i18n import N_, _, formatting
from advisor_app.sync import conflicts as review
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.tables import read_only_table, set_row
from advisor_app.ui.common.user_errors import reports_errors

TABLE_LABELS = {"organizations": N_("Organization"), "people": N_("Person"), "memberships": N_("Membership"),
                "localities": N_("Locality"), "attachments": N_("Attachment"), "plans": N_("Business plan"),
                "plan_organizations": N_("Plan participant"), "agreements": N_("Agreement"),
                "agreement_parties": N_("Party to an agreement"), "agreement_versions": N_("Agreement version")}
HEADERS = [N_("Record"), N_("Field"), N_("Kept value"), N_("Kept: who and when"), N_("Other value"),
           N_("Other: who and when")]


def field_label(table: str, column: str) -> str:
    if column == "deleted":
        return _("Deleted")
    for spec in RECORDS.get(table, ()):
        if spec.name == column:
            return _(spec.label)
    return column


def value_text(repository, kind: str, table: str, column: str, value, is_winner: bool) -> str:
    """A stored value as the editors show it: labels for codes, names for references."""
    if kind == "deleted" and is_winner:
        return _("(deleted)")
    if column == "deleted":
        return _("(deleted)") if value == 1 else _("(not deleted)")
    if value is None:
        return _("(empty)")
    spec = SPECS.get(table, {}).get(column)
    if spec is not None and spec.vocabulary:
        return entities.label(spec.vocabulary, value)
    if spec is not None and spec.kind == "ref":
        target = REFERENCE_TABLES.get(column)
        return repository.display_name(target, value) if target else str(value)
    return str(value)


REFERENCE_TABLES = {"person_id": "people", "organization_id": "organizations", "parent_id": "organizations",
                    "origin_locality_id": "localities", "locality_id": "localities"}


class ConflictsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = read_only_table(len(HEADERS), self)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.restore_button, self.keep_button = QPushButton(self), QPushButton(self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.keep_button.clicked.connect(self.keep_selected)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._conflicts: list[review.Conflict] = []
        context.changed.connect(lambda _table: self.reload())
        self.retranslate()

    def reload(self) -> None:
        repository = self.context.repository
        self._conflicts = review.open_conflicts(repository)
        self.table.setRowCount(len(self._conflicts))
        for number, conflict in enumerate(self._conflicts):
            record = f"{_(TABLE_LABELS.get(conflict.table, conflict.table))}: " \
                     f"{repository.display_name(conflict.table, conflict.row_id)}"
            cells = [
                record, field_label(conflict.table, conflict.column),
                value_text(repository, conflict.kind, conflict.table, conflict.column, conflict.winner_value, True),
                f"{review.device_label(repository, conflict.winner_device)}, "
                f"{formatting.datetime(conflict.winner_when, seconds=True)}",
                value_text(repository, conflict.kind, conflict.table, conflict.column, conflict.loser_value, False),
                f"{review.device_label(repository, conflict.loser_device)}, {formatting.datetime(conflict.loser_when, seconds=True)}",
            ]
            set_row(self.table, number, cells)
        has_rows = bool(self._conflicts)
        self.restore_button.setEnabled(has_rows)
        self.keep_button.setEnabled(has_rows)
        self.intro.setText(self._explanation if has_rows else
                           _("No conflicts: everything received so far merged without two laptops disagreeing."))

    def _selected(self) -> review.Conflict | None:
        rows = self.table.selectionModel().selectedRows()
        return self._conflicts[rows[0].row()] if rows else None

    @reports_errors
    def restore_selected(self) -> None:
        conflict = self._selected()
        if conflict:
            review.restore_loser(self.context.repository, conflict)

    @reports_errors
    def keep_selected(self) -> None:
        conflict = self._selected()
        if conflict:
            review.keep_winner(self.context.repository, conflict)

    def retranslate(self) -> None:
        self._explanation = _("Two laptops changed these fields without seeing each other's change. The value on "
                              "the left was kept by the merge rule (the most recent change wins). Restore the other "
                              "value if it was the right one; the restore travels in your next bundle.")
        self.table.setHorizontalHeaderLabels([_(text) for text in HEADERS])
        self.restore_button.setText(_("Restore the other value"))
        self.keep_button.setText(_("Keep this value"))
        self.reload()
