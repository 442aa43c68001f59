"""Open a bundle without trusting it: decrypt, check the archive's shape, the manifest, its
signature and every member's checksum, then hand out changes one validated line at a time.

Members are read by their expected names only and never extracted; their declared sizes are bounded
(``bundle_format``) before anything is inflated. Anything wrong becomes one ``BundleError`` sentence.
"""

from __future__ import annotations

import hashlib
import io
import json
import lzma
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import orjson

from advisor_app.domain.records import RECORDS
from advisor_app.i18n import _
from advisor_app.store.repository import canonical_json
from advisor_app.store.schema import LATEST_VERSION, SYNCED_TABLES
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync import crypto, feed, keys
from advisor_app.sync import incoming_values as incoming
from advisor_app.sync.bundle_limits import check_sizes
from advisor_app.sync.errors import BundleError, NeedsPassphrase

_COLUMNS = {table: {spec.name: spec for spec in RECORDS[table]} for table in SYNCED_TABLES}
_HASH_CHUNK = 1024 * 1024
# What reading a damaged member can raise: the decompressors' own errors are not OSError.
_DAMAGED = (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, zlib.error, lzma.LZMAError, struct.error)


@dataclass(frozen=True)
class Change:
    """One entry: ``seq`` is its number in the origin's feed (``None`` for a legacy entry);
    ``fields_json`` the fields in the change log's canonical form, which its digest covers (made once,
    for the feed check and the log alike)."""

    table: str
    row_id: str
    fields: dict[str, Any]
    hlc: str
    device: str
    seq: int | None = None
    fields_json: str = field(default="", compare=False, repr=False)


def _refuse(message: str) -> BundleError:
    return BundleError(message)


def shown(text: str, limit: int) -> str:
    """A name taken from the bundle, quoted so that it cannot break the sentence onto more lines."""
    return repr(text[:limit])[1:-1]


class BundleReader:
    """Use as a context manager; ``manifest`` is available once opened."""

    def __init__(self, path: Path, passphrase: str | None = None):
        self.path = Path(path)
        self.passphrase = passphrase
        self._sealed: crypto.SealedFile | None = None
        self._zip: zipfile.ZipFile | None = None
        self.manifest: dict[str, Any] = {}
        self.encrypted = False

    def __enter__(self) -> "BundleReader":
        try:
            self._open()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        if self._sealed is not None:
            self._sealed.close()
            self._sealed = None

    # Opening -------------------------------------------------------------------
    def _open(self) -> None:
        if not self.path.is_file():
            raise _refuse(_("The file {path} does not exist.").format(path=self.path))
        archive = self.path
        try:
            self.encrypted = crypto.is_encrypted(self.path)
        except OSError:
            raise _refuse(_("The file {path} cannot be read.").format(path=self.path)) from None
        if self.encrypted:
            if not self.passphrase:
                raise NeedsPassphrase(_("This bundle is protected by a passphrase; enter it to open the bundle."))
            # Decrypted in memory, a chunk at a time as the zip is read: no plaintext copy on any disk.
            try:
                self._sealed = archive = crypto.SealedFile(self.path, self.passphrase)
            except OSError:
                raise _refuse(_("The file {path} cannot be read.").format(path=self.path)) from None
        try:
            self._zip = zipfile.ZipFile(archive)
            infos = self._zip.infolist()
        except _DAMAGED:
            raise _refuse(_("This file is not a bundle, or it is incomplete.")) from None
        self._check_members(infos)
        manifest_bytes = self._read_member(fmt.MANIFEST, fmt.MAX_MANIFEST_BYTES)
        signature = self._read_member(fmt.SIGNATURE, 1024)
        self.manifest = self._parse_manifest(manifest_bytes)
        if not keys.verify(self.manifest["public_key"], manifest_bytes, signature):
            raise _refuse(_("The bundle's signature does not match its content: it was altered or forged."))
        self._check_listed_members(infos)
        self._verify_checksums()

    def _check_members(self, infos: list[zipfile.ZipInfo]) -> None:
        names = [info.filename for info in infos]
        if len(names) != len(set(names)):
            raise _refuse(_("The bundle holds the same member twice; it was not made by this app."))
        for info in infos:
            name = info.filename
            if name not in (fmt.MANIFEST, fmt.SIGNATURE, fmt.CHANGES) and not fmt.ATTACHMENT_NAME.match(name):
                raise _refuse(_("The bundle holds an unexpected member ({name}); it was not made by this app.")
                              .format(name=shown(name, 80)))
        check_sizes(infos)
        for required in (fmt.MANIFEST, fmt.SIGNATURE, fmt.CHANGES):
            if required not in names:
                raise _refuse(_("This file is not a bundle, or it is incomplete."))

    def _read_member(self, name: str, limit: int) -> bytes:
        try:
            with self._zip.open(name) as member:
                data = member.read(limit + 1)
        except _DAMAGED:
            raise _refuse(_("The bundle is damaged: a member cannot be read.")) from None
        if len(data) > limit:
            raise _refuse(_("A member of the bundle is larger than allowed; it was refused as unsafe."))
        return data

    def _parse_manifest(self, data: bytes) -> dict[str, Any]:
        try:
            manifest = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise _refuse(_("The bundle's manifest is not valid.")) from None
        if not isinstance(manifest, dict) or (b"\\u" in data and not _storable_text(manifest)):
            raise _refuse(_("The bundle's manifest is not valid."))
        if isinstance(manifest.get("format"), int) and manifest["format"] > fmt.FORMAT_VERSION:
            raise _refuse(_("This bundle was made by a newer version of Community Advisor; update the app to "
                            "import it."))
        if manifest.get("format") == 1:
            raise _refuse(_("This bundle was made by version 0.1 of Community Advisor, which only that version "
                            "reads; update the app on the sending laptop and export again."))
        if isinstance(manifest.get("schema"), int) and manifest["schema"] > LATEST_VERSION:
            raise _refuse(_("This bundle was made by a newer version of Community Advisor; update the app to "
                            "import it."))
        expected = {"format": int, "schema": int, "device": str, "device_name": str, "advisor": str,
                    "public_key": str, "sequence": int, "created_at": str, "have": dict, "feeds": dict,
                    "members": dict, "counts": dict}
        for key, kind in expected.items():
            if not isinstance(manifest.get(key), kind) or isinstance(manifest.get(key), bool):
                raise _refuse(_("The bundle's manifest is not valid."))
        if not 0 <= manifest["sequence"] < _INTEGER_LIMIT:
            raise _refuse(_("The bundle's manifest is not valid."))
        for name, entry in manifest["members"].items():
            if not (isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
                    and isinstance(entry.get("size"), int) and entry["size"] >= 0):
                raise _refuse(_("The bundle's manifest is not valid."))
        have = feed.have_from_json(manifest["have"])
        if have is None or not all(_head_shape(device, head) for device, head in manifest["feeds"].items()):
            raise _refuse(_("The bundle's manifest is not valid."))
        manifest["have"] = have
        return manifest

    def _check_listed_members(self, infos: list[zipfile.ZipInfo]) -> None:
        listed = self.manifest["members"]
        present = {info.filename: info for info in infos if info.filename not in (fmt.MANIFEST, fmt.SIGNATURE)}
        if set(listed) != set(present):
            raise _refuse(_("The bundle's members do not match its manifest; it was altered."))
        for name, info in present.items():
            if info.file_size != listed[name]["size"]:
                raise _refuse(_("A member of the bundle is not the size its manifest says; it was altered."))

    def _verify_checksums(self) -> None:
        for name, entry in self.manifest["members"].items():
            digest = hashlib.sha256()
            try:
                with self._zip.open(name) as member:
                    while chunk := member.read(_HASH_CHUNK):
                        digest.update(chunk)
            except _DAMAGED:
                raise _refuse(_("The bundle is damaged: a member cannot be read.")) from None
            if digest.hexdigest() != entry["sha256"]:
                raise _refuse(_("The bundle is damaged: a checksum does not match."))

    # Reading ---------------------------------------------------------------------
    def attachment_names(self) -> list[str]:
        return sorted(name for name in self.manifest["members"] if name.startswith(fmt.ATTACHMENT_PREFIX))

    def attachment_bytes(self, name: str) -> bytes:
        """A listed attachment's content, in memory (its size was bounded when the bundle was opened)."""
        try:
            with self._zip.open(name) as member:
                return member.read(fmt.MAX_ATTACHMENT_BYTES + 1)
        except _DAMAGED:
            raise _refuse(_("The bundle is damaged: a member cannot be read.")) from None

    def raw_changes(self) -> Iterator[tuple[int, dict]]:
        """(line number, decoded line) in file order, with only the line's shape checked; the merge
        validates in full, with ``validate``, the lines it has not seen before."""
        try:
            with self._zip.open(fmt.CHANGES) as member:
                # Read with a limit, so that a line without end is refused before it fills memory.
                lines = io.BufferedReader(member, _HASH_CHUNK)
                number = 0
                while raw := lines.readline(fmt.MAX_LINE_BYTES + 1):
                    number += 1
                    if len(raw) > fmt.MAX_LINE_BYTES:
                        raise _refuse(_("Line {line} of the bundle is too long.").format(line=number))
                    if raw.strip():
                        yield number, _load_line(raw, number)
        except _DAMAGED:
            raise _refuse(_("The bundle is damaged: a member cannot be read.")) from None

    def changes(self) -> Iterator[Change]:
        """Validated changes in file order; a bad line stops everything with its line number."""
        for number, item in self.raw_changes():
            yield validate(item, number)


def _bad_line(number: int, reason: str) -> BundleError:
    return _refuse(_("Line {line} of the bundle is not a valid change ({reason}).").format(line=number, reason=reason))


def _refused_value(number: int, table: str, column: str, problem: str) -> BundleError:
    return _refuse(_("Line {line} of the bundle has a value this app does not accept for {field}: {problem}").format(
        line=number, field=incoming.label(table, column), problem=problem))


_STAMP = re.compile(r"^[0-9]{15}\.[0-9]{6}\Z")
_INTEGER_LIMIT = 2 ** 63
_ENTRY_KEYS = {"d", "s", "t", "r", "f", "h"}
_DIGEST_KEYS = {"d", "s", "x"}
_LEGACY_KEYS = {"d", "t", "r", "f", "h"}
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _head_shape(device: Any, head: Any) -> bool:
    """A signed head as the manifest lists it: the origin's key, the number it proves, chain, signature."""
    return (isinstance(device, str) and 0 < len(device) <= 64 and isinstance(head, dict)
            and head.keys() == {"key", "to", "chain", "sig"} and isinstance(head["key"], str)
            and len(head["key"]) <= 64 and isinstance(head["to"], int) and not isinstance(head["to"], bool)
            and 0 < head["to"] < 2 ** 53 and isinstance(head["chain"], str) and bool(_HEX64.match(head["chain"]))
            and isinstance(head["sig"], str) and len(head["sig"]) <= 128)


def _storable_text(item: Any) -> bool:
    """False when an escaped lone surrogate decoded to text that SQLite cannot store."""
    try:
        json.dumps(item, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _load_line(raw: bytes, number: int) -> dict:
    try:
        item = orjson.loads(raw)
    except (UnicodeDecodeError, orjson.JSONDecodeError, RecursionError):
        raise _bad_line(number, _("not JSON")) from None
    if not isinstance(item, dict) or item.keys() not in (_ENTRY_KEYS, _DIGEST_KEYS, _LEGACY_KEYS):
        raise _bad_line(number, _("wrong keys"))
    if not isinstance(item["d"], str) or not 0 < len(item["d"]) <= 64 or (
            "s" in item and not (isinstance(item["s"], int) and not isinstance(item["s"], bool)
                                 and 0 < item["s"] < 2 ** 53)):
        raise _bad_line(number, _("wrong types"))
    if "x" in item and not (isinstance(item["x"], str) and _HEX64.match(item["x"])):
        raise _bad_line(number, _("wrong types"))
    if b"\\u" in raw and not _storable_text(item):
        raise _bad_line(number, _("not JSON"))
    return item


def validate(item: dict, number: int) -> Change:
    """A decoded line as a ``Change``, or ``BundleError`` naming the line."""
    table, row_id, fields, hlc, device = item["t"], item["r"], item["f"], item["h"], item["d"]
    if not (isinstance(table, str) and isinstance(row_id, str) and isinstance(hlc, str)
            and isinstance(device, str) and isinstance(fields, dict)):
        raise _bad_line(number, _("wrong types"))
    if table == feed.KNOWLEDGE and "s" in item:
        # What a laptop held when it wrote its next entries (sync/merge.py); applies to no record.
        if row_id != device or fields.keys() != {"have"} or feed.have_from_json(fields["have"]) is None \
                or not _STAMP.match(hlc):
            raise _bad_line(number, _("bad value for {column}").format(column="have"))
        return Change(table, row_id, fields, hlc, device, item["s"], canonical_json(fields))
    if table not in _COLUMNS:
        raise _refuse(_("Line {line} of the bundle changes an unknown table ({table}).").format(
            line=number, table=shown(table, 40)))
    if not _STAMP.match(hlc):
        raise _bad_line(number, _("bad time stamp"))
    if not (0 < len(row_id) <= 64 and 0 < len(device) <= 64):
        raise _bad_line(number, _("bad identifier"))
    # The rules of the app's own editing: types, real dates, the vocabularies' codes, lengths, check digits.
    checkers = incoming.CHECKERS[table]
    for column, value in fields.items():
        if column == "deleted":
            if not isinstance(value, int) or isinstance(value, bool) or value not in (0, 1):
                raise _bad_line(number, _("bad value for {column}").format(column=column))
            continue
        checker = checkers.get(column)
        if checker is None:
            raise _refuse(_("Line {line} of the bundle changes an unknown field ({column}).").format(
                line=number, column=shown(column, 40)))
        found = checker(value)
        if found is incoming.WRONG_TYPE:
            raise _bad_line(number, _("bad value for {column}").format(column=column))
        if found:
            raise _refused_value(number, table, column, found)
    pair = incoming.record_problem(table, fields)
    if pair:
        raise _refused_value(number, table, *pair)
    return Change(table, row_id, fields, hlc, device, item.get("s"), canonical_json(fields))
