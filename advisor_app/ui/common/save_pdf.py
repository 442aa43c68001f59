"""Saving a document as PDF from a window: ask where (unless told), write it with a wait cursor, say
where it went; and opening a file in the system's viewer. The plan, the agreement and the attendance
sheet are saved the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from advisor_app.i18n import _
from advisor_app.ui.common.wait_cursor import WaitCursor


def save_pdf(parent: QWidget, write: Callable[[Path], Path], out: Path | None, suggested_name: str,
             dialog_title: str, box_title: str, saved: str) -> Path | None:
    """``write(out)`` makes the document; ``saved`` is the sentence with ``{path}`` said afterwards.
    None when the person cancels the file dialog."""
    if out is None:
        chosen, _filter = QFileDialog.getSaveFileName(parent, dialog_title, str(Path.home() / f"{suggested_name}.pdf"),
                                                      _("PDF documents (*.pdf)"))
        if not chosen:
            return None
        out = Path(chosen)
    with WaitCursor():
        written = write(out)
    QMessageBox.information(parent, box_title, saved.format(path=written))
    return written


def show_in_viewer(path: Path) -> bool:
    """Open the PDF in the system's viewer, where it can be printed on any printer the system knows."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
