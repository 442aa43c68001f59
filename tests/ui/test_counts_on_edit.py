"""What a field's edit leaves for later: a hidden list shows the edited value when shown again, and the
home page reads again only the figures an edit can move (watched through the SQL the data file runs). The
lists' counts themselves are tested in test_list_counts.py."""

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
def window(qtbot, demo):
    """The main window on the demo (loaded first, as an advisor's file would be)."""
    from advisor_app.ui.shell.main_window import MainWindow

    main = MainWindow(demo)
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def statements(demo):
    seen: list[str] = []
    demo.store.conn.set_trace_callback(seen.append)
    yield seen
    demo.store.conn.set_trace_callback(None)


def _shown_names(model) -> list[str]:
    return [str(model.data(model.index(row, 0)) or "") for row in range(model.rowCount())]


def _people_counts(seen: list[str]) -> int:
    return sum(bool(COUNT_PEOPLE.search(sql)) for sql in seen)


def test_a_hidden_list_shows_edited_values_when_shown_again(qtbot, demo, window):
    from advisor_app.store.demo import demo_id
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
