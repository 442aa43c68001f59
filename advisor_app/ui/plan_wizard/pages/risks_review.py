"""The last two pages: the risks the group sees, and a review of what is still missing."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from advisor_app.domain.finance import Results
from advisor_app.domain.plans import LIKELIHOODS, PAGES, Page, missing_items
from advisor_app.i18n import N_, _
from advisor_app.store.document_checks import Missing, missing_for_plan
from advisor_app.ui.common.fields import vocabulary_options
from advisor_app.ui.documents.checklist_panel import ChecklistPanel
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
        # The documents the program or office asks for: the plan's own ticked here, and what is still
        # missing of the plan and of each organization in it (theirs are ticked in their windows).
        self.documents_title = QLabel(self.body)
        self.documents_title.setStyleSheet("font-weight: 600; margin-top: 12px;")
        self.documents = ChecklistPanel(session.context, "plans", lambda: session.plan_id, parent=self.body,
                                        fit_rows=True)
        self.documents.changed.connect(self.refresh_documents)
        self.missing_documents = QLabel(self.body)
        self.missing_documents.setWordWrap(True)
        self.missing_documents.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self.body)
        layout.addWidget(self.summary)
        layout.addWidget(self.documents_title)
        layout.addWidget(self.documents)
        layout.addWidget(self.missing_documents)
        layout.addStretch(1)

    def load(self) -> None:
        self.refresh()

    def show_results(self, results: Results) -> None:
        if self.isVisible():
            self.refresh()

    def missing_documents_of(self) -> list[Missing]:
        checklist = self.documents.checklist()
        return [] if checklist is None else missing_for_plan(self.session.context.store.conn, checklist,
                                                             self.session.plan_id)

    def refresh_documents(self) -> None:
        checklist = self.documents.checklist()
        if checklist is None:
            self.missing_documents.setText("")
            return
        found = self.missing_documents_of()
        if not found:
            self.missing_documents.setText("<p style='color:#2e7d32'>%s</p>" % escape(_(
                "Every document {checklist} asks for has been received.").format(checklist=checklist.name)))
            return
        lines = "".join("<li><b>%s</b>: %s</li>" % (escape(item.name), escape(", ".join(
            document.name for document in item.documents))) for item in found)
        self.missing_documents.setText("<p>%s</p><ul>%s</ul>" % (escape(_(
            "Documents {checklist} still needs (an organization's are ticked in its window):").format(
            checklist=checklist.name)), lines))

    def refresh(self) -> None:
        self.refresh_documents()
        missing = missing_items(self.session.view(), self.session.results.problems, self.session.model)
        if not missing and self.missing_documents_of():
            self.summary.setText("<p style='color:#2e7d32'><b>%s</b></p>" % _(
                "The plan is complete; before it goes to the program or office, the documents below are still "
                "missing."))
            return
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
        self.documents_title.setText(_("Documents for the program or office"))
        self.refresh()
