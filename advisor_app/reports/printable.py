"""Characters the PDF's typeface cannot draw (most emoji, some symbols) print as a visible placeholder,
never as a black square or nothing at all.

DejaVu Sans draws Latin, accents, many symbols and the emoticons block (😀), but not most emoji (🌶,
flags, skin tones). A name or a note typed with one would print as the font's blank glyph. Instead each
run of characters it lacks, with the joiners and variation selectors that belong to them (one
"👨‍👩‍👧" or one flag is one run), becomes one ``PLACEHOLDER``, and the preview says so before anything is printed.
"""

from __future__ import annotations

import re
from typing import Callable

PLACEHOLDER = "\u25a1"  # □ WHITE SQUARE: DejaVu Sans has it
# Characters that only modify the one before them: joiners, variation selectors, skin tones, tags.
_MODIFIERS = re.compile("[\u200c\u200d\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\u20e3]")
_WHITESPACE_AND_CONTROLS = re.compile(r"[\s\x00-\x1f]")


def missing_runs(text: str, can_draw: Callable[[int], bool]) -> list[tuple[int, int]]:
    """(start, end) of each run of characters the font lacks, modifiers included."""
    runs: list[tuple[int, int]] = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if _WHITESPACE_AND_CONTROLS.match(char) or can_draw(ord(char)):
            index += 1
            continue
        start = index
        index += 1
        # The run goes on through modifiers and through further missing characters a joiner ties on.
        while index < length and (_MODIFIERS.match(text[index]) or
                                  (text[index - 1] == "\u200d" and not can_draw(ord(text[index])))):
            index += 1
        runs.append((start, index))
    # Runs that touch are one (a flag is two regional letters; "🌶🌶" prints as one placeholder).
    merged: list[tuple[int, int]] = []
    for start, end in runs:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def printable(text: str, can_draw: Callable[[int], bool]) -> str:
    """``text`` with each run the font lacks replaced by one ``PLACEHOLDER``."""
    runs = missing_runs(text, can_draw)
    if not runs:
        return text
    parts, last = [], 0
    for start, end in runs:
        parts.append(text[last:start])
        parts.append(PLACEHOLDER)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def pdf_can_draw(codepoint: int) -> bool:
    """Whether the documents' typeface (DejaVu Sans) has a glyph for ``codepoint``."""
    from reportlab.pdfbase import pdfmetrics

    from advisor_app.reports.fonts import REGULAR, register_fonts

    register_fonts()
    return codepoint in pdfmetrics.getFont(REGULAR).face.charToGlyph


def unprintable(text: str) -> list[str]:
    """The runs of ``text`` a printed document will show as ``PLACEHOLDER``."""
    return [text[start:end] for start, end in missing_runs(text, pdf_can_draw)]


__all__ = ["PLACEHOLDER", "missing_runs", "pdf_can_draw", "printable", "unprintable"]
