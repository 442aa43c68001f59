"""The command line lists workshops and advisory sessions and prints a workshop's attendance sheet."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pypdf import PdfReader

from advisor_app.cli import main
from advisor_app.i18n import _, speaking
from advisor_app.store.database import Store
from advisor_app.store.demo import demo_id, load_demo
from advisor_app.store.repository import Repository

TODAY = dt.date.today()  # what "overdue" is measured against in the command line
PLAN = demo_id("workshop:plan")


@pytest.fixture
def db(db_path):
    """The demo data, with its workshops and sessions dated around today."""
    store = Store.open(db_path)
    try:
        load_demo(Repository(store), today=TODAY)
    finally:
        store.close()
    return str(db_path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_sentence(err, *words):
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err
    for word in words:
        assert word in err


def day(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


# --- list workshops -------------------------------------------------------------------------------

def test_list_workshops_json(capsys, db):
    code, out, err = run(capsys, "list", "workshops", "--db", db, "--json")
    assert code == 0 and err == ""
    workshops = json.loads(out)
    assert all(set(row) == {"id", "title", "held_on", "place", "facilitator", "hours", "status", "topics", "expected",
                            "attended"} for row in workshops)
    assert [row["title"] for row in workshops] == [  # newest first
        "Vender fuera de la comunidad: mercado y precios", "Acuerdos claros entre socios",
        "Cómo armar el plan de negocio del grupo"]
    plan = workshops[2]
    assert plan == {"id": PLAN, "title": "Cómo armar el plan de negocio del grupo", "held_on": day(-60),
                    "place": "Salón ejidal de El Cargadero", "facilitator": "Laura Méndez", "hours": "6",
                    "status": "held", "topics": ["business", "finance"], "expected": 7, "attended": 5}
    assert [row["status"] for row in workshops] == ["planned", "held", "held"]
    assert workshops[0]["topics"] == ["market", "negotiation"] and workshops[0]["attended"] == 0


def test_list_workshops_as_text(capsys, db):
    code, out, err = run(capsys, "list", "workshops", "--db", db, "--lang", "en")
    assert code == 0 and err == ""
    lines = [line.split("\t") for line in out.splitlines()]
    assert len(lines) == 3 and all(len(line) == 10 for line in lines)
    assert lines[2] == [PLAN, day(-60), "Cómo armar el plan de negocio del grupo", "Held",
                        "Business planning and management, Finance and bookkeeping", "Salón ejidal de El Cargadero",
                        "Laura Méndez", "6", "7", "5"]
    assert lines[0][3] == "Planned" and lines[0][4] == "Market and sales, Negotiation"
    code, out, _err = run(capsys, "list", "workshops", "--db", db, "--lang", "es")
    lines = [line.split("\t") for line in out.splitlines()]
    with speaking("es"):
        assert lines[2][3] == _("Held") and lines[0][3] == _("Planned")
    assert lines[2][4] == "Plan de negocio y administración, Finanzas y contabilidad"


def test_list_workshops_of_an_empty_file_prints_nothing(capsys, db_path):
    code, out, err = run(capsys, "list", "workshops", "--db", str(db_path), "--json")
    assert code == 0 and err == "" and json.loads(out) == []
    code, out, err = run(capsys, "list", "sessions", "--db", str(db_path))
    assert code == 0 and err == "" and out == ""


# --- list sessions --------------------------------------------------------------------------------

def test_list_sessions_json(capsys, db):
    code, out, err = run(capsys, "list", "sessions", "--db", db, "--json")
    assert code == 0 and err == ""
    sessions = json.loads(out)
    assert sessions == [  # newest first; the investors' quote is a week overdue, the other action was done
        {"id": demo_id("session:cooperative"), "held_on": day(-5), "organization_id": demo_id("org:cooperative"),
         "organization": "Sociedad Cooperativa Guayaberos del Cañón de Juchipila", "topics": ["market"],
         "open_actions": 1, "overdue": 0},
        {"id": demo_id("session:investors"), "held_on": day(-30), "organization_id": demo_id("org:investors"),
         "organization": "Grupo Inversionista El Cargadero", "topics": ["finance", "agreements"],
         "open_actions": 1, "overdue": 1},
    ]


def test_list_sessions_as_text(capsys, db):
    code, out, err = run(capsys, "list", "sessions", "--db", db, "--lang", "en")
    assert code == 0 and err == ""
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines == [
        [demo_id("session:cooperative"), day(-5), "Sociedad Cooperativa Guayaberos del Cañón de Juchipila",
         "Market and sales", "1", "0"],
        [demo_id("session:investors"), day(-30), "Grupo Inversionista El Cargadero",
         "Finance and bookkeeping, Agreements among partners", "1", "1"],
    ]
    code, out, _err = run(capsys, "list", "sessions", "--db", db, "--lang", "es")
    assert "Finanzas y contabilidad, Acuerdos entre socios" in out


# --- attendance-pdf -------------------------------------------------------------------------------

@pytest.mark.parametrize("language, words", [("es", ["Firma", "Página 1 de 1"]),
                                             ("en", ["Signature", "Page 1 of 1"])])
def test_attendance_pdf(capsys, db, tmp_path, language, words):
    target = tmp_path / "sheet.pdf"
    code, out, err = run(capsys, "attendance-pdf", "--db", db, "--id", PLAN, "--lang", language,
                         "--out", str(target))
    assert code == 0 and err == "" and out == f"{target}\n"
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(target).pages)
    for word in ["Cómo armar el plan de negocio del grupo", "Laura Méndez", "Bañuelos Hernández, Leticia", *words]:
        assert word in text


def test_attendance_pdf_takes_the_language_before_the_command(capsys, db, tmp_path):
    target = tmp_path / "sheet.pdf"
    code, out, _err = run(capsys, "--lang", "en", "attendance-pdf", "--db", db, "--id", PLAN, "--out", str(target))
    assert code == 0 and "Page 1 of 1" in PdfReader(target).pages[0].extract_text()


def test_attendance_pdf_of_an_unknown_workshop_exits_1_with_one_sentence(capsys, db, tmp_path):
    code, out, err = run(capsys, "attendance-pdf", "--db", db, "--id", "no-such-workshop", "--lang", "en",
                         "--out", str(tmp_path / "sheet.pdf"))
    assert code == 1 and out == ""
    assert_one_sentence(err, "no-such-workshop")
    assert not (tmp_path / "sheet.pdf").exists()


def test_attendance_pdf_into_a_missing_folder_exits_1_with_one_sentence(capsys, db, tmp_path):
    folder = tmp_path / "missing"
    code, out, err = run(capsys, "attendance-pdf", "--db", db, "--id", PLAN, "--lang", "en",
                         "--out", str(folder / "sheet.pdf"))
    assert code == 1 and out == ""
    assert_one_sentence(err, str(folder))
    assert not folder.exists()


@pytest.mark.parametrize("argv", [
    ["attendance-pdf", "--out", "sheet.pdf"],
    ["attendance-pdf", "--id", "some-workshop"],
    ["attendance-pdf", "--id", "x", "--out", "sheet.pdf", "--lang", "both"],
    ["list", "courses"],
])
def test_usage_errors_exit_2(capsys, argv, db_path):
    with pytest.raises(SystemExit) as leaving:
        main([*argv, "--db", str(db_path)])
    assert leaving.value.code == 2
    _out, err = capsys.readouterr()
    assert "usage" in err.lower() and "Traceback" not in err
    assert not db_path.exists()
