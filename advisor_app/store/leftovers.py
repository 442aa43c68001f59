"""Files a killed process leaves behind, removed when a data file is next opened.

Writing a file under a temporary name and renaming it when complete means a process killed halfway
leaves the temporary file: an attachment being copied in (a plaintext scan, inside the data folder)
or, from versions before bundles were decrypted in memory, a whole decrypted bundle in the system's
temporary folder (``advisor-bundle-*``). So does a plaintext copy of an attachment made for the system's
viewer (``advisor-view-*``, store/viewer_copies.py) when the app did not exit normally, and a bundle
export's partial file beside its target (its path is recorded in the data file while it is written,
sync/export.py). Only files left alone for a while are removed: another
process may be writing one of them at this moment (the window and the command line can use one data
file at the same time), and a file being written is touched by every write.

A conversion's copy (``.converting``, store/protection.py) is removed at once: a conversion needs the
data file closed, so none is running while the file is being opened, and after a killed decryption the
copy is plaintext. So is a key file beside a plain data file: a conversion stopped short of the rename
(protection) or after it (removing the protection) left it, and it opens nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

STALE_AFTER_SECONDS = 15 * 60
LEGACY_BUNDLE_PREFIX = "advisor-bundle-"
VIEWER_COPY_PREFIX = "advisor-view-"
# A meta row per bundle export being written: its key is this prefix and a unique part, its value the path.
EXPORT_PARTIAL_META = "export_partial:"


def _stale(path: Path, now: float) -> bool:
    try:
        status = path.lstat()
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    return mine and now - status.st_mtime > STALE_AFTER_SECONDS


def remove_leftovers(data_file: Path, now: float | None = None) -> int:
    """Remove stale partial attachments beside ``data_file``, and stale decrypted bundles of older
    versions and viewer copies in the system's temporary folder; how many were removed. Never raises: a leftover that
    cannot be removed now is tried again at the next start."""
    now = time.time() if now is None else now
    removed = _remove_conversion_leftovers(data_file)
    candidates: list[Path] = []
    try:
        candidates += (data_file.parent / "attachments").glob("*.partial")
        candidates += [Path(entry.path) for entry in os.scandir(tempfile.gettempdir())
                       if entry.name.startswith((LEGACY_BUNDLE_PREFIX, VIEWER_COPY_PREFIX))]
    except OSError:
        pass
    for path in candidates:
        if not _stale(path, now):
            continue
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
        except OSError:
            continue
    return removed


def _remove_conversion_leftovers(data_file: Path) -> int:
    from advisor_app.store import cipher
    from advisor_app.store.protection import CONVERTING_SUFFIX

    leftovers = [data_file.with_name(data_file.name + CONVERTING_SUFFIX)]
    leftovers += data_file.parent.joinpath("backups").glob("*" + CONVERTING_SUFFIX)
    key_file = cipher.key_file_for(data_file)
    if key_file.exists() and data_file.exists() and data_file.stat().st_size and not cipher.is_encrypted(data_file):
        leftovers.append(key_file)
    removed = 0
    for path in leftovers:
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
        except OSError:
            continue
    return removed


def remove_export_partials(conn, now: float | None = None) -> int:
    """Remove the stale partial files of bundle exports that a killed process left (recorded in ``meta``),
    and forget those that are gone; how many were removed. Never raises for the disk."""
    now = time.time() if now is None else now
    removed = 0
    rows = conn.execute("SELECT key, value FROM meta WHERE key LIKE ?", (EXPORT_PARTIAL_META + "%",)).fetchall()
    for key, value in rows:
        path = Path(value)
        try:
            if path.exists() and not _stale(path, now):
                continue  # another process is writing it now
            if path.exists():
                path.unlink()
                removed += 1
        except OSError:
            continue
        conn.execute("DELETE FROM meta WHERE key = ?", (key,))
    return removed
