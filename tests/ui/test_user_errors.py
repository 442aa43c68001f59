"""A refused action in the window is one sentence in a message box; the unexpected goes to a log."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from advisor_app import logs
from advisor_app.logs import LOG_NAME
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.errors import StoreError
from advisor_app.ui.common.user_errors import install_last_resort, reports_errors


def test_a_refused_action_shows_its_sentence(qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))

    @reports_errors
    def refused():
        raise StoreError("The data file is in use by another program; close it and try again.")

    assert refused() is None
    assert shown == ["The data file is in use by another program; close it and try again."]


def test_restoring_a_conflict_that_breaks_a_rule_is_explained(qtbot, window, context, monkeypatch):
    """Restoring a share that no longer fits under 100 % is refused with the rule's sentence."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    load_demo(context.repository)
    membership = demo_id("membership:investors:p11")
    context.store.conn.execute(
        "INSERT INTO conflicts(kind, table_name, row_id, column_name, winner_value, winner_hlc, winner_device, "
        "loser_value, loser_hlc, loser_device, detected_at) VALUES ('field', 'memberships', ?, 'share_pct', '25', "
        "'000000000000001.000000', 'a', '90', '000000000000001.000000', 'b', '2026-11-25')", (membership,))
    page = window.conflicts_page
    page.reload()
    page.table.selectRow(0)
    page.restore_selected()
    assert len(shown) == 1 and "165%" in shown[0]
    assert context.repository.get("memberships", membership)["share_pct"] == "25"


def test_the_unexpected_is_logged_without_its_message_and_explained(qapp, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_last_resort(tmp_path)
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        log = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    finally:
        logs.stop()
    assert "RuntimeError" in log and "test_the_unexpected_is_logged_without_its_message_and_explained" in log
    assert "boom" not in log
    assert len(shown) == 1 and LOG_NAME in shown[0] and "Traceback" not in shown[0]
