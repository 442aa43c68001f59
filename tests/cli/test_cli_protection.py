"""The command line on a data file protected by a passphrase: every command takes it from a file, the
environment or the terminal, never from an argument; protect, unprotect and change-passphrase."""

from __future__ import annotations

import json

import pytest

from advisor_app.cli import main
from advisor_app.store import cipher

PASSPHRASE = "correct horse battery"


def run(capsys, *argv):
    code = main([str(item) for item in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def secrets_folder(tmp_path):
    folder = tmp_path / "secrets"
    folder.mkdir()
    (folder / "passphrase").write_text(PASSPHRASE + "\n")
    (folder / "new").write_text("a brand new passphrase\n")
    (folder / "short").write_text("short\n")
    return folder


@pytest.fixture
def protected(capsys, db_path, secrets_folder):
    run(capsys, "demo", "--db", db_path)
    code, out, err = run(capsys, "protect", "--db", db_path, "--new-passphrase-file", secrets_folder / "passphrase")
    assert code == 0, err
    return db_path, out.strip().splitlines()[-1]


def test_protect_prints_the_recovery_key_once_and_check_says_encrypted(capsys, protected, secrets_folder):
    db_path, recovery = protected
    assert len(recovery.split("-")) == 13 and cipher.is_encrypted(db_path)
    code, out, err = run(capsys, "check", "--json", "--db", db_path, "--db-passphrase-file",
                         secrets_folder / "passphrase")
    report = json.loads(out)
    assert code == 0 and report["encrypted"] is True and report["counts"]["people"] == 25


def test_check_json_says_a_plain_file_is_not_encrypted(capsys, db_path):
    run(capsys, "demo", "--db", db_path)
    code, out, err = run(capsys, "check", "--json", "--db", db_path)
    assert json.loads(out)["encrypted"] is False


@pytest.mark.parametrize("command", [["check"], ["list", "people"], ["identity"], ["demo"],
                                     ["export", "--out", "x.advbundle", "--no-encrypt"]])
def test_every_command_takes_the_passphrase_from_the_environment(capsys, protected, secrets_folder, monkeypatch,
                                                                  command, tmp_path):
    db_path, _recovery = protected
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *command, "--db", db_path)
    assert code == 1 and "--db-passphrase-file" in err and err.count("\n") == 1
    monkeypatch.setenv("ADVISOR_DB_PASSPHRASE_FILE", str(secrets_folder / "passphrase"))
    code, out, err = run(capsys, *command, "--db", db_path)
    assert code == 0, err


def test_pdfs_print_from_a_protected_file(capsys, protected, secrets_folder, tmp_path):
    db_path, _recovery = protected
    unlock = ("--db", db_path, "--db-passphrase-file", secrets_folder / "passphrase")
    code, out, err = run(capsys, "list", "agreements", "--json", *unlock)
    agreement = next(row["id"] for row in json.loads(out) if row["status"] == "ready")
    code, out, err = run(capsys, "agreement-pdf", *unlock, "--id", agreement, "--out", tmp_path / "a.pdf")
    assert code == 0, err
    code, out, err = run(capsys, "list", "plans", "--json", *unlock)
    plan = json.loads(out)[0]["id"]
    code, out, err = run(capsys, "plan-pdf", *unlock, "--id", plan, "--out", tmp_path / "p.pdf")
    assert code == 0, err
    for name in ("a.pdf", "p.pdf"):
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")


def test_asked_at_the_terminal_when_no_file_is_given(capsys, protected, monkeypatch):
    db_path, _recovery = protected
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: PASSPHRASE)
    code, out, err = run(capsys, "check", "--db", db_path)
    assert code == 0, err


def test_wrong_and_misplaced_passphrases_are_one_sentence(capsys, protected, secrets_folder, tmp_path):
    db_path, _recovery = protected
    before = db_path.read_bytes()
    code, out, err = run(capsys, "check", "--db", db_path, "--db-passphrase-file", secrets_folder / "new")
    assert code == 1 and err == "The passphrase is not right for this data file.\n"
    assert db_path.read_bytes() == before
    plain = tmp_path / "plain.sqlite3"
    run(capsys, "demo", "--db", plain)
    code, out, err = run(capsys, "check", "--db", plain, "--db-passphrase-file", secrets_folder / "passphrase")
    assert code == 1 and "is not protected by a passphrase" in err and err.count("\n") == 1
    code, out, err = run(capsys, "check", "--db", db_path, "--db-passphrase-file", tmp_path / "missing")
    assert code == 1 and "cannot be read" in err


def test_the_passphrase_is_never_an_argument(capsys, protected):
    db_path, _recovery = protected
    with pytest.raises(SystemExit) as stopped:
        main(["check", "--db", str(db_path), "--db-passphrase", PASSPHRASE])
    assert stopped.value.code == 2


def test_change_passphrase_then_unprotect(capsys, protected, secrets_folder):
    db_path, recovery = protected
    code, out, err = run(capsys, "change-passphrase", "--db", db_path, "--db-passphrase-file",
                         secrets_folder / "passphrase", "--new-passphrase-file", secrets_folder / "new")
    assert code == 0, err
    code, out, err = run(capsys, "check", "--db", db_path, "--db-passphrase-file", secrets_folder / "passphrase")
    assert code == 1
    code, out, err = run(capsys, "change-passphrase", "--db", db_path, "--db-passphrase-file",
                         secrets_folder / "new", "--new-passphrase-file", secrets_folder / "short")
    assert code == 1 and "at least 8 characters" in err
    code, out, err = run(capsys, "unprotect", "--db", db_path, "--db-passphrase-file", secrets_folder / "new")
    assert code == 0, err
    assert not cipher.is_encrypted(db_path) and not cipher.key_file_for(db_path).exists()
    code, out, err = run(capsys, "check", "--json", "--db", db_path)
    assert json.loads(out)["encrypted"] is False and json.loads(out)["counts"]["people"] == 25


def test_a_forgotten_passphrase_is_replaced_with_the_recovery_key(capsys, protected, secrets_folder):
    db_path, recovery = protected
    (secrets_folder / "recovery").write_text(recovery.lower() + "\n")
    code, out, err = run(capsys, "change-passphrase", "--db", db_path, "--recovery-key-file",
                         secrets_folder / "recovery", "--new-passphrase-file", secrets_folder / "new")
    assert code == 0, err
    code, out, err = run(capsys, "check", "--db", db_path, "--db-passphrase-file", secrets_folder / "new")
    assert code == 0, err
    (secrets_folder / "typo").write_text(recovery[:-1] + ("0" if recovery[-1] != "0" else "1"))
    code, out, err = run(capsys, "change-passphrase", "--db", db_path, "--recovery-key-file",
                         secrets_folder / "typo", "--new-passphrase-file", secrets_folder / "new")
    assert code == 1 and "Group 13 of the recovery key" in err


def test_protect_refuses_a_file_open_in_a_window(capsys, db_path, secrets_folder):
    from PySide6.QtCore import QLockFile

    run(capsys, "demo", "--db", db_path)
    lock = QLockFile(str(db_path.resolve()) + ".lock")
    assert lock.tryLock(100)
    try:
        code, out, err = run(capsys, "protect", "--db", db_path, "--new-passphrase-file",
                             secrets_folder / "passphrase")
    finally:
        lock.unlock()
    assert code == 1 and "close the window first" in err and not cipher.is_encrypted(db_path)


def test_a_recovery_key_of_another_file_is_one_sentence_and_nothing_else(capfd, db_path, secrets_folder, tmp_path):
    """Read at the file descriptor: SQLCipher's own complaints would go there, past Python's stderr."""
    recovery = {}
    for path in (db_path, tmp_path / "other.sqlite3"):
        run(capfd, "demo", "--db", path)
        code, out, err = run(capfd, "protect", "--db", path, "--new-passphrase-file", secrets_folder / "passphrase")
        recovery[path] = out.strip().splitlines()[-1]
    (secrets_folder / "other-recovery").write_text(recovery[tmp_path / "other.sqlite3"])
    code, out, err = run(capfd, "change-passphrase", "--db", db_path, "--recovery-key-file",
                         secrets_folder / "other-recovery", "--new-passphrase-file", secrets_folder / "new")
    assert code == 1 and err == "This recovery key belongs to another data file.\n"
