"""What every page of an agreement carries: the header (title, folio, version, the draft mark), the
footer (a QR code of the content hash, the hash, "Page X of Y"), so a printed copy can be matched to the
version in the record, a margin for the parties' initials on every page but the last, and across a
draft's pages "BORRADOR — sin validez para firma / DRAFT — not for signature".

The QR code's modules are 0.66 mm: a photocopy scanned at 100 dpi still gives each module 2.6 pixels,
which a phone or ``advisor-app verify`` decodes (the tests decode a page rendered at 100 dpi)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from advisor_app.reports.document import INK, MARGIN_X, MUTED, PAGE, RULE, WIDTH, fit
from advisor_app.reports.fonts import BOLD, REGULAR

QR_MODULE = 0.66 * mm
QR_MAX = 27 * mm            # 41 modules; longer folios shrink the modules rather than the text's room
QR_FORM = "agreementQr"
QR_PREFIX = "ADVISOR-AGREEMENT"
WATERMARK = ("BORRADOR — sin validez para firma", "DRAFT — not for signature")
INITIALS_ROOM = 12 * mm     # the strip of the right margin where the parties initial each page
MARK = colors.HexColor("#b23a32")   # the draft mark


@dataclass(frozen=True)
class Edition:
    """What the header and footer print on every page."""

    title: str
    folio_line: str
    mark: str                 # "BORRADOR", or empty
    status: tuple[str, ...]   # the first page's "Estado: Borrador" in each language printed, or empty
    page: tuple[str, ...]     # "Page {page} of {total}" in each language printed
    fingerprint: tuple[str, ...]
    content_hash: str
    qr_value: str
    watermark: bool = False   # a draft: "not for signature" across each page
    initials: str = ""        # "Rúbricas / Initials": the label of the initials margin


def qr_value(folio: str, version: int, content_hash: str, draft: bool) -> str:
    """"ADVISOR-AGREEMENT:COF-2026-3F9A1C:V2:<hash>", with ":DRAFT" before the hash of a draft; in
    capitals, so the QR code's compact alphanumeric mode holds it in 37 modules."""
    marker = ":DRAFT" if draft else ""
    return f"{QR_PREFIX}:{folio}:V{version}{marker}:{content_hash}".upper()



@lru_cache(maxsize=32)
def _qr_modules(value: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's dark modules, row by row from the top (error correction M)."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    return tuple(tuple(bool(dark) for dark in row) for row in code.modules)


def _define_qr(canvas: Canvas, value: str) -> None:
    """The QR code as one form, drawn once and placed on every page (in module units, 0 to n)."""
    modules = _qr_modules(value)
    count = len(modules)
    canvas.beginForm(QR_FORM, 0, 0, count, count)
    path = canvas.beginPath()
    for index, row in enumerate(modules):
        y = count - index - 1
        column = 0
        while column < count:
            if row[column]:
                start = column
                while column < count and row[column]:
                    column += 1
                path.rect(start, y, column - start, 1)
            else:
                column += 1
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.endForm()


def qr_size(value: str) -> float:
    return min(len(_qr_modules(value)) * QR_MODULE, QR_MAX)


def _watermark(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setFillColor(MARK)
    canvas.setFillAlpha(0.16)
    canvas.translate(PAGE[0] / 2, PAGE[1] / 2)
    canvas.rotate(52)
    for offset, line in zip((9 * mm, -9 * mm), WATERMARK):
        size = 30
        while canvas.stringWidth(line, BOLD, size) > PAGE[1] * 0.8 and size > 12:
            size -= 1
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(0, offset, line)
    canvas.restoreState()


def _initials(canvas: Canvas, label: str, bottom: float, top: float) -> None:
    """A thin box in the right margin, labelled along its side, where each party initials the page."""
    left = PAGE[0] - MARGIN_X + 3 * mm
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.rect(left, bottom, INITIALS_ROOM, top - bottom, stroke=1, fill=0)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 6)
    canvas.translate(left + INITIALS_ROOM - 2 * mm, bottom + 2 * mm)
    canvas.rotate(90)
    canvas.drawString(0, 0, fit(label, top - bottom - 4 * mm, 6))
    canvas.restoreState()


def decorate(edition: Edition, canvas: Canvas, number: int, total: int) -> None:
    """Header and footer of page ``number`` of ``total``."""
    right_edge = PAGE[0] - MARGIN_X
    if edition.watermark:
        _watermark(canvas)
    canvas.saveState()
    # Header: the title on the left; the mark, folio and version on the right.
    y = PAGE[1] - 13 * mm
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 7.5)
    folio_line = edition.folio_line
    canvas.drawRightString(right_edge, y, folio_line)
    used = canvas.stringWidth(folio_line, REGULAR, 7.5)
    if edition.mark:
        mark = fit(edition.mark, WIDTH * 0.3, 7.5, BOLD)
        canvas.setFont(BOLD, 7.5)
        canvas.setFillColor(MARK)
        canvas.drawRightString(right_edge - used - 3 * mm, y, mark)
        used += canvas.stringWidth(mark, BOLD, 7.5) + 3 * mm
    canvas.setFont(BOLD, 7.5)
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN_X, y, fit(edition.title, WIDTH - used - 6 * mm, 7.5, BOLD))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, y - 2.5 * mm, right_edge, y - 2.5 * mm)
    # Footer: a rule; the QR code, the fingerprint; "Page X of Y" on the right.
    bottom = 7 * mm
    size = qr_size(edition.qr_value)
    canvas.line(MARGIN_X, bottom + size + 3 * mm, right_edge, bottom + size + 3 * mm)
    if edition.initials and number < total:
        _initials(canvas, edition.initials, bottom + size + 6 * mm, y - 6 * mm)
    if not canvas.hasForm(QR_FORM):
        _define_qr(canvas, edition.qr_value)
    count = len(_qr_modules(edition.qr_value))
    canvas.saveState()
    canvas.translate(MARGIN_X, bottom)
    canvas.scale(size / count, size / count)
    canvas.doForm(QR_FORM)
    canvas.restoreState()
    pages = " / ".join(page.format(page=number, total=total) for page in edition.page)
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(INK)
    canvas.drawRightString(right_edge, bottom + size - 2.5 * mm, pages)
    left = MARGIN_X + size + 4 * mm
    canvas.setFont(BOLD, 7.5)
    canvas.drawString(left, bottom + size - 2.5 * mm, f"SHA-256: {edition.content_hash[:16]}…")
    canvas.setFont(REGULAR, 5.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, bottom + size - 6.5 * mm, fit(edition.content_hash, right_edge - left, 5.5))
    canvas.setFont(REGULAR, 6.5)
    y = bottom + size - 10.5 * mm
    for line in edition.fingerprint:
        canvas.drawString(left, y, fit(line, right_edge - left, 6.5))
        y -= 3 * mm
    canvas.restoreState()
