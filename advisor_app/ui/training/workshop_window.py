"""A workshop's window: what, when, where, who facilitates, the competencies it builds; and its list of
people, picked quickly from the registry (a whole organization at once, one person, or a new person
typed on the spot), with who came ticked after the workshop. Every change is saved at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain.training import WORKSHOP_STATUSES, competencies, held_problem
from advisor_app.i18n import N_, _, current_language
from advisor_app.store import list_sources, training
from advisor_app.store.errors import StoreError
from advisor_app.ui.common.context import AppContext, main_window_of
from advisor_app.ui.common.list_table import export_action
from advisor_app.ui.common.record_window import DATE_HINT, RecordWindow
from advisor_app.ui.common.fields import ChecklistField, ChoiceField, NotesField, NumberField, TextField, vocabulary_options
from advisor_app.ui.common.record_form import RecordForm
from advisor_app.ui.common.record_picker import RecordPicker
from advisor_app.ui.common.save_pdf import save_pdf
from advisor_app.ui.common.wait_cursor import WaitCursor
from advisor_app.ui.common.windows import window
from advisor_app.ui.common.tables import fit_columns, read_only_table
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.window_fit import fit_window

CAME, NAME, ORGANIZATION = 0, 1, 2  # who came first: it is what is ticked after the workshop


def competency_options() -> list[tuple[str, str]]:
    return [(competency.id, competency.name) for competency in competencies().values()]


class WorkshopWindow(RecordWindow):
    table = "workshops"

    def __init__(self, context: AppContext, row_id: str | None = None, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.form = RecordForm(context, self.table, {
            "title": TextField(N_("e.g. Clear agreements among partners")),
            "topics": ChecklistField(competency_options),
            "held_on": TextField(DATE_HINT),
            "place": TextField(N_("e.g. Ejido hall, El Cargadero")),
            "facilitator": TextField(),
            "hours": NumberField(N_("e.g. 4")),
            "status": ChoiceField(vocabulary_options(WORKSHOP_STATUSES)),
            "notes": NotesField(),
        }, row_id, parent=self)
        self.form.created.connect(self._created)
        self.invite_organization: str | None = None  # put on the list once the workshop exists
        self.people_box = QGroupBox(self)
        self.organization_picker = RecordPicker(context.store.conn, "organizations", self)
        self.organization_picker.picked.connect(self.add_organization)
        self.person_picker = RecordPicker(context.store.conn, "people", self)
        self.person_picker.picked.connect(lambda person_id: self.add_people([person_id]))
        self.new_person_button = QPushButton(self)
        self.new_person_button.clicked.connect(self.new_person)
        self.people = read_only_table(3, self)
        self.people.horizontalHeader().setStretchLastSection(True)
        self.people.itemChanged.connect(self._came_changed)
        self.export_action = export_action(self.people, context.store, lambda: list_sources.attendance(
            context.store.conn, self.record_id()), "attendance")
        self.remove_button, self.print_button = QPushButton(self), QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.print_button.clicked.connect(lambda: self.print_sheet())
        self.summary = QLabel(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        pickers = QVBoxLayout(self.people_box)
        pickers.addWidget(self.hint)
        pickers.addWidget(self.organization_picker)
        row = QHBoxLayout()
        row.addWidget(self.person_picker, 1)
        row.addWidget(self.new_person_button)
        pickers.addLayout(row)
        pickers.addWidget(self.people, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.print_button)
        pickers.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(self.form, 1)
        body.addWidget(self.people_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addLayout(self.footer())
        self._rows: list[dict] = []
        self._filling = False
        context.changed.connect(self._data_changed)
        fit_window(self, 1150, 650, "workshop")
        self.refresh_people()
        self.retranslate()

    def description(self) -> str:
        return self.form.editors["title"].value()

    def _created(self, _workshop_id: str) -> None:
        self.refresh_people()
        self.retranslate()
        if self.invite_organization:
            self.add_organization(self.invite_organization)

    def _data_changed(self, table: str) -> None:
        if table in ("workshops", "bundles") and self.record_id():
            row = self.context.repository.get("workshops", self.record_id())
            if row is None or row["deleted"]:
                self.close()  # deleted here or on another laptop: nothing more is written into it
                return
        if table in ("workshop_attendance", "people", "organizations", "bundles"):
            self.refresh_people()

    def refresh_people(self) -> None:
        workshop_id = self.record_id()
        self.people_box.setEnabled(workshop_id is not None)
        self._rows = training.attendance(self.context.store.conn, workshop_id) if workshop_id else []
        self._filling = True
        self.people.setRowCount(len(self._rows))
        for number, row in enumerate(self._rows):
            name = row["name"] + (" " + _("(no longer in the registry)") if row["removed"] else "")
            for column, text in ((NAME, name), (ORGANIZATION, row["organization"] or "")):
                self.people.setItem(number, column, QTableWidgetItem(text))
            came = QTableWidgetItem()
            came.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            came.setCheckState(Qt.CheckState.Checked if row["attended"] else Qt.CheckState.Unchecked)
            self.people.setItem(number, CAME, came)
        self._filling = False
        fit_columns(self.people)
        came_count = sum(1 for row in self._rows if row["attended"])
        self.summary.setText(_("{expected} on the list, {came} came").format(expected=len(self._rows),
                                                                              came=came_count))

    @reports_errors
    def _came_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != CAME or not 0 <= item.row() < len(self._rows):
            return
        row = self._rows[item.row()]
        came = 1 if item.checkState() == Qt.CheckState.Checked else 0
        self.form.flush()  # a date being typed counts
        held_on = self.context.repository.get("workshops", self.record_id())["held_on"]
        trouble = held_problem("held", dt.date.fromisoformat(held_on) if held_on else None, dt.date.today())
        if came and trouble:
            # Nobody can have come to a workshop that has not happened: the tick is refused, not kept.
            self.refresh_people()
            raise StoreError(trouble)
        if came and self.form.editors["status"].value() == "planned":
            # Ticking who came means the workshop took place.
            self.form.editors["status"].set_value("held")
            self.form.editors["status"].edited.emit()
            self.form.flush()
        self.context.repository.update("workshop_attendance", row["id"], {"attended": came})
        self.refresh_people()

    @reports_errors
    def add_people(self, person_ids: list[str], organization_id: str | None = None) -> int:
        if not self.record_id():
            return 0
        with WaitCursor():
            added = training.add_attendees(self.context.repository, self.record_id(), person_ids, organization_id)
        QTimer.singleShot(0, self.person_picker, self.person_picker.clear)
        self.refresh_people()
        return added

    def add_organization(self, organization_id: str) -> int:
        """Every member of the organization at once: the usual case for a group's workshop."""
        members = [member["id"] for member in training.members_of(self.context.store.conn, organization_id)]
        QTimer.singleShot(0, self.organization_picker, self.organization_picker.clear)  # after the completer wrote it
        return self.add_people(members, organization_id)

    def new_person(self):
        """Someone not registered yet: typed in their own window, and put on the list once created."""
        editor = window("person")(self.context, None, main_window_of(self))
        editor.form.created.connect(lambda person_id: self.add_people([person_id]))
        editor.show()
        return editor

    @reports_errors
    def remove_selected(self) -> None:
        row = self.people.currentRow()
        if 0 <= row < len(self._rows):
            entry = self._rows[row]
            # Undo (Ctrl+Z, or the main window's bar) puts the person back on the list, ticks included.
            self.context.delete("workshop_attendance", entry["id"], _("{name} on the list of {workshop}").format(
                name=entry["name"], workshop=self.description()))
            self.refresh_people()

    @reports_errors
    def print_sheet(self, out: Path | None = None):
        """The attendance sheet to sign, in the screen's language."""
        from advisor_app.reports import render_attendance

        self.form.flush()
        if not self.record_id():
            return None
        workshop_id = self.record_id()
        language = current_language()
        return save_pdf(self, self.context.store, lambda store, path: render_attendance(store, workshop_id, language,
                                                                                         path),
                        out, self.description() or _("Workshop"), _("Save the attendance sheet as PDF"),
                        _("Attendance sheet"), _("The attendance sheet was saved as {path}."))

    def retranslate(self) -> None:
        title = self.description()
        self.setWindowTitle(_("Workshop: {title}").format(title=title) if title else _("New workshop"))
        self.people_box.setTitle(_("People"))
        self.hint.setText(_("Type an organization to put all its members on the list, or a person to add one. "
                            "After the workshop, tick who came.") if self.record_id() else _(
            "Give the workshop a title, a date and its competencies; then add the people."))
        self.new_person_button.setText(_("New person…"))
        self.remove_button.setText(_("Remove from the list"))
        self.print_button.setText(_("Attendance sheet (PDF)…"))
        self.people.setHorizontalHeaderLabels([_("Came"), _("Name"), _("Organization")])
        self.export_action.setText(_("Export this list…"))
        self.organization_picker.retranslate()
        self.person_picker.retranslate()
        self.refresh_people()
        self.retranslate_frame()
