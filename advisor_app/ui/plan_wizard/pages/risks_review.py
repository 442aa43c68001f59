"""The last two pages: the risks the group sees, and a review of what is still missing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from advisor_app.domain.finance import Results
from advisor_app.domain.plans import LIKELIHOODS, PAGES, Page, missing_items
from advisor_app.i18n import N_, _
from advisor_app.ui.common.fields import vocabulary_options
from advisor_app.ui.plan_wizard.line_table import LineColumn, LineTable
from advisor_app.ui.plan_wizard.pages.base import NarrativeForm, PlanPage
from advisor_app.ui.plan_wizard.session import PlanSession


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
        self.form = NarrativeForm(self, layout, page.questions)

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
