"""Target 5: the main window's first paint against a bare PySide6 window, each in a fresh process.

Each child starts its clock on its first line, so imports count, and stops it when ``grab()`` has
painted the window. One discarded run of each warms the OS file cache; then three runs of each,
interleaved, and the medians are compared.

Measured 2026-12-05 (2 cores, loaded by other work): fitting the lists' columns to 1280x720 had made the
fit walk every row looking for widgets in cells, several times per list; the main window's first paint
took 9.6-15.6 s at 100,000 people and 77-90 s at 1,000,000. Walking only tables that hold such widgets:
0.36-0.75 s at 100,000 and 0.96-1.16 s at 1,000,000 (the same runs, interleaved).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.measure import Result, check, info

RATIO_LIMIT = 2.0
RUNS = 3

_REPORT = """
elapsed = time.perf_counter() - T0
rss = None
try:
    with open("/proc/self/status", encoding="ascii") as status:
        rss = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))
except OSError:
    try:
        import psutil
        rss = psutil.Process().memory_info().rss / 1024 / 1024
    except ImportError:
        pass
print(json.dumps({"seconds": elapsed, "rss_mib": rss, "check": CHECK}))
"""

BARE = """import time; T0 = time.perf_counter()
import json, sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QTableView

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QTableView(window))
for title, area in (("one", Qt.DockWidgetArea.LeftDockWidgetArea), ("two", Qt.DockWidgetArea.RightDockWidgetArea),
                    ("three", Qt.DockWidgetArea.BottomDockWidgetArea)):
    dock = QDockWidget(title, window)
    dock.setWidget(QTableView(dock))
    window.addDockWidget(area, dock)
window.resize(1180, 720)
window.show()
app.processEvents()
window.grab()
CHECK = window.isVisible()
""" + _REPORT

MAIN = """import time; T0 = time.perf_counter()
import json, sys
from PySide6.QtWidgets import QApplication
from pathlib import Path
from advisor_app.ui.shell.app import open_store_with_recovery
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.language import LanguageSwitcher
from advisor_app.ui.shell.main_window import MainWindow

app = QApplication(sys.argv)
app.setApplicationName("Community Advisor")
switcher = LanguageSwitcher(app)
switcher.apply("es")
store = open_store_with_recovery(Path(sys.argv[1]), lambda question: False)  # as the app opens it
if not store.get_meta("welcome_done"):
    raise SystemExit("welcome not marked done: the wizard would open")
window = MainWindow(AppContext(store, switcher))
window.show()
app.processEvents()
window.grab()
CHECK = window.people.model.rowCount()
""" + _REPORT


def _child(script: str, *args: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", script, *args], env=env, cwd=root,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"startup child failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(path: Path) -> list[Result]:
    from advisor_app.store.database import Store

    store = Store.open(path, quick_check=False)
    try:
        store.set_meta("welcome_done", "1")
    finally:
        store.close()
    _child(BARE)
    _child(MAIN, str(path))
    bare, main = [], []
    for _ in range(RUNS):
        bare.append(_child(BARE))
        main.append(_child(MAIN, str(path)))
    bare_s = statistics.median(run["seconds"] for run in bare)
    main_s = statistics.median(run["seconds"] for run in main)
    ratio = main_s / bare_s

    def rss(runs: list[dict]) -> str:
        values = [run["rss_mib"] for run in runs if run["rss_mib"] is not None]
        return f"{statistics.median(values):.0f} MiB" if values else "unavailable"

    result = check("startup: main window first paint / bare window", ratio, RATIO_LIMIT, "x")
    result.measured = f"{ratio:.2f} x ({main_s * 1000:.0f} / {bare_s * 1000:.0f} ms)"
    return [
        result,
        info("startup: main window, per run (ms)", ", ".join(f"{run['seconds'] * 1000:.0f}" for run in main)),
        info("startup: bare window, per run (ms)", ", ".join(f"{run['seconds'] * 1000:.0f}" for run in bare)),
        info("startup: RSS at first paint, main / bare", f"{rss(main)} / {rss(bare)}"),
        info("startup: people rows in the main window", f"{main[0]['check']:,}"),
    ]
