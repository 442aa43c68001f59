"""A field typed in an existing record repaints the lists without counting their rows again (a COUNT over a
state office's million people is most of a keystroke's time); a new, deleted or restored record, or an
edit while a list is narrowed by a search or a filter, counts again, so the lists and tab titles stay true."""

from __future__ import annotations

import pytest

from advisor_app.store.demo import demo_id


@pytest.fixture
def counts(window, monkeypatch):
    """How often each registry list counted its rows."""
    counted = {"organizations": 0, "people": 0}
    for view in (window.organizations, window.people):
        original = view.model.view.count

        def counting(original=original, table=view.table, **options):
            counted[table] += 1
            return original(**options)

        monkeypatch.setattr(view.model.view, "count", counting)
    return counted


def test_a_field_typed_in_a_person_counts_nothing_and_shows_the_new_value(qtbot, demo_context, window, counts):
    person = demo_id("person:p01")
    window.tabs.setCurrentWidget(window.people)
    for phone in ("+52 494 945 01", "+52 494 945 012", "+52 494 945 0123"):
        demo_context.repository.update("people", person, {"phone": phone})
    assert counts == {"organizations": 0, "people": 0}
    shown = {window.people.model.data(window.people.model.index(row, 4))
             for row in range(window.people.model.rowCount())}
    assert "+52 494 945 0123" in shown


def test_new_deleted_and_restored_records_are_counted(qtbot, demo_context, window, counts):
    before = window.people.model.rowCount()
    person = demo_context.repository.insert("people", {"given_names": "Rosa", "first_surname": "Haro",
                                                       "residence_country": "MX"})
    assert window.people.model.rowCount() == before + 1 and counts["people"] == 1
    demo_context.delete("people", person, "Rosa Haro")
    assert window.people.model.rowCount() == before
    demo_context.undo_delete()
    assert window.people.model.rowCount() == before + 1 and counts["people"] == 3
    assert window.tabs.tabText(window.tabs.indexOf(window.people)).endswith(f"({before + 1})")


def test_an_edit_in_a_searched_list_counts_it_again(qtbot, demo_context, window, counts):
    window.search.setText("Ruvalcaba")
    matches = window.people.model.rowCount()
    searched = counts["people"]
    demo_context.repository.update("people", demo_id("person:p01"), {"first_surname": "Rivas"})
    assert counts["people"] == searched + 1
    assert window.people.model.rowCount() == matches - 1


def test_a_search_matching_more_than_the_cap_says_so_and_counts_the_rest_when_scrolled_to(
        qtbot, demo_context, window, monkeypatch, english):
    from advisor_app.ui.common import table_model

    monkeypatch.setattr(table_model, "COUNT_CAP", 3)
    window.tabs.setCurrentWidget(window.people)
    people = window.people
    people.set_search("a")  # most of the demo's 25 people
    exact = people.model.view.count()
    assert exact > 3
    assert people.model.rowCount() == 3 and people.model.more()
    assert people.count_label.text() == "More than 3 records"
    assert window.tabs.tabText(window.tabs.indexOf(people)) == "People (25)"  # the file's count, not the list's

    people.table_view.scrollToBottom()
    qtbot.waitUntil(lambda: people.model.rowCount() == exact)
    assert not people.model.more()
    assert people.count_label.text() == f"{exact} records"
    people.set_search("Robles")
    assert not people.model.more() and people.model.rowCount() == people.model.view.count()
