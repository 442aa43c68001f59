"""Wrong answers in a row, per data file: after five, each further try waits longer (2, 4, 8 … 60 s).

Nothing is ever deleted, however many answers were wrong. The count lives in this laptop's settings
(QSettings), keyed by the data file's full path, rather than in a file beside the data file: it must be
read before the encrypted file can be, it is a fact about this laptop and not part of the data (a copy of
the data folder must not carry it to another laptop), and the folder of the data file may be on a
memory stick that is read-only. It survives a restart, so quitting and starting again does not
skip the wait. Only answers actually tried against the file count: a recovery key with a typo is named
and costs nothing.
"""

from __future__ import annotations

import hashlib
import math
import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSettings

FREE_TRIES = 5
FIRST_WAIT_SECONDS = 2
LONGEST_WAIT_SECONDS = 60


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Community Advisor", "unlock")


def wait_after(failures: int) -> int:
    """Seconds before the next try after ``failures`` wrong answers in a row."""
    if failures < FREE_TRIES:
        return 0
    return min(LONGEST_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (failures - FREE_TRIES))


class UnlockTries:
    """The count of wrong answers for one data file and when the last one was given."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time):
        self._clock = clock
        resolved = str(Path(path).resolve())
        self._group = "file-" + hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:24]

    def _read(self) -> tuple[int, float]:
        settings = _settings()
        try:
            failures = int(settings.value(f"{self._group}/failures", 0))
            last = float(settings.value(f"{self._group}/last", 0.0))
        except (TypeError, ValueError):
            return 0, 0.0
        return max(0, failures), last

    @property
    def failures(self) -> int:
        return self._read()[0]

    def seconds_left(self) -> int:
        """Whole seconds until the next answer may be tried (0: now)."""
        failures, last = self._read()
        wait = wait_after(failures)
        if not wait:
            return 0
        # A clock set back must not make the wait longer than its own length.
        left = min(wait, last + wait - self._clock())
        return max(0, math.ceil(left))

    def failed(self) -> None:
        failures, _last = self._read()
        settings = _settings()
        settings.setValue(f"{self._group}/failures", failures + 1)
        settings.setValue(f"{self._group}/last", self._clock())
        settings.sync()

    def succeeded(self) -> None:
        settings = _settings()
        settings.remove(self._group)
        settings.sync()
