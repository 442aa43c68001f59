"""All or nothing: an import that fails at any point (an exception, a killed process) leaves the data
file exactly as it was; the commit is durable and a backup is taken first. Export never leaves half a
bundle under the final name."""

from __future__ import annotations

import datetime as dt
import errno
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import types
import zipfile
from contextlib import contextmanager

import pytest
from sync_helpers import PASSPHRASE, canonical_dump, full_dump, integrity_ok, small_registry

from advisor_app.store import backups
from advisor_app.store.database import Store
from advisor_app.sync import crypto, importer
from advisor_app.sync import export as export_module
from advisor_app.sync.errors import BundleError
from advisor_app.sync.merge import Merger


class Crash(Exception):
    """Stands for anything that goes wrong in the middle of an import."""


@pytest.fixture
def diverged(pair):
    """B holds an older copy of A's registry plus edits of its own; A's bundle brings new records,
    changes, deletions and a conflict."""
    a, b = pair
    ids = small_registry(a)
    a.send(b)
    b.repo.update("people", ids["jose"], {"phone": "+1 310 555 0002"})
    b.repo.insert("people", {"given_names": "Teresa", "first_surname": "Valdez"})
    a.repo.update("people", ids["jose"], {"phone": "+1 310 555 0001"})
    a.repo.delete("memberships", ids["coop_member"])
    for number in range(40):
        a.repo.insert("people", {"given_names": f"Persona {number}", "first_surname": "Nueva"})
    return a, b, a.export()


def merge_points():
    """The merge's write steps, whatever their names in the current implementation."""
    names = ["_write", "_create", "_update", "_flush", "_conflict", "_apply"]
    return [name for name in names if callable(getattr(Merger, name, None))]


@pytest.mark.parametrize("moment", ["first", "middle", "last"])
@pytest.mark.parametrize("point", merge_points())
def test_an_exception_inside_the_merge_leaves_the_data_file_as_before(diverged, monkeypatch, point, moment):
    a, b, bundle = diverged
    original = getattr(Merger, point)
    calls = []

    def counting(self, *args, **kwargs):
        calls.append(point)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Merger, point, counting)
    expected = b.import_(bundle, dry_run=True).stats.as_dict()
    total = len(calls)
    assert total > 0
    after = {"first": 0, "middle": total // 2, "last": total - 1}[moment]
    before = b.full_dump()
    clock = (b.store.clock.millis, b.store.clock.counter)
    calls.clear()

    def failing(self, *args, **kwargs):
        calls.append(point)
        if len(calls) > after:
            raise Crash(point)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Merger, point, failing)
    with pytest.raises(Crash):
        b.import_(bundle)
    assert b.full_dump() == before
    assert integrity_ok(b.conn)
    assert (b.store.clock.millis, b.store.clock.counter) == clock
    monkeypatch.undo()
    assert b.import_(bundle).stats.as_dict() == expected  # nothing of the failed attempt remained


@pytest.mark.parametrize("step", ["_store_attachments", "_remember_sender"])
def test_an_exception_after_the_merge_rolls_everything_back(diverged, monkeypatch, step):
    a, b, bundle = diverged
    before = b.full_dump()

    def failing(*args, **kwargs):
        raise Crash(step)

    monkeypatch.setattr(importer, step, failing)
    with pytest.raises(Crash):
        b.import_(bundle)
    assert b.full_dump() == before and integrity_ok(b.conn)


def test_an_interrupt_inside_the_merge_rolls_back(diverged, monkeypatch):
    a, b, bundle = diverged
    before = b.full_dump()

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Merger, merge_points()[-1], interrupted)
    with pytest.raises(KeyboardInterrupt):
        b.import_(bundle)
    assert b.full_dump() == before and integrity_ok(b.conn)


# --- a process killed in the middle -----------------------------------------------------------------------

CHILD = textwrap.dedent("""
    import sys
    from advisor_app.store.database import Store
    from advisor_app.sync.importer import run_import
    store = Store.open(sys.argv[1])
    print("ready", flush=True)
    run_import(store, sys.argv[2], dry_run=False, trust=True)
    print("done", flush=True)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_an_import_killed_at_random_moments_is_whole_or_absent(device, tmp_path):
    a, b = device("A"), device("B")
    small_registry(a)
    a.repo.insert_many("people", [{"given_names": f"Persona {number}", "first_surname": "Carrillo",
                                   "residence_country": "MX"} for number in range(3000)])
    small_registry(b)
    bundle = a.export()
    sender, sent = a.store.device_id, a.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    base = tmp_path / "base.sqlite3"
    b.close()
    shutil.copy(b.path, base)
    assert not b.path.with_name(b.path.name + "-wal").exists()

    def attempt(name, delay=None):
        target = tmp_path / name / "advisor.sqlite3"
        target.parent.mkdir()
        shutil.copy(base, target)
        process = subprocess.Popen([sys.executable, "-c", CHILD, str(target), str(bundle)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "ready"
        started = time.perf_counter()
        if delay is None:
            assert process.stdout.readline().strip() == "done"
            process.wait(timeout=60)
            return target, time.perf_counter() - started
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        return target, delay

    def state(path):
        store = Store.open(path)
        try:
            assert store.integrity_problems() == []
            received = store.conn.execute("SELECT count(*) FROM change_log WHERE device = ?", (sender,)).fetchone()[0]
            return received, canonical_dump(store.conn)
        finally:
            store.close()

    conn = sqlite3.connect(base)
    empty_state = (0, canonical_dump(conn))
    conn.close()
    complete, duration = attempt("complete")
    full_state = state(complete)
    assert full_state[0] == sent and full_state != empty_state

    rng = random.Random(20251125)
    for trial in range(8):
        killed, _ = attempt(f"killed-{trial}", rng.uniform(0, duration * 1.2))
        found = state(killed)
        assert found in (empty_state, full_state), f"trial {trial}: {found[0]} of {sent} changes present"


# --- durable, with a backup first -------------------------------------------------------------------------

def test_apply_commits_durably_and_takes_a_backup_first(diverged, monkeypatch):
    a, b, bundle = diverged
    store = b.store
    before = canonical_dump(b.conn), full_dump(b.conn)["change_log"]
    original = store.transaction
    seen = []

    @contextmanager
    def spy(durable=False):
        with original(durable=durable) as conn:
            seen.append((durable, conn.execute("PRAGMA synchronous").fetchone()[0]))
            yield conn

    folder = backups.folder_for(store.path)
    snapshots_at_merge = []
    original_apply = Merger.apply_lines if hasattr(Merger, "apply_lines") else Merger.apply_all

    def watching(self, *args, **kwargs):
        found = []
        for path in sorted(folder.glob("*before-import*")):
            copy = sqlite3.connect(path)
            try:
                found.append((path.name, canonical_dump(copy), full_dump(copy)["change_log"], integrity_ok(copy)))
            finally:
                copy.close()
        snapshots_at_merge.append(found)
        return original_apply(self, *args, **kwargs)

    monkeypatch.setattr(store, "transaction", spy)
    monkeypatch.setattr(Merger, original_apply.__name__, watching)
    earlier = sorted(folder.glob("*before-import*"))
    preview = b.import_(bundle, dry_run=True)
    assert seen == [(False, 1)]  # the preview is not durable and takes no backup
    assert sorted(folder.glob("*before-import*")) == earlier

    report = b.import_(bundle)
    assert report.applied
    assert seen[1] == (True, 2)  # synchronous=FULL (2) inside the import's transaction
    assert b.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # back to NORMAL afterwards
    current = [snapshot for snapshot in snapshots_at_merge[1] if (snapshot[1], snapshot[2]) == before]
    assert current, "no backup of the state before the import existed when the merge began"
    assert "before-import" in current[0][0] and current[0][3]
    assert preview.stats.as_dict() == report.stats.as_dict()


def test_two_imports_in_the_same_second_keep_both_backups(device, monkeypatch):
    class SameSecond(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2026, 11, 25, 13, 0, 0, tzinfo=tz)

    monkeypatch.setattr(backups, "dt", types.SimpleNamespace(datetime=SameSecond, date=dt.date))
    a, c, b = device("A"), device("C"), device("B")
    small_registry(a)
    c.repo.insert("people", {"given_names": "Teresa", "first_surname": "Valdez"})
    first, second = a.export(), c.export()
    state_before_first = b.dump()
    b.import_(first)
    b.import_(second)
    folder = backups.folder_for(b.store.path)
    states = []
    for path in folder.glob("*before-import*"):
        copy = sqlite3.connect(path)
        try:
            states.append(canonical_dump(copy))
        finally:
            copy.close()
    assert state_before_first in states


def test_a_replayed_bundle_takes_no_backup(pair):
    a, b = pair
    small_registry(a)
    bundle = a.export()
    b.import_(bundle)
    folder = backups.folder_for(b.store.path)
    made = sorted(folder.glob("*before-import*"))
    assert b.import_(bundle).replayed
    assert sorted(folder.glob("*before-import*")) == made


# --- export never leaves half a bundle ---------------------------------------------------------------------

def fail_writestr(self, *args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def fail_member_write(self, data):
    raise OSError(errno.EIO, "Input/output error")


def fail_seal(self, chunk, final):
    raise OSError(errno.ENOSPC, "No space left on device")


def fail_fsync(descriptor):
    raise OSError(errno.EIO, "Input/output error")


def fail_replace(source, target):
    raise OSError(errno.EXDEV, "Invalid cross-device link")


FAILURES = {
    "manifest write": (zipfile.ZipFile, "writestr", fail_writestr, None),
    "changes write": (zipfile._ZipWriteFile, "write", fail_member_write, None),
    "encryption": (crypto.SealingWriter, "_seal", fail_seal, PASSPHRASE),
    "fsync": (os, "fsync", fail_fsync, None),
    "rename": (export_module.os, "replace", fail_replace, None),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_export_leaves_no_file_and_the_old_bundle_untouched(pair, monkeypatch, tmp_path, failure):
    a, _b = pair
    small_registry(a)
    target_folder = tmp_path / "usb"
    target_folder.mkdir()
    target = target_folder / "para-B.advbundle"
    target.write_bytes(b"the previous bundle")
    listing = sorted(os.listdir(target_folder))
    sent_before = (a.store.get_meta("bundle_sequence"), a.store.unexported_changes(),
                   a.full_dump()["peers"], a.full_dump()["bundle_history"])
    owner, name, replacement, passphrase = FAILURES[failure]
    monkeypatch.setattr(owner, name, replacement)
    with pytest.raises(BundleError) as refused:
        a.export(target, peer="B", passphrase=passphrase)
    monkeypatch.undo()
    message = str(refused.value)
    assert "\n" not in message and str(target) in message
    assert sorted(os.listdir(target_folder)) == listing
    assert target.read_bytes() == b"the previous bundle"
    assert (a.store.get_meta("bundle_sequence"), a.store.unexported_changes(),
            a.full_dump()["peers"], a.full_dump()["bundle_history"]) == sent_before
    a.export(target, peer="B")  # nothing was marked as sent: the next export carries everything
    assert a.store.unexported_changes() == 0


def test_an_interrupted_export_leaves_no_partial_file(pair, monkeypatch, tmp_path):
    a, _b = pair
    small_registry(a)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(zipfile.ZipFile, "writestr", interrupted)
    with pytest.raises(KeyboardInterrupt):
        a.export(tmp_path / "x.advbundle")
    assert sorted(os.listdir(tmp_path)) == ["laptop-A", "laptop-B"]
