"""The sales and costs page, with the dialog for seasonal sales."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout,
    QWidget
)

from advisor_app.domain.finance import Results
from advisor_app.domain.finance.model import PROFIT_SHARING_PCT
from advisor_app.domain.plans import Page
from advisor_app.i18n import N_, _
from advisor_app.i18n.formatting import money, month_names, percent
from advisor_app.ui.common.fields import ChoiceField, NumberField, TextField
from advisor_app.ui.common.hints import HintLabel
from advisor_app.ui.plan_wizard.line_table import LineColumn
from advisor_app.ui.plan_wizard.pages.base import ErrorLabel, ModelPage
from advisor_app.ui.plan_wizard.session import PlanSession


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


class SalesCostsPage(ModelPage):
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
        self.setting_errors: dict[str, ErrorLabel] = {}
        self.settings_form = QFormLayout()
        self.setting_labels: list[tuple[QLabel, str]] = []
        for name, label in (("horizon_years", N_("Horizon (years, 1 to 10)")),
                            ("discount_rate", N_("Discount rate (% a year)")),
                            ("tax_rate", N_("Tax rate on profits (%)"))):
            field = NumberField(parent=self.body)
            field.setMaximumWidth(120)
            field.edited.connect(lambda name=name, field=field: self._set_setting(name, field.value()))
            error = ErrorLabel(self.body)
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
        self.profit_sharing = QCheckBox(self.body)
        self.profit_sharing.toggled.connect(lambda on: self._set_setting(
            "profit_sharing_pct", format(PROFIT_SHARING_PCT, "f") if on else "0"))
        self.replace_assets = QCheckBox(self.body)
        self.replace_assets.toggled.connect(lambda on: self._set_setting("replace_assets", on))
        self.settings_form.addRow(self.profit_sharing)
        self.settings_form.addRow(self.replace_assets)
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
        for box, on in ((self.profit_sharing, _is_positive(model.profit_sharing_pct)),
                        (self.replace_assets, model.replace_assets is True)):
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)
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
        self.profit_sharing.setText(_("The business has employees: {rate} of the profit goes to them (PTU)").format(
            rate=percent(PROFIT_SHARING_PCT)))
        self.replace_assets.setText(_("Buy equipment again when its useful life ends within the plan"))


def _is_positive(value: Any) -> bool:
    return isinstance(value, Decimal) and value.is_finite() and value > 0


# The line of "what this means" under each key figure (ui/hints.py), in the order of ``figure_rows``.
