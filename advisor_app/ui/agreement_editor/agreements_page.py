"""The Agreements tab: every agreement on this laptop, drafting a new one from a template, an
organization and a plan, opening the editor, saving or printing the PDF, deleting with Undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain.agreements.library import LibraryError, in_language, load_library
from advisor_app.domain.agreements.vocabulary import STATUSES
from advisor_app.i18n import N_, _, current_language
from advisor_app.store import list_sources
from advisor_app.store.agreements import create_agreement
from advisor_app.store.plans import list_plans
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.list_page import ListPage
from advisor_app.ui.common.record_form import ERROR_STYLE
from advisor_app.ui.common.record_picker import RecordPicker
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.wait_cursor import WaitCursor
from advisor_app.ui.common.window_fit import fit_window
from advisor_app.ui.agreement_editor.printing import print_agreement, save_agreement_pdf
from advisor_app.ui.agreement_editor.window import AgreementWindow



def open_agreement(context: AppContext, agreement_id: str, parent: QWidget):
    """The editor of an agreement; one window per agreement, brought to the front when already open."""
    for window in parent.window().findChildren(AgreementWindow):
        if window.agreement_id == agreement_id and window.isVisible():
            window.raise_()
            window.activateWindow()
            return window
    window = AgreementWindow(context, agreement_id, parent.window())
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window


class NewAgreementDialog(QDialog):
    """Choose the template, the organization it is for and, when there is one, the business plan whose
    amounts, shares and governance answers fill the first draft."""

    def __init__(self, context: AppContext, organization_id: str | None = None, plan_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.organization_id = organization_id
        self.agreement_id: str | None = None
        self.templates = list(load_library().values())
        self.template_box = QComboBox(self)
        self.template_box.currentIndexChanged.connect(lambda _index: self._describe())
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.picker = RecordPicker(context.store.conn, "organizations", self)
        self.picker.picked.connect(self._picked)
        self.picked_label = QLabel(self)
        self.plan_box = QComboBox(self)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        self.labels = [QLabel(self) for _index in range(3)]
        organization = QVBoxLayout()
        organization.addWidget(self.picker)
        organization.addWidget(self.picked_label)
        form = QFormLayout()
        form.addRow(self.labels[0], self.template_box)
        form.addRow("", self.description)
        form.addRow(self.labels[1], organization)
        form.addRow(self.labels[2], self.plan_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        fit_window(self, 600, 280, "new_agreement")
        self._wanted_plan = plan_id
        if plan_id and not organization_id:
            plan = context.repository.get("plans", plan_id)
            self.organization_id = plan["lead_organization_id"] if plan else None
        self.retranslate()

    def _picked(self, organization_id: str) -> None:
        self.organization_id = organization_id
        self.retranslate()

    def _describe(self) -> None:
        index = self.template_box.currentIndex()
        chosen = self.templates[index] if 0 <= index < len(self.templates) else None
        self.description.setText(in_language(chosen.description, current_language()) if chosen else "")

    def _fill_plans(self) -> None:
        wanted = self.plan_box.currentData() or self._wanted_plan
        self.plan_box.clear()
        self.plan_box.addItem(_("No business plan"), None)
        if self.organization_id:
            for plan in list_plans(self.context.store.conn, organization_id=self.organization_id):
                name = plan["title"] + (f" — {plan['scenario_name']}" if plan["scenario_name"] else "")
                self.plan_box.addItem(name, plan["id"])
        index = self.plan_box.findData(wanted) if wanted else -1
        self.plan_box.setCurrentIndex(index if index > 0 else (1 if self.plan_box.count() > 1 else 0))

    def create(self) -> None:
        if not self.organization_id:
            self.error.setText(_("Choose the organization the agreement is for from the list."))
            return
        chosen = self.templates[self.template_box.currentIndex()]
        with WaitCursor():
            self.agreement_id = create_agreement(self.context.repository, chosen.id, self.organization_id,
                                                 self.plan_box.currentData())
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New agreement"))
        for widget, text in zip(self.labels, (_("Template"), _("Organization"), _("Business plan"))):
            widget.setText(text)
        index = max(self.template_box.currentIndex(), 0)
        self.template_box.blockSignals(True)
        self.template_box.clear()
        for template in self.templates:
            self.template_box.addItem(in_language(template.title, current_language()), template.id)
        self.template_box.setCurrentIndex(index)
        self.template_box.blockSignals(False)
        self._describe()
        self.picker.retranslate()
        self.picked_label.setText("<b>%s</b>" % self.context.repository.display_name(
            "organizations", self.organization_id) if self.organization_id else "")
        self._fill_plans()


class AgreementsPage(ListPage):
    needs_selection = ("open", "pdf", "print", "delete")
    watched = ("agreements", "agreement_parties", "organizations", "plans", "bundles")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, list_sources.agreements(context.store.conn), "agreements", {
            "new": self.new_agreement, "open": self.open_selected, "pdf": self.save_selected,
            "print": self.print_selected, "delete": self.delete_selected, "verify": self.verify_copy},
            lambda: [(None, N_("Any status")), *STATUSES.items()], parent)
        self.retranslate()

    def refresh(self) -> None:
        super().refresh()
        try:
            load_library()
        except LibraryError as error:
            self.empty.setText(str(error))  # the list still shows every agreement; the sentence says which file

    def empty_sentence(self) -> str:
        return _("No agreements yet. Choose \"New agreement\" to draft one from a template with a group.")

    @reports_errors
    def new_agreement(self, organization_id: str | None = None, plan_id: str | None = None):
        dialog = NewAgreementDialog(self.context, organization_id or None, plan_id or None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.agreement_id:
            self.refresh()
            self.select_id(dialog.agreement_id)
            return open_agreement(self.context, dialog.agreement_id, self)
        return None

    @reports_errors
    def open_selected(self):
        agreement_id = self.current_id()
        return open_agreement(self.context, agreement_id, self) if agreement_id else None

    def save_selected(self):
        agreement_id = self.current_id()
        return save_agreement_pdf(self.context, agreement_id, self) if agreement_id else None

    def print_selected(self):
        agreement_id = self.current_id()
        return print_agreement(self.context, agreement_id, self) if agreement_id else None

    def verify_copy(self):
        from advisor_app.ui.agreement_editor.verify_dialog import VerifyCopyDialog

        dialog = VerifyCopyDialog(self.context, self)
        dialog.show()
        return dialog

    @reports_errors
    def delete_selected(self) -> None:
        self.delete_selected_after_asking("agreements", _("Delete agreement"), _(
            "Delete the agreement \"{name}\"? It can be brought back with Undo."))

    def retranslate(self) -> None:
        labels = {"new": _("New agreement"), "open": _("Open"), "pdf": _("Save PDF…"), "print": _("Print…"),
                  "delete": _("Delete"), "verify": _("Verify a printed copy…")}
        for name, button in self.buttons.items():
            button.setText(labels[name])
        self.search.setPlaceholderText(_("Search agreements by title, folio, organization or plan…"))
        self.table.retranslate()
        self.refresh()
