"""The project page (who, where, what) and the question pages (market, operations, governance)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget
)

from advisor_app.domain.plans import PLAN_STATUSES, SECTORS, Page
from advisor_app.i18n import N_, _
from advisor_app.store.listing import locality_of
from advisor_app.ui.common.fields import ChoiceField, NotesField, TextField, vocabulary_options
from advisor_app.ui.common.locality_picker import LocalityField
from advisor_app.ui.common.record_picker import RecordPicker
from advisor_app.ui.plan_wizard.pages.base import ErrorLabel, NarrativeForm, PlanPage, schemes
from advisor_app.ui.plan_wizard.session import PlanSession


class QuestionsPage(PlanPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        layout = QVBoxLayout(self.body)
        self.form = NarrativeForm(self, layout, page.questions)
        layout.addStretch(1)

    def load(self) -> None:
        self.form.load()

    def retranslate(self) -> None:
        super().retranslate()
        self.form.retranslate()


LABEL_WRAP_WIDTH = 200  # pixels: longer labels wrap


class ProjectPage(PlanPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        conn = session.context.store.conn
        self.title_field = TextField(parent=self.body)
        self.title_error = ErrorLabel(self.body)
        self.scenario_field = TextField(parent=self.body)
        self.lead_name = QLabel(self.body)
        self.lead_picker = RecordPicker(conn, "organizations", self.body)
        self.partner_list = QListWidget(self.body)
        self.partner_list.setMaximumHeight(90)
        self.partner_picker = RecordPicker(conn, "organizations", self.body)
        self.remove_partner = QPushButton(self.body)
        self.partner_error = ErrorLabel(self.body)
        self.locality = LocalityField(self.body)
        self.locality_error = ErrorLabel(self.body)
        self.sector = ChoiceField(vocabulary_options(SECTORS), blank=True, parent=self.body)
        catalog = schemes()
        self.project_type = ChoiceField(
            lambda: [(key, catalog.project_type_name(key)) for key in catalog.project_types] if catalog else [],
            blank=True, translate=False, parent=self.body)
        self.status = ChoiceField(vocabulary_options(PLAN_STATUSES), parent=self.body)
        self.summary = NotesField(self.body)
        self.form = QFormLayout()
        outer = QVBoxLayout(self.body)
        outer.addLayout(self.form)
        outer.addStretch(1)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        title_box = self._stack(self.title_field, self.title_error)
        lead_box = self._stack(self.lead_name, self.lead_picker)
        partner_row = QHBoxLayout()
        partner_row.addWidget(self.partner_picker, 1)
        partner_row.addWidget(self.remove_partner)
        partners_box = QWidget(self.body)
        partners_layout = QVBoxLayout(partners_box)
        partners_layout.setContentsMargins(0, 0, 0, 0)
        partners_layout.addWidget(self.partner_list)
        partners_layout.addLayout(partner_row)
        partners_layout.addWidget(self.partner_error)
        self._rows = [(N_("Title of the plan"), title_box), (N_("Scenario"), self.scenario_field),
                      (N_("Lead organization"), lead_box), (N_("Other participating organizations"), partners_box),
                      (N_("Locality of the business"), self._stack(self.locality, self.locality_error)),
                      (N_("Sector"), self.sector), (N_("Type of project"), self.project_type),
                      (N_("Status"), self.status), (N_("What will the business do, and why here?"), self.summary)]
        self.labels = []
        for _label, widget in self._rows:
            label = QLabel(self.body)
            label.setWordWrap(True)
            self.labels.append(label)
            self.form.addRow(label, widget)

        self.title_field.edited.connect(lambda: session.set_field("title", self.title_field.value()))
        self.scenario_field.edited.connect(lambda: session.set_field("scenario_name", self.scenario_field.value()))
        self.lead_picker.picked.connect(self._lead_picked)
        self.partner_picker.picked.connect(self._partner_picked)
        self.remove_partner.clicked.connect(self._remove_partner)
        self.locality.edited.connect(self._locality_edited)
        self.sector.edited.connect(lambda: session.set_field("sector", self.sector.value()))
        self.project_type.edited.connect(lambda: session.set_field("project_type", self.project_type.value()))
        self.status.edited.connect(lambda: session.set_field("status", self.status.value()))
        self.summary.edited.connect(lambda: session.set_field("summary", self.summary.value()))

    def _stack(self, *widgets: QWidget) -> QWidget:
        box = QWidget(self.body)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def load(self) -> None:
        session = self.session
        self.title_field.set_value(session.value("title"))
        self.scenario_field.set_value(session.value("scenario_name"))
        is_scenario = bool(session.value("scenario_of"))
        self.form.setRowVisible(1, is_scenario)
        self.locality.set_value(locality_of(session.context.store.conn, session.value("locality_id")))
        for field, column in ((self.sector, "sector"), (self.project_type, "project_type"), (self.status, "status")):
            field.set_value(session.value(column))
        self.summary.set_value(session.value("summary"))
        self._show_participants()

    def _show_participants(self) -> None:
        repository = self.session.context.repository
        self.lead_name.setText("<b>%s</b>" % repository.display_name("organizations",
                                                                     self.session.value("lead_organization_id")))
        self.partner_list.clear()
        for partner in self.session.partners():
            item = QListWidgetItem(partner["name"])
            item.setData(Qt.ItemDataRole.UserRole, partner["id"])
            self.partner_list.addItem(item)

    def _lead_picked(self, organization_id: str) -> None:
        self.session.set_field("lead_organization_id", organization_id)
        self.session.flush()
        self.lead_picker.clear()
        self._show_participants()

    def _partner_picked(self, organization_id: str) -> None:
        from advisor_app.store.errors import ValidationError

        try:
            self.session.add_partner(organization_id)
        except ValidationError as error:
            self.partner_error.show_message(next(iter(error.problems.values())))
            return
        self.partner_error.show_message(None)
        self.partner_picker.clear()
        self._show_participants()

    def _remove_partner(self) -> None:
        item = self.partner_list.currentItem()
        if item is not None:
            self.session.remove_partner(item.data(Qt.ItemDataRole.UserRole))
            self._show_participants()

    def _locality_edited(self) -> None:
        picked = self.locality.value()
        if self.locality.typed_something() and picked is None:
            self.locality_error.show_message(_("Choose a municipality from the list."))
            return
        self.locality_error.show_message(None)
        locality_id = self.session.context.repository.ensure_locality(*picked) if picked else None
        self.session.set_field("locality_id", locality_id)

    def show_field_problems(self, problems: dict[str, str]) -> None:
        self.title_error.show_message(problems.get("title"))

    def retranslate(self) -> None:
        super().retranslate()
        for label, (text, _widget) in zip(self.labels, self._rows):
            label.setText(_(text))
            # A short label keeps one line (a wrapped label beside a one-line field is cut at the bottom);
            # only a long question wraps, beside the taller fields it labels.
            label.setMinimumWidth(min(label.fontMetrics().horizontalAdvance(label.text()) + 2, LABEL_WRAP_WIDTH))
        for field in (self.sector, self.project_type, self.status, self.locality, self.lead_picker,
                      self.partner_picker, self.title_field, self.scenario_field):
            field.retranslate()
        self.remove_partner.setText(_("Remove the selected organization"))
        self.summary.setPlaceholderText(_("In the group's own words."))
        if self.session is not None:
            self._show_participants()
