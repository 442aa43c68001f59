"""Run every benchmark against a freshly generated data file and print one table.

The exit status is 0 even when targets fail, so ``make bench`` reports rather than breaks a build;
the last line says how many targets passed.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import argparse  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402

from benchmarks import (  # noqa: E402
    bench_agreement_pdf,
    bench_dashboard,
    bench_duplicates,
    bench_encrypted,
    bench_export,
    bench_finance,
    bench_generation,
    bench_plan_pdf,
    bench_responsiveness,
    bench_save,
    bench_search,
    bench_startup,
    bench_sync,
    bench_table,
    bench_table_import,
    bench_wizard,
)
from benchmarks.measure import Result, progress  # noqa: E402


def _aligned(rows: list[tuple[str, ...]]) -> str:
    """Rows of cells in left-aligned columns, the first row as the header, ruled below."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _table(results: list[Result]) -> str:
    rows = [("benchmark", "measured", "target", "status")]
    rows += [(result.name, result.measured, result.target, result.status) for result in results]
    return _aligned(rows)


# The benchmarks after generation, by the name --only takes, in the order they run.
_STEPS = ("search", "table", "export", "save", "startup", "dashboard", "sync", "responsiveness", "finance", "wizard",
          "plan-pdf", "agreement-pdf", "duplicates", "table-import", "encrypted")


def _side_by_side(small: list[Result], large: list[Result], sizes: tuple[str, str]) -> str:
    """The same benchmarks at two sizes, row by row (the steps give their rows in the same order), with how
    many times the larger size's figure is the smaller's where both are numbers."""
    rows = [("benchmark", sizes[0], sizes[1], "× larger", "target", "status")]
    for first, second in zip(small, large):
        ratio = "-"
        a, b = _number(first.measured), _number(second.measured)
        if a and b is not None:
            ratio = f"{b / a:.2f}"
        rows.append((first.name, first.measured, second.measured, ratio, second.target, second.status))
    return _aligned(rows)


def _number(measured: str) -> float | None:
    head = measured.split(" ", 1)[0].replace(",", "")
    try:
        return float(head)
    except ValueError:
        return None


def _run(people: int, organizations: int, seed: int, only: list[str] | None) -> list[Result]:
    """Generate a data file of this size, then run the benchmarks on it."""
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as folder:
        path = Path(folder) / "scale.sqlite3"
        steps = [
            (f"generating {organizations:,} organizations and {people:,} people",
             lambda: bench_generation.run(path, people, organizations, seed)),
            ("search as you type", lambda: bench_search.run(path)),
            ("people list in a table view", lambda: bench_table.run(path)),
            ("the people list exported to XLSX and CSV", lambda: bench_export.run(path)),
            ("saving one field", lambda: bench_save.run(path)),
            ("main window start-up against a bare window", lambda: bench_startup.run(path)),
            ("home dashboard and competency map with 5,000 workshops", lambda: bench_dashboard.run(path)),
            ("sync bundles: export, import, size, memory, a peer",
             lambda: bench_sync.run(path, people, organizations, seed)),
            ("a responsive window during a full export and import", lambda: bench_responsiveness.run(path)),
            ("business-plan finance: recompute a 10-year model", bench_finance.run),
            ("business-plan wizard: page moves and live figures", bench_wizard.run),
            ("business-plan PDF: print the demo's complete plan", bench_plan_pdf.run),
            ("agreement PDF: one language, side by side, fresh process, a batch", bench_agreement_pdf.run),
            ("possible duplicates after a bundle of 10,000 people", lambda: bench_duplicates.run(path)),
            ("spreadsheet import: preview of 10,000 rows", lambda: bench_table_import.run(path)),
            ("a file protected by a passphrase against the same file plain", lambda: bench_encrypted.run(path)),
        ]
        if only:
            steps = steps[:1] + [step for key, step in zip(_STEPS, steps[1:]) if key in only]
        for title, step in steps:
            progress(f"{title}…")
            try:
                results += step()
            except Exception:
                traceback.print_exc()
                results.append(Result(title, "error (traceback above)", "-", False))
                if not path.exists():
                    break
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--organizations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20251125)
    parser.add_argument("--only", action="append", choices=sorted(_STEPS), metavar="NAME",
                        help="run only these benchmarks after generating the data (repeatable): "
                             + ", ".join(sorted(_STEPS)))
    parser.add_argument("--beside", type=int, metavar="PEOPLE",
                        help="run the same benchmarks again with this many people (and organizations in the same "
                             "proportion) and print both sizes side by side, e.g. --beside 1000000")
    args = parser.parse_args(argv)
    if args.people < 1_000 or args.organizations < 10:
        parser.error("use at least 1000 people and 10 organizations")

    began = time.perf_counter()
    results = _run(args.people, args.organizations, args.seed, args.only)
    if args.beside:
        organizations = max(10, args.organizations * args.beside // args.people)
        larger = _run(args.beside, organizations, args.seed, args.only)
        print(_side_by_side(results, larger, (f"{args.people:,} people", f"{args.beside:,} people")))
        results = larger
    else:
        print(_table(results))
    judged = [result for result in results if result.passed is not None]
    failed = [result.name for result in judged if not result.passed]
    size = args.beside or args.people
    print(f"\nSUMMARY: {len(judged) - len(failed)} of {len(judged)} targets passed"
          + (f"; FAILED: {'; '.join(failed)}" if failed else "")
          + f" ({size:,} people, {time.perf_counter() - began:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
