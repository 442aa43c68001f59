"""A wizard killed while the group types (a power cut) leaves the plan as last saved, whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from advisor_app.domain.finance import validate
from advisor_app.domain.plans import model_of
from advisor_app.store.database import Store
from advisor_app.store.demo import demo_id

TYPIST = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    from advisor_app.store.database import Store
    from advisor_app.store.demo import demo_id, load_demo
    from advisor_app.store.repository import Repository
    from advisor_app.ui.common.context import AppContext
    from advisor_app.ui.plan_wizard import PlanWizard
    app = QApplication([])
    store = Store.open(sys.argv[1])
    load_demo(Repository(store))
    wizard = PlanWizard(AppContext(store), demo_id("plan:investors"))
    sales = wizard.pages[6]
    wizard.go_to(6)
    number = 0
    while True:
        number += 1
        sales.products.table.item(0, 2).setText(str(100 + number))
        sales.costs.table.item(0, 1).setText(str(10000 + number))
        if wizard.session.flush():
            print(number, flush=True)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_mid_wizard_keeps_the_last_saved_plan(tmp_path):
    path = tmp_path / "advisor.sqlite3"
    process = subprocess.Popen([sys.executable, "-c", TYPIST, str(path)], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    last_reported = 0
    while last_reported < 60:
        line = process.stdout.readline()
        assert line, "the typing process ended early"
        last_reported = int(line)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    store = Store.open(path)
    try:
        assert store.integrity_problems() == []
        plan = store.conn.execute("SELECT * FROM plans WHERE id = ?", (demo_id("plan:investors"),)).fetchone()
        columns = [column[0] for column in store.conn.execute("SELECT * FROM plans LIMIT 0").description]
        model = model_of(dict(zip(columns, plan)))
        assert validate(model) == {}  # every JSON column whole and readable
        saved = int(model.products[0].price) - 100
        assert saved >= last_reported  # nothing reported as saved was lost
        assert model.fixed_costs[0].monthly_amount == 10000 + saved  # both tables of the same save
        assert store.get_meta(f"plan_page:{demo_id('plan:investors')}") == "6"  # it reopens where the group was
    finally:
        store.close()
