"""What a bundle leaves on disk on its way: importing an encrypted bundle writes no plaintext anywhere
(no temporary file, no copy outside the data folder, nothing readable inside it), and an export's
partial file is removed when it fails and, after a killed export, at the next start."""

from __future__ import annotations

import builtins
import hashlib
import io
import os
import tempfile
import time

import pytest
from sync_helpers import PASSPHRASE, Device, small_registry

from advisor_app.store import protection
from advisor_app.store.attachments import attach_file, read_attachment
from advisor_app.store.database import Store
from advisor_app.store.leftovers import EXPORT_PARTIAL_META, STALE_AFTER_SECONDS
from advisor_app.store.repository import Repository
from advisor_app.sync import export as export_module
from advisor_app.sync.export import export_bundle

SCAN = b"%PDF-1.4 acta de la cooperativa firmada por Ana Maria Lopez " + bytes(range(256)) * 20
SECRET_TEXTS = ("Jerezanos", "Guayaberos", "Sandoval", "acta de la cooperativa")


def protect(device: Device) -> None:
    device.store.close()
    protection.protect(device.path, PASSPHRASE)
    device.store = Store.open(device.path, PASSPHRASE)
    device.repo = Repository(device.store)


class WriteSpy:
    """Every file Python opens for writing, and any temporary file or folder asked for."""

    def __init__(self, monkeypatch):
        self.written: list[str] = []
        self.temporary: list[str] = []
        real_open, real_os_open = io.open, os.open

        def spied_open(file, mode="r", *args, **kwargs):
            if isinstance(file, (str, bytes, os.PathLike)) and any(flag in mode for flag in "wax+"):
                self.written.append(os.fsdecode(file))
            return real_open(file, mode, *args, **kwargs)

        def spied_os_open(path, flags, *args, **kwargs):
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                self.written.append(os.fsdecode(path))
            return real_os_open(path, flags, *args, **kwargs)

        def refused(name):
            def call(*args, **kwargs):
                self.temporary.append(name)
                raise AssertionError(f"tempfile.{name} called during an import")
            return call

        monkeypatch.setattr(io, "open", spied_open)
        monkeypatch.setattr(builtins, "open", spied_open)
        monkeypatch.setattr(os, "open", spied_os_open)
        for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile",
                     "TemporaryDirectory"):
            monkeypatch.setattr(tempfile, name, refused(name))


def every_file(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


@pytest.mark.parametrize("dry_run", [True, False])
def test_importing_an_encrypted_bundle_writes_no_plaintext_anywhere(pair, tmp_path, monkeypatch, dry_run):
    sender, receiver = pair
    ids = small_registry(sender)
    source = tmp_path / "acta.pdf"
    source.write_bytes(SCAN)
    attach_file(sender.repo, "organizations", ids["cooperative"], source)
    bundle = sender.export(passphrase=PASSPHRASE)
    protect(receiver)

    spy = WriteSpy(monkeypatch)
    receiver.import_(bundle, dry_run=dry_run, passphrase=PASSPHRASE)
    monkeypatch.undo()

    assert spy.temporary == []
    outside = [path for path in spy.written if not os.path.abspath(path).startswith(str(receiver.folder) + os.sep)]
    assert outside == []
    for path in every_file(receiver.folder):
        content = path.read_bytes()
        for text in SECRET_TEXTS:
            assert text.encode("utf-8") not in content, (path.name, text)
            assert text.encode("utf-16-le") not in content, (path.name, text)
    if not dry_run:
        assert any(os.sep + "attachments" + os.sep in path for path in spy.written)  # the spy sees the writes
        assert read_attachment(receiver.store, hashlib.sha256(SCAN).hexdigest()) == SCAN


def test_a_failed_export_leaves_no_partial_file_and_no_record_of_one(pair, tmp_path, monkeypatch):
    sender, _receiver = pair
    small_registry(sender)
    out_folder = tmp_path / "usb"
    out_folder.mkdir()

    def fails(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "_sync_to_disk", fails)
    with pytest.raises(Exception):
        export_bundle(sender.store, out_folder / "all.advbundle", passphrase=PASSPHRASE)
    assert list(out_folder.iterdir()) == []
    assert sender.conn.execute("SELECT count(*) FROM meta WHERE key LIKE ?",
                               (EXPORT_PARTIAL_META + "%",)).fetchone()[0] == 0


def test_an_export_records_its_partial_file_while_it_writes_and_forgets_it_after(pair, tmp_path):
    sender, _receiver = pair
    small_registry(sender)
    seen = []

    def progress(step, done=None, total=None):
        if step == "Saving the file":
            seen.extend(value for (value,) in sender.conn.execute(
                "SELECT value FROM meta WHERE key LIKE ?", (EXPORT_PARTIAL_META + "%",)))

    out = tmp_path / "all.advbundle"
    export_bundle(sender.store, out, passphrase=PASSPHRASE, progress=progress)
    assert seen and all(value.endswith(".partial") and value.startswith(str(tmp_path)) for value in seen)
    assert sender.conn.execute("SELECT count(*) FROM meta WHERE key LIKE ?",
                               (EXPORT_PARTIAL_META + "%",)).fetchone()[0] == 0
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".partial")] == []


def test_the_next_start_removes_the_partial_file_of_a_killed_export(pair, tmp_path):
    sender, _receiver = pair
    usb = tmp_path / "usb"
    usb.mkdir()
    abandoned, being_written = usb / ".all.advbundle.0a1b2c3d.partial", usb / ".org.advbundle.4e5f6a7b.partial"
    abandoned.write_bytes(b"ADVBENC1 half of a bundle")
    being_written.write_bytes(b"ADVBENC1 another window is writing this one")
    past = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(abandoned, (past, past))
    sender.store.set_meta(EXPORT_PARTIAL_META + "0a1b2c3d", str(abandoned))
    sender.store.set_meta(EXPORT_PARTIAL_META + "4e5f6a7b", str(being_written))
    sender.store.set_meta(EXPORT_PARTIAL_META + "99999999", str(usb / ".gone.advbundle.99999999.partial"))
    sender.store.close()
    sender.store = Store.open(sender.path)
    assert not abandoned.exists() and being_written.exists()
    left = {key for (key,) in sender.conn.execute("SELECT key FROM meta WHERE key LIKE ?",
                                                  (EXPORT_PARTIAL_META + "%",))}
    assert left == {EXPORT_PARTIAL_META + "4e5f6a7b"}
