"""Starting the GUI: no display, damaged data file with and without a backup."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from advisor_app import logs
from advisor_app.store import backups
from advisor_app.store.database import Store
from advisor_app.store.demo import load_demo
from advisor_app.store.repository import Repository
from advisor_app.ui.shell.app import open_store_with_recovery


def test_no_display_is_one_sentence_not_a_crash(tmp_path):
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "advisor_app", "--db", str(tmp_path / "a.sqlite3")],
                            env=env, capture_output=True, text=True, timeout=60)
    if not sys.platform.startswith("linux"):
        return
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def _damage(path):
    with path.open("r+b") as handle:
        handle.seek(4096 * 2)
        handle.write(b"\xff" * 4096 * 3)


def test_damaged_file_is_set_aside_and_backup_offered(tmp_path):
    path = tmp_path / "advisor.sqlite3"
    logs.configure(tmp_path)  # as the window does before it opens the file
    try:
        store = Store.open(path)
        load_demo(Repository(store))
        backups.daily(store.conn, path)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        _damage(path)
        damaged_bytes = path.read_bytes()
        questions = []
        restored = open_store_with_recovery(path, lambda question: questions.append(question) or True)
    finally:
        logs.stop()
    assert restored is not None
    assert restored.counts()["people"] == 25
    restored.close()
    aside = [item for item in tmp_path.iterdir() if ".damaged-" in item.name and not item.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes
    assert len(questions) == 1 and aside[0].name in questions[0]
    logged = (tmp_path / logs.LOG_NAME).read_text(encoding="utf-8")
    assert "Daily backup advisor-daily-" in logged
    assert f"Damaged data file advisor.sqlite3 set aside as {aside[0].name}" in logged
    assert "restored as advisor.sqlite3" in logged


def test_damaged_file_without_backup_can_start_empty(tmp_path):
    path = tmp_path / "advisor.sqlite3"
    store = Store.open(path)
    load_demo(Repository(store))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    _damage(path)
    restored = open_store_with_recovery(path, lambda question: True)
    assert restored.counts()["people"] == 0
    restored.close()
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_background_check_backs_up_a_sound_file_and_reports_a_damaged_one(tmp_path):
    from advisor_app.ui.shell.app import check_and_back_up_in_background

    path = tmp_path / "advisor.sqlite3"
    store = Store.open(path)
    load_demo(Repository(store))
    found = []
    check_and_back_up_in_background(store, lambda: found.append("damaged")).join(30)
    assert not found and len(list(backups.folder_for(path).glob("*-daily-*.sqlite3"))) == 1
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    for old in backups.folder_for(path).iterdir():
        old.unlink()
    _damage(path)
    damaged = type("Opened", (), {"path": path, "key": None})()
    check_and_back_up_in_background(damaged, lambda: found.append("damaged")).join(30)
    assert found == ["damaged"]
    assert not list(backups.folder_for(path).glob("*-daily-*.sqlite3"))  # never a backup of a damaged file


def test_unclean_shutdown_checks_before_opening(tmp_path, monkeypatch):
    import advisor_app.ui.shell.app as app_module

    path = tmp_path / "advisor.sqlite3"
    store = Store.open(path)
    load_demo(Repository(store))
    store.set_meta("session_open", "1")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    _damage(path)
    monkeypatch.setattr(app_module, "QUICK_CHECK_UP_FRONT_BYTES", 0)  # large: only the flag forces the check
    questions = []
    assert open_store_with_recovery(path, lambda question: questions.append(question) or False) is None
    assert len(questions) == 1 and "damaged" in questions[0]
