"""Files attached to records (a scan of signed pages, a photo), kept by their SHA-256 beside the database.

The row in ``attachments`` syncs like any record and the file travels in the bundle under its hash, so
two laptops that attach the same scan store it once. When the data file is protected the files are
sealed (store/attachment_files.py): read them with ``read_attachment``, never through the path.
"""

from __future__ import annotations

import hashlib
import mimetypes
import sqlite3
from pathlib import Path

from advisor_app.domain.records import is_sha256
from advisor_app.i18n import _
from advisor_app.store import attachment_files
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


def _damaged() -> StoreError:
    return StoreError(_("The file of this attachment is damaged on this laptop (its content no longer "
                        "matches it); attach it again from the original."))


def read_attachment(store: Store, sha256: str) -> bytes:
    """The content of an attachment, decrypted if sealed and checked against its name before it is
    opened or sent anywhere. Every reader goes through here (or ``attachment_files.load``), never the path."""
    path = attachment_path(store, sha256)
    try:
        return attachment_files.load(path, sha256, attachment_files.attachment_key(store.key))
    except FileNotFoundError:
        raise StoreError(_("The file of this attachment is not on this laptop; it did not come with the "
                           "bundles received so far.")) from None
    except OSError as error:
        raise StoreError(_("The file of this attachment cannot be read: {reason}.").format(
            reason=error.strerror or error)) from None
    except attachment_files.DamagedAttachment:
        raise _damaged() from None


def store_attachment_bytes(store: Store, sha256: str, content: bytes) -> Path:
    """Keep ``content`` (whose digest the caller has checked is ``sha256``) under its name, sealed when the
    data file is protected; written whole or not at all. ``OSError`` passes through."""
    target = attachment_path(store, sha256)
    key = attachment_files.attachment_key(store.key)
    target.parent.mkdir(parents=True, exist_ok=True)
    attachment_files.write_whole(target, content if key is None else attachment_files.seal(key, sha256, content))
    return target


def _already_kept(store: Store, sha256: str) -> bool:
    """A stored copy that reads back as the content, sealed if it must be: one that no longer matches its
    name is replaced, so attaching the original repairs it."""
    target = attachment_path(store, sha256)
    key = attachment_files.attachment_key(store.key)
    try:
        attachment_files.load(target, sha256, key)
        return key is None or attachment_files.is_sealed(target)
    except (OSError, attachment_files.DamagedAttachment):
        return False


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
        content = source.read_bytes()
        size = len(content)
        sha256 = hashlib.sha256(content).hexdigest()
        if not _already_kept(repository.store, sha256):
            store_attachment_bytes(repository.store, sha256, content)
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
