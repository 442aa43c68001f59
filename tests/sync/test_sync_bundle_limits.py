"""Bomb limits by absolute sizes: an honest scan of a white page travels however well it packs; a member
or a bundle that declares more than the bounds is refused before anything is inflated."""

from __future__ import annotations

import hashlib
import time
import tracemalloc
import zipfile

import pytest
from sync_helpers import PASSPHRASE, assert_sentence, manifest_for, refused, sign_manifest, small_registry

from advisor_app.store.attachments import attach_file, attachment_path, attachments_folder
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync.errors import BundleError
from advisor_app.sync.importer import run_import

WHITE_PAGE = b"\xff" * (6 * 1024 * 1024)  # an uncompressed scan of a blank page packs about 1000:1


def test_a_six_megabyte_white_scan_travels_plain_and_encrypted(pair, tmp_path):
    a, b = pair
    ids = small_registry(a)
    scan = tmp_path / "hoja-en-blanco.tif"
    scan.write_bytes(WHITE_PAGE)
    attach_file(a.repo, "organizations", ids["club"], scan)
    plain = a.export()
    with zipfile.ZipFile(plain) as archive:
        info = archive.getinfo(f"attachments/{hashlib.sha256(WHITE_PAGE).hexdigest()}")
        assert info.file_size > 500 * info.compress_size  # the ratio the old rule refused
    b.import_(plain)
    assert attachment_path(b.store, hashlib.sha256(WHITE_PAGE).hexdigest()).read_bytes() == WHITE_PAGE
    encrypted = a.export(passphrase=PASSPHRASE)  # and every later full export still goes through
    assert b.import_(encrypted, passphrase=PASSPHRASE).nothing_new


def _bundle_declaring(path, signer, sizes: dict[str, int]):
    """A bundle whose archive declares these sizes for its members (each really holds a few bytes)."""
    manifest = manifest_for(signer, {fmt.CHANGES: b""})
    for name, size in sizes.items():
        manifest["members"][name] = {"sha256": name.rsplit("/", 1)[-1], "size": size}
    manifest_bytes, signature = sign_manifest(signer, manifest)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(fmt.CHANGES, b"")
        for name, size in sizes.items():
            archive.writestr(name, b"\0" * 16)
            archive.getinfo(name).file_size = size  # what the central directory will claim
        archive.writestr(fmt.MANIFEST, manifest_bytes)
        archive.writestr(fmt.SIGNATURE, signature)
    return path


def _digest(number: int) -> str:
    return hashlib.sha256(str(number).encode()).hexdigest()


def test_a_member_claiming_ten_gigabytes_is_refused_at_once_in_little_memory(laptops, tmp_path):
    a, b, _c = laptops
    bomb = _bundle_declaring(tmp_path / "bomb.advbundle", a.store, {f"attachments/{_digest(1)}": 10 * 1024 ** 3})
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo(f"attachments/{_digest(1)}").file_size == 10 * 1024 ** 3
    before = b.full_dump()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(BundleError) as info:
            run_import(b.store, bomb, dry_run=False, trust=True)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert_sentence(str(info.value))
    assert "unsafe" in str(info.value)
    assert elapsed < 1.0 and peak < 5 * 1024 * 1024
    assert b.full_dump() == before
    assert not attachments_folder(b.store).exists() or not any(attachments_folder(b.store).iterdir())


def test_change_lines_beyond_their_bound_are_refused(laptops, tmp_path):
    a, b, _c = laptops
    bundle = tmp_path / "changes.advbundle"
    manifest_bytes, signature = sign_manifest(a.store, manifest_for(a.store, {fmt.CHANGES: b""}))
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr(fmt.CHANGES, b"")
        archive.getinfo(fmt.CHANGES).file_size = fmt.MAX_CHANGES_BYTES + 1
        archive.writestr(fmt.MANIFEST, manifest_bytes)
        archive.writestr(fmt.SIGNATURE, signature)
    assert "unsafe" in refused(b, bundle)


def test_members_each_within_bounds_but_beyond_the_total_are_refused(laptops, tmp_path):
    a, b, _c = laptops
    each = fmt.MAX_ATTACHMENT_BYTES - 1
    count = fmt.MAX_BUNDLE_BYTES // each + 1
    bundle = _bundle_declaring(tmp_path / "total.advbundle", a.store,
                               {f"attachments/{_digest(number)}": each for number in range(count)})
    message = refused(b, bundle)
    assert "unsafe" in message and "more than this app allows in one bundle" in message


def test_too_many_members_are_refused(laptops, tmp_path, monkeypatch):
    a, b, _c = laptops
    monkeypatch.setattr(fmt, "MAX_MEMBERS", 5)
    bundle = _bundle_declaring(tmp_path / "many.advbundle", a.store,
                               {f"attachments/{_digest(number)}": 16 for number in range(6)})
    assert "more files" in refused(b, bundle)
