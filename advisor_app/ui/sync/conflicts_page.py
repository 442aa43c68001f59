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
from advisor_app.store.list_source import Column, RowsSource
from advisor_app.sync import conflicts as review
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.list_table import ListTable
from advisor_app.ui.common.user_errors import reports_errors

TABLE_LABELS = {"organizations": N_("Organization"), "people": N_("Person"), "memberships": N_("Membership"),
                "localities": N_("Locality"), "attachments": N_("Attachment"), "plans": N_("Business plan"),
                "plan_organizations": N_("Plan participant"), "agreements": N_("Agreement"),
                "agreement_parties": N_("Party to an agreement"), "agreement_versions": N_("Agreement version")}
COLUMNS = (Column("record", header=N_("Record")), Column("field", header=N_("Field")),
           Column("kept", header=N_("Kept value")), Column("kept_by", header=N_("Kept: who and when")),
           Column("other", header=N_("Other value")), Column("other_by", header=N_("Other: who and when")))


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
        self._conflicts: dict[str, review.Conflict] = {}
        self.table = ListTable(context.store, RowsSource(COLUMNS, self._rows), "conflicts", self, to_contents=False)
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
        context.changed.connect(lambda _table: self.reload())
        self.retranslate()

    def _rows(self, _search: str, _filters: dict) -> list[dict]:
        """Each open conflict as the editors would show its values: labels for codes, names for references."""
        repository = self.context.repository
        conflicts = review.open_conflicts(repository)
        self._conflicts = {str(conflict.id): conflict for conflict in conflicts}
        return [{
            "id": str(conflict.id),
            "record": f"{_(TABLE_LABELS.get(conflict.table, conflict.table))}: "
                      f"{repository.display_name(conflict.table, conflict.row_id)}",
            "field": field_label(conflict.table, conflict.column),
            "kept": value_text(repository, conflict.kind, conflict.table, conflict.column, conflict.winner_value, True),
            "kept_by": f"{review.device_label(repository, conflict.winner_device)}, "
                       f"{formatting.datetime(conflict.winner_when, seconds=True)}",
            "other": value_text(repository, conflict.kind, conflict.table, conflict.column, conflict.loser_value,
                                False),
            "other_by": f"{review.device_label(repository, conflict.loser_device)}, "
                        f"{formatting.datetime(conflict.loser_when, seconds=True)}",
        } for conflict in conflicts]

    def reload(self) -> None:
        self.table.refresh()
        has_rows = bool(self._conflicts)
        self.restore_button.setEnabled(has_rows)
        self.keep_button.setEnabled(has_rows)
        self.intro.setText(self._explanation if has_rows else
                           _("No conflicts: everything received so far merged without two laptops disagreeing."))

    def _selected(self) -> review.Conflict | None:
        row_id = self.table.current_id()
        return self._conflicts.get(row_id) if row_id else None

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
        self.table.retranslate()
        self.restore_button.setText(_("Restore the other value"))
        self.keep_button.setText(_("Keep this value"))
        self.reload()
