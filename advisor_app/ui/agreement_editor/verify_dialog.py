"""*Verify a printed copy…*: type or paste the code printed in a copy's footer, or open the PDF, and the
dialog names the agreement, version and status it matches, or says plainly that nothing on record does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor_app.i18n import _
from advisor_app.store.errors import StoreError
from advisor_app.store.verification import verify_hash, verify_pdf
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.record_form import ERROR_STYLE

MATCH_STYLE = "color: #1e6b3a; font-weight: bold;"


class VerifyCopyDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.code = QLineEdit(self)
        self.code.returnPressed.connect(self.check_code)
        self.check_button = QPushButton(self)
        self.check_button.clicked.connect(self.check_code)
        self.pdf_button = QPushButton(self)
        self.pdf_button.clicked.connect(lambda: self.check_pdf())
        self.answer = QLabel(self)
        self.answer.setWordWrap(True)
        self.answer.setMinimumHeight(60)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.pdf_button)
        layout.addWidget(self.answer)
        layout.addWidget(self.buttons)
        self.resize(560, 260)
        self.retranslate()

    def show_answer(self, matched: bool, sentences: list[str]) -> None:
        self.answer.setStyleSheet(MATCH_STYLE if matched else ERROR_STYLE)
        self.answer.setText("\n".join(sentences))

    def check_code(self) -> bool:
        try:
            matched, sentences = verify_hash(self.context.store.conn, self.code.text())
        except StoreError as error:
            matched, sentences = False, [str(error)]
        self.show_answer(matched, sentences)
        return matched

    def check_pdf(self, path: str | Path | None = None) -> bool:
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(self, _("Open the PDF of a printed copy"), "",
                                                        _("PDF files (*.pdf)"))
            if not path:
                return False
        try:
            matched, sentences = verify_pdf(self.context.store.conn, path)
        except StoreError as error:
            matched, sentences = False, [str(error)]
        self.show_answer(matched, sentences)
        return matched

    def retranslate(self) -> None:
        self.setWindowTitle(_("Verify a printed copy"))
        self.intro.setText(_("Type or paste the code printed in bold in the footer of the copy (after “SHA-256:”, at "
                             "least 16 characters), or open the agreement's PDF."))
        self.code.setPlaceholderText(_("For example 83a06f960d00d882"))
        self.check_button.setText(_("Check"))
        self.pdf_button.setText(_("Open a PDF…"))


__all__ = ["VerifyCopyDialog"]
