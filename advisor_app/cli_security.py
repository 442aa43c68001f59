"""The command line's side of a data file protected by a passphrase.

Every command opens the data file through ``open_store``: a protected file's passphrase comes from
``--db-passphrase-file FILE``, else from the file named by ``ADVISOR_DB_PASSPHRASE_FILE``, else it is
asked at the terminal; never from an argument, where other users of the machine could read it.
``protect``, ``unprotect`` and ``change-passphrase`` convert the file, which no window may hold open.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from advisor_app.i18n import _
from advisor_app.paths import default_database_path
from advisor_app.store.errors import StoreError

PASSPHRASE_FILE_VARIABLE = "ADVISOR_DB_PASSPHRASE_FILE"


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db-passphrase-file", type=Path, default=argparse.SUPPRESS, metavar="FILE",
                        help="file holding the data file's passphrase, when it is protected (or set "
                             f"{PASSPHRASE_FILE_VARIABLE})")


def add_commands(commands, common: argparse.ArgumentParser) -> None:
    protect = commands.add_parser("protect", parents=[common],
                                  help="encrypt the data file and its backups under a passphrase; prints the "
                                       "recovery key once")
    protect.add_argument("--new-passphrase-file", type=Path, required=True, metavar="FILE",
                         help="file holding the new passphrase (at least 8 characters)")
    commands.add_parser("unprotect", parents=[common],
                        help="decrypt the data file and its backups (asks for the passphrase)")
    change = commands.add_parser("change-passphrase", parents=[common],
                                 help="change the data file's passphrase; the recovery key keeps working")
    change.add_argument("--new-passphrase-file", type=Path, required=True, metavar="FILE")
    change.add_argument("--recovery-key-file", type=Path, metavar="FILE",
                        help="open with the recovery key in this file instead of the current passphrase")


def data_file(args) -> Path:
    path = getattr(args, "db", None)
    if path is None:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
    return Path(path).expanduser()


def read_secret_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").strip("\r\n")
    except (OSError, UnicodeDecodeError):
        raise StoreError(_("The passphrase file {path} cannot be read.").format(path=path)) from None
    if not text:
        raise StoreError(_("The passphrase file {path} is empty.").format(path=path))
    return text


def _given_passphrase(args) -> str | None:
    """The passphrase named by the option or the variable, or None when neither is set."""
    option = getattr(args, "db_passphrase_file", None)
    if option is not None:
        return read_secret_file(option)
    variable = os.environ.get(PASSPHRASE_FILE_VARIABLE)
    return read_secret_file(Path(variable)) if variable else None


def _asked_passphrase(path: Path) -> str:
    if not sys.stdin.isatty():
        raise StoreError(_("The data file {path} is protected: give its passphrase with --db-passphrase-file "
                           "FILE or the {variable} variable.").format(path=path, variable=PASSPHRASE_FILE_VARIABLE))
    try:
        return getpass.getpass(_("Passphrase of the data file {name}: ").format(name=path.name))
    except EOFError:
        raise StoreError(_("No passphrase was given.")) from None


def data_key(args, path: Path) -> bytes | None:
    """The data key of ``path`` from the passphrase given or asked (None for a plain file)."""
    from advisor_app.store import cipher

    given = _given_passphrase(args)
    if given is None and cipher.is_encrypted(path):
        given = _asked_passphrase(path)
    return cipher.data_key_for(path, given)


def open_store(args):
    """The data file of ``args.db`` (or the default one), opened with its passphrase when protected."""
    from advisor_app import logs
    from advisor_app.store.database import Store

    path = data_file(args)
    store = Store.open(path, key=data_key(args, path))
    logs.configure(Path(store.path).parent)  # the same log as the window's, beside the data file
    logs.data_file_opened(store)
    return store


class _WindowClosed:
    """Converting needs the file closed: the window's lock file beside it says whether one holds it."""

    def __init__(self, path: Path):
        from PySide6.QtCore import QLockFile

        self._lock = QLockFile(str(path.resolve()) + ".lock")
        self._lock.setStaleLockTime(0)
        self.path = path

    def __enter__(self):
        if not self._lock.tryLock(100):
            raise StoreError(_("The data file {path} is open in a window; close the window first.").format(
                path=self.path))
        return self

    def __exit__(self, *exc) -> None:
        self._lock.unlock()


def protect_command(args) -> int:
    from advisor_app.store import protection

    path = data_file(args)
    passphrase = read_secret_file(args.new_passphrase_file)
    with _WindowClosed(path):
        recovery = protection.protect(path, passphrase)
    print(_("The data file {path} is now protected by the passphrase.").format(path=path))
    print(_("Recovery key (shown only now; write it down and keep it locked away at the office):"))
    print(recovery)
    print(_("If both the passphrase and the recovery key are lost, nobody can open this data file again."),
          file=sys.stderr)
    return 0


def unprotect_command(args) -> int:
    from advisor_app.store import cipher, protection

    path = data_file(args)
    if not cipher.is_encrypted(path):
        raise StoreError(_("The data file {path} is not protected by a passphrase.").format(path=path))
    key = data_key(args, path)
    with _WindowClosed(path):
        protection.unprotect(path, key)
    print(_("The data file {path} and its backups are no longer protected: anyone with the laptop can read "
            "them.").format(path=path))
    return 0


def change_passphrase_command(args) -> int:
    from advisor_app.store import cipher, protection

    path = data_file(args)
    new = read_secret_file(args.new_passphrase_file)
    protection.check_new_passphrase(new)
    if args.recovery_key_file is not None:
        key = cipher.data_key_for(path, recovery_key=read_secret_file(args.recovery_key_file))
    elif not cipher.is_encrypted(path):
        raise StoreError(_("The data file {path} is not protected by a passphrase.").format(path=path))
    else:
        key = data_key(args, path)
    protection.change_passphrase(path, key, new)
    print(_("The passphrase of {path} was changed; the recovery key still opens it.").format(path=path))
    return 0
