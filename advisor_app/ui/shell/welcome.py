"""First start: who is the advisor, what is this laptop called, which language, demo data or not, and
whether a passphrase protects the data file (offered ticked, at the first start of a plain file only).

Answers are saved as they are typed. With protection on, Finish converts the file first (a fresh file
at once), loads the demo data if asked into the protected file, and shows the recovery key. The demo
data is offered, never ticked: examples mixed into a real registry by one more click on Next are the
surprise; taking it out again is one step (``remove_demo_data``, File menu).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from advisor_app.i18n import _, current_language, ngettext
from advisor_app.store.demo import load_demo
from advisor_app.ui.common import confirm
from advisor_app.ui.common.context import AppContext
from advisor_app.ui.common.user_errors import reports_errors
from advisor_app.ui.common.window_fit import fit_window
from advisor_app.ui.security.protect_offer import ProtectOfferPage, protect_then


class WelcomeWizard(QWizard):
    def __init__(self, context: AppContext, parent=None, offer_protection: bool | None = None):
        super().__init__(parent)
        self.context = context
        store = context.store
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)

        self.about_page = QWizardPage(self)
        self.intro = QLabel(self.about_page)
        self.intro.setWordWrap(True)
        self.spanish = QRadioButton("Español", self.about_page)
        self.english = QRadioButton("English", self.about_page)
        self.languages = QButtonGroup(self)
        self.languages.addButton(self.spanish)
        self.languages.addButton(self.english)
        (self.spanish if current_language() == "es" else self.english).setChecked(True)
        self.spanish.toggled.connect(lambda on: on and self._language("es"))
        self.english.toggled.connect(lambda on: on and self._language("en"))
        self.advisor = QLineEdit(store.get_meta("advisor_name") or "", self.about_page)
        self.laptop = QLineEdit(store.get_meta("device_name") or "", self.about_page)
        self.advisor.textEdited.connect(lambda text: store.set_meta("advisor_name", text.strip()))
        self.laptop.textEdited.connect(lambda text: store.set_meta("device_name", text.strip()))
        form = QFormLayout()
        self.language_label, self.advisor_label, self.laptop_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.language_label, self.spanish)
        form.addRow("", self.english)
        form.addRow(self.advisor_label, self.advisor)
        form.addRow(self.laptop_label, self.laptop)
        layout = QVBoxLayout(self.about_page)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        self.addPage(self.about_page)

        self.demo_page = QWizardPage(self)
        self.demo_text = QLabel(self.demo_page)
        self.demo_text.setWordWrap(True)
        self.demo = QCheckBox(self.demo_page)
        self.demo.setChecked(False)
        demo_layout = QVBoxLayout(self.demo_page)
        demo_layout.addWidget(self.demo_text)
        demo_layout.addWidget(self.demo)
        demo_layout.addStretch()
        self.addPage(self.demo_page)
        if offer_protection is None:
            offer_protection = not store.protected and not store.get_meta("welcome_done")
        self.protect_page = ProtectOfferPage(self) if offer_protection else None
        if self.protect_page is not None:
            self.addPage(self.protect_page)
        self.protection_job = None
        fit_window(self, 640, 460, "welcome")
        self.retranslate()

    @reports_errors
    def _language(self, language: str) -> None:
        if self.context.language is not None:
            self.context.language.apply(language)
        self.context.store.set_meta("language", language)

    @reports_errors
    def accept(self) -> None:
        passphrase = self.protect_page.wanted_passphrase() if self.protect_page is not None else None
        if passphrase is None:
            self._finish()
        elif self.protect_page.isComplete():
            self.protection_job = protect_then(self, self.context, passphrase, self._finish, self.parentWidget())

    def _finish(self) -> None:
        if self.demo.isChecked():
            load_demo(self.context.repository)
        self.context.store.set_meta("welcome_done", "1")
        super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Welcome to Community Advisor"))
        self.about_page.setTitle(_("Welcome"))
        self.intro.setText(_("This laptop keeps its own copy of the registry and works without internet. "
                             "Tell us who works on it; bundles you send to colleagues will carry these names."))
        self.language_label.setText(_("Language"))
        self.advisor_label.setText(_("Advisor's name"))
        self.laptop_label.setText(_("This laptop's name"))
        self.advisor.setPlaceholderText(_("e.g. Laura Méndez"))
        self.laptop.setPlaceholderText(_("e.g. Laptop Jerez office"))
        self.demo_page.setTitle(_("Demo data"))
        self.demo_text.setText(_("To try the app, load a small example: a federation of Zacatecan clubs in "
                                 "California, two clubs, a mirror committee, a cooperative and an investor group. "
                                 "You can remove them in one step later (File → Remove demo data)."))
        self.demo.setText(_("Load the demo data"))
        # Qt translates its own button labels through qtbase; set them too so they follow at once.
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))


@reports_errors
def remove_demo_data(context: AppContext, parent) -> tuple[int, int] | None:
    """Ask (Cancel by default), then remove the demo records nothing typed by people still uses."""
    from advisor_app.store.demo_removal import demo_rows, remove_demo

    removable, _kept = demo_rows(context.repository)
    if not removable:
        QMessageBox.information(parent, _("Remove demo data"), _("There is no demo data to remove."))
        return None
    if not confirm.destructive(parent, _("Remove demo data"), _(
            "Remove the demo organizations, people, plans, agreement, workshops and sessions? Everything you "
            "typed stays, and so does any demo record your own records use."), _("Remove demo data")):
        return None
    removed, kept = remove_demo(context.repository)
    for table in ("organizations", "people", "memberships", "plans", "agreements", "workshops", "advisory_sessions"):
        context.announce(table)
    QMessageBox.information(parent, _("Remove demo data"), ngettext(
        "{removed} demo records were removed; {kept} stays because your own records use it.",
        "{removed} demo records were removed; {kept} stay because your own records use them.", kept).format(
        removed=removed, kept=kept) if kept else _("{removed} demo records were removed.").format(removed=removed))
    return removed, kept
