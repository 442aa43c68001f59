"""Sync bundles at scale: export and import rates, bundle size, memory that stays flat, and what a
peer is sent.

Targets (issue 11, "Speed"): full export >= 50,000 records/s; import into an empty data file
>= 30,000/s; of a bundle already held >= 100,000/s; at most 100 bytes a record in the bundle; memory
flat with bundle size (importing the whole bundle needs little more of Python's memory than importing
one of a tenth of its size, made the same way from a tenth of the data); computing what to send a peer
< 1 s.

Each import runs in a process of its own, so its peak resident memory is its own.

Measured 2026-12-05 on a 2-core machine shared with other work (wall-clock figures vary with its load):

                                     100,000 people (idle)       1,000,000 people (loaded)
    export                           79,857 records/s            46,797 records/s
    bundle size                      66.8 bytes/record           66.6 bytes/record
    import into an empty file        23,653 records/s            13,396 records/s (14,116 per CPU second)
    import of a bundle already held  161,330 records/s           155,909 records/s
    Python's peak, whole / tenth     24.8 / 8.2 MiB              26.3 / 24.4 MiB
    resident peak, whole / tenth     146 / 75 MiB                243 / 243 MiB
    what to send a peer (100 edits)  0.03 s                      0.29 s

Import into an empty file stays below its target: at 100,000 people about two thirds of its time is
SQLite writing rows, the change log and their indexes; at 1,000,000 the random keys of those indexes
no longer fit the bounded page cache. The fold cache of names (65,536 entries) is most of Python's peak.

Later the same day the registry's CURP check went through python-stdnum's character walk (twice per
person: the field, then the CURP against the birth date), and import into an empty file at 100,000
people fell to 15,000-19,000 records/s. A key already written compact skips that walk, and a CURP and
birth date that agree are not parsed again: 20,000-21,000 records/s (medians of three interleaved runs,
17,986 before, 20,823 after, an idle machine). Sampled (py-spy), the import is then 41 % SQLite (table
rows and their indexes 22 %, the change log 8 %, the search index 4 %, the reference check 4 %, commit
2 %) and the rest Python spread thin: validating values 20 %, reading the zip and decoding lines 9 %,
digests and the chain 5 %. A page cache of 256 MiB instead of 64 gained nothing beyond the noise.
At 1,000,000 people (2,751,234 records, the test suite running beside it): 347 s, 7,919 records/s,
12,004 per CPU second, resident peak 160 MiB against 150 MiB for the 100,000-people bundle.

Tried on 2026-12-06 for import into an empty file, and left out (100,000 people; the same machine gave
12.9-18 s for the unchanged import that day, so only large gains would show): reading the changes a
megabyte at a time instead of a line at a time (0.09 s of 13); building the secondary indexes after the
rows instead of row by row (about 1 s, but the change log's index by record is needed during the merge);
decoding and checking lines on a second thread (slower, 14.3 s against 12.9: Python's sqlite3 releases
and takes back the global lock around every row it writes, so the two threads queue for it). What is
left is CPython's own speed: decoding JSON 1.0 s, the shape of each line 0.8 s, the field rules 2.9 s,
merging 1.5 s, SQLite about 6 s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from advisor_app.store.database import BULK_CACHE_KIB, Store
from advisor_app.store.repository import Repository
from advisor_app.sync import export as bundle_export
from advisor_app.sync.export import export_bundle
from advisor_app.sync.importer import run_import
from benchmarks import scale_data
from benchmarks.measure import Result, check, info, progress

EXPORT_PER_SECOND = 50_000
IMPORT_EMPTY_PER_SECOND = 30_000
IMPORT_HELD_PER_SECOND = 100_000
BYTES_PER_RECORD = 100
FLAT_MEMORY_MIB = 25
PEER_SECONDS = 1.0
PEER_EDITS = 100

# The bench imports as the GUI does once a person compared the fingerprint (``trust=True``). With
# "traced", Python's own allocations are followed (tracemalloc): what grows with the bundle shows there,
# apart from SQLite's page cache, which is bounded (``Store.bulk_cache``) but larger than a small file.
_CHILD_IMPORT = """
import json, os, resource, sys, time, tracemalloc
from advisor_app.store.database import BULK_CACHE_KIB, Store
from advisor_app.sync.importer import run_import
traced = sys.argv[3] == "traced"
key = os.environ.get("ADVISOR_BENCH_KEY")
store = Store.open(sys.argv[2], key=bytes.fromhex(key) if key else None)
if traced:
    tracemalloc.start()
began, cpu = time.perf_counter(), time.process_time()
report = run_import(store, sys.argv[1], dry_run=False, trust=True)
seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
heap = tracemalloc.get_traced_memory()[1] / 1024 / 1024 if traced else 0.0
store.close()
print(json.dumps({"seconds": seconds, "cpu": cpu, "received": report.stats.received, "heap_mib": heap,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def child_import(bundle: Path, target: Path, traced: bool = False, key: bytes | None = None) -> dict:
    """``bundle`` imported into a new data file at ``target``, encrypted under ``key`` when given."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    env = {**os.environ, "ADVISOR_BENCH_KEY": key.hex() if key else ""}
    result = subprocess.run([sys.executable, "-c", _CHILD_IMPORT, str(bundle), str(target),
                             "traced" if traced else "timed"], env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "import failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _timed_export(path: Path, out: Path, **options) -> tuple[float, int, int]:
    """(seconds, records in the data file's change log, lines written)."""
    store = Store.open(path, quick_check=False)
    try:
        records = store.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
        began = time.perf_counter()
        result = export_bundle(store, out, **options)
        return time.perf_counter() - began, records, result.changes
    finally:
        store.close()


def _peer_figures(path: Path, peer: str) -> tuple[float, float, int]:
    """A peer that holds everything but the last ``PEER_EDITS`` edits made here: (seconds to work out
    what it lacks, seconds for the whole bundle for it, entries sent)."""
    store = Store.open(path, quick_check=False)
    try:
        repository = Repository(store)
        ids = [row_id for (row_id,) in store.conn.execute(
            "SELECT id FROM organizations WHERE deleted = 0 ORDER BY rowid LIMIT ?", (PEER_EDITS,))]
        for number, row_id in enumerate(ids):
            repository.update("organizations", row_id, {"notes": f"Revisado en la oficina ({number})"})
        began = time.perf_counter()
        bundle_export.contains_personal_data(store, peer=peer)
        computing = time.perf_counter() - began
        began = time.perf_counter()
        result = export_bundle(store, path.parent / "peer.advbundle", peer=peer)
        return computing, time.perf_counter() - began, result.changes
    finally:
        store.close()


def run(path: Path, people: int = 100_000, organizations: int = 10_000, seed: int = 20251125) -> list[Result]:
    folder = path.parent
    progress("  full export")
    export_seconds, records, lines = _timed_export(path, folder / "all.advbundle")
    size = (folder / "all.advbundle").stat().st_size

    progress("  import into an empty data file")
    full = child_import(folder / "all.advbundle", folder / "copy.sqlite3")

    # A tenth: a data file made the same way from a tenth of the people and organizations, exported whole.
    progress("  a tenth of the data: generate, export, import")
    small = folder / "tenth" / "scale.sqlite3"
    small.parent.mkdir(exist_ok=True)
    scale_data.generate(small, people=max(people // 10, 100), organizations=max(organizations // 10, 10), seed=seed)
    _timed_export(small, folder / "tenth.advbundle")
    tenth = child_import(folder / "tenth.advbundle", folder / "small.sqlite3")
    progress("  Python's memory while importing, whole and tenth (tracemalloc)")
    full_heap = child_import(folder / "all.advbundle", folder / "traced.sqlite3", traced=True)["heap_mib"]
    tenth_heap = child_import(folder / "tenth.advbundle", folder / "traced.sqlite3", traced=True)["heap_mib"]
    (folder / "traced.sqlite3").unlink()

    progress("  import of a bundle already held")
    copy = Store.open(folder / "copy.sqlite3", quick_check=False)
    try:
        export_bundle(copy, folder / "back.advbundle")
        copy_device = copy.device_id
    finally:
        copy.close()
    source = Store.open(path, quick_check=False)
    try:
        began = time.perf_counter()
        report = run_import(source, folder / "back.advbundle", dry_run=False, trust=True)
        known_seconds = time.perf_counter() - began
    finally:
        source.close()

    progress(f"  a peer that lacks {PEER_EDITS} edits")
    computing, peer_seconds, peer_lines = _peer_figures(path, copy_device)

    return [
        check(f"sync: full export ({records:,} records)", records / export_seconds, EXPORT_PER_SECOND, "records/s",
              higher_is_better=True, digits=0),
        check("sync: bundle size", size / max(lines, 1), BYTES_PER_RECORD, "bytes/record", digits=1),
        check(f"sync: import into an empty data file ({full['received']:,})", full["received"] / full["seconds"],
              IMPORT_EMPTY_PER_SECOND, "records/s", higher_is_better=True, digits=0),
        check(f"sync: import of a bundle already held ({report.stats.received:,})",
              report.stats.received / known_seconds, IMPORT_HELD_PER_SECOND, "records/s",
              higher_is_better=True, digits=0),
        check("sync: Python's peak memory importing the whole bundle minus one of a tenth",
              full_heap - tenth_heap, FLAT_MEMORY_MIB, "MiB", digits=1),
        info("sync: Python's peak memory (tracemalloc), whole / tenth",
             f"{full_heap:.1f} MiB ({full['received']:,}) / {tenth_heap:.1f} MiB ({tenth['received']:,})"),
        info("sync: peak resident memory of the process, whole / tenth",
             f"{full['peak_mib']:.0f} MiB / {tenth['peak_mib']:.0f} MiB (SQLite's page cache is up to "
             f"{BULK_CACHE_KIB // 1024} MiB of it)"),
        check(f"sync: computing what to send a peer that lacks {PEER_EDITS} edits", computing, PEER_SECONDS, "s"),
        check(f"sync: the whole bundle for that peer ({peer_lines} entries)", peer_seconds, PEER_SECONDS, "s"),
        info("sync: export and import times",
             f"export {export_seconds:.1f} s, {size / 1024 / 1024:.1f} MiB; import into an empty file "
             f"{full['seconds']:.1f} s ({full['received'] / full['cpu']:,.0f} records per CPU second); already held "
             f"{known_seconds:.1f} s"),
    ]
