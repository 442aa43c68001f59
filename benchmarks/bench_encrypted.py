"""A data file protected by a passphrase against the same file plain, measured in the same run.

Targets (issue "A stolen laptop reveals nothing", "Speed"): on the scale data set the write path,
search, list paint, bundle import and dashboard of the encrypted file within 1.3x of the plain file's;
opening the encrypted file, key derivation included, < 1 s.

Both files are written out from the scale file the same way (the plain one by ``VACUUM INTO``, the
encrypted one by ``protection.protect``, which writes a new file with ``sqlcipher_export``), so neither
is more compact than the other. Every figure alternates plain and encrypted, round after round, and
compares medians: the machine is shared and its load drifts. The list's first paint, the dashboard and
the import into an empty file run in child processes, so each starts with a cold page cache as the app
does when it opens a file. Opening is measured as the app opens a file of this size: the passphrase
unseals the key (scrypt), then ``Store.open`` without the up-front quick check (ui/shell/app.py checks
files above 32 MiB in the background). Saves and search are also timed on a third copy, plain, through
SQLCipher's driver without a key: it parts what encryption costs from what the other driver and its
newer SQLite (3.50 against Python's 3.40) cost.

Measured 2026-12-06 at 100,000 people on a 2-core machine loaded by other work (load 7-9), medians,
encrypted / plain, before and after the encrypted connection's page cache (store/cipher.py):

                                           SQLCipher's 8 MiB cache    256 MiB cache
    opening, passphrase included           0.31 s (key 0.23)          0.81 s (key 0.87)
    save, Repository.update of one field   2.47x (0.24 / 0.10 ms)     2.72x (0.33 / 0.12 ms)
    search_names, first 50                 1.48x (0.07 / 0.05 ms)     1.47x; 0.91x of the plain file
                                                                      through SQLCipher's driver
    people list search, count + page       0.70x                      0.34x
    people list first paint, cold          1.37x (41 / 30 ms)         0.86x (111 / 129 ms)
    home page first paint, cold            1.09x                      1.06x
    home page paint, warm                  2.17x (133 / 61 ms)        0.72x (121 / 168 ms)
    competency map, largest organization   2.03x (220 / 109 ms)       1.06x (201 / 190 ms)
    import into an empty file              0.69x                      0.90x
    import of a bundle already held        0.84x                      1.21x

A later ``make bench --only encrypted`` under a heavier load (the data generated at 3,246 people/s
against 20,000 idle) gave, with the 256 MiB cache: opening 0.99 s (the key 0.93 s of it), save 2.55x,
search_names 1.71x (1.12x of the plain file through SQLCipher's driver), people list search 0.58x, list
first paint 1.23x, home page cold 1.44x (530 / 367 ms) and warm 0.92x, competency map 1.03x, both
imports 1.00x. The cold figures read every page once from the file, and that first decryption is paid
whatever the cache: they move with the load from one run to the next (home page cold 1.06-1.44x).

A plain file's pages come back from the system's file cache for the price of a copy; an encrypted
file's are checked (HMAC-SHA512) and decrypted again at every miss of SQLite's own cache, so reading
the same pages twice costs twice. The home page's figures and the competency map read more than 8 MiB
of pages; with the cache holding them they cost what the plain file's do. The cache grows only with
what is read: resident memory after the home page's paints 146 MiB encrypted, 114 MiB plain.
Counting the changes not yet exported (once after the first paint and after each sync) reads the whole
change log: 0.94 s encrypted against 0.19 s plain at every count with the 8 MiB cache; with 256 MiB as
fast as plain from the second count on (the first reads and decrypts every page once).

The save stays near 2.5x. It rewrites about 5.4 pages a save (WAL frames), each encrypted with a new
IV and its HMAC, and reads index pages at random places that are seldom cached. Measured apart
(alternating, 4 x 200 saves each): the same records saved a second time, every page cached, 1.64-1.73x
(0.16 / 0.095 ms); the plain file through SQLCipher's driver 1.14-1.18x of Python's sqlite3. Tried:
``cipher_memory_security`` is already off by default in SQLCipher 4.19 (measured: 0); a 64 MiB cache
and ``temp_store = MEMORY`` changed nothing beyond the noise (0.22 against 0.21-0.25 ms); a file made
with HMAC-SHA256 instead of SHA-512 (the CPU has SHA extensions) 0.20-0.25 ms, no gain, and it would
make files protected before unreadable; the HMAC turned off, measured only, 0.15-0.19 ms: a fifth of
the extra cost, kept on, since it is what detects a damaged or altered page. Page size was not tried:
files protected before have 4,096-byte pages (``connect`` would have to tell both apart), and larger
pages would encrypt more bytes for each page a save touches. Search by name is a handful of page reads:
what remains of its 1.5x is the driver, not encryption.

    python -m benchmarks.bench_encrypted [SCALE_FILE]
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlcipher3

from advisor_app.store import cipher, protection
from advisor_app.store.database import Store
from advisor_app.store.repository import Repository
from advisor_app.sync.export import export_bundle
from advisor_app.sync.importer import run_import
from benchmarks import bench_dashboard, bench_save, bench_search, bench_sync
from benchmarks.measure import Result, check, info, progress, qt_app, rss_mib

RATIO_LIMIT = 1.3
OPEN_LIMIT_S = 1.0
PASSPHRASE = "semillas del valle 2026"
ROUNDS = 5
SAVES_PER_ROUND = 200
IMPORT_ROUNDS = 3
KEY_VARIABLE = "ADVISOR_BENCH_KEY"


def _ms(value: float) -> str:
    """Three figures for a fraction of a millisecond, whole milliseconds for seconds."""
    return f"{value:,.{3 if value < 10 else 1 if value < 1000 else 0}f} ms"


def _ratio(name: str, encrypted_ms: float, plain_ms: float, detail: str = "") -> Result:
    ratio = encrypted_ms / plain_ms
    result = check(name, ratio, RATIO_LIMIT, "x")
    result.measured = f"encrypted {_ms(encrypted_ms)} / plain {_ms(plain_ms)} = {ratio:.2f} x" + detail
    return result


def _alternating(rounds: int, *actions) -> tuple[list, ...]:
    """Each action called in turn, ``rounds`` times each, a different one first every round; the results of
    each, in order."""
    results: tuple[list, ...] = tuple([] for _ in actions)
    for number in range(rounds):
        for index in range(len(actions)):
            turn = (index + number) % len(actions)
            results[turn].append(actions[turn]())
    return results


def _timed(action) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def make_pair(source: Path, folder: Path, *others: str) -> tuple[Path, Path, bytes]:
    """A plain and an encrypted copy of ``source`` in ``folder``, and more plain ones named ``others``:
    (plain, encrypted, data key)."""
    plain, encrypted = folder / "plain.sqlite3", folder / "encrypted.sqlite3"
    for target in (plain, encrypted, *(folder / name for name in others)):
        conn = sqlite3.connect(source)
        try:
            conn.execute("VACUUM INTO ?", (str(target),))
        finally:
            conn.close()
    protection.protect(encrypted, PASSPHRASE)
    return plain, encrypted, cipher.data_key_for(encrypted, PASSPHRASE)


# In this process ------------------------------------------------------------------------------------
def _opening(plain: Path, encrypted: Path) -> list[Result]:
    def opened(path: Path, passphrase: str | None) -> float:
        began = time.perf_counter()
        store = Store.open(path, passphrase, quick_check=False)
        elapsed = (time.perf_counter() - began) * 1000
        store.close()
        return elapsed

    plains, encrypteds = _alternating(ROUNDS, lambda: opened(plain, None), lambda: opened(encrypted, PASSPHRASE))
    key_ms = statistics.median(_timed(lambda: cipher.data_key_for(encrypted, PASSPHRASE)) for _ in range(ROUNDS))
    encrypted_ms, plain_ms = statistics.median(encrypteds), statistics.median(plains)
    return [
        check("encrypted: opening the file, passphrase to open Store (median)", encrypted_ms / 1000, OPEN_LIMIT_S,
              "s", digits=3),
        info("encrypted: opening, encrypted / plain / of it the key from the passphrase",
             f"{encrypted_ms:.0f} / {plain_ms:.0f} / {key_ms:.0f} ms"),
    ]


def _driver_only(path: Path) -> Store:
    """A plain file through SQLCipher's driver and engine without a key: what the driver and its newer
    SQLite cost, apart from encryption (the app opens a plain file with Python's sqlite3)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = NORMAL"):
        conn.execute(f"PRAGMA {pragma}")
    return Store(path, conn)


def _same_engine(label: str, encrypted_ms: float, driver_ms: float) -> Result:
    return info(f"encrypted: {label}, against a plain file through SQLCipher's driver",
                f"{_ms(driver_ms)}, so encryption alone is {encrypted_ms / driver_ms:.2f} x")


def _saves(plain: Store, encrypted: Store, driver: Store) -> list[Result]:
    rnd = random.Random(4)
    ids = [row_id for (row_id,) in plain.conn.execute("SELECT id FROM people WHERE deleted = 0")]
    chosen = rnd.sample(ids, SAVES_PER_ROUND * ROUNDS * 3)
    batches = iter([chosen[start:start + SAVES_PER_ROUND] for start in range(0, len(chosen), SAVES_PER_ROUND)])
    runs = _alternating(ROUNDS, *(lambda store=store: bench_save._timed_saves(Repository(store), next(batches), rnd)
                                  for store in (plain, encrypted, driver)))
    plain_ms, encrypted_ms, driver_ms = (statistics.median(t for batch in batches_of for t in batch) * 1000
                                         for batches_of in runs)
    return [_ratio(f"encrypted: save, Repository.update of one field (median of {SAVES_PER_ROUND * ROUNDS:,})",
                   encrypted_ms, plain_ms),
            _same_engine("save", encrypted_ms, driver_ms)]


def _search(plain: Store, encrypted: Store, driver: Store) -> list[Result]:
    runs = _alternating(ROUNDS, *(lambda store=store: bench_search.timed_prefixes(store.conn)
                                  for store in (plain, encrypted, driver)))

    def median_of(which: int) -> list[float]:
        return [statistics.median(ms for run in runs_of for ms in run[which].values()) for runs_of in runs]

    (quick_plain, quick_encrypted, quick_driver), (list_plain, list_encrypted, list_driver) = median_of(0), median_of(1)
    return [
        _ratio("encrypted: search, search_names first 50 (median of prefixes and rounds)",
               quick_encrypted, quick_plain),
        _same_engine("search_names", quick_encrypted, quick_driver),
        _ratio("encrypted: search, people list capped count + first page (median)", list_encrypted, list_plain),
        _same_engine("people list search", list_encrypted, list_driver),
    ]


def _bundles(folder: Path, plain: Path) -> tuple[Path, Path]:
    """The bundle of everything in ``plain``, and one of all of it exported by another laptop that imported
    it. Made before either copy is edited: both copies then hold everything the second one carries."""
    bundle, back, other = folder / "all.advbundle", folder / "back.advbundle", folder / "other.sqlite3"
    store = Store.open(plain, quick_check=False)
    try:
        export_bundle(store, bundle)
    finally:
        store.close()
    bench_sync.child_import(bundle, other)
    store = Store.open(other, quick_check=False)
    try:
        export_bundle(store, back)
    finally:
        store.close()
    return bundle, back


def _imports(folder: Path, plain: Path, encrypted: Path, key: bytes, bundle: Path, back: Path) -> list[Result]:
    progress(f"  import into an empty file, {IMPORT_ROUNDS} rounds of each")
    empties = _alternating(IMPORT_ROUNDS, lambda: bench_sync.child_import(bundle, folder / "empty-plain.sqlite3"),
                           lambda: bench_sync.child_import(bundle, folder / "empty-encrypted.sqlite3", key=key))
    received = empties[0][0]["received"]
    plain_s, encrypted_s = (statistics.median(run["seconds"] for run in runs) for runs in empties)

    def held(path: Path, data_key: bytes | None) -> float:
        store = Store.open(path, quick_check=False, key=data_key)
        try:
            began = time.perf_counter()
            run_import(store, back, dry_run=False, trust=True)
            return (time.perf_counter() - began) * 1000
        finally:
            store.close()

    progress(f"  import of a bundle already held, {ROUNDS} rounds of each")
    helds = _alternating(ROUNDS, lambda: held(plain, None), lambda: held(encrypted, key))
    return [
        _ratio(f"encrypted: import into an empty file ({received:,} records)", encrypted_s * 1000, plain_s * 1000,
               f" ({received / encrypted_s:,.0f} / {received / plain_s:,.0f} records/s)"),
        _ratio("encrypted: import of a bundle already held", statistics.median(helds[1]),
               statistics.median(helds[0])),
    ]


# In child processes: a cold page cache ------------------------------------------------------------------
def _child(kind: str, path: Path, key: bytes | None, *args: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", KEY_VARIABLE: key.hex() if key else ""}
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench_encrypted", "--child", kind, str(path), *args],
                          env=env, cwd=root, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"encrypted benchmark child failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child_measure(kind: str, path: Path, args: list[str]) -> dict:
    from advisor_app.ui.common.language import LanguageSwitcher

    app = qt_app()
    switcher = LanguageSwitcher(app)
    switcher.apply("es")
    key = os.environ.get(KEY_VARIABLE)
    if kind == "table":
        from advisor_app.domain.catalog import mexico

        from benchmarks.bench_table import first_paint_of

        mexico()
        store = Store.open(path, quick_check=False, key=bytes.fromhex(key) if key else None)
        try:
            _model, view, first_paint = first_paint_of(app, store)
            view.close()
            return {"first_paint": first_paint, "rss": rss_mib()}
        finally:
            store.close()
    from advisor_app.store import training
    from advisor_app.ui.common.context import AppContext

    today, large = dt.date.fromisoformat(args[0]), args[1]
    store = Store.open(path, quick_check=False, key=bytes.fromhex(key) if key else None)
    try:
        context = AppContext(store, switcher)
        page, first_paint = bench_dashboard._paint(app, context, today)
        bench_dashboard._close(app, page)
        warm = []
        for _ in range(bench_dashboard.REPEAT):
            page, ms = bench_dashboard._paint(app, context, today)
            warm.append(ms)
            bench_dashboard._close(app, page)
        competency = statistics.median(_timed(lambda: training.competency_map_of(store.conn, large))
                                       for _ in range(bench_dashboard.REPEAT))
        return {"first_paint": first_paint, "warm": statistics.median(warm), "competency": competency,
                "rss": rss_mib()}
    finally:
        store.close()


def _list_paint(plain: Path, encrypted: Path, key: bytes) -> list[Result]:
    plains, encrypteds = _alternating(ROUNDS, lambda: _child("table", plain, None)["first_paint"],
                                      lambda: _child("table", encrypted, key)["first_paint"])
    return [_ratio(f"encrypted: people list first paint, cold (median of {ROUNDS} processes)",
                   statistics.median(encrypteds), statistics.median(plains))]


def _dashboard(folder: Path, plain: Path) -> list[Result]:
    progress("  workshops, sessions and plans added as bench_dashboard adds them")
    work = folder / "dashboard"
    work.mkdir()
    training_file = work / "training.sqlite3"
    bench_dashboard.copy_file(plain, training_file)
    today = dt.date.today()
    store = Store.open(training_file, quick_check=False)
    try:
        added = bench_dashboard.add_training(store, today)
    finally:
        store.close()
    plain_dashboard, encrypted_dashboard, key = make_pair(training_file, work)
    args = (today.isoformat(), added["large"])
    plains, encrypteds = _alternating(ROUNDS, lambda: _child("dashboard", plain_dashboard, None, *args),
                                      lambda: _child("dashboard", encrypted_dashboard, key, *args))

    def median_of(runs: list[dict], name: str) -> float:
        return statistics.median(run[name] for run in runs)

    results = [_ratio(f"encrypted: {title}", median_of(encrypteds, name), median_of(plains, name))
               for title, name in (("dashboard first paint, cold (median of processes)", "first_paint"),
                                   ("dashboard paint of a new page, warm", "warm"),
                                   ("competency map of the largest organization, warm", "competency"))]
    if plains[0]["rss"] is not None:
        results.append(info("encrypted: resident memory after the dashboard's paints, encrypted / plain",
                            f"{median_of(encrypteds, 'rss'):.0f} / {median_of(plains, 'rss'):.0f} MiB"))
    return results


def run(path: Path) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="advisor-bench-encrypted-", dir=path.parent) as name:
        folder = Path(name)
        progress("  a plain and an encrypted copy of the scale file")
        began = time.perf_counter()
        plain, encrypted, key = make_pair(path, folder, "driver.sqlite3")
        results.append(info("encrypted: making the copies (VACUUM INTO, protect)",
                            f"{time.perf_counter() - began:.1f} s, {encrypted.stat().st_size / 2 ** 20:.0f} MiB "
                            f"encrypted / {plain.stat().st_size / 2 ** 20:.0f} MiB plain"))
        progress("  the bundle of everything, and one of it as another laptop holds it")
        bundle, back = _bundles(folder, plain)
        progress("  opening")
        results += _opening(plain, encrypted)
        stores = (Store.open(plain, quick_check=False), Store.open(encrypted, key=key, quick_check=False),
                  _driver_only(folder / "driver.sqlite3"))
        try:
            progress("  saving one field")
            results += _saves(*stores)
            progress("  search as you type")
            results += _search(*stores)
        finally:
            for store in stores:
                store.close()
        progress("  the people list's first paint")
        results += _list_paint(plain, encrypted, key)
        progress("  the home dashboard")
        results += _dashboard(folder, plain)
        results += _imports(folder, plain, encrypted, key, bundle, back)
    return results


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(_child_measure(argv[1], Path(argv[2]), argv[3:])))
        return 0
    from benchmarks.__main__ import _table

    path = Path(argv[0]) if argv else bench_dashboard.cached_scale_file()
    print(_table(run(path)))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main(sys.argv[1:]))
