"""What long work (a bundle, a PDF) says about itself while it runs, and how it is stopped; no Qt.

The work calls ``progress(step, done, total)`` now and then. ``step`` is an English source string marked
with ``N_``, translated where it is shown, so a window that switches language mid-job shows it in the new
one. A caller that wants the work stopped makes ``progress`` raise ``Cancelled``: the work stops where it
is and undoes what it began (the import rolls its one transaction back, the export removes its partial
file), as for any other error.
"""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The person pressed Cancel: the work stopped and left nothing half done."""


class Progress(Protocol):
    def __call__(self, step: str, done: int = 0, total: int | None = None) -> None: ...


def no_progress(step: str, done: int = 0, total: int | None = None) -> None:
    """For callers that do not watch (the command line, tests, benchmarks)."""
