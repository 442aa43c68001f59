"""The two charts of the results page, painted directly (Qt's chart module is not part of the app).

``CashFlowChart``: each month's net cash flow as a bar (green in, red out) and the cash balance as a
line, with the plan years marked. ``BreakEvenChart``: a month's sales against its costs, crossing at
the break-even point.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from advisor_app.domain.finance import Results
from advisor_app.i18n import _
from advisor_app.i18n.formatting import compact, money

POSITIVE = QColor("#2e7d32")
NEGATIVE = QColor("#c62828")
LINE = QColor("#1565c0")
GRID = QColor("#d0d0d0")
TEXT = QColor("#333333")


def _compact(value: float) -> str:
    """Axis labels in the locale's short form: "1.2 M", "350 mil", "-40 mil" (1.2M, 350K in English)."""
    return compact(round(value) if abs(value) < 1_000 else value)


class PlanChart(QWidget):
    """A chart of the plan's figures, white, in a point smaller type, redrawn when the figures change."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.results: Results | None = None
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_results(self, results: Results) -> None:
        self.results = results
        self.update()

    def _begin(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        painter.setFont(font)

    def _frame(self, painter: QPainter) -> QRectF:
        self._begin(painter)
        return QRectF(56, 28, max(self.width() - 72, 10), max(self.height() - 56, 10))

    def _empty(self, painter: QPainter, message: str) -> None:
        painter.setPen(TEXT)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)

    def _axis(self, painter: QPainter, area: QRectF, low: float, high: float) -> callable:
        span = (high - low) or 1.0

        def y_of(value: float) -> float:
            return area.bottom() - (value - low) / span * area.height()

        painter.setPen(QPen(GRID, 1))
        for step in range(5):
            value = low + span * step / 4
            y = y_of(value)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(TEXT)
            painter.drawText(QRectF(0, y - 8, area.left() - 6, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _compact(value))
            painter.setPen(QPen(GRID, 1))
        return y_of


class CashFlowChart(PlanChart):
    """Bars on the left scale (a month's net flow), the balance line on the right scale: the balance
    grows to many times a month's flow, and one scale would flatten the bars."""

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        area = self._frame(painter)
        area.setRight(area.right() - 40)
        results = self.results
        if results is None or not results.months:
            self._empty(painter, _("The cash-flow chart appears when the figures can be computed."))
            return
        flows = [float(month.net_cash_flow) for month in results.months]
        balance = [float(month.cash_balance) for month in results.months]
        y_of = self._axis(painter, area, min(0.0, *flows), max(0.0, *flows))
        low, high = min(0.0, *balance), max(0.0, *balance)
        span = (high - low) or 1.0

        def balance_y(value: float) -> float:
            return area.bottom() - (value - low) / span * area.height()

        painter.setPen(LINE)
        for step in range(5):
            value = low + span * step / 4
            painter.drawText(QRectF(area.right() + 4, balance_y(value) - 8, 52, 16),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _compact(value))
        width = area.width() / len(flows)
        zero = y_of(0.0)
        for index, flow in enumerate(flows):
            x = area.left() + index * width
            top, bottom = sorted((y_of(flow), zero))
            painter.fillRect(QRectF(x + width * 0.15, top, max(width * 0.7, 1), max(bottom - top, 1)),
                             POSITIVE if flow >= 0 else NEGATIVE)
        painter.setPen(QPen(LINE, 2))
        painter.drawPolyline([QPointF(area.left() + (index + 0.5) * width, balance_y(value))
                              for index, value in enumerate(balance)])
        for year in range(len(flows) // 12):
            x = area.left() + year * 12 * width
            painter.setPen(QPen(GRID, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.setPen(TEXT)
            painter.drawText(QRectF(x, area.bottom() + 4, 12 * width, 16), Qt.AlignmentFlag.AlignCenter,
                             _("Year {year}").format(year=year + 1))
        painter.drawText(QRectF(0, 4, self.width(), 20), Qt.AlignmentFlag.AlignCenter,
                         _("Net cash flow by month (bars, left) and cash balance (line, right)"))


class BreakEvenChart(PlanChart):
    @staticmethod
    def _label_at(painter: QPainter, area: QRectF, x: float, y: float, text: str) -> None:
        """Text beside a vertical marker, on whichever side has room."""
        width = painter.fontMetrics().horizontalAdvance(text) + 8
        if x + width <= area.right():
            painter.drawText(QRectF(x + 4, y, width, 16), Qt.AlignmentFlag.AlignLeft, text)
        else:
            painter.drawText(QRectF(x - width - 4, y, width, 16), Qt.AlignmentFlag.AlignRight, text)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        area = self._frame(painter)
        results = self.results
        if results is None or not results.months or results.break_even_revenue is None:
            note = results.notes.get("break_even_revenue") if results is not None else None
            self._empty(painter, note or _("The break-even chart appears when the figures can be computed."))
            return
        first_year = results.years[0]
        monthly_fixed = float(first_year.fixed_costs) / 12
        variable_ratio = float(first_year.variable_costs / first_year.revenue) if first_year.revenue else 0.0
        break_even = float(results.break_even_revenue)
        monthly_sales = float(first_year.revenue) / 12
        top_sales = max(break_even * 2, monthly_sales * 1.2, 1.0)
        high = max(top_sales, monthly_fixed + variable_ratio * top_sales)
        y_of = self._axis(painter, area, 0.0, high)

        def x_of(sales: float) -> float:
            return area.left() + sales / top_sales * area.width()

        painter.setPen(QPen(POSITIVE, 2))
        painter.drawLine(QPointF(x_of(0), y_of(0)), QPointF(x_of(top_sales), y_of(top_sales)))
        painter.setPen(QPen(NEGATIVE, 2))
        painter.drawLine(QPointF(x_of(0), y_of(monthly_fixed)),
                         QPointF(x_of(top_sales), y_of(monthly_fixed + variable_ratio * top_sales)))
        painter.setPen(QPen(TEXT, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x_of(break_even), area.top()), QPointF(x_of(break_even), area.bottom()))
        painter.setPen(QPen(LINE, 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(x_of(monthly_sales), area.top()), QPointF(x_of(monthly_sales), area.bottom()))
        painter.setPen(TEXT)
        currency = results.currency
        painter.drawText(QRectF(0, 4, self.width(), 20), Qt.AlignmentFlag.AlignCenter,
                         _("A month's sales (green) against its costs (red)"))
        self._label_at(painter, area, x_of(break_even), area.top() + 4, _("Break-even: {amount}").format(
            amount=money(Decimal(str(round(break_even, 2))), currency)))
        self._label_at(painter, area, x_of(monthly_sales), area.bottom() - 20, _("Planned, year 1: {amount}").format(
            amount=money(Decimal(str(round(monthly_sales, 2))), currency)))
        painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), 16), Qt.AlignmentFlag.AlignCenter,
                         _("Sales in a month"))
