"""Every kind of top-level window, made as the app makes it, for the tests that look at each of them."""

from __future__ import annotations

from PySide6.QtCore import QRect

from advisor_app.store.demo import demo_id

# The free area of a small laptop's screen.
SMALL_LAPTOP = QRect(0, 0, 1280, 720)


def window_makers(context, main):
    """(name, maker) of every kind of top-level window, each made as the app makes it."""
    from advisor_app.ui.agreement_editor import AgreementWindow
    from advisor_app.ui.agreement_editor.dialogs import MarkSignedDialog, VersionsDialog
    from advisor_app.ui.agreement_editor.parties import AddPartyDialog
    from advisor_app.ui.agreement_editor.agreements_page import NewAgreementDialog
    from advisor_app.ui.registry.editors import MembershipDialog
    from advisor_app.ui.plan_wizard import PlanWizard
    from advisor_app.ui.plan_wizard.pages import SeasonDialog
    from advisor_app.ui.plan_wizard.plans_page import CompareDialog, NewPlanDialog
    from advisor_app.ui.training.session_window import SessionWindow
    from advisor_app.ui.sync.export_dialog import ExportDialog
    from advisor_app.ui.sync.import_dialog import ImportDialog
    from advisor_app.ui.table_import import TableImportDialog
    from advisor_app.ui.training.training_page import CompetencyMapDialog, NewSessionDialog
    from advisor_app.ui.shell.welcome import WelcomeWizard
    from advisor_app.store.recovery_key import encode_recovery_key
    from advisor_app.ui.security.recovery_sheet_dialog import RecoveryKeyDialog
    from advisor_app.ui.security.security_dialog import SecurityDialog
    from advisor_app.ui.training.workshop_window import WorkshopWindow

    agreement = demo_id("agreement:partnership")
    plans = [demo_id("plan:investors"), demo_id("plan:cooperative")]
    return {
        "main window": lambda: main,
        "organization": lambda: main.open_organization(demo_id("org:investors")),
        "new organization": lambda: main.open_organization(None),
        "person": lambda: main.open_person(None),
        "membership": lambda: MembershipDialog(context, organization_id=demo_id("org:investors"), parent=main),
        "plan wizard": lambda: PlanWizard(context, plans[0], main),
        "agreement editor": lambda: AgreementWindow(context, agreement, main),
        "workshop": lambda: WorkshopWindow(context, demo_id("workshop:plan"), main),
        "advisory session": lambda: SessionWindow(context, demo_id("session:investors"), parent=main),
        "new agreement": lambda: NewAgreementDialog(context, None, plans[0], main),
        "new plan": lambda: NewPlanDialog(context, None, main),
        "compare plans": lambda: CompareDialog(context, plans, main),
        "competency map": lambda: CompetencyMapDialog(context, demo_id("org:investors"), main),
        "new session": lambda: NewSessionDialog(context, main),
        "seasons": lambda: SeasonDialog("Salsa", [], main),
        "versions": lambda: VersionsDialog(context, agreement, main),
        "mark signed": lambda: MarkSignedDialog(context, agreement, main),
        "add party": lambda: AddPartyDialog(context, AgreementWindow(context, agreement, main).template, "person", main),
        "welcome": lambda: WelcomeWizard(context, main, offer_protection=True),
        "security": lambda: SecurityDialog(context, main),
        "recovery key": lambda: RecoveryKeyDialog(context, encode_recovery_key(bytes(range(32))), main),
        "export": lambda: ExportDialog(context, main),
        "import": lambda: ImportDialog(context, None, main),
        "registrations due": lambda: main.show_registrations_due(),
        "spreadsheet import": lambda: TableImportDialog(context, None, main),
    }
