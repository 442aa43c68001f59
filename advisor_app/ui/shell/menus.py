"""The main window's actions, toolbar and menus, and their text in the current language.

A mixin of MainWindow: the actions call the window's own methods (open a record, undo, navigate)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMessageBox, QSizePolicy, QToolBar, QWidget

from advisor_app.i18n import _, current_language
from advisor_app.ui.common.list_table import list_tables_in


class MainMenus:
    """Builds and retranslates what the shell offers above its tabs: the toolbar with the search, and the menus."""

    def _build_menus(self) -> None:
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
        self.duplicates_action = QAction(self, triggered=lambda: self.open_duplicates())
        self.quit_action = QAction(self, triggered=self.close)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.about_action = QAction(self, triggered=self._about)
        self.guide_action = QAction(self, triggered=lambda: self.open_guide())
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.laptop_action = QAction(self, triggered=self.open_welcome)
        self.remove_demo_action = QAction(self, triggered=lambda: self.remove_demo_data())
        self.security_action = QAction(self, triggered=lambda: self.open_security())
        self.export_list_action = QAction(self, triggered=lambda: self.export_current_list())
        self.export_action = QAction(self, triggered=lambda: self.sync_page.open_export())
        self.import_action = QAction(self, triggered=lambda: self.sync_page.open_import())
        self.table_import_action = QAction(self, triggered=lambda: self.open_table_import())
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
        self.file_menu.addAction(self.export_list_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.table_import_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.laptop_action)
        self.file_menu.addAction(self.remove_demo_action)
        self.file_menu.addAction(self.security_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.duplicates_action)
        self.language_menu = self.menuBar().addMenu("")
        self.language_menu.addAction(self.spanish_action)
        self.language_menu.addAction(self.english_action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.about_action)

    def export_current_list(self):
        """File → Export this list…: the list of the tab in front (the first one shown, on a tab with two)."""
        tables = list_tables_in(self.tabs.currentWidget())
        if not tables:
            QMessageBox.information(self, _("Export this list"), _(
                "This page has no list. Open the tab of the list to export (organizations, people, business plans, "
                "agreements, training, sync or conflicts) and choose this again."))
            return None
        return tables[0].export()

    def _retranslate_menus(self) -> None:
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
        self.security_action.setText(_("Se&curity…"))
        self.export_list_action.setText(_("Export this &list…"))
        self.export_action.setText(_("&Export a bundle…"))
        self.import_action.setText(_("&Import a bundle…"))
        self.table_import_action.setText(_("Import from a spreads&heet…"))
        self.search.setPlaceholderText(_("Search organizations and people…"))
        self.find_action.setText(_("&Search organizations and people…"))
        self.duplicates_action.setText(_("&Possible duplicates…"))
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

    def open_table_import(self, path=None):
        """File → Import from a spreadsheet…: people, organizations or memberships from a CSV or XLSX file."""
        from advisor_app.ui.table_import import TableImportDialog

        dialog = TableImportDialog(self.context, path, self)
        dialog.open()
        return dialog
