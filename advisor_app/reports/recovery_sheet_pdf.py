"""The recovery sheet: the paper kept at the office that opens a protected data file when its passphrase
is forgotten.

One Letter page: which laptop and data file it belongs to, the date, the recovery key in large
fixed-width groups (Courier: every character of the key's alphabet is plain ASCII, and a fixed width
keeps the groups lined up for copying by hand), and what to do with it. In Spanish, English or both,
one above the other. The key is written only to the file the person chose; nothing else keeps it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from advisor_app.i18n import LANGUAGES, _, speaking
from advisor_app.i18n.formatting import date
from advisor_app.reports.document import (
    ACCENT,
    HEADER_FILL,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE,
    RULE,
    WIDTH,
    ReportError,
    text,
    write_atomically,
)
from advisor_app.reports.fonts import BOLD, OBLIQUE, REGULAR, register_fonts

BOTH = "both"
KEY_FONT = "Courier-Bold"  # one of PDF's standard fonts: nothing to embed for A–Z and 0–9
KEY_SIZE = 21
GROUPS_PER_LINE = 5


def _style(name: str, **values) -> ParagraphStyle:
    base = {"fontName": REGULAR, "fontSize": 10.5, "leading": 14, "textColor": INK}
    return ParagraphStyle(name, **{**base, **values})


KICKER = _style("recovery_kicker", fontName=BOLD, fontSize=9, leading=12, textColor=MUTED)
TITLE = _style("recovery_title", fontName=BOLD, fontSize=20, leading=25, textColor=ACCENT, spaceAfter=1 * mm)
SECOND = _style("recovery_second", fontName=OBLIQUE, fontSize=9.5, leading=12.5, textColor=MUTED)
LABEL = _style("recovery_label", fontName=BOLD, fontSize=9, leading=12, textColor=MUTED)
VALUE = _style("recovery_value", fontSize=11, leading=14)
HEADING = _style("recovery_heading", fontName=BOLD, fontSize=12, leading=15, textColor=ACCENT, spaceBefore=5 * mm,
                 spaceAfter=1.5 * mm)
BODY = _style("recovery_body", leftIndent=5 * mm, bulletIndent=1 * mm, spaceAfter=0.5 * mm)
BODY_SECOND = _style("recovery_body_second", fontName=OBLIQUE, fontSize=9.5, leading=12.5, textColor=MUTED,
                     leftIndent=5 * mm, spaceAfter=2 * mm)
WARNING = _style("recovery_warning", fontName=BOLD, fontSize=11, leading=14.5)
KEY = _style("recovery_key", fontName=KEY_FONT, fontSize=KEY_SIZE, leading=KEY_SIZE * 1.55)


def _words(device_name: str, advisor_name: str, data_file_name: str, today: dt.date) -> dict[str, object]:
    """Everything the sheet says, in the language being spoken."""
    return {
        "kicker": _("Community Advisor · recovery key").upper(),
        "title": _("Recovery key of a data file"),
        "labels": [(_("Laptop"), device_name), (_("Advisor"), advisor_name), (_("Data file"), data_file_name),
                   (_("Date"), date(today, "long"))],
        "key_heading": _("The recovery key"),
        "keep_heading": _("Keep this sheet safe"),
        "keep": [
            _("Keep this sheet at the office, locked away: never with the laptop."),
            _("Whoever has this key can open the data on the laptop, without the passphrase."),
        ],
        "use_heading": _("If the passphrase is forgotten"),
        "use": [
            _("Start Community Advisor and, on the start window, choose “I forgot the passphrase: use the recovery "
              "key”."),
            _("Type the key as it is printed here; the dashes and capital letters are optional."),
            _("Then choose a new passphrase in File → Security…"),
        ],
        "lost": _("If you forget the passphrase and lose the recovery key, the data cannot be recovered by anyone."),
    }


def key_lines(recovery_key: str) -> list[str]:
    """The key's groups, ``GROUPS_PER_LINE`` to a line, as the dialog and the sheet show them."""
    groups = [group for group in recovery_key.replace(" ", "").split("-") if group]
    return ["  ".join(groups[start:start + GROUPS_PER_LINE]) for start in range(0, len(groups), GROUPS_PER_LINE)]


def write_recovery_sheet(path_out: Path | str, recovery_key: str, language: str, device_name: str,
                         advisor_name: str, data_file_name: str) -> Path:
    """Write the recovery sheet to ``path_out`` in ``language`` ("es", "en" or "both"); returns the path.
    Raises ``ReportError`` (one sentence) for an unknown language or an output that cannot be written."""
    if language not in (*LANGUAGES, BOTH):
        raise ReportError(_("The recovery sheet prints in Spanish (es), English (en) or both, not “{language}”.").format(
            language=str(language)[:20]))
    register_fonts()
    today = dt.date.today()
    spoken = ["es", "en"] if language == BOTH else [language]
    words = []
    for each in spoken:
        with speaking(each):
            words.append(_words(device_name.strip() or "—", advisor_name.strip() or "—", data_file_name, today))
    first = words[0]
    story = [Paragraph(text(first["kicker"]), KICKER), Paragraph(text(first["title"]), TITLE)]
    story += [Paragraph(text(other["title"]), SECOND) for other in words[1:]]
    story += [Spacer(1, 5 * mm), _details(words), Spacer(1, 4 * mm)]
    story += _headed(words, "key_heading")
    story.append(_key_box(recovery_key))
    for heading, items in (("keep_heading", "keep"), ("use_heading", "use")):
        block = _headed(words, heading)
        for index in range(len(first[items])):
            block.append(Paragraph(text(first[items][index]), BODY, bulletText="•"))
            block += [Paragraph(text(other[items][index]), BODY_SECOND) for other in words[1:]]
            if len(words) == 1:
                block.append(Spacer(1, 1.5 * mm))
        story.append(KeepTogether(block))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(text(first["lost"]), WARNING))
    story += [Paragraph(text(other["lost"]), SECOND) for other in words[1:]]
    with speaking(spoken[0]):
        title, author = _("Recovery key of a data file"), _("Community Advisor")

    def build(path: Path) -> None:
        document = SimpleDocTemplate(str(path), pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                                     topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title, author=author,
                                     creator=author, lang=spoken[0], initialFontName=REGULAR)
        document.build(story)

    return write_atomically(Path(path_out), build)


def _details(words: list[dict]) -> Table:
    """Laptop, advisor, data file and date: labels in every language asked for, values once."""
    rows = []
    for index, (label, value) in enumerate(words[0]["labels"]):
        labels = " / ".join(each["labels"][index][0] for each in words)
        rows.append([Paragraph(text(labels), LABEL), Paragraph(text(value), VALUE)])
    return Table(rows, colWidths=[48 * mm, WIDTH - 48 * mm], hAlign="LEFT", style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]))


def _headed(words: list[dict], key: str) -> list:
    heading = " / ".join(str(each[key]) for each in words)
    return [Paragraph(text(heading), HEADING)]


def _key_box(recovery_key: str) -> Table:
    # A Paragraph collapses spaces: the gap between groups is kept with non-breaking ones.
    lines = [[Paragraph("&nbsp;&nbsp;&nbsp;".join(text(group) for group in line.split()), KEY)]
             for line in key_lines(recovery_key)]
    return Table(lines, colWidths=[WIDTH], hAlign="LEFT", style=TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
        ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 7 * mm),
        ("TOPPADDING", (0, 0), (-1, 0), 4 * mm),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 4 * mm),
    ]))


__all__ = ["BOTH", "key_lines", "write_recovery_sheet"]
