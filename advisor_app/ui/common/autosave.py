"""When typing is written to the data file: soon after a pause, and at least once a second while the
typing goes on.

Waiting only for a pause (a debounce) loses everything typed steadily when the power cuts, since steady
typing never pauses long enough. ``SaveTimer`` also counts from the first unsaved keystroke, so the
save comes at most ``MAX_WAIT_MS`` after it whatever the rhythm of the keys.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

PAUSE_MS = 300
MAX_WAIT_MS = 900


class SaveTimer(QObject):
    """``poke()`` on every keystroke; ``save`` runs after a pause or when the oldest unsaved keystroke is
    ``MAX_WAIT_MS`` old, always from the event loop (never inside the keystroke's own handler)."""

    def __init__(self, save: Callable[[], object], parent: QObject | None = None,
                 pause_ms: int = PAUSE_MS, max_wait_ms: int = MAX_WAIT_MS):
        super().__init__(parent)
        self._save, self._pause, self._max_wait = save, pause_ms, max_wait_ms
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._due)
        self._waiting = QElapsedTimer()

    def poke(self) -> None:
        if not self._waiting.isValid():
            self._waiting.start()
        left = self._max_wait - self._waiting.elapsed()
        self._timer.start(max(0, min(self._pause, left)))

    def stop(self) -> None:
        """The pending edits were just written (or dropped): the next keystroke starts a new wait."""
        self._timer.stop()
        self._waiting.invalidate()

    def isActive(self) -> bool:
        return self._timer.isActive()

    def save_now(self) -> None:
        """Write what is waiting at once (the window is about to lock); nothing waiting, nothing written."""
        if self._timer.isActive():
            self.stop()
            self._save()

    def _due(self) -> None:
        self._waiting.invalidate()
        self._save()


def save_pending(root: QObject) -> None:
    """Every edit still waiting under ``root`` (a window), written now."""
    for timer in root.findChildren(SaveTimer):
        timer.save_now()
