"""Export a bundle to carry to another laptop, and import one: preview first, then apply.

The export, the preview and the import run in the background (``ui/common/background.py``) on a
connection of their own, with a progress window and Cancel; the window stays responsive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import N_, _
from advisor_app.store.errors import StoreError
from advisor_app.sync import crypto
from advisor_app.sync.bundle_format import SUFFIX
from advisor_app.sync.crypto import MIN_PASSPHRASE
from advisor_app.sync.errors import BundleError
from advisor_app.sync.export import contains_personal_data, export_bundle
from advisor_app.sync.importer import describe_import, run_import
from advisor_app.sync.sender_text import plain
from advisor_app.ui.common.background import run_in_background, show_error
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.hints import HintLabel

WARNING_STYLE = "background: #fff4ce; border-radius: 4px; padding: 6px;"


def warn_plainly(parent: QWidget, title: str, text: str) -> None:
    """A warning whose text is never read as HTML: it may hold names that came from another laptop."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def _file_dialog_options() -> QFileDialog.Option:
    # Qt's own dialog follows the app's language (the system one follows the system's).
    return QFileDialog.Option.DontUseNativeDialog


class PathField(QWidget):
    def __init__(self, saving: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.saving = saving
        self.edit = QLineEdit(self)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.retranslate()

    def choose(self) -> None:
        pattern = _("Bundles (*{suffix})").format(suffix=SUFFIX)
        if self.saving:
            path, _filter = QFileDialog.getSaveFileName(self, _("Save the bundle as"), self.edit.text(), pattern,
                                                        options=_file_dialog_options())
        else:
            path, _filter = QFileDialog.getOpenFileName(self, _("Open a bundle"), self.edit.text(), pattern,
                                                        options=_file_dialog_options())
        if path:
            if self.saving and not path.endswith(SUFFIX):
                path += SUFFIX
            self.edit.setText(path)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None

    def retranslate(self) -> None:
        self.button.setText(_("Choose…"))


class ExportDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        conn = context.store.conn
        self._personal_by_scope: dict[tuple, bool] = {}
        self.everything, self.for_peer, self.chosen = (QRadioButton(self) for _ in range(3))
        self.scope = QButtonGroup(self)
        for button in (self.everything, self.for_peer, self.chosen):
            self.scope.addButton(button)
        self.everything.setChecked(True)
        self.peer = QComboBox(self)
        self.peer.setEditable(True)
        self.peer.addItems([name for (name,) in conn.execute("SELECT name FROM peers ORDER BY name")])
        self.peer.setCurrentText("")
        self.peer.currentTextChanged.connect(self._update)
        self.organizations = QListWidget(self)
        for row_id, name in conn.execute("SELECT id, name FROM organizations WHERE deleted = 0 ORDER BY sort_name"):
            item = QListWidgetItem(name, self.organizations)
            item.setData(Qt.ItemDataRole.UserRole, row_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.organizations.itemChanged.connect(self._update)
        self.organization_filter = QLineEdit(self)
        self.organization_filter.setClearButtonEnabled(True)
        self.organization_filter.textChanged.connect(self._filter_organizations)
        self.encrypt = QCheckBox(self)
        self.encrypt.setChecked(True)
        self.encrypt.toggled.connect(self._update)
        self.passphrase, self.repeat = QLineEdit(self), QLineEdit(self)
        for field in (self.passphrase, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._update)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        self.target = PathField(saving=True, parent=self)
        stamp = dt.date.today().isoformat()
        laptop = (context.store.get_meta("device_name") or "advisor").replace(" ", "-")
        self.target.edit.setText(str(Path.home() / f"{laptop}-{stamp}{SUFFIX}"))
        self.target.edit.textChanged.connect(self._update)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.scope_label, self.passphrase_label, self.repeat_label, self.file_label = (QLabel(self) for _ in range(4))
        self.form.addRow(self.scope_label, self.everything)
        self.form.addRow("", self.for_peer)
        self.form.addRow("", self.peer)
        self.form.addRow("", self.chosen)
        self.form.addRow("", self.organization_filter)
        self.form.addRow("", self.organizations)
        self.form.addRow("", self.encrypt)
        self.form.addRow(self.passphrase_label, self.passphrase)
        self.form.addRow(self.repeat_label, self.repeat)
        self.form.addRow(self.file_label, self.target)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.warning)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(640, 620)
        self.result_message = ""
        self.job = None
        for button in (self.everything, self.for_peer, self.chosen):
            button.toggled.connect(self._update)
        self.retranslate()

    def _filter_organizations(self, text: str) -> None:
        from advisor_app.domain.catalog import fold

        words = fold(text).split()
        for number in range(self.organizations.count()):
            item = self.organizations.item(number)
            item.setHidden(not all(word in fold(item.text()) for word in words))

    def _selected_organizations(self) -> list[str]:
        return [self.organizations.item(number).data(Qt.ItemDataRole.UserRole)
                for number in range(self.organizations.count())
                if self.organizations.item(number).checkState() == Qt.CheckState.Checked]

    def _scope(self) -> tuple[str | None, list[str] | None]:
        if self.for_peer.isChecked():
            return self.peer.currentText().strip() or None, None
        if self.chosen.isChecked():
            return None, self._selected_organizations()
        return None, None

    def _problem(self) -> str | None:
        peer, organizations = self._scope()
        if self.for_peer.isChecked() and not peer:
            return _("Name the laptop the bundle is for.")
        if self.chosen.isChecked() and not organizations:
            return _("Choose at least one organization.")
        if self.encrypt.isChecked():
            if len(self.passphrase.text()) < MIN_PASSPHRASE:
                return _("The passphrase needs at least {count} characters.").format(count=MIN_PASSPHRASE)
            if self.passphrase.text() != self.repeat.text():
                return _("The two passphrases are not the same.")
        target = self.target.path()
        if target is None:
            return _("Choose where to save the bundle.")
        if not target.parent.is_dir():
            return _("The folder {folder} does not exist.").format(folder=target.parent)
        return None

    def _update(self, *_args) -> None:
        self.peer.setEnabled(self.for_peer.isChecked())
        self.organizations.setEnabled(self.chosen.isChecked())
        self.organization_filter.setEnabled(self.chosen.isChecked())
        for widget in (self.passphrase, self.repeat):
            widget.setEnabled(self.encrypt.isChecked())
        peer, organizations = self._scope()
        personal = self._personal(peer, organizations) if not (self.chosen.isChecked() and not organizations) \
            else False
        self.warning.setVisible(personal and not self.encrypt.isChecked())
        problem = self._problem()
        self.problem.setText(problem or "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def _personal(self, peer: str | None, organizations: list[str] | None) -> bool:
        """Asked once per scope, not at every letter of the passphrase: at scale it reads the change log."""
        key = (peer, tuple(organizations or ()))
        if key not in self._personal_by_scope:
            self._personal_by_scope[key] = contains_personal_data(self.context.store, peer, organizations or None)
        return self._personal_by_scope[key]

    def run(self):
        """Write the bundle in the background; returns the job (None when nothing started)."""
        if self._problem() or self.job is not None:
            return None
        peer, organizations = self._scope()
        target, store = self.target.path(), self.context.store
        passphrase = self.passphrase.text() if self.encrypt.isChecked() else None

        def work(progress):
            worker = store.another_connection()
            try:
                return export_bundle(worker, target, peer=peer, organization_ids=organizations or None,
                                     passphrase=passphrase, progress=progress)
            finally:
                worker.close()

        self.job = run_in_background(self, N_("Exporting a bundle"), work, self._exported, self._failed,
                                     self._cancelled)
        self.buttons.setEnabled(self.job is None)
        return self.job

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.buttons.setEnabled(True)
        if isinstance(error, StoreError):
            self.problem.setText(str(error))
        else:
            show_error(self, error)

    def _cancelled(self) -> None:
        self.job = None
        self.buttons.setEnabled(True)
        self.problem.setText(_("The export was cancelled; no file was written."))

    def _exported(self, result) -> None:
        self.job = None
        self.buttons.setEnabled(True)
        self.result_message = _("Bundle {path} written: {count} changes, {attachments} attachments{encrypted}.").format(
            path=result.path, count=result.changes, attachments=result.attachments,
            encrypted=_(", encrypted") if result.encrypted else "")
        if result.warnings:
            warn_plainly(self, _("Export a bundle"), "\n".join(result.warnings))
        self.context.after_sync()
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Export a bundle"))
        self.scope_label.setText(_("What to export"))
        self.everything.setText(_("Everything"))
        self.for_peer.setText(_("Only what this laptop has not received yet:"))
        self.peer.lineEdit().setPlaceholderText(_("name of the other laptop"))
        self.chosen.setText(_("Only these organizations, with their members:"))
        self.organization_filter.setPlaceholderText(_("Type to narrow the list"))
        self.encrypt.setText(_("Protect with a passphrase (recommended: the bundle carries personal data)"))
        self.passphrase_label.setText(_("Passphrase"))
        self.repeat_label.setText(_("Repeat it"))
        self.file_label.setText(_("Save as"))
        self.warning.setText(_("Without a passphrase, anyone who finds the USB stick can read the names, CURPs and "
                               "phone numbers of the people in this bundle."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))
        self._update()


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
