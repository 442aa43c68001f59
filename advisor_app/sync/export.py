"""Write a bundle: the chosen change-log entries and attachments, a signed manifest, optionally
encrypted. The file appears under its final name only when complete and on disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from advisor_app import __version__
from advisor_app.i18n import N_, _
from advisor_app.progress import Progress, no_progress
from advisor_app.store.database import Store, placeholders
from advisor_app.store.schema import LATEST_VERSION
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync import feed, keys
from advisor_app.sync.bundle_attachments import write_attachments
from advisor_app.sync.crypto import written_bundle
from advisor_app.sync.errors import BundleError

log = logging.getLogger(__name__)

_WRITE_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ExportResult:
    path: Path
    changes: int
    attachments: int
    sequence: int
    encrypted: bool
    personal_data: bool
    warnings: tuple[str, ...] = ()


def _rows_of_organizations(store: Store, organization_ids: list[str]) -> None:
    """Fill the temporary table ``export_rows`` with the organizations and all that hangs from them."""
    conn = store.conn
    conn.execute("DROP TABLE IF EXISTS temp.export_rows")
    conn.execute("CREATE TEMP TABLE export_rows(id TEXT PRIMARY KEY)")
    conn.executemany("INSERT OR IGNORE INTO export_rows VALUES (?)", [(row_id,) for row_id in organization_ids])
    # The plans the organizations lead or take part in, the scenarios those plans were drawn from, and
    # the plans' other participants: a plan must arrive with every organization it names.
    conn.execute("INSERT OR IGNORE INTO export_rows SELECT id FROM plans WHERE lead_organization_id IN "
                 "(SELECT id FROM export_rows)")
    conn.execute("INSERT OR IGNORE INTO export_rows SELECT plan_id FROM plan_organizations WHERE organization_id IN "
                 "(SELECT id FROM export_rows)")
    # Agreements drafted for the organizations or their plans, or naming them as a party, with their parties,
    # versions and every person and organization those parties name.
    conn.execute("INSERT OR IGNORE INTO export_rows SELECT id FROM agreements WHERE organization_id IN "
                 "(SELECT id FROM export_rows) OR plan_id IN (SELECT id FROM export_rows)")
    conn.execute("INSERT OR IGNORE INTO export_rows SELECT agreement_id FROM agreement_parties WHERE organization_id "
                 "IN (SELECT id FROM export_rows)")
    for sql in ("SELECT id FROM agreement_parties WHERE agreement_id IN (SELECT id FROM export_rows)",
                "SELECT id FROM agreement_versions WHERE agreement_id IN (SELECT id FROM export_rows)",
                "SELECT person_id FROM agreement_parties WHERE agreement_id IN (SELECT id FROM export_rows) "
                "AND person_id IS NOT NULL",
                "SELECT organization_id FROM agreement_parties WHERE agreement_id IN (SELECT id FROM export_rows) "
                "AND organization_id IS NOT NULL",
                "SELECT organization_id FROM agreements WHERE id IN (SELECT id FROM export_rows) "
                "AND organization_id IS NOT NULL",
                "SELECT plan_id FROM agreements WHERE id IN (SELECT id FROM export_rows) AND plan_id IS NOT NULL"):
        conn.execute(f"INSERT OR IGNORE INTO export_rows {sql}")
    while conn.execute("INSERT OR IGNORE INTO export_rows SELECT scenario_of FROM plans WHERE id IN "
                       "(SELECT id FROM export_rows) AND scenario_of IS NOT NULL").rowcount:
        pass
    for sql in ("SELECT id FROM plan_organizations WHERE plan_id IN (SELECT id FROM export_rows)",
                "SELECT organization_id FROM plan_organizations WHERE plan_id IN (SELECT id FROM export_rows)",
                "SELECT lead_organization_id FROM plans WHERE id IN (SELECT id FROM export_rows)",
                "SELECT locality_id FROM plans WHERE id IN (SELECT id FROM export_rows) AND locality_id IS NOT NULL"):
        conn.execute(f"INSERT OR IGNORE INTO export_rows {sql}")
    # Every ancestor federation, not just the parent: a row must never reference one left behind.
    while conn.execute("INSERT OR IGNORE INTO export_rows SELECT parent_id FROM organizations WHERE id IN "
                       "(SELECT id FROM export_rows) AND parent_id IS NOT NULL").rowcount:
        pass
    for sql in (
        "SELECT id FROM memberships WHERE organization_id IN (SELECT id FROM export_rows)",
        "SELECT person_id FROM memberships WHERE organization_id IN (SELECT id FROM export_rows)",
        "SELECT origin_locality_id FROM organizations WHERE id IN (SELECT id FROM export_rows) "
        "AND origin_locality_id IS NOT NULL",
        "SELECT locality_id FROM people WHERE id IN (SELECT id FROM export_rows) AND locality_id IS NOT NULL",
        "SELECT id FROM attachments WHERE record_id IN (SELECT id FROM export_rows)",
    ):
        conn.execute(f"INSERT OR IGNORE INTO export_rows {sql}")
    # Training: the organizations' advisory sessions with who came and the actions agreed, and the
    # workshops their people were on the list of, with those lists' rows for them; then everyone named.
    for sql in (
        "SELECT id FROM advisory_sessions WHERE organization_id IN (SELECT id FROM export_rows)",
        "SELECT id FROM session_attendance WHERE session_id IN (SELECT id FROM export_rows)",
        "SELECT id FROM session_actions WHERE session_id IN (SELECT id FROM export_rows)",
        "SELECT person_id FROM session_attendance WHERE session_id IN (SELECT id FROM export_rows)",
        "SELECT responsible_id FROM session_actions WHERE session_id IN (SELECT id FROM export_rows) "
        "AND responsible_id IS NOT NULL",
        # A person's row on a list they joined through another organization stays with that organization.
        "SELECT id FROM workshop_attendance WHERE organization_id IN (SELECT id FROM export_rows) OR "
        "(person_id IN (SELECT id FROM export_rows) AND organization_id IS NULL)",
        "SELECT workshop_id FROM workshop_attendance WHERE id IN (SELECT id FROM export_rows)",
        "SELECT person_id FROM workshop_attendance WHERE id IN (SELECT id FROM export_rows)",
        "SELECT locality_id FROM people WHERE id IN (SELECT id FROM export_rows) AND locality_id IS NOT NULL",
    ):
        conn.execute(f"INSERT OR IGNORE INTO export_rows {sql}")


_ENTRY_COLUMNS = "origin_seq, table_name, row_id, fields, hlc, digest"


@dataclass
class _Selection:
    """What a bundle carries: per origin, the numbers to send (in full where held and wanted, else as
    digests) and the head that proves them; legacy entries from before feeds."""

    have: feed.Have
    peer_have: feed.Have | None
    rows: bool  # organization bundle: only entries of the rows in temp.export_rows go in full


def _peer_have(store: Store, peer: str) -> tuple[str | None, feed.Have]:
    """The peer's device id and what its newest bundle said it holds (nothing when it never wrote)."""
    rows = store.conn.execute("SELECT device_id, have FROM peers WHERE device_id = ? OR name = ?",
                              (peer, peer)).fetchall()
    if len(rows) > 1:
        raise BundleError(_("Several laptops are called {name}; choose one by its device id (Sync tab).")
                          .format(name=peer[:80]))
    if not rows:
        return None, {}
    device, have = rows[0]
    return device, (feed.have_from_json(json.loads(have)) or {}) if have else {}


def _select(store: Store, peer: str | None, organization_ids: list[str] | None) -> _Selection:
    have = feed.local_have(store.conn, store.device_id)
    if organization_ids:
        _rows_of_organizations(store, organization_ids)
        return _Selection(have, None, rows=True)
    if peer:
        return _Selection(have, _peer_have(store, peer)[1], rows=False)
    return _Selection(have, None, rows=False)


def _ranges_for(selection: _Selection, device: str, holding: feed.Holding) -> list[tuple[int, int, bool]]:
    """(first, last, whole segment?) ranges of ``device``'s feed to read: for a peer, what it lacks
    below its verified point (held here in full) and everything above it."""
    known = (selection.peer_have or {}).get(device)
    if known is None:
        return [(1, holding.verified, True)] if holding.verified else []
    ranges = []
    start = 1
    for first, last in known.held:
        if first > start:
            ranges.append((start, min(first - 1, holding.verified), False))
        start = last + 1
    if start <= min(known.verified, holding.verified):
        ranges.append((start, min(known.verified, holding.verified), False))
    if holding.verified > known.verified:
        ranges.append((known.verified + 1, holding.verified, True))
    return [item for item in ranges if item[0] <= item[1]]


def _feed_lines(store: Store, selection: _Selection, counts: dict, attachment_hashes: set[str],
                signed: bool = True):
    """Every line of the bundle, origin by origin in feed order, then legacy entries; fills ``counts``
    and the heads the manifest signs for."""
    conn = store.conn
    heads: dict[str, dict] = {}
    selected: set[str] | None = None
    if selection.rows:
        selected = {row_id for (row_id,) in conn.execute("SELECT id FROM temp.export_rows")}
    for device, holding in sorted(selection.have.items()):
        ranges = _ranges_for(selection, device, holding)
        wanted_any = False
        pending: list[str] = []
        for first, last, segment in ranges:
            condition = "" if segment or selected is not None else " AND fields IS NOT NULL"
            for seq, table, row_id, fields, hlc, digest in conn.execute(
                    f"SELECT {_ENTRY_COLUMNS} FROM change_log WHERE device = ? AND origin_seq BETWEEN ? AND ?"
                    f"{condition} ORDER BY origin_seq", (device, first, last)):
                # What its author held travels with an organization's entries: without it, conflicts
                # could not be told from overwrites.
                if fields is not None and (selected is None or row_id in selected or table == feed.KNOWLEDGE):
                    wanted_any = wanted_any or table != feed.KNOWLEDGE
                    pending.append(fmt.change_line(device, seq, table, row_id, fields, hlc))
                    _count(counts, table, fields, attachment_hashes)
                else:
                    if digest is None:
                        digest = feed.entry_digest(device, seq, table, row_id, fields, hlc)
                    pending.append(fmt.digest_line(device, seq, digest))
                if len(pending) >= 2000:
                    if selected is None or wanted_any:
                        yield pending
                        pending = []
            if signed and segment and (selected is None or wanted_any):
                heads[device] = _signed_head(store, device)
        if pending and (selected is None or wanted_any):
            yield pending
    legacy_filter = " AND row_id IN (SELECT id FROM temp.export_rows)" if selection.rows else ""
    pending = []
    for device, table, row_id, fields, hlc in conn.execute(
            "SELECT device, table_name, row_id, fields, hlc FROM change_log WHERE origin_seq IS NULL"
            f"{legacy_filter} ORDER BY seq"):
        pending.append(fmt.legacy_line(device, table, row_id, fields, hlc))
        _count(counts, table, fields, attachment_hashes)
        if len(pending) >= 2000:
            yield pending
            pending = []
    if pending:
        yield pending
    yield heads


def _count(counts: dict, table: str, fields: str, attachment_hashes: set[str]) -> None:
    """Entries in all and per table (``counts["attachments"]`` counts rows of that table; the files are
    ``attachment_files``)."""
    counts["changes"] += 1
    counts.setdefault("tables", set()).add(table)  # taken out again by _personal, before the manifest
    counts[table] = counts.get(table, 0) + 1
    if table == "attachments" and '"sha256"' in fields:
        attachment_hashes.add(json.loads(fields)["sha256"])


def _sign_own_head(store: Store, seq: int) -> None:
    """This laptop signs its own feed through ``seq`` and keeps that head in ``feeds``. Done before the
    entries are read for the bundle, so that no write happens while their reading is under way."""
    device = store.device_id
    row = store.conn.execute("SELECT verified, chain FROM feeds WHERE device = ?", (device,)).fetchone()
    key = keys.signing_key(store)
    public = keys.public_key_text(key)
    verified, chain = (row[0], row[1]) if row and row[1] and row[0] <= seq else (0, feed.chain_start(device))
    for number, table, row_id, fields, hlc, _digest in store.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM change_log WHERE device = ? AND origin_seq > ? AND origin_seq <= ? "
            "ORDER BY origin_seq", (device, verified, seq)):
        chain = feed.chain_next(chain, feed.entry_digest(device, number, table, row_id, fields, hlc))
    signature = feed.sign_head(key, device, seq, chain)
    with store.transaction() as conn:
        conn.execute("INSERT INTO feeds(device, public_key, verified, complete, chain, head_signature) "
                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(device) DO UPDATE SET public_key = excluded.public_key, "
                     "verified = excluded.verified, complete = excluded.complete, chain = excluded.chain, "
                     "head_signature = excluded.head_signature", (device, public, seq, seq, chain, signature))


def _signed_head(store: Store, device: str) -> dict:
    """The signed head that proves ``device``'s feed through the number verified here (this laptop's own
    was signed by ``_sign_own_head`` as the export began)."""
    row = store.conn.execute("SELECT public_key, verified, chain, head_signature FROM feeds WHERE device = ?",
                             (device,)).fetchone()
    return {"key": row[0], "to": row[1], "chain": row[2].hex(), "sig": row[3]}


def contains_personal_data(store: Store, peer: str | None = None, organization_ids: list[str] | None = None) -> bool:
    """Whether the bundle would carry people's records, or agreements that name them with their ID numbers
    (then it is encrypted unless the user says no)."""
    counts: dict = {"changes": 0}
    # Only counting: no head is signed (that writes), as the export window asks on every change of scope;
    # and only until the first entry about people, usually in the first batch read.
    for _item in _feed_lines(store, _select(store, peer, organization_ids), counts, set(), signed=False):
        if fmt.PERSONAL_TABLES & counts.get("tables", set()):
            return True
    return _personal(counts)


def _personal(counts: dict) -> bool:
    """Whether the entries counted include a table that holds something about people."""
    return bool(fmt.PERSONAL_TABLES & counts.pop("tables", set()))


def _line_count(store: Store, selection: _Selection) -> int:
    """How many lines the bundle will about have (the progress bar's length): every number of every range
    read, and the legacy entries."""
    total = sum(last - first + 1 for device, holding in selection.have.items()
                for first, last, _segment in _ranges_for(selection, device, holding))
    legacy_filter = " AND row_id IN (SELECT id FROM temp.export_rows)" if selection.rows else ""
    return total + store.conn.execute(
        f"SELECT count(*) FROM change_log WHERE origin_seq IS NULL{legacy_filter}").fetchone()[0]


def _sync_to_disk(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def export_bundle(store: Store, out: Path, peer: str | None = None, organization_ids: list[str] | None = None,
                  passphrase: str | None = None, progress: Progress = no_progress) -> ExportResult:
    """``progress`` is told each step and count, and stops the export by raising ``Cancelled``: then,
    as on any error, the partial file is removed and nothing is written under ``out``."""
    out = Path(out)
    progress(N_("Choosing what the bundle carries"))
    if not out.parent.is_dir():
        raise BundleError(_("The folder {folder} does not exist.").format(folder=out.parent))
    if organization_ids:
        known = {row_id for (row_id,) in store.conn.execute(
            f"SELECT id FROM organizations WHERE id IN ({placeholders(len(organization_ids))})",
            organization_ids)}
        unknown = [row_id for row_id in organization_ids if row_id not in known]
        if unknown:
            raise BundleError(_("No registered organization has the id {id}.").format(id=unknown[0][:40]))
    key = keys.signing_key(store)
    selection = _select(store, peer, organization_ids)
    own = selection.have.get(store.device_id)
    if own:
        _sign_own_head(store, own.verified)
    total_lines = _line_count(store, selection)
    partial = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.partial")
    members: dict[str, dict] = {}
    counts = {"changes": 0, "attachment_files": 0}
    personal = False
    left_out: list[str] = []
    try:
        if passphrase:
            progress(N_("Making the key from the passphrase"))
        with written_bundle(partial, passphrase) as target, \
                zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            digest, size = hashlib.sha256(), 0
            attachment_hashes: set[str] = set()
            with archive.open(fmt.CHANGES, "w", force_zip64=True) as member:
                heads: dict[str, dict] = {}
                lines = 0
                progress(N_("Writing the changes"), 0, total_lines)
                for item in _feed_lines(store, selection, counts, attachment_hashes):
                    if isinstance(item, dict):
                        heads = item
                        continue
                    lines += len(item)
                    progress(N_("Writing the changes"), min(lines, total_lines), total_lines)
                    data = "".join(item).encode("utf-8")
                    digest.update(data)
                    size += len(data)
                    member.write(data)
                personal = _personal(counts)
            members[fmt.CHANGES] = {"sha256": digest.hexdigest(), "size": size}
            progress(N_("Adding the attached files"), 0, len(attachment_hashes))
            for sha, attachment_size in write_attachments(store, archive, attachment_hashes, size, left_out):
                progress(N_("Adding the attached files"), counts["attachments"] + 1, len(attachment_hashes))
                members[f"{fmt.ATTACHMENT_PREFIX}{sha}"] = {"sha256": sha, "size": attachment_size}
                counts["attachment_files"] += 1
            sequence = int(store.get_meta("bundle_sequence") or 0) + 1
            manifest = {
                "format": fmt.FORMAT_VERSION, "schema": LATEST_VERSION, "app": __version__,
                "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "created_hlc": store.clock.now(), "device": store.device_id,
                "device_name": store.get_meta("device_name") or "", "advisor": store.get_meta("advisor_name") or "",
                "public_key": keys.public_key_text(key), "sequence": sequence,
                "scope": "organizations" if organization_ids else ("peer" if peer else "all"), "peer": peer or "",
                "have": feed.have_to_json(selection.have), "feeds": heads, "counts": counts,
                "personal_data": personal,
                "members": members,
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
            archive.writestr(fmt.MANIFEST, manifest_bytes)
            archive.writestr(fmt.SIGNATURE, keys.sign(key, manifest_bytes))
        progress(N_("Saving the file"))
        _sync_to_disk(partial)
        progress(N_("Saving the file"), 1, 1)  # the last moment Cancel can stop it: then it is complete
        os.replace(partial, out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BundleError(_("The bundle could not be written to {path}: {reason}.").format(
            path=out, reason=error.strerror or error)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _record(store, out, peer, organization_ids, sequence, counts, selection)
    log.info("Bundle %d exported (%s): %d changes, %d attachments, %s, %d attachments left out", sequence,
             manifest["scope"], counts["changes"], counts["attachment_files"],
             "encrypted" if passphrase else "not encrypted", len(left_out))
    return ExportResult(out, counts["changes"], counts["attachment_files"], sequence, bool(passphrase), personal,
                        tuple(left_out))


def _record(store: Store, out: Path, peer: str | None, organization_ids, sequence: int, counts: dict,
            selection: _Selection) -> None:
    now = dt.datetime.now().isoformat(timespec="seconds")
    own = selection.have.get(store.device_id)
    with store.transaction() as conn:
        conn.execute("INSERT INTO meta(key, value) VALUES ('bundle_sequence', ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(sequence),))
        if not organization_ids and own:
            conn.execute("INSERT INTO meta(key, value) VALUES ('exported_through_seq', ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), excluded.value)",
                         (own.verified,))
        conn.execute("INSERT INTO bundle_history(direction, at, peer_name, sequence, file_name, changes, summary) "
                     "VALUES ('sent', ?, ?, ?, ?, ?, ?)",
                     (now, peer or "", sequence, out.name, counts["changes"], json.dumps(counts)))
