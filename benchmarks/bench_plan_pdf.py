"""Target: printing the demo's complete business plan to PDF, as the wizard's Print button or
``advisor-app plan-pdf`` does: read the plan, compute its finances, lay out every section with the
monthly cash chart and write the file. One render before the clock starts loads ReportLab, Babel and
the catalogs, as an app that has been open for a while has.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from advisor_app.reports import render_plan
from advisor_app.store.database import Store
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.repository import Repository
from benchmarks.measure import Result, check, info

REPEAT = 5
LIMIT_S = 1.5


def run() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="advisor-bench-pdf-") as folder:
        store = Store.open(Path(folder) / "demo.sqlite3")
        try:
            repository = Repository(store)
            load_demo(repository)
            plan_id, out = demo_id("plan:investors"), Path(folder) / "plan.pdf"
            render_plan(repository, plan_id, "es", out)
            times = []
            for language in ("es", "en") * ((REPEAT + 1) // 2):
                began = time.perf_counter()
                render_plan(repository, plan_id, language, out)
                times.append(time.perf_counter() - began)
            size_kib = out.stat().st_size / 1024
            pages = out.read_bytes().count(b"/Type /Page\n") or out.read_bytes().count(b"/Type /Page")
        finally:
            store.close()
    return [
        check(f"plan PDF: the demo's complete plan, Spanish and English (median of {len(times)})",
              statistics.median(times), LIMIT_S, "s"),
        info("plan PDF: that document", f"{pages} pages, {size_kib:,.0f} KiB"),
    ]


if __name__ == "__main__":
    for result in run():
        print(f"{result.name}: {result.measured} (target {result.target}) {result.status}")
    sys.exit(0)
