"""Windows that edit one record each: organization, person, membership. All save as typed; their shared
frame (Delete, Close, focus) is ``record_window``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from advisor_app.domain import entities
from advisor_app.domain.catalog import us_states
from advisor_app.domain.entities import person_display_name
from advisor_app.domain.records import registration_warning
from advisor_app.i18n import N_, _
from advisor_app.store import listing
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.fields import ChoiceField, DateField, NotesField, NumberField, TextField, vocabulary_options
from advisor_app.ui.common.locality_picker import LocalityField
from advisor_app.ui.documents.checklist_panel import ChecklistPanel
from advisor_app.ui.registry.members_table import MembersTable
from advisor_app.ui.common.record_form import RecordForm
from advisor_app.ui.common.record_picker import RecordPicker
from advisor_app.ui.common.record_window import RecordWindow
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.window_fit import fit_window
from advisor_app.ui.common.windows import window

class OrganizationEditor(RecordWindow):
    table = "organizations"

    def __init__(self, context: AppContext, row_id: str | None = None, kind: str = "migrant_club",
                 parent: QWidget | None = None):
        super().__init__(context, parent)
        self.kind = ChoiceField(vocabulary_options(entities.ORGANIZATION_KINDS))
        self.federation = ChoiceField(lambda: listing.federations(context.store.conn), blank=True, translate=False)
        self.base_state = ChoiceField(lambda: sorted(us_states().items(), key=lambda item: item[1]),
                                      blank=True, translate=False)
        editors = {
            "kind": self.kind,
            "name": TextField(),
            "origin_locality_id": LocalityField(),
            "base_city": TextField(N_("e.g. Los Angeles")),
            "base_state": self.base_state,
            "parent_id": self.federation,
            "legal_form": TextField(N_("e.g. S.C. de R.L. de C.V., civil association")),
            "registration_number": TextField(N_("e.g. the consular registration (toma de nota) number")),
            "registration_valid_until": DateField(),
            "rfc": TextField(),
            "contact_name": TextField(),
            "phone": TextField(N_("+52 494 123 4567")),
            "email": TextField(),
            "status": ChoiceField(vocabulary_options(entities.ORGANIZATION_STATUSES)),
            "notes": NotesField(),
        }
        if row_id is None:
            self.kind.set_value(kind)
        self.form = RecordForm(context, self.table, editors, row_id, parent=self)
        self.kind.edited.connect(self._show_relevant_fields)
        self.renewal = QLabel(self)
        self.renewal.setWordWrap(True)
        self.renewal.setStyleSheet("background: #fff4ce; border-radius: 4px; padding: 6px;")
        self.renewal.hide()
        for name in ("kind", "registration_valid_until"):
            editors[name].edited.connect(self._check_renewal)
        self.members = MembersTable(context, "organization", self.record_id, self._open_membership, self)
        self.documents = ChecklistPanel(context, "organizations", self.record_id, self.kind.value, self)
        self.kind.edited.connect(self.documents.reload)
        self.form.created.connect(lambda _id: (self.members.reload(), self.documents.reload(), self.retranslate()))
        # Members and the documents a program asks for share the right half, one tab each.
        self.side = QTabWidget(self)
        self.side.addTab(self.members, "")
        self.side.addTab(self.documents, "")
        body = QHBoxLayout()
        body.addWidget(self.form, 1)
        body.addWidget(self.side, 1)
        self.agreement_button = QPushButton(self)
        self.agreement_button.clicked.connect(self.draft_agreement)
        self.competencies_button = QPushButton(self)
        self.competencies_button.clicked.connect(self.show_competencies)
        footer = self.footer()
        footer.insertWidget(1, self.agreement_button)
        footer.insertWidget(2, self.competencies_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.renewal)
        layout.addLayout(body)
        layout.addLayout(footer)
        fit_window(self, 1200, 700, "organization")
        self._show_relevant_fields()
        self.retranslate()

    def _show_relevant_fields(self) -> None:
        """US base and federation matter only for migrant clubs and federations."""
        abroad = self.kind.value() in ("migrant_club", "federation")
        for name in ("base_city", "base_state"):
            self.form.set_field_visible(name, abroad)
        self.form.set_field_visible("parent_id", self.kind.value() == "migrant_club")

    def _check_renewal(self) -> None:
        warning = registration_warning(self.kind.value(), self.form.editors["registration_valid_until"].value())
        self.renewal.setText(warning or "")
        self.renewal.setVisible(bool(warning))

    def description(self) -> str:
        return self.form.editors["name"].value()

    def show_competencies(self):
        """What the members have learned in workshops, the gaps, and the workshop the group needs next."""
        if not self.record_id():
            return None
        dialog = window("competency_map")(self.context, self.record_id(), self)
        dialog.open()
        return dialog

    def draft_agreement(self):
        """A new agreement for this organization; its editor belongs to the main window, not to this one."""
        organization_id = self.record_id()
        if not organization_id:
            return None
        dialog = window("new_agreement")(self.context, organization_id, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.agreement_id:
            return window("open_agreement")(self.context, dialog.agreement_id, self.parentWidget() or self)
        return None

    def _open_membership(self, membership_id: str | None) -> None:
        MembershipDialog(self.context, membership_id, organization_id=self.record_id(), parent=self).show()

    def retranslate(self) -> None:
        name = self.form.editors["name"].value()
        self.setWindowTitle(_("Organization: {name}").format(name=name) if name else _("New organization"))
        self.agreement_button.setText(_("Draft agreement…"))
        self.competencies_button.setText(_("Competency map…"))
        self.side.setTabText(0, _("Members"))
        self.side.setTabText(1, _("Documents"))
        for button in (self.agreement_button, self.competencies_button):
            button.setEnabled(bool(self.record_id()))
        self._check_renewal()
        self.retranslate_frame()


class PersonEditor(RecordWindow):
    """A person's window. While a person is typed in, it looks for the same person already registered
    (same CURP, or same name and birth date) and offers to use that record instead."""

    table = "people"
    replaced = Signal(str, str)  # this record's id (or ""), the registered twin's id

    def __init__(self, context: AppContext, row_id: str | None = None, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._created_here = False
        self._twin: tuple[str, str, str] | None = None  # id, name, reason
        self.twin_banner = QFrame(self)
        self.twin_banner.setStyleSheet("QFrame { background: #fff4ce; border-radius: 4px; }")
        self.twin_text = QLabel(self.twin_banner)
        self.twin_text.setWordWrap(True)
        self.twin_button = QPushButton(self.twin_banner)
        self.twin_button.clicked.connect(self.use_twin)
        banner = QHBoxLayout(self.twin_banner)
        banner.addWidget(self.twin_text, 1)
        banner.addWidget(self.twin_button)
        self.twin_banner.hide()
        editors = {
            "given_names": TextField(),
            "first_surname": TextField(),
            "second_surname": TextField(),
            "birth_date": DateField(),
            "curp": TextField(N_("18 characters, e.g. HEGG560427MVZRRL04")),
            # Socia, socio or the neutral form in agreements: as stated here, else as the CURP records.
            "grammatical_form": ChoiceField(vocabulary_options(entities.PERSON_FORMS), blank=True,
                                            blank_label=N_("As the CURP records")),
            "rfc": TextField(),
            "phone": TextField(N_("+52 494 123 4567")),
            "email": TextField(),
            "residence_country": ChoiceField(vocabulary_options(entities.RESIDENCE_COUNTRIES)),
            "locality_id": LocalityField(),
            "us_city": TextField(N_("e.g. Lynwood, CA")),
            "notes": NotesField(),
        }
        self.form = RecordForm(context, self.table, editors, row_id, parent=self)
        self.form.created.connect(self._on_created)
        for name in ("given_names", "first_surname", "second_surname", "birth_date", "curp", "locality_id"):
            editors[name].edited.connect(self.look_for_twin)
        self.memberships = MembersTable(context, "person", self.record_id, self._open_membership, self)
        self.form.created.connect(lambda _id: self.memberships.reload())
        body = QHBoxLayout()
        body.addWidget(self.form, 1)
        body.addWidget(self.memberships, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.twin_banner)
        layout.addLayout(body)
        layout.addLayout(self.footer())
        fit_window(self, 1120, 640, "person")
        self.retranslate()

    def _on_created(self, _row_id: str) -> None:
        self._created_here = True
        self.retranslate()

    def look_for_twin(self) -> None:
        editors = self.form.editors
        repository = self.context.repository
        own_id = self.record_id() or ""
        self._twin = None
        curp = editors["curp"].value().strip().upper()
        twin = repository.find_person_by_curp(curp, exclude_id=own_id) if len(curp) == 18 else None
        if twin:
            self._twin = (twin["id"], twin["name"], "curp")
        else:
            try:
                birth = dt.date.fromisoformat(editors["birth_date"].value().strip()).isoformat()
            except ValueError:
                birth = None
            place = editors["locality_id"].value()
            twins = repository.possible_duplicates(
                editors["given_names"].value(), editors["first_surname"].value(),
                editors["second_surname"].value(), birth, place[0] if place else None, exclude_id=own_id)
            if twins:
                self._twin = (*twins[0], "name")
        self.twin_banner.setVisible(self._twin is not None)
        self.retranslate_twin()

    @reports_errors
    def use_twin(self) -> None:
        """Open the registered person; a duplicate just created in this window is removed again."""
        if self._twin is None:
            return
        twin_id = self._twin[0]
        own_id = self.record_id() or ""
        self.form.discard_pending()
        if own_id and self._created_here:
            self.context.repository.delete(self.table, own_id)
        self.replaced.emit(own_id, twin_id)
        PersonEditor(self.context, twin_id, parent=self.parentWidget()).show()
        self.close()

    def retranslate_twin(self) -> None:
        if self._twin is None:
            return
        _id, name, reason = self._twin
        if reason == "curp":
            self.twin_text.setText(_("{name} is already registered with this CURP.").format(name=name))
        else:
            self.twin_text.setText(_("{name} is already registered with the same name and birth date: "
                                     "it may be the same person.").format(name=name))
        self.twin_button.setText(_("Use that record instead"))

    def description(self) -> str:
        editors = self.form.editors
        return person_display_name(editors["given_names"].value(), editors["first_surname"].value(),
                                   editors["second_surname"].value())

    def _open_membership(self, membership_id: str | None) -> None:
        MembershipDialog(self.context, membership_id, person_id=self.record_id(), parent=self).show()

    def retranslate(self) -> None:
        name = self.description()
        self.setWindowTitle(_("Person: {name}").format(name=name) if name.strip() else _("New person"))
        self.retranslate_twin()
        self.retranslate_frame()


class MembershipDialog(RecordWindow):
    """One person's place in one organization. A new one starts by picking who (or where)."""

    table = "memberships"

    def __init__(self, context: AppContext, row_id: str | None = None, organization_id: str | None = None,
                 person_id: str | None = None, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setModal(True)
        self.organization_id, self.person_id = organization_id, person_id
        self.picking = "people" if person_id is None else "organizations"
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.picker = RecordPicker(context.store.conn, self.picking, self)
        self.picker.picked.connect(self._picked)
        self.new_person = QPushButton(self)
        self.new_person.clicked.connect(self._create_person)
        self.new_person.setVisible(self.picking == "people")
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.picker, 1)
        pick_row.addWidget(self.new_person)
        editors = {
            "role": ChoiceField(vocabulary_options(entities.MEMBERSHIP_ROLES)),
            "share_pct": NumberField(N_("e.g. 25")),
            "contribution": NumberField(N_("e.g. 15,000.00"), money=True),
            "currency": ChoiceField(vocabulary_options(entities.CURRENCIES)),
        }
        self.form = RecordForm(context, self.table, editors, row_id, parent=self)
        if row_id:
            row = context.repository.get(self.table, row_id)
            self.organization_id, self.person_id = row["organization_id"], row["person_id"]
        self.form.setEnabled(bool(self.organization_id and self.person_id))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        if row_id is None:
            layout.addLayout(pick_row)
        else:
            self.picker.hide()
            self.new_person.hide()
        layout.addWidget(self.form)
        layout.addLayout(self.footer())
        fit_window(self, 560, 360, "membership")
        self.retranslate()

    @reports_errors
    def _picked(self, row_id: str) -> None:
        if self.picking == "people":
            self.person_id = row_id
        else:
            self.organization_id = row_id
        self.form.fixed = {"organization_id": self.organization_id, "person_id": self.person_id}
        if self.form.row_id is None:
            self.form.save_all()
        self.form.setEnabled(True)
        self.picker.setEnabled(False)
        self.new_person.setEnabled(False)
        self.retranslate()

    def _create_person(self) -> None:
        editor = PersonEditor(self.context, parent=self)
        editor.form.created.connect(self._picked)
        editor.replaced.connect(lambda _old, twin: self._repick_person(twin))
        editor.setModal(True)
        editor.show()

    @reports_errors
    def _repick_person(self, person_id: str) -> None:
        """The new person turned out to be registered already: the membership follows the registered one."""
        self.person_id = person_id
        self.form.fixed["person_id"] = person_id
        if self.form.row_id:
            self.context.repository.update(self.table, self.form.row_id, {"person_id": person_id})
        self.retranslate()

    def description(self) -> str:
        return self._names()

    def _names(self) -> str:
        repository = self.context.repository
        who = repository.display_name("people", self.person_id) if self.person_id else "…"
        where = repository.display_name("organizations", self.organization_id) if self.organization_id else "…"
        return _("{person} in {organization}").format(person=who, organization=where)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Membership"))
        self.heading.setText(f"<b>{self._names()}</b>")
        self.new_person.setText(_("New person…"))
        self.retranslate_frame()
