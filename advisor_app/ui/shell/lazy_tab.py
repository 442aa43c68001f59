"""A tab whose page is built the first time it is shown (or asked for), so start-up pays only for
the lists a person sees first."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

AFTER_PAINT_MS = 30


class LazyTab(QWidget):
    """``after_paint``: when first shown, the page is built just after the window has painted (the home
    page, shown at start: the window appears at once and its figures a moment later)."""

    def __init__(self, build: Callable[[QWidget], QWidget], parent: QWidget | None = None, after_paint: bool = False):
        super().__init__(parent)
        self._build = build
        self._after_paint = after_paint
        self._page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._build(self)
            self._layout.addWidget(self._page)
            if self.isVisible():
                self._page.show()  # at once: a layout would only queue it, and the page counts on being shown
        return self._page

    def showEvent(self, event) -> None:
        if self._after_paint and self._page is None:
            # Not 0: a zero timer can run before the first frame is painted.
            QTimer.singleShot(AFTER_PAINT_MS, self, self.page)
        else:
            self.page()
        super().showEvent(event)
