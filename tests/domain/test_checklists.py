"""Document checklists are data an office edits (resources/checklists/*.json): the shipped ones load, a
document applies by kind of organization or to the plan, and a broken file is one sentence naming it."""

from __future__ import annotations

import json

import pytest

from advisor_app.domain.checklists import ChecklistFileError, load_checklists, missing
from advisor_app.i18n import speaking


@pytest.fixture(autouse=True)
def in_english(english):
    """Sentences in the source language."""


def test_the_shipped_checklists_load_with_both_languages():
    checklists = {checklist.id: checklist for checklist in load_checklists()}
    assert set(checklists) == {"3x1_migrantes", "oficina_municipal"}
    program = checklists["3x1_migrantes"]
    assert [document.code for document in program.for_organization("migrant_club")] == [
        "toma_de_nota", "acta_constitutiva", "comprobante_domicilio", "identificacion_representantes"]
    assert "rfc" in [document.code for document in program.for_organization("cooperative")]
    assert "toma_de_nota" not in [document.code for document in program.for_organization("cooperative")]
    assert [document.code for document in program.for_plan()] == ["expediente_tecnico"]
    with speaking("es"):
        assert program.name == "3x1 para Migrantes"
        assert program.document("expediente_tecnico").name == "Expediente técnico del proyecto"
    with speaking("en"):
        assert program.document("expediente_tecnico").name == "Technical file of the project"
    assert [document.code for document in missing(program.for_plan(), {"expediente_tecnico"})] == []


GOOD = {"id": "oficina", "name": {"es": "Oficina", "en": "Office"},
        "documents": [{"code": "rfc", "name": {"es": "RFC", "en": "Tax ID"}, "organization_kinds": ["cooperative"]}]}


def write(folder, name, content):
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def broken(tmp_path, content, name="oficina.json") -> str:
    path = write(tmp_path, name, content)
    with pytest.raises(ChecklistFileError) as refused:
        load_checklists(tmp_path)
    message = str(refused.value)
    assert str(path) in message and message.endswith(".") and "\n" not in message and "Traceback" not in message
    return message


def test_an_office_file_loads(tmp_path):
    write(tmp_path, "oficina.json", GOOD)
    (checklist,) = load_checklists(tmp_path)
    assert checklist.id == "oficina" and checklist.for_organization("cooperative")[0].code == "rfc"


@pytest.mark.parametrize(("content", "says"), [
    ("{not json", "is not valid JSON"),
    ({**GOOD, "id": "Oficina Municipal"}, "needs an id"),
    ({**GOOD, "name": {"es": "Oficina"}}, "name in Spanish and English"),
    ({**GOOD, "documents": []}, "has no list of documents"),
    ({**GOOD, "documents": [GOOD["documents"][0], GOOD["documents"][0]]}, "Two documents share the code rfc"),
    ({**GOOD, "documents": [{"code": "rfc", "name": {"es": "RFC", "en": "Tax ID"},
                             "organization_kinds": ["sindicato"]}]}, "unknown kind of organization, sindicato"),
    ({**GOOD, "documents": [{"code": "rfc", "name": {"es": "RFC", "en": "Tax ID"}}]},
     "asked of no organization and not of the plan"),
    ({**GOOD, "documents": [{"code": "rfc", "name": {"es": "RFC", "en": "Tax ID"}, "plan": "yes"}]},
     "not written as the format expects"),
])
def test_a_broken_file_is_one_sentence_naming_it(tmp_path, content, says):
    assert says in broken(tmp_path, content)


def test_two_files_with_one_id_are_refused(tmp_path):
    write(tmp_path, "a.json", GOOD)
    assert "Two document checklists share the id oficina" in broken(tmp_path, GOOD, name="b.json")

