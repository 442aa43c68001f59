"""The main window's tabs: built when first shown, and the way to each of them.

A mixin of MainWindow. Each feature's page is imported only when its tab is first shown, so the
window paints before the features load, and no feature imports the shell."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from advisor_app.domain.training import WORKSHOP_STATUSES
from advisor_app.ui.shell.lazy_tab import LazyTab


class TabPages:
    """The tab widget, the pages behind it, and navigation from one page to a filtered list of another."""

    def _build_tabs(self) -> None:
        self._home_tab = LazyTab(self._build_dashboard, self, after_paint=True)
        self._plans_tab = LazyTab(self._build_plans_page, self)
        self._agreements_tab = LazyTab(self._build_agreements_page, self)
        self._training_tab = LazyTab(self._build_training_page, self)
        self._sync_tab = LazyTab(self._build_sync_page, self)
        self._conflicts_tab = LazyTab(self._build_conflicts_page, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._home_tab, "")
        self.tabs.addTab(self.organizations, "")
        self.tabs.addTab(self.people, "")
        self.tabs.addTab(self._plans_tab, "")
        self.tabs.addTab(self._agreements_tab, "")
        self.tabs.addTab(self._training_tab, "")
        self.tabs.addTab(self._sync_tab, "")
        self.tabs.addTab(self._conflicts_tab, "")
        self.setCentralWidget(self.tabs)
        for view in (self.organizations, self.people):
            view.count_changed.connect(self._update_tab_titles)

    def _build_plans_page(self, parent: QWidget) -> QWidget:
        from advisor_app.ui.plan_wizard.plans_page import PlansPage

        return PlansPage(self.context, parent)

    def new_plan(self, organization_id: str | None = None):
        self.tabs.setCurrentWidget(self._plans_tab)
        return self.plans_page.new_plan(organization_id)

    def _build_agreements_page(self, parent: QWidget) -> QWidget:
        from advisor_app.ui.agreement_editor.agreements_page import AgreementsPage

        return AgreementsPage(self.context, parent)

    def new_agreement(self, organization_id: str | None = None, plan_id: str | None = None):
        self.tabs.setCurrentWidget(self._agreements_tab)
        return self.agreements_page.new_agreement(organization_id, plan_id)

    def _build_dashboard(self, parent: QWidget) -> QWidget:
        from advisor_app.ui.home.dashboard import DashboardPage

        return DashboardPage(self.context, self.navigate, parent)

    def _build_training_page(self, parent: QWidget) -> QWidget:
        from advisor_app.ui.training.training_page import TrainingPage

        return TrainingPage(self.context, parent)

    def _training(self, name: str):
        """The Training tab's list ``name``, brought to the front."""
        self.tabs.setCurrentWidget(self._training_tab)
        page = getattr(self.training_page, name)
        self.training_page.setCurrentWidget(page)
        return page

    def navigate(self, target: str, value: str | None = None) -> None:
        """Open the list behind a figure of the home page, filtered as the figure counts (and only so: a
        search left in that list would make it disagree with the figure)."""
        if target in ("organizations", "people"):
            self.search.clear()
            view = getattr(self, target)
            view.filter.setCurrentIndex(0)  # every kind, every country: as the figure counts
            self.tabs.setCurrentWidget(view)
            return
        if target == "registrations":
            self.show_registrations_due()
            return
        pages = {"plans": lambda: self.plans_page, "agreements": lambda: self.agreements_page,
                 "actions": lambda: self.training_page.actions, "workshops": lambda: self.training_page.workshops}
        if target in pages:
            pages[target]().search.clear()
        if target == "plans":
            self.tabs.setCurrentWidget(self._plans_tab)
            self.plans_page.show_filter(value)
        elif target == "agreements":
            self.tabs.setCurrentWidget(self._agreements_tab)
            self.agreements_page.show_filter(value)
        elif target == "actions":
            self.tabs.setCurrentWidget(self._training_tab)
            self.training_page.setCurrentWidget(self.training_page.actions)
            self.training_page.actions.show_filter(value)
        elif target == "workshops":
            self.tabs.setCurrentWidget(self._training_tab)
            self.training_page.setCurrentWidget(self.training_page.workshops)
            if value in (None, "upcoming", *WORKSHOP_STATUSES):
                self.training_page.workshops.show_filter(value)
            else:
                from advisor_app.ui.training.workshop_window import WorkshopWindow

                self.training_page.workshops.show_filter(None)
                self.training_page.workshops.select_id(value)
                WorkshopWindow(self.context, value, self).show()
        elif target == "sync":
            self.tabs.setCurrentWidget(self._sync_tab)

    def show_registrations_due(self):
        """The clubs behind the home page's figure of registrations due, each one opened from there."""
        from advisor_app.ui.home.registrations_dialog import RegistrationsDialog

        dialog = RegistrationsDialog(self.context, self.home_page.current_day(), self.open_organization, self)
        dialog.open()
        return dialog

    def _build_sync_page(self, parent: QWidget) -> QWidget:
        from advisor_app.ui.sync.sync_page import SyncPage

        return SyncPage(self.context, parent)

    def _build_conflicts_page(self, parent: QWidget) -> QWidget:
        from advisor_app.ui.sync.conflicts_page import ConflictsPage

        return ConflictsPage(self.context, parent)

    def show_page(self, page: QWidget) -> None:
        """Bring the tab holding ``page`` to the front."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if tab is page or tab.isAncestorOf(page):
                self.tabs.setCurrentIndex(index)
                return

    @property
    def plans_page(self):
        return self._plans_tab.page()

    @property
    def agreements_page(self):
        return self._agreements_tab.page()

    @property
    def home_page(self):
        return self._home_tab.page()

    @property
    def training_page(self):
        return self._training_tab.page()

    @property
    def sync_page(self):
        return self._sync_tab.page()

    @property
    def conflicts_page(self):
        return self._conflicts_tab.page()
