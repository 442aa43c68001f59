"""What a locked window shows: an opaque cover over the whole of it, the window's content untouched
beneath. The cover of the window that can take typing (the main window, or a question waiting for an
answer on top of it) holds the unlock panel; the others say where to unlock."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from advisor_app.i18n import _

# Room around the panel when a small window (a question) has to hold it.
PANEL_MARGIN = 24
WIDGET_SIZE_MAX = 16777215


class LockCover(QWidget):
    """Child of ``window`` that covers all of it (menus, toolbars and status bar included) and follows
    its size; new children of the window stay beneath it."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        self.covered = window
        self._sizes: tuple[QSize, QSize, QSize] | None = None
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.row = QHBoxLayout()
        self.row.addStretch(1)
        self.row.addWidget(self.notice, 2)
        self.row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(self.row)
        layout.addStretch(1)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.retranslate()
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.covered:
            if event.type() == QEvent.Type.Resize:
                self.setGeometry(self.covered.rect())
            elif event.type() == QEvent.Type.ChildAdded:
                QTimer.singleShot(0, self._stay_on_top)
        return False

    def _stay_on_top(self) -> None:
        if self.isVisible():
            self.raise_()

    def hold(self, panel: QWidget) -> None:
        """The unlock panel, centred; a window too small for it grows until it is unlocked."""
        self.notice.hide()
        self.row.insertWidget(1, panel, 0, Qt.AlignmentFlag.AlignCenter)
        panel.show()
        needed = panel.sizeHint() + QSize(2 * PANEL_MARGIN, 2 * PANEL_MARGIN)
        window = self.covered
        if window.width() < needed.width() or window.height() < needed.height():
            self._sizes = (window.minimumSize(), window.maximumSize(), window.size())
            bigger = window.size().expandedTo(needed)
            window.setMaximumSize(WIDGET_SIZE_MAX, WIDGET_SIZE_MAX)
            window.setMinimumSize(bigger)
            window.resize(bigger)

    def let_go(self, panel: QWidget) -> None:
        self.row.removeWidget(panel)
        self.notice.show()
        self.restore_size()

    def restore_size(self) -> None:
        if self._sizes is not None:
            minimum, maximum, size = self._sizes
            self._sizes = None
            self.covered.setMinimumSize(minimum)
            self.covered.setMaximumSize(maximum)
            self.covered.resize(size)

    def remove(self) -> None:
        self.restore_size()
        self.covered.removeEventFilter(self)
        self.hide()
        self.deleteLater()

    def retranslate(self) -> None:
        self.notice.setText(_("Community Advisor is locked. Unlock it in the main window."))
