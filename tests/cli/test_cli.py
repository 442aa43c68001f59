import json
import os
import sqlite3
import subprocess
import sys

import pytest

from advisor_app.cli import main
from advisor_app.store.database import Store
from advisor_app.store.schema import LATEST_VERSION


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv, cwd):
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "advisor_app", *argv], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=env, timeout=60)


def assert_one_sentence(err, *words):
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err
    for word in words:
        assert word in err


# --- demo, check, list ----------------------------------------------------------------------------

def test_demo_twice(capsys, db_path):
    code, out, err = run(capsys, "demo", "--db", str(db_path))
    assert code == 0 and err == ""
    assert any(char.isdigit() for char in out)
    code, second, err = run(capsys, "demo", "--db", str(db_path))
    assert code == 0 and err == ""
    assert second != out and not any(char.isdigit() for char in second)
    store = Store.open(db_path)
    try:
        assert store.counts()["people"] == 25
    finally:
        store.close()


def test_check_json(capsys, db_path):
    run(capsys, "demo", "--db", str(db_path))
    code, out, err = run(capsys, "check", "--db", str(db_path), "--json")
    assert code == 0 and err == ""
    report = json.loads(out)
    assert report["ok"] is True and report["problems"] == []
    assert report["counts"]["people"] == 25
    assert report["counts"]["organizations"] == 6
    assert report["counts"]["memberships"] == 27
    assert report["counts"]["change_log"] > 0
    assert report["path"] == str(db_path)


def test_check_as_text(capsys, db_path):
    run(capsys, "demo", "--db", str(db_path))
    code, out, err = run(capsys, "check", "--db", str(db_path))
    assert code == 0 and err == ""
    assert str(db_path) in out
    assert "people: 25" in out


def test_options_before_the_command(capsys, db_path):
    run(capsys, "--db", str(db_path), "demo")
    code, out, _err = run(capsys, "--db", str(db_path), "check", "--json")
    assert code == 0 and json.loads(out)["counts"]["people"] == 25


def test_list_organizations_json(capsys, db_path):
    run(capsys, "demo", "--db", str(db_path))
    code, out, err = run(capsys, "list", "organizations", "--db", str(db_path), "--json")
    assert code == 0 and err == ""
    records = json.loads(out)
    assert len(records) == 6
    assert all({"id", "name", "kind", "members"} <= set(record) for record in records)
    cooperative = next(record for record in records if record["kind"] == "cooperative")
    assert cooperative["members"] == 12
    assert "Cañón" in cooperative["name"]


def test_list_people_json(capsys, db_path):
    run(capsys, "demo", "--db", str(db_path))
    code, out, _err = run(capsys, "list", "people", "--db", str(db_path), "--json")
    records = json.loads(out)
    assert code == 0 and len(records) == 25
    assert sum(record["residence_country"] == "US" for record in records) == 8


def test_list_people_as_text(capsys, db_path):
    run(capsys, "demo", "--db", str(db_path))
    code, out, err = run(capsys, "list", "people", "--db", str(db_path))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 25
    first = lines[0].split("\t")
    assert len(first) == 4
    assert any("Jerez, Zacatecas" in line for line in lines)
    assert any("Ruvalcaba Márquez, María Guadalupe" in line for line in lines)


def test_list_organizations_as_text(capsys, db_path):
    run(capsys, "demo", "--db", str(db_path))
    code, out, _err = run(capsys, "list", "organizations", "--db", str(db_path))
    assert code == 0 and len(out.splitlines()) == 6
    assert "Juchipila, Zacatecas" in out


def test_list_plans_json(capsys, db_path):
    run(capsys, "demo", "--db", str(db_path))
    code, out, err = run(capsys, "list", "plans", "--db", str(db_path), "--json")
    assert code == 0 and err == ""
    plans = json.loads(out)
    assert [plan["title"] for plan in plans] == ["Ate y dulces de guayaba del Cañón de Juchipila",
                                                  "Planta de chile seco y salsas El Cargadero"]
    assert all(set(plan) == {"id", "title", "scenario", "lead_organization", "lead_organization_id", "status",
                             "sector"} for plan in plans)
    assert [plan["status"] for plan in plans] == ["draft", "in_review"]
    assert {plan["sector"] for plan in plans} == {"food_processing"}
    assert plans[1]["lead_organization"] == "Grupo Inversionista El Cargadero" and plans[1]["scenario"] is None


def test_list_plans_as_text(capsys, db_path):
    run(capsys, "demo", "--db", str(db_path))
    code, out, err = run(capsys, "list", "plans", "--db", str(db_path), "--lang", "en")
    assert code == 0 and err == ""
    lines = [line.split("\t") for line in out.splitlines()]
    assert len(lines) == 2 and all(len(line) == 6 for line in lines)
    assert lines[1][1:] == ["Planta de chile seco y salsas El Cargadero", "", "Grupo Inversionista El Cargadero",
                            "In review", "Food processing"]
    code, out, _err = run(capsys, "list", "plans", "--db", str(db_path), "--lang", "es")
    assert "En revisión" in out and "Borrador" in out


def test_plan_pdf(capsys, db_path, tmp_path):
    run(capsys, "demo", "--db", str(db_path))
    _code, out, _err = run(capsys, "list", "plans", "--db", str(db_path), "--json")
    plan_id = json.loads(out)[1]["id"]
    target = tmp_path / "plan.pdf"
    for language in ("es", "en"):
        code, out, err = run(capsys, "plan-pdf", "--db", str(db_path), "--id", plan_id, "--lang", language,
                             "--out", str(target))
        assert code == 0 and err == "" and out == f"{target}\n"
        assert target.read_bytes().startswith(b"%PDF")


def test_plan_pdf_of_an_unknown_plan_exits_1_with_one_sentence(capsys, db_path, tmp_path):
    run(capsys, "demo", "--db", str(db_path))
    code, out, err = run(capsys, "plan-pdf", "--db", str(db_path), "--id", "no-such-plan", "--lang", "en",
                         "--out", str(tmp_path / "plan.pdf"))
    assert code == 1 and out == ""
    assert_one_sentence(err, "no-such-plan")
    assert not (tmp_path / "plan.pdf").exists()


def test_plan_pdf_into_a_missing_folder_exits_1_with_one_sentence(capsys, db_path, tmp_path):
    run(capsys, "demo", "--db", str(db_path))
    _code, out, _err = run(capsys, "list", "plans", "--db", str(db_path), "--json")
    folder = tmp_path / "missing"
    code, out, err = run(capsys, "plan-pdf", "--db", str(db_path), "--id", json.loads(out)[0]["id"], "--lang", "en",
                         "--out", str(folder / "plan.pdf"))
    assert code == 1 and out == ""
    assert_one_sentence(err, str(folder))


def test_new_database_is_made_for_a_db_that_does_not_exist(capsys, db_path):
    assert not db_path.exists()
    code, out, err = run(capsys, "check", "--db", str(db_path), "--json")
    assert code == 0 and err == ""
    report = json.loads(out)
    assert report["ok"] and set(report["counts"].values()) == {0}
    assert db_path.is_file()
    code, out, _err = run(capsys, "list", "people", "--db", str(db_path), "--json")
    assert code == 0 and json.loads(out) == []


# --- exit codes -----------------------------------------------------------------------------------

def test_missing_folder_exits_1_with_one_sentence(capsys, tmp_path):
    path = tmp_path / "missing" / "advisor.sqlite3"
    code, out, err = run(capsys, "check", "--db", str(path))
    assert code == 1 and out == ""
    assert_one_sentence(err, str(path.parent))
    assert not path.parent.exists()


def test_not_a_database_exits_1_with_one_sentence(capsys, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Lista de socios\n" * 100, encoding="utf-8")
    before = path.read_bytes()
    code, out, err = run(capsys, "list", "people", "--db", str(path))
    assert code == 1 and out == ""
    assert_one_sentence(err, str(path))
    assert path.read_bytes() == before


def test_newer_version_exits_1_with_one_sentence(capsys, db_path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    code, out, err = run(capsys, "demo", "--db", str(db_path))
    assert code == 1 and out == ""
    assert_one_sentence(err, str(db_path))
    assert db_path.read_bytes() == before


def test_folder_as_db_exits_1(capsys, tmp_path):
    code, _out, err = run(capsys, "check", "--db", str(tmp_path))
    assert code == 1
    assert_one_sentence(err)


def test_damaged_file_exits_1(capsys, db_path):
    run(capsys, "demo", "--db", str(db_path))
    with db_path.open("r+b") as handle:
        handle.seek(4096 * 4)
        handle.write(b"\xff" * 4096)
    code, _out, err = run(capsys, "check", "--db", str(db_path), "--json")
    assert code == 1
    assert_one_sentence(err, str(db_path))


@pytest.mark.parametrize("argv", [
    ["frobnicate"],
    ["list"],
    ["list", "meetings"],
    ["plan-pdf", "--out", "plan.pdf"],
    ["plan-pdf", "--id", "some-plan"],
    ["check", "--no-such-option"],
    ["--lang", "fr", "check"],
])
def test_usage_errors_exit_2(capsys, argv, db_path):
    with pytest.raises(SystemExit) as leaving:
        main([*argv, "--db", str(db_path)])
    assert leaving.value.code == 2
    _out, err = capsys.readouterr()
    assert "usage" in err.lower() and "Traceback" not in err
    assert not db_path.exists()


def test_version(capsys):
    with pytest.raises(SystemExit) as leaving:
        main(["--version"])
    assert leaving.value.code == 0
    assert "advisor-app" in capsys.readouterr().out


# --- the same as a separate process ---------------------------------------------------------------

def test_commands_in_a_separate_process(tmp_path):
    db = str(tmp_path / "advisor.sqlite3")

    first = run_process("demo", "--db", db, cwd=tmp_path)
    assert first.returncode == 0 and first.stderr == ""
    second = run_process("demo", "--db", db, cwd=tmp_path)
    assert second.returncode == 0 and second.stderr == "" and second.stdout != first.stdout

    check = run_process("check", "--db", db, "--json", cwd=tmp_path)
    assert check.returncode == 0
    assert json.loads(check.stdout)["counts"]["people"] == 25

    organizations = run_process("list", "organizations", "--db", db, "--json", cwd=tmp_path)
    assert organizations.returncode == 0 and len(json.loads(organizations.stdout)) == 6

    people = run_process("list", "people", "--db", db, cwd=tmp_path)
    assert people.returncode == 0 and len(people.stdout.splitlines()) == 25

    plans = run_process("list", "plans", "--db", db, "--json", cwd=tmp_path)
    assert plans.returncode == 0 and len(json.loads(plans.stdout)) == 2
    pdf = run_process("plan-pdf", "--db", db, "--id", json.loads(plans.stdout)[1]["id"], "--lang", "es",
                      "--out", str(tmp_path / "plan.pdf"), cwd=tmp_path)
    assert pdf.returncode == 0 and pdf.stderr == "" and pdf.stdout.strip() == str(tmp_path / "plan.pdf")
    unknown = run_process("plan-pdf", "--db", db, "--id", "nope", "--out", str(tmp_path / "x.pdf"), cwd=tmp_path)
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert_one_sentence(unknown.stderr, "nope")


def test_exit_codes_in_a_separate_process(tmp_path):
    missing = run_process("check", "--db", str(tmp_path / "missing" / "a.sqlite3"), cwd=tmp_path)
    assert missing.returncode == 1 and missing.stdout == ""
    assert_one_sentence(missing.stderr)

    text = tmp_path / "notes.txt"
    text.write_text("no es una base de datos\n" * 50, encoding="utf-8")
    not_database = run_process("list", "people", "--db", str(text), cwd=tmp_path)
    assert not_database.returncode == 1
    assert_one_sentence(not_database.stderr, str(text))

    newer = tmp_path / "newer.sqlite3"
    Store.open(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    too_new = run_process("check", "--db", str(newer), cwd=tmp_path)
    assert too_new.returncode == 1
    assert_one_sentence(too_new.stderr, str(newer))

    usage = run_process("frobnicate", cwd=tmp_path)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
