"""Protecting a data file with a passphrase, taking the protection off, changing the passphrase.

A conversion writes a whole new file beside the old one (SQLCipher's ``sqlcipher_export``), checks it
(integrity, the same rows in every table), flushes it to disk and only then renames it over the old
file: a power cut leaves the original or the converted file whole, never neither. The key file is
written before the rename and removed after it, so a file that reads as plain ignores a key file left
beside it (store/database.py removes it). A half-written ``.converting`` file is removed at the next
start (store/leftovers.py), at once: after a killed decryption it is a plaintext copy.

Every backup is converted the same way, so no plain copy stays behind and each backup opens with
the file's key. The data file must be closed while it is converted.

The attachment files are converted too (store/attachment_files.py), each in one rename, so each is
whole plain or whole sealed and both read. Protecting seals them after the rename: their key comes
from the data key, and any file a killed conversion left plain is sealed at the next open. Taking the
protection off decrypts them first, while the data file is still protected: if it stops there, the
next open seals them again, and no sealed file ever outlives its key.
"""

from __future__ import annotations

import os
from pathlib import Path

from advisor_app.i18n import _
from advisor_app.store import attachment_files, backups, cipher
from advisor_app.store.cipher import DATABASE_ERRORS
from advisor_app.store.errors import StoreError
from advisor_app.store.recovery_key import encode_recovery_key
from advisor_app.store.schema import APPLICATION_ID

MIN_PASSPHRASE = 8
CONVERTING_SUFFIX = ".converting"


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise StoreError(_("The passphrase needs at least {count} characters.").format(count=MIN_PASSPHRASE))


def protect(path: Path, passphrase: str) -> str:
    """Encrypt the plain data file at ``path`` (closed) and its backups under a new data key sealed by
    ``passphrase``; returns the recovery key, to be shown once."""
    path = Path(path)
    check_new_passphrase(passphrase)
    if cipher.is_encrypted(path):
        raise StoreError(_("The data file {path} is already protected by a passphrase.").format(path=path))
    if not path.exists():
        raise StoreError(_("The data file {path} does not exist.").format(path=path))
    key = cipher.new_data_key()
    converted = _converted_copy(path, None, key)
    # The key file first: once the encrypted file is in place, its key must already be on disk.
    cipher.write_key_file(path, cipher.seal(key, passphrase))
    _replace(converted, path)
    # Never raises for the disk: the file is protected now, and the next open seals what is left plain.
    attachment_files.finish_encryption(path, key)
    _convert_backups(path, None, key)
    return encode_recovery_key(key)


def unprotect(path: Path, key: bytes) -> None:
    """Decrypt the attached files, then the data file at ``path`` (closed) and its backups; the key file
    goes last."""
    path = Path(path)
    if not cipher.is_encrypted(path):
        raise StoreError(_("The data file {path} is not protected by a passphrase.").format(path=path))
    try:
        attachment_files.decrypt_folder(path, attachment_files.attachment_key(key))
        converted = _converted_copy(path, key, None)
    except OSError as error:
        attachment_files.finish_encryption(path, key)
        raise StoreError(_("The attached files could not be decrypted: {reason}.").format(
            reason=error.strerror or error)) from None
    except BaseException:
        attachment_files.finish_encryption(path, key)  # the file stays protected: so do its attachments
        raise
    _replace(converted, path)
    _convert_backups(path, key, None)
    cipher.key_file_for(path).unlink(missing_ok=True)


def change_passphrase(path: Path, key: bytes, new_passphrase: str) -> None:
    """Seal the same data key under ``new_passphrase``: backups and the recovery key keep working."""
    check_new_passphrase(new_passphrase)
    if not cipher.key_opens(path, key):
        raise StoreError(_("The passphrase is not right for this data file."))
    cipher.write_key_file(Path(path), cipher.seal(key, new_passphrase))


def _converted_copy(source: Path, source_key: bytes | None, target_key: bytes | None) -> Path:
    """``source`` written out under ``target_key`` (None: plain) to a ``.converting`` file, checked."""
    import sqlcipher3

    target = source.with_name(source.name + CONVERTING_SUFFIX)
    target.unlink(missing_ok=True)
    try:
        conn = sqlcipher3.connect(str(source), isolation_level=None)
        try:
            if source_key is not None:
                cipher.apply_key(conn, source_key)
            # One self-contained file: what the write-ahead log holds goes into the file first, and no
            # log of the old file may stay beside the new one.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode = DELETE")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            target_clause = f"\"x'{target_key.hex()}'\"" if target_key is not None else "''"
            conn.execute(f"ATTACH DATABASE ? AS converted KEY {target_clause}", (str(target),))
            conn.execute("SELECT sqlcipher_export('converted')")
            conn.execute(f"PRAGMA converted.user_version = {int(version)}")
            conn.execute(f"PRAGMA converted.application_id = {APPLICATION_ID}")
            _check_same_rows(conn)
            conn.execute("DETACH DATABASE converted")
        finally:
            conn.close()
        with target.open("rb+") as handle:
            os.fsync(handle.fileno())
    except DATABASE_ERRORS as error:
        target.unlink(missing_ok=True)
        raise StoreError(_("The data file {path} could not be converted: {reason}.").format(
            path=source, reason=error)) from None
    except OSError as error:
        target.unlink(missing_ok=True)
        raise StoreError(_("The data file {path} could not be converted: {reason}.").format(
            path=source, reason=error.strerror or error)) from None
    return target


def _check_same_rows(conn) -> None:
    """The converted copy is sound and holds every row of every table of the original."""
    if conn.execute("PRAGMA converted.integrity_check").fetchone()[0] != "ok":
        raise StoreError(_("The converted copy failed its integrity check; the data file was left as it was."))
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND rootpage > 0 AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        original = conn.execute(f"SELECT count(*) FROM main.{quoted}").fetchone()[0]
        copied = conn.execute(f"SELECT count(*) FROM converted.{quoted}").fetchone()[0]
        if original != copied:
            raise StoreError(_("The converted copy is missing rows; the data file was left as it was."))


def _replace(converted: Path, path: Path) -> None:
    """The converted file takes the original's name in one rename; no log of the old file stays."""
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(converted, path)
    cipher.sync_folder(path.parent)


def _convert_backups(path: Path, source_key: bytes | None, target_key: bytes | None) -> None:
    """Each backup of ``path`` that is not yet in the target state, converted in place the same way."""
    folder = backups.folder_for(path)
    if not folder.is_dir():
        return
    for backup in sorted(folder.glob("*.sqlite3")):
        if cipher.is_encrypted(backup) == (target_key is not None):
            continue
        converted = _converted_copy(backup, source_key, target_key)
        _replace(converted, backup)
    for partial in folder.glob("*.partial"):
        partial.unlink(missing_ok=True)
