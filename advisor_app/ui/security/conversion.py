"""Converting the open data file (protecting it, or taking the protection off) without freezing the window.

A conversion needs the file closed: no job may be running (each has a connection of its own), the
start-up check and daily backup must have finished, and the window's connection is closed before the
worker starts. The worker takes a backup first, then converts (store/protection.py writes a checked
copy and renames it over the file, so a failure leaves the file as it was). Whatever happens, the
window's connection is opened again afterwards, under the key that opens the file as it now is on disk.
The window keeps its ``Store``; a progress window (application-modal) shows while it lasts.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from advisor_app.i18n import N_, _
from advisor_app.store import backups, cipher, protection
from advisor_app.store.database import ReopenableConnection
from advisor_app.store.errors import StoreError
from advisor_app.store.recovery_key import decode_recovery_key, encode_recovery_key
from advisor_app.ui.common.background import Job, current_job, run_in_background, show_error
from advisor_app.ui.common.context import AppContext

# ui/shell/app.py names the thread that checks the file and takes the daily backup at start-up so.
START_UP_CHECK_THREAD = "check-and-backup"
WAITING = N_("Waiting for the start-up check of the data file")
BACKING_UP = N_("Taking a backup of the data file")
CONVERTING = N_("Converting the data file")


@dataclass
class Converted:
    """The file as it is on disk after the work: the key that opens it (None: plain), the recovery key
    to show once (after protecting), and a problem met after the file itself was converted."""

    key: bytes | None
    recovery_key: str | None = None
    problem: str | None = None


def busy_sentence() -> str | None:
    """Why the file cannot be converted now, or None."""
    job = current_job()
    if job is None:
        return None
    return _("“{work}” is still running: wait until it has finished, then try again.").format(work=_(job.title))


def protect_work(passphrase: str) -> Callable[[Path], Converted]:
    def work(path: Path) -> Converted:
        try:
            recovery = protection.protect(path, passphrase)
        except StoreError as error:
            if not cipher.is_encrypted(path):
                raise
            # The file was converted, a backup was not: the file opens, and its recovery key is shown.
            key = cipher.data_key_for(path, passphrase)
            return Converted(key, encode_recovery_key(key), str(error))
        return Converted(decode_recovery_key(recovery), recovery)

    return work


def unprotect_work(key: bytes) -> Callable[[Path], Converted]:
    def work(path: Path) -> Converted:
        try:
            protection.unprotect(path, key)
        except StoreError as error:
            if cipher.is_encrypted(path):
                raise
            return Converted(None, None, str(error))
        return Converted(None)

    return work


def convert(parent: QWidget, context: AppContext, title: str, work: Callable[[Path], Converted],
            on_converted: Callable[[Converted], None]) -> Job | None:
    """Run ``work(path)`` on a worker thread with the data file closed; ``title`` is marked ``N_``.
    ``on_converted`` runs on the UI thread once the window reads the converted file. None, after one
    sentence, while other work is running."""
    store = context.store
    busy = busy_sentence()
    if busy is not None:
        QMessageBox.information(parent, _("Community Advisor"), busy)
        return None
    before = store.key
    path = Path(store.path)
    outcome = _Outcome(before)
    _pause_connection(store, outcome, parent)

    def run(progress) -> Converted:
        try:
            progress(WAITING)
            _wait_for_start_up_check()
            progress(BACKING_UP)
            _back_up(path, before)
            progress(CONVERTING)  # the last moment Cancel can stop it: a conversion is not cut in half
            result = work(path)
            outcome.key = result.key
            return result
        finally:
            outcome.done.set()

    def reopen(key: bytes | None) -> bool:
        return outcome.reopen(store, key, parent)

    def succeeded(result: Converted) -> None:
        if reopen(result.key):
            if result.problem:
                show_error(parent, StoreError(result.problem))
            on_converted(result)

    def failed(error: BaseException) -> None:
        reopen(before)
        show_error(parent, error)

    job = run_in_background(parent, title, run, succeeded, failed, lambda: reopen(before))
    if job is None:  # refused after all: the file must not stay closed
        outcome.done.set()
        reopen(before)
        return None

    def no_cancel_once_converting(step: str, *_counts) -> None:
        if step == CONVERTING and isValid(job.window):
            job.window.cancel_button.setEnabled(False)

    job.progressed.connect(no_cancel_once_converting)
    return job


class _Outcome:
    """What the worker left: the key that opens the file now; whether the window's connection is open again."""

    def __init__(self, key: bytes | None):
        self.key = key
        self.done = threading.Event()
        self.reopened = False

    def reopen(self, store, key: bytes | None, parent: QWidget) -> bool:
        if self.reopened:
            return True
        self.reopened = True
        try:
            store.reconnect(key)
        except StoreError as error:
            show_error(parent, error)
            return False
        return True


class _WhileConverting:
    """Stands in for the window's connection while the file is closed. Nothing typed reaches it (the
    progress window is modal), but a timer may read (the home page's first figures): that read waits for
    the conversion to end, and is made on the file as it is then."""

    def __init__(self, store, outcome: _Outcome, parent: QWidget):
        self._store, self._outcome, self._parent = store, outcome, parent
        for name in ("execute", "executemany", "executescript", "cursor", "commit", "rollback"):
            setattr(self, name, lambda *args, _name=name, **kwargs: getattr(self._open(), _name)(*args, **kwargs))

    def _open(self):
        self._outcome.done.wait()
        self._outcome.reopen(self._store, self._outcome.key, self._parent)
        if self._store.conn.__dict__.get("_conn") is self:  # it could not be opened again (said already)
            raise StoreError(_("The data file {path} could not be opened again; close the app and start it "
                               "again.").format(path=self._store.path))
        return self._store.conn

    def close(self) -> None:
        """Nothing is open."""

    def __getattr__(self, name: str):
        return getattr(self._open(), name)


def _pause_connection(store, outcome: _Outcome, parent: QWidget) -> None:
    """Close the window's connection; screens that hold it find the stand-in until it is opened again."""
    store.conn.close()
    if isinstance(store.conn, ReopenableConnection):
        store.conn.swap(_WhileConverting(store, outcome, parent))


def _wait_for_start_up_check() -> None:
    for thread in threading.enumerate():
        if thread.name == START_UP_CHECK_THREAD and thread is not threading.current_thread():
            thread.join()


def _back_up(path: Path, key: bytes | None) -> Path:
    """A copy of the file as it was, in its backups folder; the conversion converts it with the rest."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = backups.folder_for(path)
    folder.mkdir(parents=True, exist_ok=True)
    target, number = folder / f"{path.stem}-before-conversion-{stamp}.sqlite3", 1
    while target.exists():  # two conversions within a second
        number += 1
        target = folder / f"{path.stem}-before-conversion-{stamp}-{number}.sqlite3"
    conn = cipher.connect(path, key)
    try:
        return backups.copy_database(conn, target, key)
    except cipher.DATABASE_ERRORS as error:
        raise StoreError(_("The data file {path} could not be backed up before its conversion: {reason}.").format(
            path=path, reason=error)) from None
    finally:
        conn.close()
