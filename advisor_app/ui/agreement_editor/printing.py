"""An agreement's PDF: saved where the person chooses, or sent to the system viewer to print."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from advisor_app.i18n import _, current_language
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.save_pdf import save_pdf, show_in_viewer
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.wait_cursor import WaitCursor


@reports_errors
def save_agreement_pdf(context: AppContext, agreement_id: str, parent: QWidget, language: str | None = None,
                       out: Path | None = None) -> Path | None:
    """Ask where to save the agreement's PDF and write it (in its own print language unless told)."""
    from advisor_app.reports import render_agreement

    row = context.repository.get("agreements", agreement_id)
    language = language or (row["language"] if row else None) or current_language()
    return save_pdf(parent, lambda path: render_agreement(context.repository, agreement_id, language, path), out,
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
def print_agreement(context: AppContext, agreement_id: str, parent: QWidget, language: str | None = None) -> Path:
    """Write the PDF to a temporary file and open it in the system viewer to print."""
    from advisor_app.reports import render_agreement

    row = context.repository.get("agreements", agreement_id)
    language = language or (row["language"] if row else None) or current_language()
    folder = _print_folder()
    with WaitCursor():
        written = render_agreement(context.repository, agreement_id, language, folder / f"{row['folio']}.pdf")
    if not show_in_viewer(written):
        QMessageBox.information(parent, _("Agreement"), _(
            "No PDF viewer could be opened. The agreement was saved as {path}; open it to print.").format(path=written))
    return written
