"""Emoji typed in a name show as emoji on screen, drawn from the font the app ships, not as boxes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTextLayout
from PySide6.QtWidgets import QLabel

from advisor_app.ui.common.emoji_font import install_emoji_font

NAMES_WITH_EMOJI = ["Club Jerez 🌶", "Cooperativa 🌽 del Cañón", "Sociedad de productoras 👩‍🌾", "Mezcal ☀️ y 🐝"]


def _fonts_drawing(text: str, font) -> dict[str, list[int]]:
    """The family each run of ``text`` is drawn in, with the glyphs it draws (0 is the box for 'none')."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName(): list(run.glyphIndexes()) for run in layout.glyphRuns()}


@pytest.mark.parametrize("name", NAMES_WITH_EMOJI)
def test_emoji_in_a_name_are_drawn_from_the_shipped_font(qapp, name):
    family = install_emoji_font()
    assert family == "Noto Emoji"
    runs = _fonts_drawing(name, QLabel().font())
    assert family in runs, runs
    assert all(glyph != 0 for glyphs in runs.values() for glyph in glyphs), runs


def _drawn(text: str, font) -> QImage:
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


def test_an_emoji_looks_like_itself_and_not_like_a_box(qapp, qtbot):
    install_emoji_font()
    label = QLabel("🌶")
    qtbot.addWidget(label)
    pepper, corn, nothing = (_drawn(text, label.font()) for text in ("🌶", "🌽", "\U000e0fff"))
    assert pepper != corn  # two emoji, two drawings: neither is the one box for every missing character
    assert pepper != nothing
