"""The switching values as a tornado chart: for each input, how far it can move against the plan before
the NPV reaches zero (thick bar) or the cash runs out (thin bar). Falls go left, rises go right; the most
sensitive input is on top. The scale stops at 100 %: a longer bar ends in an arrow."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from advisor_app.domain.finance.switching import SWITCHING, tornado_order
from advisor_app.i18n import _
from advisor_app.i18n.formatting import percent
from advisor_app.ui.plan_wizard.charts import PlanChart

NPV_BAR = QColor("#1d3f8a")
CASH_BAR = QColor("#ef8f00")
GRID = QColor("#d0d0d0")
TEXT = QColor("#333333")
SCALE = 100.0


def signed(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + percent(value, places=1)


class TornadoChart(PlanChart):
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        self._begin(painter)
        results = self.results
        if results is None or not results.switching:
            painter.setPen(TEXT)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             _("The switching values appear when the figures can be computed."))
            return
        label_width = 150.0
        area = QRectF(label_width, 28, max(self.width() - label_width - 16, 10), max(self.height() - 52, 10))
        middle = area.center().x()
        half = area.width() / 2

        def x_of(value: Decimal) -> float:
            return middle + max(-SCALE, min(SCALE, float(value))) / SCALE * half

        painter.setPen(TEXT)
        painter.drawText(QRectF(0, 4, self.width(), 20), Qt.AlignmentFlag.AlignCenter,
                         _("How far each input can move before the NPV reaches zero (thick) or the cash runs "
                           "out (thin)"))
        for mark in (-100, -50, 0, 50, 100):
            x = x_of(Decimal(mark))
            painter.setPen(QPen(TEXT if mark == 0 else GRID, 1))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.setPen(TEXT)
            painter.drawText(QRectF(x - 30, area.bottom() + 4, 60, 16), Qt.AlignmentFlag.AlignCenter,
                             signed(Decimal(mark)) if mark else "0")
        rows = tornado_order(results.switching)
        row_height = area.height() / max(len(rows), 1)
        for index, item in enumerate(rows):
            top = area.top() + index * row_height
            painter.setPen(TEXT)
            painter.drawText(QRectF(4, top, label_width - 10, row_height),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _(SWITCHING[item.variable]))
            for value, colour, height, offset in ((item.npv_zero_pct, NPV_BAR, 0.42, 0.12),
                                                  (item.cash_out_pct, CASH_BAR, 0.18, 0.6)):
                if value is None:
                    continue
                left, right = sorted((middle, x_of(value)))
                painter.fillRect(QRectF(left, top + row_height * offset, max(right - left, 1), row_height * height),
                                 colour)
                text = signed(value) + (" »" if abs(value) > 100 else "")
                painter.setPen(TEXT)
                box = QRectF(right + 3, top + row_height * offset - 2, 90, row_height * height + 4)
                align = Qt.AlignmentFlag.AlignLeft
                if value < 0:
                    box, align = QRectF(left - 93, box.top(), 90, box.height()), Qt.AlignmentFlag.AlignRight
                if box.left() < area.left() - 4 or box.right() > area.right() + 16:
                    box = QRectF(left + 3, box.top(), max(right - left - 6, 1), box.height())  # inside the bar
                    painter.setPen(QColor("white"))
                painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, text)
