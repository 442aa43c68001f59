"""A workshop's attendance sheet: the paper passed round the room for each person to sign.

Letter, landscape, so the signature column is wide enough to sign in. The top of the first page says
which workshop it is (title, date, place, facilitator, hours, competencies); then one numbered row per
person expected, by surname as the registry lists them, with their organization and room to sign; then
empty numbered rows for those who come without being on the list: at least ``WALK_IN_ROWS``, and as
many more as fill the last page. A person removed from the registry since they were put on the list
stays on it: the paper records who was invited.

The sheet is written in the language asked for, whatever the screen shows, in DejaVu Sans (embedded,
so accents and ñ print the same everywhere), with "Page X of Y" and the workshop's title and date at
the foot of every page (pages come apart on a clipboard), and put in place only once complete.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LayoutError,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from advisor_app.domain.training import topic_names
from advisor_app.i18n import LANGUAGES, _, speaking
from advisor_app.i18n.formatting import date, number
from advisor_app.reports.document import (
    ACCENT,
    HEADER_FILL,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    RULE,
    NumberedCanvas,
    ReportError,
    fit,
    text,
    write_atomically,
)
from advisor_app.reports.fonts import BOLD, OBLIQUE, REGULAR, register_fonts
from advisor_app.store.database import records
from advisor_app.store.training import attendance, topics_of

SHEET = landscape(LETTER)
WIDTH = SHEET[0] - 2 * MARGIN_X
FRAME_HEIGHT = SHEET[1] - MARGIN_TOP - MARGIN_BOTTOM
ROW = 10 * mm              # room to sign: the least a row is tall
WALK_IN_ROWS = 5           # empty rows for people not on the list, at least
CELL_PADDING = 3
# Column shares of the width: No., name, organization, signature.
SHARES = (0.045, 0.3, 0.31, 0.345)
# Room kept free when filling the last page, so that a rounding never pushes one row onto a new page.
SLACK = 4
FACILITATOR_ROOM = 11 * mm  # room for the facilitator to sign, in the sheet's particulars


def _style(name: str, **values) -> ParagraphStyle:
    base = {"fontName": REGULAR, "fontSize": 9.5, "leading": 12, "textColor": INK}
    return ParagraphStyle(name, **{**base, **values})


class SheetStyles:
    kicker = _style("sheet_kicker", fontName=BOLD, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=1 * mm)
    title = _style("sheet_title", fontName=BOLD, fontSize=16, leading=20, textColor=ACCENT, spaceAfter=2.5 * mm)
    label = _style("sheet_label", fontName=BOLD, fontSize=8, leading=11, textColor=MUTED)
    value = _style("sheet_value", fontSize=9.5, leading=12)
    hint = _style("sheet_hint", fontName=OBLIQUE, fontSize=8.5, leading=11, textColor=MUTED)
    head = _style("sheet_head", fontName=BOLD, fontSize=8.5, leading=10.5)
    head_number = _style("sheet_head_number", fontName=BOLD, fontSize=8.5, leading=10.5, alignment=TA_CENTER)
    number = _style("sheet_number", fontSize=9, leading=11, textColor=MUTED, alignment=TA_CENTER)
    name = _style("sheet_name", fontSize=9.5, leading=12)
    organization = _style("sheet_organization", fontSize=8.5, leading=10.5)


STYLES = SheetStyles()


def render_attendance(source: Any, workshop_id: str, language: str, out: Path | str) -> Path:
    """Write the attendance sheet of workshop ``workshop_id`` in ``language`` ("es" or "en") to ``out``;
    returns the path.

    ``source`` is a ``Repository`` or a ``Store`` (anything with ``.conn``) or a sqlite3 connection.
    Raises ``ReportError`` (one translated sentence, in the sheet's language) for an unknown or deleted
    workshop, a language other than es or en, or an output that cannot be written; nothing is written
    then, and a file already at ``out`` is left as it was.
    """
    if language not in LANGUAGES:
        raise ReportError(_("Attendance sheets print in Spanish (es) or English (en), not “{language}”.").format(
            language=str(language)[:20]))
    conn = source.conn if hasattr(source, "conn") else source
    with speaking(language):
        found = records(conn.execute("SELECT * FROM workshops WHERE id = ?", (workshop_id,)))
        if not found:
            raise ReportError(_("No workshop has the id {id}.").format(id=str(workshop_id)[:40]))
        workshop = found[0]
        if workshop["deleted"]:
            raise ReportError(_("This workshop no longer exists."))
        register_fonts()
        people = _people(conn, workshop_id)
        title = (workshop.get("title") or "").strip() or _("Workshop")
        held_on = _date(workshop.get("held_on"))
        header = _header(workshop, title, held_on)
        sheet = _sheet(people, header)
        story = [*header, sheet]
        author, subject = _("Community Advisor"), _("Attendance sheet")
        foot = _FootLine(title, date(held_on, "long") if held_on else "", _("Page {page} of {total}"))
        layout_failed = _("The attendance sheet could not be laid out on the page: {reason}")

        def build(path: Path) -> None:
            document = BaseDocTemplate(
                str(path), pagesize=SHEET, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                bottomMargin=MARGIN_BOTTOM, title=title, author=author, subject=subject, creator=author,
                lang=language, initialFontName=REGULAR)
            # No padding inside the frame: the rows get the full width and the height counted for them.
            frame = Frame(MARGIN_X, MARGIN_BOTTOM, WIDTH, FRAME_HEIGHT, leftPadding=0, rightPadding=0,
                          topPadding=0, bottomPadding=0, id="sheet")
            document.addPageTemplates([PageTemplate("page", [frame])])
            try:
                document.build(story, canvasmaker=partial(NumberedCanvas, footer=foot.draw))
            except LayoutError as error:
                raise ReportError(layout_failed.format(reason=error)) from None

        return write_atomically(Path(out), build)


# --- What the sheet prints -------------------------------------------------------------------------

def _people(conn: sqlite3.Connection, workshop_id: str) -> list[tuple[str, str]]:
    """(name as "Surname Surname, Given names", organization) of each person expected, in the list's order."""
    expected = attendance(conn, workshop_id)
    ids = [row["person_id"] for row in expected]
    names: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chosen = ids[start:start + 500]
        for person in records(conn.execute(
                "SELECT id, given_names, first_surname, second_surname FROM people WHERE id IN "
                f"({', '.join('?' * len(chosen))})", chosen)):
            surnames = " ".join(part.strip() for part in (person["first_surname"], person["second_surname"])
                                if part and part.strip())
            given = (person["given_names"] or "").strip()
            names[person["id"]] = ", ".join(part for part in (surnames, given) if part)
    return [(names.get(row["person_id"]) or (row["name"] or "").strip(), (row["organization"] or "").strip())
            for row in expected]


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _hours(value: Any) -> str:
    if value is None or not str(value).strip():
        return ""
    try:
        return number(Decimal(str(value)).normalize())
    except InvalidOperation:
        return str(value)


def _competencies(raw: Any) -> str:
    return topic_names(topics_of(raw))


def _header(workshop: dict[str, Any], title: str, held_on: dt.date | None) -> list[Flowable]:
    """The kicker, the workshop's title, its particulars in two columns, and how to fill in the sheet."""
    hours = _hours(workshop.get("hours"))
    pairs = [
        (_("Date"), date(held_on, "long") if held_on else ""),
        (_("Place"), workshop.get("place") or ""),
        (_("Facilitator"), workshop.get("facilitator") or ""),
        (_("Hours"), hours),
    ]
    competencies = _competencies(workshop.get("topics"))

    def cell(value: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(text(value.strip() or "—"), style)

    label_width, gap = 26 * mm, 8 * mm
    value_width = (WIDTH - 2 * label_width - gap) / 2
    data = [[cell(pairs[index][0], STYLES.label), cell(pairs[index][1], STYLES.value), "",
             cell(pairs[index + 1][0], STYLES.label), cell(pairs[index + 1][1], STYLES.value)]
            for index in (0, 2)]
    # The facilitator signs the sheet too, attesting who attended: a line beside the competencies.
    data.append([cell(_("Competencies"), STYLES.label), cell(competencies, STYLES.value), "",
                 cell(_("Facilitator's signature"), STYLES.label), ""])
    details = Table(data, colWidths=[label_width, value_width, gap, label_width, value_width], hAlign="LEFT",
                    rowHeights=[None, None, FACILITATOR_ROOM],
                    style=TableStyle([
                        ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                        ("LINEBELOW", (0, 0), (1, -1), 0.4, RULE),
                        ("LINEBELOW", (3, 0), (4, -2), 0.4, RULE),
                        ("LINEBELOW", (4, -1), (4, -1), 0.7, INK),
                    ]))
    return [
        Paragraph(text(_("Attendance sheet").upper()), STYLES.kicker),
        Paragraph(text(title), STYLES.title),
        details,
        Spacer(1, 3 * mm),
        Paragraph(text(_("Sign beside your name. If your name is not on the list, write your name and "
                         "organization in an empty row and sign.")), STYLES.hint),
        Spacer(1, 2.5 * mm),
    ]


def _sheet(people: list[tuple[str, str]], header: list[Flowable]) -> Table:
    """The numbered rows to sign: the people expected, then the empty rows for walk-ins."""
    widths = [WIDTH * share for share in SHARES]
    heading = [Paragraph(text(_("No.")), STYLES.head_number), Paragraph(text(_("Name")), STYLES.head),
               Paragraph(text(_("Organization")), STYLES.head), Paragraph(text(_("Signature")), STYLES.head)]
    data: list[list[Any]] = [heading]
    heights: list[float] = [_height(heading, widths, 0)]
    for index, (name, organization) in enumerate(people, start=1):
        row = [Paragraph(str(index), STYLES.number), Paragraph(text(name), STYLES.name),
               Paragraph(text(organization), STYLES.organization), ""]
        data.append(row)
        heights.append(_height(row, widths, ROW))
    used = sum(_flowable_height(flowable) for flowable in header)
    blanks = _walk_in_rows(heights, FRAME_HEIGHT - used)
    for index in range(len(people) + 1, len(people) + blanks + 1):
        data.append([Paragraph(str(index), STYLES.number), "", "", ""])
        heights.append(ROW)
    first_blank = len(people) + 1
    commands = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 9),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
        ("LINEAFTER", (0, 0), (-2, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
    ]
    if people:  # the walk-ins start below a firmer line
        commands.append(("LINEABOVE", (0, first_blank), (-1, first_blank), 0.9, MUTED))
    return Table(data, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="LEFT",
                 style=TableStyle(commands))


def _height(row: list[Any], widths: list[float], least: float) -> float:
    """A row's height: ``least``, or what its tallest cell needs."""
    needed = 0.0
    for value, width in zip(row, widths):
        if isinstance(value, Flowable):
            needed = max(needed, value.wrap(width - 2 * CELL_PADDING, 10_000)[1])
    return max(least, needed + 2 * CELL_PADDING)


def _flowable_height(flowable: Flowable) -> float:
    height = flowable.wrap(WIDTH, FRAME_HEIGHT)[1]
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _walk_in_rows(heights: list[float], first_room: float) -> int:
    """How many empty rows: at least ``WALK_IN_ROWS``, then as many as fill the page the last one is on.

    ``heights`` are the table's rows so far, the heading first (repeated on every page); ``first_room``
    is the height left on the first page under the sheet's header."""
    heading = heights[0]
    room = first_room - heading - SLACK
    for height in [*heights[1:], *[ROW] * WALK_IN_ROWS]:
        if height > room:  # the row starts a new page, under the repeated heading
            room = FRAME_HEIGHT - heading - SLACK
        room -= height
    return WALK_IN_ROWS + max(0, int(room // ROW))


# --- The foot of every page ------------------------------------------------------------------------

class _FootLine:
    """A thin rule; the workshop's title on the left, its date in the middle, "Page X of Y" on the right."""

    def __init__(self, title: str, held_on: str, page: str) -> None:
        self.title, self.held_on, self.page = title, held_on, page

    def draw(self, canvas: Canvas, number: int, total: int) -> None:
        y = MARGIN_BOTTOM - 9 * mm
        right = SHEET[0] - MARGIN_X
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, y + 3.5 * mm, right, y + 3.5 * mm)
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        page_text = self.page.format(page=number, total=total)
        canvas.drawRightString(right, y, page_text)
        left = fit(self.title, WIDTH * 0.45, 7.5, REGULAR)
        canvas.drawString(MARGIN_X, y, left)
        middle = fit(self.held_on, WIDTH * 0.25, 7.5, REGULAR)
        start = MARGIN_X + canvas.stringWidth(left, REGULAR, 7.5)
        end = right - canvas.stringWidth(page_text, REGULAR, 7.5)
        canvas.drawCentredString((start + end) / 2, y, middle)
        canvas.restoreState()


__all__ = ["WALK_IN_ROWS", "render_attendance"]
