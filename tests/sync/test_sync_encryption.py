"""Encrypted bundles: sealed while written (the target folder only ever sees ciphertext), read decrypted
in memory (no plaintext in any temporary folder), scrypt at N = 2^17 with a bounded maximum, and the
minimum passphrase length on the command line."""

from __future__ import annotations

import io
import os
import random
import struct
import tempfile
import time
import zipfile

import pytest
from sync_helpers import PASSPHRASE, assert_sentence, refused, small_registry

from advisor_app.cli import main
from advisor_app.sync import crypto
from advisor_app.sync import export as export_module
from advisor_app.sync.merge import Merger

NAMES = (b"Robles", b"Sandoval", "Ramón".encode())


def plaintext_files(folder) -> list[str]:
    """Files under ``folder`` that hold a zip or a personal name in the clear."""
    found = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                with open(os.path.join(root, name), "rb") as handle:
                    data = handle.read()
            except OSError:
                continue
            if data.startswith(b"PK") or any(word in data for word in NAMES):
                found.append(os.path.join(root, name))
    return found


@pytest.mark.parametrize("size", [0, 1, crypto.CHUNK - 1, crypto.CHUNK, crypto.CHUNK + 1, 3 * crypto.CHUNK - 7])
def test_sealed_as_written_reads_back_at_any_position(tmp_path, size):
    data = random.Random(size).randbytes(size)
    sealed = tmp_path / "sealed"
    with sealed.open("wb") as target:
        writer = crypto.SealingWriter(target, PASSPHRASE)
        stream = io.BytesIO(data)
        while piece := stream.read(random.Random(size + 1).randrange(1, 300_000)):
            writer.write(piece)
        writer.finish()
    chunks = max(1, -(-size // crypto.CHUNK))
    assert sealed.stat().st_size == len(crypto.MAGIC) + crypto._HEADER.size + chunks * 20 + size
    reader = crypto.SealedFile(sealed, PASSPHRASE)
    try:
        assert reader.read() == data
        rng = random.Random(7)
        for _ in range(20):
            start, length = rng.randrange(size + 1), rng.randrange(1, 2 * crypto.CHUNK)
            reader.seek(start)
            assert reader.read(length) == data[start:start + length]
        if size >= 3:
            reader.seek(-3, io.SEEK_END)
            assert reader.read() == data[-3:]
    finally:
        reader.close()


def test_an_encrypted_export_writes_only_ciphertext_beside_the_target(pair, tmp_path, monkeypatch):
    a, b = pair
    small_registry(a)
    usb = tmp_path / "usb"
    usb.mkdir()
    seen: list[list[str]] = []
    write_manifest = zipfile.ZipFile.writestr

    def watching(archive, name, data, *args, **kwargs):
        seen.append(plaintext_files(usb) + [path.name for path in usb.iterdir() if not path.name.endswith(".partial")])
        return write_manifest(archive, name, data, *args, **kwargs)

    renamed = []
    replace = export_module.os.replace

    def watching_rename(source, target):
        data = open(source, "rb").read()
        renamed.append(data.startswith(crypto.MAGIC) and not any(word in data for word in NAMES))
        return replace(source, target)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", watching)
    monkeypatch.setattr(export_module.os, "replace", watching_rename)
    bundle = a.export(usb / "para-B.advbundle", passphrase=PASSPHRASE)
    monkeypatch.undo()
    assert seen and all(found == [] for found in seen)  # while writing: a .partial of ciphertext, nothing else
    assert renamed == [True]
    assert plaintext_files(usb) == []
    b.import_(bundle, passphrase=PASSPHRASE)
    assert b.dump() == a.dump()


def test_an_encrypted_import_writes_no_plaintext_anywhere(pair, tmp_path, monkeypatch):
    a, b = pair
    small_registry(a)
    bundle = a.export(tmp_path / "sealed.advbundle", passphrase=PASSPHRASE)
    temporary = tmp_path / "system-temp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    during: list[list[str]] = []
    apply_lines = Merger.apply_lines

    def watching(merger, lines):
        during.append(plaintext_files(temporary)
                      + [str(path) for path in tmp_path.iterdir() if path.is_file() and path != bundle])
        return apply_lines(merger, lines)

    monkeypatch.setattr(Merger, "apply_lines", watching)
    b.import_(bundle, passphrase=PASSPHRASE, dry_run=True)
    b.import_(bundle, passphrase=PASSPHRASE)
    assert during and all(found == [] for found in during)
    assert list(temporary.iterdir()) == []
    assert b.dump() == a.dump()


def test_new_bundles_use_scrypt_at_two_to_the_seventeen(pair):
    a, _b = pair
    small_registry(a)
    header = a.export(passphrase=PASSPHRASE).read_bytes()[:len(crypto.MAGIC) + crypto._HEADER.size]
    _salt, log2_n, r, p, _prefix = crypto._HEADER.unpack(header[len(crypto.MAGIC):])
    assert (log2_n, r, p) == (17, 8, 1)


def test_bundles_sealed_with_the_old_setting_still_open(pair, monkeypatch):
    a, b = pair
    small_registry(a)
    monkeypatch.setattr(crypto, "SCRYPT_LOG2_N", 15)
    old = a.export(passphrase=PASSPHRASE)
    monkeypatch.undo()
    assert old.read_bytes()[len(crypto.MAGIC) + 16] == 15
    b.import_(old, passphrase=PASSPHRASE)
    assert b.dump() == a.dump()


@pytest.mark.parametrize("log2_n, r, p", [(19, 8, 1), (18, 8, 2), (17, 16, 2), (14, 8, 1), (20, 1, 1)])
def test_settings_outside_what_this_app_reads_are_refused_at_once(laptops, tmp_path, log2_n, r, p):
    _a, b, _c = laptops
    forged = tmp_path / "forged.advbundle"
    forged.write_bytes(crypto.MAGIC + crypto._HEADER.pack(b"s" * 16, log2_n, r, p, b"n" * 8)
                       + struct.pack(">I", 32) + b"\0" * 32)
    started = time.perf_counter()
    assert "encryption settings" in refused(b, forged, passphrase=PASSPHRASE)
    assert time.perf_counter() - started < 0.5


def test_the_command_line_refuses_a_short_passphrase_for_a_new_bundle(pair, tmp_path, capsys):
    a, b = pair
    small_registry(a)
    a.close()
    short = tmp_path / "short.txt"
    short.write_text("x\n", encoding="utf-8")
    out = tmp_path / "short.advbundle"
    assert main(["export", "--db", str(a.path), "--out", str(out), "--passphrase-file", str(short)]) == 1
    message = capsys.readouterr().err.strip()
    assert_sentence(message)
    assert str(crypto.MIN_PASSPHRASE) in message and not out.exists()
    exactly = tmp_path / "eight.txt"
    exactly.write_text("x" * crypto.MIN_PASSPHRASE, encoding="utf-8")
    assert main(["export", "--db", str(a.path), "--out", str(out), "--passphrase-file", str(exactly)]) == 0
    assert out.read_bytes().startswith(crypto.MAGIC)


def test_a_bundle_with_a_shorter_passphrase_from_before_still_imports(pair, tmp_path, capsys):
    a, b = pair
    small_registry(a)
    bundle = a.export(passphrase="abc")
    short = tmp_path / "short.txt"
    short.write_text("abc", encoding="utf-8")
    b.close()
    assert main(["import", str(bundle), "--db", str(b.path), "--passphrase-file", str(short), "--trust",
                 a.fingerprint]) == 0
