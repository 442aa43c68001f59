from __future__ import annotations

import pytest


def _destroy_leftover_windows(qapp):
    """Windows of earlier tests hold closed data files; the language switch must not reach them."""
    from PySide6.QtCore import QEvent

    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _finish_background_work():
    """A job a test left running stops before its data file closes."""
    from advisor_app.ui.common.background import current_job, wait_for

    job = current_job()
    if job is not None:
        job.cancel()
        assert wait_for(job, 30)


@pytest.fixture
def context(qapp, store):
    """The window's context on the test's data file, logging beside it as the app does (the session's
    last check reads those logs for the demo's personal data: tests/conftest.py)."""
    from advisor_app import logs
    from advisor_app.ui.common.context import AppContext
    from advisor_app.ui.common.language import LanguageSwitcher

    _destroy_leftover_windows(qapp)
    logs.configure(store.path.parent)
    logs.data_file_opened(store)
    switcher = LanguageSwitcher(qapp)
    switcher.apply("es")
    yield AppContext(store, switcher)
    _finish_background_work()
    # The windows go before the data file closes: a timer they posted (the dashboard's first figures)
    # must not fire on a closed file during teardown.
    _destroy_leftover_windows(qapp)
    switcher.apply("es")
    # Each test has its own switcher: take this one's Qt translator out, or it would keep translating
    # Qt's buttons into Spanish after a later test's switcher turned to English.
    if switcher._qt_translator is not None:
        qapp.removeTranslator(switcher._qt_translator)
    logs.stop()


@pytest.fixture
def window(qtbot, context):
    from advisor_app.ui.shell.main_window import MainWindow

    main = MainWindow(context)
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture(autouse=True)
def questions_answered_yes(monkeypatch):
    """No modal question may block a headless test; a test that needs "No" patches it again (the
    question before something is lost is ``confirm.destructive``; test_confirmations asks it for real)."""
    from PySide6.QtWidgets import QMessageBox

    from advisor_app.ui.common import confirm

    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(confirm, "destructive", lambda *args, **kwargs: True)


@pytest.fixture
def yes_to_questions(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from advisor_app.ui.common import confirm

    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(confirm, "destructive", lambda *args, **kwargs: True)


@pytest.fixture
def demo_context(context):
    """The context with the demo data loaded (workshops and sessions dated around today)."""
    from advisor_app.store.demo import load_demo

    load_demo(context.repository)
    return context


@pytest.fixture
def messages(monkeypatch):
    """The sentences message boxes would have shown, instead of showing them."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda _parent, _title, text, *rest: shown.append(text))
    return shown


@pytest.fixture(autouse=True)
def window_settings_in_tmp(tmp_path_factory):
    """Windows remember their size and place in a settings file: each test its own, never the user's."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def small_screen(monkeypatch):
    """The screen's free area is a small laptop's, 1280×720."""
    from PySide6.QtCore import QRect

    from advisor_app.ui.common import window_fit

    monkeypatch.setattr(window_fit, "available_geometry", lambda _widget: QRect(0, 0, 1280, 720))
    return QRect(0, 0, 1280, 720)
