"""Texts that come from another laptop (its name, its advisor's name, dates from its manifest) made safe
to show: on one line, without control characters.

A terminal obeys escape sequences and carriage returns, and a line break or a Unicode direction mark
in a laptop's name could draw a line of its own (a fake "trusted" fingerprint) in a preview; so every
character of those kinds becomes a space before the text is shown anywhere.
"""

from __future__ import annotations

import unicodedata

# Cc: C0/C1 controls (escape, carriage return, line feed...); Cf: format marks (bidirectional
# overrides, zero-width characters); Zl, Zp: line and paragraph separators; Cs, Co, Cn: surrogates,
# private use and unassigned characters, which no name needs.
_DROPPED = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def plain(text: object, limit: int = 80) -> str:
    """``text`` as one line of visible characters, at most ``limit`` of them."""
    cleaned = "".join(" " if unicodedata.category(char) in _DROPPED else char for char in str(text))
    return " ".join(cleaned.split())[:limit]
