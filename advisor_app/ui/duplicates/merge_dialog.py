"""Two people (or two organizations) side by side: choose each field's value, then merge them into
one, or say they are two.

The record registered first survives (its id is the one other laptops have seen longest); every field
offers both values where they differ, the survivor's ticked unless it is empty. Merging is one logged
change that travels in bundles (store/merging.py) and Undo brings both back, like a deletion.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain import entities
from advisor_app.domain.catalog import mexico
from advisor_app.domain.records import RECORDS
from advisor_app.i18n import _, formatting
from advisor_app.store.listing import locality_of, memberships_of_person
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.window_fit import fit_window

def shown_value(conn, spec, value: Any) -> str:
    """A field's value as a person reads it: names of codes and places, dates in the language shown."""
    if value in (None, ""):
        return "—"
    if spec.kind == "code" and spec.vocabulary:
        return entities.label(spec.vocabulary, value)
    if spec.name == "parent_id":
        row = conn.execute("SELECT name FROM organizations WHERE id = ?", (value,)).fetchone()
        return row[0] if row else "—"
    if spec.kind == "date":
        try:
            return formatting.date(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if spec.name in ("locality_id", "origin_locality_id"):
        municipality_key, name = locality_of(conn, value)
        municipality = mexico().municipality(municipality_key)
        return ", ".join(part for part in (name, municipality.label if municipality else None) if part) or "—"
    return str(value)


class MergeDialog(QDialog):
    """``merged`` after Merge, ``dismissed`` after Not the same person; nothing written on Cancel."""

    def __init__(self, context: AppContext, first_id: str, second_id: str, parent: QWidget | None = None,
                 table: str = "people"):
        super().__init__(parent)
        self.setObjectName("merge_dialog")
        self.context, self.table = context, table
        self.compared = [spec for spec in RECORDS[table] if spec.name != "kind" or table != "organizations"]
        repository = context.repository
        first, second = repository.get(table, first_id), repository.get(table, second_id)
        self.survivor, self.other = sorted((first, second), key=lambda row: (row["created_at"], row["id"]))
        self.merged = self.dismissed = False
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        grid = QGridLayout()
        self.headers = [QLabel(self), QLabel(self)]
        grid.addWidget(self.headers[0], 0, 1)
        grid.addWidget(self.headers[1], 0, 2)
        self.choices: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        self.field_labels: list[tuple[QLabel, str]] = []
        for row, spec in enumerate(self.compared, start=1):
            label = QLabel(self)
            self.field_labels.append((label, spec.label))
            grid.addWidget(label, row, 0)
            mine, theirs = self.survivor.get(spec.name), self.other.get(spec.name)
            if mine == theirs or theirs in (None, ""):
                grid.addWidget(QLabel(shown_value(context.store.conn, spec, mine), self), row, 1, 1, 2)
                continue
            buttons = (QRadioButton(shown_value(context.store.conn, spec, mine), self),
                       QRadioButton(shown_value(context.store.conn, spec, theirs), self))
            group = QButtonGroup(self)
            for column, button in enumerate(buttons, start=1):
                group.addButton(button)
                grid.addWidget(button, row, column)
            buttons[0 if mine not in (None, "") else 1].setChecked(True)
            self.choices[spec.name] = buttons
        # What each one is a member of (or who are its members): all of it goes to the one kept.
        self.memberships_label = QLabel(self)
        grid.addWidget(self.memberships_label, len(self.compared) + 1, 0)
        for column, record in enumerate((self.survivor, self.other), start=1):
            memberships = QLabel("\n".join(self._related(record["id"])) or "—", self)
            memberships.setWordWrap(True)
            grid.addWidget(memberships, len(self.compared) + 1, column)
        inner = QWidget(self)
        inner.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.buttons = QDialogButtonBox(self)
        self.merge_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.not_same_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button.setObjectName("merge")
        self.not_same_button.setObjectName("not_same")
        self.merge_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)  # Enter never merges by accident
        self.merge_button.clicked.connect(self._merge)
        self.not_same_button.clicked.connect(self._not_same)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        fit_window(self, 900, 640, "merge_people")
        self.retranslate()

    def _related(self, record_id: str) -> list[str]:
        conn = self.context.store.conn
        if self.table == "people":
            return [row["name"] for row in memberships_of_person(conn, record_id)]
        return [" ".join(part for part in row if part) for row in conn.execute(
            "SELECT p.given_names, p.first_surname, p.second_surname FROM memberships m JOIN people p "
            "ON p.id = m.person_id WHERE m.organization_id = ? AND m.deleted = 0 AND p.deleted = 0 "
            "ORDER BY p.sort_name", (record_id,))]

    def chosen_values(self) -> dict[str, Any]:
        """The survivor's fields after the merge: each differing field's ticked value."""
        values = {}
        for name, (mine, _theirs) in self.choices.items():
            values[name] = self.survivor.get(name) if mine.isChecked() else self.other.get(name)
        for spec in self.compared:  # what only the other record has comes along
            if spec.name not in self.choices and self.survivor.get(spec.name) in (None, ""):
                if self.other.get(spec.name) not in (None, ""):
                    values[spec.name] = self.other[spec.name]
        return values

    @reports_errors
    def _merge(self) -> None:
        self.context.merge(self.table, self.survivor["id"], self.other["id"], self.chosen_values(),
                           self.context.repository.display_name(self.table, self.survivor["id"]))
        self.merged = True
        self.accept()

    @reports_errors
    def _not_same(self) -> None:
        from advisor_app.store.merging import dismiss_pair

        dismiss_pair(self.context.repository, self.table, self.survivor["id"], self.other["id"])
        self.dismissed = True
        self.accept()

    def retranslate(self) -> None:
        headers = (_("Registered first"), _("Registered later"))
        if self.table == "people":
            self.setWindowTitle(_("Compare and merge two people"))
            self.intro.setText(_(
                "Choose the value to keep where the two records differ. Merging keeps one person: their "
                "memberships, workshop lists, sessions, agreements and attachments all go to that one, on every "
                "laptop once the bundles travel. Undo brings both back."))
            self.memberships_label.setText(_("Member of"))
            self.merge_button.setText(_("Merge into one person"))
            self.not_same_button.setText(_("Not the same person"))
        else:
            self.setWindowTitle(_("Compare and merge two organizations"))
            self.intro.setText(_(
                "Choose the value to keep where the two records differ. Merging keeps one organization: its "
                "members, federated clubs, business plans, agreements, workshops, sessions and attachments all go "
                "to that one, on every laptop once the bundles travel. Undo brings both back."))
            self.memberships_label.setText(_("Members"))
            self.merge_button.setText(_("Merge into one organization"))
            self.not_same_button.setText(_("Not the same organization"))
        for label, text in zip(self.headers, headers):
            label.setText(text)
        for label, text in self.field_labels:
            label.setText(_(text))
