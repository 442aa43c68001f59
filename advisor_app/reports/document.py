"""What every printed document shares: page, styles, tables, the "Page X of Y" footer and a safe write.

Documents are for people who read them on paper (a bank's credit officer, a program's reviewer), so
the choices lean that way: US Letter (the paper Mexican and US offices print on), DejaVu Sans embedded
as the agreements embed it (accents print the same in every reader; what it cannot draw, such as most
emoji, prints as one visible placeholder, see printable.py), numbers right-aligned in tables that use
the full width and repeat their header row on each page, and headings that never end a page alone.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from advisor_app.i18n import _
from advisor_app.reports import fonts
from advisor_app.store.errors import StoreError

PAGE = LETTER
MARGIN_X = 20 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 20 * mm
WIDTH = PAGE[0] - 2 * MARGIN_X

# The faces are registered now and read from their files when first used (fonts.py).
FONT, BOLD, ITALIC = fonts.REGULAR, fonts.BOLD, fonts.OBLIQUE
fonts.register_fonts()
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
ACCENT = colors.HexColor("#1d5c63")
RULE = colors.HexColor("#b8c2cc")
HEADER_FILL = colors.HexColor("#e3ebee")
STRIPE_FILL = colors.HexColor("#f5f7f9")
TOTAL_FILL = colors.HexColor("#e9eef1")

# Verdict colours: strong for a box that names the verdict, pale behind figures in a table.
VERDICT_STRONG = {"green": colors.HexColor("#2e7d4f"), "amber": colors.HexColor("#b7791f"),
                  "red": colors.HexColor("#b23a32")}
VERDICT_PALE = {"green": colors.HexColor("#dcefe2"), "amber": colors.HexColor("#fbeccb"),
                "red": colors.HexColor("#f5d5d1")}


class ReportError(StoreError):
    """A document that cannot be made or written; ``str()`` is one translated sentence."""


def _style(name: str, **values) -> ParagraphStyle:
    base = {"fontName": FONT, "fontSize": 9.5, "leading": 12.5, "textColor": INK, "spaceAfter": 0}
    return ParagraphStyle(name, **{**base, **values})


class Styles:
    """The paragraph styles of every document."""

    title = _style("title", fontName=BOLD, fontSize=22, leading=27, textColor=ACCENT, spaceAfter=4 * mm)
    subtitle = _style("subtitle", fontSize=13, leading=17, textColor=MUTED, spaceAfter=6 * mm)
    h1 = _style("h1", fontName=BOLD, fontSize=14, leading=18, textColor=ACCENT, spaceBefore=7 * mm,
                spaceAfter=3 * mm)
    h2 = _style("h2", fontName=BOLD, fontSize=11, leading=14, textColor=INK, spaceBefore=4.5 * mm,
                spaceAfter=2 * mm)
    question = _style("question", fontName=BOLD, fontSize=9.5, leading=12.5, textColor=ACCENT, spaceBefore=2.5 * mm,
                      spaceAfter=0.8 * mm)
    body = _style("body", spaceAfter=1.5 * mm)
    hint = _style("hint", fontName=ITALIC, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=2 * mm)
    missing = _style("missing", fontName=ITALIC, textColor=MUTED, spaceAfter=1.5 * mm)
    note = _style("note", fontSize=8, leading=10.5, textColor=MUTED, spaceBefore=1.5 * mm, spaceAfter=1.5 * mm)
    note_bullet = _style("note_bullet", fontSize=8, leading=10.5, textColor=MUTED, leftIndent=4 * mm,
                         bulletIndent=0.5 * mm, spaceAfter=1.2 * mm)
    bullet = _style("bullet", leftIndent=5 * mm, bulletIndent=1 * mm, spaceAfter=1 * mm)
    cell = _style("cell", fontSize=8.5, leading=10.5)
    cell_bold = _style("cell_bold", fontName=BOLD, fontSize=8.5, leading=10.5)
    head = _style("head", fontName=BOLD, fontSize=8, leading=10, textColor=INK)
    head_right = _style("head_right", fontName=BOLD, fontSize=8, leading=10, textColor=INK, alignment=TA_RIGHT)


STYLES = Styles()


def text(value: object) -> str:
    """User text made safe for a Paragraph (which reads a little XML), line breaks kept."""
    return escape(str(value)).replace("\r\n", "\n").replace("\n", "<br/>")


def para(value: object, style: ParagraphStyle = STYLES.body) -> Paragraph:
    return Paragraph(text(value), style)


# Room a heading needs below it, or it starts a new page: itself and the first lines or rows under it.
# (ReportLab's keepWithNext would keep the whole next table with it and leave half-empty pages.)
# A section title needs room for its first heading's room as well.
_ROOM = {"h1": 62 * mm, "h2": 32 * mm, "question": 20 * mm}


def heading(value: str, style: ParagraphStyle = STYLES.h2, room: float | None = None) -> list[Flowable]:
    """A heading that starts a new page when less than ``room`` is left below it."""
    return [CondPageBreak(room or _ROOM.get(style.name, 30 * mm)), Paragraph(text(value), style)]


def bullets(items: Sequence[str], style: ParagraphStyle = STYLES.bullet) -> list[Paragraph]:
    return [Paragraph(text(item), style, bulletText="•") for item in items]


@dataclass(frozen=True)
class Column:
    """A table column: its heading, its share of the page width, and whether it holds figures."""

    heading: str
    share: float
    numeric: bool = False


def table(columns: Sequence[Column], rows: Sequence[Sequence[object]], total_rows: int = 0,
          shading: Sequence[tuple[int, int, colors.Color]] = (), font_size: float = 8.5,
          bold_rows: Sequence[int] = ()) -> Table:
    """A full-width table: header row repeated on every page, text wrapped, figures right-aligned on one
    line. The last ``total_rows`` rows are totals. Figures that would not fit their column shrink the
    whole table's type (down to 6 pt) rather than spill over the next column. ``shading`` colours
    single cells: (column, row among ``rows``, colour)."""
    shares = sum(column.share for column in columns)
    widths = _room_for_heading_words(columns, [WIDTH * column.share / shares for column in columns],
                                     min(font_size, 8))
    size = font_size
    for row in rows:
        for column, width, value in zip(columns, widths, row):
            if column.numeric and isinstance(value, str):
                while size > 6 and stringWidth(value, FONT, size) > width - 6.5:
                    size -= 0.25
    cell = ParagraphStyle("cell", parent=STYLES.cell, fontSize=size, leading=size + 2)
    head = ParagraphStyle("head", parent=STYLES.head, fontSize=min(size, 8), leading=min(size, 8) + 2)
    head_right = ParagraphStyle("head_right", parent=head, alignment=TA_RIGHT)
    data: list[list[object]] = [[Paragraph(text(column.heading), head_right if column.numeric else head)
                                 for column in columns]]
    first_total = len(rows) - total_rows
    for index, row in enumerate(rows):
        style = ParagraphStyle("bold", parent=cell, fontName=BOLD) if (
            index >= first_total or index in bold_rows) else cell
        data.append([value if isinstance(value, Flowable) else (
            ("" if value is None else str(value)) if column.numeric else Paragraph(text(value or ""), style))
            for column, value in zip(columns, row)])
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, size),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for number, column in enumerate(columns):
        if column.numeric:
            commands.append(("ALIGN", (number, 1), (number, -1), "RIGHT"))
    for index in range(first_total):
        if index % 2 == 1:
            commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), STRIPE_FILL))
    for index in bold_rows:
        commands.append(("FONT", (0, index + 1), (-1, index + 1), BOLD, size))
    if total_rows:
        commands += [("BACKGROUND", (0, first_total + 1), (-1, -1), TOTAL_FILL),
                     ("LINEABOVE", (0, first_total + 1), (-1, first_total + 1), 0.8, INK),
                     ("FONT", (0, first_total + 1), (-1, -1), BOLD, size)]
    # No header with a single row under it at the foot of a page, and no total alone at the top of the next;
    # but a row of long text may be taller than a page and must stay free to split.
    def short(chosen: Sequence[Sequence[object]]) -> bool:
        return all(len(str(value)) < 240 for row in chosen for value in row if not isinstance(value, Flowable))

    if short(rows[:2]):
        commands.append(("NOSPLIT", (0, 0), (-1, min(2, len(rows)))))
    if total_rows and first_total > 0 and short(rows[first_total - 1:]):
        commands.append(("NOSPLIT", (0, first_total), (-1, -1)))
    for column, row, colour in shading:
        commands.append(("BACKGROUND", (column, row + 1), (column, row + 1), colour))
    result = Table(data, colWidths=widths, repeatRows=1, style=TableStyle(commands), hAlign="LEFT",
                   spaceBefore=1 * mm, spaceAfter=2.5 * mm, splitInRow=1)
    result.font_size = size  # what the figures needed, so that sister tables can match it
    return result


def _room_for_heading_words(columns: Sequence[Column], widths: list[float], size: float) -> list[float]:
    """Widen a column whose heading has a word longer than the column (a word is never broken in two,
    as "Participaci-ón" would be), taking the room from the columns with room to spare."""
    padding = 7
    needed = [max((stringWidth(word, BOLD, size) for word in column.heading.split()), default=0) + padding
              for column in columns]
    short = sum(max(0.0, need - width) for need, width in zip(needed, widths))
    if not short:
        return widths
    spare = [max(0.0, width - need) for need, width in zip(needed, widths)]
    if sum(spare) < short:
        return widths  # nothing to take from: the heading wraps as before
    taken = short / sum(spare)
    return [max(need, width) if need > width else width - room * taken
            for need, width, room in zip(needed, widths, spare)]


def key_values(pairs: Sequence[tuple[str, object]], label_share: float = 0.38) -> Table:
    """Label and value side by side, no header: the cover's particulars, the key figures."""
    label = ParagraphStyle("label", parent=STYLES.cell, fontName=BOLD, textColor=MUTED, fontSize=9, leading=11.5)
    value = ParagraphStyle("value", parent=STYLES.cell, fontSize=9.5, leading=12)
    data = [[Paragraph(text(name), label), item if isinstance(item, Flowable) else Paragraph(text(item), value)]
            for name, item in pairs]
    return Table(data, colWidths=[WIDTH * label_share, WIDTH * (1 - label_share)], hAlign="LEFT", style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]), spaceBefore=1 * mm, spaceAfter=3 * mm, splitInRow=1)


def boxed(flowables: list[Flowable], fill: colors.Color, edge: colors.Color) -> Table:
    """Flowables in a tinted, edged box across the page (verdicts, warnings)."""
    return Table([[flowables]], colWidths=[WIDTH], hAlign="LEFT", style=TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("LINEBEFORE", (0, 0), (0, -1), 4, edge),
        ("BOX", (0, 0), (-1, -1), 0.5, edge),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]), spaceBefore=1.5 * mm, spaceAfter=3 * mm, splitInRow=1)


class NumberedCanvas(Canvas):
    """Holds every page until the end so the footer can say "Page X of Y" (one layout pass, not two)."""

    def __init__(self, *args, footer: Callable[[Canvas, int, int], None], **kwargs):
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(self, number, total)
            super().showPage()
        super().save()


def draw_footer(canvas: Canvas, left: str, middle: str, number: int, total: int) -> None:
    """A thin rule, the document's name on the left, a note in the middle and "Page X of Y" on the right."""
    y = MARGIN_BOTTOM - 9 * mm
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, y + 3.5 * mm, PAGE[0] - MARGIN_X, y + 3.5 * mm)
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(MUTED)
    page_text = _("Page {page} of {total}").format(page=number, total=total)
    canvas.drawRightString(PAGE[0] - MARGIN_X, y, page_text)
    middle = fit(middle, WIDTH * 0.36, 7.5)
    left = fit(left, WIDTH * 0.36, 7.5)
    canvas.drawString(MARGIN_X, y, left)
    # The note sits in the middle of the room the two ends leave.
    start = MARGIN_X + stringWidth(left, FONT, 7.5)
    end = PAGE[0] - MARGIN_X - stringWidth(page_text, FONT, 7.5)
    canvas.drawCentredString((start + end) / 2, y, middle)
    canvas.restoreState()


def fit(value: str, width: float, size: float, font: str = FONT) -> str:
    """``value`` cut with an ellipsis to fit ``width`` points."""
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


def is_amount(value: object) -> bool:
    return isinstance(value, Decimal) and value.is_finite() or isinstance(value, int) and not isinstance(value, bool)


def write_atomically(out: Path, build: Callable[[Path], None]) -> Path:
    """Run ``build`` on a temporary file beside ``out`` and put it in place only once it is complete,
    so a failure (a full disk, a PDF viewer holding the old file) never leaves half a document."""
    out = Path(out)
    if out.is_dir():
        raise ReportError(_("{path} is a folder: give a file name for the document.").format(path=out))
    if not out.parent.is_dir():
        raise ReportError(_("The folder {folder} does not exist.").format(folder=out.parent))
    partial = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        build(partial)
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ReportError(_("The document could not be written to {path}: {reason}.").format(
            path=out, reason=error.strerror or error)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return out


__all__ = [
    "ACCENT", "BOLD", "FONT", "INK", "MARGIN_BOTTOM", "MARGIN_TOP", "MARGIN_X", "MUTED", "PAGE", "RULE", "STYLES",
    "TA_LEFT", "VERDICT_PALE", "VERDICT_STRONG", "WIDTH", "Column", "NumberedCanvas", "ReportError", "boxed",
    "bullets", "draw_footer", "heading", "fit", "is_amount", "key_values", "para", "table", "text", "write_atomically",
]
