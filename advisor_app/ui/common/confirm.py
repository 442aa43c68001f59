"""The one way to ask before something is lost: deleting, removing, voiding, closing unsaved work.

The safe answer is the default, so Enter (or Enter twice, from a field) never destroys anything; the
button that destroys says what it does ("Delete", not "Yes") and carries no single-letter accelerator,
so a letter typed a moment too late cannot answer for the person. Escape cancels.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from advisor_app.i18n import _


def destructive_box(parent: QWidget | None, title: str, question: str, action: str) -> QMessageBox:
    """The question, built but not shown: ``action`` names what the destroying button does."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, question, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("destructive_question")
    go = box.addButton(action.replace("&", ""), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    go.setObjectName("destroy")
    keep.setObjectName("keep")
    for button in (go, keep):
        button.setShortcut("")
    go.setAutoDefault(False)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    keep.setFocus()
    return box


def destructive(parent: QWidget | None, title: str, question: str, action: str) -> bool:
    """Ask; True only when the person chose ``action`` itself."""
    box = destructive_box(parent, title, question, action)
    box.exec()
    return box.clickedButton() is box.findChild(QWidget, "destroy")
