"""Each party's words agree with it: socia/socio/persona socia, representada/representado, the article of
an organization's name, in every template and both languages. Expected words written by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor_app.domain.agreements.assembly import Draft, Party, assemble
from advisor_app.domain.agreements.grammar import contracted, organization_form, person_form, with_article
from advisor_app.domain.agreements.library import load_library


@pytest.fixture(autouse=True)
def source_language():
    """Unlike the other domain tests, these read the Spanish catalog: the agreement is what they check."""
    yield


@pytest.mark.parametrize(("curp", "stated", "form"), [
    ("GOMA850321HZSRRN09", None, "masculine"), ("GOMA850321MZSRRN09", None, "feminine"),
    ("GOMA850321XZSRRN09", None, "neutral"), ("goma-850321-mzsrrn09", None, "feminine"),
    ("GOMA850321MZSRRN09", "neutral", "neutral"), ("", None, "masculine"), (None, "feminine", "feminine"),
    ("GOMA85", None, "masculine"),
])
def test_a_persons_form_is_stated_or_read_from_the_curp(curp, stated, form):
    assert person_form(curp, stated) == form


@pytest.mark.parametrize(("name", "form", "es", "en"), [
    ("Club Jerezanos de Lynwood", "masculine", "el Club Jerezanos de Lynwood", "the Club Jerezanos de Lynwood"),
    ("Sociedad Cooperativa Guayaberos", "feminine", "la Sociedad Cooperativa Guayaberos",
     "the Sociedad Cooperativa Guayaberos"),
    ("Federación de Clubes Zacatecanos del Sur de California", "feminine",
     "la Federación de Clubes Zacatecanos del Sur de California",
     "the Federación de Clubes Zacatecanos del Sur de California"),
    ("Municipio de Jerez", "masculine", "el Municipio de Jerez", "the Municipio de Jerez"),
    ("Secretaría de Bienestar", "feminine", "la Secretaría de Bienestar", "the Secretaría de Bienestar"),
    ("Comité Pro Obras de Tayahua", "masculine", "el Comité Pro Obras de Tayahua", "the Comité Pro Obras de Tayahua"),
    ("Jerezanos Unidos", "masculine", "Jerezanos Unidos", "Jerezanos Unidos"),
    ("Asociación de Productores", "feminine", "la Asociación de Productores", "the Asociación de Productores"),
])
def test_an_organization_takes_its_article(name, form, es, en):
    assert organization_form(name) == form
    assert with_article(name, form, "es") == es
    assert with_article(name, form, "en") == en


def test_spanish_contracts_de_el_but_not_a_place_called_el():
    assert contracted("En nombre de el Club Jerezanos") == "En nombre del Club Jerezanos"
    assert contracted("entregará a el Municipio") == "entregará al Municipio"
    assert contracted("vecinos de El Cargadero") == "vecinos de El Cargadero"


def person(key, name, role, form, **more):
    return Party(key, "person", name, role, True, "INE 1", form=form, **more)


def organization(key, name, role, kind="organization"):
    return Party(key, kind, name, role, True, "INE 2", "Rosa Pérez", "presidenta", "MX", "Jerez, Zacatecas",
                 form=organization_form(name))


# Per template: the role a person can take and its Spanish forms (masculine, feminine, neutral) and English.
PERSON_ROLES = {
    "partnership": ("partner", ("Socio", "Socia", "Persona socia"), "Partner"),
    "co_investment": ("witness", ("Testigo", "Testigo", "Testigo"), "Witness"),
    "cofinancing": ("witness", ("Testigo", "Testigo", "Testigo"), "Witness"),
}


@pytest.mark.parametrize("template_id", sorted(PERSON_ROLES))
def test_each_person_signs_in_their_own_form(template_id):
    template = load_library()[template_id]
    role, spanish, english = PERSON_ROLES[template_id]
    parties = tuple(person(f"p{index}", name, role, form, share_pct=Decimal(100) / 3, contribution=Decimal(1000))
                    for index, (name, form) in enumerate((("Juan Pérez", "masculine"), ("Ana López", "feminine"),
                                                          ("Alex Ruiz", "neutral"))))
    draft = Draft(template, parties=parties)
    signed_es = {signatory.name: signatory.role for signatory in assemble(draft, "es").signatories}
    signed_en = {signatory.name: signatory.role for signatory in assemble(draft, "en").signatories}
    assert [signed_es[name] for name in ("Juan Pérez", "Ana López", "Alex Ruiz")] == list(spanish)
    assert set(signed_en.values()) == {english}
    if role not in template.witness_roles:
        declarations = assemble(draft, "es").declarations
        assert "en su carácter de Socia" in declarations[1] and "en su carácter de Socio" in declarations[0]
        assert "en su carácter de Persona socia" in declarations[2]
        assert "Ana López, en su carácter de Socia" in assemble(draft, "es").preamble


ORGANIZATION_ROLES = {
    "co_investment": [("club", "Club Jerezanos de Lynwood", "el Club"),
                      ("group", "Sociedad Cooperativa Guayaberos", "el Grupo")],
    "cofinancing": [("club", "Federación de Clubes Zacatecanos", "el Club"),
                    ("municipality", "Municipio de Jerez", "el Municipio"),
                    ("federal", "Secretaría de Bienestar", "la Dependencia Federal")],
    "partnership": [("partner", "Sociedad Cooperativa Guayaberos", None)],
}


@pytest.mark.parametrize("template_id", sorted(ORGANIZATION_ROLES))
def test_each_organization_is_named_with_its_article_and_agrees(template_id):
    template = load_library()[template_id]
    roles = ORGANIZATION_ROLES[template_id]
    parties = tuple(organization(f"o{index}", name, role, "authority" if role in ("municipality", "federal")
                                 else "organization") for index, (role, name, _term) in enumerate(roles))
    draft = Draft(template, parties=parties)
    spanish, english = assemble(draft, "es"), assemble(draft, "en")
    for index, (role, name, term) in enumerate(roles):
        feminine = organization_form(name) == "feminine"
        article = "La" if feminine else "El"
        declaration = spanish.declarations[index]
        assert declaration.startswith(f"{'I' * (index + 1) if index < 3 else ''}. {article} {name}")
        assert ("representada por" if feminine else "representado por") in declaration
        assert declaration.endswith("para obligarla." if feminine else "para obligarlo.")
        assert "represented by" in english.declarations[index] and english.declarations[index].endswith("bind it.")
        if term:
            assert f"{article.lower()} {name}, en lo sucesivo “{term}”" in spanish.preamble
        # The signatory signs in their office, for the organization named with its article; never in the
        # template's role label ("Club o federación de migrantes").
        signatory = spanish.signatories[index]
        assert signatory.role == "presidenta" and signatory.on_behalf_of == f"{article.lower()} {name}"
        if term:
            assert f"carácter de {template.roles[role]['es']}" not in spanish.preamble + " ".join(spanish.declarations)


@pytest.mark.parametrize(("template_id", "es", "en"), [
    ("partnership", "el presente contrato", "this agreement"),
    ("co_investment", "el presente convenio", "this agreement"),
    ("cofinancing", "el presente convenio", "this agreement"),
])
def test_the_document_calls_itself_by_one_name(template_id, es, en):
    template = load_library()[template_id]
    draft = Draft(template, parties=(person("p1", "Ana López", "witness", "feminine"),
                                     organization("o1", "Club Jerezanos", [role for role in template.roles
                                                                           if role != "witness"][0])))
    spanish, english = assemble(draft, "es"), assemble(draft, "en")
    assert es in spanish.preamble and en in english.preamble
    assert all(es in declaration for declaration in spanish.declarations)
    other = {"contrato": "convenio", "convenio": "contrato"}[es.split()[-1]]
    texts = [spanish.title, spanish.preamble, *spanish.declarations,
             *(paragraph for clause in spanish.clauses for paragraph in clause.paragraphs)]
    assert not any(f"presente {other}" in text or f"este {other}" in text or "presente acuerdo" in text
                   or "presente instrumento" in text for text in texts)
