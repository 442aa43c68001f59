"""Marking an agreement signed (date, place, scans) and comparing two of its versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain.agreements.compare import compare, counts
from advisor_app.domain.agreements.vocabulary import STATUSES
from advisor_app.domain.entities import label
from advisor_app.i18n import _, current_language
from advisor_app.store.agreements import documents_of, draft_of, mark_signed, snapshot_documents, versions
from advisor_app.store.errors import StoreError
from advisor_app.ui.agreement_editor.preview import comparison_html
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.record_form import ERROR_STYLE
from advisor_app.ui.common.window_fit import fit_window


class MarkSignedDialog(QDialog):
    """The day and place it was signed, and the scanned signed pages (more can be attached later)."""

    def __init__(self, context: AppContext, agreement_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.agreement_id = context, agreement_id
        row = context.repository.get("agreements", agreement_id)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        planned = dt.date.fromisoformat(row["signed_on"]) if row.get("signed_on") else dt.date.today()
        self.date.setDate(QDate(planned.year, planned.month, planned.day))
        self.place = QLineEdit(row.get("signed_place") or "", self)
        self.files: list[Path] = []
        self.file_list = QListWidget(self)
        self.add_button = QPushButton(_("Add scan…"), self)
        self.add_button.clicked.connect(lambda: self.add_files())
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Date of signing"), self.date)
        form.addRow(_("Place of signing"), self.place)
        scans = QHBoxLayout()
        scans.addWidget(self.file_list, 1)
        scans.addWidget(self.add_button)
        form.addRow(_("Scans of the signed pages"), scans)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setWindowTitle(_("Mark as signed"))
        fit_window(self, 560, 280, "mark_signed")

    def add_files(self, files: list[str] | None = None) -> None:
        if files is None:
            files, _filter = QFileDialog.getOpenFileNames(self, _("Attach the scanned pages"), "",
                                                          _("Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"))
        for name in files:
            self.files.append(Path(name))
            self.file_list.addItem(Path(name).name)

    def sign(self) -> None:
        signed_on = self.date.date().toPython()
        try:
            mark_signed(self.context.repository, self.agreement_id, self.place.text(), signed_on, self.files)
        except StoreError as error:
            self.error.setText(str(error))
            return
        self.accept()


class VersionsDialog(QDialog):
    """Any two versions (the working draft included) side by side, clause by clause."""

    def __init__(self, context: AppContext, agreement_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.agreement_id = context, agreement_id
        self.older, self.newer = QComboBox(self), QComboBox(self)
        self.language = QComboBox(self)
        self.language.addItem(_("Spanish"), "es")
        self.language.addItem(_("English"), "en")
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.summary = QLabel(self)
        self.view = QTextBrowser(self)
        row = context.repository.get("agreements", agreement_id)
        frozen = versions(context.store.conn, agreement_id)
        # Each frozen version by its own row: two laptops that reviewed at once may both hold a version 2.
        choices = [(item["id"], _("Version {number} — {status} — {hash}").format(
            number=item["version"], status=label(STATUSES, item["status"]), hash=item["content_hash"][:12]))
            for item in frozen]
        if row["version"] not in [item["version"] for item in frozen]:
            choices.append((None, _("Version {number} — working draft").format(number=row["version"])))
        for box in (self.older, self.newer):
            for key, text in choices:
                box.addItem(text, key)
        self.older.setCurrentIndex(max(len(choices) - 2, 0))
        self.newer.setCurrentIndex(len(choices) - 1)
        for box in (self.older, self.newer, self.language):
            box.currentIndexChanged.connect(lambda _index: self.refresh())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        choose = QFormLayout()
        choose.addRow(_("Compare"), self.older)
        choose.addRow(_("with"), self.newer)
        choose.addRow(_("Language"), self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(close)
        self.setWindowTitle(_("Versions of {name}").format(name=context.repository.display_name(
            "agreements", agreement_id)))
        fit_window(self, 820, 640, "agreement_versions")
        self.refresh()

    def _documents(self, version_id: str | None):
        if version_id is None:
            return documents_of(draft_of(self.context.repository, self.agreement_id))
        return snapshot_documents(self.context.store.conn, version_id)

    def refresh(self) -> None:
        language = self.language.currentData()
        older = self._documents(self.older.currentData())[language]
        newer = self._documents(self.newer.currentData())[language]
        changes = compare(older, newer)
        found = counts(changes)
        if self.older.currentIndex() == self.newer.currentIndex():
            self.summary.setText(_("Choose two different versions to compare."))
        else:
            self.summary.setText(_("Changed: {changed} · added: {added} · removed: {removed} · unchanged: {same}")
                                 .format(**found))
        self.view.setHtml(comparison_html(changes))
