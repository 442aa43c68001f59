"""The recovery key, shown once after protecting a data file, and its sheet saved as PDF.

The key is not kept anywhere by the app (not in the data file, not in a file of its own): this window
and the PDF the person saves are the only copies. So it closes only once the person has ticked that
the key is written down or saved; Escape and the title bar's close do nothing before that.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import _, current_language
from advisor_app.reports.recovery_sheet_pdf import BOTH, key_lines, write_recovery_sheet
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.save_pdf import save_pdf
from advisor_app.ui.common.window_fit import fit_window

KEY_POINT_SIZE = 20


class RecoveryKeyDialog(QDialog):
    def __init__(self, context: AppContext, recovery_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recovery_key_dialog")
        self.context = context
        self._recovery_key = recovery_key
        self.setModal(True)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.key = QLabel("\n".join(key_lines(recovery_key)), self)
        self.key.setObjectName("recovery_key")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(KEY_POINT_SIZE)
        font.setWeight(QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        self.key.setFont(font)
        self.key.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)  # the groups in columns
        self.key.setIndent(40)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setFrameShape(QFrame.Shape.StyledPanel)
        self.key.setMargin(16)
        self.key.setStyleSheet("background: #e3ebee; color: #1f2933;")
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("font-weight: bold;")
        self.language_label = QLabel(self)
        self.language = QComboBox(self)
        self.language.setObjectName("sheet_language")
        for code in ("es", "en", BOTH):
            self.language.addItem("", code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_sheet")
        self.save_button.clicked.connect(lambda: self.save_sheet())
        self.saved_label = QLabel(self)
        self.saved_label.setWordWrap(True)
        self.kept = QCheckBox(self)
        self.kept.setObjectName("key_kept")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close")
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.accept)
        self.kept.toggled.connect(self.close_button.setEnabled)
        self.kept.toggled.connect(lambda on: on and self.close_button.setDefault(True))

        sheet = QHBoxLayout()
        sheet.addWidget(self.language_label)
        sheet.addWidget(self.language)
        sheet.addWidget(self.save_button)
        sheet.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.kept, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.key)
        layout.addLayout(sheet)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.retranslate()
        fit_window(self, 720, 470, "recovery_key")

    def save_sheet(self, out: Path | None = None):
        """File dialog (unless ``out`` is given), then the PDF written in the background."""
        store = self.context.store
        language = self.language.currentData()

        def write(_store, path: Path) -> Path:
            return write_recovery_sheet(path, self._recovery_key, language, store.get_meta("device_name") or "",
                                        store.get_meta("advisor_name") or "", Path(store.path).name)

        job = save_pdf(self, store, write, out, _("recovery-key"), _("Save the recovery sheet"),
                       _("Recovery key"), _("The recovery sheet was saved as {path}. Print it and keep it at the "
                                            "office, locked away."))
        if job is not None:
            job.finished.connect(lambda _outcome: job.result and self.saved_label.setText(
                _("Saved as {path}.").format(path=job.result)))
        return job

    def reject(self) -> None:
        """Escape and the title bar close the window only once the key is kept."""
        if self.kept.isChecked():
            super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Recovery key"))
        self.explanation.setText(_(
            "This is the recovery key of this data file. It opens the file if the passphrase is forgotten, and it "
            "is shown only now: write it down, or save the sheet as PDF and print it. Keep it at the office, "
            "locked away, never with the laptop."))
        self.warning.setText(_("If you forget the passphrase and lose the recovery key, the data cannot be recovered "
                               "by anyone."))
        self.language_label.setText(_("Sheet in"))
        for index, name in enumerate((_("Spanish"), _("English"), _("Spanish and English"))):
            self.language.setItemText(index, name)
        self.save_button.setText(_("Save the recovery sheet as PDF…"))
        self.kept.setText(_("I have written down or saved the recovery key"))
        self.close_button.setText(_("Close"))
