"""Target 2: the first 50 matches for a three-letter prefix, as the search box asks while typing.

Measured two ways: the quick search (``search_names``) and the people list with its search set
(``count(cap=COUNT_CAP)`` then ``page(0, 50)``, what the table model does on every keystroke: a search
matching more than ``COUNT_CAP`` people says "more than 10,000" and counts the rest only when the list is
scrolled that far).

Measured 2026-12-06 (2-core machine, medians of five): at 100,000 people 2.0 ms (gar 2.3, mar 3.0, her
1.6, jua 1.7); at 1,000,000 people 10.9 ms (gar 7.0, mar 30.3, her 13.5, jua 8.4), 5x, outside the 1.5x
the lists are held to. A search with no match costs 0.1 ms at either size (it read the whole name order
before: 100 ms at 1,000,000). What grows is the page of a prefix matching tens of thousands of people:
SQLite gathers every match from the search index before walking the name order, 116,000 for "mar".
Tried and left out: reading those matches through the index and sorting them (slower from a few
thousand matches), testing each row of the name order against the typed words in Python (4-5 us a row:
no faster), and asking the search index about each row (about 27 us a row).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from advisor_app.store import listing
from advisor_app.store.database import Store
from advisor_app.ui.common.table_model import COUNT_CAP
from benchmarks.measure import Result, check, info, median_ms

PREFIXES = ("gar", "mar", "her", "jua")
LIMIT_MS = 10.0
REPEAT = 5


def _list_first_page(view: listing.ListView) -> None:
    view.count(cap=COUNT_CAP)
    view.page(0, 50)


def timed_prefixes(conn) -> tuple[dict[str, float], dict[str, float], dict[str, int]]:
    """Per prefix: the quick search's median ms, the people list's median ms, and how many people match."""
    quick, listed, counts = {}, {}, {}
    for prefix in PREFIXES:
        quick[prefix] = median_ms(lambda: listing.search_names(conn, prefix, 50), REPEAT)
        view = listing.people(conn)
        view.search = prefix
        listed[prefix] = median_ms(lambda: _list_first_page(view), REPEAT)
        counts[prefix] = view.count()
    return quick, listed, counts


def run(path: Path) -> list[Result]:
    store = Store.open(path, quick_check=False)
    try:
        quick, listed, counts = timed_prefixes(store.conn)
    finally:
        store.close()

    def detail(times: dict[str, float]) -> str:
        return ", ".join(f"{prefix} {ms:.1f}" for prefix, ms in times.items())

    return [
        check("search: search_names, first 50 (median of prefixes)", statistics.median(quick.values()),
              LIMIT_MS, "ms"),
        info("search: search_names per prefix (ms)", detail(quick)),
        check("search: people ListView capped count()+page(0, 50) (median)", statistics.median(listed.values()),
              LIMIT_MS, "ms"),
        info("search: people ListView per prefix (ms)", detail(listed)),
        info("search: people matching each prefix", ", ".join(f"{p} {n:,}" for p, n in counts.items())),
    ]
