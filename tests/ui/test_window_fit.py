"""Every window fits a small laptop's screen (1280×720 free), with its buttons on the screen, and comes
back at the size and place the advisor left it when that still fits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QScrollArea

from advisor_app.store.demo import demo_id
from advisor_app.ui.common import window_fit

SMALL_LAPTOP = QRect(0, 0, 1280, 720)


@pytest.fixture
def small_screen(monkeypatch):
    monkeypatch.setattr(window_fit, "available_geometry", lambda _widget: QRect(SMALL_LAPTOP))
    return SMALL_LAPTOP


def _reachable_only_by_scrolling(button) -> bool:
    """Buttons inside a scrolling area or a table's cells are reached by scrolling, not by the window size."""
    parent = button.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, (QScrollArea, QAbstractItemView)):
            return True
        parent = parent.parentWidget()
    return False


def assert_fits(qtbot, window, area=SMALL_LAPTOP):
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    frame = window.frameGeometry()
    assert area.contains(frame), f"{type(window).__name__} at {frame} does not fit {area}"
    buttons = [button for button in window.findChildren(QAbstractButton)
               if button.isVisible() and button.window() is window and not _reachable_only_by_scrolling(button)]
    for button in buttons:
        corner = button.mapToGlobal(QPoint(0, 0))
        place = QRect(corner, button.size())
        assert area.contains(place), f"{button.text() or type(button).__name__!r} of {type(window).__name__} at {place}"
    return window


def _windows(context, main):
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
    from advisor_app.ui.training.training_page import CompetencyMapDialog, NewSessionDialog
    from advisor_app.ui.shell.welcome import WelcomeWizard
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
        "welcome": lambda: WelcomeWizard(context, main),
        "export": lambda: ExportDialog(context, main),
        "import": lambda: ImportDialog(context, None, main),
    }


WINDOWS = ["main window", "organization", "new organization", "person", "membership", "plan wizard",
           "agreement editor", "workshop", "advisory session", "new agreement", "new plan", "compare plans",
           "competency map", "new session", "seasons", "versions", "mark signed", "add party", "welcome",
           "export", "import"]


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("name", WINDOWS)
def test_every_window_fits_1280_by_720(qtbot, small_screen, demo_context, name, language):
    from advisor_app.ui.shell.main_window import MainWindow

    demo_context.language.apply(language)
    main = MainWindow(demo_context)
    qtbot.addWidget(main)
    window = _windows(demo_context, main)[name]()
    assert_fits(qtbot, window)
    if name in ("main window", "plan wizard", "agreement editor"):
        window.grab().save(f"/tmp/shots/fit_{name.replace(' ', '_')}_{language}.png")
    if window is not main:
        window.close()


def test_a_window_comes_back_where_it_was_left(qtbot, small_screen, demo_context, window):
    from advisor_app.ui.plan_wizard import PlanWizard

    wizard = PlanWizard(demo_context, demo_id("plan:investors"), window)
    wizard.show()
    wizard.setGeometry(QRect(40, 60, 1200, 600))
    wizard.close()
    again = PlanWizard(demo_context, demo_id("plan:investors"), window)
    assert again.geometry() == QRect(40, 60, 1200, 600)
    again.close()


def test_a_remembered_place_off_the_current_screen_is_not_reused(qtbot, monkeypatch, demo_context, window):
    from advisor_app.ui.plan_wizard import PlanWizard

    monkeypatch.setattr(window_fit, "available_geometry", lambda _widget: QRect(0, 0, 1920, 1080))
    wizard = PlanWizard(demo_context, demo_id("plan:investors"), window)
    wizard.show()
    wizard.setGeometry(QRect(700, 200, 1180, 780))  # fine on the office monitor
    wizard.close()
    monkeypatch.setattr(window_fit, "available_geometry", lambda _widget: QRect(SMALL_LAPTOP))
    again = PlanWizard(demo_context, demo_id("plan:investors"), window)
    assert_fits(qtbot, again)
    again.close()
