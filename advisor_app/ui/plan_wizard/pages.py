"""The ten pages of the business-plan wizard. Each reads the open ``PlanSession`` and writes every
change back to it at once; the figures on the results page follow the tables as they are typed."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain import entities
from advisor_app.domain.finance import (
    FUNDING_KINDS,
    INVESTMENT_CATEGORIES,
    VARIABLES,
    Results,
    check_mix,
    load_schemes,
    model_from_dict,
    model_to_dict,
    propose_split,
)
from advisor_app.domain.finance.schemes import SchemeCatalog, SchemeFileError
from advisor_app.domain.plans import LIKELIHOODS, PAGES, PLAN_STATUSES, SECTORS, Page, missing_items
from advisor_app.i18n import N_, _, pgettext
from advisor_app.i18n.formatting import money, month_names, number, payback, percent
from advisor_app.store.listing import locality_of
from advisor_app.ui.common.fields import ChoiceField, NotesField, NumberField, TextField, vocabulary_options
from advisor_app.ui.common.locality_picker import LocalityField
from advisor_app.ui.common.hints import HintLabel, explained_cell, hint
from advisor_app.ui.plan_wizard.charts import BreakEvenChart, CashFlowChart
from advisor_app.ui.plan_wizard.line_table import LineColumn, LineTable
from advisor_app.ui.plan_wizard.session import PlanSession
from advisor_app.ui.common.record_form import ERROR_STYLE
from advisor_app.ui.common.record_picker import RecordPicker
from advisor_app.ui.common.tables import read_only_table, set_row

HINT_STYLE = "background: #eef4fb; border: 1px solid #c5d7ec; border-radius: 4px; padding: 8px;"
VERDICT_STYLES = {"green": "background: #e6f4ea; border: 1px solid #2e7d32;",
                  "amber": "background: #fff4e0; border: 1px solid #ef8f00;",
                  "red": "background: #fde7e4; border: 1px solid #c62828;"}
VERDICT_WORDS = {"green": N_("Viable"), "amber": N_("Viable with care"), "red": N_("Not viable as it stands")}


@lru_cache(maxsize=1)
def schemes() -> SchemeCatalog | None:
    try:
        return load_schemes()
    except SchemeFileError:
        return None



class PlanPage(QWidget):
    """A page: its title, the advisor's hint, then its own fields in a scrolling area."""

    go_to_page = Signal(int)

    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.page, self.session = page, session
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.body = QWidget(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)

    def load(self) -> None:
        """Show the plan's values (at opening, and after a page of another kind changed them)."""

    def show_results(self, results: Results) -> None:
        """The figures changed; pages that show them update."""

    def show_field_problems(self, problems: dict[str, str]) -> None:
        """The store refused some values (column → sentence)."""

    def retranslate(self) -> None:
        self.title.setText(_(self.page.title))
        self.hint.setText(_(self.page.hint))


class _ErrorLabel(QLabel):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


class _NarrativeForm:
    """Question → text box pairs saved through the session (shared by several pages)."""

    def __init__(self, page: PlanPage, layout: QVBoxLayout, questions):
        self.page, self.questions = page, questions
        self.labels: list[QLabel] = []
        self.boxes: dict[str, NotesField] = {}
        for question in questions:
            label = QLabel(page.body)
            label.setWordWrap(True)
            label.setStyleSheet("font-weight: bold;")
            box = NotesField(page.body)
            box.edited.connect(lambda column=question.column, box=box: page.session.set_field(column, box.value()))
            layout.addWidget(label)
            layout.addWidget(box)
            self.labels.append(label)
            self.boxes[question.column] = box

    def load(self) -> None:
        for column, box in self.boxes.items():
            box.set_value(self.page.session.value(column))

    def retranslate(self) -> None:
        for label, question in zip(self.labels, self.questions):
            label.setText(_(question.label))
        for question in self.questions:
            self.boxes[question.column].setPlaceholderText(_(question.placeholder) if question.placeholder else "")


class QuestionsPage(PlanPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        layout = QVBoxLayout(self.body)
        self.form = _NarrativeForm(self, layout, page.questions)
        layout.addStretch(1)

    def load(self) -> None:
        self.form.load()

    def retranslate(self) -> None:
        super().retranslate()
        self.form.retranslate()


class ProjectPage(PlanPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        conn = session.context.store.conn
        self.title_field = TextField(parent=self.body)
        self.title_error = _ErrorLabel(self.body)
        self.scenario_field = TextField(parent=self.body)
        self.lead_name = QLabel(self.body)
        self.lead_picker = RecordPicker(conn, "organizations", self.body)
        self.partner_list = QListWidget(self.body)
        self.partner_list.setMaximumHeight(90)
        self.partner_picker = RecordPicker(conn, "organizations", self.body)
        self.remove_partner = QPushButton(self.body)
        self.partner_error = _ErrorLabel(self.body)
        self.locality = LocalityField(self.body)
        self.locality_error = _ErrorLabel(self.body)
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
        for field in (self.sector, self.project_type, self.status, self.locality, self.lead_picker,
                      self.partner_picker, self.title_field, self.scenario_field):
            field.retranslate()
        self.remove_partner.setText(_("Remove the selected organization"))
        self.summary.setPlaceholderText(_("In the group's own words."))
        if self.session is not None:
            self._show_participants()


class _ModelPage(PlanPage):
    """A page that edits one or more of the model's lists through ``LineTable``s."""

    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        self.tables: list[LineTable] = []

    def _table(self, path: str, columns: list[LineColumn], add_label: str) -> LineTable:
        table = LineTable(path, columns, add_label, self.body)
        table.setMinimumHeight(200)
        table.edited.connect(self._tables_edited)
        self.tables.append(table)
        return table

    def _tables_edited(self) -> None:
        data = model_to_dict(self.session.model)
        for table in self.tables:
            data[table.path] = table.rows()
        self.session.set_model(model_from_dict(data))

    def _set_setting(self, name: str, value: Any) -> None:
        data = model_to_dict(self.session.model)
        data[name] = value
        self.session.set_model(model_from_dict(data))

    def load(self) -> None:
        data = model_to_dict(self.session.model)
        for table in self.tables:
            table.set_rows(data[table.path])
        self.show_results(self.session.results)

    def show_results(self, results: Results) -> None:
        for table in self.tables:
            table.show_problems(results.problems)

    def retranslate(self) -> None:
        super().retranslate()
        for table in self.tables:
            table.retranslate()


class InvestmentPage(_ModelPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        self.currency = ChoiceField(vocabulary_options(entities.CURRENCIES), parent=self.body)
        self.currency.edited.connect(lambda: self._set_setting("currency", self.currency.value()))
        self.currency_label = QLabel(self.body)
        self.items = self._table("investments", [
            LineColumn("concept", N_("Concept"), stretch=True),
            LineColumn("category", N_("Category"), "choice", vocabulary_options(INVESTMENT_CATEGORIES)),
            LineColumn("amount", N_("Amount"), "number", required=True, money=True),
            LineColumn("useful_life_years", N_("Useful life (years)"), "number"),
        ], N_("Add an investment item"))
        self.total = QLabel(self.body)
        row = QHBoxLayout()
        row.addWidget(self.currency_label)
        row.addWidget(self.currency)
        row.addStretch(1)
        layout = QVBoxLayout(self.body)
        layout.addLayout(row)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.total)

    def load(self) -> None:
        self.currency.set_value(self.session.model.currency)
        super().load()

    def show_results(self, results: Results) -> None:
        super().show_results(results)
        total = results.investment_total
        self.total.setText("<b>%s</b>" % (_("Total investment: {amount}").format(
            amount=money(total, results.currency)) if total is not None else ""))

    def retranslate(self) -> None:
        super().retranslate()
        self.currency.retranslate()
        self.currency_label.setText(_("Currency of the plan"))
        self.items.table.setToolTip(_("Leave the useful life empty to use the usual one for the category."))


def typed_total(amounts) -> Decimal:
    """The amounts that are numbers, added up (a cell still being typed counts as nothing)."""
    return sum((Decimal(amount) for amount in amounts if isinstance(amount, (int, Decimal))
                and not isinstance(amount, bool) and Decimal(amount).is_finite()), Decimal(0))


class FinancingPage(_ModelPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        catalog = schemes()
        self.scheme = ChoiceField(lambda: [(scheme.id, scheme.name) for scheme in catalog.schemes] if catalog else [],
                                  blank=True, translate=False, parent=self.body)
        self.scheme.edited.connect(self._scheme_changed)
        self.scheme_label = QLabel(self.body)
        self.scheme_description = QLabel(self.body)
        self.scheme_description.setWordWrap(True)
        self.propose = QPushButton(self.body)
        self.propose.clicked.connect(self.propose_split)
        self.sources = self._table("funding", [
            LineColumn("kind", N_("Source"), "choice", vocabulary_options(FUNDING_KINDS)),
            LineColumn("description", N_("Description"), stretch=True),
            LineColumn("amount", N_("Amount"), "number", required=True, money=True),
            LineColumn("annual_rate", N_("Annual rate (%)"), "number"),
            LineColumn("term_months", N_("Term (months)"), "number"),
            LineColumn("grace_months", N_("Grace (months)"), "number"),
        ], N_("Add a source"))
        self.mix = QLabel(self.body)
        self.mix.setWordWrap(True)
        self.mix.setTextFormat(Qt.TextFormat.RichText)
        row = QHBoxLayout()
        row.addWidget(self.scheme_label)
        row.addWidget(self.scheme, 1)
        row.addWidget(self.propose)
        layout = QVBoxLayout(self.body)
        layout.addLayout(row)
        layout.addWidget(self.scheme_description)
        layout.addWidget(self.sources, 1)
        layout.addWidget(self.mix)

    def _scheme(self):
        catalog, scheme_id = schemes(), self.session.value("scheme_id")
        if catalog is None or not scheme_id:
            return None
        return next((scheme for scheme in catalog.schemes if scheme.id == scheme_id), None)

    def _scheme_changed(self) -> None:
        self.session.set_field("scheme_id", self.scheme.value())
        self._describe_scheme()
        self.show_results(self.session.results)

    def _describe_scheme(self) -> None:
        scheme = self._scheme()
        self.scheme_description.setText(scheme.description if scheme else "")
        self.propose.setEnabled(scheme is not None and bool(scheme.parties))

    def propose_split(self) -> None:
        """Set each scheme party's source to its proposed share; sources outside the scheme stay."""
        scheme, total = self._scheme(), typed_total(item.amount for item in self.session.model.investments)
        if scheme is None:
            return
        if not total:
            self.mix.setText(_("Enter the investment first: the split is a share of its total."))
            return
        split = propose_split(scheme, total)
        data = model_to_dict(self.session.model)
        rows = [row for row in data["funding"] if row.get("kind") not in {line.kind for line in split.lines}]
        proposed = [{"kind": line.kind, "amount": format(line.amount, "f"), "description": scheme.name}
                    for line in split.lines]
        data["funding"] = proposed + rows
        self.session.set_model(model_from_dict(data))
        self.sources.set_rows(model_to_dict(self.session.model)["funding"])
        self.show_results(self.session.results)

    def load(self) -> None:
        self.scheme.set_value(self.session.value("scheme_id"))
        self._describe_scheme()
        super().load()

    def show_results(self, results: Results) -> None:
        super().show_results(results)
        model = self.session.model
        scheme, currency = self._scheme(), model.currency
        # Summed from what was typed, so the shortfall shows even while the plan cannot be computed.
        total, funding_total = typed_total(item.amount for item in model.investments), typed_total(
            source.amount for source in model.funding)
        lines = []
        if model.investments and model.funding:
            difference = funding_total - total
            if difference < 0:
                lines.append("<p style='color:#b3261e'><b>%s</b></p>" % _(
                    "The sources add up to {funding}: {missing} short of the investment of {investment}.").format(
                    funding=money(funding_total, currency), missing=money(-difference, currency),
                    investment=money(total, currency)))
            else:
                lines.append("<p style='color:#2e7d32'><b>%s</b></p>" % _(
                    "The sources add up to {funding} and cover the investment of {investment}.").format(
                    funding=money(funding_total, currency), investment=money(total, currency)))
        if scheme is not None and model.investments:
            check = check_mix(scheme, self.session.model.funding, total, currency, self.session.value("project_type"))
            cells = "".join(
                "<tr><td>%s</td><td align='right'>%s</td><td align='right'>%s</td><td align='right'>%s</td></tr>" % (
                    _(FUNDING_KINDS.get(line.kind, line.kind)),
                    money(line.expected, currency) if line.expected is not None else "—",
                    money(line.actual, currency), money(line.cap, currency) if line.cap is not None else "—")
                for line in check.lines)
            lines.append("<table cellpadding='3'><tr><th align='left'>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
                         "%s</table>" % (pgettext("co-financing", "Party"), _("The scheme's share"), _("In the plan"), _("Cap"), cells))
            lines += ["<p>• %s</p>" % message for message in check.messages]
        self.mix.setText("".join(lines))

    def retranslate(self) -> None:
        super().retranslate()
        self.scheme.retranslate()
        self.scheme_label.setText(_("Co-financing scheme"))
        self.propose.setText(_("Propose the split"))
        self._describe_scheme()


class SeasonDialog(QDialog):
    """Twelve multipliers of a product's usual monthly volume, January first."""

    def __init__(self, name: str, factors: list[Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Seasons of {product}").format(product=name or _("this product")))
        explanation = QLabel(_("1 is a normal month, 0 a month without sales, 1.5 a month with half again as much."),
                             self)
        explanation.setWordWrap(True)
        grid = QGridLayout()
        self.boxes: list[QDoubleSpinBox] = []
        for index, month in enumerate(month_names()):
            box = QDoubleSpinBox(self)
            box.setRange(0, 10)
            box.setSingleStep(0.1)
            box.setDecimals(2)
            try:
                box.setValue(float(factors[index]))
            except (TypeError, ValueError, IndexError):
                box.setValue(1.0)
            grid.addWidget(QLabel(month, self), index % 6, (index // 6) * 2)
            grid.addWidget(box, index % 6, (index // 6) * 2 + 1)
            self.boxes.append(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def factors(self) -> list[str]:
        return [format(Decimal(str(round(box.value(), 2))).normalize(), "f") for box in self.boxes]


class SalesCostsPage(_ModelPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        self.products = self._table("products", [
            LineColumn("name", N_("Product or service"), stretch=True),
            LineColumn("unit", N_("Unit")),
            LineColumn("price", N_("Price"), "number", required=True, money=True),
            LineColumn("monthly_volume", N_("Units a month"), "number", required=True),
            LineColumn("yearly_growth", N_("Growth a year (%)"), "number"),
            LineColumn("variable_cost_per_unit", N_("Cost per unit"), "number", money=True),
            LineColumn("seasonality", N_("Seasons…"), "button", on_click=self._edit_seasons),
        ], N_("Add a product or service"))
        self.costs = self._table("fixed_costs", [
            LineColumn("concept", N_("Fixed cost"), stretch=True),
            LineColumn("monthly_amount", N_("A month"), "number", required=True, money=True),
        ], N_("Add a fixed cost"))
        self.settings: dict[str, TextField] = {}
        self.setting_errors: dict[str, _ErrorLabel] = {}
        self.settings_form = QFormLayout()
        self.setting_labels: list[tuple[QLabel, str]] = []
        for name, label in (("horizon_years", N_("Horizon (years, 1 to 10)")),
                            ("discount_rate", N_("Discount rate (% a year)")),
                            ("tax_rate", N_("Tax rate on profits (%)"))):
            field = NumberField(parent=self.body)
            field.setMaximumWidth(120)
            field.edited.connect(lambda name=name, field=field: self._set_setting(name, field.value()))
            error = _ErrorLabel(self.body)
            box = QWidget(self.body)
            column = QHBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(field)
            column.addWidget(HintLabel({"horizon_years": "horizon"}.get(name, name), box), 1)
            column.addWidget(error, 1)
            text = QLabel(self.body)
            self.settings_form.addRow(text, box)
            self.setting_labels.append((text, label))
            self.settings[name], self.setting_errors[name] = field, error
        self.start_month = ChoiceField(lambda: [(str(number + 1), name) for number, name in enumerate(month_names())],
                                       translate=False, parent=self.body)
        self.start_month.setMaximumWidth(200)
        self.start_month.edited.connect(lambda: self._set_setting("start_month", int(self.start_month.value())))
        start_label = QLabel(self.body)
        self.settings_form.addRow(start_label, self.start_month)
        self.setting_labels.append((start_label, N_("First month of sales")))
        self.totals = QLabel(self.body)
        self.products_label, self.costs_label = QLabel(self.body), QLabel(self.body)
        for label in (self.products_label, self.costs_label):
            label.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self.body)
        layout.addWidget(self.products_label)
        layout.addWidget(self.products, 3)
        layout.addWidget(self.costs_label)
        layout.addWidget(self.costs, 2)
        layout.addLayout(self.settings_form)
        layout.addWidget(self.totals)

    def _edit_seasons(self, row: int) -> None:
        name = self.products.rows()[row].get("name") or ""
        dialog = SeasonDialog(name, list(self.products.extra(row, "seasonality") or []), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.products.set_extra(row, "seasonality", dialog.factors())

    def load(self) -> None:
        model = self.session.model
        for name, field in self.settings.items():
            field.set_value(getattr(model, name))
        self.start_month.set_value(str(model.start_month))
        super().load()

    def show_results(self, results: Results) -> None:
        super().show_results(results)
        for name, error in self.setting_errors.items():
            error.show_message(results.problems.get(name))
        if results.years:
            first = results.years[0]
            self.totals.setText(_("Year 1: sales {sales}, variable costs {variable}, fixed costs {fixed}.").format(
                sales=money(first.revenue, results.currency), variable=money(first.variable_costs, results.currency),
                fixed=money(first.fixed_costs, results.currency)))
        else:
            self.totals.setText("")

    def retranslate(self) -> None:
        super().retranslate()
        for text, label in self.setting_labels:
            text.setText(_(label))
        self.start_month.retranslate()
        self.products_label.setText(_("What the business sells"))
        self.costs_label.setText(_("Fixed costs every month, whatever is sold"))


# The line of "what this means" under each key figure (ui/hints.py), in the order of ``figure_rows``.
FIGURE_HINTS = (None, None, "npv", "irr", "payback", None, "break_even", None, "coverage")


def figure_rows(results: Results) -> list[tuple[str, str]]:
    """(label, value) of the key figures, with the reason in place of a figure that is not defined."""
    currency = results.currency
    notes = results.notes

    def either(value, shown, note_key):
        return shown(value) if value is not None else notes.get(note_key, "—")

    return [
        (_("Investment"), money(results.investment_total, currency)),
        (_("Financing"), money(results.funding_total, currency)),
        (_("Net present value (NPV)"), money(results.npv, currency)),
        (_("Internal rate of return (IRR)"), either(results.irr, percent, "irr")),
        (_("Payback"), either(results.payback_years, payback,
                              "payback_years")),
        (_("Return on investment"), either(results.roi_pct, percent, "roi_pct")),
        (_("Break-even sales a month"), either(results.break_even_revenue, lambda v: money(v, currency),
                                               "break_even_revenue")),
        (_("Break-even units a month"), either(results.break_even_units, number, "break_even_units")),
        (_("Lowest debt-service coverage (year)"), either(results.min_coverage_year, number, "coverage")),
    ]


class ResultsPage(PlanPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        self.verdict = QLabel(self.body)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.figures = QLabel(self.body)
        self.figures.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setWordWrap(True)
        self.cash_chart = CashFlowChart(self.body)
        self.break_even_chart = BreakEvenChart(self.body)
        charts = QSplitter(Qt.Orientation.Horizontal, self.body)
        charts.addWidget(self.cash_chart)
        charts.addWidget(self.break_even_chart)
        charts.setStretchFactor(0, 3)
        charts.setStretchFactor(1, 2)
        self.years = read_only_table(1, self.body)
        self.years.setMinimumHeight(260)
        self.sensitivity = read_only_table(5, self.body)
        self.sensitivity.setMinimumHeight(150)
        self.years_label, self.sensitivity_label = QLabel(self.body), QLabel(self.body)
        for label in (self.years_label, self.sensitivity_label):
            label.setStyleSheet("font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(self.verdict, 3)
        top.addWidget(self.figures, 2)
        layout = QVBoxLayout(self.body)
        layout.addLayout(top)
        layout.addWidget(charts)
        layout.addWidget(self.years_label)
        layout.addWidget(self.years)
        layout.addWidget(self.sensitivity_label)
        layout.addWidget(self.sensitivity)

    def load(self) -> None:
        self._show(self.session.results)

    def show_results(self, results: Results) -> None:
        """Tables and charts are refilled only while the page is shown; opening it loads them."""
        if self.isVisible():
            self._show(results)

    def _show(self, results: Results) -> None:
        self.cash_chart.set_results(results)
        self.break_even_chart.set_results(results)
        if results.problems:
            items = "".join(f"<li>{message}</li>" for message in results.problems.values())
            self.verdict.setStyleSheet(VERDICT_STYLES["amber"] + "padding: 8px;")
            self.verdict.setText("<b>%s</b><ul>%s</ul>" % (_("These figures cannot be computed yet:"), items))
            self.figures.setText("")
            self.years.setRowCount(0)
            self.sensitivity.setRowCount(0)
            return
        verdict = results.verdict
        self.verdict.setStyleSheet(VERDICT_STYLES[verdict.colour] + "padding: 8px;")
        reasons = "".join(f"<li>{reason.message}</li>" for reason in verdict.reasons)
        self.verdict.setText("<span style='font-size: large'><b>%s</b></span><ul>%s</ul>" % (
            _(VERDICT_WORDS[verdict.colour]), reasons))
        self.figures.setText("<table cellpadding='2'>%s</table>" % "".join(
            f"<tr><td>{explained_cell(label, key)}</td><td align='right' valign='top'><b>{value}</b></td></tr>"
            for (label, value), key in zip(figure_rows(results), FIGURE_HINTS)))
        self.figures.setToolTip("\n".join(f"{label}: {hint(key)}" for (label, _value), key
                                          in zip(figure_rows(results), FIGURE_HINTS) if key))
        self._fill_years(results)
        self._fill_sensitivity(results)

    def _fill_years(self, results: Results) -> None:
        currency = results.currency
        lines = [(_("Sales"), "revenue"), (_("Variable costs"), "variable_costs"), (_("Fixed costs"), "fixed_costs"),
                 (_("Depreciation"), "depreciation"), (_("Interest"), "interest"), (_("Taxes"), "taxes"),
                 (_("Net profit"), "net_profit"), (_("Loan payments (principal)"), "principal"),
                 (_("Net cash flow"), "net_cash_flow"), (_("Cash at the end of the year"), "cash_balance")]
        self.years.setColumnCount(len(results.years) + 1)
        self.years.setHorizontalHeaderLabels([""] + [_("Year {year}").format(year=year.number)
                                                     for year in results.years])
        self.years.setRowCount(len(lines))
        for row, (label, field) in enumerate(lines):
            set_row(self.years, row, [label] + [money(getattr(year, field), currency) for year in results.years])
            for column in range(1, len(results.years) + 1):
                self.years.item(row, column).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.years.resizeColumnsToContents()

    def _fill_sensitivity(self, results: Results) -> None:
        changes = sorted({case.change_pct for case in results.sensitivity})
        self.sensitivity.setColumnCount(len(changes) + 1)
        self.sensitivity.setHorizontalHeaderLabels([_("NPV if… changes by")] + [
            ("+" if change > 0 else "") + percent(change) for change in changes])
        variables = list(dict.fromkeys(case.variable for case in results.sensitivity))
        self.sensitivity.setRowCount(len(variables))
        for row, variable in enumerate(variables):
            cases = {case.change_pct: case for case in results.sensitivity if case.variable == variable}
            set_row(self.sensitivity, row, [_(VARIABLES[variable])] + [
                money(cases[change].npv, results.currency) if change in cases else "" for change in changes])
            for column, change in enumerate(changes, start=1):
                if change in cases:
                    item = self.sensitivity.item(row, column)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    item.setForeground(Qt.GlobalColor.darkRed if cases[change].npv < 0 else Qt.GlobalColor.black)
        self.sensitivity.resizeColumnsToContents()

    def retranslate(self) -> None:
        super().retranslate()
        self.years_label.setText(_("Income and cash flow by year"))
        self.sensitivity_label.setText(_("What if prices, volumes or costs change?"))
        self._show(self.session.results)


class RisksPage(PlanPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        self.risks = LineTable("risks", [
            LineColumn("risk", N_("Risk"), stretch=True),
            LineColumn("likelihood", N_("Likelihood"), "choice", vocabulary_options(LIKELIHOODS)),
            LineColumn("mitigation", N_("What the group will do"), stretch=True),
        ], N_("Add a risk"), self.body)
        self.risks.setMinimumHeight(200)
        self.risks.edited.connect(lambda: session.set_field("risks", self.risks.rows()))
        layout = QVBoxLayout(self.body)
        layout.addWidget(self.risks, 1)
        self.form = _NarrativeForm(self, layout, page.questions)

    def load(self) -> None:
        from advisor_app.domain.plans import risks_of

        self.risks.set_rows(risks_of(self.session.view()))
        self.form.load()

    def retranslate(self) -> None:
        super().retranslate()
        self.risks.retranslate()
        self.form.retranslate()


class ReviewPage(PlanPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        self.summary = QLabel(self.body)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.linkActivated.connect(lambda link: self.go_to_page.emit(int(link.split(":")[1])))
        layout = QVBoxLayout(self.body)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def load(self) -> None:
        self.refresh()

    def show_results(self, results: Results) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        missing = missing_items(self.session.view(), self.session.results.problems, self.session.model)
        if not missing:
            self.summary.setText("<p style='color:#2e7d32'><b>%s</b></p>" % _(
                "Nothing is missing: the plan is complete and can be printed for a program or a lender."))
            return
        keys = [page.key for page in PAGES]
        parts = ["<p>%s</p>" % _("Still missing ({count}); click a page to go there:").format(count=len(missing))]
        for page in PAGES:
            items = [item.message for item in missing if item.page == page.key]
            if items:
                index = keys.index(page.key)
                parts.append("<p><a href='page:%d'><b>%d. %s</b></a></p><ul>%s</ul>" % (
                    index, index + 1, _(page.title), "".join(f"<li>{item}</li>" for item in items)))
        self.summary.setText("".join(parts))

    def retranslate(self) -> None:
        super().retranslate()
        self.refresh()


PAGE_CLASSES = {"project": ProjectPage, "market": QuestionsPage, "operations": QuestionsPage,
                "governance": QuestionsPage, "investment": InvestmentPage, "financing": FinancingPage,
                "sales_costs": SalesCostsPage, "results": ResultsPage, "risks": RisksPage, "review": ReviewPage}
