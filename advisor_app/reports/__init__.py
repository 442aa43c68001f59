"""Printed documents (ReportLab): the business plan now, agreements later.

Reports read the store and the domain and speak through i18n; they import no Qt, so the command line
and the GUI print the same document.
"""

from advisor_app.reports.document import ReportError
from advisor_app.reports.plan_pdf import render_plan

__all__ = ["ReportError", "render_plan"]
