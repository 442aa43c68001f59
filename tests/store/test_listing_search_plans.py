"""A search's rows are the same whichever way they are read: through the search index and sorted (few
matches) or along the list's order (many); and a capped count stops at its cap without changing what it
reports below it. Compared on the demo and on a registry with many alike names."""

from __future__ import annotations

import pytest

from advisor_app.store import listing

SEARCHES = ["", "ro", "rob", "Robles", "ana ro", "gar", "zzq", "Sandoval ana", "ROGA", "ñ", "jose"]


@pytest.fixture
def many(repo):
    """Sixty people, names repeating, some deleted: enough for several pages and for ties in the order."""
    given = ["Ana Lilia", "José Luis", "Teresa", "Pedro", "Ana"]
    surnames = ["Robles", "Sandoval", "Valdez", "García", "Muñoz", "Robledo"]
    for number in range(60):
        row_id = repo.insert("people", {"given_names": given[number % 5], "first_surname": surnames[number % 6],
                                        "second_surname": surnames[(number * 7) % 6], "residence_country": "MX"})
        if number % 9 == 0:
            repo.delete("people", row_id)
    return repo


def _all_rows(view: listing.ListView, few: int, monkeypatch) -> list[tuple]:
    monkeypatch.setattr(listing, "FEW_MATCHES", few)
    view._matches = None
    rows, offset = [], 0
    while page := view.page(offset, 7):
        rows += page
        offset += 7
    return rows


@pytest.mark.parametrize("search", SEARCHES)
@pytest.mark.parametrize("sort_key,descending", [("name", False), ("name", True), ("curp", False)])
def test_both_ways_of_reading_a_search_give_the_same_rows_in_the_same_order(many, store, monkeypatch, search,
                                                                          sort_key, descending):
    view = listing.people(store.conn)
    view.search, view.sort_key, view.descending = search, sort_key, descending
    through_the_index = _all_rows(view, 10 ** 9, monkeypatch)
    along_the_order = _all_rows(view, -1, monkeypatch)
    assert through_the_index == along_the_order
    assert len(through_the_index) == view.count()


def test_a_filter_beside_a_search_is_kept_by_both_ways(many, store, monkeypatch):
    view = listing.people(store.conn)
    view.search, view.filters = "ana", {"residence_country": "MX"}
    assert _all_rows(view, 10 ** 9, monkeypatch) == _all_rows(view, -1, monkeypatch) != []


@pytest.mark.parametrize("search", SEARCHES)
def test_a_capped_count_reports_the_count_below_its_cap_and_cap_plus_one_above(many, store, search):
    view = listing.people(store.conn)
    view.search = search
    exact = view.count()
    for cap in (0, 3, exact, exact + 5):
        assert view.count(cap=cap) == min(exact, cap + 1)


def test_an_unsearched_list_counts_from_the_kept_count(many, store):
    view = listing.people(store.conn)
    store.conn.execute("UPDATE live_counts SET live = 12345 WHERE table_name = 'people'")
    assert view.count() == 12345
    view.filters = {"residence_country": "MX"}
    assert view.count() == store.conn.execute(
        "SELECT count(*) FROM people WHERE deleted = 0 AND residence_country = 'MX'").fetchone()[0]


@pytest.mark.parametrize("search", ["", "ro", "ana", "zzq"])
@pytest.mark.parametrize("sort_key,descending", [("name", False), ("name", True), ("curp", False), ("curp", True)])
def test_pages_read_from_the_end_are_the_pages_read_from_the_start(many, store, search, sort_key, descending):
    view = listing.people(store.conn)
    view.search, view.sort_key, view.descending = search, sort_key, descending
    total = view.count()
    forward = view.page(0, total + 10)
    for size in (1, 7, 64):
        from_either_end = []
        for offset in range(0, total, size):
            from_either_end += view.page(offset, size, total)
        assert from_either_end == forward
