"""Any list of the app written as a spreadsheet: what the list shows, with its search, filters and sort.

CSV is UTF-8 with a byte-order mark (Excel reads accents right only then), headers in the chosen language,
dates as yyyy-mm-dd, amounts as plain numbers with a dot, codes as their translated labels. XLSX (XlsxWriter,
constant-memory mode: rows go to disk as they are written) holds real numbers with a money format and
real dates with a date format, a bold header row that stays in view, and columns wide enough to read.

The file is written under a temporary name in the target folder and renamed once complete: Cancel or an
error leaves no file, and never a half-written one under the name asked for.
"""

from __future__ import annotations

import contextlib
import csv
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from advisor_app.i18n import N_, _, current_language, speaking
from advisor_app.progress import Progress, no_progress
from advisor_app.store.errors import StoreError
from advisor_app.store.list_source import (CODE, DATE, MONEY, NUMERIC, PERCENT, PLACE, TEXT, Column, ListSource,
                                           as_date, as_number, label_of)

FORMATS = ("csv", "xlsx")
REPORT_EVERY = 2_000  # rows between progress reports (and chances to cancel)
STEP = N_("Writing the list")


class ExportError(StoreError):
    """The list could not be written where asked: one sentence."""


def format_of(path: Path) -> str | None:
    """"csv" or "xlsx" from the file's extension; None for any other."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


class _Labels(dict):
    """A code's label, looked up once per distinct code (a municipality per person of 100,000)."""

    def __init__(self, column: Column):
        super().__init__()
        self.column = column

    def __missing__(self, code: Any) -> str:
        self[code] = label_of(self.column, code)
        return self[code]


def _labels(column: Column) -> Callable[[Any], str]:
    return _Labels(column).__getitem__


def _plain_number(value: Any) -> str:
    number = as_number(value)
    if number is None:
        return "" if value is None else str(value)
    return format(number.normalize(), "f") if number != number.to_integral() else str(int(number))


def _csv_cells(columns: tuple[Column, ...]) -> list[Callable[[Any], str]]:
    cells = []
    for column in columns:
        if column.kind in (CODE, PLACE):
            cells.append(_labels(column))
        elif column.kind == DATE:
            cells.append(lambda value: as_date(value).isoformat() if as_date(value) else "")
        elif column.kind == MONEY:
            cells.append(lambda value: f"{as_number(value):.2f}" if as_number(value) is not None else "")
        elif column.kind in NUMERIC:
            cells.append(_plain_number)
        else:
            cells.append(lambda value: "" if value is None else str(value))
    return cells


def _write_csv(source: ListSource, target: Path, total: int, progress: Progress) -> int:
    columns = source.columns
    cells = _csv_cells(columns)
    written = 0
    with open(target, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([_(column.header) for column in columns])
        batch = []
        for row in source.rows():
            batch.append([cell(value) for cell, value in zip(cells, row[1:])])
            if len(batch) == REPORT_EVERY:
                writer.writerows(batch)
                written += len(batch)
                batch.clear()
                progress(STEP, written, total)
        writer.writerows(batch)
        written += len(batch)
    return written


def _width(column: Column) -> int:
    base = {DATE: 12, MONEY: 14, PERCENT: 9}.get(column.kind, 10 if column.kind in NUMERIC else 24)
    return max(base, len(_(column.header)) + 2)


def _write_xlsx(source: ListSource, target: Path, total: int, progress: Progress) -> int:
    import xlsxwriter

    columns = source.columns
    workbook = xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_numbers": False,
                                                 "strings_to_formulas": False, "strings_to_urls": False})
    try:
        sheet = workbook.add_worksheet(_("List")[:31])
        bold = workbook.add_format({"bold": True})
        formats = {DATE: workbook.add_format({"num_format": "yyyy-mm-dd"}),
                   MONEY: workbook.add_format({"num_format": "#,##0.00"}),
                   PERCENT: workbook.add_format({"num_format": "0.##"})}
        for number, column in enumerate(columns):
            sheet.set_column(number, number, _width(column))
        sheet.freeze_panes(1, 0)
        for number, column in enumerate(columns):
            sheet.write_string(0, number, _(column.header), bold)
        # (column number, writer, text column): a text value goes straight to XlsxWriter, the bulk of a list.
        writers = [(number, _xlsx_cell(sheet, column, formats), column.kind == TEXT)
                   for number, column in enumerate(columns, start=1)]
        row_number = 0
        for row in source.rows():
            row_number += 1
            for number, write, text in writers:
                value = row[number]
                if value is None or value == "":
                    continue
                if text and value.__class__ is not str:
                    value = str(value)
                write(row_number, number - 1, value)
            if row_number % REPORT_EVERY == 0:
                progress(STEP, row_number, total)
        if row_number:
            sheet.autofilter(0, 0, row_number, len(columns) - 1)
    finally:
        workbook.close()
    return row_number


def _xlsx_cell(sheet, column: Column, formats: dict) -> Callable[[int, int, Any], None]:
    if column.kind in (CODE, PLACE):
        label, write_string = _labels(column), sheet.write_string
        return lambda row, number, value: write_string(row, number, label(value))
    if column.kind == DATE:
        def write_date(row: int, number: int, value: Any) -> None:
            day = as_date(value)
            if day is None:
                sheet.write_string(row, number, str(value))
            else:
                sheet.write_datetime(row, number, day, formats[DATE])
        return write_date
    if column.kind in NUMERIC:
        cell_format = formats.get(column.kind)

        def write_number(row: int, number: int, value: Any) -> None:
            amount = value if isinstance(value, (int, float)) else as_number(value)
            if amount is None:
                sheet.write_string(row, number, str(value))  # text typed where a number goes: kept as typed
            else:
                sheet.write_number(row, number, float(amount) if isinstance(amount, Decimal) else amount, cell_format)
        return write_number
    return sheet.write_string


def _file_create_error() -> type:
    from xlsxwriter.exceptions import FileCreateError

    return FileCreateError


def export_list(source: ListSource, path: Path, file_format: str | None = None, language: str | None = None,
                progress: Progress = no_progress) -> int:
    """Write ``source`` (as searched, filtered and sorted) to ``path``; returns the rows written."""
    path = Path(path)
    file_format = file_format or format_of(path)
    if file_format not in FORMATS:
        raise ExportError(_("Choose a file name ending in .csv or .xlsx."))
    with speaking(language or current_language()):
        total = source.count()
        progress(STEP, 0, total)
        partial = path.with_name(f".{path.name}.partial")
        try:
            writer = _write_csv if file_format == "csv" else _write_xlsx
            written = writer(source, partial, total, progress)
            progress(STEP, written, total)
            os.replace(partial, path)
        except (OSError, _file_create_error()) as error:
            raise ExportError(_("The list could not be written to {path}: the folder is read-only, full or "
                                "gone.").format(path=path)) from error
        finally:
            with contextlib.suppress(OSError):
                partial.unlink()
    return written
