"""Refused bundles, the archive itself: not a bundle, truncated, flipped, wrong passphrase, newer
version, unsafe members, bad signatures and senders. Each raises BundleError with one sentence and
leaves the data file as it was."""

from __future__ import annotations

import builtins
import hashlib
import json
import random
import struct
import sys
import time
import tracemalloc

import pytest
from sync_helpers import (
    PASSPHRASE,
    assert_sentence,
    handmade_bundle,
    line,
    manifest_for,
    read_members,
    refused,
    rezip,
    sign_manifest,
    write_zip,
)

from advisor_app.cli import main
from advisor_app.store.schema import LATEST_VERSION
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync import crypto
from advisor_app.sync.errors import BundleError, NeedsPassphrase, UntrustedSender
from advisor_app.sync.importer import run_import
from advisor_app.sync.reader import BundleReader


@pytest.fixture
def small_bundle(device):
    """An unencrypted bundle of two changes, about a kilobyte."""
    tiny = device("T")
    locality = tiny.repo.ensure_locality("32023", "Juchipila")
    tiny.repo.insert("people", {"given_names": "Ana", "first_surname": "Robles", "locality_id": locality})
    return tiny.export()


# --- not a bundle ------------------------------------------------------------------------------------------

def test_files_that_are_not_bundles(laptops, tmp_path):
    _a, b, _c = laptops
    text = tmp_path / "notes.advbundle"
    text.write_text("Minuta de la asamblea\n", encoding="utf-8")
    empty = tmp_path / "empty.advbundle"
    empty.write_bytes(b"")
    noise = tmp_path / "noise.advbundle"
    noise.write_bytes(random.Random(7).randbytes(5000))
    other_zip = write_zip(tmp_path / "fotos.zip", [("readme.txt", b"hola")])
    for path in (text, empty, noise, other_zip, b.path, tmp_path / "missing.advbundle", tmp_path):
        refused(b, path)
    assert "not a bundle" in refused(b, text)


def test_a_bundle_from_this_same_laptop(laptops):
    a, _b, _c = laptops
    assert "this laptop" in refused(a, a.export())


# --- truncated and flipped -------------------------------------------------------------------------------------

def test_truncated_at_every_byte(laptops, small_bundle, tmp_path):
    _a, b, _c = laptops
    data = small_bundle.read_bytes()
    assert len(data) < 4096
    before = b.full_dump()
    cut = tmp_path / "cut.advbundle"
    for offset in range(len(data)):
        cut.write_bytes(data[:offset])
        with pytest.raises(BundleError) as info:
            run_import(b.store, cut, dry_run=False, trust=True)
        assert_sentence(str(info.value))
    assert b.full_dump() == before


def test_encrypted_and_truncated(laptops, tmp_path):
    a, b, _c = laptops
    data = a.export(passphrase=PASSPHRASE).read_bytes()
    header = len(crypto.MAGIC) + crypto._HEADER.size
    offsets = sorted({0, 1, len(crypto.MAGIC), header - 1, header, header + 3, header + 4, len(data) - 1,
                      len(data) - 16, *random.Random(3).sample(range(header, len(data)), 10)})
    cut = tmp_path / "cut.advbundle"
    for offset in offsets:
        cut.write_bytes(data[:offset])
        refused(b, cut, passphrase=PASSPHRASE)


def read_back(bundle):
    with BundleReader(bundle) as reader:
        return reader.manifest, list(reader.changes())


def test_thousands_of_single_byte_flips(laptops, small_bundle, tmp_path):
    _a, b, _c = laptops
    data = small_bundle.read_bytes()
    expected = b.import_(small_bundle, dry_run=True).stats.as_dict()
    original = read_back(small_bundle)
    before = b.full_dump()
    rng = random.Random(20251125)
    flipped = tmp_path / "flipped.advbundle"
    refusals = 0
    for _ in range(2000):
        damaged = bytearray(data)
        damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        flipped.write_bytes(bytes(damaged))
        try:
            report = run_import(b.store, flipped, dry_run=True, trust=True)
        except BundleError as error:
            assert_sentence(str(error))
            refusals += 1
        else:
            # Only bytes that no check needs (zip timestamps, attributes) may change, and then what is
            # read is exactly the original.
            assert report.stats.as_dict() == expected
            assert read_back(flipped) == original
    assert refusals > 1000
    assert b.full_dump() == before


def test_flips_in_an_encrypted_bundle(laptops, tmp_path):
    a, b, _c = laptops
    data = a.export(passphrase=PASSPHRASE).read_bytes()
    rng = random.Random(11)
    flipped = tmp_path / "flipped.advbundle"
    for position in [0, 8, 9, 24, 25, 26, 27, 35, 40, *rng.sample(range(41, len(data)), 8)]:
        damaged = bytearray(data)
        damaged[position] ^= 1 << rng.randrange(8)
        flipped.write_bytes(bytes(damaged))
        refused(b, flipped, passphrase=PASSPHRASE)


# --- passphrases ------------------------------------------------------------------------------------------------

def test_wrong_and_missing_passphrase(laptops):
    a, b, _c = laptops
    bundle = a.export(passphrase=PASSPHRASE)
    assert "passphrase" in refused(b, bundle, passphrase="otra clave")
    refused(b, bundle, kind=NeedsPassphrase)
    refused(b, bundle, kind=NeedsPassphrase, dry_run=True)
    b.import_(bundle, passphrase=PASSPHRASE)


def test_encryption_settings_too_costly_to_try_are_refused_at_once(laptops, tmp_path):
    _a, b, _c = laptops
    costly = tmp_path / "costly.advbundle"
    header = crypto.MAGIC + crypto._HEADER.pack(b"s" * 16, 20, 16, 4, b"n" * 8)
    costly.write_bytes(header + struct.pack(">I", 32) + b"\0" * 32)
    started = time.perf_counter()
    refused(b, costly, passphrase=PASSPHRASE)
    assert time.perf_counter() - started < 2


# --- versions ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("field, value", [("format", fmt.FORMAT_VERSION + 1), ("schema", LATEST_VERSION + 1)])
def test_a_bundle_from_a_newer_version(laptops, tmp_path, field, value):
    a, b, _c = laptops
    bundle = handmade_bundle(tmp_path / "newer.advbundle", a.store, line("localities", "l1", {
        "municipality_key": "32023"}), **{field: value})
    assert "newer version" in refused(b, bundle)


# --- the archive's shape ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../evil.sh", "/etc/passwd", "attachments/../../evil", "C:\\Windows\\evil.dll",
                                  "attachments/" + "A" * 64, "changes.ndjson/../manifest.json", "attachments/",
                                  "../attachments/" + "a" * 64, "evil\nname", "\x1b[2Jevil"])
def test_member_names_outside_the_expected_ones(laptops, tmp_path, name):
    a, b, _c = laptops
    bundle = handmade_bundle(tmp_path / "names.advbundle", a.store, "", extra=[(name, b"#!/bin/sh\n")])
    message = refused(b, bundle)
    assert "unexpected member" in message


def test_duplicate_members(laptops, tmp_path):
    a, b, _c = laptops
    source = a.export()
    members = read_members(source)
    for duplicate in (fmt.CHANGES, fmt.MANIFEST, fmt.SIGNATURE):
        entries = [*members.items(), (duplicate, members[duplicate])]
        bundle = write_zip(tmp_path / f"twice-{duplicate}.advbundle", entries)
        assert "twice" in refused(b, bundle)


def test_a_member_larger_than_the_manifest_says(laptops, tmp_path):
    a, b, _c = laptops
    changes = line("localities", "l1", {"municipality_key": "32023"})
    manifest = manifest_for(a.store, {fmt.CHANGES: changes.encode()})
    manifest["members"][fmt.CHANGES]["size"] = 10
    manifest_bytes, signature = sign_manifest(a.store, manifest)
    bundle = write_zip(tmp_path / "larger.advbundle", [(fmt.CHANGES, changes.encode()),
                                                       (fmt.MANIFEST, manifest_bytes), (fmt.SIGNATURE, signature)])
    assert "size" in refused(b, bundle)


def test_a_member_missing_from_the_manifest_or_from_the_archive(laptops, tmp_path):
    a, b, _c = laptops
    content = b"%PDF-1.4"
    sha = hashlib.sha256(content).hexdigest()
    listed_only = manifest_for(a.store, {fmt.CHANGES: b"", f"attachments/{sha}": content})
    manifest_bytes, signature = sign_manifest(a.store, listed_only)
    bundle = write_zip(tmp_path / "missing.advbundle", [(fmt.CHANGES, b""), (fmt.MANIFEST, manifest_bytes),
                                                        (fmt.SIGNATURE, signature)])
    assert "do not match" in refused(b, bundle)
    unlisted = handmade_bundle(tmp_path / "unlisted.advbundle", a.store, "", extra=[(f"attachments/{sha}", content)])
    assert "do not match" in refused(b, unlisted)


def test_an_endless_line_is_refused_without_holding_it_in_memory(laptops, tmp_path):
    a, b, _c = laptops
    noise = random.Random(5).randbytes(6 * 1024 * 1024).hex()  # 12 MB without a newline, packs only 2:1
    bundle = handmade_bundle(tmp_path / "endless.advbundle", a.store, noise)
    before = b.full_dump()
    tracemalloc.start()
    try:
        with pytest.raises(BundleError) as info:
            run_import(b.store, bundle, dry_run=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "Line 1" in str(info.value) and "too long" in str(info.value)
    assert peak < 6 * 1024 * 1024
    assert b.full_dump() == before


# --- signatures and senders -------------------------------------------------------------------------------------

def test_a_manifest_altered_after_signing(laptops, tmp_path):
    a, b, c = laptops
    source = a.export()
    members = read_members(source)
    manifest = json.loads(members[fmt.MANIFEST])
    for change in ({"sequence": manifest["sequence"] + 100}, {"advisor": "Otra persona"},
                   {"public_key": json.loads(read_members(c.export())[fmt.MANIFEST])["public_key"]}):
        altered = json.dumps({**manifest, **change}, ensure_ascii=False, indent=1, sort_keys=True).encode()
        bundle = rezip(source, tmp_path / "altered.advbundle", {fmt.MANIFEST: altered})
        assert "signature" in refused(b, bundle)
    for signature in (b"", b"\0" * 64, random.Random(2).randbytes(64), members[fmt.SIGNATURE][:-1]):
        bundle = rezip(source, tmp_path / "resigned.advbundle", {fmt.SIGNATURE: signature})
        refused(b, bundle)


def test_changes_altered_after_signing(laptops, tmp_path):
    a, b, _c = laptops
    source = a.export()
    members = read_members(source)
    altered = members[fmt.CHANGES].replace(b"Robles", b"Robler")
    assert altered != members[fmt.CHANGES]
    bundle = rezip(source, tmp_path / "altered.advbundle", {fmt.CHANGES: altered})
    assert "checksum" in refused(b, bundle)


def test_another_key_claiming_a_known_laptop(laptops, tmp_path):
    a, b, c = laptops
    b.import_(a.export())
    forged = handmade_bundle(tmp_path / "forged.advbundle", c.store,
                             line("localities", "l1", {"municipality_key": "32023"}),
                             device=a.store.device_id, device_name="A", sequence=99)
    assert "different key" in refused(b, forged)


def test_an_untrusted_sender_is_asked_about_before_anything_is_applied(laptops):
    a, b, _c = laptops
    bundle = a.export()
    before = b.full_dump()
    with pytest.raises(UntrustedSender) as info:
        b.import_(bundle, trust=False)
    assert_sentence(str(info.value))
    assert info.value.device_name == "A" and info.value.fingerprint in str(info.value)
    assert b.full_dump() == before
    preview = b.import_(bundle, dry_run=True, trust=False)
    assert not preview.trusted and preview.fingerprint == info.value.fingerprint
    assert b.full_dump() == before


def test_an_untrusted_sender_declined_on_the_command_line(laptops, monkeypatch, capsys):
    a, b, _c = laptops
    bundle = a.export()
    before = b.full_dump()

    class Terminal:
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(builtins, "input", lambda prompt: "n")
    code = main(["import", "--db", str(b.path), str(bundle)])
    out, err = capsys.readouterr()
    assert code == 1 and out == "" and err.count("\n") == 1
    assert b.full_dump() == before
