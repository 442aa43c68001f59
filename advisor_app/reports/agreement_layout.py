"""The agreement PDF: what the parties read, initial and sign.

A contract's shape as Mexican offices know it: the title, the place and date, the preamble naming the
parties, their DECLARACIONES, the CLÁUSULAS ("PRIMERA. Objeto.") in justified paragraphs and a
signature block per signatory, two to a row. Printed in Spanish, in English, or both side by side:
clause by clause in two columns (Spanish left, English right), so each reader follows the same clause
on the same line.

Every page says which record it came from: a header with the title, folio and version, and a footer
with "Page X of Y", the SHA-256 of the agreement's text and a QR code holding
``ADVISOR-AGREEMENT:{folio}:V{version}:{hash}`` (``:DRAFT`` before the hash of a draft), so a signed
paper copy can be matched to its version (``advisor-app verify``). A draft prints "not for signature"
across each page and says its code is not on record.
The text is set in DejaVu Sans, embedded, so accents and ñ print the same on every computer.

The ``Document`` is finished text: this module only lays it out, and writes nothing unless the whole
file was made (``write_atomically``).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    LayoutError,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from advisor_app.domain.agreements.document import Document
from advisor_app.domain.agreements.words import clause_heading
from advisor_app.i18n import _, speaking
from advisor_app.reports.agreement_page import Edition, decorate, qr_value
from advisor_app.reports.agreement_styles import STYLES, Labels, pair
from advisor_app.reports.agreement_signatures import signature_lines, signature_lines_both, signatures
from advisor_app.reports.document import (
    MARGIN_X,
    PAGE,
    RULE,
    WIDTH,
    NumberedCanvas,
    ReportError,
    text,
    write_atomically,
)
from advisor_app.reports.fonts import REGULAR, register_fonts

PRINT_LANGUAGES = ("es", "en", "both")
TOP = 24 * mm          # the header sits above
BOTTOM = 38 * mm       # the footer (QR code, fingerprint, page) sits below
GUTTER = 7 * mm        # between the Spanish and English columns
HALF = (WIDTH - GUTTER) / 2
# Room a heading needs below it, or it starts a new page: a clause's heading and its first three lines;
# a section's heading and its first clause's room.
CLAUSE_ROOM = 24 * mm
SECTION_ROOM = 40 * mm


def write_agreement_pdf(documents: dict[str, Document], language: str, content_hash: str, out: Path | str,
                        draft: bool | None = None) -> Path:
    """Write the agreement as a PDF in ``language`` ("es", "en" or "both": side by side) to ``out``.

    ``documents`` holds the agreement's ``Document`` per language ("es" and "en" for "both", with the
    same clauses in the same order); ``content_hash`` is ``document.content_hash(documents)``.
    ``draft``: True prints the draft mark, False none; None (the default) marks every status other
    than ready to sign or signed with the status's name. Raises ``ReportError`` (one translated
    sentence) for a missing text or an output that cannot be written; a file already at ``out`` is
    left as it was.
    """
    if language not in PRINT_LANGUAGES:
        raise ReportError(_("Agreements print in Spanish, English or both side by side, not “{language}”.").format(
            language=language))
    languages = ("es", "en") if language == "both" else (language,)
    for code in languages:
        if code not in documents:
            raise ReportError({"es": _("The agreement has no Spanish text to print."),
                               "en": _("The agreement has no English text to print.")}[code])
    if language == "both" and (
            [clause.clause_id for clause in documents["es"].clauses] != [
                clause.clause_id for clause in documents["en"].clauses]
            or len(documents["es"].signatories) != len(documents["en"].signatories)):
        raise ReportError(_("The Spanish and English texts of this agreement do not have the same clauses and "
                            "signatories; assemble them again before printing them side by side."))
    register_fonts()
    labels = {}
    for code in languages:
        with speaking(code):
            labels[code] = Labels.current()
    first = documents[languages[0]]
    edition = _edition(documents, languages, labels, content_hash, draft)
    if language == "both":
        story = _story_both(documents["es"], documents["en"], labels["es"], labels["en"], edition.status)
    else:
        story = _story_one(first, labels[language], edition.status[0])
    with speaking(languages[0]):
        author, subject = _("Community Advisor"), _("Agreement")
    layout_failed = _("The agreement could not be laid out on the page: {reason}")

    def build(path: Path) -> None:
        document = BaseDocTemplate(
            str(path), pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=TOP,
            bottomMargin=BOTTOM, title=edition.title, author=author, subject=subject, creator=author,
            keywords=edition.qr_value,  # what ``advisor-app verify --pdf`` reads
            lang=languages[0], initialFontName=REGULAR)
        # No padding inside the frame: the text lines up with the header's and footer's rules, and the
        # side-by-side tables get the full width.
        frame = Frame(MARGIN_X, BOTTOM, WIDTH, PAGE[1] - TOP - BOTTOM, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id="text")
        document.addPageTemplates([PageTemplate("page", [frame])])
        try:
            document.build(story, canvasmaker=partial(NumberedCanvas, footer=partial(decorate, edition)))
        except LayoutError as error:
            raise ReportError(layout_failed.format(reason=error)) from None

    return write_atomically(Path(out), build)


def _marked_status(document: Document, labels: Labels, draft: bool | None) -> str:
    """The status to show on the paper, or "" for a version ready to sign or signed."""
    if draft is True:
        return labels.draft
    if draft is False or not document.status.strip() or document.status in labels.finished:
        return ""
    return document.status.strip()


def _edition(documents: dict[str, Document], languages: Sequence[str], labels: dict[str, Labels], content_hash: str,
             draft: bool | None) -> Edition:
    first = documents[languages[0]]
    folio = labels[languages[0]].folio.format(folio=first.folio)
    version = pair(*(labels[code].version.format(version=first.version) for code in languages))
    statuses = [_marked_status(documents[code], labels[code], draft) for code in languages]
    # A draft (printed as one, or whose status is draft) is not for signature and its hash is not on record.
    is_draft = draft is True or (draft is None and first.status == labels[languages[0]].draft)
    return Edition(
        title=pair(*(documents[code].title for code in languages)),
        folio_line=f"{folio} · {version}",
        mark=pair(*(status.upper() for status in statuses)),
        status=tuple(labels[code].status.format(status=status) if status else ""
                     for code, status in zip(languages, statuses)),
        page=tuple(labels[code].page for code in languages),
        fingerprint=tuple(labels[code].draft_fingerprint if is_draft else labels[code].fingerprint
                          for code in languages),
        content_hash=content_hash,
        qr_value=qr_value(first.folio, first.version, content_hash, is_draft),
        watermark=is_draft,
        initials=pair(*(labels[code].initials for code in languages)),
    )


# --- One language --------------------------------------------------------------------------------------

def _paragraphs(values: Sequence[str], style: ParagraphStyle) -> list[Flowable]:
    return [Paragraph(text(value), style) for value in values if value and value.strip()]


def _story_one(document: Document, labels: Labels, status: str) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(text(document.title), STYLES.title)]
    if status:
        story.append(Paragraph(text(status), STYLES.status))
    if document.place_and_date.strip():
        story.append(Paragraph(text(document.place_and_date), STYLES.place))
    story += _paragraphs([document.preamble], STYLES.body)
    if document.declarations:
        story += [CondPageBreak(SECTION_ROOM), Paragraph(text(labels.declarations.upper()), STYLES.section)]
        story += _paragraphs(document.declarations, STYLES.body)
    if document.clauses:
        story += [CondPageBreak(SECTION_ROOM), Paragraph(text(labels.clauses.upper()), STYLES.section)]
    for clause in document.clauses:
        story += [CondPageBreak(CLAUSE_ROOM),
                  Paragraph(text(clause_heading(clause.number, clause.heading, document.language)), STYLES.clause)]
        story += _paragraphs(clause.paragraphs, STYLES.body)
    story += _paragraphs([document.closing], STYLES.body)
    story += signatures([signature_lines(signatory, labels) for signatory in document.signatories],
                         labels.signatures.upper(), labels.signature)
    return story


# --- Both languages, side by side ----------------------------------------------------------------------

_PAIRED = TableStyle([
    ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (0, -1), 0),
    ("RIGHTPADDING", (0, 0), (0, -1), GUTTER / 2),
    ("LEFTPADDING", (1, 0), (1, -1), GUTTER / 2),
    ("RIGHTPADDING", (1, 0), (1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2 * mm),
    ("LINEAFTER", (0, 0), (0, -1), 0.4, RULE),
])


def _paired(rows: list[tuple[Paragraph | str, Paragraph | str]], space_before: float = 0) -> Table:
    """Spanish left, English right; splits between rows and, for a long paragraph, inside one."""
    return Table([list(row) for row in rows], colWidths=[HALF + GUTTER / 2] * 2, style=_PAIRED, hAlign="LEFT",
                 splitInRow=1, spaceBefore=space_before)


def _cells(spanish: Sequence[str], english: Sequence[str], style: ParagraphStyle) -> list[tuple]:
    rows = []
    for index in range(max(len(spanish), len(english))):
        left = spanish[index] if index < len(spanish) else ""
        right = english[index] if index < len(english) else ""
        rows.append((Paragraph(text(left), style) if left else "", Paragraph(text(right), style) if right else ""))
    return rows


def _story_both(spanish: Document, english: Document, es: Labels, en: Labels,
                status: tuple[str, ...]) -> list[Flowable]:
    top = [(Paragraph(text(spanish.title), STYLES.cell_title), Paragraph(text(english.title), STYLES.cell_title))]
    top += _cells([status[0]], [status[1]], STYLES.cell_status)
    top += _cells([spanish.place_and_date.strip()], [english.place_and_date.strip()], STYLES.cell_place)
    top += _cells([spanish.preamble], [english.preamble], STYLES.cell)
    story: list[Flowable] = [_paired([row for row in top if row != ("", "")])]
    if spanish.declarations or english.declarations:
        story += [CondPageBreak(SECTION_ROOM), _paired(
            [(Paragraph(text(es.declarations.upper()), STYLES.cell_section),
              Paragraph(text(en.declarations.upper()), STYLES.cell_section)),
             *_cells(spanish.declarations, english.declarations, STYLES.cell)], space_before=2 * mm)]
    if spanish.clauses:
        story += [CondPageBreak(SECTION_ROOM), _paired(
            [(Paragraph(text(es.clauses.upper()), STYLES.cell_section),
              Paragraph(text(en.clauses.upper()), STYLES.cell_section))], space_before=2 * mm)]
    for left, right in zip(spanish.clauses, english.clauses):
        story += [CondPageBreak(CLAUSE_ROOM), _paired(
            [(Paragraph(text(clause_heading(left.number, left.heading, "es")), STYLES.cell_clause),
              Paragraph(text(clause_heading(right.number, right.heading, "en")), STYLES.cell_clause)),
             *_cells(left.paragraphs, right.paragraphs, STYLES.cell)])]
    if spanish.closing or english.closing:
        story.append(_paired(_cells([spanish.closing], [english.closing], STYLES.cell), space_before=2 * mm))
    blocks = [signature_lines_both(left, right, es, en)
              for left, right in zip(spanish.signatories, english.signatories)]
    story += signatures(blocks, pair(es.signatures.upper(), en.signatures.upper()), pair(es.signature, en.signature))
    return story


__all__ = ["PRINT_LANGUAGES", "Labels", "pair", "write_agreement_pdf"]
