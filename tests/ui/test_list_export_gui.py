"""Every list of the app offers *Export this list…*: the shared list view's context menu, the File menu
acting on the tab in front, and the grids of a workshop's attendance and a session's actions. The export
writes what the list shows, in the background, with a progress window whose Cancel leaves no file."""

from __future__ import annotations

import csv
import time

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from advisor_app.reports import spreadsheets
from advisor_app.store.demo import demo_id
from advisor_app.ui.common import background
from advisor_app.ui.common.background import CANCELLED, SUCCEEDED
from advisor_app.ui.common.list_table import ListTable, list_tables_in
from ui_helpers import finished


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


@pytest.fixture
def said(monkeypatch):
    """What the window says once a list is written."""
    messages = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *rest: messages.append(text))
    return messages


def _offers_export(table) -> bool:
    return any(action.text() == "Exportar esta lista…" for action in table.actions())


def test_every_tab_with_a_list_offers_export(qtbot, window, demo_context):
    tabs = window.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: tabs.currentWidget().isVisible())
        tables = list_tables_in(tabs.currentWidget())
        if tabs.currentWidget() is window._home_tab:
            assert not tables
            continue
        assert tables and all(_offers_export(table) for table in tables), tabs.tabText(index)
    training = window.training_page
    for page in (training.workshops, training.sessions, training.actions):
        assert isinstance(page.table, ListTable) and _offers_export(page.table)


def test_the_windows_with_lists_offer_export(qtbot, window, demo_context):
    from advisor_app.ui.training.session_window import SessionWindow
    from advisor_app.ui.training.workshop_window import WorkshopWindow

    organization = window.open_organization(demo_id("org:club_jerez"))
    person = window.open_person(demo_id("person:p01"))
    workshop = WorkshopWindow(demo_context, demo_id("workshop:agreements"))
    session = SessionWindow(demo_context, demo_id("session:investors"), None)
    for widget in (workshop, session):
        qtbot.addWidget(widget)
    assert _offers_export(organization.members.table) and _offers_export(person.memberships.table)
    assert organization.members.table.rowCount() == 3
    assert _offers_export(workshop.people) and _offers_export(session.actions)


def test_file_menu_exports_the_searched_list_in_front(qtbot, window, demo_context, tmp_path, monkeypatch, said):
    target = tmp_path / "personas.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.tabs.setCurrentWidget(window.people)
    window.people.set_search("haro")
    shown = window.people.model.rowCount()
    assert 0 < shown < 25
    window.export_list_action.trigger()
    job = background._current  # the job the menu started
    assert finished(qtbot, job) == shown and job.state == SUCCEEDED
    rows = _rows(target)
    assert rows[0][:2] == ["Nombre", "CURP"] and len(rows) == shown + 1
    assert all("Haro" in row[0] for row in rows[1:])
    assert said and str(target) in said[-1]


def test_context_menu_export_of_a_workshop_attendance_and_a_filtered_page(qtbot, window, demo_context, tmp_path,
                                                                         monkeypatch, said):
    from advisor_app.ui.training.workshop_window import WorkshopWindow

    workbook = tmp_path / "asistencia.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(workbook), ""))
    workshop = WorkshopWindow(demo_context, demo_id("workshop:agreements"))
    qtbot.addWidget(workshop)
    workshop.export_action.trigger()
    assert finished(qtbot, background._current) == workshop.people.rowCount()
    rows = list(openpyxl.load_workbook(workbook).active.iter_rows(values_only=True))
    assert rows[0] == ("Persona", "Organización", "Asistió") and len(rows) == workshop.people.rowCount() + 1

    plans = window.plans_page
    plans.show_filter("no-such-status")
    assert plans.table.rowCount() == 0
    empty = tmp_path / "plans.csv"
    assert finished(qtbot, plans.table.export(empty)) == 0
    assert _rows(empty) == [["Título", "Escenario", "Organización líder", "Situación", "Sector"]]


def test_cancel_in_the_progress_window_leaves_no_file(qtbot, window, demo_context, tmp_path, monkeypatch, said):
    def slow(source, target, total, progress):
        target.write_text("half")
        while True:  # until Cancel: each report is a chance to stop
            progress(spreadsheets.STEP, 1, total)
            time.sleep(0.01)

    monkeypatch.setattr(spreadsheets, "_write_csv", slow)
    target = tmp_path / "out" / "organizations.csv"
    target.parent.mkdir()
    job = window.organizations.table_view.export(target)
    qtbot.waitUntil(lambda: job.window is not None and job.window.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: job.window.step.text() == "Escribiendo la lista")
    assert job.window.heading.text() and job.window.bar.isVisible()
    job.window.cancel_button.click()
    assert finished(qtbot, job) is None and job.state == CANCELLED
    assert list(target.parent.iterdir()) == [] and not said


def test_sorting_by_a_header_is_what_the_export_writes(qtbot, window, demo_context, tmp_path, said):
    sessions = window.training_page.sessions
    table = sessions.table
    table.sortByColumn(1, table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    shown = [table.cell_text(row, 1) for row in range(table.rowCount())]
    assert shown == sorted(shown, key=str.casefold, reverse=True)
    target = tmp_path / "sesiones.csv"
    finished(qtbot, table.export(target))
    assert [row[1] for row in _rows(target)[1:]] == shown
