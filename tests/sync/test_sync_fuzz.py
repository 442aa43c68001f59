"""Fuzzing the reader and the preview: whatever the bytes, only BundleError comes out, in bounded time,
and the preview changes nothing."""

from __future__ import annotations

import json
import shutil
import struct
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import (
    PASSPHRASE,
    Device,
    full_dump,
    handmade_bundle,
    manifest_for,
    sign_manifest,
    small_registry,
    write_zip,
)

from advisor_app.domain.clock import make_stamp
from advisor_app.domain.records import RECORDS
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync import crypto
from advisor_app.sync.errors import BundleError
from advisor_app.sync.importer import run_import

FUZZ = settings(deadline=2000, database=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.function_scoped_fixture])


class Bench:
    """A receiving laptop and a sender's bundles, made once for the whole module."""

    def __init__(self, folder: Path):
        self.folder = folder
        (folder / "sender").mkdir()
        (folder / "receiver").mkdir()
        self.sender = Device(folder / "sender", "S")
        self.receiver = Device(folder / "receiver", "R")
        ids = small_registry(self.sender)
        self.sender.repo.delete("memberships", ids["coop_member"])
        self.receiver.import_(self.sender.export())
        self.sender.repo.update("people", ids["ana"], {"phone": "+52 467 955 0105"})
        self.receiver.repo.update("people", ids["ana"], {"phone": "+52 467 955 0199"})
        self.plain = self.sender.export().read_bytes()
        self.encrypted = self.sender.export(passphrase=PASSPHRASE).read_bytes()
        self.before = self.receiver.full_dump()
        self.target = folder / "fuzzed.advbundle"

    def preview(self, data: bytes | None = None, passphrase: str | None = None, path: Path | None = None):
        if data is not None:
            self.target.write_bytes(data)
        try:
            return run_import(self.receiver.store, path or self.target, passphrase, dry_run=True, trust=False)
        except BundleError as error:
            message = str(error)
            assert message and "\n" not in message
            return None
        finally:
            assert full_dump(self.receiver.conn) == self.before

    def close(self):
        self.sender.close()
        self.receiver.close()


@pytest.fixture(scope="module")
def bench():
    folder = Path(tempfile.mkdtemp(prefix="advisor-fuzz-"))
    made = Bench(folder)
    yield made
    made.close()
    shutil.rmtree(folder, ignore_errors=True)


def test_the_bench_bundles_preview_cleanly(bench):
    assert bench.preview(bench.plain).stats.conflicts == 1
    assert bench.preview(bench.encrypted, PASSPHRASE).stats.conflicts == 1


@FUZZ
@given(data=st.binary(max_size=4096), with_passphrase=st.booleans())
def test_arbitrary_bytes(bench, data, with_passphrase):
    bench.preview(data, PASSPHRASE if with_passphrase else None)


@FUZZ
@given(data=st.binary(max_size=512))
def test_arbitrary_bytes_behind_a_zip_signature(bench, data):
    bench.preview(b"PK\x03\x04" + data)
    bench.preview(data + b"PK\x05\x06" + bytes(18))


@settings(FUZZ, max_examples=25)
@given(salt=st.binary(min_size=16, max_size=16), log2_n=st.integers(0, 255), r=st.integers(0, 255),
       p=st.integers(0, 255), prefix=st.binary(min_size=8, max_size=8), tail=st.binary(max_size=200))
def test_arbitrary_encryption_headers(bench, salt, log2_n, r, p, prefix, tail):
    header = crypto.MAGIC + struct.pack(">16sBBB8s", salt, log2_n, r, p, prefix)
    assert bench.preview(header + tail, PASSPHRASE) is None


def mutations(size: int):
    position = st.integers(0, size - 1)
    replace = st.tuples(st.just("replace"), position, st.integers(0, 255))
    delete = st.tuples(st.just("delete"), position, st.integers(1, 64))
    insert = st.tuples(st.just("insert"), position, st.binary(min_size=1, max_size=64))
    truncate = st.tuples(st.just("truncate"), position, st.just(0))
    return st.lists(st.one_of(replace, delete, insert, truncate), min_size=1, max_size=6)


def mutate(data: bytes, edits) -> bytes:
    result = bytearray(data)
    for kind, position, argument in edits:
        position = min(position, max(len(result) - 1, 0))
        if kind == "replace" and result:
            result[position] = argument
        elif kind == "delete":
            del result[position:position + argument]
        elif kind == "insert":
            result[position:position] = argument
        else:
            del result[position:]
    return bytes(result)


@settings(FUZZ, max_examples=300)
@given(data=st.data())
def test_mutations_of_a_valid_bundle(bench, data):
    edits = data.draw(mutations(len(bench.plain)))
    bench.preview(mutate(bench.plain, edits))


@settings(FUZZ, max_examples=20)
@given(data=st.data())
def test_mutations_of_an_encrypted_bundle(bench, data):
    edits = data.draw(mutations(len(bench.encrypted)))
    mutated = mutate(bench.encrypted, edits)
    report = bench.preview(mutated, PASSPHRASE)
    assert report is None or mutated == bench.encrypted


# Signed bundles whose changes are fuzzed: they pass the signature and checksums and reach the line
# validation and the merge itself.

ALL_COLUMNS = sorted({spec.name for specs in RECORDS.values() for spec in specs} | {"deleted", "id", "sort_name"})
any_text = st.text(st.characters(exclude_categories=()), max_size=12)
json_leaf = st.none() | st.booleans() | st.integers(-2 ** 70, 2 ** 70) | st.floats(allow_nan=True) | any_text
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner,
                                                                                                    max_size=3),
                          max_leaves=6)
plausible = st.sampled_from(["32023", "Juchipila", "2026-12-31", "12.5", "abc", "MX", "federation", "", " ",
                             "a" * 64, "1e999999", "NaN", "-0", "2026-02-30"])
row_ids = st.sampled_from(["row-1", "row-2", "loc-1"]) | any_text | st.text(min_size=60, max_size=70)
stamps = st.builds(make_stamp, st.integers(0, 10 ** 15 - 1), st.integers(0, 999_999)) | any_text
change = st.fixed_dictionaries({
    "id": st.uuids().map(str) | any_text | st.integers(),
    "t": st.sampled_from(["localities", "organizations", "people", "memberships", "attachments", "peers"]) | any_text,
    "r": row_ids,
    "f": st.dictionaries(st.sampled_from(ALL_COLUMNS) | any_text, plausible | json_value, max_size=4),
    "h": stamps,
    "d": st.sampled_from(["d" * 32, "e" * 32]) | any_text,
})
ndjson_line = (change.map(json.dumps) | json_value.map(json.dumps) | st.binary(max_size=40).map(
    lambda raw: raw.decode("latin-1")))


@settings(FUZZ, max_examples=200)
@given(lines=st.lists(ndjson_line, max_size=6))
def test_signed_bundles_with_fuzzed_changes(bench, lines):
    changes = "".join(line.replace("\n", " ") + "\n" for line in lines).encode("utf-8", "surrogatepass")
    bundle = handmade_bundle(bench.folder / "signed.advbundle", bench.sender.store, changes, sequence=10 ** 6)
    bench.preview(path=bundle)


manifest_fields = st.dictionaries(
    st.sampled_from(["format", "schema", "device", "device_name", "advisor", "public_key", "sequence", "created_at",
                     "version_vector", "members", "counts", "scope"]),
    json_value | st.integers(-2 ** 70, 2 ** 70) | st.dictionaries(any_text, any_text, max_size=2), max_size=4)


@settings(FUZZ, max_examples=150)
@given(overrides=manifest_fields)
def test_signed_bundles_with_fuzzed_manifests(bench, overrides):
    changes = b""
    manifest = manifest_for(bench.sender.store, {fmt.CHANGES: changes}, sequence=10 ** 6)
    manifest.update(overrides)
    manifest_bytes, signature = sign_manifest(bench.sender.store, manifest)
    bundle = write_zip(bench.folder / "manifest.advbundle", [(fmt.CHANGES, changes), (fmt.MANIFEST, manifest_bytes),
                                                             (fmt.SIGNATURE, signature)])
    bench.preview(path=bundle)
