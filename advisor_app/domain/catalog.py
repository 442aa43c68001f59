"""Mexico's states and municipalities (INEGI keys) and US states, from the shipped catalogs.

Loaded once, on first use. Search ignores case and accents, so "jerez" and "JÉREZ" both find
Jerez, Zacatecas.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from advisor_app.paths import RESOURCES

CATALOGS = RESOURCES / "catalogs"


@dataclass(frozen=True)
class State:
    key: str
    name: str
    curp_code: str


@dataclass(frozen=True)
class Municipality:
    key: str
    name: str
    state: State

    @property
    def label(self) -> str:
        return f"{self.name}, {self.state.name}"


# Spanish letters folded by a table (fast); anything else non-ASCII goes through Unicode decomposition.
_SPANISH = str.maketrans("áéíóúüñàèìòùâêîôûäëïö", "aeiouunaeiouaeiouaeio")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents (ñ becomes n): the form in which names are compared."""
    folded = text.casefold().translate(_SPANISH)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass
class MexicoCatalog:
    states: dict[str, State]
    municipalities: dict[str, Municipality]
    curp_state_codes: frozenset[str]

    @cached_property
    def _folded(self) -> tuple[tuple[str, Municipality], ...]:
        """Labels in compared form, built at the first search (showing a name needs none of it)."""
        return tuple((fold(m.label), m) for m in self.municipalities.values())

    def municipality(self, key: str | None) -> Municipality | None:
        return self.municipalities.get(key) if key else None

    def search(self, query: str, limit: int = 20) -> list[Municipality]:
        """Municipalities whose name, or name plus state, matches the typed words; best matches first."""
        words = fold(query).replace(",", " ").split()
        if not words:
            return []
        ranked: list[tuple[int, str, Municipality]] = []
        for folded, municipality in self._folded:
            if not all(word in folded for word in words):
                continue
            name = fold(municipality.name)
            if name.startswith(words[0]):
                rank = 0
            elif any(part.startswith(words[0]) for part in name.split()):
                rank = 1
            else:
                rank = 2
            ranked.append((rank, folded, municipality))
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [municipality for _, _, municipality in ranked[:limit]]


@lru_cache(maxsize=1)
def mexico() -> MexicoCatalog:
    data = json.loads((CATALOGS / "mexico.json").read_text(encoding="utf-8"))
    states = {row["key"]: State(row["key"], row["name"], row["curp_code"]) for row in data["states"]}
    municipalities = {key: Municipality(key, name, states[key[:2]]) for key, name in data["municipalities"]}
    codes = frozenset(s.curp_code for s in states.values()) | {data["curp_born_abroad"]}
    return MexicoCatalog(states, municipalities, codes)


@lru_cache(maxsize=1)
def us_states() -> dict[str, str]:
    """USPS code → name."""
    rows = json.loads((CATALOGS / "us_states.json").read_text(encoding="utf-8"))
    return {code: name for code, name in rows}


def locality_label(locality: dict | None) -> str:
    """"El Cargadero, Jerez, Zacatecas": the town, then its municipality and state from the INEGI
    catalog; the town is left out when it is the municipality's seat of the same name."""
    if not locality:
        return ""
    municipality = mexico().municipality(locality.get("municipality_key"))
    name = (locality.get("name") or "").strip()
    if municipality is None:
        return name
    if not name or fold(name) == fold(municipality.name):
        return municipality.label
    return f"{name}, {municipality.label}"
