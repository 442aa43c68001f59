"""Import people, organizations or memberships from a spreadsheet: preview every row, then apply all at once.

The preview judges each row by the repository's own rules (``Repository.prepare``: the same as typing),
names every problem by row and column, and finds the records already registered: a person with the same
CURP, or the same name, birth date and municipality; an organization with the same name; a membership of
the same person in the same organization. Such a row updates that record instead of making a twin, and
an update only fills the fields the record lacks, so nothing typed is overwritten; the file's other
differences are listed as kept. Apply runs the preview again inside one transaction and writes through
the repository, so every record is logged like any edit and syncs; a problem, a refusal or Cancel leaves
nothing written. Rows with problems block Apply unless the person chose to import only the other rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from advisor_app.domain.catalog import fold
from advisor_app.domain.clock import make_stamp
from advisor_app.domain.entities import person_display_name
from advisor_app.domain.records import SPECS, shares_problem
from advisor_app.i18n import N_, _, ngettext
from advisor_app.store.errors import StoreError, ValidationError
from advisor_app.store.repository import DERIVED, Repository
from advisor_app.store.table_files import Table
from advisor_app.store.table_mapping import BY_NAME, mapping_problems
from advisor_app.store.table_values import CellProblem, code_value, date_value, municipality_key, number_value
from advisor_app.store.table_values import text_of, us_state_value

TABLES = {"people": "people", "organizations": "organizations", "memberships": "memberships"}
_LOCALITY_COLUMN = {"people": "locality_id", "organizations": "origin_locality_id"}
_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "birth_date": date_value, "registration_valid_until": date_value, "share_pct": number_value,
    "contribution": number_value, "base_state": us_state_value,
    **{name: (lambda cell, name=name: code_value(name, cell))
       for name in ("residence_country", "role", "kind", "status", "currency")},
}
NEW, UPDATE, UNCHANGED, PROBLEM = "new", "update", "unchanged", "problem"


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def text(self) -> str:
        return _("Row {row}, column {column}: {message}").format(row=self.row, column=self.column,
                                                                  message=self.message)


@dataclass
class RowPlan:
    """What one row of the file becomes."""

    number: int
    label: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # record fields, in the form the repository takes
    locality: tuple[str, str | None] | None = None  # (municipality key, locality name)
    problems: list[Problem] = field(default_factory=list)
    match_id: str | None = None
    match_name: str = ""
    match_reason: str = ""  # "same CURP", "same name, birth date and municipality", "same name"
    fills_locality: bool = False  # an update also gives the record the file's locality
    fills: dict[str, Any] = field(default_factory=dict)  # what an update writes: fields the record lacks
    kept: list[str] = field(default_factory=list)  # labels of fields where the file differs; the record's stay

    @property
    def status(self) -> str:
        if self.problems:
            return PROBLEM
        if self.match_id is None:
            return NEW
        return UPDATE if self.fills or self.fills_locality else UNCHANGED


@dataclass
class Preview:
    kind: str
    rows: list[RowPlan]
    mapping_problems: list[str]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    def problems(self) -> list[Problem]:
        return [problem for row in self.rows for problem in row.problems]

    def summary(self) -> str:
        if self.mapping_problems:
            return " ".join(self.mapping_problems)
        return _("{rows} rows. New: {new}; to update: {update}; already registered as they are: {unchanged}; "
                 "with problems: {problems}.").format(rows=len(self.rows), new=self.count(NEW),
                                                     update=self.count(UPDATE), unchanged=self.count(UNCHANGED),
                                                     problems=self.count(PROBLEM))


@dataclass
class ImportResult:
    created: int
    updated: int
    skipped: int
    newest_stamp: str | None

    def summary(self) -> str:
        return _("Imported. New: {created}; updated: {updated}; skipped: {skipped}.").format(
            created=self.created, updated=self.updated, skipped=self.skipped)


def describe_match(row: RowPlan, record_table: str) -> str:
    """One sentence on the registered record a row matches: which, why, and what an update does."""
    if row.match_id is None:
        return ""
    labels = [_(SPECS[record_table][name].label) for name in row.fills]
    if row.fills_locality:
        labels.append(_(SPECS[record_table][_LOCALITY_COLUMN[row_kind(record_table)]].label))
    if labels:
        text = _("Registered as {name} ({reason}): the import fills in {fields}.").format(
            name=row.match_name, reason=row.match_reason, fields=", ".join(labels))
    else:
        text = _("Registered as {name} ({reason}): nothing to add.").format(name=row.match_name,
                                                                          reason=row.match_reason)
    if row.kept:
        text += " " + _("Kept as registered: {fields}.").format(fields=", ".join(row.kept))
    return text


def row_kind(record_table: str) -> str:
    return {table: kind for kind, table in TABLES.items()}[record_table]


def _noop(*_args, **_kwargs) -> None:
    return None


class _Previewer:
    """One pass over the rows: cells to values, the record rules, matches, twins within the file, shares."""

    def __init__(self, store, kind: str, table: Table, mapping: dict[int, str], progress):
        self.repository = Repository(store)
        self.conn = store.conn
        self.kind, self.table, self.mapping = kind, table, mapping
        self.record_table = TABLES[kind]
        self.progress = progress or _noop
        self.columns = {name: table.headers[index] or _("column {number}").format(number=index + 1)
                        for index, name in mapping.items()}
        self.seen: dict[Any, int] = {}
        self.shares: dict[str, Decimal] = {}

    def column(self, name: str) -> str:
        record_to_import = {"person_id": "person_curp" if "person_curp" in self.columns else "person_name",
                            "organization_id": "organization", "locality_id": "municipality",
                            "origin_locality_id": "municipality"}
        name = record_to_import.get(name, name)
        if name in self.columns:
            return self.columns[name]
        spec = SPECS[self.record_table].get(name) or BY_NAME[self.kind].get(name)
        return _(spec.label) if spec else name

    def run(self) -> Preview:
        problems = mapping_problems(self.kind, self.mapping)
        if problems:
            return Preview(self.kind, [], problems)
        rows = []
        total = len(self.table.rows)
        for index, (number, cells) in enumerate(zip(self.table.numbers, self.table.rows)):
            if index % 250 == 0:
                self.progress(N_("Checking rows"), index, total)
            rows.append(self.row(number, cells))
        self.progress(N_("Checking rows"), total, total)
        return Preview(self.kind, rows, [])

    def row(self, number: int, cells: list[Any]) -> RowPlan:
        plan = RowPlan(number)
        self.unresolved: set[str] = set()
        raw = {name: cells[index] if index < len(cells) else None for index, name in self.mapping.items()}
        values: dict[str, Any] = {}
        for name, cell in raw.items():
            if name in ("municipality", "state", "locality", "person_curp", "person_name", "organization"):
                continue
            try:
                value = _CONVERTERS[name](cell) if name in _CONVERTERS else text_of(cell)
            except CellProblem as problem:
                plan.problems.append(Problem(number, self.column(name), str(problem)))
                continue
            if value not in (None, ""):
                values[name] = value
        if self.kind in _LOCALITY_COLUMN:
            self.locality(plan, raw)
        if self.kind == "memberships":
            self.references(plan, raw, values)
        plan.values = values
        self.validate(plan)
        if not plan.problems:
            self.match(plan)
        if not plan.problems:
            self.twins(plan)
        if not plan.problems and self.kind == "memberships":
            self.share(plan)
        return plan

    def locality(self, plan: RowPlan, raw: dict[str, Any]) -> None:
        try:
            key = municipality_key(raw.get("municipality"), raw.get("state"))
        except CellProblem as problem:
            plan.problems.append(Problem(plan.number, self.column("municipality"), str(problem)))
            return
        name = text_of(raw.get("locality")) or None
        if key is None:
            if name:
                plan.problems.append(Problem(plan.number, self.column("locality"),
                                             _("Give the municipality of this locality.")))
            return
        try:
            self.repository.prepare("localities", {"municipality_key": key, "name": name}, None)
        except ValidationError as refused:
            for message in refused.problems.values():
                plan.problems.append(Problem(plan.number, self.column("locality"), message))
            return
        plan.locality = (key, name)

    def references(self, plan: RowPlan, raw: dict[str, Any], values: dict[str, Any]) -> None:
        from advisor_app.store.table_lookups import find_organization, find_person

        try:
            person = find_person(self.conn, self.repository, text_of(raw.get("person_curp")),
                                 text_of(raw.get("person_name")))
        except CellProblem as problem:
            by_curp = bool(text_of(raw.get("person_curp"))) or "person_name" not in self.columns
            plan.problems.append(Problem(plan.number, self.column("person_curp" if by_curp else "person_name"),
                                         str(problem)))
            self.unresolved.add("person_id")
            person = None
        try:
            organization = find_organization(self.conn, text_of(raw.get("organization")))
        except CellProblem as problem:
            plan.problems.append(Problem(plan.number, self.column("organization"), str(problem)))
            self.unresolved.add("organization_id")
            organization = None
        if person:
            values["person_id"] = person[0]
        if organization:
            values["organization_id"] = organization[0]
        plan.label = _("{person} in {organization}").format(person=person[1] if person else "?",
                                                            organization=organization[1] if organization else "?")

    def validate(self, plan: RowPlan) -> None:
        values = plan.values
        if self.kind == "people":
            plan.label = person_display_name(values.get("given_names") or "", values.get("first_surname") or "",
                                             values.get("second_surname"))
        elif self.kind == "organizations":
            plan.label = values.get("name") or ""
        try:
            clean = self.repository.prepare(self.record_table, dict(values), None, in_batch=True)
        except ValidationError as refused:
            for name, message in refused.problems.items():
                if name not in self.unresolved:  # already named: nobody or several answer to the name
                    plan.problems.append(Problem(plan.number, self.column(name), message))
            return
        plan.values = {name: clean[name] for name in clean if name in values}

    def match(self, plan: RowPlan) -> None:
        from advisor_app.store.table_lookups import registered_match

        found = registered_match(self.conn, self.repository, self.kind, plan.values, plan.locality)
        if found is None:
            return
        plan.match_id, plan.match_name, plan.match_reason = found
        current = self.repository.get(self.record_table, plan.match_id) or {}
        for name, value in plan.values.items():
            if current.get(name) in (None, ""):
                plan.fills[name] = value
            elif str(current.get(name)) != str(value):
                plan.kept.append(_(SPECS[self.record_table][name].label))
        locality_column = _LOCALITY_COLUMN.get(self.kind)
        if locality_column and plan.locality and not current.get(locality_column):
            plan.fills_locality = True
        elif locality_column and plan.locality and current.get(locality_column):
            registered = self.conn.execute("SELECT municipality_key, name FROM localities WHERE id = ?",
                                           (current[locality_column],)).fetchone()
            if registered and (registered[0], fold(registered[1] or "")) != (plan.locality[0],
                                                                                fold(plan.locality[1] or "")):
                plan.kept.append(_(SPECS[self.record_table][locality_column].label))

    def twins(self, plan: RowPlan) -> None:
        """A record written twice in the file: the later row is named, so the file is corrected."""
        values = plan.values
        keys: list[tuple[Any, str, str]] = []
        if plan.match_id:
            first = {"people": "given_names", "organizations": "name", "memberships": "person_id"}[self.kind]
            keys.append((("record", plan.match_id), first,
                         _("Row {row} is already an update of the same registered record.")))
        if self.kind == "people":
            if values.get("curp"):
                keys.append((("curp", values["curp"]), "curp", _("Row {row} has the same CURP.")))
            if values.get("birth_date"):
                sort_name = DERIVED["people"][1](values)
                municipality = plan.locality[0] if plan.locality else ""
                keys.append((("name", sort_name, values["birth_date"], municipality), "given_names",
                             _("Row {row} has the same person (same name, birth date and municipality).")))
        elif self.kind == "organizations":
            keys.append((("name", fold(values.get("name") or "")), "name",
                         _("Row {row} has an organization of the same name.")))
        else:
            keys.append((("member", values.get("person_id"), values.get("organization_id")), "person_id",
                         _("Row {row} has the same person in the same organization.")))
        for key, column, sentence in keys:
            earlier = self.seen.get(key)
            if earlier is not None:
                plan.problems.append(Problem(plan.number, self.column(column), sentence.format(row=earlier)))
                return
        for key, _column, _sentence in keys:
            self.seen[key] = plan.number

    def share(self, plan: RowPlan) -> None:
        """Shares of one organization up to 100 %: what is registered plus the file's rows so far."""
        organization = plan.values.get("organization_id")
        share = plan.values.get("share_pct")
        if share is None or (plan.match_id and "share_pct" not in plan.fills):
            return
        if organization not in self.shares:
            self.shares[organization] = self.repository.shares_total(organization)
        message = shares_problem([self.shares[organization]], share)
        if message:
            plan.problems.append(Problem(plan.number, self.column("share_pct"), message))
            return
        self.shares[organization] += Decimal(str(share))


def preview_import(store, kind: str, table: Table, mapping: dict[int, str], progress=None) -> Preview:
    """Every row of ``table`` judged and matched, nothing written; ``progress`` may raise ``Cancelled``."""
    if kind not in TABLES:
        raise StoreError(_("Choose what the file holds: people, organizations or memberships."))
    return _Previewer(store, kind, table, mapping, progress).run()


def apply_import(store, kind: str, table: Table, mapping: dict[int, str], skipped: set[int] = frozenset(),
                 skip_problems: bool = False, progress=None) -> ImportResult:
    """Preview again and write, all in one transaction: new records, updates of the rows not in ``skipped``
    (row numbers). Rows with problems refuse the whole import unless ``skip_problems``."""
    if kind not in TABLES:
        raise StoreError(_("Choose what the file holds: people, organizations or memberships."))
    progress = progress or _noop
    repository = Repository(store)
    record_table = TABLES[kind]
    with store.transaction(durable=True):
        preview = _Previewer(store, kind, table, mapping, progress).run()
        if preview.mapping_problems:
            raise StoreError(" ".join(preview.mapping_problems))
        troubled = preview.count(PROBLEM)
        if troubled and not skip_problems:
            raise StoreError(ngettext(
                "{count} row has problems: correct the file, or choose to import only the rows without problems.",
                "{count} rows have problems: correct the file, or choose to import only the rows without problems.",
                troubled).format(count=troubled))
        locality_column = _LOCALITY_COLUMN.get(kind)
        localities: dict[tuple[str, str | None], str] = {}

        def locality_id(row: RowPlan) -> str:
            key = (row.locality[0], fold(row.locality[1] or ""))
            if key not in localities:
                localities[key] = repository.ensure_locality(*row.locality)
            return localities[key]

        new_rows, updated, skipped_count = [], 0, troubled
        for row in preview.rows:
            status = row.status
            if status == NEW:
                values = dict(row.values)
                if locality_column and row.locality:
                    values[locality_column] = locality_id(row)
                new_rows.append(values)
            elif status == UPDATE and row.number not in skipped:
                fills = dict(row.fills)
                if row.fills_locality:
                    fills[locality_column] = locality_id(row)
                repository.update(record_table, row.match_id, fills)
                updated += 1
                if updated % 100 == 0:
                    progress(N_("Updating registered records"), updated, preview.count(UPDATE))
            elif status != PROBLEM:
                skipped_count += 1
        for start in range(0, len(new_rows), 500):
            progress(N_("Writing new records"), start, len(new_rows))
            repository.insert_many(record_table, new_rows[start:start + 500])
        progress(N_("Writing new records"), len(new_rows), len(new_rows))
    stamp = make_stamp(store.clock.millis, store.clock.counter) if (new_rows or updated) else None
    return ImportResult(len(new_rows), updated, skipped_count, stamp)
