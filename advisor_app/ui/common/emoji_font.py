"""Emoji typed in a name (🌶, 🌽, 👩‍🌾) show as themselves on screen, not as empty boxes.

The fonts of a Windows or Linux laptop in the field often have no emoji, and Qt then draws a box. The
app ships Noto Emoji (``resources/fonts/``, SIL Open Font License, its licence beside it) and tells Qt
to draw emoji from it when the font in use has none. PDFs are another matter: see reports/printable.py.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from advisor_app.paths import RESOURCES

EMOJI_FONT_FILE = RESOURCES / "fonts" / "NotoEmoji-VariableFont_wght.ttf"

_family: str | None = None


def install_emoji_font() -> str | None:
    """Load the shipped emoji font once and make it the application's emoji fallback; returns its family
    (None when the file cannot be read, and the system's own emoji font, if any, is left to do the work)."""
    global _family
    if _family is not None:
        return _family
    font_id = QFontDatabase.addApplicationFont(str(EMOJI_FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    _family = families[0]
    if hasattr(QFontDatabase, "addApplicationEmojiFontFamily"):  # Qt 6.9 and later
        QFontDatabase.addApplicationEmojiFontFamily(_family)
    else:  # Qt 6.8: a substitute is among the fonts asked for a character the first one lacks
        QFont.insertSubstitution(QGuiApplication.font().family(), _family)
    return _family
