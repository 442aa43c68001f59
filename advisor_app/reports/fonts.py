"""The typeface documents embed: DejaVu Sans, shipped in ``resources/fonts/`` (licence beside it).

Helvetica is one of the PDF reader's own fonts and is never embedded, so what a reader substitutes for
it decides how "Peñasco" or "Ángela Núñez" prints. A signed agreement must print the same everywhere,
so its PDF embeds DejaVu Sans (only the glyphs used: ReportLab subsets it).

``register_fonts()`` registers the four faces as one family. ReportLab reads a TrueType file in pure
Python, about 10 ms a face, so each face is read the first time a document measures or draws text in
it: a command-line print in a fresh process does not pay for the faces its document does not use.
Later calls return at once.
"""

from __future__ import annotations

import threading
from fnmatch import fnmatch
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFont, TTFontFace

from advisor_app.paths import RESOURCES
from advisor_app.reports.printable import printable

FONTS_FOLDER = RESOURCES / "fonts"
FAMILY = "DejaVuSans"
# ReportLab's name for each face (the file's PostScript name) and its file in FONTS_FOLDER.
REGULAR, BOLD, OBLIQUE, BOLD_OBLIQUE = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"
FACES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", OBLIQUE: "DejaVuSans-Oblique.ttf",
         BOLD_OBLIQUE: "DejaVuSans-BoldOblique.ttf"}

_registered = False
_lock = threading.Lock()


def register_fonts() -> str:
    """Register DejaVu Sans's four faces with ReportLab as one family (so ``<b>`` and ``<i>`` in a
    Paragraph find the bold and oblique faces) and return the family's name. Safe to call often and
    from several threads."""
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if not _registered:
            known = set(pdfmetrics.getRegisteredFontNames())
            for name, filename in FACES.items():
                if name not in known:
                    path = FONTS_FOLDER / filename
                    if not path.is_file():
                        raise FileNotFoundError(f"missing font file {path}")
                    pdfmetrics.registerFont(_LazyTTFont(name, str(path)))
            pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=OBLIQUE, boldItalic=BOLD_OBLIQUE)
            for name in FACES:  # a face's own name leads to the family's other faces too
                addMapping(name, 0, 0, REGULAR)
                addMapping(name, 1, 0, BOLD)
                addMapping(name, 0, 1, OBLIQUE)
                addMapping(name, 1, 1, BOLD_OBLIQUE)
            _registered = True
    return FAMILY


class _LazyFace(TTFontFace):
    """A TrueType face that knows its name at once and reads its file when anything else is first asked
    for (``__getattr__`` runs only for attributes not set yet, so once read it costs nothing)."""

    def __init__(self, filename: str, face_name: str) -> None:  # the parent's __init__ runs on first use
        self.__dict__.update(_pending=filename, _loading=threading.RLock(),
                             name=TTFNameBytes(face_name.encode("ascii")))

    def __getattr__(self, attribute: str):
        if attribute.startswith("__") or "_loading" not in self.__dict__:
            raise AttributeError(attribute)
        with self.__dict__["_loading"]:
            filename = self.__dict__.pop("_pending", None)
            if filename is not None:  # first use: read the file (what it asks for before setting is missing)
                TTFontFace.__init__(self, filename)
        if attribute in self.__dict__:
            return self.__dict__[attribute]
        raise AttributeError(attribute)


class _LazyTTFont(TTFont):
    """``TTFont`` with its face read on first use. Sets what ``TTFont.__init__`` sets besides the face."""

    def __init__(self, name: str, filename: str) -> None:  # not super().__init__(): it would read the file now
        self.fontName = name
        self.face = _LazyFace(filename, name)
        self.encoding = ttfonts.TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, pattern) for pattern in getattr(ttfonts, "unShapedFontGlob", ()))

    # Every string measured or drawn in these faces passes here: what the face lacks (most emoji) is
    # measured and drawn as one visible placeholder per run, never as the face's blank glyph.
    def _can_draw(self, codepoint: int) -> bool:
        return codepoint in self.face.charToGlyph

    def splitString(self, text, doc, encoding="utf-8"):
        if isinstance(text, str):
            text = printable(text, self._can_draw)
        return super().splitString(text, doc, encoding)

    def stringWidth(self, text, size, encoding="utf8"):
        if isinstance(text, str):
            text = printable(text, self._can_draw)
        return super().stringWidth(text, size, encoding)


__all__ = ["BOLD", "BOLD_OBLIQUE", "FACES", "FAMILY", "FONTS_FOLDER", "OBLIQUE", "REGULAR", "register_fonts"]
