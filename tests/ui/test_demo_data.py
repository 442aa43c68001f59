"""Demo data is offered on first start, not ticked, and removed in one step without touching what people
typed, nor the demo records their own records use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.demo_removal import remove_demo
from advisor_app.ui.common import confirm

ASK_FOR_REAL = confirm.destructive


def _live(context, table) -> int:
    return context.store.conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]


def test_first_start_does_not_tick_the_demo(qtbot, window, context):
    wizard = window.open_welcome()
    qtbot.addWidget(wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.demo_page
    assert not wizard.demo.isChecked()
    wizard.next()
    wizard.protect_page.offer.setChecked(False)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert context.store.counts()["organizations"] == 0
    assert context.store.get_meta("welcome_done") == "1"


@pytest.fixture
def demo_and_own_records(context):
    """The demo set, plus what an advisor typed: a person of their own who joined the demo investors, and
    an organization and a person that have nothing to do with the demo."""
    repository = context.repository
    load_demo(repository)
    own = {
        "person": repository.insert("people", {"given_names": "Rosa", "first_surname": "Ortiz",
                                               "residence_country": "MX"}),
        "organization": repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa Real"}),
    }
    own["membership"] = repository.insert("memberships", {"organization_id": demo_id("org:investors"),
                                                          "person_id": own["person"], "role": "member"})
    own["own_member"] = repository.insert("memberships", {"organization_id": own["organization"],
                                                          "person_id": own["person"], "role": "president"})
    return own


def test_removing_the_demo_leaves_what_people_typed(qtbot, window, context, demo_and_own_records, messages):
    own = demo_and_own_records
    log_before = context.store.counts()["change_log"]
    window.remove_demo_action.trigger()  # the question is answered "remove" by the tests' fixture
    repository = context.repository
    for table, key in (("people", "person"), ("organizations", "organization"), ("memberships", "membership"),
                       ("memberships", "own_member")):
        assert repository.get(table, own[key])["deleted"] == 0
    # The demo investors stay: Rosa's membership names them. The rest of the demo is gone.
    assert repository.get("organizations", demo_id("org:investors"))["deleted"] == 0
    for table, key in (("organizations", "org:cooperative"), ("plans", "plan:investors"),
                       ("agreements", "agreement:partnership"), ("workshops", "workshop:plan"),
                       ("advisory_sessions", "session:investors"), ("people", "person:p11")):
        assert repository.get(table, demo_id(key))["deleted"] == 1, key
    assert _live(context, "organizations") == 2 and _live(context, "people") == 1 and _live(context, "memberships") == 2
    assert _live(context, "plans") == 0 and _live(context, "workshop_attendance") == 0
    assert context.store.counts()["change_log"] > log_before  # logged deletions, as any other
    assert messages and "1" in messages[-1]
    assert window.organizations.model.rowCount() == 2  # the list shows it at once
    window.remove_demo_action.trigger()
    assert messages[-1] in ("No hay datos de ejemplo que quitar.", "There is no demo data to remove.")


def test_removing_twice_removes_nothing_more(context, demo_and_own_records):
    first = remove_demo(context.repository)
    assert first[0] > 90
    assert remove_demo(context.repository) == (0, 1)


def test_the_question_defaults_to_keeping_the_demo(qtbot, window, context, monkeypatch, messages):
    load_demo(context.repository)
    monkeypatch.setattr(confirm, "destructive", ASK_FOR_REAL)
    asked = []

    def press_enter():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press_enter)
            return
        asked.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)
        asked.append("answered" if not box.isVisible() else "still open")
        if box.isVisible():
            box.reject()

    QTimer.singleShot(0, press_enter)
    window.remove_demo_action.trigger()
    assert asked[1:] == ["answered"]  # Enter answered it, with the default: keep the demo
    assert context.store.counts()["organizations"] == _live(context, "organizations") > 0
    assert context.repository.get("organizations", demo_id("org:investors"))["deleted"] == 0
