"""The one place that knows the current language.

Every user-visible string goes through ``_`` (or ``ngettext``); module-level labels are marked with
``N_`` and translated when shown. Source strings are English; Spanish is the default language.
Nothing here imports Qt: the UI listens through ``on_language_changed``.

The language is a ``ContextVar``, not a module global: a worker thread started by the UI's background
helper (``ui/common/background.py``) runs in a copy of the UI thread's context, so it keeps the language
it started with while the window switches, and ``speaking("en")`` inside it never reaches the window.
Threads started without a copied context follow the app's language (the last ``set_language``).
"""

from __future__ import annotations

import gettext
import io
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator

from advisor_app.paths import TRANSLATIONS

DOMAIN = "advisor_app"
LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"
LOCALES = {"es": "es_MX", "en": "en_US"}

_Speaking = tuple[str, gettext.NullTranslations]  # (language, its catalog)
_app: _Speaking = (DEFAULT_LANGUAGE, gettext.NullTranslations())  # for threads that copied no context
_speaking: ContextVar[_Speaking | None] = ContextVar("advisor_app_language", default=None)
_listeners: list[Callable[[str], None]] = []


def _now() -> _Speaking:
    return _speaking.get() or _app


def _load(language: str) -> gettext.NullTranslations:
    """Compiled catalog if it is current, else compile the .po in memory (a fresh checkout has no .mo)."""
    if language == "en":
        return gettext.NullTranslations()
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if not po.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(language: str) -> None:
    """Switch the language for everything shown from now on, and tell the listeners."""
    global _app
    if language not in LANGUAGES:
        raise ValueError(language)
    _app = (language, _load(language))
    _speaking.set(_app)
    for listener in list(_listeners):
        listener(language)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Everything inside speaks ``language`` (a document printed in English from a Spanish screen); the
    screen is not told, and the previous language is back afterwards."""
    if language not in LANGUAGES:
        raise ValueError(language)
    current, translation = _now()
    token = _speaking.set((language, translation if language == current else _load(language)))
    try:
        yield
    finally:
        _speaking.reset(token)


def current_language() -> str:
    return _now()[0]


def current_locale() -> str:
    return LOCALES[_now()[0]]


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def _(message: str) -> str:
    return _now()[1].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _now()[1].ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` as said in ``context``, where one English word needs two in Spanish ("Party" is a
    *parte* of an agreement but an *aportante* of a co-financing scheme). Extracted with its msgctxt."""
    return _now()[1].pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (labels defined at import time)."""
    return message


def translation_for(language: str) -> Callable[[str], str]:
    """A ``_`` for a language other than the UI's (documents print in the language chosen for them)."""
    return _load(language).gettext


set_language(DEFAULT_LANGUAGE)
