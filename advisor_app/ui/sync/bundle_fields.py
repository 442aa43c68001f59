"""What the export and import windows share: the bundle file field, the warning style, a plain warning."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QMessageBox, QPushButton, QWidget

from advisor_app.i18n import _
from advisor_app.sync.bundle_format import SUFFIX

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
