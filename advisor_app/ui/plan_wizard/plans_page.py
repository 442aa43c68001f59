"""The Plans tab: every business plan on this laptop, and what can be done with one (open the wizard,
duplicate as a scenario, compare scenarios side by side, print, delete with Undo)."""

from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain.finance import compute
from advisor_app.domain.plans import PLAN_STATUSES, model_of
from advisor_app.i18n import N_, _
from advisor_app.store import list_sources
from advisor_app.store.plans import create_plan, duplicate_as_scenario, scenarios
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.fields import TextField
from advisor_app.ui.common.list_page import ListPage
from advisor_app.ui.plan_wizard.pages import VERDICT_WORDS, figure_rows
from advisor_app.ui.common.record_form import ERROR_STYLE
from advisor_app.ui.common.record_picker import RecordPicker
from advisor_app.ui.common.tables import fit_columns, read_only_table, set_row
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.window_fit import fit_window
from advisor_app.ui.common.windows import window
from advisor_app.ui.plan_wizard.printing import print_plan
from advisor_app.ui.plan_wizard.window import PlanWizard



def open_plan(context: AppContext, plan_id: str, parent: QWidget):
    """The wizard of a plan; one window per plan, brought to the front when it is already open."""
    for open_wizard in parent.window().findChildren(PlanWizard):
        if open_wizard.session.plan_id == plan_id and open_wizard.isVisible():
            open_wizard.raise_()
            open_wizard.activateWindow()
            return open_wizard
    wizard = PlanWizard(context, plan_id, parent.window())
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.show()
    return wizard


@reports_errors
class NewPlanDialog(QDialog):
    """A plan needs a title and a lead organization; everything else is asked by the wizard."""

    def __init__(self, context: AppContext, organization_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.organization_id = organization_id
        self.plan_id: str | None = None
        self.title_field = TextField(parent=self)
        self.picker = RecordPicker(context.store.conn, "organizations", self)
        self.picker.picked.connect(self._picked)
        self.picked_label = QLabel(self)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.title_label, self.lead_label = QLabel(self), QLabel(self)
        lead = QVBoxLayout()
        lead.addWidget(self.picker)
        lead.addWidget(self.picked_label)
        self.form.addRow(self.title_label, self.title_field)
        self.form.addRow(self.lead_label, lead)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        fit_window(self, 520, 200, "new_plan")
        self.retranslate()

    def _picked(self, organization_id: str) -> None:
        self.organization_id = organization_id
        self.retranslate()

    def create(self) -> None:
        title = self.title_field.value().strip()
        if not title:
            self.error.setText(_("Give the plan a title, e.g. the business and the place."))
            return
        if not self.organization_id:
            self.error.setText(_("Choose the organization that leads the plan from the list."))
            return
        self.plan_id = create_plan(self.context.repository, {"title": title,
                                                             "lead_organization_id": self.organization_id})
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New business plan"))
        self.title_label.setText(_("Title of the plan"))
        self.lead_label.setText(_("Lead organization"))
        self.title_field.setPlaceholderText(_("e.g. Chile drying plant in El Cargadero"))
        self.picker.retranslate()
        self.picked_label.setText("<b>%s</b>" % self.context.repository.display_name(
            "organizations", self.organization_id) if self.organization_id else "")


class CompareDialog(QDialog):
    """A plan and its scenarios side by side: the key figures and the verdict of each."""

    def __init__(self, context: AppContext, plan_ids: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.plan_ids = context, plan_ids
        self.table = read_only_table(len(plan_ids) + 1, self)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        fit_window(self, 300 + 220 * len(plan_ids), 460, "compare_plans")
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Compare scenarios"))
        self.close_button.setText(_("Close"))
        columns = []
        for plan_id in self.plan_ids:
            plan = self.context.repository.get("plans", plan_id)
            results = compute(model_of(plan))
            verdict = _(VERDICT_WORDS[results.verdict.colour]) if results.verdict else _("Figures incomplete")
            figures = figure_rows(results) if not results.problems else []
            columns.append((plan["scenario_name"] or _("Original plan"), verdict, figures, results))
        labels = [label for label, _value in figure_rows(columns[0][3])] if columns else []
        self.table.setHorizontalHeaderLabels([""] + [name for name, *_rest in columns])
        self.table.setRowCount(len(labels) + 1)
        set_row(self.table, 0, [_("Verdict")] + [verdict for _name, verdict, *_rest in columns])
        for row, label in enumerate(labels, start=1):
            set_row(self.table, row, [label] + [figures[row - 1][1] if figures else "—"
                                                for _name, _verdict, figures, _results in columns])
        fit_columns(self.table)


class PlansPage(ListPage):
    needs_selection = ("open", "scenario", "compare", "pdf", "agreement", "delete")
    watched = ("plans", "plan_organizations", "organizations", "bundles")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, list_sources.plans(context.store.conn), "business_plans", {
            "new": self.new_plan, "open": self.open_selected, "scenario": self.duplicate_selected,
            "compare": self.compare_selected, "pdf": self.print_selected, "agreement": self.draft_agreement,
            "delete": self.delete_selected}, lambda: [(None, N_("Any status")), *PLAN_STATUSES.items()], parent)
        self.retranslate()

    def empty_sentence(self) -> str:
        return _("No business plans yet. Choose \"New plan\" to start one with a group.")

    @reports_errors
    def new_plan(self, organization_id: str | None = None):
        dialog = NewPlanDialog(self.context, organization_id or None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.plan_id:
            self.refresh()
            self.select_id(dialog.plan_id)
            return open_plan(self.context, dialog.plan_id, self)
        return None

    @reports_errors
    def open_selected(self):
        plan_id = self.current_id()
        return open_plan(self.context, plan_id, self) if plan_id else None

    @reports_errors
    def duplicate_selected(self):
        plan_id = self.current_id()
        if not plan_id:
            return None
        new_id = duplicate_as_scenario(self.context.repository, plan_id)
        self.refresh()
        self.select_id(new_id)
        return open_plan(self.context, new_id, self)

    @reports_errors
    def compare_selected(self):
        plan_id = self.current_id()
        if not plan_id:
            return None
        family = scenarios(self.context.store.conn, plan_id)
        if len(family) < 2:
            QMessageBox.information(self, _("Compare scenarios"), _(
                "This plan has no scenarios yet. Choose \"Duplicate as scenario\", change some numbers in the "
                "copy, then compare."))
            return None
        dialog = CompareDialog(self.context, family, self)
        dialog.open()
        return dialog

    def print_selected(self):
        plan_id = self.current_id()
        return print_plan(self.context, plan_id, self) if plan_id else None

    def draft_agreement(self):
        """An agreement whose amounts, shares and governance clauses start from the selected plan."""
        plan_id = self.current_id()
        if not plan_id:
            return None
        main = self.window()
        if hasattr(main, "new_agreement"):
            return main.new_agreement(None, plan_id)
        dialog = window("new_agreement")(self.context, None, plan_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.agreement_id:
            return window("open_agreement")(self.context, dialog.agreement_id, self)
        return None

    @reports_errors
    def delete_selected(self) -> None:
        self.delete_selected_after_asking("plans", _("Delete plan"), _(
            "Delete the plan \"{name}\"? It can be brought back with Undo."))

    def retranslate(self) -> None:
        labels = {"new": _("New plan"), "open": _("Open"), "scenario": _("Duplicate as scenario"),
                  "compare": _("Compare scenarios"), "pdf": _("Print (PDF)…"), "agreement": _("Draft agreement…"),
                  "delete": _("Delete")}
        for name, button in self.buttons.items():
            button.setText(labels[name])
        self.search.setPlaceholderText(_("Search plans by title, organization or scenario…"))
        self.table.retranslate()
        self.refresh()
