"""Who signs for a government: the municipality through its presidente municipal and its síndico (one
party, two signatures), with the secretario del ayuntamiento as witness; the federal party is an agency,
never a program; a club signs in its president's office, never in the template's role label."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor_app.domain.agreements.assembly import assemble
from advisor_app.i18n import speaking
from advisor_app.store import agreements
from advisor_app.store.demo import demo_id, load_demo


@pytest.fixture(autouse=True)
def source_language():
    """With the Spanish catalog: what the app writes into a draft is Spanish, the text that prevails."""
    yield


@pytest.fixture
def cofinancing(repo):
    load_demo(repo)
    agreement_id = agreements.create_agreement(repo, "cofinancing", demo_id("org:club_juchipila"),
                                               demo_id("plan:cooperative"), today=dt.date(2026, 11, 25))
    return agreement_id


def test_the_governments_sign_through_their_officers(repo, cofinancing):
    rows = [(row["role"], row["authority_name"], row["representative_title"] or "")
            for row in agreements.party_rows(repo.conn, cofinancing) if row["kind"] == "authority"]
    assert rows == [("municipality", "Municipio de Juchipila", "presidente municipal"),
                    ("municipality", "Municipio de Juchipila", "síndico municipal"),
                    ("state", "Gobierno del Estado de Zacatecas", ""),
                    ("federal", "Secretaría de Bienestar", ""),
                    ("witness", "Municipio de Juchipila", "secretario del ayuntamiento")]


def test_one_municipality_is_one_party_with_two_signatures(repo, cofinancing):
    for row in agreements.party_rows(repo.conn, cofinancing):
        if row["kind"] == "authority":
            agreements.edit_party(repo, row["id"], {"representative": {
                "presidente municipal": "María Ruiz Salas", "síndico municipal": "Pedro Gómez Díaz",
            }.get(row["representative_title"], "Luis Ávila"), "id_number": "INE 1234567890123"})
    draft = agreements.draft_of(repo, cofinancing)
    with speaking("es"):
        spanish = assemble(draft, "es")
    with speaking("en"):
        english = assemble(draft, "en")
    municipal = [text for text in spanish.declarations if "Municipio de Juchipila" in text]
    assert len(municipal) == 1 and municipal[0].startswith("III. El Municipio de Juchipila, representado por María "
                                                          "Ruiz Salas, presidente municipal y Pedro Gómez Díaz, "
                                                          "síndico municipal, declara")
    assert spanish.preamble.count("Municipio de Juchipila") == 1
    assert "la Secretaría de Bienestar, en lo sucesivo “la Dependencia Federal”" in spanish.preamble
    # The English names the authorities and their offices in English (issue 14, item 5).
    assert "the Secretariat of Welfare, hereinafter “the Federal Agency”" in english.preamble
    assert english.preamble.count("the Municipality of Juchipila") == 1
    english_offices = [(signatory.role, signatory.on_behalf_of) for signatory in english.signatories]
    assert ("municipal president", "the Municipality of Juchipila") in english_offices
    assert ("municipal trustee (síndico)", "the Municipality of Juchipila") in english_offices
    assert ("secretary of the town council", "the Municipality of Juchipila") in english_offices
    assert "programa" not in spanish.preamble.lower()
    offices = [(signatory.role, signatory.on_behalf_of) for signatory in spanish.signatories]
    assert ("presidente municipal", "el Municipio de Juchipila") in offices
    assert ("síndico municipal", "el Municipio de Juchipila") in offices
    assert ("secretario del ayuntamiento", "el Municipio de Juchipila") in offices
    assert not any("Club de migrantes" in role for role, _name in offices)
