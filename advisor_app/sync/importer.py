"""Preview and apply a bundle. Both run the same merge inside one transaction; the preview rolls it
back, the apply commits it with synchronous=FULL after a backup of the database.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from advisor_app.domain.clock import HybridClock, stamp_millis
from advisor_app.i18n import N_, _, ngettext
from advisor_app.progress import Progress, no_progress
from advisor_app.store import backups
from advisor_app.store.attachments import attachment_path
from advisor_app.store.database import Store
from advisor_app.store.merging import follow_merges
from advisor_app.store.repository import Repository, canonical_json, next_own_number
from advisor_app.sync import feed, keys
from advisor_app.sync.errors import BundleError, UntrustedSender
from advisor_app.sync.feed_check import FeedCheck
from advisor_app.sync.merge import Merger, MergeStats
from advisor_app.sync.reader import BundleReader, shown
from advisor_app.sync.sender_text import plain

log = logging.getLogger(__name__)

CLOCK_WARNING_MS = 10 * 60 * 1000  # ahead by more than this is worth a word; a day ahead is refused (merge.py)


@dataclass
class ImportReport:
    """What the preview shows and what the apply did."""

    device: str
    device_name: str
    advisor: str
    created_at: str
    fingerprint: str
    trusted: bool
    sequence: int
    stats: MergeStats
    replayed: bool = False
    applied: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def nothing_new(self) -> bool:
        return self.stats.received == self.stats.already_known


def describe_import(report) -> list[str]:
    """The preview (or result) as lines, shared by the CLI and the GUI. The sender's texts are shown
    without control characters or line breaks: they can neither drive a terminal nor draw lines of their own."""
    stats = report.stats
    try:
        from advisor_app.i18n.formatting import datetime as format_datetime

        made = format_datetime(dt.datetime.fromisoformat(report.created_at).astimezone())
    except ValueError:
        made = plain(report.created_at, 40)
    lines = [
        _("From: {laptop} ({advisor}), made {date}").format(
            laptop=plain(report.device_name) or plain(report.device, 8),
            advisor=plain(report.advisor) or _("advisor not named"), date=made),
        _("Key fingerprint: {fingerprint} ({trust})").format(
            fingerprint=report.fingerprint, trust=_("trusted") if report.trusted else _("not yet trusted")),
    ]
    if report.replayed:
        lines.append(_("This bundle is older than one already received from this laptop: only what is not "
                       "here yet is applied."))
    lines.append(_("Changes: {received} in the bundle, {known} already here").format(
        received=stats.received, known=stats.already_known))
    lines.append(_("Records: {new} new, {changed} changed, {deleted} deleted; conflicts: {conflicts}").format(
        new=stats.new_records, changed=stats.changed_records, deleted=stats.deleted_records,
        conflicts=stats.conflicts))
    if stats.possible_duplicates:
        lines.append(ngettext(
            "{count} pair of people may be one person registered on two laptops; see Possible duplicates.",
            "{count} pairs of people may be one person registered on two laptops; see Possible duplicates.",
            stats.possible_duplicates).format(count=stats.possible_duplicates))
    if report.nothing_new:
        lines.append(_("Everything in this bundle is already here: nothing changes."))
    lines.extend(report.warnings)
    return lines


class _DryRun(Exception):
    """Raised inside the preview's transaction so that everything is rolled back."""


def _peer(store: Store, device: str):
    return store.conn.execute("SELECT id, name, public_key, trusted, last_received_sequence FROM peers "
                              "WHERE device_id = ?", (device,)).fetchone()


def _warnings(stats: MergeStats, manifest: dict) -> list[str]:
    warnings = []
    now_ms = time.time_ns() // 1_000_000
    if stats.newest_stamp and stamp_millis(stats.newest_stamp) > now_ms + CLOCK_WARNING_MS:
        warnings.append(_("The sending laptop's clock is ahead of this one's; the changes are ordered correctly, "
                          "but check the date and time on both laptops."))
    if stats.waiting:
        warnings.append(_("{count} changes wait for earlier ones that did not arrive; they are applied when a "
                          "bundle brings those.").format(count=stats.waiting))
    return warnings


def fingerprint_matches(given: str, fingerprint: str) -> bool:
    """A fingerprint typed or pasted by a person: spaces, dashes and case do not matter."""
    def plain(text: str) -> str:
        return "".join(character for character in text.upper() if character.isalnum())
    return bool(plain(given)) and plain(given) == plain(fingerprint)


def run_import(store: Store, path: Path, passphrase: str | None = None, dry_run: bool = True,
               trust: bool | str = False, progress: Progress = no_progress) -> ImportReport:
    """Preview (``dry_run``) or apply a bundle. Raises ``BundleError`` with one sentence when refused,
    ``UntrustedSender`` when applying from an untrusted laptop without ``trust``. ``trust`` is the
    fingerprint the key must have (as ssh asks), or ``True`` once a person compared it on screen.
    ``progress`` is told each step and count; when it raises ``Cancelled`` the transaction is rolled
    back and the attached files this import copied are removed: nothing of the bundle stays."""
    path = Path(path)
    progress(N_("Opening and checking the bundle"))
    with BundleReader(path, passphrase) as reader:
        manifest = reader.manifest
        device = manifest["device"]
        if device == store.device_id:
            raise BundleError(_("This bundle was made on this laptop; import it on another one."))
        known = _peer(store, device)
        bound = store.conn.execute("SELECT public_key FROM feeds WHERE device = ?", (device,)).fetchone()
        if (known and known[2] != manifest["public_key"]) or (bound and bound[0] != manifest["public_key"]):
            raise BundleError(_("This bundle claims to come from {name} but is signed with a different key than "
                                "before; it was refused.").format(
                                    name=shown(known[1], 80) if known else device[:8]))
        trusted = bool(known and known[3])
        report = ImportReport(device, manifest["device_name"], manifest["advisor"], manifest["created_at"],
                              keys.fingerprint(manifest["public_key"]), trusted, manifest["sequence"], MergeStats())
        if isinstance(trust, str) and not fingerprint_matches(trust, report.fingerprint):
            raise BundleError(_("The fingerprint given does not match the key of the sending laptop ({fingerprint}); "
                                "nothing was imported.").format(fingerprint=report.fingerprint))
        if not trusted and not trust and not dry_run:
            raise UntrustedSender(_("This bundle comes from a laptop not yet trusted ({name}, key {fingerprint})."
                                    ).format(name=shown(manifest["device_name"] or device, 80),
                                             fingerprint=report.fingerprint),
                                  manifest["device_name"], report.fingerprint)
        # An older bundle than one already received: its changes are usually all here already (a replay
        # applies nothing), but a partial bundle carried out of order still brings what is missing.
        report.replayed = bool(known and known[4] >= manifest["sequence"])
        if report.replayed and not dry_run:
            report.stats = _merge(store, reader, manifest, path, dry_run=True, progress=progress)
            if report.nothing_new:
                log.info("Bundle %d from laptop %s already imported; nothing applied", report.sequence, device[:8])
                return report
        if not dry_run:
            progress(N_("Making a backup of the data file"))
            backups.before_import(store.conn, store.path, key=store.key)
        report.stats = _merge(store, reader, manifest, path, dry_run=dry_run, progress=progress)
        report.warnings = _warnings(report.stats, manifest)
        report.applied = not dry_run
        report.trusted = trusted or bool(trust)
        _log_import(report)
        return report


def _log_import(report: ImportReport) -> None:
    """Counts and the sender's short device id only: names and values stay out of the log."""
    stats = report.stats
    log.info("Bundle %d from laptop %s %s: %d received, %d already known, %d new, %d updated, %d deleted, "
             "%d conflicts, %d waiting", report.sequence, report.device[:8],
             "imported" if report.applied else "previewed", stats.received, stats.already_known,
             stats.new_records, stats.changed_records, stats.deleted_records, stats.conflicts, stats.waiting)


@contextmanager
def _collector_paused():
    """A merge makes and drops millions of small objects without cycles; Python's cyclic collector, run
    after every few hundred of them, would walk the long-lived ones again and again (a tenth of an import's
    time). It runs again as usual afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _counted(lines, manifest: dict, progress: Progress):
    """The bundle's lines, telling ``progress`` how many entries (not digests) have gone by."""
    declared = manifest.get("counts", {}).get("changes") if isinstance(manifest.get("counts"), dict) else None
    total = declared if isinstance(declared, int) and declared >= 0 else None
    done = 0
    progress(N_("Applying the changes"), 0, total)
    for number, item in lines:
        done += "x" not in item
        if number % 500 == 0:
            progress(N_("Applying the changes"), done if total is None else min(done, total), total)
        yield number, item
    progress(N_("Applying the changes"), done if total is None else min(done, total), total)


_MAX_DEFERRAL_PASSES = 8  # each pass reads the bundle again; a chain of references longer than this is refused


class _Deferral(Exception):
    """Records this bundle wrote point to records that an origin waiting for its own bundle made."""

    def __init__(self, records: set[tuple[str, str]]):
        super().__init__()
        self.records = records


def _merge(store: Store, reader: BundleReader, manifest: dict, path: Path, dry_run: bool,
           progress: Progress = no_progress) -> MergeStats:
    """The merge, applied again without the records that depend on a waiting origin when there are some:
    an honest relay is never refused because one laptop's entries must wait for that laptop."""
    deferred: frozenset[tuple[str, str]] = frozenset()
    for _pass in range(_MAX_DEFERRAL_PASSES):
        try:
            return _merge_once(store, reader, manifest, path, dry_run, progress, deferred)
        except _Deferral as deferral:
            deferred = deferred | deferral.records
    raise BundleError(_("This bundle refers to records that neither it nor this laptop holds; ask the "
                        "sending laptop for a bundle of everything."))


def _merge_once(store: Store, reader: BundleReader, manifest: dict, path: Path, dry_run: bool,
                progress: Progress, deferred: frozenset[tuple[str, str]]) -> MergeStats:
    """The merge in one transaction: committed durably, or rolled back for a preview."""
    clock_before = HybridClock(store.clock.wall, store.clock.millis, store.clock.counter)
    added: list[Path] = []
    try:
        with _collector_paused(), store.bulk_cache(), store.transaction(durable=not dry_run) as conn:
            (seq_before,) = conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()
            check = FeedCheck(conn, store.device_id, manifest)
            merger = Merger(conn, store.clock, check, deferred)
            stats = merger.apply_lines(_counted(reader.raw_changes(), manifest, progress))
            _advance_feeds(conn, check)
            if merger.data_arrived:
                _write_knowledge(store, conn)
                # After the knowledge entry: what it writes saw everything this bundle brought.
                follow_merges(Repository(store))
            missing = merger.missing_references()
            if missing and check.waited and not missing <= deferred:
                raise _Deferral(missing)
            if missing:
                raise BundleError(_("This bundle refers to records that neither it nor this laptop holds; ask the "
                                    "sending laptop for a bundle of everything."))
            stats.possible_duplicates = _possible_duplicates(conn, seq_before)
            if not dry_run:  # a preview leaves no files behind either
                _store_attachments(store, reader, added, progress)
            _remember_sender(store, manifest, path, stats)
            if dry_run:
                raise _DryRun
            progress(N_("Saving the changes"), 0, 1)  # the last moment Cancel can stop it
    except _DryRun:
        store.clock.millis, store.clock.counter = clock_before.millis, clock_before.counter
    except BaseException:
        store.clock.millis, store.clock.counter = clock_before.millis, clock_before.counter
        for copied in added:  # files no committed row names
            copied.unlink(missing_ok=True)
        raise
    return stats


def _possible_duplicates(conn, seq_before: int) -> int:
    """Pairs of people who may be one person, one of them written by this bundle: two advisors who
    registered the same person on two laptops meet here."""
    from advisor_app.store.duplicates import possible_duplicates

    brought = {row[0] for row in conn.execute(
        "SELECT DISTINCT row_id FROM change_log WHERE seq > ? AND table_name = 'people'", (seq_before,))}
    return len(possible_duplicates(conn, brought)) if brought else 0


def _advance_feeds(conn, check: FeedCheck) -> None:
    """Each origin's chain as far as this bundle proved it, and how much of it is now held in full."""
    for device, key, verified, chain, signature in check.finish():
        conn.execute("INSERT INTO feeds(device, public_key, verified, chain, head_signature) VALUES (?, ?, ?, ?, ?) "
                     "ON CONFLICT(device) DO UPDATE SET public_key = excluded.public_key, verified = excluded.verified, "
                     "chain = excluded.chain, head_signature = excluded.head_signature",
                     (device, key, verified, chain, signature))
    for device, state in check.origins.items():
        row = conn.execute("SELECT verified, complete FROM feeds WHERE device = ?", (device,)).fetchone()
        if row is None or row[1] >= row[0]:
            continue
        (gap,) = conn.execute("SELECT min(origin_seq) FROM change_log WHERE device = ? AND origin_seq > ? "
                              "AND fields IS NULL", (device, row[1])).fetchone()
        conn.execute("UPDATE feeds SET complete = ? WHERE device = ?", (row[0] if gap is None else gap - 1, device))


def _write_knowledge(store: Store, conn) -> None:
    """An entry in this laptop's own feed saying what it holds now of every other feed: the edits it
    makes from here on saw exactly that, which is how every laptop tells a conflict from an overwrite
    (sync/merge.py). Written only when data arrived, so two laptops never answer each other's."""
    have = feed.local_have(conn, store.device_id)
    have.pop(store.device_id, None)
    held = feed.have_to_json(have)
    fields = canonical_json({"have": held})
    seq = next_own_number(conn, store.device_id)
    conn.execute("INSERT INTO change_log(device, origin_seq, table_name, row_id, fields, hlc) VALUES (?, ?, ?, ?, ?, ?)",
                 (store.device_id, seq, feed.KNOWLEDGE, store.device_id, fields, store.clock.now()))
    conn.execute("INSERT INTO knowledge(device, after_seq, have) VALUES (?, ?, ?)",
                 (store.device_id, seq, canonical_json(held)))


def _store_attachments(store: Store, reader: BundleReader, added: list[Path],
                       progress: Progress = no_progress) -> None:
    """Each attached file copied beside the data file; ``added`` lists those this import put there."""
    names = reader.attachment_names()
    for number, name in enumerate(names):
        progress(N_("Copying the attached files"), number, len(names))
        sha = name.rsplit("/", 1)[1]
        target = attachment_path(store, sha)  # refuses any name that is not a digest
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(sha + ".partial")
        reader.copy_attachment(name, partial)
        with partial.open("rb") as handle:
            if hashlib.file_digest(handle, "sha256").hexdigest() != sha:
                partial.unlink()
                raise BundleError(_("The bundle is damaged: a checksum does not match."))
        partial.replace(target)
        added.append(target)


def _remember_sender(store: Store, manifest: dict, path: Path, stats: MergeStats) -> None:
    """The sender, known by its device id and key (its name is a label), what it holds, and the history."""
    conn = store.conn
    now = dt.datetime.now().isoformat(timespec="seconds")
    device = manifest["device"]
    name = manifest["device_name"] or device[:8]
    row = conn.execute("SELECT id, have, last_received_sequence FROM peers WHERE device_id = ?", (device,)).fetchone()
    previous = (feed.have_from_json(json.loads(row[1])) if row and row[1] else None) or {}
    have = json.dumps(feed.have_to_json(feed.union(previous, manifest["have"])), sort_keys=True)
    if row is None:
        conn.execute("INSERT INTO peers(device_id, name, advisor, public_key, trusted, last_received_sequence, have, "
                     "first_seen) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
                     (device, name, manifest["advisor"], manifest["public_key"], manifest["sequence"], have, now))
    else:
        newer = manifest["sequence"] > row[2]
        conn.execute("UPDATE peers SET name = CASE WHEN ? THEN ? ELSE name END, "
                     "advisor = CASE WHEN ? THEN ? ELSE advisor END, trusted = 1, have = ?, "
                     "last_received_sequence = max(last_received_sequence, ?) WHERE id = ?",
                     (newer, name, newer, manifest["advisor"], have, manifest["sequence"], row[0]))
    conn.execute("INSERT INTO feeds(device, public_key) VALUES (?, ?) ON CONFLICT(device) DO NOTHING",
                 (device, manifest["public_key"]))
    if stats.newest_stamp:
        conn.execute("INSERT INTO meta(key, value) VALUES ('newest_received_stamp', ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = max(value, excluded.value)", (stats.newest_stamp,))
    conn.execute("INSERT INTO bundle_history(direction, at, peer_device, peer_name, advisor, sequence, file_name, "
                 "changes, summary) VALUES ('received', ?, ?, ?, ?, ?, ?, ?, ?)",
                 (now, device, manifest["device_name"], manifest["advisor"], manifest["sequence"], path.name,
                  stats.received - stats.already_known, json.dumps(stats.as_dict())))
