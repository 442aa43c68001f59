"""This laptop's identity: its Ed25519 key and the device id derived from it, and what a restored
backup does with them.

A laptop's feed is numbered 1, 2, 3… without gaps, and its peers refuse two different entries under
one number as a fork (sync/feed.py). A backup holds the feed as it was when the backup was taken, so
a restored file would number its next edits with numbers it already sent, with other content, and
every peer that held them would refuse its bundles. Every copy made by ``backups.copy_database`` is
marked; the first time a marked file is opened it takes a new identity (new key, new device id) and
keeps its old feed as another laptop's that it holds, sealed with the old key up to where the backup
ends, so its old entries keep verifying everywhere and the ones made after the backup, which its
peers may hold, can come back to it.
"""

from __future__ import annotations

import base64
import hashlib
import sqlite3

from advisor_app.store import feed_chain
from advisor_app.store.cipher import OPERATIONAL_ERRORS

# cryptography is imported when a key is made or used, not when a data file is opened (start-up time).

COPY_MARK = "copy_of_device"  # meta key written into every copy; its value is the device id copied


def new_key() -> tuple[str, str]:
    """(private key, device id) of a new identity: the id is derived from the public key, so that no other
    key can ever claim to be this laptop."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii"), hashlib.sha256(public).hexdigest()[:32]


def mark_copy(conn: sqlite3.Connection) -> None:
    """Written into a fresh copy of a data file (a backup): opened as a data file, it takes a new identity."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    except OPERATIONAL_ERRORS:  # not a data file of this app: nothing to mark
        return
    if row and row[0]:
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                     "excluded.value", (COPY_MARK, row[0]))
        conn.commit()


def is_copy(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM meta WHERE key = ?", (COPY_MARK,)).fetchone() is not None


def take_new_identity(conn: sqlite3.Connection) -> str:
    """Seal this file's own feed as another laptop's, with its old key, and give the file a new key and
    device id; returns the new id. Runs inside the caller's transaction."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('device_id', 'signing_key')"))
    old_device, old_key = meta.get("device_id"), meta.get("signing_key")
    if old_device and old_key:
        _seal(conn, old_device, Ed25519PrivateKey.from_private_bytes(base64.b64decode(old_key)))
    signing_key, device = new_key()
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     [("signing_key", signing_key), ("device_id", device), ("previous_device_id", old_device or "")])
    # The new feed starts at 1: nothing of it was exported yet.
    conn.execute("DELETE FROM meta WHERE key IN (?, 'exported_through_seq')", (COPY_MARK,))
    return device


def _seal(conn: sqlite3.Connection, device: str, key) -> None:
    """The old feed's head signed through its last entry, and the newest stamp it holds remembered (the
    clock restarts after it, sync's hybrid clock)."""
    from cryptography.hazmat.primitives import serialization

    public = base64.b64encode(key.public_key().public_bytes(serialization.Encoding.Raw,
                                                            serialization.PublicFormat.Raw)).decode("ascii")
    row = conn.execute("SELECT verified, chain FROM feeds WHERE device = ?", (device,)).fetchone()
    verified, chain = (row[0], row[1]) if row and row[1] else (0, feed_chain.chain_start(device))
    last = verified
    for number, table, row_id, fields, hlc in conn.execute(
            "SELECT origin_seq, table_name, row_id, fields, hlc FROM change_log WHERE device = ? AND origin_seq > ? "
            "ORDER BY origin_seq", (device, verified)):
        chain = feed_chain.chain_next(chain, feed_chain.entry_digest(device, number, table, row_id, fields, hlc))
        last = number
    newest = conn.execute("SELECT max(hlc) FROM change_log WHERE device = ? AND origin_seq IS NOT NULL",
                          (device,)).fetchone()[0]
    signature = base64.b64encode(key.sign(feed_chain.head_bytes(device, last, chain))).decode("ascii") if last else None
    conn.execute("INSERT INTO feeds(device, public_key, verified, complete, chain, head_signature) VALUES "
                 "(?, ?, ?, ?, ?, ?) ON CONFLICT(device) DO UPDATE SET public_key = excluded.public_key, "
                 "verified = excluded.verified, complete = excluded.complete, chain = excluded.chain, "
                 "head_signature = excluded.head_signature",
                 (device, public, last, last, chain if last else None, signature))
    if newest:
        conn.execute("INSERT INTO meta(key, value) VALUES ('newest_received_stamp', ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = max(value, excluded.value)", (newest,))
