"""Convergence: three laptops edit at random and exchange bundles at random; once everyone has received
everything, the synced tables are identical on all three, whatever the order and grouping of bundles."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sync_helpers import CURPS, Device, foreign_key_problems

from advisor_app.store.errors import StoreError

BASE_MS = 1_767_225_600_000  # 2026-01-01: a pinned wall clock shared by the three laptops

FIELDS = {
    "localities": {
        "municipality_key": ["32020", "32023", "32056"],
        "name": ["Juchipila", "El Cargadero", "Ermita de Guadalupe", None],
    },
    "organizations": {
        "kind": ["migrant_club", "federation", "cooperative", "community_committee"],
        "name": ["Club Jerezanos", "Federación Zacatecana", "Cooperativa Guayaberos", "Comité Espejo"],
        "status": ["active", "forming", "inactive"],
        "base_city": ["Lynwood", "Santa Ana", None],
        "phone": ["+1 310 555 0187", "+52 467 955 0133", None],
        "notes": ["Renovar toma de nota", "Acta lista", None],
        "origin_locality_id": "localities",
        "parent_id": "federations",
    },
    "people": {
        "given_names": ["Ana Lilia", "José Luis", "Teresa", "Pedro"],
        "first_surname": ["Robles", "Sandoval", "Valdez", "Ruvalcaba"],
        "second_surname": ["Medina", "Félix", None],
        "curp": [*CURPS, None],
        "birth_date": ["1979-09-30", None, None],
        "phone": ["+1 310 555 0101", "+52 494 945 0109", None],
        "notes": ["Socia fundadora", "Vive en Lynwood", None],
        "residence_country": ["MX", "US"],
        "locality_id": "localities",
        "us_city": ["Lynwood", None],
    },
    "memberships": {
        "person_id": "people",
        "organization_id": "organizations",
        "role": ["president", "secretary", "treasurer", "member", "investor"],
        "share_pct": ["10", "25", "50", None],
        "contribution": ["1000", "2500.5", None],
        "currency": ["MXN", "USD"],
    },
    "attachments": {
        "sha256": ["a" * 64, "0123456789abcdef" * 4],
        "file_name": ["acta.pdf", "foto.jpg"],
        "media_type": ["application/pdf", None],
        "size": [1024, 2048, None],
        "table_name": ["organizations"],
        "record_id": "organizations",
    },
}
REQUIRED = {
    "localities": ("municipality_key",),
    "organizations": ("kind", "name", "status"),
    "people": ("given_names", "first_surname", "residence_country"),
    "memberships": ("person_id", "organization_id", "role", "currency"),
    "attachments": ("sha256", "file_name"),
}
TABLES = list(FIELDS)
SHARED = [
    ("localities", "loc-shared", {"municipality_key": "32023", "name": "Juchipila"}),
    ("organizations", "org-federation", {"kind": "federation", "name": "Federación Zacatecana", "status": "active"}),
    ("organizations", "org-club", {"kind": "migrant_club", "name": "Club Jerezanos", "status": "active",
                                   "parent_id": "org-federation", "origin_locality_id": "loc-shared"}),
    ("people", "per-ana", {"given_names": "Ana Lilia", "first_surname": "Robles", "residence_country": "MX",
                           "curp": CURPS[0], "birth_date": "1979-09-30", "locality_id": "loc-shared"}),
    ("people", "per-jose", {"given_names": "José Luis", "first_surname": "Sandoval", "residence_country": "US"}),
    ("memberships", "mem-ana", {"person_id": "per-ana", "organization_id": "org-club", "role": "president",
                                "currency": "USD", "share_pct": "50"}),
]
laptops = st.integers(0, 2)
picks = st.integers(0, 1000)


class ThreeLaptops(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="advisor-convergence-"))
        self.tick = 0
        self.serial = 0
        self.devices: list[Device] = []
        for index, name in enumerate("ABC"):
            (self.folder / name).mkdir()
            laptop = Device(self.folder / name, name)
            laptop.set_device_id(f"{index + 1:x}" * 32)
            laptop.set_wall(lambda: BASE_MS + self.tick)
            self.devices.append(laptop)

    def teardown(self):
        try:
            if self.devices:
                self.everyone_receives_everything()
        finally:
            for laptop in self.devices:
                laptop.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # Helpers -------------------------------------------------------------------------------------
    def step(self) -> None:
        self.tick += 1

    def ids(self, laptop: Device, table: str) -> list[str]:
        if table == "federations":
            return [row for (row,) in laptop.conn.execute(
                "SELECT id FROM organizations WHERE kind = 'federation' AND deleted = 0 ORDER BY id")]
        return [row for (row,) in laptop.conn.execute(f"SELECT id FROM {table} ORDER BY id")]

    def pick(self, laptop: Device, table: str, number: int) -> str | None:
        ids = self.ids(laptop, table)
        return ids[number % len(ids)] if ids else None

    def value(self, laptop: Device, table: str, column: str, number: int):
        pool = FIELDS[table][column]
        if isinstance(pool, str):
            return self.pick(laptop, pool, number)
        return pool[number % len(pool)]

    def everyone_receives_everything(self) -> None:
        # The first round carries the data, the second what each laptop wrote it held on receiving it
        # (knowledge entries, which no laptop answers), the third must bring nothing.
        for round_number in range(3):
            for sender in self.devices:
                for receiver in self.devices:
                    if sender is not receiver:
                        report = receiver.import_(sender.export())
                        if round_number == 2:
                            assert report.nothing_new, (sender.name, receiver.name, report.stats)
        first = self.devices[0].dump()
        for laptop in self.devices[1:]:
            assert laptop.dump() == first

    @initialize()
    def shared_registry(self):
        """Start from a registry all three hold, so that edits soon meet on the same records."""
        first = self.devices[0]
        for table, row_id, values in SHARED:
            first.repo.insert(table, values, row_id=row_id)
        for other in self.devices[1:]:
            other.import_(first.export())

    # Edits ----------------------------------------------------------------------------------------------
    @rule(who=laptops, table=st.sampled_from(TABLES), data=st.data())
    def insert(self, who, table, data):
        self.step()
        laptop = self.devices[who]
        values = {}
        for column in FIELDS[table]:
            if column in REQUIRED[table] or data.draw(st.booleans()):
                values[column] = self.value(laptop, table, column, data.draw(picks))
        if any(values.get(column) is None for column in REQUIRED[table]):
            return
        self.serial += 1
        try:
            laptop.repo.insert(table, values, row_id=f"{table[:3]}-{self.serial:05d}")
        except StoreError:  # a refused move (invalid value, or an edit of a deleted record)
            pass

    @rule(who=laptops, key=st.sampled_from(FIELDS["localities"]["municipality_key"]),
          name=st.sampled_from(FIELDS["localities"]["name"]))
    def ensure_locality(self, who, key, name):
        """The same locality made on two laptops independently gets the same id on both."""
        self.step()
        self.devices[who].repo.ensure_locality(key, name)

    @rule(who=laptops, table=st.sampled_from(TABLES), row=picks, data=st.data())
    def update(self, who, table, row, data):
        self.edit(self.devices[who], table, self.pick(self.devices[who], table, row), data)

    @rule(who=laptops, shared=st.sampled_from(SHARED), data=st.data())
    def update_shared(self, who, shared, data):
        """Edits of the records everyone holds: where concurrent edits and conflicts happen."""
        self.edit(self.devices[who], shared[0], shared[1], data)

    def edit(self, laptop, table, row_id, data):
        self.step()
        if row_id is None:
            return
        columns = data.draw(st.lists(st.sampled_from(list(FIELDS[table])), min_size=1, max_size=3, unique=True))
        values = {column: self.value(laptop, table, column, data.draw(picks)) for column in columns}
        try:
            laptop.repo.update(table, row_id, values)
        except StoreError:  # a refused move (invalid value, or an edit of a deleted record)
            pass

    @rule(who=laptops, table=st.sampled_from(TABLES), row=picks, restore=st.booleans())
    def delete_or_restore(self, who, table, row, restore):
        self.step()
        laptop = self.devices[who]
        row_id = self.pick(laptop, table, row)
        if row_id is None:
            return
        try:
            (laptop.repo.restore if restore else laptop.repo.delete)(table, row_id)
        except StoreError:  # a refused move (invalid value, or an edit of a deleted record)
            pass

    # Exchanges ------------------------------------------------------------------------------------------
    @rule(sender=laptops, receiver=laptops, scope=st.sampled_from(["all", "peer", "organization"]), row=picks)
    def exchange(self, sender, receiver, scope, row):
        if sender == receiver:
            return
        self.step()
        source, target = self.devices[sender], self.devices[receiver]
        if scope == "peer":
            bundle = source.export(peer=target.name)
        elif scope == "organization":
            organization = self.pick(source, "organizations", row)
            if organization is None:
                return
            bundle = source.export(organization_ids=[organization])
        else:
            bundle = source.export()
        report = target.import_(bundle)
        assert report.applied and not report.replayed

    @invariant()
    def references_hold(self):
        for laptop in self.devices:
            assert foreign_key_problems(laptop.conn) == []


ThreeLaptops.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None, database=None,
                                          suppress_health_check=[HealthCheck.too_slow])
test_three_laptops_converge = ThreeLaptops.TestCase

