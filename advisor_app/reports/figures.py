"""Figures as the documents print them: amounts that may not be numbers yet, and tables by year.

A draft plan can hold anything in its fields (an amount typed as text, an empty price), so every
figure read from the model goes through ``amount`` or ``quantity``, which print what was typed when
it is not a number instead of failing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from reportlab.platypus import Flowable

from advisor_app.i18n import _
from advisor_app.i18n.formatting import money, number, percent
from advisor_app.reports.document import Column, is_amount, table

DASH = "—"
YEARS_PER_TABLE = 5


def amount(value: object, currency: str) -> str:
    if is_amount(value):
        return money(Decimal(value), currency)
    return "" if value in (None, "") else str(value)


def quantity(value: object) -> str:
    if is_amount(value):
        return number(Decimal(value))
    return "" if value in (None, "") else str(value)


def rate(value: object) -> str:
    if is_amount(value):
        return percent(Decimal(value))
    return "" if value in (None, "") else str(value)


def total_of(values: Sequence[object]) -> Decimal | None:
    """The sum, or None when any value is not a number (a total of what could be read would mislead)."""
    if not all(is_amount(value) for value in values):
        return None
    return sum((Decimal(value) for value in values), Decimal(0))


def share(part: object, whole: Decimal | None) -> str:
    if not is_amount(part) or whole is None or whole <= 0:
        return ""
    return percent((Decimal(part) * 100 / whole).quantize(Decimal("0.01")))


class Line:
    """One row of a table by year: a label, a value per year, and the total column's value if any."""

    def __init__(self, label: str, values: Sequence[str], total: str | None = None, bold: bool = False):
        self.label, self.values, self.total, self.bold = label, list(values), total, bold


def yearly_tables(heading: str, lines: Sequence[Line], years: int, last_is_total: bool = False,
                  font_size: float = 8.5) -> list[Flowable]:
    """Lines by year, five years to a table so that amounts stay legible on a portrait page; the total
    column (when any line has one) goes on the last table. Tables of one statement share one type size."""
    flowables: list[Flowable] = []
    with_total = any(line.total is not None for line in lines)
    for start in range(0, years, YEARS_PER_TABLE):
        stop = min(start + YEARS_PER_TABLE, years)
        last = stop == years
        columns = [Column(heading, 1.8)]
        columns += [Column(_("Year {year}").format(year=year + 1), 1, numeric=True) for year in range(start, stop)]
        if with_total and last:
            columns.append(Column(_("Total"), 1.1, numeric=True))
        rows = []
        for line in lines:
            row = [line.label, *line.values[start:stop]]
            if with_total and last:
                row.append(line.total or "")
            rows.append(row)
        bold = [index for index, line in enumerate(lines) if line.bold]
        flowables.append(table(columns, rows, total_rows=1 if last_is_total else 0, bold_rows=bold,
                               font_size=font_size))
    smallest = min(item.font_size for item in flowables)
    if any(item.font_size != smallest for item in flowables):
        return yearly_tables(heading, lines, years, last_is_total, smallest)
    return flowables


__all__ = ["DASH", "Line", "amount", "quantity", "rate", "share", "total_of", "yearly_tables"]
