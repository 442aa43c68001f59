"""Errors a person can cause in the window become one sentence in a message box, never a traceback.

``reports_errors`` wraps a slot: a ``StoreError`` (a refused value, a locked or damaged file) is shown
as its sentence and the slot ends; nothing half-done stays, because every write is one transaction.
``install_last_resort`` catches anything unexpected the same way and keeps the details in a log file.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import sys
import traceback
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from advisor_app.domain.errors import DataFileError
from advisor_app.i18n import _
from advisor_app.store.errors import StoreError


def _parent():
    return QApplication.activeWindow()


def _positional_limit(slot) -> int | None:
    """How many positional arguments ``slot`` takes (None: any number)."""
    parameters = inspect.signature(slot).parameters.values()
    if any(parameter.kind is parameter.VAR_POSITIONAL for parameter in parameters):
        return None
    return sum(parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
               for parameter in parameters)


def reports_errors(slot):
    """Qt passes a signal's arguments to a wrapped slot whatever it declares (``triggered(bool)`` to a slot
    that takes none), so the wrapper drops the ones the slot does not take."""
    limit = _positional_limit(slot)

    @functools.wraps(slot)
    def wrapper(*args, **kwargs):
        if limit is not None:
            args = args[:limit]
        try:
            return slot(*args, **kwargs)
        except (StoreError, DataFileError) as error:
            QMessageBox.warning(_parent(), _("Community Advisor"), str(error))
            return None

    return wrapper


_log_folder: Path | None = None  # beside the data file, once the window has opened it


def report_unexpected(kind, value, trace, parent=None) -> None:
    """A sentence for the person, the traceback in the log file (or on stderr before there is one)."""
    if _log_folder is None:
        traceback.print_exception(kind, value, trace)
        where = _("the error output")
    else:
        log = where = _log_folder / "errors.log"
        try:
            _log_folder.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as handle:
                handle.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n")
                handle.write("".join(traceback.format_exception(kind, value, trace)))
        except OSError:
            pass
    QMessageBox.critical(parent or _parent(), _("Community Advisor"), _(
        "Something unexpected went wrong. Everything saved so far is safe; the details were written to "
        "{log}.").format(log=where))


def install_last_resort(log_folder: Path) -> None:
    """Unexpected exceptions in the window: a sentence for the person, the traceback in a log file."""
    global _log_folder
    _log_folder = log_folder

    def hook(kind, value, trace) -> None:
        if issubclass(kind, StoreError):
            QMessageBox.warning(_parent(), _("Community Advisor"), str(value))
            return
        report_unexpected(kind, value, trace)

    sys.excepthook = hook
