"""Sync bundles at scale: export and import rates, bundle size, and memory that stays flat.

Targets (issue "Sync bundles"): full export >= 50,000 records/s; import into an empty database
>= 30,000/s; into one that already has them all >= 100,000/s; at most 100 bytes a record; memory
flat with bundle size (a bundle ten times larger must not need much more memory to import).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from advisor_app.store.database import Store
from advisor_app.sync.export import export_bundle
from advisor_app.sync.importer import run_import
from benchmarks.measure import Result, check, info

_CHILD_IMPORT = """
import json, resource, sys, time
from advisor_app.store.database import Store
from advisor_app.sync.importer import run_import
store = Store.open(sys.argv[2])
began = time.perf_counter()
report = run_import(store, sys.argv[1], dry_run=False, trust=True)
seconds = time.perf_counter() - began
store.close()
print(json.dumps({"seconds": seconds, "received": report.stats.received,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _child_import(bundle: Path, target: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", _CHILD_IMPORT, str(bundle), str(target)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(path: Path) -> list[Result]:
    folder = path.parent
    source = Store.open(path, quick_check=False)
    try:
        records = source.counts()["change_log"]
        began = time.perf_counter()
        export_bundle(source, folder / "all.advbundle")
        export_seconds = time.perf_counter() - began
        size = (folder / "all.advbundle").stat().st_size
        organization_ids = [row_id for (row_id,) in source.conn.execute(
            "SELECT id FROM organizations WHERE deleted = 0 ORDER BY rowid LIMIT ?",
            (max(1, source.counts()["organizations"] // 10),))]
        export_bundle(source, folder / "tenth.advbundle", organization_ids=organization_ids)
    finally:
        source.close()

    full = _child_import(folder / "all.advbundle", folder / "copy.sqlite3")
    tenth = _child_import(folder / "tenth.advbundle", folder / "small.sqlite3")

    copy = Store.open(folder / "copy.sqlite3", quick_check=False)
    try:
        export_bundle(copy, folder / "back.advbundle")
    finally:
        copy.close()
    source = Store.open(path, quick_check=False)
    try:
        began = time.perf_counter()
        report = run_import(source, folder / "back.advbundle", dry_run=False, trust=True)
        known_seconds = time.perf_counter() - began
    finally:
        source.close()

    return [
        check(f"sync: full export ({records:,} records)", records / export_seconds, 50_000, "records/s",
              higher_is_better=True, digits=0),
        check("sync: bundle size", size / records, 100, "bytes/record", digits=1),
        check("sync: import into an empty database", full["received"] / full["seconds"], 30_000, "records/s",
              higher_is_better=True, digits=0),
        check("sync: import into one that has them all", report.stats.received / known_seconds, 100_000,
              "records/s", higher_is_better=True, digits=0),
        check("sync: peak memory, full bundle minus a tenth of it",
              full["peak_mib"] - tenth["peak_mib"], 25, "MiB", digits=1),
        info("sync: peak memory of the import, full / tenth",
             f"{full['peak_mib']:.0f} MiB ({full['received']:,}) / {tenth['peak_mib']:.0f} MiB "
             f"({tenth['received']:,})"),
    ]
