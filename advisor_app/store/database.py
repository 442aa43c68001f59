"""Opening a data file safely: refuse what is not ours or too new, migrate with a backup first.

``Store`` owns one connection. Writes go through ``transaction()``, which commits all or nothing.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from advisor_app.domain.clock import HybridClock
from advisor_app.i18n import _
from advisor_app.store import attachment_files, backups, cipher, identity, live_counts
from advisor_app.store.cipher import DATABASE_ERRORS
from advisor_app.store.errors import DamagedDatabase, StoreError
from advisor_app.store.leftovers import remove_export_partials, remove_leftovers
from advisor_app.store.schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS, SYNCED_TABLES

BUSY_TIMEOUT_MS = 3000
# Random keys touch pages all over the indexes: bulk writes get a larger page cache while they run.
BULK_CACHE_KIB = 64 * 1024
_DAMAGE_SIGNS = ("malformed", "disk image", "corrupt")


class ReopenableConnection:
    """The window's connection as every screen holds it (a repository, a list, a picker keep it): after a
    conversion ``reconnect`` opens the file again and swaps the connection underneath, so what the screens
    hold reads the converted file. The calls made most are plain attributes, not looked up per call."""

    def __init__(self, conn) -> None:
        self.swap(conn)

    def swap(self, conn) -> None:
        self.__dict__["_conn"] = conn
        for name in ("execute", "executemany", "executescript", "cursor", "commit", "rollback", "close"):
            self.__dict__[name] = getattr(conn, name)

    def __getattr__(self, name: str):
        return getattr(self.__dict__["_conn"], name)

    def __enter__(self):
        return self.__dict__["_conn"].__enter__()

    def __exit__(self, *details):
        return self.__dict__["_conn"].__exit__(*details)


def _sentence_for(error: Exception, path: Path) -> StoreError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return StoreError(_("The data file {path} is in use by another program; close it and try again.").format(path=path))
    if "readonly" in text or "read-only" in text:
        return StoreError(_("The data file {path} is read-only; choose a file you can write to.").format(path=path))
    if "not a database" in text or "file is encrypted" in text:
        return StoreError(_("The file {path} is not a Community Advisor data file.").format(path=path))
    if any(sign in text for sign in _DAMAGE_SIGNS):
        return DamagedDatabase(_("The data file {path} is damaged.").format(path=path), path)
    if "unable to open" in text:
        return StoreError(_("The data file {path} cannot be opened.").format(path=path))
    return StoreError(_("The data file {path} cannot be used: {reason}.").format(path=path, reason=error))


def _check_location(path: Path) -> None:
    if not path.parent.is_dir():
        raise StoreError(_("The folder {folder} does not exist.").format(folder=path.parent))
    if path.is_dir():
        raise StoreError(_("{path} is a folder, not a data file.").format(path=path))
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(_("The data file {path} is read-only; choose a file you can write to.").format(path=path))
    if not os.access(path.parent, os.W_OK):
        raise StoreError(_("The folder {folder} is read-only; choose a folder you can write to.").format(folder=path.parent))


def _probe(path: Path, key: bytes | None) -> int:
    """Read the schema version without writing anything, so a refused file stays exactly as it was."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    try:
        conn = cipher.connect(f"{path.resolve().as_uri()}?mode=ro", key, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        finally:
            conn.close()
    except DATABASE_ERRORS as error:
        raise _sentence_for(error, path) from None
    if has_tables and app_id != APPLICATION_ID:
        raise StoreError(_("The file {path} is a database of another program, not a Community Advisor data file.").format(path=path))
    if version > LATEST_VERSION:
        raise StoreError(
            _("The data file {path} was made by a newer version of Community Advisor; update the app to open it.").format(path=path)
        )
    return version


class Store:
    """One open data file: its connection, this laptop's identity and clock."""

    def __init__(self, path: Path, conn: sqlite3.Connection, key: bytes | None = None):
        self.path = path
        self.conn = conn
        # The data key of a file protected by a passphrase (store/cipher.py); None for a plain file.
        self.key = key
        self._transaction_depth = 0
        self.device_id = self.get_meta("device_id") or ""
        self.clock = HybridClock()
        self.clock.restore(self._newest_stamp())

    @classmethod
    def open(cls, path: Path | str, passphrase: str | None = None, quick_check: bool = True, *,
             recovery_key: str | None = None, key: bytes | None = None) -> "Store":
        """Open or create the data file; raises ``StoreError`` with one sentence on any problem. A file
        protected by a passphrase needs it, or its recovery key, or its data ``key`` (store/cipher.py)."""
        path = Path(path).expanduser()
        _check_location(path)
        if key is None:
            key = cipher.data_key_for(path, passphrase, recovery_key)
        version = _probe(path, key)
        conn = _connect(path, key)
        try:
            if quick_check and version > 0:
                _quick_check(conn, path)
            if version < LATEST_VERSION:
                if version > 0:
                    backups.before_migration(conn, path, version, key)
                _migrate(conn, version)
            live_counts.ensure(conn)
            store = cls(path, ReopenableConnection(conn), key)
            if not store.device_id:
                store._create_identity()
            elif identity.is_copy(conn):
                store._take_new_identity()
            remove_leftovers(path)
            store._tidy_after_killed_work()
            return store
        except DATABASE_ERRORS as error:
            conn.close()
            raise _sentence_for(error, path) from None
        except StoreError:
            conn.close()
            raise

    def _tidy_after_killed_work(self) -> None:
        """What a killed process left: a bundle export's partial file, attachment files a conversion left
        plain in a protected file (sealed now, store/attachment_files.py). Never stops the file opening."""
        try:
            remove_export_partials(self.conn)
        except DATABASE_ERRORS:
            pass
        attachment_files.finish_encryption(self.path, self.key)

    def reconnect(self, key: bytes | None) -> None:
        """Close the connection and open the file again, now under ``key`` (None: plain): after the file
        was converted (store/protection.py), which needs it closed. The windows keep this ``Store`` and
        its connection object, which now reads the converted file."""
        self.conn.close()
        fresh = _connect(self.path, key)
        if isinstance(self.conn, ReopenableConnection):
            self.conn.swap(fresh)
        else:
            self.conn = fresh
        self.key = key
        self.__dict__.pop("db", None)

    def another_connection(self) -> "Store":
        """The same data file on a connection of its own, for a worker thread: a connection belongs to
        the thread that uses it, and a worker's transaction (a whole import) must neither see nor take in
        what the window writes meanwhile. WAL lets the window read while the worker writes; the window
        sees the worker's commit at its next read. The file is already open, checked and migrated."""
        try:
            conn = cipher.connect(self.path, self.key, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except DATABASE_ERRORS as error:
            raise _sentence_for(error, self.path) from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            return type(self)(self.path, conn, self.key)
        except DATABASE_ERRORS as error:
            conn.close()
            raise _sentence_for(error, self.path) from None

    @cached_property
    def db(self):
        """The same connection through sqlite-utils, for table-level reading (imported when first used)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @property
    def protected(self) -> bool:
        """Whether the file is encrypted under a passphrase."""
        return self.key is not None

    def quick_check(self) -> None:
        """Raise ``DamagedDatabase`` if SQLite's quick check finds damage."""
        try:
            _quick_check(self.conn, self.path)
        except DATABASE_ERRORS as error:
            raise _sentence_for(error, self.path) from None

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """All or nothing. ``durable`` commits with synchronous=FULL (imports). A transaction opened inside
        another one joins it, so several writes (a plan and its participants) commit together."""
        if self._transaction_depth:
            self._transaction_depth += 1
            try:
                yield self.conn
            finally:
                self._transaction_depth -= 1
            return
        self._transaction_depth = 1
        if durable:
            self.conn.execute("PRAGMA synchronous = FULL")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except DATABASE_ERRORS as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise _sentence_for(error, self.path) from None
        finally:
            self._transaction_depth = 0
            if durable:
                self.conn.execute("PRAGMA synchronous = NORMAL")

    @contextmanager
    def bulk_cache(self) -> Iterator[None]:
        """A large page cache for an import or a bulk insert (unless the connection's is larger already: an
        encrypted file's), given back afterwards."""
        previous = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        self.conn.execute(f"PRAGMA cache_size = {min(previous, -BULK_CACHE_KIB)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {previous}")

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def _create_identity(self) -> None:
        """A new laptop's Ed25519 key pair, and its device id derived from the public key: no other key
        can ever claim to be this laptop (sync/feed.py)."""
        signing_key, self.device_id = identity.new_key()
        with self.transaction() as conn:
            conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                             [("signing_key", signing_key), ("device_id", self.device_id)])

    def _take_new_identity(self) -> None:
        """A restored backup (or any copy) becomes a laptop of its own: its next edits must not reuse the
        numbers its feed had already sent (store/identity.py)."""
        with self.transaction() as conn:
            device = identity.take_new_identity(conn)
        self.device_id = device
        self.clock.restore(self._newest_stamp())

    def _newest_stamp(self) -> str | None:
        """The clock restarts after every stamp this file holds: this laptop's own edits always carry the
        newest stamp it had seen, so its last edit and the newest stamp received since bound them all."""
        row = self.conn.execute("SELECT hlc FROM change_log WHERE device = ? AND origin_seq IS NOT NULL "
                                "ORDER BY origin_seq DESC LIMIT 1", (self.device_id,)).fetchone()
        candidates = [stamp for stamp in (row[0] if row else None, self.get_meta("newest_received_stamp")) if stamp]
        return max(candidates) if candidates else None

    def integrity_problems(self) -> list[str]:
        """Full check for ``check``; empty when the file is sound."""
        rows = [row[0] for row in self.conn.execute("PRAGMA integrity_check")]
        rows += [f"foreign key: {row[0]} {row[1]}" for row in self.conn.execute("PRAGMA foreign_key_check")]
        return [] if rows == ["ok"] else [row for row in rows if row != "ok"]

    def counts(self) -> dict[str, int]:
        """Live (not deleted) rows per synced table, plus the change log."""
        result = {table: self.db[table].count_where("deleted = 0") for table in SYNCED_TABLES}
        result["change_log"] = self.db["change_log"].count
        return result

    def unexported_changes(self) -> int:
        """Edits made on this laptop after the last export."""
        exported = int(self.get_meta("exported_through_seq") or 0)
        return self.conn.execute("SELECT count(*) FROM change_log WHERE device = ? AND origin_seq > ? "
                                 "AND table_name != 'knowledge'", (self.device_id, exported)).fetchone()[0]


def placeholders(count: int) -> str:
    """``?, ?, ?`` for ``count`` parameters of an ``IN (...)`` or ``VALUES (...)``."""
    return ", ".join("?" * count)


def records(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """A query's rows as dicts keyed by the column names (or aliases) of the SELECT."""
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def _connect(path: Path, key: bytes | None) -> sqlite3.Connection:
    """The window's connection: autocommit (``transaction()`` opens and ends each), write-ahead log."""
    try:
        conn = cipher.connect(path, key, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                              check_same_thread=False)
    except DATABASE_ERRORS as error:
        raise _sentence_for(error, path) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        if key is not None:
            conn.execute(f"PRAGMA cache_size = -{cipher.ENCRYPTED_CACHE_KIB}")
    except DATABASE_ERRORS as error:
        conn.close()
        raise _sentence_for(error, path) from None
    return conn


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise DamagedDatabase(_("The data file {path} is damaged.").format(path=path), path)


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    for target in range(version + 1, LATEST_VERSION + 1):
        script = MIGRATIONS[target - 1]
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {target};\n"
                               f"PRAGMA application_id = {APPLICATION_ID};\nCOMMIT;")
        except DATABASE_ERRORS:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
