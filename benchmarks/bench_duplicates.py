"""Possible duplicates after a bundle brought 10,000 people into a file of 100,000 (target < 3 s), and
the whole file's list as *Edit → Possible duplicates* shows it.

A tenth of the people brought are someone already registered, typed again on another laptop: the same
name and birth date, a swapped surname, or one letter wrong, so the search has pairs to find.

Measured 2026-12-06 (2-core machine, otherwise idle): 1.31 s for the pairs with the people brought, 1.40 s
for the whole file's list (1,000 and 1,012 pairs). Most of it is keying the close names in Python; the
same CURP and the same name and birth date are found through their indexes (CURP 1.2 s -> 0.06 s once the
index alone groups them, under load).
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from pathlib import Path

from advisor_app.store.database import Store
from advisor_app.store.duplicates import possible_duplicates
from advisor_app.store.repository import Repository
from benchmarks.measure import Result, check, info

BROUGHT = 10_000
TWINS = 1_000
LIMIT_S = 3.0


def _typed_again(person: dict, rng: random.Random) -> dict:
    twin = {key: person[key] for key in ("given_names", "first_surname", "second_surname", "birth_date",
                                          "locality_id", "residence_country")}
    change = rng.choice(("same", "swap", "typo"))
    if change == "swap" and twin["second_surname"]:
        twin["first_surname"], twin["second_surname"] = twin["second_surname"], twin["first_surname"]
    elif change == "typo" and len(twin["first_surname"]) > 3:
        name = twin["first_surname"]
        twin["first_surname"] = name[:2] + name[3:]
    return twin


def run(path: Path) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="advisor-bench-duplicates-") as folder:
        copy = Path(folder) / "copy.sqlite3"
        shutil.copy(path, copy)
        store = Store.open(copy, quick_check=False)
        try:
            repository = Repository(store)
            rng = random.Random(7)
            columns = ("given_names", "first_surname", "second_surname", "birth_date", "locality_id",
                       "residence_country")
            existing = [dict(zip(columns, row)) for row in store.conn.execute(
                f"SELECT {', '.join(columns)} FROM people WHERE deleted = 0 AND locality_id IS NOT NULL "
                "ORDER BY random() LIMIT ?", (TWINS,))]
            rows = [_typed_again(person, rng) for person in existing]
            rows += [{"given_names": f"Persona{index}", "first_surname": f"Nueva{index}", "residence_country": "MX"}
                     for index in range(BROUGHT - len(rows))]
            with store.transaction():
                brought = set(repository.insert_many("people", rows))
            started = time.perf_counter()
            among = possible_duplicates(store.conn, brought)
            after_import = time.perf_counter() - started
            started = time.perf_counter()
            everything = possible_duplicates(store.conn)
            whole = time.perf_counter() - started
        finally:
            store.close()
    return [
        check(f"duplicates: pairs with the {BROUGHT:,} people a bundle brought", after_import, LIMIT_S, "s"),
        info("duplicates: pairs found (of the people brought / in the whole file)", f"{len(among):,} / {len(everything):,}"),
        check("duplicates: the whole file's list (Edit → Possible duplicates)", whole, LIMIT_S, "s"),
    ]
