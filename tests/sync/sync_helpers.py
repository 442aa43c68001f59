"""Laptops for the sync tests, canonical dumps to compare them, and bundles built by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import sqlite3
import time
import uuid
import warnings
import zipfile
from pathlib import Path
from typing import Any, Iterable

import pytest

from advisor_app.domain.clock import HybridClock, make_stamp
from advisor_app.store.database import Store
from advisor_app.store.demo import make_curp
from advisor_app.store.repository import Repository
from advisor_app.store.schema import LATEST_VERSION, SYNCED_TABLES
from advisor_app.sync import bundle_format as fmt
from advisor_app.store.repository import canonical_json
from advisor_app.sync import feed, keys
from advisor_app.sync.errors import BundleError
from advisor_app.sync.export import export_bundle
from advisor_app.sync.importer import run_import

PASSPHRASE = "clave del club 2026"


class Device:
    """One laptop: its own folder (data file, attachments, backups), store and repository."""

    def __init__(self, folder: Path, name: str, advisor: str = ""):
        self.folder = folder
        self.name = name
        self.path = folder / "advisor.sqlite3"
        self.store = Store.open(self.path)
        self.store.set_meta("device_name", name)
        self.store.set_meta("advisor_name", advisor or f"Advisor {name}")
        self.repo = Repository(self.store)
        self._exports = 0

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    def set_device_id(self, device_id: str) -> None:
        self.store.set_meta("device_id", device_id)
        self.store.device_id = device_id

    def set_wall(self, wall) -> None:
        """Replace the wall clock, keeping the logical part already reached."""
        old = self.store.clock
        self.store.clock = HybridClock(wall=wall, millis=old.millis, counter=old.counter)

    def export(self, out: Path | None = None, **options) -> Path:
        self._exports += 1
        out = out or self.folder / f"{self.name}-{self._exports}{fmt.SUFFIX}"
        export_bundle(self.store, out, **options)
        return out

    def import_(self, bundle: Path, dry_run: bool = False, trust: bool = True, passphrase: str | None = None):
        return run_import(self.store, bundle, passphrase, dry_run=dry_run, trust=trust)

    def send(self, other: "Device", **options):
        """Export everything (or what ``options`` choose) and apply it on ``other``."""
        return other.import_(self.export(**options))

    def dump(self):
        return canonical_dump(self.conn)

    def full_dump(self):
        return full_dump(self.conn)

    def conflicts(self) -> list[dict[str, Any]]:
        cursor = self.conn.execute("SELECT * FROM conflicts ORDER BY id")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    @property
    def fingerprint(self) -> str:
        """What ``advisor-app identity`` prints on this laptop, for ``import --trust``."""
        return fingerprint_of(self.store)

    def close(self) -> None:
        self.store.close()


def fingerprint_of(store: Store) -> str:
    return keys.fingerprint(keys.public_key_text(keys.signing_key(store)))


# Dumps ---------------------------------------------------------------------------------------------

def canonical_dump(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """The synced tables, row by row in id order: what two converged laptops hold alike."""
    return {table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in SYNCED_TABLES}


def full_dump(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every ordinary table (change log, peers, history, conflicts, meta, search indexes)."""
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
    return {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in tables}


def integrity_ok(conn: sqlite3.Connection) -> bool:
    return [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]


def foreign_key_problems(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute("PRAGMA foreign_key_check").fetchall()


# Refusals ------------------------------------------------------------------------------------------------

def assert_sentence(message: str) -> None:
    assert message and "\n" not in message and "\r" not in message and message == message.strip()
    assert "Traceback" not in message and len(message) < 400


def refused(device: Device, bundle: Path, kind=BundleError, passphrase=None, trust=True, dry_run=False) -> str:
    """Refusal on the apply path (the strictest), the whole data file compared before and after."""
    before = device.full_dump()
    with pytest.raises(kind) as info:
        device.import_(bundle, dry_run=dry_run, trust=trust, passphrase=passphrase)
    message = str(info.value)
    assert_sentence(message)
    assert device.full_dump() == before
    return message


# Valid values ----------------------------------------------------------------------------------------

CURPS = [
    make_curp("Ana Lilia", "Robles", "Medina", dt.date(1979, 9, 30), "M", "ZS"),
    make_curp("José Luis", "Sandoval", "Félix", dt.date(1971, 7, 3), "H", "ZS"),
    make_curp("Teresa", "Valdez", "Muro", dt.date(1973, 8, 25), "M", "JC"),
    make_curp("Pedro", "Ruvalcaba", "Sánchez", dt.date(1958, 6, 5), "H", "NE"),
]


def person_values(**extra) -> dict[str, Any]:
    return {"given_names": "Ana Lilia", "first_surname": "Robles", "second_surname": "Medina",
            "residence_country": "MX", **extra}


def small_registry(device: Device) -> dict[str, str]:
    """A federation, a club under it, a cooperative, two people and their memberships."""
    repo = device.repo
    jerez = repo.ensure_locality("32020", "Ermita de Guadalupe")
    juchipila = repo.ensure_locality("32023", "Juchipila")
    federation = repo.insert("organizations", {"kind": "federation", "name": "Federación Zacatecana",
                                               "origin_locality_id": jerez})
    club = repo.insert("organizations", {"kind": "migrant_club", "name": "Club Jerezanos", "parent_id": federation,
                                         "origin_locality_id": jerez})
    cooperative = repo.insert("organizations", {"kind": "cooperative", "name": "Cooperativa Guayaberos",
                                                "origin_locality_id": juchipila})
    ana = repo.insert("people", person_values(curp=CURPS[0], birth_date="1979-09-30", locality_id=juchipila))
    jose = repo.insert("people", {"given_names": "José Luis", "first_surname": "Sandoval", "residence_country": "US",
                                  "locality_id": jerez})
    ramon = repo.insert("people", {"given_names": "Ramón", "first_surname": "Del Real", "residence_country": "US"})
    club_member = repo.insert("memberships", {"person_id": jose, "organization_id": club, "role": "president"})
    federation_member = repo.insert("memberships", {"person_id": ramon, "organization_id": federation,
                                                    "role": "president"})
    coop_member = repo.insert("memberships", {"person_id": ana, "organization_id": cooperative, "role": "member",
                                              "share_pct": "50"})
    return {"jerez": jerez, "juchipila": juchipila, "federation": federation, "club": club,
            "cooperative": cooperative, "ana": ana, "jose": jose, "ramon": ramon, "club_member": club_member,
            "federation_member": federation_member, "coop_member": coop_member}


# Bundles built by hand ---------------------------------------------------------------------------------

def stamp(offset_ms: int = 0) -> str:
    return make_stamp(time.time_ns() // 1_000_000 + offset_ms, 0)


def line(table: str, row_id: str, fields: dict, hlc: str | None = None, device: str = "d" * 32) -> str:
    """An entry as a hand-made bundle lists it; ``handmade_bundle`` numbers it in its signer's feed."""
    return fmt.legacy_line(device, table, row_id, _any_json(fields), hlc or stamp())


def as_feed(signer: Store, changes: bytes) -> tuple[bytes, dict[str, dict]]:
    """Hand-made lines numbered 1, 2, 3… in the signer's feed, chained, with the head it signs. Lines that
    are not entries (broken on purpose) stay as they are."""
    key = keys.signing_key(signer)
    device = signer.device_id
    chain, number, out = feed.chain_start(device), 0, []
    for raw in changes.splitlines(keepends=True):
        try:
            item = json.loads(raw)
            assert isinstance(item, dict) and item.keys() == {"d", "t", "r", "f", "h"}
            fields = canonical_json(item["f"])
            assert all(isinstance(item[name], str) for name in "trh")
        except (ValueError, AssertionError, TypeError, RecursionError):
            out.append(raw)
            continue
        number += 1
        chain = feed.chain_next(chain, feed.entry_digest(device, number, item["t"], item["r"], fields, item["h"]))
        out.append(re.sub(rb'"d"\s*:\s*"[^"]*"', f'"d":"{device}","s":{number}'.encode("ascii"), raw, count=1))
    heads = {device: {"key": keys.public_key_text(key), "to": number, "chain": chain.hex(),
                      "sig": feed.sign_head(key, device, number, chain)}} if number else {}
    return b"".join(out), heads


def write_zip(path: Path, entries: Iterable[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip with exactly these members in this order (duplicates allowed)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "w", compression=compression) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return path


def manifest_for(signer: Store, contents: dict[str, bytes], **overrides) -> dict[str, Any]:
    """A manifest like the exporter's, listing ``members`` honestly unless ``overrides`` say otherwise."""
    key = keys.signing_key(signer)
    manifest = {
        "format": fmt.FORMAT_VERSION, "schema": LATEST_VERSION, "app": "0.1.0",
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "created_hlc": stamp(), "device": signer.device_id, "device_name": signer.get_meta("device_name") or "",
        "advisor": signer.get_meta("advisor_name") or "", "public_key": keys.public_key_text(key),
        "sequence": 1, "scope": "all", "peer": "", "have": {}, "feeds": {}, "counts": {"changes": 0},
        "personal_data": False,
        "members": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                    for name, data in contents.items()},
    }
    manifest.update(overrides)
    return manifest


def sign_manifest(signer: Store, manifest: dict[str, Any] | bytes) -> tuple[bytes, bytes]:
    data = manifest if isinstance(manifest, bytes) else json.dumps(manifest, indent=1, sort_keys=True).encode("ascii")
    return data, keys.sign(keys.signing_key(signer), data)


def handmade_bundle(path: Path, signer: Store, changes: str | bytes = "", attachments: dict[str, bytes] | None = None,
                    extra: Iterable[tuple[str, bytes]] = (), **manifest_overrides) -> Path:
    """A bundle signed by ``signer`` holding exactly ``changes`` (NDJSON text) and ``attachments``."""
    data = changes.encode("utf-8") if isinstance(changes, str) else changes
    data, heads = as_feed(signer, data)
    manifest_overrides.setdefault("feeds", heads)
    members = {fmt.CHANGES: data}
    for sha, content in (attachments or {}).items():
        members[f"{fmt.ATTACHMENT_PREFIX}{sha}"] = content
    manifest_bytes, signature = sign_manifest(signer, manifest_for(signer, members, **manifest_overrides))
    return write_zip(path, [*members.items(), (fmt.MANIFEST, manifest_bytes), (fmt.SIGNATURE, signature), *extra])


def rezip(source: Path, target: Path, replace: dict[str, bytes] | None = None) -> Path:
    """Copy a bundle's members into a new zip, some of them replaced."""
    with zipfile.ZipFile(source) as archive:
        entries = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    replace = replace or {}
    return write_zip(target, [(name, replace.get(name, data)) for name, data in entries])


def read_members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(bundle.read_bytes())) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def _any_json(fields) -> str:
    """Like the change log's form, but for any value a hand-made line may hold (huge integers too)."""
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
