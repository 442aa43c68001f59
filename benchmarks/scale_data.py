"""A registry at the scale of a large federation, written through ``Repository.insert_many``.

Every row goes through the same validation, HLC stamping and change log as an edit in the app, so
the data file looks like one that grew by use. Output is deterministic for a given seed.

    python -m benchmarks.scale_data PATH [--people N] [--organizations N] [--seed N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from advisor_app.domain.catalog import mexico
from advisor_app.store.database import Store
from advisor_app.store.demo import make_curp
from advisor_app.store.repository import Repository

MALE_NAMES = (
    "José", "Juan", "Luis", "Jesús", "Francisco", "Antonio", "Miguel", "Pedro", "Alejandro", "Manuel",
    "Ricardo", "Roberto", "Jorge", "Carlos", "Fernando", "Javier", "Sergio", "Raúl", "Arturo", "Eduardo",
    "Salvador", "Ramón", "Rafael", "Enrique", "Alfonso", "Armando", "Gerardo", "Héctor", "Martín", "Daniel",
    "Rubén", "Ignacio", "Guillermo", "Óscar", "Efraín", "Rigoberto", "Gabriel", "Andrés", "Ángel", "Joaquín",
    "Tomás", "Felipe", "Agustín", "Ernesto", "Hugo", "Víctor", "Mario", "Alberto", "Gustavo", "Humberto",
    "Marco", "Octavio", "Saúl", "Adrián", "Emilio", "Santiago", "Diego", "Iván", "Julio", "César",
)
FEMALE_NAMES = (
    "María", "Guadalupe", "Ana", "Rosa", "Juana", "Margarita", "Verónica", "Leticia", "Teresa", "Patricia",
    "Elizabeth", "Martha", "Silvia", "Claudia", "Norma", "Yolanda", "Alicia", "Gabriela", "Laura", "Adriana",
    "Sandra", "Josefina", "Gloria", "Lucía", "Carmen", "Elena", "Beatriz", "Isabel", "Araceli", "Mónica",
    "Susana", "Alejandra", "Irma", "Rocío", "Graciela", "Esperanza", "Socorro", "Angélica", "Lourdes", "Sofía",
    "Fernanda", "Daniela", "Mariana", "Ximena", "Valeria", "Karla", "Brenda", "Érika", "Lorena", "Dolores",
    "Cecilia", "Consuelo", "Estela", "Ofelia", "Reyna", "Soledad", "Paola", "Diana", "Luz", "Natalia",
)
SURNAMES = tuple(dict.fromkeys((
    "García", "Hernández", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez", "Cruz",
    "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz", "Gutiérrez", "Ruiz",
    "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero", "Álvarez", "Méndez", "Chávez", "Rivera",
    "Juárez", "Ramos", "Domínguez", "Herrera", "Medina", "Castro", "Vargas", "Guzmán", "Velázquez", "Muñoz",
    "Rojas", "Contreras", "Salazar", "Luna", "Ortega", "Guerrero", "Estrada", "Bautista", "Delgado", "Cortés",
    "Sandoval", "Soto", "Núñez", "Ríos", "Figueroa", "Ibarra", "Ávila", "Carrillo", "Esparza", "Ruvalcaba",
    "Márquez", "Félix", "Haro", "Robles", "Llamas", "Del Real", "Valdez", "Muro", "Román", "Lamas",
    "Bañuelos", "Casillas", "Rentería", "Correa", "Rosales", "Trujillo", "Macías", "Escobedo", "De la Torre",
    "Acosta", "Navarro", "Sosa", "Campos", "Cervantes", "Lara", "Meza", "Solís", "Pacheco", "Villa", "Zamora",
    "Salas", "Valenzuela", "Padilla", "Cárdenas", "Fuentes", "Orozco", "Montes", "Alvarado", "Serrano",
    "Espinoza", "Valadez", "Saucedo", "Quezada", "Sifuentes", "Murillo",
)))
VILLAGES = (
    None, "El Cargadero", "Ermita de Guadalupe", "San José", "Santa Rita", "La Estancia", "El Saucito",
    "Los Ramírez", "San Juan", "La Labor", "El Tepetate", "Santa Ana", "Tayahua", "El Remolino", "La Cantera",
    "San Pedro", "El Salto", "Las Palmas", "La Presa", "El Mezquite", "San Isidro", "La Ciénega", "El Refugio",
    "Guadalupe Victoria", "Los Haro", "El Porvenir", "San Antonio", "La Escondida", "El Durazno", "Agua Zarca",
)
# States with most migration to the US, by INEGI key.
HOME_STATES = ("32", "14", "16", "11", "20", "21", "10", "24", "01", "18")
US_PLACES = (
    ("Los Angeles", "CA", "323"), ("Lynwood", "CA", "310"), ("Santa Ana", "CA", "714"), ("Fresno", "CA", "559"),
    ("Oxnard", "CA", "805"), ("San Jose", "CA", "408"), ("Chicago", "IL", "773"), ("Dallas", "TX", "214"),
    ("Houston", "TX", "713"), ("Denver", "CO", "303"), ("Phoenix", "AZ", "602"), ("Las Vegas", "NV", "702"),
    ("Atlanta", "GA", "404"), ("Yakima", "WA", "509"), ("Salt Lake City", "UT", "801"),
)
CLUB_WORDS = ("Club Social", "Club", "Club Deportivo", "Club Cultural", "Club Unidos por", "Club Hijos de",
              "Club Amigos de")
PRODUCTS = ("Guayaberos", "Mezcaleros", "Nopaleros", "Apicultores", "Ganaderos", "Artesanos", "Productores de Chile",
            "Frijoleros", "Queseros", "Cafetaleros")
KIND_WEIGHTS = (("migrant_club", 70), ("cooperative", 10), ("investor_group", 8), ("community_committee", 10),
                ("other", 2))
OFFICER_ROLES = ("president", "secretary", "treasurer")
BIRTH_FIRST = dt.date(1940, 1, 1).toordinal()
BIRTH_LAST = dt.date(2006, 12, 31).toordinal()


def _ascii(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", text.lower())
                   if char.isalnum() and char.isascii())


@dataclass
class ScaleReport:
    """What was written and how long ``insert_many`` took for each table (Python row building excluded)."""

    path: Path
    people: int = 0
    organizations: int = 0
    memberships: int = 0
    localities: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def rate(self, table: str) -> float:
        count = {"people": self.people, "organizations": self.organizations,
                 "memberships": self.memberships}[table]
        return count / self.seconds[table] if self.seconds.get(table) else 0.0


class ScaleGenerator:
    def __init__(self, repository: Repository, seed: int = 20251125):
        self.repository = repository
        self.random = random.Random(seed)
        self.curps: set[str] = set()
        catalog = mexico()
        self.municipalities = [key for key in catalog.municipalities if key[:2] in HOME_STATES]
        self.localities: list[tuple[str, str]] = []  # (locality id, municipality key)
        self.organization_ids: list[str] = []

    def localities_pool(self, count: int) -> int:
        """``count`` distinct localities through ``ensure_locality`` (the editors' path)."""
        seen = set()
        while len(self.localities) < count:
            municipality = self.random.choice(self.municipalities)
            village = self.random.choice(VILLAGES)
            if (municipality, village) in seen:
                continue
            seen.add((municipality, village))
            self.localities.append((self.repository.ensure_locality(municipality, village), municipality))
        return len(self.localities)

    # Organizations -----------------------------------------------------------
    def _organization(self, kind: str, federations: list[str]) -> dict:
        rnd = self.random
        locality_id, municipality = rnd.choice(self.localities)
        place = mexico().municipality(municipality).name
        values = {"kind": kind, "origin_locality_id": locality_id,
                  "status": rnd.choices(("active", "forming", "inactive"), (85, 10, 5))[0]}
        if kind in ("migrant_club", "federation"):
            city, state, area = rnd.choice(US_PLACES)
            values.update(base_city=city, base_state=state, phone=f"+1 {area} 555 {rnd.randrange(10000):04d}")
        else:
            values["phone"] = f"+52 {rnd.randrange(200, 999)} {rnd.randrange(100, 999)} {rnd.randrange(10000):04d}"
        if kind == "federation":
            state_name = mexico().municipality(municipality).state.name
            values["name"] = f"Federación de Clubes de {state_name} en {values['base_city']} {rnd.randrange(1, 99)}"
        elif kind == "migrant_club":
            values["name"] = f"{rnd.choice(CLUB_WORDS)} {place} en {values['base_city']}"
            if federations and rnd.random() < 0.6:
                values["parent_id"] = rnd.choice(federations)
        elif kind == "cooperative":
            values["name"] = f"Sociedad Cooperativa {rnd.choice(PRODUCTS)} de {place}"
            values["legal_form"] = "S.C. de R.L. de C.V."
        elif kind == "investor_group":
            values["name"] = f"Grupo Inversionista {rnd.choice(SURNAMES)} {rnd.choice(SURNAMES)} de {place}"
        elif kind == "community_committee":
            values["name"] = f"Comité Espejo de {place}"
        else:
            values["name"] = f"Asociación Civil {rnd.choice(SURNAMES)} de {place}"
        return values

    def organizations(self, count: int, batch: int, report: ScaleReport) -> None:
        federation_count = max(1, count // 200)
        kinds, weights = zip(*KIND_WEIGHTS)
        plan = ["federation"] * federation_count + self.random.choices(kinds, weights, k=count - federation_count)
        federations: list[str] = []
        spent = 0.0
        for start in range(0, len(plan), batch):
            chunk = plan[start:start + batch]
            rows = [self._organization(kind, federations) for kind in chunk]
            began = time.perf_counter()
            ids = self.repository.insert_many("organizations", rows)
            spent += time.perf_counter() - began
            federations.extend(row_id for row_id, kind in zip(ids, chunk) if kind == "federation")
            self.organization_ids.extend(ids)
        report.organizations += len(plan)
        report.seconds["organizations"] = report.seconds.get("organizations", 0.0) + spent

    # People ------------------------------------------------------------------
    def person(self) -> dict:
        rnd = self.random
        sex = rnd.choice("HM")
        names = MALE_NAMES if sex == "H" else FEMALE_NAMES
        given = rnd.choice(names)
        if rnd.random() < 0.4:
            given = f"{given} {rnd.choice(names)}"
        first, second = rnd.choice(SURNAMES), rnd.choice(SURNAMES)
        locality_id, municipality = rnd.choice(self.localities)
        state = "NE" if rnd.random() < 0.05 else mexico().municipality(municipality).state.curp_code
        born = dt.date.fromordinal(rnd.randint(BIRTH_FIRST, BIRTH_LAST))
        curp = make_curp(given, first, second, born, sex, state)
        while curp in self.curps:
            born += dt.timedelta(days=1)
            curp = make_curp(given, first, second, born, sex, state)
        self.curps.add(curp)
        country = "US" if rnd.random() < 0.45 else "MX"
        values = {"given_names": given, "first_surname": first, "second_surname": second,
                  "birth_date": born.isoformat(), "curp": curp, "residence_country": country,
                  "locality_id": locality_id}
        if country == "US":
            city, _state, area = rnd.choice(US_PLACES)
            values.update(us_city=city, phone=f"+1 {area} 555 {rnd.randrange(10000):04d}")
        else:
            values["phone"] = f"+52 {rnd.randrange(200, 999)} {rnd.randrange(100, 999)} {rnd.randrange(10000):04d}"
        if rnd.random() < 0.25:
            values["email"] = f"{_ascii(given.split()[0])}.{_ascii(first)}{rnd.randrange(100)}@example.com"
        return values

    def memberships_for(self, person_id: str, country: str) -> list[dict]:
        rnd = self.random
        count = rnd.choices((1, 2, 3), (50, 35, 15))[0]
        rows = []
        for organization_id in rnd.sample(self.organization_ids, count):
            role = rnd.choice(OFFICER_ROLES) if rnd.random() < 0.08 else "member"
            row = {"person_id": person_id, "organization_id": organization_id, "role": role,
                   "currency": "USD" if country == "US" else "MXN"}
            if rnd.random() < 0.3:
                row["contribution"] = str(rnd.randrange(1, 50) * 100)
            rows.append(row)
        return rows

    def people(self, count: int, batch: int, report: ScaleReport,
               progress: Callable[[int], None] | None = None) -> None:
        for start in range(0, count, batch):
            rows = [self.person() for _ in range(min(batch, count - start))]
            countries = [row["residence_country"] for row in rows]
            began = time.perf_counter()
            ids = self.repository.insert_many("people", rows)
            report.seconds["people"] = report.seconds.get("people", 0.0) + time.perf_counter() - began
            report.people += len(ids)
            memberships = [membership for person_id, country in zip(ids, countries)
                           for membership in self.memberships_for(person_id, country)]
            began = time.perf_counter()
            self.repository.insert_many("memberships", memberships)
            report.seconds["memberships"] = report.seconds.get("memberships", 0.0) + time.perf_counter() - began
            report.memberships += len(memberships)
            if progress:
                progress(report.people)


def generate(path: Path | str, people: int = 100_000, organizations: int = 10_000, localities: int = 300,
             batch: int = 5_000, seed: int = 20251125,
             progress: Callable[[int], None] | None = None) -> ScaleReport:
    """Fill a new data file at ``path``; the welcome is marked done so the GUI opens straight to the lists."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    store = Store.open(path)
    try:
        generator = ScaleGenerator(Repository(store), seed)
        report = ScaleReport(path)
        report.localities = generator.localities_pool(localities)
        generator.organizations(organizations, batch, report)
        generator.people(people, batch, report, progress)
        store.set_meta("welcome_done", "1")
        store.set_meta("language", "es")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return report
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale_data", description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--organizations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20251125)
    args = parser.parse_args(argv)
    report = generate(args.path, args.people, args.organizations, seed=args.seed,
                      progress=lambda done: print(f"\r{done} people", end="", flush=True))
    print(f"\n{report.organizations} organizations, {report.people} people, {report.memberships} memberships, "
          f"{report.localities} localities in {args.path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
