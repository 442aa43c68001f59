"""A data file protected by a passphrase: SQLCipher pages under a random data key, kept wrapped beside it.

The data file is encrypted with a random 256-bit *data key* given to SQLCipher as a raw key, so opening
another connection (a worker, a backup) costs no key derivation. The key is kept in a small *key file*
beside the data file (``advisor.sqlite3.keys``), sealed with AES-GCM under a key derived from the
passphrase by scrypt. Changing the passphrase seals the same data key again: the backups, made with
that key, keep opening. The *recovery key* printed at setup is the data key itself, written in groups of
characters with a check character per group (store/recovery_key.py): it opens the file even when the
passphrase is forgotten or the key file is lost.

A plain data file opens with Python's own ``sqlite3``, exactly as before protection existed.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import sqlite3
from pathlib import Path

import sqlcipher3

from advisor_app.i18n import _
from advisor_app.store.errors import StoreError

# Errors of both drivers: code that catches a database error catches either.
DATABASE_ERRORS = (sqlite3.Error, sqlcipher3.dbapi2.Error)
OPERATIONAL_ERRORS = (sqlite3.OperationalError, sqlcipher3.dbapi2.OperationalError)
PLAIN_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32
KEY_FILE_SUFFIX = ".keys"
KEY_FILE_FORMAT = "community-advisor-data-key"
# About a fifth of a second and 64 MB on a field laptop: slow enough to make guessing expensive.
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 16, 8, 1
_SEAL_CONTEXT = b"community-advisor data key v1"
# The page cache of the window's connection to an encrypted file. A plain file's pages come back from the
# system's file cache for the price of a copy; an encrypted file's are checked and decrypted again at every
# read that misses SQLite's own cache, so that cache holds what the system's would. It grows only with what
# is read (benchmarks/bench_encrypted.py: the home page and the competency map at 100,000 people, 2x plain
# with 8 MiB, as fast as plain with this).
ENCRYPTED_CACHE_KIB = 256 * 1024


class PassphraseNeeded(StoreError):
    """The file is encrypted and no passphrase (or recovery key) was given."""


class WrongPassphrase(StoreError):
    """The passphrase does not open this file's key."""


class NotProtected(StoreError):
    """A passphrase was given for a file that has none."""


class KeyFileMissing(StoreError):
    """The file is encrypted but its key file is gone: only the recovery key opens it."""


def is_encrypted(path: Path) -> bool:
    """A file that does not start as a plain SQLite file does and is whole pages long (or has its key file
    beside it): any other file is simply not a data file."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(len(PLAIN_HEADER))
        size = path.stat().st_size
    except (FileNotFoundError, IsADirectoryError):
        return False
    if not head or head == PLAIN_HEADER:
        return False
    return size % 512 == 0 or key_file_for(path).exists()


def key_file_for(path: Path) -> Path:
    return path.with_name(path.name + KEY_FILE_SUFFIX)


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def connect(path: Path | str, key: bytes | None, **options):
    """A connection to ``path``: Python's sqlite3 for a plain file, SQLCipher keyed with ``key`` otherwise.
    ``path`` may be a ``file:`` URI when ``uri=True`` is among the options."""
    if key is None:
        return sqlite3.connect(path, **options)
    conn = sqlcipher3.connect(str(path), **options)
    # SQLCipher writes each failed page check to the error output; a key tried and refused (a recovery
    # key of another file) is an answer here, not an error for the terminal.
    conn.execute("PRAGMA cipher_log_level = NONE")
    apply_key(conn, key)
    return conn


def apply_key(conn, key: bytes, schema: str = "main") -> None:
    """The raw key, given before anything else is read; the wrong key fails at the first read."""
    conn.execute(f"PRAGMA {schema}.key = \"x'{key.hex()}'\"")


def _kdf(salt: bytes, log2_n: int, r: int, p: int):
    # cryptography is imported when a key is sealed or unsealed, not when a plain file opens (start-up time).
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=KEY_BYTES, n=2 ** log2_n, r=r, p=p)


def seal(data_key: bytes, passphrase: str) -> dict:
    """The key file's content: ``data_key`` sealed under ``passphrase``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapping = _kdf(salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P).derive(passphrase.encode("utf-8"))
    sealed = AESGCM(wrapping).encrypt(nonce, data_key, _SEAL_CONTEXT)
    encode = base64.b64encode
    return {"format": KEY_FILE_FORMAT, "version": 1,
            "kdf": {"name": "scrypt", "log2_n": SCRYPT_LOG2_N, "r": SCRYPT_R, "p": SCRYPT_P,
                    "salt": encode(salt).decode()},
            "nonce": encode(nonce).decode(), "sealed_key": encode(sealed).decode()}


def unseal(content: dict, passphrase: str, path: Path) -> bytes:
    """The data key, or ``WrongPassphrase``; a key file that is not ours is named as such."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        kdf = content["kdf"]
        decode = base64.b64decode
        if content.get("format") != KEY_FILE_FORMAT or kdf["name"] != "scrypt" or not 10 <= kdf["log2_n"] <= 22:
            raise ValueError
        wrapping = _kdf(decode(kdf["salt"]), kdf["log2_n"], kdf["r"], kdf["p"]).derive(passphrase.encode("utf-8"))
        nonce, sealed = decode(content["nonce"]), decode(content["sealed_key"])
    except (KeyError, TypeError, ValueError):
        raise StoreError(_("The key file {path} is damaged; open the data file with its recovery key.").format(
            path=key_file_for(path))) from None
    try:
        return AESGCM(wrapping).decrypt(nonce, sealed, _SEAL_CONTEXT)
    except InvalidTag:
        raise WrongPassphrase(_("The passphrase is not right for this data file.")) from None


def read_key_file(path: Path) -> dict:
    key_file = key_file_for(path)
    try:
        return json.loads(key_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileMissing(_("The key file beside {path} is missing; open the data file with its recovery "
                               "key.").format(path=path)) from None
    except (OSError, ValueError):
        raise StoreError(_("The key file {path} is damaged; open the data file with its recovery key.").format(
            path=key_file)) from None


def write_key_file(path: Path, content: dict) -> None:
    """Written whole or not at all: a temporary name, flushed to disk, then renamed over the old one."""
    key_file = key_file_for(path)
    partial = key_file.with_name(key_file.name + ".partial")
    with partial.open("w", encoding="utf-8") as handle:
        json.dump(content, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, key_file)
    sync_folder(key_file.parent)


def sync_folder(folder: Path) -> None:
    """A rename is durable only once its folder is flushed (POSIX; Windows has no such call)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def key_opens(path: Path, key: bytes) -> bool:
    """Whether ``key`` reads the encrypted file at ``path`` (nothing is written)."""
    try:
        conn = connect(f"{Path(path).resolve().as_uri()}?mode=ro", key, uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return True
        finally:
            conn.close()
    except DATABASE_ERRORS:
        return False


def data_key_for(path: Path, passphrase: str | None = None, recovery_key: str | None = None) -> bytes | None:
    """The key that opens ``path``: None for a plain (or new) file; one sentence for every way it can fail."""
    from advisor_app.store.recovery_key import decode_recovery_key

    if not is_encrypted(path):
        if passphrase is not None or recovery_key is not None:
            raise NotProtected(_("The data file {path} is not protected by a passphrase; open it without "
                                 "one.").format(path=path))
        return None
    if recovery_key is not None:
        key = decode_recovery_key(recovery_key)
        if not key_opens(path, key):
            raise WrongPassphrase(_("This recovery key belongs to another data file."))
        return key
    if passphrase is None:
        raise PassphraseNeeded(_("The data file {path} is protected: give its passphrase.").format(path=path))
    key = unseal(read_key_file(path), passphrase, path)
    if not key_opens(path, key):
        raise StoreError(_("The key file beside {path} belongs to another data file; open the data file with its "
                           "recovery key.").format(path=path))
    return key
