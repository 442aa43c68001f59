"""An agreement's PDF, written in the background: saved where the person chooses, or sent to the system
viewer to print."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from advisor_app.i18n import N_, _, current_language
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.save_pdf import save_pdf, show_in_viewer, write_in_background
from advisor_app.ui.common.user_errors import reports_errors


@reports_errors
def save_agreement_pdf(context: AppContext, agreement_id: str, parent: QWidget, language: str | None = None,
                       out: Path | None = None):
    """Ask where to save the agreement's PDF and write it in the background (in its own print language
    unless told); returns the job, whose ``result`` is the path written."""
    from advisor_app.reports import render_agreement
    from advisor_app.store.repository import Repository

    row = context.repository.get("agreements", agreement_id)
    language = language or (row["language"] if row else None) or current_language()
    return save_pdf(parent, context.store,
                    lambda store, path: render_agreement(Repository(store), agreement_id, language, path), out,
                    row["folio"], _("Save the agreement as PDF"), _("Agreement"),
                    _("The agreement was saved as {path}."))


PRINT_FOLDER = "advisor-app-printing"


def _print_folder() -> Path:
    """One folder for the copies sent to the viewer; copies from earlier days are removed, since they
    hold people's names and ID numbers."""
    import time

    folder = Path(tempfile.gettempdir()) / PRINT_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    for old in folder.glob("*.pdf"):
        try:
            if time.time() - old.stat().st_mtime > 24 * 3600:
                old.unlink()
        except OSError:
            pass
    return folder


@reports_errors
def print_agreement(context: AppContext, agreement_id: str, parent: QWidget, language: str | None = None):
    """Write the PDF to a temporary file in the background, then open it in the system viewer to print;
    returns the job."""
    from advisor_app.reports import render_agreement
    from advisor_app.store.repository import Repository

    row = context.repository.get("agreements", agreement_id)
    language = language or (row["language"] if row else None) or current_language()
    folder = _print_folder()

    def written(path: Path) -> None:
        if not show_in_viewer(path):
            QMessageBox.information(parent, _("Agreement"), _(
                "No PDF viewer could be opened. The agreement was saved as {path}; open it to print.").format(path=path))

    return write_in_background(parent, context.store,
                               lambda store, path: render_agreement(Repository(store), agreement_id, language, path),
                               folder / f"{row['folio']}.pdf", N_("Preparing the agreement for printing"), written)
