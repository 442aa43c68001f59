"""Export a bundle to carry to another laptop.

The export runs in the background (``ui/common/background.py``) on a connection of its own, with a
progress window and Cancel; the window stays responsive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import N_, _
from advisor_app.store.errors import StoreError
from advisor_app.sync.bundle_format import SUFFIX
from advisor_app.sync.crypto import MIN_PASSPHRASE
from advisor_app.sync.export import contains_personal_data, export_bundle
from advisor_app.ui.common.background import run_in_background, show_error
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.sync.bundle_fields import WARNING_STYLE, PathField, warn_plainly


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
