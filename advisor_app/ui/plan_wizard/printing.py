"""A plan's PDF, saved where the person chooses, in the screen's language, written in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from advisor_app.i18n import _, current_language
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.save_pdf import save_pdf


def print_plan(context: AppContext, plan_id: str, parent: QWidget, out: Path | None = None):
    """Ask where to save the plan's PDF (in the screen's language) and write it in the background; returns
    the job."""
    from advisor_app.reports.plan_pdf import render_plan

    language = current_language()
    return save_pdf(parent, context.store, lambda store, path: render_plan(store, plan_id, language, path), out,
                    context.repository.display_name("plans", plan_id), _("Save the plan as PDF"), _("Business plan"),
                    _("The plan was saved as {path}."))
