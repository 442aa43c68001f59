"""Import a bundle: preview first, then import.

The preview and the import run in the background (``ui/common/background.py``) on a connection of
their own, with a progress window and Cancel; the window stays responsive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import N_, _
from advisor_app.store.errors import StoreError
from advisor_app.sync import crypto
from advisor_app.sync.errors import BundleError
from advisor_app.sync.importer import describe_import, run_import
from advisor_app.sync.sender_text import plain
from advisor_app.ui.common.background import run_in_background, show_error
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.hints import HintLabel
from advisor_app.ui.sync.bundle_fields import PathField, warn_plainly


class ImportDialog(QDialog):
    """Choose a file, enter its passphrase if it has one, read the preview, then Apply."""

    def __init__(self, context: AppContext, path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.source = PathField(saving=False, parent=self)
        if path:
            self.source.edit.setText(str(path))
        # The preview decrypts and merges in a rolled-back transaction: run it when typing pauses.
        self._preview_timer = QTimer(self, singleShot=True, interval=600)
        self._preview_timer.timeout.connect(self.preview)
        self.source.edit.textChanged.connect(self._preview_timer.start)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.textChanged.connect(self._preview_timer.start)
        self.preview_text = QLabel(self)
        # The sender's names are shown as they are: never read as HTML that could draw or hide lines.
        self.preview_text.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_text.setWordWrap(True)
        self.preview_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_text.setStyleSheet("background: palette(base); padding: 8px;")
        self.preview_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.trust = QCheckBox(self)
        self.trust.toggled.connect(self._update_buttons)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Close,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.file_label, self.passphrase_label = QLabel(self), QLabel(self)
        self.form.addRow(self.file_label, self.source)
        self.form.addRow(self.passphrase_label, self.passphrase)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.preview_text, 1)
        layout.addWidget(self.trust)
        self.trust_hint = HintLabel("fingerprint", self)
        layout.addWidget(self.trust_hint)
        layout.addWidget(self.buttons)
        self.resize(620, 440)
        self.report = None
        self.imported = False
        self.job = None
        self._outcome: list[str] = []  # sentences after the report: "Imported.", "cancelled"
        self.retranslate()

    def _work(self, path: Path, passphrase: str | None, dry_run: bool, trust: bool = False):
        store = self.context.store

        def work(progress):
            worker = store.another_connection()
            try:
                return run_import(worker, path, passphrase, dry_run=dry_run, trust=trust, progress=progress)
            finally:
                worker.close()

        return work

    def preview(self):
        """Read the bundle and merge it in a rolled-back transaction, in the background; returns the job."""
        if self.job is not None:  # the preview follows the file and passphrase typed meanwhile
            self._preview_timer.start()
            return None
        self.report = None
        self._outcome = []
        path = self.source.path()
        if path is None:
            self.preview_text.setText(_("Choose a bundle file."))
            self._update_buttons()
            return None
        try:
            needs = path.is_file() and crypto.is_encrypted(path)
        except OSError:
            needs = False
        self.form.setRowVisible(self.passphrase, needs)
        self.preview_text.setText(_("Reading the bundle…"))
        self._update_buttons()
        self.job = run_in_background(self, N_("Reading a bundle"), self._work(path, self.passphrase.text() or None,
                                                                              dry_run=True),
                                     self._previewed, self._preview_failed, self._preview_cancelled)
        return self.job

    def _previewed(self, report) -> None:
        self.job = None
        self.report = report
        self._show_report()

    def _preview_failed(self, error: BaseException) -> None:
        self.job = None
        if isinstance(error, BundleError):  # NeedsPassphrase too: the sentence says what to do
            self.preview_text.setText(str(error))
            self._update_buttons()
        else:
            self.preview_text.setText("")
            self._update_buttons()
            show_error(self, error)

    def _preview_cancelled(self) -> None:
        self.job = None
        self.preview_text.setText(_("The bundle was not read: reading it was cancelled."))
        self._update_buttons()

    def _show_report(self) -> None:
        if self.report is not None:
            self.preview_text.setText("\n".join([*describe_import(self.report), *self._outcome]))
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        report = self.report
        self.trust.setVisible(bool(report and not report.trusted))
        self.trust_hint.setVisible(self.trust.isVisibleTo(self))
        if report and not report.trusted:
            laptop = plain(report.device_name) or plain(report.device, 8)
            self.trust.setText(_("I checked the key fingerprint {fingerprint} with its owner: trust {laptop}.").format(
                fingerprint=report.fingerprint, laptop=laptop.replace("&", "&&")))
        ready = bool(report and not report.nothing_new and (report.trusted or self.trust.isChecked()))
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setEnabled(
            ready and not self.imported and self.job is None)

    def apply(self):
        """Apply the bundle in the background, all or nothing; returns the job (None when nothing started)."""
        path = self.source.path()
        if path is None or self.job is not None:
            return None
        self.job = run_in_background(self, N_("Importing a bundle"),
                                     self._work(path, self.passphrase.text() or None, dry_run=False,
                                                trust=self.report.fingerprint if self.report and self.trust.isChecked() else False),
                                     self._imported, self._import_failed, self._import_cancelled)
        self._update_buttons()
        return self.job

    def _imported(self, report) -> None:
        self.job = None
        self.imported = True
        self.report = report
        if report.stats.newest_stamp:  # the window's own clock moves past what arrived, as the worker's did
            self.context.store.clock.observe(report.stats.newest_stamp)
        self._outcome = ["", _("Imported.")]
        self._show_report()
        self.context.after_sync(("localities", "organizations", "people", "memberships", "conflicts"))

    def _import_failed(self, error: BaseException) -> None:
        self.job = None
        self._update_buttons()
        if isinstance(error, StoreError):
            warn_plainly(self, _("Import"), str(error))
        else:
            show_error(self, error)

    def _import_cancelled(self) -> None:
        self.job = None
        self._outcome = ["", _("The import was cancelled; nothing was changed.")]
        self._show_report()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import a bundle"))
        self.file_label.setText(_("Bundle file"))
        self.passphrase_label.setText(_("Passphrase"))
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setText(_("Import"))
        self.source.retranslate()
        if self.report is not None:  # a finished preview is said again, not read again
            self._show_report()
        else:
            self.preview()
