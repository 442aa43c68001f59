"""A horizontal bar chart for the home page, painted directly (Qt's chart module is not part of the app).

One row per bar: its label, a bar on a light track scaled to the largest value, the figure after it.
A clickable chart emits ``activated(key)`` on a click, or on Enter with the keyboard (Up and Down
move between rows), so every bar can lead to the list behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from advisor_app.i18n.formatting import compact, number

ROW = 24
BAR = 12
TRACK = QColor("#eef1f4")
HOVER = QColor("#f2f6fb")
FOCUS = QColor("#1565c0")
TEXT = QColor("#333333")
MUTED = QColor("#6b7280")


def figure(value: int) -> str:
    """A bar's figure: exact up to 9,999, then short as the locale writes it ("146 mil", "146K")."""
    return number(value) if abs(value) < 10_000 else compact(value)


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: int
    colour: str = "#1565c0"


class BarChart(QWidget):
    activated = Signal(str)

    def __init__(self, clickable: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.clickable = clickable
        self.empty_text = ""
        self._hover = -1
        self._current = 0
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if clickable else Qt.FocusPolicy.NoFocus)

    def set_bars(self, bars: list[Bar], empty_text: str = "") -> None:
        self.bars, self.empty_text = list(bars), empty_text
        self._current = min(self._current, max(len(self.bars) - 1, 0))
        self.setAccessibleDescription("; ".join(f"{bar.label}: {bar.value}" for bar in self.bars) or empty_text)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, max(len(self.bars), 2) * ROW + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def row_at(self, y: float) -> int:
        row = int((y - 2) // ROW)
        return row if 0 <= row < len(self.bars) else -1

    def bar_rect(self, row: int) -> QRectF:
        """Where the row's track lies; tests click its middle."""
        left, right = self._columns()
        return QRectF(left, 2 + row * ROW + (ROW - BAR) / 2, max(right - left, 1), BAR)

    def _columns(self) -> tuple[float, float]:
        metrics = self.fontMetrics()
        label_width = max((metrics.horizontalAdvance(bar.label) for bar in self.bars), default=0) + 14
        value_width = max((metrics.horizontalAdvance(figure(bar.value)) for bar in self.bars), default=0) + 14
        return min(label_width, self.width() * 0.5), self.width() - value_width

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not any(bar.value for bar in self.bars) and self.empty_text:
            painter.setPen(MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            return
        left, right = self._columns()
        top_value = max((bar.value for bar in self.bars), default=0) or 1
        bold = QFont(self.font())
        bold.setBold(True)
        for row, bar in enumerate(self.bars):
            line = QRectF(0, 2 + row * ROW, self.width(), ROW)
            if self.clickable and row == self._hover:
                painter.fillRect(line, HOVER)
            if self.clickable and row == self._current and self.hasFocus():
                painter.setPen(QPen(FOCUS, 1, Qt.PenStyle.DotLine))
                painter.drawRect(line.adjusted(0.5, 0.5, -0.5, -0.5))
            painter.setFont(self.font())
            painter.setPen(TEXT)
            painter.drawText(QRectF(4, line.top(), left - 10, ROW),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self.fontMetrics().elidedText(bar.label, Qt.TextElideMode.ElideRight, int(left - 10)))
            track = self.bar_rect(row)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK)
            painter.drawRoundedRect(track, 3, 3)
            if bar.value:
                painter.setBrush(QColor(bar.colour))
                filled = QRectF(track.left(), track.top(), max(track.width() * bar.value / top_value, 4), BAR)
                painter.drawRoundedRect(filled, 3, 3)
            painter.setFont(bold)
            painter.setPen(TEXT if bar.value else MUTED)
            painter.drawText(QRectF(right + 6, line.top(), self.width() - right - 6, ROW),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, figure(bar.value))

    def _set_hover(self, row: int) -> None:
        if row != self._hover:
            self._hover = row
            self.setCursor(Qt.CursorShape.PointingHandCursor if self.clickable and row >= 0
                           else Qt.CursorShape.ArrowCursor)
            self.update()

    def mouseMoveEvent(self, event) -> None:
        self._set_hover(self.row_at(event.position().y()))

    def leaveEvent(self, event) -> None:
        self._set_hover(-1)
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        row = self.row_at(event.position().y())
        if self.clickable and row >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self._current = row
            self.activated.emit(self.bars[row].key)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if not self.clickable or not self.bars:
            super().keyPressEvent(event)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._current = max(0, min(len(self.bars) - 1, self._current + (1 if key == Qt.Key.Key_Down else -1)))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.bars[self._current].key)
        else:
            super().keyPressEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            row = self.row_at(event.pos().y())
            if row >= 0:
                QToolTip.showText(event.globalPos(), f"{self.bars[row].label}: {number(self.bars[row].value)}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)
