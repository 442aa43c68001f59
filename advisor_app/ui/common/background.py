"""Slow work off the UI thread, through one helper (after Anki's ``QueryOp``).

``run_in_background(parent, title, work, on_success)`` runs ``work(progress)`` on a worker thread and
calls ``on_success(result)`` back on the UI thread; a refused value or bundle (``StoreError``) becomes its
one sentence, anything unexpected the app's one sentence with the details in the log, never a traceback.
``progress(step, done, total)`` moves a progress window that appears if the work lasts more than a
moment; its Cancel makes the next ``progress`` call raise ``Cancelled``, and the work undoes itself.

The worker runs in a copy of the UI thread's ``contextvars`` context, so it speaks the language the
window spoke when it started (i18n keeps the language in a ``ContextVar``). It must open its own
connection to the data file (``Store.another_connection``): a connection belongs to its thread.
Only one job runs at a time; the progress window is application-modal, so nothing typed meanwhile
competes with the job's transaction, and the main window waits for a job before it closes.
"""

from __future__ import annotations

import contextvars
import threading
import time
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QVBoxLayout,
                               QWidget)
from shiboken6 import isValid

from advisor_app.domain.errors import DataFileError
from advisor_app.i18n import _, formatting
from advisor_app.progress import Cancelled
from advisor_app.store.errors import StoreError

SHOW_AFTER_MS = 250  # quicker work never flashes a window
REPORT_EVERY_S = 0.05  # the worker tells the window at most 20 times a second
WORKER_NICENESS = 10  # added to the worker thread's nice value

RUNNING, SUCCEEDED, FAILED, CANCELLED = "running", "succeeded", "failed", "cancelled"

# The newest job, kept until the next one starts: a parentless QObject must not be collected inside
# its own slot when its caller lets go of it there.
_current: "Job | None" = None


def current_job() -> "Job | None":
    """The job that is running, if any (only one at a time)."""
    return _current if _current is not None and _current.is_running() else None


class _Reporter:
    """The ``progress`` the work calls on the worker thread: raises ``Cancelled`` once Cancel was pressed,
    and passes the step and count on, no more often than the window can show them."""

    def __init__(self, job: "Job"):
        self._job = job
        self._step = ""
        self._last = 0.0

    def __call__(self, step: str, done: int = 0, total: int | None = None) -> None:
        if self._job._cancel.is_set():
            raise Cancelled
        now = time.monotonic()
        if step != self._step or now - self._last >= REPORT_EVERY_S or (total is not None and done >= total):
            self._step, self._last = step, now
            self._job._progressed.emit(step, done, -1 if total is None else total)


class Job(QObject):
    """One piece of work on its worker thread. Its signals arrive on the UI thread; ``finished`` comes
    last, whatever the outcome, after ``on_success`` or the error's sentence."""

    progressed = Signal(str, int, int)  # step (English source text), done, total (-1: not known)
    finished = Signal(str)  # SUCCEEDED, FAILED or CANCELLED
    _progressed = Signal(str, int, int)  # emitted on the worker thread
    _ended = Signal(str, object)  # emitted on the worker thread: outcome, result or error

    def __init__(self, parent: QWidget, title: str, work: Callable[[Callable], Any],
                 on_success: Callable[[Any], None] | None = None,
                 on_failure: Callable[[BaseException], None] | None = None,
                 on_cancelled: Callable[[], None] | None = None):
        super().__init__()  # not the widget's child: the job outlives a window closed while it runs
        self.parent_widget = parent
        self.title = title  # English source text, translated where shown
        self._work, self._on_success, self._on_failure, self._on_cancelled = work, on_success, on_failure, on_cancelled
        self._cancel = threading.Event()
        self.state = RUNNING
        self.result: Any = None
        self.error: BaseException | None = None
        self.step, self.done, self.total = "", 0, -1
        self._thread: threading.Thread | None = None
        self._progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._ended.connect(self._on_end, Qt.ConnectionType.QueuedConnection)
        self.window = ProgressWindow(self, parent)
        self._show_timer = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self._show_window)

    # UI thread ----------------------------------------------------------------------------
    def start(self) -> None:
        global _current
        _current = self
        context = contextvars.copy_context()  # the window's language goes with the work
        self._thread = threading.Thread(target=context.run, args=(self._run,), name=f"job: {self.title}", daemon=True)
        self._thread.start()
        self._show_timer.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next step; it undoes what it began and ``finished`` follows."""
        if self.state == RUNNING:
            self._cancel.set()
            if isValid(self.window):
                self.window.cancelling()

    def is_running(self) -> bool:
        return self.state == RUNNING

    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _show_window(self) -> None:
        if self.state == RUNNING and isValid(self.window):
            self.window.open()

    def _on_progress(self, step: str, done: int, total: int) -> None:
        self.step, self.done, self.total = step, done, total
        if isValid(self.window):
            self.window.show_progress(step, done, total)
        self.progressed.emit(step, done, total)

    def _on_end(self, outcome: str, value: Any) -> None:
        if self._thread is not None:
            self._thread.join()
        self._show_timer.stop()
        if isValid(self.window):
            self.window.finish()
        self.state = outcome
        if not isValid(self.parent_widget):  # the window that asked is gone: nobody to tell
            self.result, self.error = (value, None) if outcome == SUCCEEDED else (None, value)
        elif outcome == SUCCEEDED:
            self.result = value
            if self._on_success is not None:
                self._report_errors(self._on_success, value)
        elif outcome == CANCELLED:
            if self._on_cancelled is not None:
                self._on_cancelled()
        else:
            self.error = value
            (self._on_failure or self._show_error)(value)
        self.finished.emit(outcome)

    def _report_errors(self, callback: Callable, value: Any) -> None:
        try:
            callback(value)
        except (StoreError, DataFileError) as error:
            self._show_error(error)

    def _show_error(self, error: BaseException) -> None:
        show_error(self.parent_widget, error)

    # worker thread ------------------------------------------------------------------------
    def _run(self) -> None:
        _yield_to_the_window()
        try:
            result = self._work(_Reporter(self))
        except Cancelled:
            self._ended.emit(CANCELLED, None)
        except BaseException as error:  # delivered to the UI thread, shown as one sentence there
            self._ended.emit(FAILED, error)
        else:
            self._ended.emit(SUCCEEDED, result)


def _yield_to_the_window() -> None:
    """The worker runs at a lower priority than the UI thread, so on a busy laptop with two cores the
    system gives the window its turn first (Linux and macOS: the thread's own nice value)."""
    import os

    if hasattr(os, "setpriority"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)
        except OSError:
            pass


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """A refused value, file or bundle says its own sentence; anything else the app's one sentence for
    the unexpected, with the details in the log (never a traceback on screen)."""
    if isinstance(error, (StoreError, DataFileError)):
        box = QMessageBox(QMessageBox.Icon.Warning, _("Community Advisor"), str(error), QMessageBox.StandardButton.Ok,
                          parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # it may quote names that came from another laptop
        box.exec()
        return
    from advisor_app.ui.common.user_errors import report_unexpected

    report_unexpected(type(error), error, error.__traceback__, parent)


def run_in_background(parent: QWidget, title: str, work: Callable[[Callable], Any],
                      on_success: Callable[[Any], None] | None = None,
                      on_failure: Callable[[BaseException], None] | None = None,
                      on_cancelled: Callable[[], None] | None = None) -> Job | None:
    """Start ``work(progress)`` on a worker thread; ``title`` is an English source text marked with ``N_``.
    None, after saying so, while another job is running."""
    running = current_job()
    if running is not None:
        QMessageBox.information(parent, _("Community Advisor"),
                                _("Wait until “{work}” has finished, or cancel it.").format(work=_(running.title)))
        return None
    job = Job(parent, title, work, on_success, on_failure, on_cancelled)
    job.start()
    return job


def wait_for(job: Job, timeout_s: float | None = None) -> bool:
    """Block the UI thread (events still delivered) until ``job`` has ended: for closing the window and
    for the command line's and tests' own use. True when it ended."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    job.finished.connect(loop.quit)
    if timeout_s is not None:
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    if job.is_running():
        loop.exec()
    return not job.is_running()


class ProgressWindow(QDialog):
    """The step, a bar with the count, and Cancel. Closing it (Escape, the title bar) is Cancel too."""

    def __init__(self, job: Job, parent: QWidget | None):
        super().__init__(parent)
        self.job = job
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold;")
        self.step = QLabel(self)
        self.step.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.count = QLabel(self)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(job.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.step)
        layout.addWidget(self.bar)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self._ended = False
        self.show_progress("", 0, -1)
        self.retranslate()

    def show_progress(self, step: str, done: int, total: int) -> None:
        self._shown = (step, done, total)
        self.step.setText(_(step) if step else _("Starting…"))
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.count.setText(_("{done} of {total}").format(done=formatting.number(done),
                                                             total=formatting.number(total)))
        else:
            self.bar.setRange(0, 0)  # a moving bar: how much is left is not known
            self.count.setText(formatting.number(done) if done else "")

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(_("Cancelling…"))

    def finish(self) -> None:
        self._ended = True
        self.close()

    def reject(self) -> None:
        """Escape or the title bar's close: Cancel, and the window goes when the work has stopped."""
        if self._ended:
            super().reject()
        else:
            self.job.cancel()

    def closeEvent(self, event) -> None:
        if self._ended:
            super().closeEvent(event)
        else:
            event.ignore()
            self.job.cancel()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Community Advisor"))
        self.heading.setText(_(self.job.title))
        self.show_progress(*self._shown)
        if self.job.cancel_requested():
            self.cancelling()
        else:
            self.cancel_button.setText(_("Cancel"))
