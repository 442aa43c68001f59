"""Business-plan wizard: moving between pages (target under 100 ms) and a keystroke in a table until the
figures are recomputed and shown, on the large plan of ``bench_finance`` (20 products, 30 cost lines,
10 years). A page move is timed until the new page is painted."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_finance import large_model  # noqa: E402
from benchmarks.measure import Result, check, info, median_ms  # noqa: E402

PAGE_LIMIT_MS = 100.0
ROUNDS = 5


def run() -> list[Result]:
    from PySide6.QtWidgets import QApplication

    from advisor_app.domain.plans import PAGES, model_columns
    from advisor_app.store.database import Store
    from advisor_app.store.plans import create_plan
    from advisor_app.store.repository import Repository
    from advisor_app.ui.common.context import AppContext
    from advisor_app.ui.plan_wizard import PlanWizard

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="advisor-wizard-") as folder:
        store = Store.open(Path(folder) / "plans.sqlite3")
        repository = Repository(store)
        lead = repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa de prueba"})
        plan_id = create_plan(repository, {"title": "Plan grande", "lead_organization_id": lead,
                                           **model_columns(large_model())})
        context = AppContext(store)
        began = time.perf_counter()
        wizard = PlanWizard(context, plan_id)
        wizard.show()
        app.processEvents()
        opened = (time.perf_counter() - began) * 1000
        worst: tuple[float, str] = (0.0, "")
        for index, page in enumerate(PAGES):
            def move(index=index) -> None:
                wizard.go_to(0 if index else 1)
                app.processEvents()
                began_move = time.perf_counter()
                wizard.go_to(index)
                wizard.repaint()
                app.processEvents()
                move.elapsed.append((time.perf_counter() - began_move) * 1000)
            move.elapsed = []
            for _round in range(ROUNDS):
                move()
            elapsed = sorted(move.elapsed)[len(move.elapsed) // 2]
            worst = max(worst, (elapsed, page.key))
        sales = wizard.pages[[page.key for page in PAGES].index("sales_costs")]
        wizard.go_to([page.key for page in PAGES].index("sales_costs"))
        cell = sales.products.table.item(0, 2)
        prices = iter(f"{40 + number / 100:.2f}" for number in range(10_000))
        keystroke = median_ms(lambda: (cell.setText(next(prices)), app.processEvents()), 20)
        wizard.close()
        store.close()
    return [
        check(f"wizard: moving to a page, slowest page ({worst[1]}), 10-year plan with 20 products",
              worst[0], PAGE_LIMIT_MS, "ms"),
        info("wizard: a price typed in the products table until the figures are shown (median of 20)",
             f"{keystroke:,.1f} ms"),
        info("wizard: opening the window on that plan", f"{opened:,.0f} ms"),
    ]


if __name__ == "__main__":
    for result in run():
        print(f"{result.name}: {result.measured} (target {result.target}) {result.status}")
    sys.exit(0)
