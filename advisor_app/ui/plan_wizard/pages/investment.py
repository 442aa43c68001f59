"""The investment page: what the group will buy, and its useful life."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from advisor_app.domain import entities
from advisor_app.domain.finance import INVESTMENT_CATEGORIES, Results
from advisor_app.domain.plans import Page
from advisor_app.i18n import N_, _
from advisor_app.i18n.formatting import money
from advisor_app.ui.common.fields import ChoiceField, vocabulary_options
from advisor_app.ui.plan_wizard.line_table import LineColumn
from advisor_app.ui.plan_wizard.pages.base import ModelPage
from advisor_app.ui.plan_wizard.session import PlanSession


class InvestmentPage(ModelPage):
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
