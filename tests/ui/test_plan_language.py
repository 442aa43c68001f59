"""The wizard's Results page follows a language switch at once: the verdict, its reasons and the notes
in place of undefined figures, without a number being edited first."""

from __future__ import annotations

import pytest

from advisor_app.domain.plans import PAGE_KEYS
from advisor_app.store.demo import demo_id
from advisor_app.ui.plan_wizard import PlanWizard

RESULTS = PAGE_KEYS.index("results")


def _results_texts(wizard):
    page = wizard.pages[RESULTS]
    return page.verdict.text(), page.figures.text(), wizard.figures.text()


@pytest.mark.parametrize("plan", ["plan:investors", "plan:cooperative"])
def test_the_verdict_follows_a_language_switch(qtbot, demo_context, window, plan):
    plan_id = demo_id(plan)
    window.english_action.trigger()
    fresh = PlanWizard(demo_context, plan_id, window)
    fresh.show()
    fresh.go_to(RESULTS)
    in_english = _results_texts(fresh)
    fresh.close()

    window.spanish_action.trigger()
    wizard = PlanWizard(demo_context, plan_id, window)
    wizard.show()
    wizard.go_to(RESULTS)
    in_spanish = _results_texts(wizard)
    assert in_spanish != in_english

    window.english_action.trigger()
    assert _results_texts(wizard) == in_english
    window.spanish_action.trigger()
    assert _results_texts(wizard) == in_spanish
    wizard.grab().save(f"/tmp/shots/results_{plan.split(':')[1]}.png")
    wizard.close()
