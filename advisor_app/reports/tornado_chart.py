"""The switching values as a tornado chart, as the results page draws it: for each input, how far it can
move against the plan before the NPV reaches zero (thick bar) or the cash runs out (thin bar); falls
to the left, rises to the right, the most sensitive input on top, the scale stopping at 100 %."""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from advisor_app.domain.finance.switching import SWITCHING, Switch, tornado_order
from advisor_app.i18n import _
from advisor_app.i18n.formatting import percent
from advisor_app.reports.document import FONT, INK, RULE

NPV_BAR = colors.HexColor("#1d3f8a")
CASH_BAR = colors.HexColor("#e08a1e")
SCALE = 100.0


def signed(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + percent(value, places=1)


def tornado_chart(switches: tuple[Switch, ...], width: float, row_height: float = 9 * mm) -> Drawing:
    rows = tornado_order(switches)
    label_width, bottom = 38 * mm, 8 * mm
    height = bottom + row_height * len(rows) + 2 * mm
    drawing = Drawing(width, height)
    plot_left, plot_width = label_width, width - label_width - 4 * mm
    middle, half = plot_left + plot_width / 2, plot_width / 2 - 14 * mm

    def x_of(value: Decimal) -> float:
        return middle + max(-SCALE, min(SCALE, float(value))) / SCALE * half

    for mark in (-100, -50, 0, 50, 100):
        x = x_of(Decimal(mark))
        drawing.add(Line(x, bottom, x, height - 2 * mm, strokeColor=INK if mark == 0 else RULE,
                         strokeWidth=0.8 if mark == 0 else 0.3))
        drawing.add(String(x, bottom - 9, signed(Decimal(mark)) if mark else "0", fontName=FONT, fontSize=6.5,
                           fillColor=INK, textAnchor="middle"))
    for index, item in enumerate(rows):
        top = height - 2 * mm - index * row_height
        drawing.add(String(label_width - 3, top - row_height / 2 - 2.5, _(SWITCHING[item.variable]), fontName=FONT,
                           fontSize=7.5, fillColor=INK, textAnchor="end"))
        for value, colour, size, offset in ((item.npv_zero_pct, NPV_BAR, 0.4, 0.12), (item.cash_out_pct, CASH_BAR,
                                                                                       0.18, 0.6)):
            if value is None:
                continue
            end = x_of(value)
            y = top - row_height * (offset + size)
            drawing.add(Rect(min(middle, end), y, abs(end - middle), row_height * size, fillColor=colour,
                             strokeColor=None, strokeWidth=0))
            text = signed(value) + (" »" if abs(value) > 100 else "")
            drawing.add(String(end + (3 if value > 0 else -3), y + row_height * size / 2 - 2.3, text, fontName=FONT,
                               fontSize=6.5, fillColor=INK, textAnchor="start" if value > 0 else "end"))
    return drawing


__all__ = ["tornado_chart"]
