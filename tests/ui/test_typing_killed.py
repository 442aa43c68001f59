"""Typing steadily when the power cuts: the file holds all but, at most, the last second of it.

A separate process opens an organization's window offscreen and types into its notes, a key every
150 ms, saying each key on stdout; it is killed (SIGKILL, no chance to save) at a random moment.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from advisor_app.store.database import Store
from advisor_app.store.repository import Repository

TEXT = "la asamblea acordo vender el chile seco en jerez y en los angeles cada mes " * 3

TYPIST = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from advisor_app.i18n import set_language
    from advisor_app.store.database import Store
    from advisor_app.ui.common.context import AppContext
    from advisor_app.ui.registry.editors import OrganizationEditor
    path, organization, text = sys.argv[1], sys.argv[2], sys.argv[3]
    app = QApplication([])
    set_language("es")
    editor = OrganizationEditor(AppContext(Store.open(path)), organization)
    editor.show()
    notes = editor.form.editors["notes"]
    notes.setFocus()
    typed = 0
    def key():
        global typed
        QTest.keyClick(notes, text[typed])
        typed += 1
        print(typed, flush=True)
    timer = QTimer(interval=150, timeout=key)
    timer.start()
    app.exec()
""")


def _organization(path) -> str:
    store = Store.open(path)
    try:
        return Repository(store).insert("organizations", {"kind": "cooperative", "name": "Cooperativa El Sol"})
    finally:
        store.close()


def _saved_notes(path, organization) -> str:
    store = Store.open(path)
    try:
        return store.conn.execute("SELECT notes FROM organizations WHERE id = ?", (organization,)).fetchone()[0] or ""
    finally:
        store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("run", range(2))
def test_killed_while_typing_loses_at_most_the_last_second(tmp_path, run):
    path = tmp_path / "advisor.sqlite3"
    organization = _organization(path)
    process = subprocess.Popen([sys.executable, "-c", TYPIST, str(path), organization, TEXT],
                               stdout=subprocess.PIPE, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    typed_at: list[float] = []  # when each key was reported: it was typed no later than that
    try:
        line = process.stdout.readline()
        assert line, "the typing process ended before its first key"
        typed_at.append(time.monotonic())
        kill_at = typed_at[0] + random.uniform(2.0, 5.0)
        while time.monotonic() < kill_at:
            line = process.stdout.readline()
            assert line, "the typing process ended early"
            typed_at.append(time.monotonic())
        process.send_signal(signal.SIGKILL)
        killed = time.monotonic()
    finally:
        process.kill()
        process.wait(timeout=30)

    saved = _saved_notes(path, organization)
    older_than_a_second = sum(1 for moment in typed_at if moment <= killed - 1.0)
    assert TEXT.startswith(saved), "what was saved is what was typed, in order"
    assert len(saved) >= len(TEXT[:older_than_a_second].rstrip()), (
        f"{older_than_a_second} keys were typed more than a second before the kill, {len(saved)} saved")
    assert older_than_a_second >= 5
