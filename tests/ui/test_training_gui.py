"""Recording a workshop with its attendance, an advisory session with actions, and the competency map."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from ui_helpers import finished
from advisor_app.store import training
from advisor_app.store.demo import demo_id
from advisor_app.ui.common import confirm
from advisor_app.ui.training.session_window import SessionWindow
from advisor_app.ui.training.training_page import CompetencyMapDialog
from advisor_app.ui.training.workshop_window import WorkshopWindow


def _type(qtbot, field, text):
    """As typed; QTest can only type ASCII, so accented text is set and announced as typing would."""
    field.clear()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        field.setText(text)
        field.edited.emit()


def test_record_a_workshop_with_attendance_and_see_the_competency_map_change(qtbot, demo_context, messages, tmp_path):
    from advisor_app.ui.home.dashboard import DashboardPage

    home = DashboardPage(demo_context, lambda target, value: None)
    qtbot.addWidget(home)
    home.show()
    qtbot.waitUntil(lambda: home.figures is not None)
    assert home.figures.workshops_held == 2
    organization = demo_id("org:investors")
    before = {row.competency.id: row for row in training.competency_map_of(demo_context.store.conn, organization).rows}
    assert not before["negotiation"].covered

    window = WorkshopWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    assert not window.people_box.isEnabled()
    form = window.form
    _type(qtbot, form.editors["title"], "Negociar con compradores")
    topics = form.editors["topics"]
    for row in range(topics.count()):
        if topics.item(row).data(Qt.ItemDataRole.UserRole) == "negotiation":
            topics.item(row).setCheckState(Qt.CheckState.Checked)
    _type(qtbot, form.editors["held_on"], (dt.date.today() - dt.timedelta(days=1)).isoformat())
    _type(qtbot, form.editors["place"], "Salón ejidal de El Cargadero")
    form.flush()
    workshop_id = window.record_id()
    assert workshop_id and window.people_box.isEnabled()

    window.add_organization(organization)  # the whole group at once
    assert window.people.rowCount() == 4
    for row in range(3):  # three of the four came
        window.people.item(row, 0).setCheckState(Qt.CheckState.Checked)
    row = demo_context.repository.get("workshops", workshop_id)
    assert row["status"] == "held"  # ticking who came means it took place
    assert sum(item["attended"] for item in training.attendance(demo_context.store.conn, workshop_id)) == 3
    assert "Asistencia: 3 de 4" == window.summary.text()

    dialog = CompetencyMapDialog(demo_context, organization)
    qtbot.addWidget(dialog)
    texts = {dialog.table.item(row, 0).text(): dialog.table.item(row, 3).text() for row in range(dialog.table.rowCount())}
    assert texts["Negociación"] == "cubierta" and texts["Mercado y ventas"] == "pendiente"
    assert "Taller de mercado y comercialización" in dialog.suggestion.text()

    qtbot.waitUntil(lambda: home.figures.workshops_held == 3)  # the home page follows
    assert home.figures.workshops_by_competency["negotiation"] == 1

    out = finished(qtbot, window.print_sheet(tmp_path / "lista.pdf"))
    assert out.read_bytes().startswith(b"%PDF")


def test_marking_a_future_workshop_as_held_is_named_beside_the_status(qtbot, demo_context, messages):
    window = WorkshopWindow(demo_context, demo_id("workshop:market"))
    qtbot.addWidget(window)
    window.show()
    status = window.form.editors["status"]
    status.set_value("held")
    status.edited.emit()
    window.form.flush()
    assert "no ha llegado" in window.form._error_labels["status"].text()
    assert demo_context.repository.get("workshops", demo_id("workshop:market"))["status"] == "planned"


def test_a_session_records_who_came_and_actions_with_a_responsible_person(qtbot, demo_context, messages):
    window = SessionWindow(demo_context, None, demo_id("org:cooperative"))
    qtbot.addWidget(window)
    window.show()
    assert not window.record_id()  # nothing recorded by opening the window
    window.form.editors["held_on"].edited.emit()  # the advisor confirms the date
    window.form.flush()
    session_id = window.record_id()
    assert session_id and window.attendees.count() == 12
    window.attendees.item(0).setCheckState(Qt.CheckState.Checked)
    assert len(training.session_attendees(demo_context.store.conn, session_id)) == 1
    action_id = window.add_action("Llevar muestras al mercado", due_on=(dt.date.today() - dt.timedelta(days=2))
                                  .isoformat())
    assert action_id and window.actions.rowCount() == 1
    assert window.actions.item(0, 0).foreground().color() == Qt.GlobalColor.red  # overdue
    window.actions.item(0, 3).setCheckState(Qt.CheckState.Checked)
    assert demo_context.repository.get("session_actions", action_id)["done_on"] == dt.date.today().isoformat()
    window.actions.item(0, 2).setText("mañana")
    assert "fecha" in window.error.text()


def test_an_action_in_a_group_without_members_asks_for_a_responsible_person(qtbot, demo_context, messages):
    organization = demo_context.repository.insert("organizations", {"kind": "other", "name": "Comité nuevo"})
    window = SessionWindow(demo_context, None, organization)
    qtbot.addWidget(window)
    window.show()
    window.form.editors["held_on"].edited.emit()
    window.form.flush()
    assert window.add_action("Algo") is None
    assert "Responsable" in window.error.text()


def test_the_training_tab_lists_and_filters(qtbot, window, demo_context, messages):
    window.navigate("actions", "overdue")
    actions = window.training_page.actions
    assert actions.table.rowCount() == 1
    assert actions.table.cell_text(0, 1) == "Pedir dos cotizaciones del molino de chile"
    assert actions.table.cell_text(0, 3) == "Grupo Inversionista El Cargadero"
    actions.select_id(demo_id("session:investors:action0"))
    session = actions.open_selected()
    qtbot.addWidget(session)
    assert session.record_id() == demo_id("session:investors")
    actions.show_filter(None)
    assert actions.table.rowCount() == 2
    sessions = window.training_page.sessions
    sessions.show_filter("overdue")
    assert sessions.table.rowCount() == 1 and sessions.table.cell_text(0, 1) == "Grupo Inversionista El Cargadero"
    window.navigate("workshops", "upcoming")
    workshops = window.training_page.workshops
    assert workshops.table.rowCount() == 1
    workshops.show_filter(None)
    assert workshops.table.rowCount() == 3


def test_ticking_who_came_to_a_workshop_still_to_come_is_refused(qtbot, demo_context, messages):
    workshop_id = demo_id("workshop:market")
    window = WorkshopWindow(demo_context, workshop_id)
    qtbot.addWidget(window)
    window.show()
    window.people.item(0, 0).setCheckState(Qt.CheckState.Checked)
    assert messages and "no ha llegado" in messages[-1]
    assert not any(row["attended"] for row in training.attendance(demo_context.store.conn, workshop_id))
    assert demo_context.repository.get("workshops", workshop_id)["status"] == "planned"


def test_correcting_the_date_clears_the_refusal_beside_the_status(qtbot, demo_context, messages):
    window = WorkshopWindow(demo_context, demo_id("workshop:market"))
    qtbot.addWidget(window)
    window.show()
    form = window.form
    form.editors["status"].set_value("held")
    form.editors["status"].edited.emit()
    form.flush()
    assert form._errors
    _type(qtbot, form.editors["held_on"], (dt.date.today() - dt.timedelta(days=1)).isoformat())
    form.flush()
    assert not form._errors and demo_context.repository.get("workshops", demo_id("workshop:market"))["status"] == "held"


def test_a_figure_opens_its_list_without_an_old_search(qtbot, window, demo_context, messages):
    window.navigate("actions", "overdue")
    actions = window.training_page.actions
    actions.search.setText("Coop")
    assert actions.table.rowCount() == 0
    window.navigate("actions", "overdue")
    assert actions.table.rowCount() == 1
    window.search.setText("jerez")
    window.navigate("people")
    assert window.people.model.rowCount() == 25


def test_planning_the_suggested_workshop_puts_the_group_on_its_list(qtbot, demo_context, messages):
    dialog = CompetencyMapDialog(demo_context, demo_id("org:cooperative"))
    qtbot.addWidget(dialog)
    window = dialog.plan_suggested()
    qtbot.addWidget(window)
    _type(qtbot, window.form.editors["held_on"], (dt.date.today() + dt.timedelta(days=7)).isoformat())
    window.form.flush()
    assert window.record_id() and window.people.rowCount() == 12


def test_a_person_added_alone_is_listed_with_their_group(qtbot, demo_context, messages):
    window = WorkshopWindow(demo_context, demo_id("workshop:market"))
    qtbot.addWidget(window)
    window.show()
    window.add_people([demo_id("person:p12")])
    row = next(row for row in training.attendance(demo_context.store.conn, demo_id("workshop:market"))
               if row["person_id"] == demo_id("person:p12"))
    assert row["organization"] == "Grupo Inversionista El Cargadero"


def test_competencies_from_another_office_survive_an_edit_here(qtbot, demo_context, messages):
    workshop_id = demo_id("workshop:plan")
    demo_context.repository.update("workshops", workshop_id, {"topics": ["business", "beekeeping"]})
    window = WorkshopWindow(demo_context, workshop_id)
    qtbot.addWidget(window)
    topics = window.form.editors["topics"]
    topics.item(2).setCheckState(Qt.CheckState.Checked)  # agreements
    window.form.flush()
    import json

    stored = json.loads(demo_context.repository.get("workshops", workshop_id)["topics"])
    assert set(stored) == {"business", "agreements", "beekeeping"}
    topics.set_value([{"a": 1}, "finance"])  # a malformed value from a bundle does not break the window
    assert topics.value() == ["finance"]


def test_a_refused_field_does_not_hold_back_the_others(qtbot, demo_context, messages, monkeypatch):
    window = WorkshopWindow(demo_context, demo_id("workshop:plan"))
    qtbot.addWidget(window)
    form = window.form
    _type(qtbot, form.editors["held_on"], (dt.date.today() + dt.timedelta(days=30)).isoformat())  # held: refused
    _type(qtbot, form.editors["title"], "Plan de negocio, segunda parte")
    form.flush()
    row = demo_context.repository.get("workshops", demo_id("workshop:plan"))
    assert row["title"] == "Plan de negocio, segunda parte" and row["held_on"] != form.editors["held_on"].value()
    assert "held_on" in form._errors
    monkeypatch.setattr(confirm, "destructive", lambda *args: True)
    window.close()  # "close and lose the date that needs correcting?" yes


def test_taking_someone_off_a_list_can_be_undone(qtbot, demo_context, messages):
    window = WorkshopWindow(demo_context, demo_id("workshop:plan"))
    qtbot.addWidget(window)
    window.show()
    before = window.people.rowCount()
    window.people.selectRow(0)
    window.remove_selected()
    assert window.people.rowCount() == before - 1 and demo_context.can_undo()
    demo_context.undo_delete()
    qtbot.waitUntil(lambda: window.people.rowCount() == before)
