"""Result rows, timing and memory helpers shared by the benchmark modules."""

from __future__ import annotations

import os
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class Result:
    """One printed line. ``passed`` is None for informational lines and skipped measurements."""

    name: str
    measured: str
    target: str = "-"
    passed: bool | None = None
    skipped: bool = False

    @property
    def status(self) -> str:
        if self.skipped:
            return "SKIP"
        if self.passed is None:
            return "info"
        return "PASS" if self.passed else "FAIL"


def check(name: str, value: float, limit: float, unit: str, higher_is_better: bool = False,
          digits: int = 2) -> Result:
    passed = value >= limit if higher_is_better else value < limit
    sign = ">=" if higher_is_better else "<"
    return Result(name, f"{value:,.{digits}f} {unit}", f"{sign} {limit:,g} {unit}", passed)


def info(name: str, measured: str) -> Result:
    return Result(name, measured)


def skipped(name: str, reason: str, target: str = "-") -> Result:
    return Result(name, reason, target, None, skipped=True)


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def rss_mib() -> float | None:
    """Current resident set size. Without /proc or psutil, ru_maxrss (the peak) is the best available."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import psutil  # type: ignore[import-not-found]

        return psutil.Process().memory_info().rss / 1024 / 1024
    except ImportError:
        pass
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


def _qt_message(_mode, _context, message: str) -> None:
    """The offscreen plugin warns about size hints on every window shown; that is noise in the report."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def qt_app():
    """The one QApplication of this process (Qt allows only one)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    qInstallMessageHandler(_qt_message)
    return QApplication(["benchmarks"])


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
