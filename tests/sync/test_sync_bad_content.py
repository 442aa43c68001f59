"""Refused bundles, the content: bad lines (named by number), unknown tables and fields, manifests
that are not one; the preview changes nothing; references nobody sent."""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from sync_helpers import (
    assert_sentence,
    handmade_bundle,
    line,
    manifest_for,
    refused,
    sign_manifest,
    small_registry,
    stamp,
    write_zip,
)

from advisor_app.store.attachments import attachments_folder
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync.errors import BundleError

# --- the changes inside ----------------------------------------------------------------------------------------

GOOD = [line("localities", "loc-1", {"municipality_key": "32023", "name": "Juchipila"}),
        line("localities", "loc-2", {"municipality_key": "32020"})]


def raw_line(**item) -> str:
    base = json.loads(line("localities", "loc-3", {"municipality_key": "32056"}))
    base.update(item)
    return json.dumps(base, ensure_ascii=False) + "\n"


BAD_LINES = {
    "not json": "{not json\n",
    "invalid utf-8": b'{"id":"\xff\xfe"}\n',
    "a list": "[1, 2, 3]\n",
    "null": "null\n",
    "missing key": json.dumps({"id": "x", "t": "localities", "r": "loc-3", "f": {}, "h": stamp()}) + "\n",
    "extra key": raw_line(x=1),
    "id not text": raw_line(id=12),
    "table not text": raw_line(t=["localities"]),
    "fields not an object": raw_line(f=[["name", "x"]]),
    "bad stamp": raw_line(h="yesterday"),
    "short stamp": raw_line(h="00000000000001.000000"),
    "stamp of other digits": raw_line(h="١" * 15 + "." + "٠" * 6),
    "empty row id": raw_line(r=""),
    "long row id": raw_line(r="r" * 65),
    "text given a number": raw_line(f={"municipality_key": "32023", "name": 5}),
    "text given a list": line("people", "per-1", {"given_names": ["Ana"], "first_surname": "Robles"}),
    "integer given text": line("attachments", "att-1", {"sha256": "a" * 64, "file_name": "x.pdf", "size": "12"}),
    "integer given a fraction": line("attachments", "att-1", {"sha256": "a" * 64, "file_name": "x", "size": 12.5}),
    "integer given true": line("attachments", "att-1", {"sha256": "a" * 64, "file_name": "x", "size": True}),
    "integer beyond 64 bits": line("attachments", "att-1", {"sha256": "a" * 64, "file_name": "x", "size": 2 ** 70}),
    "decimal not a number": line("memberships", "mem-1", {"share_pct": "mucho"}),
    "date not a date": line("organizations", "org-1", {"registration_valid_until": "31/12/2026"}),
    "deleted 2": raw_line(f={"deleted": 2}),
    "deleted true": raw_line(f={"deleted": True}),
    "deleted text": raw_line(f={"deleted": "1"}),
    "deleted fraction": raw_line(f={"deleted": 1.0}),
    "text far too long": line("people", "per-1", {"notes": "x" * 50_000}),
    "lone surrogate": '{"id":"s1","t":"localities","r":"loc-9","f":{"name":"\\ud800"},"h":"' + stamp()
                      + '","d":"' + "d" * 32 + '"}\n',
    "nested without end": "[" * 100_000 + "\n",
}


@pytest.mark.parametrize("case", BAD_LINES)
def test_a_bad_line_is_refused_naming_its_number(laptops, tmp_path, case):
    a, b, _c = laptops
    bad = BAD_LINES[case]
    changes = "".join(GOOD).encode() + (bad if isinstance(bad, bytes) else bad.encode("utf-8", "surrogatepass"))
    bundle = handmade_bundle(tmp_path / "bad.advbundle", a.store, changes + GOOD[0].encode())
    message = refused(b, bundle)
    assert "Line 3" in message, message
    assert "Line 3" in refused(b, bundle, dry_run=True)


def test_a_line_too_long_names_its_number(laptops, tmp_path):
    a, b, _c = laptops
    long_line = line("people", "per-1", {"notes": random.Random(1).randbytes(fmt.MAX_LINE_BYTES // 2 + 10).hex()})
    bundle = handmade_bundle(tmp_path / "long.advbundle", a.store, "".join(GOOD) + long_line)
    message = refused(b, bundle)
    assert "Line 3" in message and "too long" in message


@pytest.mark.parametrize("fields, table", [
    ({"municipality_key": "32023"}, "secrets"), ({"municipality_key": "32023"}, "change_log"),
    ({"key": "device_id"}, "meta"), ({"trusted": 1}, "peers"), ({"password": "x"}, "localities"),
    ({"id": "other"}, "localities"), ({"sort_name": "aaa"}, "people"), ({"updated_by": "x"}, "organizations"),
    ({"created_at": stamp()}, "memberships"), ({"name); DROP TABLE people; --": "x"}, "localities"),
])
def test_changes_for_unknown_tables_or_fields(laptops, tmp_path, fields, table):
    a, b, _c = laptops
    changes = "".join(GOOD) + line(table, "row-1", fields)
    bundle = handmade_bundle(tmp_path / "unknown.advbundle", a.store, changes)
    message = refused(b, bundle)
    assert "Line 3" in message and "unknown" in message


@pytest.mark.parametrize("manifest", [
    b"not json", b"[]", b"[" * 100_000, b"\xff\xfe\xfd",
])
def test_a_manifest_that_is_not_one(laptops, tmp_path, manifest):
    a, b, _c = laptops
    manifest_bytes, signature = sign_manifest(a.store, manifest)
    bundle = write_zip(tmp_path / "manifest.advbundle", [(fmt.CHANGES, b""), (fmt.MANIFEST, manifest_bytes),
                                                         (fmt.SIGNATURE, signature)])
    assert "manifest" in refused(b, bundle)


def test_a_bundle_of_the_first_format_says_which_version_reads_it(laptops, tmp_path):
    a, b, _c = laptops
    manifest_bytes, signature = sign_manifest(a.store, {"format": 1})
    bundle = write_zip(tmp_path / "old.advbundle", [(fmt.CHANGES, b""), (fmt.MANIFEST, manifest_bytes),
                                                    (fmt.SIGNATURE, signature)])
    message = refused(b, bundle)
    assert "0.1" in message and "update" in message


@pytest.mark.parametrize("change", [
    {"sequence": "7"}, {"sequence": True}, {"device": None}, {"have": {"x": 5}}, {"members": []},
    {"public_key": 12}, {"created_at": 20260101}, {"counts": None}, {"format": "1"}, {"sequence": 2 ** 64},
    {"device_name": "Laptop \ud800"}, {"device": "\udfff" * 8}, {"have": {"\ud800": "x"}},
    {"have": {"x": {"v": 2, "h": [[1, 3]]}}}, {"feeds": {"x": {"to": 1}}}, {"feeds": []},
    {"feeds": {"x": {"key": "k", "to": 0, "chain": "0" * 64, "sig": "s"}}},
])
def test_a_manifest_with_wrong_field_types(laptops, tmp_path, change):
    a, b, _c = laptops
    manifest = manifest_for(a.store, {fmt.CHANGES: b""}, **change)
    manifest_bytes, signature = sign_manifest(a.store, manifest)
    bundle = write_zip(tmp_path / "manifest.advbundle", [(fmt.CHANGES, b""), (fmt.MANIFEST, manifest_bytes),
                                                         (fmt.SIGNATURE, signature)])
    assert "manifest" in refused(b, bundle)


def test_a_refusal_is_translated(laptops, tmp_path, monkeypatch):
    from advisor_app import i18n

    _a, b, _c = laptops
    text = tmp_path / "notes.advbundle"
    text.write_text("hola", encoding="utf-8")
    english = refused(b, text)
    monkeypatch.undo()
    i18n.set_language("es")
    spanish = refused(b, text)
    assert spanish != english and "paquete" in spanish


def test_a_preview_writes_no_attachment_files(laptops, tmp_path):
    a, b, _c = laptops
    content = b"%PDF-1.4 acta"
    sha = hashlib.sha256(content).hexdigest()
    changes = line("attachments", "att-1", {"sha256": sha, "file_name": "acta.pdf", "size": len(content)})
    bundle = handmade_bundle(tmp_path / "acta.advbundle", a.store, changes, attachments={sha: content})
    folder = attachments_folder(b.store)
    report = b.import_(bundle, dry_run=True)
    assert report.stats.new_records == 1
    assert not (folder / sha).exists()
    b.import_(bundle)
    assert (folder / sha).read_bytes() == content


def test_a_bundle_naming_records_nobody_holds_is_refused_as_a_bundle_problem(laptops, tmp_path):
    """A membership of a person and an organization that neither the bundle nor this laptop holds."""
    a, b, _c = laptops
    changes = line("memberships", "m-1", {"person_id": "p-404", "organization_id": "o-404", "role": "member"})
    bundle = handmade_bundle(tmp_path / "orphan.advbundle", a.store, changes)
    before = b.full_dump()
    with pytest.raises(BundleError) as info:
        b.import_(bundle, dry_run=True)
    assert_sentence(str(info.value))
    assert "refers to records" in refused(b, bundle)
    assert b.full_dump() == before
