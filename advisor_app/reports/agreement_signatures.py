"""The signatures of an agreement: a block per signatory, two to a row (room to sign, the line, the
name and the lines under it: office, whom they sign for, identification)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from advisor_app.domain.agreements.document import Signatory
from advisor_app.domain.agreements.grammar import contracted
from advisor_app.reports.agreement_styles import STYLES, Labels, pair
from advisor_app.reports.document import INK, WIDTH, text
from advisor_app.reports.fonts import REGULAR


def signature_lines(signatory: Signatory, labels: Labels) -> tuple[str, list[str]]:
    """The name, and the lines under it: role, whom they sign for, identification."""
    details = [signatory.role.strip()]
    if signatory.on_behalf_of.strip():
        details.append(contracted(labels.on_behalf_of.format(name=signatory.on_behalf_of.strip())))
    details.append(signatory.id_line.strip())
    return signatory.name.strip(), [line for line in details if line]


def signature_lines_both(spanish: Signatory, english: Signatory, es: Labels, en: Labels) -> tuple[str, list[str]]:
    details = [pair(spanish.role.strip(), english.role.strip())]
    if spanish.on_behalf_of.strip():
        details.append(contracted(es.on_behalf_of.format(name=spanish.on_behalf_of.strip())))
    if english.on_behalf_of.strip():
        line = en.on_behalf_of.format(name=english.on_behalf_of.strip())
        if line not in details:
            details.append(line)
    details.append(_same_value_pair(spanish.id_line.strip(), english.id_line.strip()))
    return spanish.name.strip() or english.name.strip(), [line for line in details if line]


def _same_value_pair(spanish: str, english: str) -> str:
    """"Identificación / ID: CURP X" rather than the number twice, when only the label differs."""
    es_label, _sep, es_value = spanish.partition(": ")
    en_label, _sep, en_value = english.partition(": ")
    if es_value and es_value == en_value:
        return spanish if es_label == en_label else f"{es_label} / {en_label}: {es_value}"
    return pair(spanish, english)


SIGN_ROOM = 17 * mm   # blank space above the line


def signatures(blocks: list[tuple[str, list[str]]], title: str, label: str) -> list[Flowable]:
    """The signatures' heading, then the blocks two to a row: room to sign, the line, the name and the
    lines under it. A row of blocks never splits, and the heading stays with the first row."""
    if not blocks:
        return []
    gap = 14 * mm
    column = (WIDTH - gap) / 2
    data: list[list[object]] = [[Paragraph(text(title), STYLES.section), "", ""]]
    heights: list[float | None] = [None]
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("SPAN", (0, 0), (-1, 0)),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 2 * mm),
        ("NOSPLIT", (0, 0), (-1, 3)),
    ]

    def cells(chosen: list[tuple[str, list[str]]], make) -> list[object]:
        return [make(chosen[0]), "", make(chosen[1]) if len(chosen) > 1 else ""]

    for start in range(0, len(blocks), 2):
        chosen = blocks[start:start + 2]
        row = len(data)
        data.append(cells(chosen, lambda block: Paragraph(text(label), STYLES.sign_label)))
        data.append(cells(chosen, lambda block: Paragraph(text(block[0]), STYLES.sign_name)))
        data.append(cells(chosen, lambda block: Paragraph("<br/>".join(text(line) for line in block[1]),
                                                           STYLES.sign_detail)))
        heights += [SIGN_ROOM, None, None]
        commands += [("LINEABOVE", (0, row + 1), (0, row + 1), 0.7, INK),
                     ("TOPPADDING", (0, row + 1), (-1, row + 1), 1.5 * mm),
                     ("BOTTOMPADDING", (0, row + 2), (-1, row + 2), 9 * mm),
                     ("NOSPLIT", (0, row), (-1, row + 2))]
        if len(chosen) > 1:
            commands.append(("LINEABOVE", (2, row + 1), (2, row + 1), 0.7, INK))
    return [Spacer(1, 5 * mm), Table(data, colWidths=[column, gap, column], rowHeights=heights,
                                     style=TableStyle(commands), hAlign="LEFT")]




__all__ = ["signature_lines", "signature_lines_both", "signatures"]
