"""Every window fits a small laptop's screen (1280×720 free), with its buttons on the screen, and comes
back at the size and place the advisor left it when that still fits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QScrollArea

from advisor_app.store.demo import demo_id
from advisor_app.ui.common import window_fit
from windows_to_check import SMALL_LAPTOP, window_makers


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


WINDOWS = ["main window", "organization", "new organization", "person", "membership", "plan wizard",
           "agreement editor", "workshop", "advisory session", "new agreement", "new plan", "compare plans",
           "competency map", "new session", "seasons", "versions", "mark signed", "add party", "welcome",
           "export", "import", "security", "recovery key"]


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("name", WINDOWS)
def test_every_window_fits_1280_by_720(qtbot, small_screen, demo_context, name, language):
    from advisor_app.ui.shell.main_window import MainWindow

    demo_context.language.apply(language)
    main = MainWindow(demo_context)
    qtbot.addWidget(main)
    window = window_makers(demo_context, main)[name]()
    assert_fits(qtbot, window)
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
