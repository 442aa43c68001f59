"""The business-plan wizard: the ten pages on the left, one at a time in the middle, the live figures
and the way forward at the bottom. Any page can be opened directly; the wizard reopens where the group
stopped.

Where the group stopped is this laptop's business, kept in the data file's local settings (``meta``):
written into the plan's synced row, every look at a page was an edit that travelled in bundles and
could conflict with another laptop's look. A plan this laptop never opened starts at the page its row
still carries (set when it was made, or by an older version of the app)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from advisor_app.domain.entities import CURRENCIES
from advisor_app.domain.finance import Results
from advisor_app.domain.plans import PAGES, missing_items
from advisor_app.i18n import _
from advisor_app.i18n.formatting import money, percent
from advisor_app.ui.common import confirm
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.hints import hint
from advisor_app.ui.plan_wizard.pages import PAGE_CLASSES, VERDICT_WORDS, PlanPage, typed_total
from advisor_app.ui.plan_wizard.printing import print_plan
from advisor_app.ui.plan_wizard.session import PlanSession
from advisor_app.ui.common.window_fit import fit_window

VERDICT_COLOURS = {"green": "#2e7d32", "amber": "#ef8f00", "red": "#c62828"}


class PlanWizard(QWidget):
    def __init__(self, context: AppContext, plan_id: str, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.context = context
        self.session = PlanSession(context, plan_id, self)
        self._page_stored: str | None = None  # the page kept in meta, as last read or written
        self.setObjectName("plan_wizard")
        self.navigation = QListWidget(self)
        self.navigation.setFixedWidth(230)
        self.stack = QStackedWidget(self)
        self.pages: list[PlanPage] = []
        for page in PAGES:
            widget = PAGE_CLASSES[page.key](page, self.session, self.stack)
            widget.go_to_page.connect(self.go_to)
            self.pages.append(widget)
            self.stack.addWidget(widget)
            self.navigation.addItem("")
        self.figures = QLabel(self)
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        # The live figures wrap rather than widen the window: the NPV carries its rate, and Spanish is longer.
        self.figures.setWordWrap(True)
        self.figures.setMinimumWidth(200)
        self.saved = QLabel(self)
        self.back_button, self.next_button = QPushButton(self), QPushButton(self)
        self.pdf_button, self.close_button = QPushButton(self), QPushButton(self)
        self.back_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() + 1))
        self.pdf_button.clicked.connect(self.print_pdf)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

        bottom = QHBoxLayout()
        bottom.addWidget(self.figures, 1)
        bottom.addWidget(self.saved)
        for button in (self.pdf_button, self.back_button, self.next_button, self.close_button):
            bottom.addWidget(button)
        middle = QHBoxLayout()
        middle.addWidget(self.navigation)
        middle.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)

        for widget in self.pages:
            widget.retranslate()
            widget.load()
        self.navigation.currentRowChanged.connect(self.go_to)
        self.session.results_changed.connect(self._on_results)
        self.session.plan_changed.connect(self._on_plan_changed)
        self.session.field_problems.connect(self._on_field_problems)
        self.session.save_failed.connect(lambda message: self.saved.setText(message))
        context.changed.connect(self._on_store_changed)
        fit_window(self, 1180, 780, "plan_wizard")
        self.retranslate()
        self._on_results(self.session.results)
        self.go_to(self._remembered_page())

    # Moving between pages -------------------------------------------------------------
    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.pages):
            return
        self.session.flush()
        self._remember_page(index)
        page = self.pages[index]
        if page.page.key in ("results", "review"):
            page.load()
        self.stack.setCurrentIndex(index)
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(index)
        self.navigation.blockSignals(False)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)

    def _page_key(self) -> str:
        return f"plan_page:{self.session.plan_id}"

    def _remembered_page(self) -> int:
        stored = self.context.store.get_meta(self._page_key())
        self._page_stored = stored
        start = int(stored) if stored and stored.isdigit() else self.session.value("current_page") or 0
        return min(max(int(start), 0), len(self.pages) - 1)

    def _remember_page(self, index: int) -> None:
        if self._page_stored != str(index):
            self.context.store.set_meta(self._page_key(), str(index))
            self._page_stored = str(index)

    def current_page(self) -> PlanPage:
        return self.pages[self.stack.currentIndex()]

    # Live figures ---------------------------------------------------------------------
    def _on_results(self, results: Results) -> None:
        for page in self.pages:
            page.show_results(results)
        model = self.session.model
        currency = model.currency if model.currency in CURRENCIES else results.currency
        parts = [_("Investment: {amount}").format(amount=money(typed_total(item.amount for item in model.investments),
                                                               currency)),
                 _("Financing: {amount}").format(amount=money(typed_total(source.amount for source in model.funding),
                                                              currency))]
        if results.verdict is not None:
            parts.append(_("NPV at {rate}: {amount}").format(rate=percent(results.discount_rate),
                                                             amount=money(results.npv, currency)))
            colour = results.verdict.colour
            parts.append("<span style='color:%s'>●</span> <b>%s</b>" % (VERDICT_COLOURS[colour],
                                                                        _(VERDICT_WORDS[colour])))
        else:
            parts.append("<span style='color:#888'>●</span> %s" % _("Figures incomplete"))
        self.figures.setText(" &nbsp;·&nbsp; ".join(parts))
        self.figures.setToolTip(f"{_('Net present value (NPV)')}: {hint('npv')}")
        self._mark_pages()

    def _on_plan_changed(self) -> None:
        self.saved.setText(_("Saving…") if self.session.has_unsaved() else _("All changes saved"))
        self._update_title()

    def _on_field_problems(self, problems: dict) -> None:
        for page in self.pages:
            page.show_field_problems(problems)
        self.saved.setText(next(iter(problems.values()), "") if problems else _("All changes saved"))
        self._mark_pages()

    def _on_store_changed(self, table: str) -> None:
        if table in ("plans", "plan_organizations") and not self.session.has_unsaved():
            self.saved.setText(_("All changes saved"))

    def _mark_pages(self) -> None:
        missing = {item.page for item in missing_items(self.session.view(), self.session.results.problems, self.session.model)}
        for index, page in enumerate(PAGES):
            mark = "•" if page.key in missing else "✓"
            if page.key in ("results", "review"):
                mark = " "
            self.navigation.item(index).setText(f"{mark}  {index + 1}. {_(page.title)}")

    def _update_title(self) -> None:
        view = self.session.view()
        title = view.get("title") or ""
        if view.get("scenario_name"):
            title = f"{title} ({view['scenario_name']})"
        self.setWindowTitle(_("Business plan: {title}").format(title=title))

    # Printing and closing --------------------------------------------------------------
    def print_pdf(self):
        """Save what was typed, then write the PDF in the background (it reads the saved plan); the job."""

        self.session.flush()
        return print_plan(self.context, self.session.plan_id, self)

    def closeEvent(self, event) -> None:
        if not self.session.flush():
            if not confirm.destructive(self, _("Business plan"), _(
                    "Some answers could not be saved ({reason}). Close anyway and keep what was saved before?").format(
                    reason=self.saved.text()), _("Close without saving")):
                event.ignore()
                return
        self._remember_page(self.stack.currentIndex())
        super().closeEvent(event)

    def retranslate(self) -> None:
        self._update_title()
        self.back_button.setText(_("< Back"))
        self.next_button.setText(_("Next >"))
        self.pdf_button.setText(_("Print the plan (PDF)…"))
        self.close_button.setText(_("Close"))
        for page in self.pages:
            page.retranslate()
        self._on_results(self.session.results)
        self._on_plan_changed()
        # The page names are longer in Spanish ("Organización y toma de decisiones"): the list fits them.
        self.navigation.setFixedWidth(max(230, self.navigation.sizeHintForColumn(0)
                                          + 2 * self.navigation.frameWidth() + 8))
