"""A tab whose page is built the first time it is shown (or asked for), so start-up pays only for
the lists a person sees first."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyTab(QWidget):
    def __init__(self, build: Callable[[QWidget], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._build = build
        self._page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._build(self)
            self._layout.addWidget(self._page)
        return self._page

    def showEvent(self, event) -> None:
        self.page()
        super().showEvent(event)
