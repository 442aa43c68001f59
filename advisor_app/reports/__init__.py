"""Printed documents (ReportLab): the business plan and agreements.

Reports read the store and the domain and speak through i18n; they import no Qt, so the command line
and the GUI print the same document. The renderers are imported on first use: printing one agreement
should not load the business-plan document as well.
"""

from __future__ import annotations

from importlib import import_module

_PROVIDERS = {"ReportError": "advisor_app.reports.document", "render_agreement": "advisor_app.reports.agreement_pdf",
              "render_plan": "advisor_app.reports.plan_pdf"}


def __getattr__(name: str):
    if name in _PROVIDERS:
        return getattr(import_module(_PROVIDERS[name]), name)
    raise AttributeError(name)


__all__ = ["ReportError", "render_agreement", "render_plan"]
