"""Target 1: people written through ``Repository.insert_many`` at registry scale.

Only the ``insert_many`` calls for people are timed; building the input rows and writing
organizations and memberships are reported separately as information.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks import scale_data
from benchmarks.measure import Result, check, info, progress

PEOPLE_PER_SECOND = 20_000
BATCH = 5_000


def run(path: Path, people: int, organizations: int, seed: int) -> list[Result]:
    began = time.perf_counter()
    step = max(people // 5, BATCH)
    report = scale_data.generate(
        path, people=people, organizations=organizations, batch=BATCH, seed=seed,
        progress=lambda done: progress(f"  {done:,} people written") if done % step == 0 or done == people else None)
    total = time.perf_counter() - began
    size = sum(part.stat().st_size for part in path.parent.glob(path.name + "*")) / 1024 / 1024
    return [
        check(f"generation: people via insert_many (batches of {BATCH:,})", report.rate("people"),
              PEOPLE_PER_SECOND, "people/s", higher_is_better=True, digits=0),
        info("generation: organizations via insert_many",
             f"{report.organizations:,} at {report.rate('organizations'):,.0f}/s"),
        info("generation: memberships via insert_many",
             f"{report.memberships:,} ({report.memberships / max(report.people, 1):.2f}/person) "
             f"at {report.rate('memberships'):,.0f}/s"),
        info("generation: whole data file", f"{total:.1f} s, {size:,.0f} MiB, {report.localities} localities"),
    ]
