"""An advisory session with an organization: when, who attended (ticked from its members), the topics,
notes, and the actions agreed, each with a responsible person and a due date, marked done when done."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain.training import is_overdue
from advisor_app.i18n import _
from advisor_app.store import list_sources, training
from advisor_app.store.errors import StoreError
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.list_table import export_action
from advisor_app.ui.common.record_window import DATE_HINT, RecordWindow
from advisor_app.ui.common.fields import ChecklistField, NotesField, TextField
from advisor_app.ui.common.record_form import ERROR_STYLE, RecordForm
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.training.workshop_window import competency_options
from advisor_app.ui.common.window_fit import fit_window

DESCRIPTION, RESPONSIBLE, DUE, DONE = 0, 1, 2, 3
OVERDUE_STYLE = "#b3261e"


class SessionWindow(RecordWindow):
    table = "advisory_sessions"

    def __init__(self, context: AppContext, row_id: str | None = None, organization_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(context, parent)
        if row_id:
            organization_id = context.repository.get("advisory_sessions", row_id)["organization_id"]
        self.organization_id = organization_id
        self.form = RecordForm(context, self.table, {
            "held_on": TextField(DATE_HINT),
            "topics": ChecklistField(competency_options),
            "notes": NotesField(),
        }, row_id, fixed={"organization_id": organization_id}, parent=self)
        if row_id is None:
            # Proposed, not saved: the session is recorded once something is written in it, so a window
            # opened by mistake leaves nothing behind.
            self.form.editors["held_on"].set_value(dt.date.today().isoformat())
        self.form.created.connect(lambda _id: (self.refresh(), self.retranslate()))
        self.organization_label = QLabel(self)
        self.attendees_box, self.actions_box = QGroupBox(self), QGroupBox(self)
        self.attendees = QListWidget(self)
        self.attendees.itemChanged.connect(self._attendee_changed)
        self.actions = QTableWidget(0, 4, self)
        self.actions.verticalHeader().setVisible(False)
        header = self.actions.horizontalHeader()
        for column in (RESPONSIBLE, DUE, DONE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)  # the action reads in full
        self.actions.itemChanged.connect(self._action_changed)
        self.export_action = export_action(self.actions, context.store, lambda: list_sources.session_actions(
            context.store.conn, self.record_id()), "agreed_actions")
        self.add_action_button, self.remove_action_button = QPushButton(self), QPushButton(self)
        self.add_action_button.clicked.connect(lambda: self.add_action())
        self.remove_action_button.clicked.connect(self.remove_action)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        QVBoxLayout(self.attendees_box).addWidget(self.attendees)
        actions_layout = QVBoxLayout(self.actions_box)
        actions_layout.addWidget(self.actions, 1)
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addWidget(self.add_action_button)
        row.addWidget(self.remove_action_button)
        actions_layout.addLayout(row)
        left = QVBoxLayout()
        left.addWidget(self.organization_label)
        left.addWidget(self.form, 1)
        left.addWidget(self.attendees_box, 1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(self.actions_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addLayout(self.footer())
        self._members: list[dict] = []
        self._actions: list[dict] = []
        self._filling = False
        self.today = dt.date.today()
        context.changed.connect(self._data_changed)
        fit_window(self, 1200, 650, "advisory_session")
        self.retranslate()

    def description(self) -> str:
        return self.context.repository.display_name("advisory_sessions", self.record_id()) if self.record_id() \
            else ""

    def _data_changed(self, table: str) -> None:
        if table in ("advisory_sessions", "bundles") and self.record_id():
            row = self.context.repository.get("advisory_sessions", self.record_id())
            if row is None or row["deleted"]:
                self.close()  # deleted here or on another laptop: nothing more is written into it
                return
        if table in ("session_attendance", "session_actions", "memberships", "people", "bundles"):
            self.refresh()

    def closeEvent(self, event) -> None:
        """An action's text still being typed in its cell is saved first."""
        editor = QApplication.focusWidget()
        if editor is not None and self.actions.isAncestorOf(editor):
            self.actions.commitData(editor)
        super().closeEvent(event)

    def refresh(self) -> None:
        session_id = self.record_id()
        for box in (self.attendees_box, self.actions_box):
            box.setEnabled(session_id is not None)
        conn = self.context.store.conn
        self._members = training.members_of(conn, self.organization_id) if self.organization_id else []
        present = {row["person_id"]: row for row in training.session_attendees(conn, session_id)} if session_id else {}
        self._filling = True
        self.attendees.clear()
        gone = " " + _("(no longer in the registry)")
        people = self._members + [{"id": person_id, "name": row["name"] + (gone if row["removed"] else "")}
                                  for person_id, row in present.items()
                                  if person_id not in {member["id"] for member in self._members}]
        for person in people:
            item = QListWidgetItem(person["name"], self.attendees)
            item.setData(Qt.ItemDataRole.UserRole, person["id"])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person["id"] in present else Qt.CheckState.Unchecked)
        self._present = present
        self._actions = training.session_actions(conn, session_id) if session_id else []
        for number in range(self.actions.rowCount()):
            old = self.actions.cellWidget(number, RESPONSIBLE)
            if old is not None:
                old.hide()
        self.actions.setRowCount(len(self._actions))
        for number, action in enumerate(self._actions):
            self._fill_action(number, action)
        self._filling = False

    def _fill_action(self, number: int, action: dict) -> None:
        self.actions.setItem(number, DESCRIPTION, QTableWidgetItem(action["description"] or ""))
        responsible = QComboBox(self.actions)
        for member in self._members:
            responsible.addItem(member["name"], member["id"])
        if responsible.findData(action["responsible_id"]) < 0 and action["responsible_id"]:
            gone = " " + _("(no longer in the registry)") if action["responsible_removed"] else ""
            responsible.addItem((action["responsible"] or "") + gone, action["responsible_id"])
        responsible.setCurrentIndex(responsible.findData(action["responsible_id"]))
        responsible.currentIndexChanged.connect(lambda _index, row_id=action["id"], box=responsible: self._save_action(
            row_id, {"responsible_id": box.currentData()}))
        self.actions.setCellWidget(number, RESPONSIBLE, responsible)
        due = QTableWidgetItem(action["due_on"] or "")
        due.setToolTip(_(DATE_HINT))
        self.actions.setItem(number, DUE, due)
        done = QTableWidgetItem(action["done_on"] or "")
        done.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        done.setCheckState(Qt.CheckState.Checked if action["done_on"] else Qt.CheckState.Unchecked)
        self.actions.setItem(number, DONE, done)
        due_on = dt.date.fromisoformat(action["due_on"]) if action["due_on"] else None
        done_on = dt.date.fromisoformat(action["done_on"]) if action["done_on"] else None
        if is_overdue(due_on, done_on, self.today):
            for column in (DESCRIPTION, DUE):
                self.actions.item(number, column).setForeground(Qt.GlobalColor.red)
            self.actions.item(number, DUE).setToolTip(_("Overdue"))

    def _attendee_changed(self, item: QListWidgetItem) -> None:
        if self._filling or not self.record_id():
            return
        person_id = item.data(Qt.ItemDataRole.UserRole)
        self._write_attendee(person_id, item.checkState() == Qt.CheckState.Checked)

    @reports_errors
    def _write_attendee(self, person_id: str, present: bool) -> None:
        if present and person_id not in self._present:
            training.add_once(self.context.repository, "session_attendance",
                              {"session_id": self.record_id(), "person_id": person_id}, "session_id")
        elif not present and person_id in self._present:
            self.context.repository.delete("session_attendance", self._present[person_id]["id"])
        self.refresh()

    def _action_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or not 0 <= item.row() < len(self._actions):
            return
        action = self._actions[item.row()]
        if item.column() == DESCRIPTION:
            self._save_action(action["id"], {"description": item.text()})
        elif item.column() == DUE:
            self._save_action(action["id"], {"due_on": item.text()})
        elif item.column() == DONE:
            done = item.checkState() == Qt.CheckState.Checked
            self._save_action(action["id"], {"done_on": self.today.isoformat() if done else None})

    def _save_action(self, action_id: str, values: dict) -> None:
        """Saved at once; a refused value (a date that is not one) is named and the stored one shown again."""
        if self._filling:
            return
        try:
            self.context.repository.update("session_actions", action_id, values)
            self.error.setText("")
        except StoreError as error:
            self.error.setText(str(error))
        self.refresh()

    def add_action(self, description: str | None = None, responsible_id: str | None = None,
                   due_on: str | None = None) -> str | None:
        """A new action; it needs someone responsible, so the organization's first member is proposed."""
        if not self.record_id():
            return None
        responsible_id = responsible_id or (self._members[0]["id"] if self._members else None)
        try:
            action_id = self.context.repository.insert("session_actions", {
                "session_id": self.record_id(), "description": description or _("New action"),
                "responsible_id": responsible_id,
                "due_on": due_on or (self.today + dt.timedelta(days=14)).isoformat()})
        except StoreError as error:
            self.error.setText(str(error))
            return None
        self.error.setText("")
        self.refresh()
        return action_id

    @reports_errors
    def remove_action(self) -> None:
        row = self.actions.currentRow()
        if 0 <= row < len(self._actions):
            action = self._actions[row]
            # Undo (Ctrl+Z, or the main window's bar) brings it back.
            self.context.delete("session_actions", action["id"], action["description"] or _("New action"))
            self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Advisory session: {organization}").format(
            organization=self.context.repository.display_name("organizations", self.organization_id)))
        self.organization_label.setText("<b>%s</b>" % self.context.repository.display_name(
            "organizations", self.organization_id))
        self.attendees_box.setTitle(_("Who attended"))
        self.actions_box.setTitle(_("Agreed actions"))
        self.add_action_button.setText(_("Add action"))
        self.remove_action_button.setText(_("Remove action"))
        self.actions.setHorizontalHeaderLabels([_("Agreed action"), _("Responsible person"), _("Due date"),
                                                _("Done")])
        self.export_action.setText(_("Export this list…"))
        self.refresh()
        self.retranslate_frame()
        if self.record_id() is None:
            self.form.status.setText(_("The session is recorded as soon as you tick a topic, write a note or "
                                       "change the date."))
