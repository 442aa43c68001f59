"""Errors a person can cause in the window become one sentence in a message box, never a traceback.

``reports_errors`` wraps a slot: a ``StoreError`` (a refused value, a locked or damaged file) is shown
as its sentence and the slot ends; nothing half-done stays, because every write is one transaction.
``install_last_resort`` catches anything unexpected the same way and logs its type and stack, never its message.
"""

from __future__ import annotations

import functools
import inspect
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from advisor_app import logs
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


def report_unexpected(kind, value, trace, parent=None) -> None:
    """A sentence for the person; the exception's type and stack in the log (``advisor_app.logs``), without
    its message, which may quote a person's data (on the error output before a data file is open)."""
    log = logs.log_unexpected(kind, value, trace)
    where = _("the error output") if log is None else log
    QMessageBox.critical(parent or _parent(), _("Community Advisor"), _(
        "Something unexpected went wrong. Everything saved so far is safe; the details were written to "
        "{log}.").format(log=where))


def install_last_resort(log_folder: Path) -> None:
    """Unexpected exceptions in the window: a sentence for the person, their stack in the log beside the
    data file."""
    logs.configure(log_folder)

    def hook(kind, value, trace) -> None:
        if issubclass(kind, StoreError):
            QMessageBox.warning(_parent(), _("Community Advisor"), str(value))
            return
        report_unexpected(kind, value, trace)

    sys.excepthook = hook
