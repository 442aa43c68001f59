"""The window stays responsive while a bundle is exported and imported at full scale.

Target (issue 12, "Long work in the background"): the UI thread never blocks longer than 100 ms during an
export or an import of the whole scale data file. Measured as the longest gap between ticks of a 10 ms
timer on the UI thread while the export window, and then the import window (its preview, then the
import itself, into an empty data file), run their work through ``ui/common/background.py`` with a
passphrase, as an advisor would. Before that helper the gap was the whole duration of each job.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.measure import Result, check, info, qt_app

LIMIT_MS = 100.0
TICK_MS = 10
PASSPHRASE = "clave del club 2026"


class Ticks:
    """Timestamps of a repeating timer on the UI thread; the largest gap is how long it was blocked."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.stamps: list[float] = []
        self.timer = QTimer(interval=TICK_MS)
        self.timer.timeout.connect(lambda: self.stamps.append(time.perf_counter()))

    def around(self, job) -> tuple[float, float, float]:
        """Run the event loop until ``job`` ends: (longest gap in ms, 99th percentile gap in ms, seconds
        the job took)."""
        from PySide6.QtCore import QEventLoop

        if job is None:
            raise RuntimeError("the window did not start its work")
        began = time.perf_counter()
        self.stamps = [began]
        loop = QEventLoop()
        job.finished.connect(loop.quit)
        self.timer.start()
        if job.is_running():
            loop.exec()
        self.timer.stop()
        ended = time.perf_counter()
        if job.state != "succeeded":
            raise RuntimeError(f"the job ended {job.state}: {job.error!r}")
        return (*self._gaps(self.stamps + [ended]), ended - began)

    def idle(self, seconds: float) -> tuple[float, float]:
        """The same gaps with no job running: what the machine itself costs (other programs, timers)."""
        from PySide6.QtCore import QEventLoop, QTimer

        self.stamps = [time.perf_counter()]
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        self.timer.start()
        loop.exec()
        self.timer.stop()
        return self._gaps(self.stamps + [time.perf_counter()])

    @staticmethod
    def _gaps(stamps: list[float]) -> tuple[float, float]:
        gaps = sorted((b - a) * 1000 for a, b in zip(stamps, stamps[1:]))
        return gaps[-1], gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))]


def run(path: Path) -> list[Result]:
    qt_app()
    from PySide6.QtWidgets import QDialogButtonBox

    from advisor_app.store.database import Store
    from advisor_app.ui.common.context import AppContext
    from advisor_app.ui.sync.export_dialog import ExportDialog
    from advisor_app.ui.sync.import_dialog import ImportDialog

    ticks = Ticks()
    idle_gap, idle_p99 = ticks.idle(3.0)
    with tempfile.TemporaryDirectory(prefix="advisor-responsive-") as folder:
        bundle = Path(folder) / "all.advbundle"
        source = Store.open(path, quick_check=False)
        try:
            people = source.counts()["people"]
            context = AppContext(source)
            export = ExportDialog(context)
            export.target.edit.setText(str(bundle))
            export.passphrase.setText(PASSPHRASE)
            export.repeat.setText(PASSPHRASE)
            export.show()
            export_gap, export_p99, export_seconds = ticks.around(export.run())
            export.close()
        finally:
            source.close()

        target = Store.open(Path(folder) / "empty.sqlite3")
        try:
            context = AppContext(target)
            dialog = ImportDialog(context)  # no file yet: nothing is read until one is chosen
            dialog.show()
            dialog.source.edit.setText(str(bundle))
            dialog.passphrase.setText(PASSPHRASE)
            dialog._preview_timer.stop()
            preview_gap, preview_p99, preview_seconds = ticks.around(dialog.preview())
            dialog.trust.setChecked(True)
            if not dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).isEnabled():
                raise RuntimeError("the preview did not offer the import: " + dialog.preview_text.text())
            import_gap, import_p99, import_seconds = ticks.around(dialog.apply())
            imported = target.counts()["people"]
            dialog.close()
        finally:
            target.close()
        if imported != people:
            raise RuntimeError(f"{imported} people imported of {people}")

    return [
        info("responsive: longest UI pause with no job (the machine's own noise)",
             f"{idle_gap:.1f} ms (99%: {idle_p99:.1f} ms)"),
        check(f"responsive: longest UI pause, export ({people:,} people, encrypted)", export_gap, LIMIT_MS, "ms"),
        info("responsive: export, 99% of pauses under / the export's own time",
             f"{export_p99:.1f} ms / {export_seconds:.1f} s"),
        check("responsive: longest UI pause, import preview", preview_gap, LIMIT_MS, "ms"),
        info("responsive: preview, 99% of pauses under / the preview's own time",
             f"{preview_p99:.1f} ms / {preview_seconds:.1f} s"),
        check("responsive: longest UI pause, import into an empty file", import_gap, LIMIT_MS, "ms"),
        info("responsive: import, 99% of pauses under / the import's own time",
             f"{import_p99:.1f} ms / {import_seconds:.1f} s"),
    ]


def main(argv: list[str] | None = None) -> int:
    """Standalone: ``python -m benchmarks.bench_responsiveness [--people N]`` makes its own scale data."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks.scale_data import generate

    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_responsiveness")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--organizations", type=int, default=10_000)
    parser.add_argument("--data", type=Path, help="an existing scale data file to use instead")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as folder:
        path = args.data or Path(folder) / "scale.sqlite3"
        if args.data is None:
            generate(path, args.people, args.organizations)
        for result in run(path):
            print(f"{result.name:<72} {result.measured:>12}  {result.target:>10}  {result.status}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
