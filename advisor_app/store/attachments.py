"""Files attached to records (a scan of signed pages, a photo), kept by their SHA-256 beside the database.

The row in ``attachments`` syncs like any record and the file travels in the bundle under its hash, so
two laptops that attach the same scan store it once.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import sqlite3
from pathlib import Path

from advisor_app.domain.records import is_sha256
from advisor_app.i18n import _
from advisor_app.store.database import Store, records
from advisor_app.store.errors import StoreError
from advisor_app.store.repository import Repository

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


def attachments_folder(store: Store) -> Path:
    return store.path.parent / "attachments"


def attachment_path(store: Store, sha256: str) -> Path:
    """Where the file named by ``sha256`` is kept; refused unless the name is a digest, so that a row
    received from another laptop can never point outside the attachments folder."""
    if not is_sha256(sha256):
        raise StoreError(_("This attachment does not name its file by a valid content hash; it cannot be used."))
    return attachments_folder(store) / sha256


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def verified_attachment(store: Store, sha256: str) -> Path:
    """The file of an attachment, checked against its name before it is opened or sent anywhere."""
    path = attachment_path(store, sha256)
    try:
        matches = file_digest(path) == sha256
    except FileNotFoundError:
        raise StoreError(_("The file of this attachment is not on this laptop; it did not come with the "
                           "bundles received so far.")) from None
    except OSError as error:
        raise StoreError(_("The file of this attachment cannot be read: {reason}.").format(
            reason=error.strerror or error)) from None
    if not matches:
        raise StoreError(_("The file of this attachment is damaged on this laptop (its content no longer "
                           "matches it); attach it again from the original."))
    return path


def attach_file(repository: Repository, table: str, record_id: str, source: Path) -> str:
    """Copy ``source`` in under its hash (atomically, once) and record it against the row; the attachment's id."""
    source = Path(source)
    try:
        size = source.stat().st_size
        if not source.is_file():
            raise OSError
    except OSError:
        raise StoreError(_("The file {name} cannot be read.").format(name=source.name)) from None
    if size > MAX_ATTACHMENT_BYTES:
        raise StoreError(_("The file {name} is larger than 200 MB; scan the pages at a lower resolution.").format(
            name=source.name))
    try:
        with source.open("rb") as handle:
            sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
        target = attachment_path(repository.store, sha256)
        # A stored copy that no longer matches its name is replaced: attaching the original repairs it.
        if not target.exists() or file_digest(target) != sha256:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(sha256 + ".partial")
            shutil.copyfile(source, partial)
            with partial.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, target)
    except OSError as error:
        raise StoreError(_("The file {name} could not be copied: {reason}").format(
            name=source.name, reason=error.strerror or error)) from None
    media_type = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return repository.insert("attachments", {"sha256": sha256, "file_name": source.name, "media_type": media_type,
                                             "size": size, "table_name": table, "record_id": record_id})


def attachments_of(conn: sqlite3.Connection, record_id: str) -> list[dict]:
    return records(conn.execute(
        "SELECT id, sha256, file_name, media_type, size, created_at FROM attachments "
        "WHERE record_id = ? AND deleted = 0 ORDER BY created_at, id", (record_id,)))
