"""Helpers for tests that drive work the window runs in the background."""

from __future__ import annotations


def finished(qtbot, job, timeout=30_000):
    """Wait for a background job started by a window; its result (None when it was cancelled)."""
    assert job is not None
    qtbot.waitUntil(lambda: not job.is_running(), timeout=timeout)
    assert job.error is None, job.error
    return job.result
