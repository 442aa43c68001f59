"""The monthly cash chart: a bar per month for the net cash flow and a line for the cash in hand.

Drawn with ReportLab's shapes rather than its chart widgets, because bars and a line must share one
axis and the widgets keep separate ones. The axis counts thousands so its labels stay short; the
caption says so.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Sequence

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from advisor_app.i18n import _
from advisor_app.i18n.formatting import number
from advisor_app.reports.document import FONT, INK, RULE

INFLOW = colors.HexColor("#5b9a74")
OUTFLOW = colors.HexColor("#c8574d")
INFLOW_TEXT = colors.HexColor("#3d7355")
BALANCE = colors.HexColor("#1d3f8a")


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that cuts ``span`` into about ``ticks`` parts."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10 * power


def shared_scales(first: Sequence[float], second: Sequence[float]) -> tuple[int, int, float, float]:
    """Two axes with their zero at the same height and their ticks on the same grid lines: (intervals,
    the tick index of zero, the first axis's step, the second's), choosing the number of intervals and
    the zero's place that leave the least empty room."""
    best = None
    for intervals in (4, 5, 6):
        for below in range(intervals + 1):
            steps = []
            for values in (first, second):
                low, high = min(0.0, *values), max(0.0, *values)
                if (low < 0 and below == 0) or (high > 0 and below == intervals):
                    break
                need = max(-low / below if below else 0.0, high / (intervals - below) if below < intervals else 0.0)
                steps.append(nice_step(need, 1) if need > 0 else 1.0)
            else:
                used = sum((max(0.0, *values) - min(0.0, *values)) / (step * intervals)
                           for values, step in zip((first, second), steps))
                if best is None or used > best[0] + 1e-9:
                    best = (used, intervals, below, steps[0], steps[1])
    assert best is not None  # zero one interval up always fits
    return best[1], best[2], best[3], best[4]


def _compact(value: float) -> str:
    return number(Decimal(str(round(value, 6))).normalize())


def cash_chart(net_flows: Sequence[Decimal], balances: Sequence[Decimal], currency: str, width: float,
               height: float = 74 * mm) -> Drawing:
    """Bars on the left scale, the line on the right one: the month's flow is often a small fraction of
    the cash built up over years, and on one scale its bars would vanish."""
    drawing = Drawing(width, height)
    left, right, bottom, top = 15 * mm, 15 * mm, 9 * mm, 12 * mm
    plot_width, plot_height = width - left - right, height - bottom - top
    flows = [float(value) / 1000 for value in net_flows] or [0.0]
    cash = [float(value) / 1000 for value in balances] or [0.0]
    intervals, below, flow_step, cash_step = shared_scales(flows, cash)
    zero = bottom + plot_height * below / intervals

    def y_flow(value: float) -> float:
        return zero + value / (flow_step * intervals) * plot_height

    def y_cash(value: float) -> float:
        return zero + value / (cash_step * intervals) * plot_height

    for tick in range(intervals + 1):
        y = bottom + plot_height * tick / intervals
        at_zero = tick == below
        drawing.add(Line(left, y, left + plot_width, y, strokeColor=INK if at_zero else RULE,
                         strokeWidth=0.8 if at_zero else 0.3))
        drawing.add(String(left - 2, y - 2.5, _compact((tick - below) * flow_step), fontName=FONT, fontSize=6.5,
                           fillColor=INFLOW_TEXT, textAnchor="end"))
        drawing.add(String(left + plot_width + 2, y - 2.5, _compact((tick - below) * cash_step), fontName=FONT,
                           fontSize=6.5, fillColor=BALANCE, textAnchor="start"))
    months = len(net_flows)
    slot = plot_width / max(months, 1)
    for index, value in enumerate(flows[:months]):
        y = y_flow(value)
        drawing.add(Rect(left + index * slot + slot * 0.15, min(y, zero), slot * 0.7, abs(y - zero),
                         fillColor=INFLOW if value >= 0 else OUTFLOW, strokeColor=None, strokeWidth=0))
    points: list[float] = []
    for index, value in enumerate(cash[:len(balances)]):
        points += [left + (index + 0.5) * slot, y_cash(value)]
    if len(points) >= 4:
        drawing.add(PolyLine(points, strokeColor=BALANCE, strokeWidth=1.5))
    for year in range(0, months, 12):
        x = left + year * slot
        if year:
            drawing.add(Line(x, bottom, x, bottom + plot_height, strokeColor=RULE, strokeWidth=0.4,
                             strokeDashArray=[1.5, 1.5]))
        label = _("Year {year}").format(year=year // 12 + 1)
        drawing.add(String(x + min(12, months - year) * slot / 2, bottom - 7, label, fontName=FONT, fontSize=7,
                           fillColor=INK, textAnchor="middle"))
    drawing.add(Line(left, bottom, left, bottom + plot_height, strokeColor=INK, strokeWidth=0.5))
    drawing.add(Line(left + plot_width, bottom, left + plot_width, bottom + plot_height, strokeColor=INK,
                     strokeWidth=0.5))
    unit = _("thousands of {currency}").format(currency=currency)
    for row, (swatch, caption) in enumerate((
            ("bars", _("Net cash flow of the month, left scale ({unit})").format(unit=unit)),
            ("line", _("Cash at the end of the month, right scale ({unit})").format(unit=unit)))):
        y = height - 6 - row * 9
        if swatch == "bars":
            drawing.add(Rect(left, y - 1, 6, 5, fillColor=INFLOW, strokeColor=None))
            drawing.add(Rect(left + 7, y - 1, 6, 5, fillColor=OUTFLOW, strokeColor=None))
        else:
            drawing.add(Line(left, y + 1.5, left + 13, y + 1.5, strokeColor=BALANCE, strokeWidth=1.5))
        drawing.add(String(left + 17, y, caption, fontName=FONT, fontSize=7, fillColor=INK))
    return drawing


__all__ = ["cash_chart", "nice_step", "shared_scales"]
