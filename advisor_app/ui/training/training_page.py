"""The Training tab: workshops and advisory sessions side by side in two lists, and an organization's
competency map with the workshop it needs next."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain.training import WORKSHOP_STATUSES, is_overdue
from advisor_app.i18n import N_, _
from advisor_app.i18n.formatting import date
from advisor_app.store import list_sources, training
from advisor_app.ui.common.context import AppContext, main_window_of
from advisor_app.ui.common.list_page import ListPage
from advisor_app.ui.common.record_form import ERROR_STYLE
from advisor_app.ui.common.record_picker import RecordPicker
from advisor_app.ui.training.session_window import SessionWindow
from advisor_app.ui.common.tables import fit_columns, read_only_table, set_row
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.training.workshop_window import WorkshopWindow
from advisor_app.ui.common.window_fit import fit_window


def _show(window):
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window


def _overdue_red(model, number: int):
    due_on = model.value(number, "due_on")
    return QColor(Qt.GlobalColor.red) if is_overdue(dt.date.fromisoformat(due_on) if due_on else None, None,
                                                    dt.date.today()) else None


class WorkshopsPage(ListPage):
    filter_key = "choice"
    needs_selection = ("open", "sheet", "delete")
    watched = ("workshops", "workshop_attendance", "bundles")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, list_sources.workshops(context.store.conn), "workshops",
                         {"new": self.new_workshop, "open": self.open_selected,
                          "sheet": self.print_selected, "delete": self.delete_selected},
                         lambda: [(None, N_("All workshops")), ("upcoming", N_("Coming in the next 30 days")),
                                  *WORKSHOP_STATUSES.items()], parent)
        self.retranslate()

    def empty_sentence(self) -> str:
        return _("No workshops yet. Choose \"New workshop\" to plan one.")

    def new_workshop(self, title: str | None = None, topics: list[str] | None = None):
        window = WorkshopWindow(self.context, None, self.window())
        if title:
            window.form.editors["title"].set_value(title)
            window.form.editors["topics"].set_value(topics or [])
            for name in ("title", "topics"):
                window.form.editors[name].edited.emit()
        return _show(window)

    @reports_errors
    def open_selected(self):
        workshop_id = self.current_id()
        return _show(WorkshopWindow(self.context, workshop_id, self.window())) if workshop_id else None

    @reports_errors
    def print_selected(self):
        window = self.open_selected()
        return window.print_sheet() if window else None

    @reports_errors
    def delete_selected(self) -> None:
        self.delete_selected_after_asking("workshops", _("Delete workshop"), _(
            "Delete the workshop \"{name}\"? It can be brought back with Undo."))

    def retranslate(self) -> None:
        for name, text in {"new": _("New workshop"), "open": _("Open"), "sheet": _("Attendance sheet…"),
                           "delete": _("Delete")}.items():
            self.buttons[name].setText(text)
        self.search.setPlaceholderText(_("Search workshops by title, place or facilitator…"))
        self.table.retranslate()
        self.refresh()


class NewSessionDialog(QDialog):
    """An advisory session is always with one organization."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.organization_id: str | None = None
        self.picker = RecordPicker(context.store.conn, "organizations", self)
        self.picked = QLabel(self)
        self.picker.picked.connect(lambda row_id: (setattr(self, "organization_id", row_id), self.picked.setText(
            "<b>%s</b>" % context.repository.display_name("organizations", row_id))))
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Organization"), self.picker)
        form.addRow("", self.picked)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setWindowTitle(_("New advisory session"))
        fit_window(self, 480, 160, "new_session")

    def _accept(self) -> None:
        if not self.organization_id:
            self.error.setText(_("Choose the organization from the list that appears as you type."))
            return
        self.accept()


class SessionsPage(ListPage):
    filter_key = "choice"
    needs_selection = ("open", "map", "delete")
    watched = ("advisory_sessions", "session_actions", "organizations", "bundles")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, list_sources.sessions(context.store.conn), "advisory_sessions",
                         {"new": self.new_session, "open": self.open_selected,
                          "map": self.map_of_selected, "delete": self.delete_selected},
                         lambda: [(None, N_("All sessions")), ("open", N_("With actions to do")),
                                  ("overdue", N_("With overdue actions"))], parent)
        self.retranslate()

    def empty_sentence(self) -> str:
        return _("No advisory sessions yet. Choose \"New session\" after meeting with a group.")

    @reports_errors
    def new_session(self, organization_id: str | None = None):
        if not organization_id:
            dialog = NewSessionDialog(self.context, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            organization_id = dialog.organization_id
        return _show(SessionWindow(self.context, None, organization_id, self.window()))

    @reports_errors
    def open_selected(self):
        session_id = self.current_id()
        return _show(SessionWindow(self.context, session_id, None, self.window())) if session_id else None

    def map_of_selected(self):
        session_id = self.current_id()
        if not session_id:
            return None
        organization_id = self.context.repository.get("advisory_sessions", session_id)["organization_id"]
        dialog = CompetencyMapDialog(self.context, organization_id, self)
        dialog.open()
        return dialog

    @reports_errors
    def delete_selected(self) -> None:
        self.delete_selected_after_asking("advisory_sessions", _("Delete session"), _(
            "Delete the advisory session \"{name}\"? It can be brought back with Undo."))

    def retranslate(self) -> None:
        for name, text in {"new": _("New session"), "open": _("Open"), "map": _("Competency map…"),
                           "delete": _("Delete")}.items():
            self.buttons[name].setText(text)
        self.search.setPlaceholderText(_("Search sessions by organization or notes…"))
        self.table.retranslate()
        self.refresh()


class ActionsPage(ListPage):
    """Every agreed action not done yet, across sessions: who owes what, by when; overdue ones first."""

    filter_key = "choice"
    needs_selection = ("open",)
    watched = ("session_actions", "advisory_sessions", "people", "bundles")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, list_sources.actions_to_do(context.store.conn), "actions_to_do",
                         {"open": self.open_selected},
                         lambda: [(None, N_("All actions to do")), ("overdue", N_("Overdue"))], parent, _overdue_red)
        self.retranslate()

    def empty_sentence(self) -> str:
        return _("No actions to do.")

    @reports_errors
    def open_selected(self):
        action_id = self.current_id()
        if not action_id:
            return None
        return _show(SessionWindow(self.context, self.source.record(action_id)["session_id"], None, self.window()))

    def retranslate(self) -> None:
        self.buttons["open"].setText(_("Open its session"))
        self.search.setPlaceholderText(_("Search actions by text, person or organization…"))
        self.table.retranslate()
        self.refresh()


class TrainingPage(QTabWidget):
    """Workshops, advisory sessions and the actions agreed in them, one list each."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.workshops = WorkshopsPage(context, self)
        self.sessions = SessionsPage(context, self)
        self.actions = ActionsPage(context, self)
        self.addTab(self.workshops, "")
        self.addTab(self.sessions, "")
        self.addTab(self.actions, "")
        self.retranslate()

    def retranslate(self) -> None:
        self.setTabText(0, _("Workshops"))
        self.setTabText(1, _("Advisory sessions"))
        self.setTabText(2, _("Actions to do"))


class CompetencyMapDialog(QDialog):
    """What an organization's members have covered, how many, when last, the gaps, and what to do next."""

    def __init__(self, context: AppContext, organization_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.organization_id = context, organization_id
        self.table = read_only_table(4, self)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.suggestion = QLabel(self)
        self.suggestion.setWordWrap(True)
        self.plan_button = QPushButton(self)
        self.plan_button.clicked.connect(self.plan_suggested)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.plan_button)
        layout.addWidget(buttons)
        fit_window(self, 720, 420, "competency_map")
        self.retranslate()

    def retranslate(self) -> None:
        self.map = training.competency_map_of(self.context.store.conn, self.organization_id)
        name = self.context.repository.display_name("organizations", self.organization_id)
        self.setWindowTitle(_("Competency map: {name}").format(name=name))
        self.table.setHorizontalHeaderLabels([_("Competency"), _("Members who took part"), _("Last workshop"),
                                              _("Covered?")])
        self.table.setRowCount(len(self.map.rows))
        for number, row in enumerate(self.map.rows):
            set_row(self.table, number, [
                row.competency.name, _("{count} of {members}").format(count=row.members_covered, members=row.members),
                date(row.last) if row.last else "—", _("covered") if row.covered else _("gap")])
            if not row.covered:
                for column in range(4):
                    self.table.item(number, column).setForeground(Qt.GlobalColor.darkRed)
        fit_columns(self.table)
        if self.map.suggestion is not None:
            self.suggestion.setText(_("Next: {workshop} ({competency}), a competency fewer than half of the members "
                                      "have covered.").format(workshop=self.map.suggestion.workshop,
                                                              competency=self.map.suggestion.name))
        else:
            self.suggestion.setText(_("The members have covered every competency; a refresher on the oldest one "
                                      "may help.") if self.map.rows and self.map.rows[0].members else _(
                "This organization has no members registered yet."))
        self.plan_button.setText(_("Plan this workshop…"))
        self.plan_button.setVisible(self.map.suggestion is not None)

    def plan_suggested(self):
        suggestion = self.map.suggestion
        window = WorkshopWindow(self.context, None, main_window_of(self))
        window.invite_organization = self.organization_id  # the group whose gap it closes
        window.form.editors["title"].set_value(suggestion.workshop)
        window.form.editors["topics"].set_value([suggestion.id])
        for name in ("title", "topics"):
            window.form.editors[name].edited.emit()
        self.accept()
        return _show(window)
