"""An encrypted export and an encrypted import killed at random points, as a pulled plug or a crashed
laptop would: no plaintext anywhere outside the data folder (the USB stick, the system's temporary
folder), nothing under the bundle's final name unless it is complete and valid, all or nothing in the
data file, and the next start removes what the killed process left in the data folder."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time

import pytest
from sync_helpers import PASSPHRASE, Device, small_registry

from advisor_app.store.attachments import attach_file
from advisor_app.store.database import Store
from advisor_app.store.leftovers import STALE_AFTER_SECONDS
from advisor_app.sync import crypto
from advisor_app.sync.importer import run_import

RUNS = 5
NAMES = (b"Robles", b"Sandoval", "Ramón".encode(), b"Jerezanos")


def plaintext_files(folder) -> list[str]:
    """Files under ``folder`` holding a zip or a personal name in the clear."""
    found = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                data = handle.read()
            if data.startswith(b"PK") or any(word in data for word in NAMES):
                found.append(os.path.join(root, name))
    return found


class Field:
    """A sender's data folder, a USB stick, a receiver's data folder and a system temporary folder."""

    def __init__(self, root):
        self.root = root
        self.usb, self.temp = root / "usb", root / "system-temp"
        for folder in (self.usb, self.temp, root / "sender", root / "receiver"):
            folder.mkdir()
        sender = Device(root / "sender", "A")
        self.fingerprint = sender.fingerprint
        ids = small_registry(sender)
        rng = random.Random(1)
        for number in range(3):  # incompressible scans, so that writing and copying take a while
            scan = root / f"scan-{number}.jpg"
            scan.write_bytes(rng.randbytes(3 * 1024 * 1024))
            attach_file(sender.repo, "organizations", ids["club"], scan)
            scan.unlink()
        sender.close()
        self.sender = sender.path
        receiver = Device(root / "receiver", "B")
        receiver.close()
        self.receiver = receiver.path
        self.passphrase_file = root / "passphrase.txt"
        self.passphrase_file.write_text(PASSPHRASE, encoding="utf-8")
        self.env = {**os.environ, "TMPDIR": str(self.temp), "TEMP": str(self.temp), "TMP": str(self.temp)}

    def run(self, *argv, kill_after: float | None = None) -> tuple[int | None, float]:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "advisor_app", *argv], env=self.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if kill_after is None:
            return process.wait(timeout=120), time.perf_counter() - started
        try:
            code = process.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
            code = None
        return code, time.perf_counter() - started

    def export(self, out, kill_after=None):
        return self.run("export", "--db", str(self.sender), "--out", str(out), "--passphrase-file",
                        str(self.passphrase_file), kill_after=kill_after)

    def import_(self, bundle, kill_after=None):
        return self.run("import", str(bundle), "--db", str(self.receiver), "--passphrase-file",
                        str(self.passphrase_file), "--trust", self.fingerprint, kill_after=kill_after)

    def assert_no_plaintext_outside_the_data_folders(self):
        assert plaintext_files(self.usb) == [] and plaintext_files(self.temp) == []


@pytest.fixture
def field(tmp_path):
    return Field(tmp_path)


def _kill_point(rng: random.Random, run: int, whole: float) -> float:
    """A random moment in the run-th of RUNS equal slices of a whole run, so that every phase is hit."""
    return whole * (run + rng.random()) / RUNS


def _bundle_is_valid(field, bundle) -> bool:
    probe_folder = field.root / f"probe-{bundle.stem}"
    probe_folder.mkdir()
    probe = Device(probe_folder, "P")
    try:
        return run_import(probe.store, bundle, PASSPHRASE, dry_run=True, trust=True).stats.received > 0
    finally:
        probe.close()


def test_a_killed_encrypted_export_leaves_only_ciphertext_on_the_stick(field):
    code, whole = field.export(field.usb / "complete.advbundle")
    assert code == 0 and _bundle_is_valid(field, field.usb / "complete.advbundle")
    rng = random.Random(20251205)
    for run in range(RUNS):
        target = field.usb / f"killed-{run}.advbundle"
        code, _elapsed = field.export(target, kill_after=_kill_point(rng, run, whole))
        field.assert_no_plaintext_outside_the_data_folders()
        for leftover in field.usb.iterdir():
            assert leftover.read_bytes()[:len(crypto.MAGIC)] in (crypto.MAGIC, crypto.MAGIC[:leftover.stat().st_size])
        if target.exists():
            # The bundle takes its name only once whole: a kill after that (the process still exiting,
            # slow on a loaded machine) leaves a complete bundle, whatever the exit code.
            assert _bundle_is_valid(field, target), f"run {run}: exit code {code}"


def _counts(path) -> dict[str, int]:
    """Open the data file as the app's next start does, and count its records."""
    store = Store.open(path)
    try:
        assert store.integrity_problems() == []
        return store.counts()
    finally:
        store.close()


def test_a_killed_encrypted_import_is_all_or_nothing_and_leaves_no_plaintext(field):
    bundle = field.usb / "para-B.advbundle"
    assert field.export(bundle)[0] == 0
    pristine = field.root / "receiver.pristine"
    shutil.copyfile(field.receiver, pristine)
    empty = _counts(field.receiver)
    code, whole = field.import_(bundle)
    full = _counts(field.receiver)
    assert code == 0 and full["people"] == 3 and full["attachments"] == 3
    attachments = field.root / "receiver" / "attachments"
    rng = random.Random(20251206)
    for run in range(RUNS):
        shutil.copyfile(pristine, field.receiver)
        for suffix in ("-wal", "-shm"):
            field.receiver.with_name(field.receiver.name + suffix).unlink(missing_ok=True)
        shutil.rmtree(attachments, ignore_errors=True)
        field.import_(bundle, kill_after=_kill_point(rng, run, whole))
        field.assert_no_plaintext_outside_the_data_folders()
        past = time.time() - STALE_AFTER_SECONDS - 60
        for partial in attachments.glob("*.partial"):  # what a killed copy left, untouched since
            os.utime(partial, (past, past))
        counts = _counts(field.receiver)
        assert counts in (empty, full)
        assert not list(attachments.glob("*.partial"))
