"""Target 6: the home page at federation scale, and one organization's competency map.

On a copy of the scale data file (the registry of ``scale_data``) this adds, in one transaction and
straight into the tables (rows with valid sync columns, no change-log entries, as a bundle's merge
leaves them): 5,000 workshops over three years with 200,000 attendance rows, a large organization
(the registry's biggest, with 2,000 more members, a federation) whose members fill a quarter of the
workshops, 20,000 advisory sessions with 50,000 agreed actions, 3,000 business plans and 1,500
agreements. The change log keeps the registry's 275,000 unexported entries, the worst case of the
"unsent changes" figure.

The measurements run in a child process: SQLite's page cache starts cold, as when the app opens a
file, and the first paint includes whatever the page imports on first use (Babel's dates).

    python -m benchmarks.bench_dashboard [SCALE_FILE]

Without a file, the scale data is generated once into ``ADVISOR_BENCH_CACHE`` (default
``~/.cache/advisor-bench``) and reused by later runs; the file itself is never modified.
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

from benchmarks.measure import Result, check, info, progress, qt_app

FIRST_PAINT_MS = 300.0
COMPETENCY_MAP_MS = 100.0
WORKSHOPS = 5_000
ATTENDANCE_PER_WORKSHOP = 40  # 200,000 rows
LARGE_ORGANIZATION_EXTRA_MEMBERS = 2_000
LARGE_ORGANIZATION_SHARE = 0.25  # of the workshops, a group of its members attends
SESSIONS = 20_000
ACTIONS = 50_000
PLANS = 3_000
AGREEMENTS = 1_500
REPEAT = 15
SEED = 6

def run(path: Path) -> list[Result]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench_dashboard", "--child", str(path)],
                          env=env, cwd=root, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"dashboard benchmark child failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return [Result(**row) for row in json.loads(done.stdout.strip().splitlines()[-1])]


# The data --------------------------------------------------------------------------------------------
def copy_file(source: Path, target: Path) -> None:
    """SQLite's backup API: a consistent copy even when the source has a WAL beside it."""
    reading, writing = sqlite3.connect(f"file:{source}?mode=ro", uri=True), sqlite3.connect(target)
    try:
        reading.backup(writing)
    finally:
        reading.close()
        writing.close()


def add_training(store, today: dt.date, seed: int = SEED) -> dict:
    """Workshops, attendance, sessions, actions, plans and agreements; returns what was added."""
    from advisor_app.domain.catalog import fold
    from advisor_app.domain.ids import new_id
    from advisor_app.domain.training import competencies

    rnd = random.Random(seed)
    conn = store.conn
    device = store.device_id
    members: dict[str, list[str]] = {}
    for organization_id, person_id in conn.execute(
            "SELECT organization_id, person_id FROM memberships WHERE deleted = 0 ORDER BY rowid"):
        members.setdefault(organization_id, []).append(person_id)
    organizations = sorted(members)
    people = [row[0] for row in conn.execute("SELECT id FROM people WHERE deleted = 0 ORDER BY rowid")]
    large = max(organizations, key=lambda organization_id: (len(members[organization_id]), organization_id))
    present = set(members[large])
    joining = [person for person in rnd.sample(people, LARGE_ORGANIZATION_EXTRA_MEMBERS * 2)
               if person not in present][:LARGE_ORGANIZATION_EXTRA_MEMBERS]
    members[large] += joining

    def sync() -> list:
        stamp = store.clock.now()
        return [new_id(), stamp, stamp, device, 0]

    topics = list(competencies())
    first_day = (today - dt.timedelta(days=3 * 365)).toordinal()
    last_day = (today + dt.timedelta(days=60)).toordinal()
    workshops, attendance = [], []
    for number in range(WORKSHOPS):
        held_on = dt.date.fromordinal(rnd.randint(first_day, last_day))
        status = "planned" if held_on >= today else rnd.choices(("held", "cancelled"), (9, 1))[0]
        title = f"Taller {number + 1}: {rnd.choice(topics)}"
        row = sync()
        workshops.append(row + [title, json.dumps(rnd.sample(topics, rnd.randint(1, 3)), separators=(",", ":")),
                                held_on.isoformat(), f"Salón {rnd.randrange(1, 400)}", "Equipo de la Federación",
                                "4", status, fold(title)])
        chosen: dict[str, str] = {}
        if rnd.random() < LARGE_ORGANIZATION_SHARE:
            for person in rnd.sample(members[large], 30):
                chosen[person] = large
        while len(chosen) < ATTENDANCE_PER_WORKSHOP:
            organization_id = rnd.choice(organizations)
            for person in members[organization_id]:
                if len(chosen) < ATTENDANCE_PER_WORKSHOP:
                    chosen.setdefault(person, organization_id)
        came = status == "held"
        attendance += [sync() + [row[0], person, organization_id, int(came and rnd.random() < 0.85)]
                       for person, organization_id in chosen.items()]

    sessions, actions = [], []
    for _ in range(SESSIONS):
        organization_id = large if rnd.random() < 0.01 else rnd.choice(organizations)
        held_on = dt.date.fromordinal(rnd.randint(first_day, today.toordinal()))
        row = sync()
        sessions.append(row + [organization_id, held_on.isoformat(), json.dumps(rnd.sample(topics, 2)), "Notas"])
    for number in range(ACTIONS):
        session = rnd.choice(sessions)
        due = dt.date.fromisoformat(session[6]) + dt.timedelta(days=rnd.randint(7, 60))
        done = due - dt.timedelta(days=rnd.randint(0, 6)) if due < today and rnd.random() < 0.8 else None
        actions.append(sync() + [session[0], f"Acción {number + 1}", rnd.choice(members[session[5]]),
                                 due.isoformat(), done.isoformat() if done else None])
    plan_statuses = ("draft", "in_review", "approved", "funded", "operating", "closed")
    plans = []
    for number in range(PLANS):
        title = f"Plan {number + 1}"
        plans.append(sync() + [title, rnd.choice(organizations), "agriculture",
                               rnd.choices(plan_statuses, (40, 15, 10, 10, 20, 5))[0], fold(title)])
    agreements = []
    for number in range(AGREEMENTS):
        plan = rnd.choice(plans)
        title = f"Acuerdo {number + 1}"
        agreements.append(sync() + [title, "partnership", plan[6], plan[0], "es", "MXN",
                                    rnd.choices(("draft", "reviewed", "ready", "signed", "void"), (30, 10, 15, 40, 5))[0],
                                    1, fold(title)])

    columns = "id, created_at, updated_at, updated_by, deleted"
    with store.transaction() as conn:
        conn.executemany(f"INSERT INTO memberships({columns}, person_id, organization_id, role, currency) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, 'member', 'MXN')",
                         [sync() + [person, large] for person in joining])
        conn.executemany(f"INSERT INTO workshops({columns}, title, topics, held_on, place, facilitator, hours, "
                         "status, sort_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", workshops)
        conn.executemany(f"INSERT INTO workshop_attendance({columns}, workshop_id, person_id, organization_id, "
                         "attended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", attendance)
        conn.executemany(f"INSERT INTO advisory_sessions({columns}, organization_id, held_on, topics, notes) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", sessions)
        conn.executemany(f"INSERT INTO session_actions({columns}, session_id, description, responsible_id, due_on, "
                         "done_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", actions)
        conn.executemany(f"INSERT INTO plans({columns}, title, lead_organization_id, sector, status, sort_name) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", plans)
        conn.executemany(f"INSERT INTO agreements({columns}, title, template_id, organization_id, plan_id, language, "
                         "currency, status, version, sort_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         agreements)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"large": large, "large_members": len(members[large]), "workshops": len(workshops),
            "attendance": len(attendance), "sessions": len(sessions), "actions": len(actions),
            "plans": len(plans), "agreements": len(agreements)}


# The measurements ------------------------------------------------------------------------------------
def _paint(app, context, today: dt.date):
    """A new page, shown and painted; returns it and the milliseconds."""
    from advisor_app.ui.home.dashboard import DashboardPage

    began = time.perf_counter()
    page = DashboardPage(context, lambda _target, _value: None)
    page.today = today
    page.resize(1160, 620)
    page.show()
    app.processEvents()
    page.grab()
    return page, (time.perf_counter() - began) * 1000


def _close(app, page) -> None:
    from PySide6.QtCore import QEvent

    page.close()
    page.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _statements(conn, action) -> list[tuple[float, str, str]]:
    """Each query ``action`` runs (as SQLite traces it, parameters in place), timed again on its own:
    (median ms, SQL, query plan), slowest first; what names the index to add when a target is missed."""
    traced: list[str] = []
    conn.set_trace_callback(traced.append)
    try:
        action()
    finally:
        conn.set_trace_callback(None)
    found = []
    for sql in dict.fromkeys(text for text in traced if text.lstrip().upper().startswith(("SELECT", "WITH"))):
        ms = statistics.median(_timed(lambda sql=sql: conn.execute(sql).fetchall()) for _ in range(5))
        plan = "; ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        found.append((ms, " ".join(sql.split()), plan))
    return sorted(found, reverse=True)


def _slowest(statements: list[tuple[float, str, str]], count: int = 3) -> str:
    return "; ".join(f"{ms:.1f} ms {sql[:60]}…" for ms, sql, _plan in statements[:count])


def measure(path: Path) -> list[Result]:
    app = qt_app()
    from advisor_app.store import training
    from advisor_app.store.database import Store
    from advisor_app.ui.common.context import AppContext
    from advisor_app.ui.common.language import LanguageSwitcher

    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="advisor-bench-dashboard-") as folder:
        copy = Path(folder) / "dashboard.sqlite3"
        began = time.perf_counter()
        copy_file(path, copy)
        store = Store.open(copy, quick_check=False)
        try:
            added = add_training(store, today)
        finally:
            store.close()
        setup_s = time.perf_counter() - began

        switcher = LanguageSwitcher(app)
        switcher.apply("es")
        store = Store.open(copy, quick_check=False)  # a cold page cache for the first paint
        try:
            context = AppContext(store, switcher)
            page, first_paint = _paint(app, context, today)
            figures = page.figures
            _close(app, page)
            painted = []
            for _ in range(REPEAT):
                page, ms = _paint(app, context, today)
                painted.append(ms)
                _close(app, page)
            query = [_timed(lambda: training.dashboard(store, today)) for _ in range(REPEAT)]
            dashboard_queries = _statements(store.conn, lambda: training.dashboard(store, today))
            page, _ms = _paint(app, context, today)
            refresh = [_timed(lambda: (page.refresh(), page.repaint())) for _ in range(REPEAT)]
            _close(app, page)

            conn = store.conn
            began = time.perf_counter()
            training.competency_map_of(conn, added["large"])
            map_cold = (time.perf_counter() - began) * 1000
            map_ms = statistics.median(_timed(lambda: training.competency_map_of(conn, added["large"]))
                                       for _ in range(REPEAT))
            typical = conn.execute("SELECT organization_id FROM memberships GROUP BY organization_id "
                                   "ORDER BY count(*) DESC LIMIT 1 OFFSET 500").fetchone()[0]
            typical_ms = statistics.median(_timed(lambda: training.competency_map_of(conn, typical))
                                           for _ in range(REPEAT))
            map_queries = _statements(conn, lambda: training.competency_map_of(conn, added["large"]))
        finally:
            store.close()

    results = [
        check("dashboard: first paint, cold (new page, show, paint)", first_paint, FIRST_PAINT_MS, "ms", digits=1),
        info(f"dashboard: paint of a new page, warm (median of {REPEAT})", f"{statistics.median(painted):.1f} ms"),
        info(f"dashboard: dashboard() figures alone, warm (median of {REPEAT})", f"{statistics.median(query):.1f} ms"),
        info("dashboard: slowest queries of dashboard(), warm", _slowest(dashboard_queries)),
        info(f"dashboard: refresh after an edit, figures and repaint (median of {REPEAT})",
             f"{statistics.median(refresh):.1f} ms"),
        check(f"competency map: largest organization ({added['large_members']:,} members), warm", map_ms,
              COMPETENCY_MAP_MS, "ms", digits=1),
        info("competency map: same, cold page cache / a typical organization warm",
             f"{map_cold:.1f} / {typical_ms:.2f} ms"),
        info("dashboard: figures shown",
             f"{figures.organizations:,} organizations, {figures.people:,} people, {figures.overdue_actions:,} overdue, "
             f"{figures.agreements_to_sign:,} to sign, {figures.unsent_changes:,} unsent, "
             f"{figures.workshops_held:,} held, {len(figures.upcoming_workshops)} upcoming listed"),
        info("dashboard: data added to a copy of the scale file",
             f"{added['workshops']:,} workshops, {added['attendance']:,} attendance, {added['sessions']:,} sessions, "
             f"{added['actions']:,} actions, {added['plans']:,} plans, {added['agreements']:,} agreements "
             f"in {setup_s:.1f} s"),
    ]
    for name, queries, failed in (("dashboard()", dashboard_queries, first_paint >= FIRST_PAINT_MS),
                                  ("competency map", map_queries, map_ms >= COMPETENCY_MAP_MS)):
        if failed and queries:
            results.append(info(f"{name}: plan of its slowest query ({queries[0][0]:.1f} ms)", queries[0][2]))
    return results


def _timed(action) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


# Running it alone --------------------------------------------------------------------------------------
def cached_scale_file(people: int = 100_000, organizations: int = 10_000, seed: int = 20251125) -> Path:
    """The scale data file for these sizes, generated on first use and kept for later runs."""
    from benchmarks import scale_data

    folder = Path(os.environ.get("ADVISOR_BENCH_CACHE") or Path.home() / ".cache" / "advisor-bench")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"scale-{people}-{organizations}-{seed}.sqlite3"
    if not path.exists():
        progress(f"generating {organizations:,} organizations and {people:,} people into {path}…")
        partial = path.with_name(path.name + ".partial")
        for leftover in folder.glob(partial.name + "*"):
            leftover.unlink()
        scale_data.generate(partial, people, organizations, seed=seed)
        partial.rename(path)
    return path


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps([vars(result) for result in measure(Path(argv[1]))]))
        return 0
    from benchmarks.__main__ import _table

    path = Path(argv[0]) if argv else cached_scale_file()
    print(_table(run(path)))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main(sys.argv[1:]))
