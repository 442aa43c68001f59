"""Looking at a plan is not editing it: walking the wizard's pages logs nothing that would travel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from advisor_app.domain.plans import PAGE_KEYS
from advisor_app.store.demo import demo_id
from advisor_app.ui.plan_wizard import PlanWizard


def _log_size(context) -> int:
    return context.store.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]


def test_walking_every_page_and_back_adds_no_change(qtbot, demo_context, window):
    for plan in (demo_id("plan:investors"), demo_id("plan:cooperative")):
        before = _log_size(demo_context)
        wizard = PlanWizard(demo_context, plan, window)
        wizard.show()
        while wizard.next_button.isEnabled():
            qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
            qtbot.wait(20)
        while wizard.back_button.isEnabled():
            wizard.back_button.click()
            qtbot.wait(20)
        for index in range(len(PAGE_KEYS)):
            wizard.navigation.setCurrentRow(index)
        wizard.close()
        qtbot.wait(1200)  # any save that was waiting for a pause has had its chance
        assert _log_size(demo_context) == before, demo_context.store.conn.execute(
            "SELECT table_name, fields FROM change_log ORDER BY seq DESC LIMIT 5").fetchall()


def test_the_wizard_reopens_on_the_page_the_group_left_without_an_edit(qtbot, demo_context, window):
    plan = demo_id("plan:cooperative")
    wizard = PlanWizard(demo_context, plan, window)
    wizard.show()
    before = _log_size(demo_context)
    wizard.go_to(PAGE_KEYS.index("risks"))
    wizard.close()
    again = PlanWizard(demo_context, plan, window)
    assert again.stack.currentIndex() == PAGE_KEYS.index("risks")
    assert _log_size(demo_context) == before
    again.close()
