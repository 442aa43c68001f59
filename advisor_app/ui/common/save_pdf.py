"""Saving a document as PDF from a window: ask where (unless told), write it in the background with a
progress window, say where it went; and opening a file in the system's viewer. The plan, the agreement
and the attendance sheet are saved the same way."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from advisor_app.i18n import N_, _
from advisor_app.store.database import Store
from advisor_app.ui.common.background import Job, run_in_background

WRITING = N_("Writing the PDF")


def write_in_background(parent: QWidget, store: Store, write: Callable[[Store, Path], Path], out: Path,
                        title: str, on_written: Callable[[Path], None]) -> Job | None:
    """``write(store, path)`` runs on a worker thread with a connection of its own. It writes beside
    ``out`` first: Cancel, pressed while it runs, removes that copy and leaves ``out`` as it was."""

    def work(progress) -> Path:
        progress(WRITING)
        worker = store.another_connection()
        partial = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.pdf")
        try:
            write(worker, partial)
            progress(WRITING, 1, 1)  # the last moment Cancel can stop it
            os.replace(partial, out)
            return out
        finally:
            partial.unlink(missing_ok=True)
            worker.close()

    return run_in_background(parent, title, work, on_written)


def save_pdf(parent: QWidget, store: Store, write: Callable[[Store, Path], Path], out: Path | None,
             suggested_name: str, dialog_title: str, box_title: str, saved: str) -> Job | None:
    """``write(store, out)`` makes the document on a worker thread; ``saved`` is the sentence with ``{path}``
    said afterwards. Returns the job (its ``result`` is the path written), or None when the person
    cancels the file dialog or another job is running."""
    if out is None:
        chosen, _filter = QFileDialog.getSaveFileName(parent, dialog_title, str(Path.home() / f"{suggested_name}.pdf"),
                                                      _("PDF documents (*.pdf)"))
        if not chosen:
            return None
        out = Path(chosen)
    return write_in_background(parent, store, write, Path(out), N_("Saving a PDF"),
                               lambda written: QMessageBox.information(parent, box_title, saved.format(path=written)))


def show_in_viewer(path: Path) -> bool:
    """Open the PDF in the system's viewer, where it can be printed on any printer the system knows."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
