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
    from advisor_app.ui.context import AppContext
    from advisor_app.ui.editors import MembershipDialog
    from advisor_app.ui.language import LanguageSwitcher
    from advisor_app.ui.main_window import MainWindow
    from advisor_app.ui.welcome import WelcomeWizard

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    switcher = LanguageSwitcher(app)
    with tempfile.TemporaryDirectory() as temporary:
        store = Store.open(Path(temporary) / "screenshots.sqlite3")
        context = AppContext(store, switcher)
        load_demo(context.repository)
        store.set_meta("welcome_done", "1")
        window = MainWindow(context)
        window.show()
        organization = window.open_organization(demo_id("org:investors"))
        person = window.open_person(demo_id("person:p01"))
        membership = MembershipDialog(context, demo_id("membership:investors:p01"), parent=window)
        welcome = WelcomeWizard(context, window)
        for language in ("es", "en"):
            switcher.apply(language)
            shots = {"main": window, "organization": organization, "person": person,
                     "membership": membership, "welcome": welcome}
            for name, widget in shots.items():
                widget.show()
                app.processEvents()
                widget.grab().save(str(out / f"{name}-{language}.png"))
            window.tabs.setCurrentWidget(window.people)
            app.processEvents()
            window.grab().save(str(out / f"people-{language}.png"))
            window.tabs.setCurrentWidget(window.organizations)
        for widget in (membership, welcome, person, organization, window):
            widget.close()
        store.close()
    print(f"Screenshots written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
