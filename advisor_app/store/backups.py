"""Copies of the data file made with SQLite's backup API (never a file copy of a live database).

Backups live in a ``backups`` folder beside the data file: one per day (the newest few kept) and one
before each migration. A damaged file is renamed aside, never overwritten. A file protected by a
passphrase has backups encrypted with the same data key (store/cipher.py): they open with the file's
passphrase or recovery key, whatever passphrase it has since.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
from pathlib import Path

from advisor_app.store import cipher, identity
from advisor_app.store.cipher import DATABASE_ERRORS
from advisor_app.store.schema import APPLICATION_ID

DAILY_KEPT = 7

log = logging.getLogger(__name__)


def folder_for(path: Path) -> Path:
    return path.parent / "backups"


def copy_database(source: sqlite3.Connection, target: Path, key: bytes | None = None) -> Path:
    """Consistent snapshot of ``source`` written to ``target`` through a temporary name; ``key`` is the
    source's data key (None when plain), and the copy is encrypted with it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    destination = cipher.connect(partial, key)
    try:
        source.backup(destination)
        # A copy opened as a data file is another laptop from then on (store/identity.py).
        identity.mark_copy(destination)
        # A copy of a WAL file is WAL too; one self-contained file needs no -wal/-shm beside it.
        destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        destination.close()
    partial.replace(target)
    return target


def _unused(folder: Path, stem: str, suffix: str = ".sqlite3") -> Path:
    """``stem + suffix`` in ``folder``, or ``stem-2``, ``stem-3``… when taken (two in one second)."""
    candidate, number = folder / f"{stem}{suffix}", 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}{suffix}"
    return candidate


def before_migration(conn: sqlite3.Connection, path: Path, version: int, key: bytes | None = None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = copy_database(conn, _unused(folder_for(path), f"{path.stem}-before-migration-v{version}-{stamp}"), key)
    log.info("Backup %s taken before migrating from schema version %d", target.name, version)
    return target


def before_import(conn: sqlite3.Connection, path: Path, kept: int = 10, key: bytes | None = None) -> Path:
    """A copy taken before every bundle import; the newest ``kept`` stay."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = folder_for(path)
    folder.mkdir(parents=True, exist_ok=True)
    target = copy_database(conn, _unused(folder, f"{path.stem}-before-import-{stamp}"), key)
    taken = sorted(folder.glob(f"{path.stem}-before-import-*.sqlite3"), key=lambda item: item.stat().st_mtime_ns)
    for old in taken[:-kept]:
        old.unlink()
    log.info("Backup %s taken before an import; %d older removed", target.name, len(taken[:-kept]))
    return target


def daily(conn: sqlite3.Connection, path: Path, today: dt.date | None = None, key: bytes | None = None) -> Path | None:
    """Take today's backup if there is none yet, and keep only the newest ``DAILY_KEPT``."""
    today = today or dt.date.today()
    folder = folder_for(path)
    target = folder / f"{path.stem}-daily-{today.isoformat()}.sqlite3"
    if target.exists():
        return None
    copy_database(conn, target, key)
    removed = sorted(folder.glob(f"{path.stem}-daily-*.sqlite3"))[:-DAILY_KEPT]
    for old in removed:
        old.unlink()
    log.info("Daily backup %s taken; %d older removed", target.name, len(removed))
    return target


def _key_for(candidate: Path, key: bytes | None) -> bytes | None:
    """A copy is read with the file's data key when it is encrypted, as a plain file otherwise."""
    return key if cipher.is_encrypted(candidate) else None


def is_sound(candidate: Path, key: bytes | None = None) -> bool:
    """Passes the integrity check and is a data file of ours (an empty file would restore nothing)."""
    try:
        conn = cipher.connect(f"{candidate.resolve().as_uri()}?mode=ro", _key_for(candidate, key), uri=True)
        try:
            return (conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                    and conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID)
        finally:
            conn.close()
    except DATABASE_ERRORS:
        return False


def newest_sound_backup(path: Path, key: bytes | None = None) -> Path | None:
    """The most recent backup of this data file that passes the integrity check (read with ``key``, the
    file's data key, when the backup is encrypted)."""
    # By exact name: "advisor-old.sqlite3" beside "advisor.sqlite3" has backups of its own.
    own = re.compile(rf"{re.escape(path.stem)}-(daily-\d{{4}}-\d{{2}}-\d{{2}}|before-migration-v\d+-\d{{8}}-\d{{6}}(-\d+)?"
                     r"|before-import-\d{8}-\d{6}(-\d+)?)"
                     r"\.sqlite3")
    candidates = sorted((item for item in folder_for(path).glob(f"{path.stem}-*.sqlite3") if own.fullmatch(item.name)),
                        key=lambda item: item.stat().st_mtime, reverse=True)
    return next((candidate for candidate in candidates if is_sound(candidate, key)), None)


def set_aside(path: Path) -> Path:
    """Rename a damaged file (and its WAL companions) out of the way; returns its new name."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while any(aside.with_name(aside.name + suffix).exists() for suffix in ("", "-wal", "-shm")):
        number += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    path.replace(aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(aside.with_name(aside.name + suffix))
    log.warning("Damaged data file %s set aside as %s", path.name, aside.name)
    return aside


def restore(backup: Path, path: Path, key: bytes | None = None) -> None:
    """Write a backup's content to ``path`` (which must not exist) through the backup API; an encrypted
    backup is read with ``key`` and stays encrypted with it."""
    backup_key = _key_for(backup, key)
    source = cipher.connect(f"{backup.resolve().as_uri()}?mode=ro", backup_key, uri=True)
    try:
        copy_database(source, path, backup_key)
    finally:
        source.close()
    log.info("Backup %s restored as %s", backup.name, path.name)
