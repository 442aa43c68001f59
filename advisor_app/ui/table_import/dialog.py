"""File → Import from a spreadsheet…: choose the file, say which field each column holds, preview, import.

Reading the file, the preview and the import run in the background (``ui/common/background.py``) on a
connection of their own, with a progress window and Cancel. The import is one transaction: all the rows
or none. Rows with problems keep Import disabled until the file is corrected, unless the person ticks
"Import the rows without problems".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import N_, _
from advisor_app.store.errors import StoreError
from advisor_app.store.table_files import read_table, write_template
from advisor_app.store.table_import import PROBLEM, apply_import, preview_import
from advisor_app.store.table_mapping import (
    KIND_NAMES,
    KINDS,
    guess_mapping,
    mapping_problems,
    remember_mapping,
    remembered_mapping,
    template_headers,
)
from advisor_app.ui.common.background import run_in_background, show_error
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.window_fit import fit_window
from advisor_app.ui.sync.bundle_fields import WARNING_STYLE
from advisor_app.ui.table_import.tables import ColumnsTable, PreviewModel

TABLES_AFTER = ("localities", "organizations", "people", "memberships")


class TableImportDialog(QDialog):
    """Two steps: the columns (file, sheet, kind, a field per column), then the preview and Import."""

    def __init__(self, context: AppContext, path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.table = None
        self.preview = None
        self.job = None
        self.imported = None
        self.file = QLineEdit(self)
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(self.choose_file)
        self._read_timer = QTimer(self, singleShot=True, interval=500)
        self._read_timer.timeout.connect(self.read_file)
        self.file.textChanged.connect(lambda _text: self._read_timer.start())
        self.sheet = QComboBox(self)
        self.sheet.activated.connect(lambda _index: self.read_file())
        self.kind = QComboBox(self)
        for kind in KINDS:
            self.kind.addItem("", kind)
        self.kind.currentIndexChanged.connect(lambda _index: self._show_columns())
        self.template_button = QPushButton(self)
        self.template_button.clicked.connect(self.save_template)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose_button)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind, 1)
        kind_row.addWidget(self.template_button)
        self.form = QFormLayout()
        self.file_label, self.sheet_label, self.kind_label = QLabel(self), QLabel(self), QLabel(self)
        self.form.addRow(self.file_label, file_row)
        self.form.addRow(self.sheet_label, self.sheet)
        self.form.addRow(self.kind_label, kind_row)
        self.form.setRowVisible(self.sheet, False)

        self.step_title = QLabel(self)
        self.step_title.setStyleSheet("font-weight: bold;")
        self.columns = ColumnsTable(self)
        self.columns.mapping_changed.connect(self._check_mapping)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.show_rows = QComboBox(self)
        self.show_rows.currentIndexChanged.connect(lambda index: self.model.set_filter(PreviewModel.FILTERS[index]))
        self.skip_problems = QCheckBox(self)
        self.skip_problems.toggled.connect(self._update_buttons)
        self.model = PreviewModel(self)
        self.rows_view = QTableView(self)
        self.rows_view.setModel(self.model)
        self.rows_view.verticalHeader().setVisible(False)
        self.rows_view.setWordWrap(False)
        header = self.rows_view.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        preview_page = QWidget(self)
        preview_layout = QVBoxLayout(preview_page)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        filter_row = QHBoxLayout()
        self.show_rows_label = QLabel(self)
        filter_row.addWidget(self.show_rows_label)
        filter_row.addWidget(self.show_rows)
        filter_row.addStretch(1)
        filter_row.addWidget(self.skip_problems)
        preview_layout.addWidget(self.summary)
        preview_layout.addLayout(filter_row)
        preview_layout.addWidget(self.rows_view, 1)
        # The chosen row's problems, one a line, whole: the table's cell shows only their beginning.
        self.row_details = QLabel(self)
        self.row_details.setWordWrap(True)
        self.row_details.setTextFormat(Qt.TextFormat.PlainText)
        self.row_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        preview_layout.addWidget(self.row_details)
        self.rows_view.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_row(current))
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.columns)
        self.pages.addWidget(preview_page)

        self.back_button, self.preview_button = QPushButton(self), QPushButton(self)
        self.import_button, self.close_button = QPushButton(self), QPushButton(self)
        self.back_button.clicked.connect(self.go_back)
        self.preview_button.clicked.connect(self.run_preview)
        self.import_button.clicked.connect(self.apply)
        self.close_button.clicked.connect(self.reject)
        self.preview_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for button in (self.preview_button, self.import_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.step_title)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        fit_window(self, 1100, 660, "table_import")
        self.retranslate()
        if path:
            self.file.setText(str(path))

    # The file ----------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Open a spreadsheet"), self.file.text(),
                                                    _("Spreadsheets (*.xlsx *.csv *.txt)"),
                                                    options=QFileDialog.Option.DontUseNativeDialog)
        if path:
            self.file.setText(path)

    def read_file(self):
        """Read the file (the chosen sheet) in the background; returns the job."""
        if self.job is not None:
            self._read_timer.start()
            return None
        text = self.file.text().strip()
        self.table, self.preview = None, None
        self.model.show_preview(None)
        self.pages.setCurrentIndex(0)
        if not text:
            self._say(_("Choose a spreadsheet (.xlsx or .csv)."))
            self.columns.setRowCount(0)
            return None
        chosen_sheet = self.sheet.count() and self.sheet.isVisibleTo(self)
        path, sheet = Path(text), self.sheet.currentText() if chosen_sheet else None
        self._say(_("Reading the spreadsheet…"))
        self.job = run_in_background(self, N_("Reading a spreadsheet"), lambda progress: read_table(path, sheet),
                                     self._read, self._read_failed, self._read_cancelled)
        return self.job

    def _read(self, table) -> None:
        self.job = None
        self.table = table
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(table.sheets)
        if table.sheet:
            self.sheet.setCurrentText(table.sheet)
        self.sheet.blockSignals(False)
        self.form.setRowVisible(self.sheet, len(table.sheets) > 1)
        self._show_columns()

    def _read_failed(self, error: BaseException) -> None:
        self.job = None
        self.columns.setRowCount(0)
        if isinstance(error, StoreError):
            self._say(str(error), warning=True)
        else:
            self._say("")
            show_error(self, error)
        self._update_buttons()

    def _read_cancelled(self) -> None:
        self.job = None
        self._say(_("The spreadsheet was not read: reading it was cancelled."))
        self._update_buttons()

    def _show_columns(self) -> None:
        self.preview = None
        self.model.show_preview(None)
        self.pages.setCurrentIndex(0)
        if self.table is not None:
            kind = self.kind.currentData()
            self.columns.show_table(self.table, kind, guess_mapping(kind, self.table.headers,
                                                                    remembered_mapping(self.context.store, kind)))
            self._check_mapping()
        self._update_buttons()

    def _check_mapping(self, *_args) -> None:
        if self.table is None:
            return
        problems = mapping_problems(self.kind.currentData(), self.columns.mapping())
        self._say(" ".join(problems) if problems else
                  _("{rows} rows read. Check the field of each column, then press Preview.").format(
                      rows=len(self.table.rows)), warning=bool(problems))
        self._update_buttons()

    def save_template(self) -> None:
        kind = self.kind.currentData()
        suggested = str(Path.home() / (_("template-{kind}").format(kind=_(KIND_NAMES[kind]).lower()) + ".xlsx"))
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the template as"), suggested,
                                                    _("Excel workbook (*.xlsx);;CSV (*.csv)"),
                                                    options=QFileDialog.Option.DontUseNativeDialog)
        if not path:
            return
        if Path(path).suffix.lower() not in (".xlsx", ".csv"):
            path += ".csv" if "csv" in _filter.lower() else ".xlsx"
        try:
            written = write_template(path, template_headers(kind))
        except StoreError as error:
            show_error(self, error)
            return
        self._say(_("Template saved as {path}: fill one row per record, then import it here.").format(path=written))

    # Preview and import --------------------------------------------------------------------------
    def _work(self, mapping: dict[int, str], applying: bool):
        store, kind, table = self.context.store, self.kind.currentData(), self.table
        skipped, skip_problems = set(self.model.skipped), self.skip_problems.isChecked()

        def work(progress):
            worker = store.another_connection()
            try:
                if applying:
                    return apply_import(worker, kind, table, mapping, skipped, skip_problems, progress)
                return preview_import(worker, kind, table, mapping, progress)
            finally:
                worker.close()

        return work

    def run_preview(self):
        if self.table is None or self.job is not None or mapping_problems(self.kind.currentData(),
                                                                          self.columns.mapping()):
            return None
        self.imported = None
        self.job = run_in_background(self, N_("Checking the rows of a spreadsheet"),
                                     self._work(self.columns.mapping(), applying=False),
                                     self._previewed, self._failed, self._cancelled)
        self._update_buttons()
        return self.job

    def _previewed(self, preview) -> None:
        self.job = None
        self.preview = preview
        remember_mapping(self.context.store, preview.kind, self.table.headers, self.columns.mapping())
        self.model.show_preview(preview)
        self.row_details.setText("")
        self.skip_problems.setChecked(False)
        self.pages.setCurrentIndex(1)
        self._show_summary()
        self._update_buttons()

    def _show_summary(self) -> None:
        if self.preview is None:
            return
        lines = [self.preview.summary()]
        if self.imported is not None:
            lines.append(self.imported.summary())
        self.summary.setText("\n".join(lines))
        self._say(_("Rows in red have problems; correct them in the file and preview again, or import the "
                    "rows without problems.") if self.preview.count(PROBLEM) and self.imported is None else "")

    def _show_row(self, index) -> None:
        row = self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None
        if row is None:
            self.row_details.setText("")
        elif row.problems:
            self.row_details.setText("\n".join(problem.text() for problem in row.problems))
        else:
            self.row_details.setText(_("Row {row}: {match}").format(row=row.number, match=self.model.details(row))
                                     if row.match_id else "")

    def apply(self):
        if self.preview is None or self.job is not None or not self.import_button.isEnabled():
            return None
        self.job = run_in_background(self, N_("Importing a spreadsheet"),
                                     self._work(self.columns.mapping(), applying=True),
                                     self._imported, self._failed, self._cancelled)
        self._update_buttons()
        return self.job

    def _imported(self, result) -> None:
        self.job = None
        self.imported = result
        if result.newest_stamp:  # the window's clock moves past the worker's stamps
            self.context.store.clock.observe(result.newest_stamp)
        self._show_summary()
        self._update_buttons()
        self.context.after_sync(TABLES_AFTER)

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self._update_buttons()
        show_error(self, error)

    def _cancelled(self) -> None:
        self.job = None
        self._say(_("Cancelled; nothing was changed."))
        self._update_buttons()

    # State -----------------------------------------------------------------------------------------
    def go_back(self) -> None:
        self.pages.setCurrentIndex(0)
        self._check_mapping()
        self._update_buttons()

    def _say(self, text: str, warning: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(WARNING_STYLE if warning and text else "")

    def _update_buttons(self, *_args) -> None:
        on_preview = self.pages.currentIndex() == 1
        idle = self.job is None
        mapping_ok = self.table is not None and not mapping_problems(self.kind.currentData(), self.columns.mapping())
        self.back_button.setEnabled(on_preview and idle)
        self.preview_button.setEnabled(idle and mapping_ok)
        problems = self.preview.count(PROBLEM) if self.preview else 0
        self.skip_problems.setVisible(bool(problems))
        ready = self.preview is not None and (not problems or self.skip_problems.isChecked())
        self.import_button.setEnabled(idle and on_preview and ready and self.imported is None)
        self.step_title.setText(_("Step 2 of 2: what each row becomes") if on_preview else
                                _("Step 1 of 2: which field each column holds"))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import from a spreadsheet"))
        self.file_label.setText(_("Spreadsheet"))
        self.sheet_label.setText(_("Sheet"))
        self.kind_label.setText(_("The rows are"))
        self.choose_button.setText(_("Choose…"))
        self.template_button.setText(_("Save a template to fill…"))
        for index, kind in enumerate(KINDS):
            self.kind.setItemText(index, _(KIND_NAMES[kind]))
        self.show_rows_label.setText(_("Show"))
        current = max(0, self.show_rows.currentIndex())
        self.show_rows.blockSignals(True)
        self.show_rows.clear()
        self.show_rows.addItems([_("All rows"), _("Rows with problems"), _("Already registered"), _("New")])
        self.show_rows.setCurrentIndex(current)
        self.show_rows.blockSignals(False)
        self.skip_problems.setText(_("Import the rows without problems and skip the others"))
        self.back_button.setText(_("Back"))
        self.preview_button.setText(_("Preview"))
        self.import_button.setText(_("Import"))
        self.close_button.setText(_("Close"))
        self.columns.retranslate()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self._show_summary()
        self._update_buttons()
