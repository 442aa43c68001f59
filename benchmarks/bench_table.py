"""Target 3: the whole people list in a ``QTableView`` over ``PagedTableModel``.

Runs in a child process of its own: its memory holds nothing from the generator, and SQLite's page
cache starts cold as when the app opens a file. The view is set up as ``RegistryView`` sets up its
table (sorting on, rows 26 px, no row header), so the figures include the count and sort the app
does when a list first appears. The municipality catalog is loaded before the clock starts, as it is
in the app once the organizations tab has painted; its load is reported on its own line.

Memory growth is measured from the painted list before any scrolling, so pages the jump to the end
pulled into SQLite's cache count as scrolling too. The scroll visits every page up to 2,000 of them and
spreads 2,000 over a longer list (1,000,000 people fill 43,000 pages, more than the run's time limit).
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.measure import Result, check, info, qt_app, rss_mib, skipped

FIRST_PAINT_MS = 50.0
LAST_ROW_MS = 50.0
SCROLL_GROWTH_MIB = 25.0
RSS_SAMPLE_EVERY = 100
MAX_SCROLL_PAGES = 2_000


def run(path: Path) -> list[Result]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench_table", str(path)], env=env, cwd=root,
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"table benchmark child failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return [Result(**row) for row in json.loads(done.stdout.strip().splitlines()[-1])]


def _table(model):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate((360, 160, 230, 160, 90)):
        header.resizeSection(column, width)
    view.resize(1160, 620)
    return view


def first_paint_of(app, store):
    """The people list of ``store`` in a new table view, shown and painted: (model, view, milliseconds)."""
    from advisor_app.store import listing
    from advisor_app.ui.common import table_model

    gc.collect()
    began = time.perf_counter()
    model = table_model.PagedTableModel(listing.people(store.conn))
    view = _table(model)
    view.show()
    app.processEvents()
    view.grab()
    return model, view, (time.perf_counter() - began) * 1000


def measure(path: Path) -> list[Result]:
    app = qt_app()
    from advisor_app.domain.catalog import mexico
    from advisor_app.store.database import Store
    from advisor_app.ui.common import table_model
    from advisor_app.ui.common.language import LanguageSwitcher

    LanguageSwitcher(app).apply("es")
    began = time.perf_counter()
    mexico()
    catalog_ms = (time.perf_counter() - began) * 1000
    store = Store.open(path, quick_check=False)
    view = None
    try:
        model, view, first_paint = first_paint_of(app, store)
        baseline = rss_mib()

        rows = model.rowCount()
        began = time.perf_counter()
        view.scrollToBottom()
        app.processEvents()
        view.viewport().repaint()
        last_row = (time.perf_counter() - began) * 1000
        if rows and (rows - 1) // table_model.PAGE_SIZE not in model._pages:
            raise RuntimeError("the last rows were not painted; the jump measured nothing")

        results = [
            check(f"table: first paint of {rows:,} people", first_paint, FIRST_PAINT_MS, "ms", digits=1),
            check("table: jump to last row (scrollToBottom + repaint)", last_row, LAST_ROW_MS, "ms", digits=1),
        ]
        results += _scroll(app, view, baseline)
        results.append(info("table: municipality catalog load (once per process)", f"{catalog_ms:.1f} ms"))
        return results
    finally:
        if view is not None:
            view.close()
        store.close()


def _scroll_positions(maximum: int, page: int) -> list[int]:
    """Every page from top to bottom, or at 1,000,000 people (43,000 pages, past the run's time limit)
    ``MAX_SCROLL_PAGES`` of them spread evenly over the whole list: the pages still come from everywhere,
    so memory that grew with scrolling would still show."""
    values = list(range(0, maximum + 1, page))
    if len(values) > MAX_SCROLL_PAGES:
        step = len(values) / MAX_SCROLL_PAGES
        values = [values[int(index * step)] for index in range(MAX_SCROLL_PAGES)]
    if values[-1] != maximum:
        values.append(maximum)
    return values


def _scroll(app, view, baseline: float | None) -> list[Result]:
    target = f"< {SCROLL_GROWTH_MIB:g} MiB"
    if baseline is None:
        return [skipped("table: scroll end to end, RSS growth", "no RSS source", target)]
    bar = view.verticalScrollBar()
    bar.setValue(0)
    app.processEvents()
    view.viewport().repaint()
    start = peak = rss_mib()
    values = _scroll_positions(bar.maximum(), max(bar.pageStep(), 1))
    began = time.perf_counter()
    for step, value in enumerate(values):
        bar.setValue(value)
        app.processEvents()
        view.viewport().repaint()
        if step % RSS_SAMPLE_EVERY == 0:
            peak = max(peak, rss_mib())
    seconds = time.perf_counter() - began
    peak = max(peak, rss_mib())
    return [
        check("table: scroll end to end, RSS growth (peak - painted list)", peak - baseline, SCROLL_GROWTH_MIB,
              "MiB", digits=1),
        info("table: scroll end to end, time",
             f"{len(values):,} pages of {bar.pageStep()} rows (spread over all) in {seconds:.1f} s "
             f"({seconds / len(values) * 1000:.1f} ms/page)"),
        info("table: RSS painted list / after jump to end / peak while scrolling",
             f"{baseline:.0f} / {start:.0f} / {peak:.0f} MiB"),
    ]


if __name__ == "__main__":
    print(json.dumps([vars(result) for result in measure(Path(sys.argv[1]))]))
