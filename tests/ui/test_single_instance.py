"""One window per data file: a second start is told the file is in use and can bring the first window
forward; the lock of a window that crashed is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from advisor_app.ui.shell.single_instance import SingleInstance

HOLDER = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication
    from advisor_app.ui.shell.single_instance import SingleInstance
    app = QCoreApplication([])
    instance = SingleInstance(sys.argv[1])
    print("locked" if instance.acquire() else "refused", flush=True)
    sys.stdin.readline()
""")

SECOND = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication
    from advisor_app.ui.shell.single_instance import SingleInstance
    app = QCoreApplication([])
    instance = SingleInstance(sys.argv[1])
    if instance.acquire():
        print("opened")
    else:
        print("in use", "answered" if instance.ask_first_to_come_forward() else "silent")
""")


def _run(script, path, **kwargs):
    return subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, stdin=subprocess.PIPE,
                            text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, **kwargs)


def test_a_second_lock_on_the_same_file_is_refused(qapp, tmp_path):
    path = tmp_path / "advisor.sqlite3"
    first = SingleInstance(path)
    assert first.acquire()
    assert not SingleInstance(path).acquire()
    assert SingleInstance(tmp_path / "other.sqlite3").acquire()  # another file is another matter
    first.release()
    assert SingleInstance(path).acquire()


def test_another_process_holding_the_file_is_refused(qapp, tmp_path):
    path = tmp_path / "advisor.sqlite3"
    holder = _run(HOLDER, path)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert not SingleInstance(path).acquire()
    finally:
        holder.communicate("\n", timeout=30)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_the_lock_of_a_crashed_window_is_taken_over(qapp, tmp_path):
    path = tmp_path / "advisor.sqlite3"
    holder = _run(HOLDER, path)
    assert holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert (tmp_path / "advisor.sqlite3.lock").exists()  # left behind by the crash
    instance = SingleInstance(path)
    assert instance.acquire()
    instance.release()


def test_a_second_start_brings_the_first_window_forward(qtbot, tmp_path):
    path = tmp_path / "advisor.sqlite3"
    first = SingleInstance(path)
    assert first.acquire()
    window = QWidget()
    qtbot.addWidget(window)
    first.serve(window)
    with qtbot.waitSignal(first.asked_to_come_forward, timeout=20000):
        second = _run(SECOND, path)
        while second.poll() is None:
            qtbot.wait(50)
    assert second.stdout.read().strip() == "in use answered"
    first.release()


def test_the_app_says_the_file_is_in_use_and_opens_no_window(qtbot, tmp_path, monkeypatch):
    from advisor_app import i18n
    from advisor_app.ui.shell import app
    from advisor_app.ui.common import language

    class CatalogOnly:
        """The app's language without Qt's translator, which would outlive this test in the shared app."""

        def __init__(self, _app):
            pass

        def apply(self, code):
            i18n.set_language(code)

    monkeypatch.setattr(language, "LanguageSwitcher", CatalogOnly)
    path = tmp_path / "advisor.sqlite3"
    first = SingleInstance(path)
    assert first.acquire()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *rest: asked.append(text) or QMessageBox.StandardButton.No)
    assert app.run_gui(path, "es") == 1
    assert len(asked) == 1 and "ya está abierto" in asked[0] and str(path) in asked[0]
    assert not path.exists()  # the second start did not touch the file
    first.release()
