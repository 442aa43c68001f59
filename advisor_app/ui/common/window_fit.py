"""Every window opens inside the screen's free area and comes back where the advisor left it.

Windows have a comfortable default size for an office screen; a small laptop's screen (1366×768,
1280×720, less a task bar) is smaller than some of them, and a window taller than the screen hides its
buttons below the edge. ``fit_window`` shrinks the default to the free area, leaving room for the
window's frame, and centres it; the size and place a person chose are kept per kind of window and
reused only while they still fit the screen (a laptop that was on a big monitor yesterday is not).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What the window manager adds around a window (title bar, borders), unknown until it is shown.
FRAME_WIDTH, FRAME_HEIGHT = 16, 40


def available_geometry(widget: QWidget) -> QRect:
    """The free area of the screen the window opens on (without task bars and docks)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Community Advisor", "windows")


def _with_frame(rect: QRect) -> QRect:
    return rect.adjusted(-FRAME_WIDTH // 2, -(FRAME_HEIGHT - FRAME_WIDTH // 2), FRAME_WIDTH // 2, FRAME_WIDTH // 2)


def fit_window(window: QWidget, width: int, height: int, name: str) -> None:
    """Give ``window`` its remembered geometry if that fits the screen, else ``width``×``height`` shrunk
    to the free area and centred on it; remember what the person makes of it when it closes."""
    area = available_geometry(window)
    remembered = _settings().value(f"{name}/geometry")
    if isinstance(remembered, QRect) and remembered.isValid() and area.contains(_with_frame(remembered)):
        window.setGeometry(remembered)
    else:
        window.resize(max(1, min(width, area.width() - FRAME_WIDTH)),
                      max(1, min(height, area.height() - FRAME_HEIGHT)))
        size = window.size()
        window.move(area.x() + (area.width() - size.width() - FRAME_WIDTH) // 2,
                    area.y() + (area.height() - size.height() - FRAME_HEIGHT) // 2)
    if not window.findChild(_Keeper, f"geometry-keeper-{name}"):
        window.installEventFilter(_Keeper(name, window))


class _Keeper(QObject):
    """Writes the window's geometry when it is hidden or closed."""

    def __init__(self, name: str, window: QWidget):
        super().__init__(window)
        self.setObjectName(f"geometry-keeper-{name}")
        self._name = name

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A dialog that is accepted is only hidden; a window that is closed gets both events.
        if event.type() in (QEvent.Type.Close, QEvent.Type.Hide) and isinstance(watched, QWidget) \
                and watched.testAttribute(Qt.WidgetAttribute.WA_WState_Created) \
                and not watched.isMaximized() and not watched.isFullScreen():
            _settings().setValue(f"{self._name}/geometry", watched.geometry())
        return False
