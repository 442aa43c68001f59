"""A stolen laptop reveals nothing: after a full demo run on a protected data file (a scan attached, a
bundle imported, a daily backup and a pre-import copy taken), no file anywhere under the data folder
holds a person's CURP, full name or phone number in any form ``strings`` would find."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from advisor_app import logs
from advisor_app.store import backups, protection
from advisor_app.store.attachments import attach_file, read_attachment
from advisor_app.store.database import Store
from advisor_app.store.demo import load_demo, make_curp
from advisor_app.store.repository import Repository
from advisor_app.sync.export import export_bundle
from advisor_app.sync.importer import run_import

PASSPHRASE = "clave del club 2026"
BUNDLE_PASSPHRASE = "bundle de la federacion"


def _people(store: Store) -> list[tuple[str, str, str]]:
    return [(curp, f"{given} {first}", phone) for curp, given, first, phone in store.conn.execute(
        "SELECT curp, given_names, first_surname, phone FROM people WHERE deleted = 0")]


def _needles(people: list[tuple[str, str, str]]) -> dict[bytes, str]:
    """Each value in the encodings a ``strings`` run (plain and ``-e l``) would show it."""
    found: dict[bytes, str] = {}
    for person in people:
        for value in person:
            if value:
                for encoding in ("utf-8", "utf-16-le"):
                    found[value.encode(encoding)] = f"{value} ({encoding})"
    return found


def _readable_in(folder: Path, needles: dict[bytes, str]) -> list[str]:
    problems = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            problems += [f"{path.relative_to(folder)}: {shown}" for needle, shown in needles.items()
                         if needle in content]
    return problems


def _sender_bundle(tmp_path: Path) -> tuple[Path, tuple[str, str, str]]:
    """An encrypted bundle from another laptop carrying a person this one does not know."""
    (tmp_path / "other-laptop").mkdir()
    other = Store.open(tmp_path / "other-laptop" / "advisor.sqlite3")
    try:
        repository = Repository(other)
        birth = dt.date(1984, 3, 12)
        curp = make_curp("Hermelinda", "Zúñiga", "Robles", birth, "M", "ZS")
        repository.insert("people", {"given_names": "Hermelinda", "first_surname": "Zúñiga",
                                     "second_surname": "Robles", "birth_date": birth.isoformat(), "curp": curp,
                                     "residence_country": "MX", "phone": "+52 492 555 0199"})
        usb = tmp_path / "usb"
        usb.mkdir()
        bundle = usb / "from-other.advbundle"
        export_bundle(other, bundle, passphrase=BUNDLE_PASSPHRASE)
        return bundle, (curp, "Hermelinda Zúñiga", "+52 492 555 0199")
    finally:
        other.close()


def test_no_file_in_the_data_folder_reveals_a_person(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "advisor.sqlite3"
    logs.configure(folder)  # as the window and the command line do: the log is beside the data file
    try:
        _demo_run(tmp_path, folder, path)
    finally:
        logs.stop()
    assert (folder / "advisor.log").exists()


def _demo_run(tmp_path: Path, folder: Path, path: Path) -> None:
    store = Store.open(path)
    logs.data_file_opened(store)
    load_demo(Repository(store))
    people = _people(store)
    assert len(people) >= 5 and all(curp and phone for curp, _name, phone in people)
    # A scan attached before the protection, and one after: both must end sealed.
    before = tmp_path / "acta-constitutiva.pdf"
    before.write_text(f"%PDF-1.4 Acta firmada por {people[0][1]}, CURP {people[0][0]}", encoding="utf-8")
    attach_file(Repository(store), "people", _person_id(store), before)
    store.close()

    protection.protect(path, PASSPHRASE)
    store = Store.open(path, PASSPHRASE)
    try:
        repository = Repository(store)
        after = tmp_path / "identificacion.pdf"
        after.write_text(f"%PDF-1.4 INE de {people[1][1]}, tel. {people[1][2]}", encoding="utf-16")
        sha = attach_file(repository, "people", _person_id(store), after)
        backups.daily(store.conn, store.path, key=store.key)
        bundle, newcomer = _sender_bundle(tmp_path)
        run_import(store, bundle, BUNDLE_PASSPHRASE, dry_run=False, trust=True)  # takes the pre-import copy
        assert newcomer in _people(store)
        people.append(newcomer)
        assert any(name.startswith("advisor-before-import-") for name in _names(folder / "backups"))
        assert any(name.startswith("advisor-daily-") for name in _names(folder / "backups"))
        assert len(list((folder / "attachments").iterdir())) == 2
        assert read_attachment(store, repository.get("attachments", sha)["sha256"]).decode("utf-16").startswith(
            "%PDF-1.4 INE")
        needles = _needles(people)
        assert _readable_in(folder, needles) == []  # while open: the data file, its -wal and -shm
    finally:
        store.close()
    assert _readable_in(folder, needles) == []
    # The test can see what it looks for: the bundle was plain on the other laptop, the names are real.
    assert (tmp_path / "other-laptop" / "advisor.sqlite3").read_bytes().count(newcomer[0].encode()) > 0


def _person_id(store: Store) -> str:
    return store.conn.execute("SELECT id FROM people WHERE deleted = 0 ORDER BY id LIMIT 1").fetchone()[0]


def _names(folder: Path) -> list[str]:
    return [entry.name for entry in folder.iterdir()]
