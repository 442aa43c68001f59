"""A power cut during a conversion leaves the original or the converted file whole, never neither.

A child process converts a copy of a data file of 10,000 people and is killed at points spread over
the time a conversion takes; each time the file must open, plain or with the passphrase, holding
every row, and no plaintext copy may survive the next open.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from advisor_app.store import cipher, protection
from advisor_app.store.database import Store

PASSPHRASE = "correct horse battery"
KILL_POINTS = 6
CHILD = """
import sys
from pathlib import Path
from advisor_app.store import cipher, protection
path, action = Path(sys.argv[1]), sys.argv[2]
key = cipher.data_key_for(path, sys.argv[3]) if action == "unprotect" else None
print("ready", flush=True)
protection.protect(path, sys.argv[3]) if action == "protect" else protection.unprotect(path, key)
print("done", flush=True)
"""


@pytest.fixture(scope="module")
def scale_file(tmp_path_factory):
    from benchmarks.scale_data import generate

    path = tmp_path_factory.mktemp("scale") / "advisor.sqlite3"
    generate(path, people=10_000, organizations=1_000)
    return path


def _rows(store: Store) -> dict:
    rows = {table: store.conn.execute(f"SELECT count(*), total(length(id)) FROM {table}").fetchone()
            for table in ("organizations", "people", "memberships")}
    rows["change_log"] = store.conn.execute("SELECT count(*), max(seq) FROM change_log").fetchone()
    return rows


def _start(path: Path, action: str) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), action, PASSPHRASE],
                             stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert child.stdout.readline().strip() == "ready"
    return child


def _timed(path: Path, action: str) -> float:
    started = time.perf_counter()
    child = _start(path, action)
    assert child.wait(timeout=120) == 0
    return time.perf_counter() - started


def _open_whatever_it_is(path: Path) -> Store:
    if cipher.is_encrypted(path):
        return Store.open(path, PASSPHRASE)
    return Store.open(path)


@pytest.mark.parametrize("action", ["protect", "unprotect"])
def test_killed_at_any_point_the_file_is_whole(scale_file, tmp_path, action):
    original = tmp_path / "original.sqlite3"
    shutil.copy(scale_file, original)
    if action == "unprotect":
        protection.protect(original, PASSPHRASE)
        shutil.copy(cipher.key_file_for(original), tmp_path / "original.keys")
    reference = _open_whatever_it_is(original)
    expected = _rows(reference)
    reference.close()

    trial = tmp_path / "trial" / "advisor.sqlite3"
    trial.parent.mkdir()
    shutil.copy(original, trial)
    if action == "unprotect":
        shutil.copy(tmp_path / "original.keys", cipher.key_file_for(trial))
    duration = _timed(trial, action)
    outcomes = set()
    # Spread over the conversion, and once long after it: both outcomes must be whole.
    for fraction in [(point + 0.5) / KILL_POINTS for point in range(KILL_POINTS)] + [3.0]:
        shutil.rmtree(trial.parent)
        trial.parent.mkdir()
        shutil.copy(original, trial)
        if action == "unprotect":
            shutil.copy(tmp_path / "original.keys", cipher.key_file_for(trial))
        child = _start(trial, action)
        time.sleep(duration * fraction)
        child.send_signal(signal.SIGKILL)
        child.wait()
        store = _open_whatever_it_is(trial)
        try:
            assert _rows(store) == expected
            outcomes.add(store.protected)
        finally:
            store.close()
        assert not trial.with_name(trial.name + protection.CONVERTING_SUFFIX).exists()
    assert outcomes == {True, False}
