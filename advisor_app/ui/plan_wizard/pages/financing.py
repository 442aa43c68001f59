"""The financing page: who puts in the money (co-financing schemes, loans, the group's own)."""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from advisor_app.domain.finance import (
    FUNDING_KINDS, Results, check_mix, model_from_dict, model_to_dict, propose_split
)
from advisor_app.domain.finance.schemes import standing_note
from advisor_app.domain.plans import Page
from advisor_app.i18n import N_, _, pgettext
from advisor_app.i18n.formatting import money
from advisor_app.ui.common.fields import ChoiceField, vocabulary_options
from advisor_app.ui.plan_wizard.line_table import LineColumn
from advisor_app.ui.plan_wizard.pages.base import ModelPage, schemes
from advisor_app.ui.plan_wizard.session import PlanSession


def typed_total(amounts) -> Decimal:
    """The amounts that are numbers, added up (a cell still being typed counts as nothing)."""
    return sum((Decimal(amount) for amount in amounts if isinstance(amount, (int, Decimal))
                and not isinstance(amount, bool) and Decimal(amount).is_finite()), Decimal(0))


class FinancingPage(ModelPage):
    def __init__(self, page: Page, session: PlanSession, parent: QWidget | None = None):
        super().__init__(page, session, parent)
        catalog = schemes()
        self.scheme = ChoiceField(lambda: [(scheme.id, scheme.name) for scheme in catalog.schemes] if catalog else [],
                                  blank=True, translate=False, parent=self.body)
        self.scheme.edited.connect(self._scheme_changed)
        self.scheme_label = QLabel(self.body)
        self.scheme_description = QLabel(self.body)
        self.scheme_description.setWordWrap(True)
        self.scheme_description.setTextFormat(Qt.TextFormat.RichText)
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
        layout = QVBoxLayout(self.body)
        layout.addLayout(row)
        # Below the scheme, not beside it: the longest scheme name and the button do not fit one line
        # at 1280 px.
        layout.addWidget(self.propose, 0, Qt.AlignmentFlag.AlignLeft)
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
        note = standing_note(scheme) if scheme else None
        self.scheme_description.setText(html.escape(scheme.description if scheme else "") + (
            "<p style='color:#b3261e'><b>%s</b></p>" % note if note else ""))
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
