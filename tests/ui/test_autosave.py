"""Steady typing reaches the data file at least once a second, and "saved" is never said before it does.

A key every 150 ms never leaves the 300 ms pause a save used to wait for; these tests type that way,
with the event loop running, and read the file from a second connection as a crash would leave it.
"""

from __future__ import annotations

import json
import sqlite3
import time

import pytest
from PySide6.QtCore import Qt

from advisor_app.domain.plans import PAGE_KEYS
from advisor_app.store.demo import demo_id
from advisor_app.ui.agreement_editor import AgreementWindow
from advisor_app.ui.agreement_editor.agreements_page import NewAgreementDialog
from advisor_app.ui.plan_wizard import PlanWizard

KEY_EVERY_MS = 150
TYPING_SECONDS = 5
ALLOWED_LOSS_S = 1.0
TEXT = "la cosecha de chile seco se vende en jerez y en los angeles " * 2


def type_steadily(qtbot, widget, saved_text, said_saved=lambda: False):
    """Type ``TEXT`` one key every 150 ms for 5 s. Before every key: all typed more than a second ago is
    in the file, and the window says "saved" only when the file holds everything typed."""
    typed_at: list[float] = []
    widget.setFocus()
    deadline = time.monotonic() + TYPING_SECONDS
    while time.monotonic() < deadline:
        now = time.monotonic()
        in_file = saved_text()
        old_enough = sum(1 for moment in typed_at if moment <= now - ALLOWED_LOSS_S)
        # The store keeps text without trailing spaces.
        assert in_file[:old_enough].rstrip() == TEXT[:old_enough].rstrip(), \
            f"missing: {TEXT[len(in_file):old_enough]!r}"
        if said_saved():
            assert in_file == TEXT[:len(typed_at)].rstrip()
        qtbot.keyClick(widget, TEXT[len(typed_at)])
        typed_at.append(time.monotonic())
        qtbot.wait(KEY_EVERY_MS)
    return len(typed_at)


def reader(path):
    connection = sqlite3.connect(path)
    return connection


def test_an_organizations_notes_typed_steadily(qtbot, window, context):
    organization = context.repository.insert("organizations", {"kind": "cooperative", "name": "Cooperativa Sol"})
    editor = window.open_organization(organization)  # deletes itself when closed
    other = reader(context.store.path)

    def saved():
        return other.execute("SELECT notes FROM organizations WHERE id = ?", (organization,)).fetchone()[0] or ""

    count = type_steadily(qtbot, editor.form.editors["notes"], saved,
                          lambda: editor.form.status.text() == "Todos los cambios están guardados.")
    assert count >= 30
    editor.close()
    assert saved() == TEXT[:count].rstrip()


def test_a_plan_answer_typed_steadily(qtbot, demo_context):
    plan = demo_id("plan:investors")
    wizard = PlanWizard(demo_context, plan)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to(PAGE_KEYS.index("market"))
    box = next(iter(wizard.current_page().form.boxes.items()))
    column, field = box
    field.clear()
    wizard.session.flush()
    other = reader(demo_context.store.path)

    def saved():
        return other.execute(f"SELECT {column} FROM plans WHERE id = ?", (plan,)).fetchone()[0] or ""

    count = type_steadily(qtbot, field, saved, lambda: wizard.saved.text() == "Todos los cambios guardados")
    wizard.close()
    assert saved() == TEXT[:count].strip()


def test_an_agreements_notes_typed_steadily(qtbot, demo_context, messages):
    dialog = NewAgreementDialog(demo_context, None, demo_id("plan:investors"))
    qtbot.addWidget(dialog)
    dialog.create()
    window = AgreementWindow(demo_context, dialog.agreement_id)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.signing)
    other = reader(demo_context.store.path)

    def saved():
        return other.execute("SELECT notes FROM agreements WHERE id = ?",
                             (dialog.agreement_id,)).fetchone()[0] or ""

    count = type_steadily(qtbot, window.signing.notes, saved)
    window.close()
    assert saved().strip() == TEXT[:count].strip()
