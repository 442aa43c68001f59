"""Write a bundle: the chosen change-log entries and attachments, a signed manifest, optionally
encrypted. The file appears under its final name only when complete and on disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from advisor_app import __version__
from advisor_app.i18n import _
from advisor_app.store.database import Store, placeholders
from advisor_app.store.schema import LATEST_VERSION
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync import keys
from advisor_app.sync.bundle_attachments import write_attachments
from advisor_app.sync.crypto import written_bundle
from advisor_app.sync.errors import BundleError

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


def version_vector(store: Store) -> dict[str, str]:
    """The newest stamp this laptop holds from each device: what the receiver knows we have seen."""
    return dict(store.conn.execute("SELECT device, max(hlc) FROM change_log GROUP BY device"))


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


def _select_changes(store: Store, peer: str | None, organization_ids: list[str] | None):
    conn = store.conn
    columns = "seq, change_id, table_name, row_id, fields, hlc, device"
    if organization_ids:
        _rows_of_organizations(store, organization_ids)
        return conn.execute(f"SELECT {columns} FROM change_log WHERE row_id IN (SELECT id FROM export_rows) "
                            "ORDER BY seq")
    if peer:
        row = conn.execute("SELECT last_sent_seq, device_id, known_versions, sent_when_heard FROM peers "
                           "WHERE name = ?", (peer,)).fetchone()
        last_sent, device, known, sent_when_heard = row if row else (0, None, None, 0)
        if known:
            # Sent since the peer last wrote: not yet; sent before and still missing from what its newest
            # bundle says it holds: lost on the way (a USB stick that never arrived), so sent again.
            return conn.execute(
                f"SELECT {columns} FROM change_log WHERE device IS NOT ? AND (seq > ? OR (seq <= ? AND "
                "hlc > coalesce(json_extract(?, '$.\"' || device || '\"'), ''))) ORDER BY seq",
                (device, last_sent, sent_when_heard, known))
        return conn.execute(f"SELECT {columns} FROM change_log WHERE seq > ? AND device IS NOT ? ORDER BY seq",
                            (last_sent, device))
    return conn.execute(f"SELECT {columns} FROM change_log ORDER BY seq")


def contains_personal_data(store: Store, peer: str | None = None, organization_ids: list[str] | None = None) -> bool:
    """Whether the bundle would carry records about people (``bundle_format.PERSONAL_TABLES``): then it is
    encrypted unless the user says no."""
    return any(row[2] in fmt.PERSONAL_TABLES for row in _select_changes(store, peer, organization_ids))


def _sync_to_disk(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def export_bundle(store: Store, out: Path, peer: str | None = None, organization_ids: list[str] | None = None,
                  passphrase: str | None = None) -> ExportResult:
    out = Path(out)
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
    partial = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.partial")
    members: dict[str, dict] = {}
    counts = {"changes": 0, "attachments": 0}
    personal = False
    max_seq = 0
    left_out: list[str] = []
    try:
        with written_bundle(partial, passphrase) as target, \
                zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            digest, size = hashlib.sha256(), 0
            attachment_hashes: set[str] = set()
            with archive.open(fmt.CHANGES, "w", force_zip64=True) as member:
                buffer: list[str] = []
                for seq, change_id, table, row_id, fields, hlc, device in _select_changes(store, peer, organization_ids):
                    buffer.append(fmt.change_line(change_id, table, row_id, fields, hlc, device))
                    counts["changes"] += 1
                    counts[table] = counts.get(table, 0) + 1
                    personal = personal or table in fmt.PERSONAL_TABLES
                    max_seq = max(max_seq, seq)
                    if table == "attachments" and '"sha256"' in fields:
                        attachment_hashes.add(json.loads(fields)["sha256"])
                    if len(buffer) >= 2000:
                        data = "".join(buffer).encode("utf-8")
                        digest.update(data)
                        size += len(data)
                        member.write(data)
                        buffer = []
                data = "".join(buffer).encode("utf-8")
                digest.update(data)
                size += len(data)
                member.write(data)
            members[fmt.CHANGES] = {"sha256": digest.hexdigest(), "size": size}
            for sha, attachment_size in write_attachments(store, archive, attachment_hashes, size, left_out):
                members[f"{fmt.ATTACHMENT_PREFIX}{sha}"] = {"sha256": sha, "size": attachment_size}
                counts["attachments"] += 1
            sequence = int(store.get_meta("bundle_sequence") or 0) + 1
            manifest = {
                "format": fmt.FORMAT_VERSION, "schema": LATEST_VERSION, "app": __version__,
                "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "created_hlc": store.clock.now(), "device": store.device_id,
                "device_name": store.get_meta("device_name") or "", "advisor": store.get_meta("advisor_name") or "",
                "public_key": keys.public_key_text(key), "sequence": sequence,
                "scope": "organizations" if organization_ids else ("peer" if peer else "all"), "peer": peer or "",
                "version_vector": version_vector(store), "counts": counts, "personal_data": personal,
                "members": members,
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
            archive.writestr(fmt.MANIFEST, manifest_bytes)
            archive.writestr(fmt.SIGNATURE, keys.sign(key, manifest_bytes))
        _sync_to_disk(partial)
        os.replace(partial, out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BundleError(_("The bundle could not be written to {path}: {reason}.").format(
            path=out, reason=error.strerror or error)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _record(store, out, peer, organization_ids, sequence, counts, max_seq)
    return ExportResult(out, counts["changes"], counts["attachments"], sequence, bool(passphrase), personal,
                        tuple(left_out))


def _record(store: Store, out: Path, peer: str | None, organization_ids, sequence: int, counts: dict,
            max_seq: int) -> None:
    now = dt.datetime.now().isoformat(timespec="seconds")
    with store.transaction() as conn:
        conn.execute("INSERT INTO meta(key, value) VALUES ('bundle_sequence', ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(sequence),))
        if not organization_ids:
            conn.execute("INSERT INTO meta(key, value) VALUES ('exported_through_seq', ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), excluded.value)",
                         (max_seq,))
        if peer:
            conn.execute("INSERT INTO peers(name, first_seen) VALUES (?, ?) ON CONFLICT(name) DO NOTHING", (peer, now))
            conn.execute("UPDATE peers SET last_sent_seq = max(last_sent_seq, ?) WHERE name = ?", (max_seq, peer))
        conn.execute("INSERT INTO bundle_history(direction, at, peer_name, sequence, file_name, changes, summary) "
                     "VALUES ('sent', ?, ?, ?, ?, ?, ?)",
                     (now, peer or "", sequence, out.name, counts["changes"], json.dumps(counts)))
