"""Spreadsheets read as a header and rows of cells: CSV in any common encoding and delimiter, or XLSX.

Offices keep member lists in Excel or in CSV saved by whatever program was at hand: UTF-8 with or
without a BOM, Windows' cp1252, separated by commas, semicolons (Excel in Spanish) or tabs. The text is
decoded by the first encoding that reads it whole, the delimiter is sniffed among those three, and
sqlite-utils' ``rows_from_file`` reads the rows. XLSX is read with openpyxl in read-only mode, which
streams the sheet instead of loading the whole workbook. Every failure is one sentence (``StoreError``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor_app.i18n import _
from advisor_app.store.errors import StoreError

ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
DELIMITERS = ",;\t"
_ZIP_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass
class Table:
    """What a spreadsheet holds: its column headers and rows of cells (text, numbers or dates), with
    each row's number as the spreadsheet program shows it (the header is row 1)."""

    headers: list[str]
    rows: list[list[Any]]
    numbers: list[int]
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None


def is_xlsx(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == _ZIP_MAGIC
    except OSError:
        return False


def read_table(path: Path | str, sheet: str | None = None) -> Table:
    """The header and rows of the CSV or XLSX file at ``path`` (``sheet``: which sheet of a workbook;
    the first when None); ``StoreError`` with one sentence when it cannot be read."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            start = handle.read(8)
    except IsADirectoryError:
        raise StoreError(_("{path} is a folder, not a spreadsheet.").format(path=path)) from None
    except FileNotFoundError:
        raise StoreError(_("The file {path} does not exist.").format(path=path)) from None
    except OSError:
        raise StoreError(_("The file {path} cannot be read.").format(path=path)) from None
    if start.startswith(_ZIP_MAGIC):
        table = _read_xlsx(path, sheet)
    elif start.startswith(_OLD_EXCEL_MAGIC):
        raise StoreError(_("{path} is an old Excel file (.xls): save it as .xlsx or CSV and choose it "
                           "again.").format(path=path.name))
    else:
        table = _read_csv(path)
    if not any(header.strip() for header in table.headers):
        raise StoreError(_("{path} is empty: its first row should name the columns.").format(path=path.name))
    if not table.rows:
        raise StoreError(_("{path} has column names but no rows to import.").format(path=path.name))
    return table


def _decoded(data: bytes, path: Path) -> tuple[str, str]:
    if b"\x00" in data[:4096]:
        raise StoreError(_("{path} is not a spreadsheet saved as CSV or XLSX.").format(path=path.name))
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise StoreError(_("{path} is not a spreadsheet saved as CSV or XLSX.").format(path=path.name))


def _read_csv(path: Path) -> Table:
    from sqlite_utils.utils import Format, RowError, rows_from_file

    try:
        data = path.read_bytes()
    except OSError:
        raise StoreError(_("The file {path} cannot be read.").format(path=path)) from None
    text, encoding = _decoded(data, path)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:  # one column, or nothing to tell the delimiter by
        dialect = csv.excel
    header_line = next(csv.reader(io.StringIO(text), dialect=dialect), [])
    headers = [cell.strip() for cell in header_line]
    try:
        found, _format = rows_from_file(io.BytesIO(text.encode("utf-8")), format=Format.CSV, dialect=dialect,
                                        encoding="utf-8", ignore_extras=True)
        records = list(found)
    except (csv.Error, RowError, UnicodeError, ValueError):
        raise StoreError(_("{path} cannot be read as CSV: its rows do not line up with its columns.").format(
            path=path.name)) from None
    rows, numbers = [], []
    raw_headers = list(records[0].keys()) if records else []
    for index, record in enumerate(records):
        cells = [record.get(header) for header in raw_headers]
        if any(cell not in (None, "") and str(cell).strip() for cell in cells):
            rows.append(cells)
            numbers.append(index + 2)
    if raw_headers:
        headers = [str(header or "").strip() for header in raw_headers]
    return Table(headers, rows, numbers, encoding=encoding, delimiter=dialect.delimiter)


def sheet_names(path: Path | str) -> list[str]:
    """The sheets of an XLSX workbook, in order ([] for a CSV)."""
    path = Path(path)
    if not is_xlsx(path):
        return []
    workbook = _open_workbook(path)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _open_workbook(path: Path):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, EOFError):
        raise StoreError(_("{path} cannot be read as an Excel workbook: it is damaged or not a workbook.").format(
            path=path.name)) from None


def _cell_value(cell) -> Any:
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        if "%" in (getattr(cell, "number_format", "") or ""):
            value = value * 100  # a cell formatted as a percentage holds 0.25 for 25 %
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(round(value, 10)) if isinstance(value, float) else str(value)
    return value


def _sheet_rows(workbook, name: str, path: Path) -> tuple[list[str], list[list[Any]], list[int]]:
    headers: list[str] | None = None
    rows, numbers = [], []
    try:
        for number, cells in enumerate(workbook[name].iter_rows(), start=1):
            values = [_cell_value(cell) for cell in cells]
            if not any(value not in (None, "") and str(value).strip() for value in values):
                continue
            if headers is None:
                headers = [str(value if value is not None else "").strip() for value in values]
                continue
            rows.append(values)
            numbers.append(number)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        raise StoreError(_("{path} cannot be read as an Excel workbook: it is damaged or not a workbook.").format(
            path=path.name)) from None
    headers = headers or []
    width = len(headers)
    return headers, [(row + [None] * width)[:width] for row in rows], numbers


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    """The chosen sheet; without a choice, the first sheet that has rows under its header (a cover sheet
    before the list is passed over)."""
    workbook = _open_workbook(path)
    try:
        names = list(workbook.sheetnames)
        if not names:
            raise StoreError(_("{path} has no sheets.").format(path=path.name))
        if sheet is not None and sheet not in names:
            raise StoreError(_("{path} has no sheet called {sheet}; its sheets are: {sheets}.").format(
                path=path.name, sheet=sheet, sheets=", ".join(names)))
        for name in [sheet] if sheet is not None else names:
            headers, rows, numbers = _sheet_rows(workbook, name, path)
            if rows:
                break
        else:
            name = sheet or names[0]
            headers, rows, numbers = _sheet_rows(workbook, name, path)
    finally:
        workbook.close()
    return Table(headers, rows, numbers, sheets=names, sheet=name)


def write_template(path: Path | str, headers: list[str]) -> Path:
    """An empty spreadsheet with these column names: XLSX when the name ends in .xlsx, else CSV in UTF-8
    with a BOM (so Excel reads the accents)."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".xlsx":
            import openpyxl

            workbook = openpyxl.Workbook()
            sheet = workbook.active
            sheet.append(headers)
            for index, header in enumerate(headers, start=1):
                sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(12, len(header) + 4)
            workbook.save(path)
        else:
            with open(path, "w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle).writerow(headers)
    except OSError:
        raise StoreError(_("The file {path} cannot be written.").format(path=path)) from None
    return path
