"""Printed documents (ReportLab): the business plan and agreements.

Reports read the store and the domain and speak through i18n; they import no Qt, so the command line
and the GUI print the same document. The renderers are imported on first use: printing one agreement
should not load the business-plan document as well.
"""

from __future__ import annotations

from importlib import import_module

_PROVIDERS = {"ReportError": "advisor_app.reports.document", "render_agreement": "advisor_app.reports.agreement_pdf",
              "render_plan": "advisor_app.reports.plan_pdf",
              "render_attendance": "advisor_app.reports.attendance_pdf"}


def preload() -> None:
    """Import ReportLab and the renderers, read the clause library and load both languages' number and
    date formats ahead of the first print (the app does it in the background after its window is
    shown), so that Print costs the document and its fonts, not the imports."""
    import datetime as dt

    from babel.dates import format_date
    from babel.numbers import format_decimal

    from advisor_app.domain.agreements.library import load_library
    from advisor_app.i18n import LOCALES

    for module in set(_PROVIDERS.values()) | {"advisor_app.reports.agreement_layout"}:
        import_module(module)
    load_library()
    # Babel's locale data, read with explicit locales: this runs beside the window, whose language it
    # must not touch.
    for locale in LOCALES.values():
        format_date(dt.date(2000, 1, 1), "long", locale=locale), format_decimal(1, locale=locale)


def __getattr__(name: str):
    if name in _PROVIDERS:
        return getattr(import_module(_PROVIDERS[name]), name)
    raise AttributeError(name)


__all__ = ["ReportError", "preload", "render_agreement", "render_attendance", "render_plan"]
