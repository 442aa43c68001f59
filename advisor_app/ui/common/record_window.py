"""The frame every record window shares (organization, person, membership, workshop, session): its
form, a Delete button and Close. Closing, or Escape, writes what was typed first.

Enter must never delete: no button of the frame is a default button (a dialog otherwise makes the first
one it finds the default, and that was Delete), typing starts in the first field, and deleting asks a
question whose default is Cancel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QWidget

from advisor_app.i18n import N_, _
from advisor_app.ui.common import confirm
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.user_errors import reports_errors

DATE_HINT = N_("YYYY-MM-DD")


class RecordWindow(QDialog):
    table = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self._delete)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)

    def footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addStretch()
        row.addWidget(self.buttons)
        return row

    def showEvent(self, event) -> None:
        for button in self.findChildren(QPushButton):
            if button.window() is self:
                button.setAutoDefault(False)
                button.setDefault(False)
        super().showEvent(event)
        first = self.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def first_field(self) -> QWidget | None:
        """Where typing starts: the form's first field that takes typing."""
        for editor in self.form.editors.values():
            if editor.isVisibleTo(self) and editor.isEnabled() and editor.focusPolicy() != Qt.FocusPolicy.NoFocus:
                return editor
        return None

    def record_id(self) -> str | None:
        return self.form.row_id

    def description(self) -> str:
        return ""

    @reports_errors
    def _delete(self) -> None:
        if self.record_id() is None:
            self.close()
            return
        if confirm.destructive(self, _("Delete"), _("Delete {name}? You can undo this from the main window.")
                               .format(name=self.description()), _("Delete")):
            self.context.delete(self.table, self.record_id(), self.description())
            self.close()

    def reject(self) -> None:
        """Escape closes as Close does: what was typed is written, not dropped with the hidden window."""
        self.close()

    def closeEvent(self, event) -> None:
        self.form.flush()
        if self.form.has_unsaved_problems() or (self.record_id() is None and self.form.has_typed_something()):
            if not confirm.destructive(self, _("Close"), _(
                    "Some of what you typed is not saved because it needs correcting (see the messages in red). "
                    "Close anyway and lose it?"), _("Close without saving")):
                event.ignore()
                return
            self.form.discard_pending()  # the person chose to lose it: nothing is retried later
        super().closeEvent(event)

    def retranslate_frame(self) -> None:
        self.delete_button.setText(_("Delete"))
        self.delete_button.setEnabled(self.record_id() is not None)
