"""Write PNGs of every window and every page of it, in Spanish and English, as they open on a small
laptop's screen of 1280×720 (``make screenshots``), offscreen.

``scenes`` walks the same windows for tests/ui/test_fit_1280.py, which checks that nothing in them is cut.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

SCREEN_WIDTH, SCREEN_HEIGHT = 1280, 720


def main(folder: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRect, QSettings
    from PySide6.QtWidgets import QApplication

    from advisor_app.store.database import Store
    from advisor_app.store.demo import load_demo
    from advisor_app.ui.common import window_fit
    from advisor_app.ui.common.context import AppContext
    from advisor_app.ui.common.emoji_font import install_emoji_font
    from advisor_app.ui.common.language import LanguageSwitcher

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    install_emoji_font()
    window_fit.available_geometry = lambda _widget: QRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT)
    switcher = LanguageSwitcher(app)
    with tempfile.TemporaryDirectory() as temporary:
        # Sizes a person left on this computer are not the ones to show.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, temporary)
        store = Store.open(Path(temporary) / "screenshots.sqlite3")
        context = AppContext(store, switcher)
        load_demo(context.repository)
        store.set_meta("welcome_done", "1")
        store.set_meta("device_name", "Laptop Jerez")
        store.set_meta("advisor_name", "Laura Méndez")
        bundle = exchange_with_a_colleague(context, Path(temporary))
        for language in ("es", "en"):
            switcher.apply(language)
            for name, widget in scenes(context, bundle):
                widget.grab().save(str(out / f"{name}-{language}.png"))
        store.close()
    print(f"Screenshots written to {out}")
    return 0


def settle() -> None:
    """Let the layouts, the first figures and the timers of what was just shown run."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for _round in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


def _on_documents(editor):
    """The organization window with its Documents tab in front, two of the club's documents ticked."""
    from advisor_app.store import document_checks

    for code in ("toma_de_nota", "comprobante_domicilio"):
        document_checks.set_received(editor.context.repository, "organizations", editor.record_id(), "3x1_migrantes",
                                     code, True)
    editor.documents.reload()
    editor.side.setCurrentWidget(editor.documents)
    return editor


def scenes(context, bundle: Path) -> Iterator[tuple[str, object]]:
    """(name, window) for every window of the app and every page and tab of it, each shown and laid out
    when it is yielded, in the current language; the windows are closed once walked."""
    from advisor_app.domain.plans import PAGE_KEYS
    from advisor_app.store.agreements import create_agreement
    from advisor_app.store.demo import demo_id
    from advisor_app.ui.agreement_editor import AgreementWindow
    from advisor_app.ui.agreement_editor.agreements_page import NewAgreementDialog
    from advisor_app.ui.agreement_editor.dialogs import MarkSignedDialog, VersionsDialog
    from advisor_app.ui.agreement_editor.parties import AddPartyDialog
    from advisor_app.ui.common.background import wait_for
    from advisor_app.ui.plan_wizard import PlanWizard
    from advisor_app.ui.plan_wizard.pages import SeasonDialog
    from advisor_app.ui.plan_wizard.plans_page import CompareDialog, NewPlanDialog
    from advisor_app.ui.registry.editors import MembershipDialog
    from advisor_app.ui.shell.main_window import MainWindow
    from advisor_app.ui.shell.welcome import WelcomeWizard
    from advisor_app.store.recovery_key import encode_recovery_key
    from advisor_app.ui.security.recovery_sheet_dialog import RecoveryKeyDialog
    from advisor_app.ui.security.security_dialog import SecurityDialog
    from advisor_app.ui.training.session_window import SessionWindow
    from advisor_app.ui.training.training_page import CompetencyMapDialog, NewSessionDialog
    from advisor_app.ui.training.workshop_window import WorkshopWindow

    window = MainWindow(context)
    window.show()
    settle()
    yield "main", window
    for name, page in (("home", window.home_page), ("organizations", window.organizations),
                       ("people", window.people), ("plans", window.plans_page),
                       ("agreements", window.agreements_page), ("sync", window.sync_page),
                       ("conflicts", window.conflicts_page)):
        window.show_page(page)
        settle()
        yield name, window
    training = window.training_page
    for name, page in (("training", training.workshops), ("training-sessions", training.sessions),
                       ("training-actions", training.actions)):
        window.show_page(training)
        training.setCurrentWidget(page)
        settle()
        yield name, window
    window.show_page(window.organizations)

    plans = [demo_id("plan:investors"), demo_id("plan:cooperative")]
    agreement = demo_id("agreement:partnership")
    editor = AgreementWindow(context, agreement, window)
    windows = {
        "organization": lambda: window.open_organization(demo_id("org:investors")),
        "new-organization": lambda: window.open_organization(None),
        "organization-documents": lambda: _on_documents(window.open_organization(demo_id("org:club_jerez"))),
        "registrations-due": lambda: window.show_registrations_due(),
        "person": lambda: window.open_person(demo_id("person:p01")),
        "membership": lambda: MembershipDialog(context, demo_id("membership:investors:p01"), parent=window),
        "workshop": lambda: WorkshopWindow(context, demo_id("workshop:plan"), window),
        "session": lambda: SessionWindow(context, demo_id("session:investors"), None, window),
        "competency-map": lambda: CompetencyMapDialog(context, demo_id("org:investors"), window),
        "new-session": lambda: NewSessionDialog(context, window),
        "new-plan": lambda: NewPlanDialog(context, None, window),
        "compare-plans": lambda: CompareDialog(context, plans, window),
        "seasons": lambda: SeasonDialog("Salsa", [], window),
        "new-agreement": lambda: NewAgreementDialog(context, None, plans[0], window),
        "versions": lambda: VersionsDialog(context, agreement, window),
        "mark-signed": lambda: MarkSignedDialog(context, agreement, window),
        "add-party": lambda: AddPartyDialog(context, editor.template, "person", window),
        "export": lambda: window.sync_page.open_export(),
        "import": lambda: window.sync_page.open_import(bundle),
    }
    for name, make in windows.items():
        shown = make()
        shown.show()
        if getattr(shown, "job", None) is not None:  # the import's preview, read in the background
            wait_for(shown.job, 60)
        settle()
        yield name, shown
        shown.close()

    importing = window.open_table_import(member_list(bundle.parent))
    importing._read_timer.stop()
    wait_for(importing.read_file(), 60)
    settle()
    yield "spreadsheet-columns", importing
    wait_for(importing.run_preview(), 60)
    importing.rows_view.setCurrentIndex(importing.model.index(2, 3))
    settle()
    yield "spreadsheet-preview", importing
    importing.close()

    editor.preview_language.setCurrentIndex(editor.preview_language.findData("both"))
    editor.show()
    for number, tab in enumerate(("parties", "terms", "clauses", "signing")):
        editor.tabs.setCurrentIndex(number)
        settle()
        yield "agreement" if tab == "parties" else f"agreement-{tab}", editor
    editor.close()
    cofinancing = AgreementWindow(context, create_agreement(
        context.repository, "cofinancing", demo_id("org:club_jerez"), demo_id("plan:investors")), window)
    cofinancing.tabs.setCurrentWidget(cofinancing.terms)
    cofinancing.show()
    settle()
    yield "agreement-draft", cofinancing
    cofinancing.close()

    for prefix, plan_id in (("plan", plans[0]), ("plan-draft", plans[1])):
        wizard = PlanWizard(context, plan_id, window)
        wizard.show()
        for number, key in enumerate(PAGE_KEYS):
            wizard.go_to(number)
            settle()
            yield f"{prefix}-{key.replace('_', '-')}", wizard
        wizard.close()

    security = SecurityDialog(context, window)
    security.show()
    settle()
    yield "security", security
    security.close()
    recovery = RecoveryKeyDialog(context, encode_recovery_key(bytes(range(32))), window)
    recovery.show()
    settle()
    yield "recovery-key", recovery
    recovery.kept.setChecked(True)
    recovery.close()

    welcome = WelcomeWizard(context, window, offer_protection=True)
    welcome.show()
    for number in range(len(welcome.pageIds())):
        if number:
            welcome.next()
        settle()
        yield f"welcome-{number + 1}", welcome
    welcome.close()
    window.close()


def exchange_with_a_colleague(context, folder: Path) -> Path:
    """A second laptop edits the same group at the same time, so the sync and conflict pages show data;
    returns a bundle from it that is not imported yet, for the import window."""
    from advisor_app.store.database import Store
    from advisor_app.store.demo import demo_id
    from advisor_app.store.repository import Repository
    from advisor_app.sync.export import export_bundle
    from advisor_app.sync.importer import run_import

    other = Store.open(folder / "colleague.sqlite3")
    other.set_meta("device_name", "Laptop Juchipila")
    other.set_meta("advisor_name", "Rosa Haro")
    colleague = Repository(other)
    export_bundle(context.store, folder / "to-juchipila.advbundle", peer="Laptop Juchipila")
    run_import(other, folder / "to-juchipila.advbundle", dry_run=False, trust=True)
    investors = demo_id("org:investors")
    context.repository.update("organizations", investors, {"phone": "+52 494 945 0200"})
    colleague.update("organizations", investors, {"phone": "+52 494 945 0300"})
    export_bundle(other, folder / "from-juchipila.advbundle")
    run_import(context.store, folder / "from-juchipila.advbundle", dry_run=False, trust=True)
    colleague.update("people", demo_id("person:p11"), {"phone": "+52 494 945 0999"})
    export_bundle(other, folder / "from-juchipila.advbundle")
    other.close()
    return folder / "from-juchipila.advbundle"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))


def member_list(folder: Path) -> Path:
    """The member list a club in Chicago sends: one member already registered, a mistyped date, a town
    the catalog does not know."""
    import datetime as dt

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Socios"
    sheet.append(["Nombre(s)", "Apellido paterno", "Apellido materno", "Fecha de nacimiento", "CURP", "Celular",
                  "Municipio", "Estado", "Ciudad (EE. UU.)"])
    sheet.append(["María Guadalupe", "Ruvalcaba", "Márquez", dt.datetime(1968, 2, 14), "RUMM680214MZSVRR03",
                  "+1 773 555 0142", "Jerez", "Zacatecas", "Chicago"])
    sheet.append(["Ramón", "Esparza", "Luna", dt.datetime(1972, 9, 3), "", "+1 773 555 0178", "Jerez", "Zacatecas",
                  "Cicero"])
    sheet.append(["Leticia", "Bañuelos", "Correa", "31/09/1980", "", "+1 708 555 0111", "Xerez", "Zacatecas",
                  "Berwyn"])
    sheet.append(["Arturo", "Ibarra", "Valdez", dt.datetime(1990, 12, 24), "", "+1 312 555 0190", "Tlaltenango",
                  "Zacatecas", "Chicago"])
    path = folder / "socios-club-chicago.xlsx"
    workbook.save(path)
    return path
