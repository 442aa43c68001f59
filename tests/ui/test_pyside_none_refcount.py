"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every Qt call that returns nothing and
aborts after a few thousand calls. This fails if the installed PySide6 leaks None that way."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_none_refcount_is_stable_across_a_thousand_qt_calls(qapp):
    label = QLabel()
    label.setText("warm-up")
    before = sys.getrefcount(None)
    for number in range(1000):
        label.setText(str(number))  # returns nothing
    drift = before - sys.getrefcount(None)
    assert drift < 100, f"None lost {drift} references across 1000 Qt calls"
