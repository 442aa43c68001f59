"""Target 4: saving one edited field, as the autosaving editors do on every change.

The first target is ``Repository.update`` alone. The second is the same save with the main window open,
where every save also reaches both registry lists, the tab titles and the status bar through
``AppContext.changed``: within one frame (16 ms), at any size of file. A field's edit repaints the lists'
visible rows and counts nothing; measured on a 2-core laptop, 9.0 ms at 100,000 people and 100.7 ms at
1,000,000 when both lists were counted again at every save, 3.3 ms and 2.5 ms since.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from advisor_app.store.database import Store
from advisor_app.store.repository import Repository
from benchmarks.measure import Result, check, info, qt_app

SAVES = 1_000
WINDOW_SAVES = 50
LIMIT_MS = 1.0
FRAME_MS = 16.0


def _phone(rnd: random.Random) -> str:
    return f"+52 {rnd.randrange(200, 999)} {rnd.randrange(100, 999)} {rnd.randrange(10000):04d}"


def _timed_saves(repository: Repository, ids: list[str], rnd: random.Random, after=None) -> list[float]:
    times = []
    for row_id in ids:
        began = time.perf_counter()
        changed = repository.update("people", row_id, {"phone": _phone(rnd)})
        if after:
            after()
        times.append(time.perf_counter() - began)
        if not changed:
            raise RuntimeError("a save changed nothing; the benchmark would measure the wrong path")
    return times


def run(path: Path) -> list[Result]:
    rnd = random.Random(4)
    store = Store.open(path, quick_check=False)
    try:
        ids = [row_id for (row_id,) in store.conn.execute("SELECT id FROM people WHERE deleted = 0")]
        repository = Repository(store)
        times = _timed_saves(repository, rnd.sample(ids, SAVES), rnd)
        window_ms = _with_window(store, rnd.sample(ids, WINDOW_SAVES), rnd)
    finally:
        store.close()
    ordered = sorted(times)
    return [
        check(f"save: Repository.update of one field (median of {SAVES:,})", statistics.median(times) * 1000,
              LIMIT_MS, "ms", digits=3),
        info("save: Repository.update p95 / max",
             f"{ordered[int(len(ordered) * 0.95)] * 1000:.3f} / {ordered[-1] * 1000:.3f} ms"),
        check(f"save: same with the main window open (median of {WINDOW_SAVES})", window_ms, FRAME_MS, "ms"),
    ]


def _with_window(store: Store, ids: list[str], rnd: random.Random) -> float:
    app = qt_app()
    from advisor_app.ui.common.context import AppContext
    from advisor_app.ui.common.language import LanguageSwitcher
    from advisor_app.ui.shell.main_window import MainWindow

    switcher = LanguageSwitcher(app)
    switcher.apply("es")
    context = AppContext(store, switcher)
    window = MainWindow(context)
    window.show()
    app.processEvents()
    try:
        times = _timed_saves(context.repository, ids, rnd, after=app.processEvents)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return statistics.median(times) * 1000
