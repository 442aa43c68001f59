"""The documents a program or office asks of one organization or plan: the checklist chosen, each of its
documents with a tick (saved at once, through the logged write path), the day it was received, and its
scans (Attach scan…, Open), as the agreement editor keeps the signed pages."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain.checklists import Checklist, ChecklistFileError, Document, load_checklists
from advisor_app.domain.dates import read_date
from advisor_app.domain.records import InvalidValue
from advisor_app.i18n import _
from advisor_app.store import document_checks
from advisor_app.store.errors import StoreError
from advisor_app.store.viewer_copies import viewer_copy
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.fields import shown_date
from advisor_app.ui.common.save_pdf import show_in_viewer
from advisor_app.ui.common.tables import fit_columns
from advisor_app.ui.common.user_errors import reports_errors

TICK, NAME, RECEIVED_ON, SCANS = range(4)


class ChecklistPanel(QWidget):
    """``record_id`` and ``kind`` are read when needed: a new organization gets its id on first save."""

    changed = Signal()  # a tick, date or scan was saved: the review's list of what is missing moves

    def __init__(self, context: AppContext, table: str, record_id: Callable[[], str | None],
                 kind: Callable[[], str | None] = lambda: None, parent: QWidget | None = None,
                 fit_rows: bool = False):
        super().__init__(parent)
        self.context, self.table_name, self.record_id, self.kind = context, table, record_id, kind
        self.fit_rows = fit_rows  # on a page that scrolls: as tall as its rows, no empty space below them
        self._loading = False
        self.documents: tuple[Document, ...] = ()
        try:
            self.checklists: tuple[Checklist, ...] = load_checklists()
            self.file_problem = ""
        except ChecklistFileError as error:
            self.checklists, self.file_problem = (), str(error)
        self.choice_label = QLabel(self)
        self.choice = QComboBox(self)
        self.choice.currentIndexChanged.connect(lambda _index: (self.reload(), self.changed.emit()))
        self.choice_label.setBuddy(self.choice)
        self.table = QTableWidget(0, 4, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._item_changed)
        self.table.cellDoubleClicked.connect(lambda _row, column: self.open_scan() if column == SCANS else None)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b00020;")
        self.attach_button, self.open_button = QPushButton(self), QPushButton(self)
        self.attach_button.clicked.connect(lambda: self.attach())
        self.open_button.clicked.connect(lambda: self.open_scan())
        top = QHBoxLayout()
        top.addWidget(self.choice_label)
        top.addWidget(self.choice, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.retranslate()

    # What is shown ------------------------------------------------------------------------------------
    def checklist(self) -> Checklist | None:
        index = self.choice.currentIndex()
        return self.checklists[index] if 0 <= index < len(self.checklists) else None

    def choose(self, checklist_id: str) -> None:
        index = next((index for index, checklist in enumerate(self.checklists) if checklist.id == checklist_id), -1)
        if index >= 0:
            self.choice.setCurrentIndex(index)

    def _fill_choices(self) -> None:
        """The checklists by name; the record opens on the one it was last ticked in."""
        chosen = self.checklist()
        record_id = self.record_id()
        wanted = chosen.id if chosen else (document_checks.last_checklist(self.context.store.conn, record_id)
                                           if record_id else None)
        self.choice.blockSignals(True)
        self.choice.clear()
        for checklist in self.checklists:
            self.choice.addItem(checklist.name, checklist.id)
        index = next((index for index, checklist in enumerate(self.checklists) if checklist.id == wanted), 0)
        self.choice.setCurrentIndex(index if self.checklists else -1)
        self.choice.blockSignals(False)

    def reload(self) -> None:
        checklist, record_id = self.checklist(), self.record_id()
        self.documents = () if checklist is None else (
            checklist.for_plan() if self.table_name == "plans" else checklist.for_organization(self.kind()))
        rows = document_checks.checks_of(self.context.store.conn, record_id, checklist.id) \
            if record_id and checklist else {}
        self._loading = True
        self.table.setRowCount(len(self.documents))
        for index, document in enumerate(self.documents):
            row = rows.get(document.code, {})
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Checked if row.get("received") else Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.AccessibleTextRole, _("Received"))
            name = QTableWidgetItem(document.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            received_on = QTableWidgetItem(shown_date(row.get("received_on") or ""))
            received_on.setToolTip(_("Double-click to write the day it was received"))
            scans = QTableWidgetItem(str(row["scans"]) if row.get("scans") else "")
            scans.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            for column, item in ((TICK, tick), (NAME, name), (RECEIVED_ON, received_on), (SCANS, scans)):
                item.setData(Qt.ItemDataRole.UserRole, document.code)
                self.table.setItem(index, column, item)
        self._loading = False
        enabled = bool(record_id) and checklist is not None
        self.table.setEnabled(enabled)
        for button in (self.attach_button, self.open_button):
            button.setEnabled(enabled and bool(self.documents))
        if self.file_problem:
            self.notice.setText(self.file_problem)
        elif not record_id:
            self.notice.setText(_("Save the record first; then tick the documents received."))
        elif checklist is not None and not self.documents:
            self.notice.setText(_("This checklist asks nothing of this kind of organization."))
        else:
            self.notice.setText("")
        fit_columns(self.table)
        if self.fit_rows:
            rows = sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
            self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows
                                      + 2 * self.table.frameWidth() + 2)

    def received(self) -> dict[str, bool]:
        """Each document's tick as shown (code → ticked)."""
        ticks = [self.table.item(row, TICK) for row in range(self.table.rowCount())]
        return {tick.data(Qt.ItemDataRole.UserRole): tick.checkState() == Qt.CheckState.Checked for tick in ticks}

    # What the advisor does ----------------------------------------------------------------------------
    def _selected_code(self) -> str | None:
        row = self.table.currentRow()
        return self.table.item(row, NAME).data(Qt.ItemDataRole.UserRole) if row >= 0 else None

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() not in (TICK, RECEIVED_ON):
            return
        checklist, record_id, code = self.checklist(), self.record_id(), item.data(Qt.ItemDataRole.UserRole)
        try:
            if item.column() == TICK:
                document_checks.set_received(self.context.repository, self.table_name, record_id, checklist.id, code,
                                             item.checkState() == Qt.CheckState.Checked)
            else:
                text = item.text().strip()
                day = read_date(text).isoformat() if text else None
                document_checks.set_details(self.context.repository, self.table_name, record_id, checklist.id, code,
                                            {"received_on": day})
        except (InvalidValue, StoreError) as error:
            self.reload()
            self.notice.setText(str(error))
            return
        self.reload()
        self.changed.emit()

    @reports_errors
    def attach(self, files: list[str] | None = None) -> int:
        """Attach the scan of the selected document; having its scan, it counts as received."""
        code, checklist, record_id = self._selected_code(), self.checklist(), self.record_id()
        if code is None or checklist is None or not record_id:
            self.notice.setText(_("Choose the document the scan belongs to."))
            return 0
        if files is None:
            files, _filter = QFileDialog.getOpenFileNames(self, _("Attach the scanned document"), "",
                                                          _("Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"))
        for path in files:
            document_checks.attach_scan(self.context.repository, self.table_name, record_id, checklist.id, code, path,
                                        dt.date.today())
        if files:
            self.reload()
            self.changed.emit()
        return len(files)

    @reports_errors
    def open_scan(self) -> None:
        """The newest scan of the selected document: a checked plaintext copy in a private folder, never
        the sealed file itself (store/viewer_copies.py)."""
        code, checklist, record_id = self._selected_code(), self.checklist(), self.record_id()
        if code is None or checklist is None or not record_id:
            return
        scans = document_checks.scans_of(self.context.store.conn, self.table_name, record_id, checklist.id, code)
        if not scans:
            raise StoreError(_("No scan is attached to this document yet: use Attach scan… first."))
        show_in_viewer(viewer_copy(self.context.store, scans[-1]["sha256"]))

    def retranslate(self) -> None:
        self.choice_label.setText(_("What the program or office asks for:"))
        self.table.setHorizontalHeaderLabels([_("Received"), _("Document"), _("Received on"), _("Scans")])
        self.attach_button.setText(_("Attach scan…"))
        self.open_button.setText(_("Open"))
        self._fill_choices()
        self.reload()
