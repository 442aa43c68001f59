"""The language is per thread of work (a ContextVar): a worker renders English while the window stays
Spanish, and a worker started in Spanish keeps Spanish when the window switches mid-job."""

from __future__ import annotations

import contextvars
import threading

from advisor_app import i18n
from advisor_app.i18n import _, current_language, set_language, speaking

SOURCE = "Cancel"  # in the catalog: "Cancelar"


def _in_thread(work, copy_context: bool = True):
    """Run ``work`` on a thread as the background helper does (in a copy of this thread's context)."""
    result = {}

    def run():
        result["value"] = work()

    target = contextvars.copy_context().run if copy_context else (lambda function: function())
    thread = threading.Thread(target=target, args=(run,))
    thread.start()
    thread.join()
    return result["value"]


def test_a_worker_speaks_english_while_the_window_stays_spanish():
    set_language("es")
    inside = threading.Event()
    go_on = threading.Event()
    seen = {}

    def worker():
        with speaking("en"):
            seen["worker"] = (_(SOURCE), current_language())
            inside.set()
            go_on.wait(5)
            seen["worker after"] = _(SOURCE)

    thread = threading.Thread(target=contextvars.copy_context().run, args=(worker,))
    thread.start()
    assert inside.wait(5)
    assert (_(SOURCE), current_language()) == ("Cancelar", "es")  # the window, while the worker speaks English
    go_on.set()
    thread.join()
    assert seen == {"worker": (SOURCE, "en"), "worker after": SOURCE}
    assert _(SOURCE) == "Cancelar"


def test_a_worker_started_in_spanish_keeps_spanish_when_the_window_switches():
    set_language("es")
    started = threading.Event()
    switched = threading.Event()
    seen = {}

    def worker():
        started.set()
        switched.wait(5)
        seen["after the switch"] = (_(SOURCE), current_language(), i18n.current_locale())

    thread = threading.Thread(target=contextvars.copy_context().run, args=(worker,))
    thread.start()
    assert started.wait(5)
    set_language("en")  # the person switches the window mid-job
    switched.set()
    thread.join()
    assert seen["after the switch"] == ("Cancelar", "es", "es_MX")
    assert _(SOURCE) == SOURCE and current_language() == "en"


def test_speaking_inside_a_worker_never_reaches_the_window():
    set_language("es")

    def worker():
        with speaking("en"):
            return _(SOURCE)

    assert _in_thread(worker) == SOURCE
    assert _(SOURCE) == "Cancelar"


def test_a_thread_that_copied_no_context_follows_the_apps_language():
    set_language("en")
    assert _in_thread(lambda: (current_language(), _(SOURCE)), copy_context=False) == ("en", SOURCE)
    set_language("es")
    assert _in_thread(lambda: (current_language(), _(SOURCE)), copy_context=False) == ("es", "Cancelar")
