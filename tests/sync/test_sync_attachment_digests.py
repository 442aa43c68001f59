"""An attachment's file is named by its SHA-256 and nothing else: rows naming the data file, its WAL or a
system file are refused when typed and when received, never make an export carry that file, and a file
whose content no longer matches its name is not sent."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from advisor_app.store.repository import canonical_json
from sync_helpers import PASSPHRASE, assert_sentence, handmade_bundle, line, read_members, refused, small_registry

from advisor_app.cli import main
from advisor_app.store.attachments import attach_file, attachment_path, read_attachment
from advisor_app.store.errors import StoreError
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync.export import export_bundle

HOSTILE = ["../advisor.sqlite3", "../advisor.sqlite3-wal", "/etc/hostname", "../../../../etc/hostname",
           "A" * 64, "a" * 63, "a" * 65, "a" * 63 + "/", "..", ""]
# Typing strips spaces around a value; a received value must already be in its stored form.
UNSTRIPPED = [" " + "a" * 64, "a" * 64 + "\n"]
SCAN = b"%PDF-1.4 paginas firmadas del convenio"


def attachment_row(sha256, record_id="org-1"):
    return {"sha256": sha256, "file_name": "acta.pdf", "media_type": "application/pdf", "size": 10,
            "table_name": "organizations", "record_id": record_id}


@pytest.mark.parametrize("sha256", HOSTILE)
def test_typed_digests_that_are_not_digests_are_refused(pair, sha256):
    a, _b = pair
    ids = small_registry(a)
    before = a.full_dump()
    with pytest.raises(StoreError) as info:
        a.repo.insert("attachments", attachment_row(sha256, ids["club"]))
    assert_sentence(str(info.value))
    assert a.full_dump() == before


@pytest.mark.parametrize("sha256", HOSTILE + UNSTRIPPED)
def test_received_digests_that_are_not_digests_are_refused_naming_the_line(laptops, tmp_path, sha256):
    a, b, _c = laptops
    changes = line("localities", "loc-1", {"municipality_key": "32023"}) + line(
        "attachments", "att-1", {key: value for key, value in attachment_row(sha256).items() if key != "record_id"})
    bundle = handmade_bundle(tmp_path / "hostile.advbundle", a.store, changes)
    message = refused(b, bundle)
    assert "Line 2" in message


def smuggle(device, sha256, record_id):
    """A row that an older version accepted from a bundle, written as its merge did (unvalidated): a legacy
    entry of another laptop and the row it made."""
    row_id, stamp = f"att-{len(sha256)}", device.store.clock.now()
    values = attachment_row(sha256, record_id)
    with device.store.transaction() as conn:
        columns = ["id", "created_at", "updated_at", "updated_by", "deleted", *values]
        conn.execute(f"INSERT INTO attachments({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                     [row_id, stamp, stamp, "e" * 32, 0, *values.values()])
        conn.execute("INSERT INTO change_log(device, table_name, row_id, fields, hlc) VALUES (?, ?, ?, ?, ?)",
                     ("e" * 32, "attachments", row_id, canonical_json(values), stamp))


def test_attachment_paths_are_built_from_digests_only(pair):
    a, _b = pair
    for sha256 in HOSTILE + UNSTRIPPED + [None, 12]:
        with pytest.raises(StoreError) as info:
            attachment_path(a.store, sha256)
        assert_sentence(str(info.value))
    assert attachment_path(a.store, "b" * 64).name == "b" * 64


@pytest.mark.parametrize("passphrase", [None, PASSPHRASE])
def test_a_data_file_holding_hostile_rows_never_exports_other_files(pair, tmp_path, passphrase):
    a, b = pair
    ids = small_registry(a)
    (tmp_path / "laptop-A" / "secret").write_bytes(b"SQLite format 3 pretend")
    for sha256 in ("../advisor.sqlite3", "../advisor.sqlite3-wal", "/etc/hostname", "../secret"):
        smuggle(a, sha256, ids["club"])
    result = export_bundle(a.store, tmp_path / "out.advbundle", passphrase=passphrase)
    assert len(result.warnings) == 4
    for warning in result.warnings:
        assert_sentence(warning)
        assert "acta.pdf" in warning
    if passphrase is None:
        members = read_members(result.path)
        assert not [name for name in members if name.startswith(fmt.ATTACHMENT_PREFIX)]
        assert not any(b"SQLite format 3" in data or b"pretend" in data for data in members.values())
    # The rows themselves still travel in the change lines, and an up-to-date laptop refuses them.
    assert "Content hash" in refused(b, result.path, passphrase=passphrase)


def test_a_damaged_scan_is_left_out_with_a_sentence_and_attaching_the_original_repairs_it(pair, tmp_path):
    a, b = pair
    ids = small_registry(a)
    original = tmp_path / "convenio-firmado.pdf"
    original.write_bytes(SCAN)
    attach_file(a.repo, "organizations", ids["club"], original)
    stored = attachment_path(a.store, hashlib.sha256(SCAN).hexdigest())
    stored.write_bytes(b"%PDF-1.4 something else entirely")
    result = export_bundle(a.store, tmp_path / "damaged.advbundle")
    assert len(result.warnings) == 1
    assert not [name for name in read_members(result.path) if name.startswith(fmt.ATTACHMENT_PREFIX)]
    assert "convenio-firmado.pdf" in result.warnings[0] and "attach it again" in result.warnings[0]
    with pytest.raises(StoreError):
        read_attachment(a.store, hashlib.sha256(SCAN).hexdigest())
    attach_file(a.repo, "organizations", ids["club"], original)
    assert stored.read_bytes() == SCAN
    repaired = export_bundle(a.store, tmp_path / "repaired.advbundle")
    assert repaired.warnings == ()
    assert read_members(repaired.path)[f"{fmt.ATTACHMENT_PREFIX}{hashlib.sha256(SCAN).hexdigest()}"] == SCAN
    b.import_(repaired.path)
    assert attachment_path(b.store, hashlib.sha256(SCAN).hexdigest()).read_bytes() == SCAN


def test_the_command_line_prints_what_was_left_out(pair, tmp_path, capsys):
    a, _b = pair
    ids = small_registry(a)
    smuggle(a, "../advisor.sqlite3", ids["club"])
    a.close()
    out = tmp_path / "cli.advbundle"
    assert main(["export", "--db", str(a.path), "--out", str(out), "--no-encrypt"]) == 0
    err = capsys.readouterr().err
    assert "acta.pdf" in err and "left out" in err
    with zipfile.ZipFile(out) as archive:
        assert not [name for name in archive.namelist() if name.startswith(fmt.ATTACHMENT_PREFIX)]


def test_an_export_beyond_the_total_is_refused_before_a_peer_would(pair, tmp_path, monkeypatch):
    a, _b = pair
    ids = small_registry(a)
    for number in range(3):
        scan = tmp_path / f"scan-{number}.pdf"
        scan.write_bytes(bytes([number]) * 4096)
        attach_file(a.repo, "organizations", ids["club"], scan)
    monkeypatch.setattr(fmt, "MAX_BUNDLE_BYTES", 8192)
    target = tmp_path / "big.advbundle"
    with pytest.raises(StoreError) as info:
        a.export(target)
    assert_sentence(str(info.value))
    assert "several bundles" in str(info.value)
    assert not target.exists() and not [name for name in tmp_path.iterdir() if name.name.endswith(".partial")]
