"""Locked when left: after a while without a key press, click or mouse move in any of the app's windows,
a window on a protected data file covers what it shows and asks the passphrase again.

The idle time is the data file's ``lock_after_minutes`` (15 by default, 0 never), read again at every
check so a change in File → Security… counts at once. Before the lock, what is being typed is written:
the field being typed in gives up its focus (which saves it) and every save still waiting is done.
The windows keep their content beneath: the main window and any question waiting for an answer are
covered, the other windows hidden; unlocking shows them as they were, focus included. While locked
every key, click and shortcut outside the unlock panel is swallowed.

Idle time is counted on the wall clock as well as the steady one: a laptop asleep with its lid closed
counts as idle, and the first touch after it locks instead of counting as use.
"""

from __future__ import annotations

import time
from typing import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from advisor_app.store.cipher import DATABASE_ERRORS
from advisor_app.store.errors import StoreError
from advisor_app.ui.common.autosave import save_pending
from advisor_app.ui.security.lock_cover import LockCover
from advisor_app.ui.security.unlock_panel import TICK_MS, UnlockPanel

DEFAULT_LOCK_AFTER_MINUTES = 15
CHECK_MS = 15_000  # the longest time between two looks at the idle time and its setting
_E = QEvent.Type
ACTIVITY = {_E.KeyPress, _E.MouseButtonPress, _E.MouseButtonDblClick, _E.MouseMove, _E.Wheel}
SWALLOWED = ACTIVITY | {_E.KeyRelease, _E.MouseButtonRelease, _E.ContextMenu, _E.DragEnter, _E.DragMove, _E.Drop,
                        _E.TouchBegin, _E.TouchUpdate, _E.TouchEnd, _E.TabletPress, _E.HoverEnter}
SHORTCUTS = {_E.Shortcut, _E.ShortcutOverride}
WINDOW_TYPES = (Qt.WindowType.Window, Qt.WindowType.Dialog)


def lock_after_minutes(store) -> int:
    """Minutes without use before the window locks; 0: never. Missing or unreadable: the default."""
    try:
        minutes = int(store.get_meta("lock_after_minutes"))
    except (TypeError, ValueError):
        return DEFAULT_LOCK_AFTER_MINUTES
    return minutes if minutes >= 0 else DEFAULT_LOCK_AFTER_MINUTES


class IdleLock(QObject):
    """The lock of one main window and the app's other windows. ``idle_ms`` replaces the file's setting
    (tests); ``clock`` and ``tick_ms`` reach the panel's wait after wrong answers."""

    locked_changed = Signal(bool)

    def __init__(self, window: QWidget, idle_ms: int | None = None, check_ms: int = CHECK_MS,
                 clock: Callable[[], float] = time.time, tick_ms: int = TICK_MS):
        super().__init__(window)
        self.window, self.context = window, window.context
        self.fixed_idle_ms, self._check_ms = idle_ms, check_ms
        self.clock, self.tick_ms = clock, tick_ms
        self._limit = 0
        self.restart_idle_time()
        self.panel: UnlockPanel | None = None
        self._covers: dict[QWidget, LockCover] = {}
        self._hidden: list[QWidget] = []
        self._focus: list[QWidget] = []
        self._active: QWidget | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.check)
        QApplication.instance().installEventFilter(self)
        self.check()

    @property
    def locked(self) -> bool:
        return self.panel is not None

    # Idle time ------------------------------------------------------------------------
    def limit_ms(self) -> int:
        """How long without use before locking, 0: never (a plain file never locks)."""
        store = self.context.store
        if not store.protected:
            return 0
        if self.fixed_idle_ms is not None:
            return self.fixed_idle_ms
        try:
            return lock_after_minutes(store) * 60_000
        except (StoreError, *DATABASE_ERRORS):
            return self._limit

    def restart_idle_time(self) -> None:
        """Idle time counted from now (the window was just used or unlocked)."""
        self._last_wall, self._last_steady = time.time(), time.monotonic()

    def idle_ms(self) -> int:
        wall, steady = time.time() - self._last_wall, time.monotonic() - self._last_steady
        return int(1000 * max(wall, steady))

    def check(self) -> None:
        """Lock if the time has come; otherwise look again when it will have, or in ``CHECK_MS`` at most."""
        if self.locked:
            return
        self._limit = self.limit_ms()
        if self._limit and self.idle_ms() >= self._limit:
            self.lock()
            return
        wait = self._limit - self.idle_ms() if self._limit else self._check_ms
        self._timer.start(max(0, min(wait, self._check_ms)))
        lock_action = getattr(self.window, "lock_action", None)
        if lock_action is not None:
            lock_action.setEnabled(self.context.store.protected)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.locked:
            return self._while_locked(watched, event)
        if kind in ACTIVITY:
            if self._limit and self.idle_ms() >= self._limit:
                self.lock()  # the first touch after a long sleep: nothing is shown, nothing goes through
                return True
            self.restart_idle_time()
        return False

    # Locking --------------------------------------------------------------------------
    def lock(self) -> None:
        if self.locked or not self.context.store.protected:
            return
        self._timer.stop()
        for _attempt in range(10):
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        self._active = QApplication.activeWindow()
        windows = [widget for widget in QApplication.topLevelWidgets()
                   if widget.isVisible() and widget.windowType() in WINDOW_TYPES]
        for widget in windows:
            focus = widget.focusWidget()
            if focus is not None:
                self._focus.append(focus)
                focus.clearFocus()  # a field being typed in writes what it holds when it loses the focus
        for widget in windows:
            save_pending(widget)
        self.panel = UnlockPanel(self.context.store.path, "unlock", expected_key=self.context.store.key,
                                 clock=self.clock, tick_ms=self.tick_ms)
        self.panel.unlocked.connect(self.unlock)
        for widget in windows:
            if widget is self.window or widget.isModal():
                self._cover(widget)
            else:
                widget.hide()
                self._hidden.append(widget)
        self._place_panel()
        self.locked_changed.emit(True)

    def _cover(self, widget: QWidget) -> None:
        if widget not in self._covers:
            self._covers[widget] = LockCover(widget)

    def _host(self) -> QWidget:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible() and modal in self._covers:
            return modal
        return self.window

    def _place_panel(self) -> None:
        """The panel goes where typing can reach it: the topmost question waiting for an answer, or the
        main window."""
        if self.panel is None:
            return
        self._cover(self.window)
        host = self._host()
        for widget, cover in self._covers.items():
            if widget is not host and shiboken6.isValid(cover) and self.panel.parent() is cover:
                cover.let_go(self.panel)
        cover = self._covers[host]
        if self.panel.parent() is not cover:
            self.panel.setParent(cover)
            cover.hold(self.panel)
        host.raise_()
        host.activateWindow()
        self.panel.focus_field()

    def _while_locked(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        inside = isinstance(watched, QWidget) and (watched is self.panel or self.panel.isAncestorOf(watched))
        if kind in SHORTCUTS:
            return not inside
        if kind in SWALLOWED:
            return isinstance(watched, QWidget) and not inside
        if not isinstance(watched, QWidget) or inside:
            return False
        if kind == _E.FocusIn:
            QTimer.singleShot(0, self._focus_panel)  # Tab does not lead beneath the cover
        elif not watched.isWindow() or watched.windowType() not in WINDOW_TYPES:
            return False
        elif kind == _E.Show and watched not in self._covers:
            self._cover(watched)  # a window that opens while locked (a finished job's message) is covered too
            QTimer.singleShot(0, self._place_panel)
        elif kind == _E.Hide and watched in self._covers and self.panel.parent() is self._covers[watched]:
            self._covers[watched].let_go(self.panel)
            self.panel.setParent(None)
            QTimer.singleShot(0, self._place_panel)
        return False

    def _focus_panel(self) -> None:
        if self.panel is not None and self.panel.isVisible():
            focus = QApplication.focusWidget()
            if focus is None or not self.panel.isAncestorOf(focus):
                self.panel.focus_field()

    # Unlocking ------------------------------------------------------------------------
    def unlock(self, _key: bytes | None = None) -> None:
        panel, self.panel = self.panel, None
        if panel is None:
            return
        panel.hide()
        panel.deleteLater()
        for cover in self._covers.values():
            if shiboken6.isValid(cover):
                cover.remove()
        self._covers.clear()
        for widget in self._hidden:
            if shiboken6.isValid(widget):
                widget.show()
        for field in self._focus:
            if shiboken6.isValid(field) and field.isVisible():
                field.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._active is not None and shiboken6.isValid(self._active) and self._active.isVisible():
            self._active.raise_()
            self._active.activateWindow()
        self._hidden, self._focus, self._active = [], [], None
        self.restart_idle_time()
        self.check()
        self.locked_changed.emit(False)
