"""Sync as the field uses it: three or four laptops edit, delete, restore and resolve conflicts, and carry
bundles the way sticks travel. Bundles are made for everyone, for one peer, or for one organization;
some are lost, some delivered twice or late, some handed to another laptop than the one they were made
for, and what one laptop received travels on in its own bundles. Clocks run ahead, behind, stand still
and jump. Now and then a trusted laptop turns hostile and alters what it relays or writes in another's
name.

After a final round of peer bundles, every laptop must hold the same synced tables; every field the
value of its newest edit by stamp; and the open conflicts exactly the concurrent losers, each once. What
counts as concurrent is judged here from the ground truth, not from the engine's bookkeeping: at each
edit the test notes which entries its laptop held, and an edit saw exactly those.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import Device, foreign_key_problems, read_members, sign_manifest, write_zip

from advisor_app.store.errors import StoreError
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync import conflicts as review
from advisor_app.sync.errors import BundleError

BASE_MS = 1_767_225_600_000  # 2026-01-01
STEP_MS = 1_000
HOUR_MS = 3_600_000

SHARED = [
    ("organizations", "org-club", {"kind": "migrant_club", "name": "Club Jerezanos", "status": "active"}),
    ("organizations", "org-coop", {"kind": "cooperative", "name": "Cooperativa Guayaberos", "status": "forming"}),
    ("people", "per-ana", {"given_names": "Ana Lilia", "first_surname": "Robles", "residence_country": "MX"}),
    ("people", "per-jose", {"given_names": "José Luis", "first_surname": "Sandoval", "residence_country": "US"}),
    ("memberships", "mem-ana", {"person_id": "per-ana", "organization_id": "org-coop", "role": "member",
                                "currency": "MXN"}),
    ("memberships", "mem-jose", {"person_id": "per-jose", "organization_id": "org-club", "role": "president",
                                 "currency": "USD"}),
]
VALUES = {
    "organizations": {"name": ["Club Jerezanos", "Club de Jerez", "Cooperativa del Cañón"],
                      "status": ["active", "forming", "inactive"],
                      "phone": ["+1 310 555 0187", "+52 467 955 0133", None],
                      "notes": ["Renovar toma de nota", "Acta lista", None]},
    "people": {"given_names": ["Ana Lilia", "Ana", "José Luis", "Teresa"],
               "phone": ["+1 310 555 0101", "+52 494 945 0109", None],
               "notes": ["Socia fundadora", "Vive en Lynwood", None],
               "residence_country": ["MX", "US"]},
    "memberships": {"role": ["president", "treasurer", "member", "investor"],
                    "share_pct": ["10", "25", None],
                    "contribution": ["1000", "2500.5", None]},
}
TABLES = list(VALUES)
ROWS = {table: [row_id for name, row_id, _values in SHARED if name == table] for table in TABLES}

laptop_index = st.integers(0, 3)
pick = st.integers(0, 10_000)
operations = st.one_of(
    st.tuples(st.just("edit"), laptop_index, st.sampled_from(TABLES), pick, pick, pick),
    st.tuples(st.just("edit"), laptop_index, st.sampled_from(TABLES), pick, pick, pick),
    st.tuples(st.just("delete"), laptop_index, st.sampled_from(TABLES), pick, st.booleans()),
    st.tuples(st.just("insert"), laptop_index, st.sampled_from(TABLES), pick),
    st.tuples(st.just("resolve"), laptop_index, pick, st.booleans()),
    st.tuples(st.just("export"), laptop_index, st.sampled_from(["all", "peer", "organization"]), laptop_index,
              pick),
    st.tuples(st.just("export"), laptop_index, st.just("peer"), laptop_index, pick),
    st.tuples(st.just("deliver"), pick, st.one_of(st.none(), laptop_index)),
    st.tuples(st.just("deliver"), pick, st.none()),
    st.tuples(st.just("clock"), laptop_index, st.sampled_from(["offset", "frozen", "jump", "true"]),
              st.integers(-6, 6)),
    st.tuples(st.just("hostile"), laptop_index, laptop_index, st.sampled_from(["alter", "forge"]), pick),
)


@dataclass(frozen=True)
class Edit:
    """One entry as its laptop wrote it, with every entry that laptop held at that moment."""

    device: str
    seq: int
    table: str
    row_id: str
    fields: dict
    hlc: str
    held: frozenset

    @property
    def key(self) -> tuple[str, int]:
        return (self.device, self.seq)

    @property
    def stamp(self) -> tuple[str, str]:
        return (self.hlc, self.device)


class Field:
    """Laptops in a temporary folder, the bundles in flight and every edit made."""

    def __init__(self, count: int):
        self.folder = Path(tempfile.mkdtemp(prefix="advisor-field-"))
        self.now = BASE_MS
        self.clocks = [("true", 0)] * count
        self.laptops: list[Device] = []
        for index in range(count):
            name = "ABCD"[index]
            (self.folder / name).mkdir()
            laptop = Device(self.folder / name, name)
            laptop.set_wall(lambda index=index: self.wall(index))
            self.laptops.append(laptop)
        self.flight: list[tuple[Path, int, int]] = []  # (bundle, maker, intended receiver)
        self.edits: list[Edit] = []
        self.written = {laptop.store.device_id: 0 for laptop in self.laptops}
        self.serial = 0
        self.refusals = 0

    def close(self) -> None:
        for laptop in self.laptops:
            laptop.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # Clocks ------------------------------------------------------------------------------------------
    def wall(self, index: int) -> int:
        mode, amount = self.clocks[index]
        if mode == "frozen":
            return amount
        return self.now + amount

    def set_clock(self, index: int, mode: str, hours: int) -> None:
        if mode == "frozen":
            self.clocks[index] = ("frozen", self.now + hours * HOUR_MS // 2)
        elif mode == "jump":  # a clock set by hand: jumps from wherever it was, back or ahead
            _mode, amount = self.clocks[index]
            offset = amount - self.now if _mode == "frozen" else amount
            self.clocks[index] = ("offset", max(-6 * HOUR_MS, min(6 * HOUR_MS, offset + hours * HOUR_MS)))
        elif mode == "offset":
            self.clocks[index] = ("offset", hours * HOUR_MS)
        else:
            self.clocks[index] = ("true", 0)

    # Edits, with what each saw -----------------------------------------------------------------------
    def held(self, laptop: Device) -> frozenset:
        return frozenset(laptop.conn.execute(
            "SELECT device, origin_seq FROM change_log WHERE fields IS NOT NULL AND origin_seq IS NOT NULL "
            "AND table_name != 'knowledge'").fetchall())

    def record(self, laptop: Device, held: frozenset) -> None:
        device = laptop.store.device_id
        for seq, table, row_id, fields, hlc in laptop.conn.execute(
                "SELECT origin_seq, table_name, row_id, fields, hlc FROM change_log WHERE device = ? AND origin_seq > ? "
                "ORDER BY origin_seq", (device, self.written[device])).fetchall():
            self.written[device] = seq
            if table != "knowledge":
                earlier = frozenset((device, number) for number in range(1, seq))
                self.edits.append(Edit(device, seq, table, row_id, json.loads(fields), hlc, held | earlier))

    def edit(self, index: int, action) -> None:
        laptop = self.laptops[index]
        held = self.held(laptop)
        self.now += STEP_MS
        try:
            action(laptop)
        except StoreError:  # a refused move (an edit of a deleted record, a share over 100 %)
            pass
        self.record(laptop, held)

    def rows(self, laptop: Device, table: str) -> list[str]:
        return [row_id for (row_id,) in laptop.conn.execute(f"SELECT id FROM {table} ORDER BY id")]

    def choose(self, laptop: Device, table: str, number: int) -> str:
        """Mostly the shared records, where edits meet; sometimes one made since."""
        rows = ROWS[table] if number % 3 else self.rows(laptop, table)
        return rows[number % len(rows)]

    # Bundles -------------------------------------------------------------------------------------------
    def export(self, index: int, mode: str, target: int, number: int) -> None:
        laptop = self.laptops[index]
        target %= len(self.laptops)
        self.now += STEP_MS
        if mode == "peer":
            if target == index:
                return
            bundle = laptop.export(peer=self.laptops[target].name)
        elif mode == "organization":
            organizations = self.rows(laptop, "organizations")
            bundle = laptop.export(organization_ids=[organizations[number % len(organizations)]])
        else:
            bundle = laptop.export()
        self.record(laptop, self.held(laptop))
        self.flight.append((bundle, index, target))

    def deliver(self, number: int, receiver: int | None) -> None:
        if not self.flight:
            return
        bundle, maker, intended = self.flight[number % len(self.flight)]
        target = intended if receiver is None else receiver % len(self.laptops)
        if target == maker:
            return
        self.now += STEP_MS
        laptop = self.laptops[target]
        laptop.import_(bundle)  # an honest bundle is never refused, however late, repeated or misdelivered
        self.record(laptop, self.held(laptop))

    def hostile(self, index: int, receiver: int, how: str, number: int) -> None:
        """A trusted laptop alters another's entry it relays, or writes one in another's name, and signs the
        bundle with its own (trusted) key: refused whole, the receiver's data file unchanged."""
        villain, victim = self.laptops[index], self.laptops[receiver % len(self.laptops)]
        if villain is victim:
            return
        self.now += STEP_MS
        bundle = villain.export()
        members = read_members(bundle)
        lines = [json.loads(line) for line in members[fmt.CHANGES].decode("utf-8").splitlines()]
        manifest = json.loads(members[fmt.MANIFEST])
        others = [line for line in lines if line["d"] not in (villain.store.device_id, victim.store.device_id)]
        victim_holds = dict(victim.conn.execute("SELECT device, verified FROM feeds").fetchall())
        if how == "alter":
            starts = {(line["d"], line["s"]) for line in others}
            # An entry the victim will check now: its origin's segment starts right after what it holds.
            targets = [line for line in others if "f" in line and line["t"] != "knowledge"
                       and line["s"] > victim_holds.get(line["d"], 0)
                       and (line["d"], victim_holds.get(line["d"], 0) + 1) in starts]
            if not targets:
                return
            line = targets[number % len(targets)]
            values = VALUES.get(line["t"], {})
            column = next((name for name in line["f"] if name in values), None)
            if column is None:
                return
            line["f"][column] = next(value for value in [*values[column], "forjado"] if value != line["f"][column])
        else:
            bystanders = [laptop for laptop in self.laptops if laptop not in (villain, victim)]
            origin = bystanders[number % len(bystanders)]
            device = origin.store.device_id
            seq = max([victim_holds.get(device, 0), *(line["s"] for line in lines if line["d"] == device)]) + 1
            lines.append({"d": device, "s": seq, "t": "organizations", "r": "org-club",
                          "f": {"notes": "Pagar a la cuenta 555"}, "h": origin.store.clock.now()})
            if device in manifest["feeds"]:
                manifest["feeds"][device]["to"] = seq
        changes = "".join(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n" for line in lines)
        members[fmt.CHANGES] = changes.encode("utf-8")
        manifest["members"][fmt.CHANGES] = {"sha256": hashlib.sha256(members[fmt.CHANGES]).hexdigest(),
                                           "size": len(members[fmt.CHANGES])}
        manifest_bytes, signature = sign_manifest(villain.store, manifest)
        members[fmt.MANIFEST], members[fmt.SIGNATURE] = manifest_bytes, signature
        forged = write_zip(bundle.with_name("forged-" + bundle.name), members.items())
        before = victim.full_dump()
        try:
            victim.import_(forged)
        except BundleError:
            assert victim.full_dump() == before
            self.refusals += 1
        else:
            # Only when the forged entry could not be checked yet (its segment waits for an earlier part):
            # it was not stored, and the end checks that no laptop holds an entry its origin did not write.
            self.record(victim, self.held(victim))

    # The end -------------------------------------------------------------------------------------------
    def final_rounds(self) -> None:
        """Every laptop sends every other a peer bundle, until a whole round brings no new entry."""
        for _round in range(6):
            fresh = 0
            for sender in self.laptops:
                for receiver in self.laptops:
                    if sender is not receiver:
                        self.now += STEP_MS
                        report = receiver.import_(sender.export(peer=receiver.name))
                        fresh += report.stats.received - report.stats.already_known
            if not fresh:
                return
        raise AssertionError("bundles kept bringing new entries after six rounds")


def expected_state(edits: list[Edit]):
    """Per field, the newest edit by stamp; and the conflicts: per field, the latest entry of each laptop
    that no other entry of the field saw (the frontier), each one losing to a winner that did not see it
    and holding another value; per deleted record, the newest edit the deletion did not see."""
    by_field: dict[tuple[str, str, str], list[Edit]] = {}
    for edit in edits:
        for column in edit.fields:
            by_field.setdefault((edit.table, edit.row_id, column), []).append(edit)
    winners = {key: max(entries, key=lambda edit: edit.stamp) for key, entries in by_field.items()}
    heads = {}
    for key, entries in by_field.items():
        latest = {}
        for edit in entries:
            if edit.device not in latest or edit.seq > latest[edit.device].seq:
                latest[edit.device] = edit
        heads[key] = [edit for edit in latest.values()
                      if not any(other is not edit and edit.key in other.held for other in latest.values())]
    conflicts = set()
    for key, entries in heads.items():
        column, winner = key[2], winners[key]
        for loser in entries:
            if loser is not winner and loser.fields[column] != winner.fields[column] and loser.key not in winner.held:
                conflicts.add(("field", key[0], key[1], column, loser.device, loser.hlc))
    for (table, row_id, column), deletion in winners.items():
        if column != "deleted" or deletion.fields["deleted"] != 1:
            continue
        crossed = [(edit, name) for (other_table, other_row, name), entries in heads.items()
                   if (other_table, other_row) == (table, row_id) and name != "deleted"
                   for edit in entries if edit.key not in deletion.held]
        if crossed:
            edit, name = max(crossed, key=lambda item: item[0].stamp)
            conflicts.add(("deleted", table, row_id, name, edit.device, edit.hlc))
    return {key: edit.fields[key[2]] for key, edit in winners.items()}, conflicts


def check_the_end(field: Field) -> None:
    values, conflicts = expected_state(field.edits)
    first = field.laptops[0].dump()
    originals = {laptop.store.device_id: set(laptop.conn.execute(
        "SELECT origin_seq, table_name, row_id, fields, hlc FROM change_log WHERE device = ?",
        (laptop.store.device_id,)).fetchall()) for laptop in field.laptops}
    for laptop in field.laptops:
        assert laptop.dump() == first, f"{laptop.name} differs from {field.laptops[0].name}"
        assert foreign_key_problems(laptop.conn) == []
        for (table, row_id, column), value in values.items():
            (stored,) = laptop.conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (row_id,)).fetchone()
            assert stored == value or str(stored) == str(value), (laptop.name, table, row_id, column, stored, value)
        listed = laptop.conn.execute(
            "SELECT kind, table_name, row_id, column_name, loser_device, loser_hlc FROM conflicts "
            "WHERE resolution IS NULL").fetchall()
        assert len(listed) == len(set(listed)), f"{laptop.name} lists a conflict twice"
        assert set(listed) == conflicts, (laptop.name, set(listed) ^ conflicts)
        # Nobody wrote in another's name: every entry is exactly what its own laptop wrote.
        for device, entries in originals.items():
            held = set(laptop.conn.execute(
                "SELECT origin_seq, table_name, row_id, fields, hlc FROM change_log WHERE device = ?",
                (device,)).fetchall())
            assert held == entries, (laptop.name, device)


def run(count: int, plan: list[tuple]) -> None:
    field = Field(count)
    try:
        first = field.laptops[0]
        for table, row_id, values in SHARED:
            first.repo.insert(table, values, row_id=row_id)
        field.record(first, frozenset())
        for laptop in field.laptops[1:]:
            laptop.import_(first.export())
            field.record(laptop, field.held(laptop))
        for step in plan:
            kind, *arguments = step
            if kind in ("edit", "delete", "insert", "resolve"):
                index = arguments[0] % count
                field.edit(index, lambda laptop, kind=kind, arguments=arguments: act(field, laptop, kind, arguments))
            elif kind == "export":
                field.export(arguments[0] % count, arguments[1], arguments[2], arguments[3])
            elif kind == "deliver":
                field.deliver(*arguments)
            elif kind == "clock":
                field.set_clock(arguments[0] % count, arguments[1], arguments[2])
            else:
                field.hostile(arguments[0] % count, *arguments[1:])
        for index in range(count):
            field.set_clock(index, "true", 0)  # clocks stay as they were: only newer ones matter from here
        field.final_rounds()
        check_the_end(field)
    finally:
        field.close()


def act(field: Field, laptop: Device, kind: str, arguments: list) -> None:
    repo = laptop.repo
    if kind == "edit":
        _who, table, row, column, value = arguments
        columns = list(VALUES[table])
        column = columns[column % len(columns)]
        repo.update(table, field.choose(laptop, table, row), {column: VALUES[table][column][value %
                                                                                          len(VALUES[table][column])]})
    elif kind == "delete":
        _who, table, row, restore = arguments
        (repo.restore if restore else repo.delete)(table, field.choose(laptop, table, row))
    elif kind == "insert":
        _who, table, number = arguments
        field.serial += 1
        row_id = f"{table[:3]}-{laptop.name}-{field.serial}"
        if table == "organizations":
            repo.insert(table, {"kind": "investor_group", "name": f"Grupo {field.serial}", "status": "forming"},
                        row_id=row_id)
        elif table == "people":
            repo.insert(table, {"given_names": "Martha", "first_surname": f"Ibarra {field.serial}",
                                "residence_country": "US"}, row_id=row_id)
        else:
            person = field.choose(laptop, "people", number)
            organization = field.choose(laptop, "organizations", number // 7)
            repo.insert(table, {"person_id": person, "organization_id": organization, "role": "member",
                                "currency": "MXN"}, row_id=row_id)
    else:
        _who, number, keep = arguments
        listed = review.open_conflicts(repo)
        if listed:
            conflict = listed[number % len(listed)]
            (review.keep_winner(repo, conflict) if keep else review.restore_loser(repo, conflict))


EXAMPLES = int(os.environ.get("SYNC_FIELD_EXAMPLES", "300"))


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          derandomize=not os.environ.get("SYNC_FIELD_RANDOM"),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(count=st.sampled_from([3, 4]), plan=st.lists(operations, min_size=5, max_size=40))
def test_laptops_in_the_field_converge_with_exact_conflicts(count, plan):
    run(count, plan)
