"""Attachment files of a protected data file are sealed at rest, read back only whole and under their own
name, convert both ways with the data file, and cross to and from a plain laptop intact."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import time
from pathlib import Path

import pytest

from advisor_app.store import attachment_files, cipher, protection
from advisor_app.store.attachments import attach_file, attachment_path, read_attachment
from advisor_app.store.database import Store
from advisor_app.store.errors import StoreError
from advisor_app.store.leftovers import STALE_AFTER_SECONDS, VIEWER_COPY_PREFIX
from advisor_app.store.repository import Repository
from advisor_app.store.viewer_copies import remove_viewer_copies, viewer_copy
from advisor_app.sync.export import export_bundle
from advisor_app.sync.importer import run_import

PASSPHRASE = "clave del club 2026"
MARKER = b"ACTA FIRMADA POR ROSALBA QUINTERO"
DAMAGED = "is damaged on this laptop"


def scan(number: int = 0) -> bytes:
    return b"%PDF-1.4\n" + MARKER + b" pagina %d\n" % number + bytes(range(256)) * 40


class Laptop:
    """A data file in a folder of its own, with one organization to attach scans to."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.path = folder / "advisor.sqlite3"
        self.passphrase: str | None = None
        self.store = Store.open(self.path)
        self.repo = Repository(self.store)
        self.organization = self.repo.insert("organizations", {"name": "Cooperativa Tres Ríos", "kind": "cooperative"})

    def attach(self, content: bytes, name: str = "acta.pdf") -> str:
        source = self.folder.parent / "scanner" / hashlib.sha256(content).hexdigest()[:8] / name
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(content)
        attach_file(self.repo, "organizations", self.organization, source)
        return hashlib.sha256(content).hexdigest()

    def reopen(self) -> None:
        self.store.close()
        self.store = Store.open(self.path, self.passphrase)
        self.repo = Repository(self.store)

    def protect(self) -> None:
        self.store.close()
        protection.protect(self.path, PASSPHRASE)
        self.passphrase = PASSPHRASE
        self.store = Store.open(self.path, PASSPHRASE)
        self.repo = Repository(self.store)

    def unprotect(self) -> None:
        key = self.store.key
        self.store.close()
        protection.unprotect(self.path, key)
        self.passphrase = None
        self.store = Store.open(self.path)
        self.repo = Repository(self.store)

    def files(self) -> list[Path]:
        return sorted((self.folder / "attachments").iterdir())


@pytest.fixture
def laptop(tmp_path):
    made = Laptop(tmp_path / "laptop")
    yield made
    made.store.close()


@pytest.fixture
def protected(laptop):
    laptop.protect()
    return laptop


def sealed(path: Path) -> bool:
    return path.read_bytes().startswith(attachment_files.MAGIC)


def test_a_scan_attached_to_a_protected_file_is_sealed_and_reads_back(protected):
    sha = protected.attach(scan())
    stored = attachment_path(protected.store, sha)
    on_disk = stored.read_bytes()
    assert on_disk.startswith(attachment_files.MAGIC) and MARKER not in on_disk
    assert hashlib.sha256(on_disk).hexdigest() != sha  # named by the plaintext, not by the ciphertext
    assert read_attachment(protected.store, sha) == scan()


def test_the_same_scan_attached_twice_is_kept_once(protected):
    first = protected.attach(scan(), "acta.pdf")
    kept = attachment_path(protected.store, first).read_bytes()
    second = protected.attach(scan(), "acta-otra-vez.pdf")
    assert first == second and len(protected.files()) == 1
    assert attachment_path(protected.store, first).read_bytes() == kept  # not written again
    rows = protected.store.conn.execute("SELECT count(*) FROM attachments WHERE sha256 = ?", (first,)).fetchone()
    assert rows[0] == 2


def test_a_sealed_file_moved_under_another_name_is_refused(protected):
    one, other = protected.attach(scan(1)), protected.attach(scan(2))
    attachment_path(protected.store, other).write_bytes(attachment_path(protected.store, one).read_bytes())
    with pytest.raises(StoreError, match=DAMAGED):
        read_attachment(protected.store, other)
    assert read_attachment(protected.store, one) == scan(1)


def test_a_tampered_sealed_file_is_named_damaged(protected):
    sha = protected.attach(scan())
    stored = attachment_path(protected.store, sha)
    content = bytearray(stored.read_bytes())
    content[len(content) // 2] ^= 0x01
    stored.write_bytes(bytes(content))
    with pytest.raises(StoreError, match=DAMAGED) as info:
        read_attachment(protected.store, sha)
    assert "\n" not in str(info.value)
    protected.attach(scan())  # attaching the original repairs it
    assert read_attachment(protected.store, sha) == scan()


def test_a_plain_file_in_a_protected_folder_reads_and_the_next_open_seals_it(protected):
    sha = hashlib.sha256(scan(7)).hexdigest()
    legacy = protected.folder / "attachments" / sha
    legacy.parent.mkdir(exist_ok=True)
    legacy.write_bytes(scan(7))
    assert read_attachment(protected.store, sha) == scan(7)
    protected.reopen()
    assert sealed(legacy) and read_attachment(protected.store, sha) == scan(7)


def test_protecting_seals_every_file_and_removing_the_protection_opens_them(laptop):
    digests = [laptop.attach(scan(number)) for number in range(3)]
    assert not any(sealed(path) for path in laptop.files())
    laptop.protect()
    assert all(sealed(path) and MARKER not in path.read_bytes() for path in laptop.files())
    assert [read_attachment(laptop.store, sha) for sha in digests] == [scan(number) for number in range(3)]
    laptop.unprotect()
    assert [path.read_bytes() for path in laptop.files()] == [scan(number) for number in sorted(
        range(3), key=lambda number: hashlib.sha256(scan(number)).hexdigest())]
    assert not list((laptop.folder / "attachments").glob("*.partial"))


def test_a_conversion_killed_halfway_leaves_every_file_readable_and_the_next_open_finishes(laptop, monkeypatch):
    digests = [laptop.attach(scan(number)) for number in range(4)]
    every_file = attachment_files._attachment_files
    monkeypatch.setattr(attachment_files, "_attachment_files", lambda data_file: every_file(data_file)[:2])
    laptop.store.close()
    protection.protect(laptop.path, PASSPHRASE)
    assert [sealed(path) for path in laptop.files()] == [True, True, False, False]
    monkeypatch.undo()
    key = attachment_files.attachment_key(cipher.data_key_for(laptop.path, PASSPHRASE))
    for sha, number in zip(digests, range(4)):  # half sealed, half plain: every one reads
        assert attachment_files.load(laptop.folder / "attachments" / sha, sha, key) == scan(number)
    laptop.passphrase = PASSPHRASE
    laptop.reopen()
    assert all(sealed(path) for path in laptop.files())
    assert [read_attachment(laptop.store, sha) for sha in digests] == [scan(number) for number in range(4)]


def test_removing_the_protection_killed_halfway_keeps_the_file_protected_and_resealed(protected, monkeypatch):
    digests = [protected.attach(scan(number)) for number in range(4)]
    key = protected.store.key
    protected.store.close()
    every_file = attachment_files._attachment_files
    monkeypatch.setattr(attachment_files, "_attachment_files", lambda data_file: every_file(data_file)[:2])
    attachment_files.decrypt_folder(protected.path, attachment_files.attachment_key(key))
    monkeypatch.undo()
    assert [sealed(path) for path in protected.files()] == [False, False, True, True]
    protected.reopen()
    assert protected.store.protected and all(sealed(path) for path in protected.files())
    assert [read_attachment(protected.store, sha) for sha in digests] == [scan(number) for number in range(4)]


def test_a_failed_unprotect_seals_the_files_again(protected, monkeypatch):
    protected.attach(scan())
    key = protected.store.key
    protected.store.close()

    def fails(*args):
        raise StoreError("The data file could not be converted.")

    monkeypatch.setattr(protection, "_converted_copy", fails)
    with pytest.raises(StoreError):
        protection.unprotect(protected.path, key)
    assert all(sealed(path) for path in protected.files())
    protected.store = Store.open(protected.path, PASSPHRASE)


@pytest.mark.parametrize("bundle_passphrase", [None, PASSPHRASE])
def test_a_scan_crosses_between_a_protected_and_a_plain_laptop_intact(tmp_path, bundle_passphrase):
    guarded, open_laptop = Laptop(tmp_path / "guarded"), Laptop(tmp_path / "plain")
    try:
        guarded.protect()
        sha = guarded.attach(scan(1))
        bundle = tmp_path / "to-plain.advbundle"
        export_bundle(guarded.store, bundle, passphrase=bundle_passphrase)
        run_import(open_laptop.store, bundle, bundle_passphrase, dry_run=False, trust=True)
        assert attachment_path(open_laptop.store, sha).read_bytes() == scan(1)

        back = open_laptop.attach(scan(2))
        returned = tmp_path / "to-guarded.advbundle"
        export_bundle(open_laptop.store, returned, passphrase=bundle_passphrase)
        run_import(guarded.store, returned, bundle_passphrase, dry_run=False, trust=True)
        received = attachment_path(guarded.store, back)
        assert sealed(received) and MARKER not in received.read_bytes()
        assert read_attachment(guarded.store, back) == scan(2)
    finally:
        guarded.store.close()
        open_laptop.store.close()


def test_the_viewer_gets_a_private_copy_that_goes_away(protected, tmp_path, monkeypatch):
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    sha = protected.attach(scan(), "convenio firmado.pdf")
    copy = viewer_copy(protected.store, sha)
    assert copy.read_bytes() == scan() and copy.name == "convenio firmado.pdf"
    assert copy.parent.parent == system_temp and copy.parent.name.startswith(VIEWER_COPY_PREFIX)
    if os.name == "posix":
        assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    remove_viewer_copies()  # what the app does when it exits
    assert not copy.parent.exists()

    # A copy left by a process that was killed goes at the next start once nobody touches it.
    left = viewer_copy(protected.store, sha)
    fresh = viewer_copy(protected.store, sha)
    past = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(left.parent, (past, past))
    protected.reopen()
    assert not left.parent.exists() and fresh.exists()
    remove_viewer_copies()


def test_the_viewer_never_gets_a_damaged_file(protected):
    sha = protected.attach(scan())
    attachment_path(protected.store, sha).write_bytes(b"something else")
    with pytest.raises(StoreError, match=DAMAGED):
        viewer_copy(protected.store, sha)
