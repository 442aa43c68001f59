"""Write PNGs of the main screens in Spanish and English (``make screenshots``), offscreen."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(folder: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from advisor_app.store.database import Store
    from advisor_app.store.demo import demo_id, load_demo
    from advisor_app.ui.common.context import AppContext
    from advisor_app.ui.registry.editors import MembershipDialog
    from advisor_app.ui.common.language import LanguageSwitcher
    from advisor_app.ui.shell.main_window import MainWindow
    from advisor_app.ui.shell.welcome import WelcomeWizard

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    switcher = LanguageSwitcher(app)
    with tempfile.TemporaryDirectory() as temporary:
        store = Store.open(Path(temporary) / "screenshots.sqlite3")
        context = AppContext(store, switcher)
        load_demo(context.repository)
        store.set_meta("welcome_done", "1")
        store.set_meta("device_name", "Laptop Jerez")
        store.set_meta("advisor_name", "Laura Méndez")
        _exchange_with_a_colleague(context, Path(temporary))
        window = MainWindow(context)
        window.show()
        organization = window.open_organization(demo_id("org:investors"))
        person = window.open_person(demo_id("person:p01"))
        membership = MembershipDialog(context, demo_id("membership:investors:p01"), parent=window)
        welcome = WelcomeWizard(context, window)
        export = window.sync_page.open_export()
        export.hide()
        importing = window.sync_page.open_import(Path(temporary) / "from-juchipila.advbundle")
        importing.hide()
        from advisor_app.domain.plans import PAGE_KEYS
        from advisor_app.ui.plan_wizard import PlanWizard

        wizard = PlanWizard(context, demo_id("plan:investors"), window)
        draft = PlanWizard(context, demo_id("plan:cooperative"), window)
        from advisor_app.store.agreements import create_agreement
        from advisor_app.ui.agreement_editor import AgreementWindow

        agreement = AgreementWindow(context, demo_id("agreement:partnership"), window)
        agreement.preview_language.setCurrentIndex(agreement.preview_language.findData("both"))
        cofinancing = AgreementWindow(context, create_agreement(
            context.repository, "cofinancing", demo_id("org:club_jerez"), demo_id("plan:investors")), window)
        cofinancing.tabs.setCurrentWidget(cofinancing.terms)
        from advisor_app.ui.training.session_window import SessionWindow
        from advisor_app.ui.training.training_page import CompetencyMapDialog
        from advisor_app.ui.training.workshop_window import WorkshopWindow

        workshop = WorkshopWindow(context, demo_id("workshop:plan"), window)
        session = SessionWindow(context, demo_id("session:investors"), None, window)
        competency_map = CompetencyMapDialog(context, demo_id("org:investors"), window)
        for language in ("es", "en"):
            switcher.apply(language)
            shots = {"main": window, "organization": organization, "person": person,
                     "membership": membership, "welcome": welcome, "export": export, "import": importing}
            for name, widget in shots.items():
                widget.show()
                app.processEvents()
                widget.grab().save(str(out / f"{name}-{language}.png"))
            for name, editor in (("agreement", agreement), ("agreement-draft", cofinancing), ("workshop", workshop),
                                 ("session", session), ("competency-map", competency_map)):
                editor.show()
                app.processEvents()
                editor.grab().save(str(out / f"{name}-{language}.png"))
            for name, page in (("home", window.home_page), ("people", window.people), ("plans", window.plans_page),
                               ("agreements", window.agreements_page), ("training", window.training_page),
                               ("sync", window.sync_page), ("conflicts", window.conflicts_page)):
                window.show_page(page)
                app.processEvents()
                window.grab().save(str(out / f"{name}-{language}.png"))
            for name, plan_window, key in (("plan-project", wizard, "project"), ("plan-financing", wizard, "financing"),
                                           ("plan-sales", wizard, "sales_costs"), ("plan-results", wizard, "results"),
                                           ("plan-review", draft, "review")):
                plan_window.show()
                plan_window.go_to(PAGE_KEYS.index(key))
                app.processEvents()
                plan_window.grab().save(str(out / f"{name}-{language}.png"))
            window.tabs.setCurrentWidget(window.organizations)
        for widget in (competency_map, session, workshop, cofinancing, agreement, draft, wizard, importing, export, membership, welcome, person, organization, window):
            widget.close()
        store.close()
    print(f"Screenshots written to {out}")
    return 0


def _exchange_with_a_colleague(context, folder: Path) -> None:
    """A second laptop edits the same group at the same time, so the sync and conflict pages show data."""
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


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
