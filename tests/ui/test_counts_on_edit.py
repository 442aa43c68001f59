"""A field's edit counts nothing again (the cost of a keystroke does not grow with the file); records
that come or go, and edits under a search, are counted again at once. Watched through the SQL the data
file runs, so the test sees what the screens ask, not what they say they do."""

from __future__ import annotations

import datetime as dt
import re

import pytest

TODAY = dt.date(2026, 3, 10)
COUNT_PEOPLE = re.compile(r"count\(\*\)\s+FROM\s+people", re.IGNORECASE)


@pytest.fixture
def demo(context):
    from advisor_app.store.demo import load_demo

    load_demo(context.repository, today=TODAY)
    return context


@pytest.fixture
def statements(demo):
    seen: list[str] = []
    demo.store.conn.set_trace_callback(seen.append)
    yield seen
    demo.store.conn.set_trace_callback(None)


def _people_counts(seen: list[str]) -> int:
    return sum(bool(COUNT_PEOPLE.search(sql)) for sql in seen)


def _tab_title(window, page) -> str:
    return window.tabs.tabText(window.tabs.indexOf(page))


def test_typing_in_a_persons_field_counts_no_one_again(qtbot, demo, statements):
    from advisor_app.store.demo import demo_id
    from advisor_app.ui.shell.main_window import MainWindow

    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.people)
    qtbot.wait(50)
    statements.clear()
    for key in range(5):
        demo.repository.update("people", demo_id("person:p11"), {"notes": "Habla con el comité" + "." * key})
    demo.repository.update("people", demo_id("person:p11"), {"given_names": "Socorro"})
    qtbot.wait(400)  # past the home page's pause
    assert _people_counts(statements) == 0
    # The list shows the value as saved (the page on screen is read again as it is painted).
    assert any("Socorro" in name for name in _shown_names(window.people.model))


def _shown_names(model) -> list[str]:
    return [str(model.data(model.index(row, 0)) or "") for row in range(model.rowCount())]


def test_a_new_person_and_a_deletion_are_counted_at_once_in_the_tab_title(qtbot, demo, statements):
    from advisor_app.ui.shell.main_window import MainWindow

    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.organizations)  # the people list is hidden: its title must follow anyway
    before = window.people.model.rowCount()
    person = demo.repository.insert("people", {"given_names": "Rosa", "first_surname": "Ibarra"})
    assert window.people.model.rowCount() == before + 1
    assert str(before + 1) in _tab_title(window, window.people)
    demo.delete("people", person, "Rosa Ibarra")
    assert window.people.model.rowCount() == before
    assert str(before) in _tab_title(window, window.people)


def test_under_a_search_an_edit_that_moves_a_row_out_is_counted(qtbot, demo):
    from advisor_app.store.demo import demo_id
    from advisor_app.ui.shell.main_window import MainWindow

    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.people)
    person = demo_id("person:p11")
    name = demo.repository.get("people", person)["first_surname"]
    window.people.set_search(name)
    found = window.people.model.rowCount()
    assert found >= 1
    demo.repository.update("people", person, {"first_surname": "Zuñiga-Quintanar"})
    assert window.people.model.rowCount() == found - 1


def test_a_hidden_list_shows_edited_values_when_shown_again(qtbot, demo):
    from advisor_app.store.demo import demo_id
    from advisor_app.ui.shell.main_window import MainWindow

    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.organizations)
    person = demo_id("person:p11")
    demo.repository.update("people", person, {"given_names": "Socorro"})
    window.show_page(window.people)
    assert any("Socorro" in name for name in _shown_names(window.people.model))


def test_the_home_page_reads_only_the_figures_an_edit_can_move(qtbot, demo, statements):
    from advisor_app.store.demo import demo_id
    from advisor_app.ui.home.dashboard import DashboardPage

    page = DashboardPage(demo, lambda *_args: None)
    page.today = TODAY
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.figures is not None)
    people = page.figures.people
    statements.clear()
    demo.repository.update("people", demo_id("person:p11"), {"phone": "+52 494 100 0000"})
    qtbot.waitUntil(lambda: not page._stale, timeout=2000)
    assert _people_counts(statements) == 0 and page.figures.people == people
    demo.repository.insert("people", {"given_names": "Rosa", "first_surname": "Ibarra"})
    qtbot.waitUntil(lambda: page.figures.people == people + 1, timeout=2000)
    assert page.cards["people"].figure.text() == str(people + 1)
