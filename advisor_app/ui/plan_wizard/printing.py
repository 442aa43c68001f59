"""A plan's PDF, saved where the person chooses, in the screen's language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from advisor_app.i18n import _, current_language
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.save_pdf import save_pdf


def print_plan(context: AppContext, plan_id: str, parent: QWidget, out: Path | None = None) -> Path | None:
    """Ask where to save the plan's PDF (in the screen's language) and write it."""
    from advisor_app.reports.plan_pdf import render_plan

    return save_pdf(parent, lambda path: render_plan(context.repository, plan_id, current_language(), path), out,
                    context.repository.display_name("plans", plan_id), _("Save the plan as PDF"), _("Business plan"),
                    _("The plan was saved as {path}."))
