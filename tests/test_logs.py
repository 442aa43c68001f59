"""The log beside the data file: bounded in size, one handler per process, and no person's data in it."""

from __future__ import annotations

import logging
import sys

import pytest

from advisor_app import logs
from advisor_app.cli import main
from advisor_app.logs import BACKUPS_KEPT, LOG_NAME, MAX_BYTES
from advisor_app.store.database import Store
from advisor_app.store.demo import load_demo
from advisor_app.store.repository import Repository


@pytest.fixture
def logging_to(tmp_path):
    """Logging into the test's folder, closed after it."""
    yield logs.configure(tmp_path)
    logs.stop()


def _handlers_on_log_files() -> list[logging.Handler]:
    return [handler for handler in logs.app_logger().handlers if isinstance(handler, logging.FileHandler)]


def test_the_log_rotates_and_never_holds_more_than_a_few_mb(logging_to, tmp_path):
    line = "x" * 200
    for number in range(30_000):  # about 7 MB written
        logging.getLogger("advisor_app.test").info("record %d %s", number, line)
    files = sorted(tmp_path.glob(f"{LOG_NAME}*"))
    assert [path.name for path in files] == [LOG_NAME, *(f"{LOG_NAME}.{n}" for n in range(1, BACKUPS_KEPT + 1))]
    assert all(path.stat().st_size <= MAX_BYTES for path in files)
    assert sum(path.stat().st_size for path in files) <= (BACKUPS_KEPT + 1) * MAX_BYTES
    assert "record 29999" in logging_to.read_text(encoding="utf-8")


def test_configuring_twice_adds_no_handler_and_another_folder_takes_its_place(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    try:
        logs.configure(first)
        logs.configure(first)
        assert len(_handlers_on_log_files()) == 1
        logs.configure(second)
        assert len(_handlers_on_log_files()) == 1 and logs.log_path() == second.resolve() / LOG_NAME
        logging.getLogger("advisor_app.test").info("after the second data file opened")
    finally:
        logs.stop()
    assert not _handlers_on_log_files() and logs.log_path() is None
    assert "after the second" in (second / LOG_NAME).read_text(encoding="utf-8")
    assert not (first / LOG_NAME).exists()


def _refuse(person: dict) -> None:
    raise ValueError(f"{person['given_names']} {person['first_surname']} has CURP {person['curp']}")


def test_an_unexpected_error_is_logged_by_type_and_stack_without_its_message(logging_to, repository):
    load_demo(repository)
    person = repository.store.conn.execute(
        "SELECT given_names, first_surname, curp, phone FROM people WHERE curp IS NOT NULL LIMIT 1").fetchone()
    person = dict(zip(("given_names", "first_surname", "curp", "phone"), person))
    try:
        try:
            _refuse(person)
        except ValueError as cause:
            raise RuntimeError(f"while saving {person['phone']}") from cause
    except RuntimeError:
        assert logs.log_unexpected(*sys.exc_info()) == logging_to
    text = logging_to.read_text(encoding="utf-8")
    assert "ERROR advisor_app.logs: Unexpected error" in text
    assert "ValueError" in text and "RuntimeError" in text and "direct cause" in text
    assert "in _refuse" in text and "test_an_unexpected_error_is_logged_by_type_and_stack" in text
    assert 'File "tests/test_logs.py"' in text  # below the project's folder, not the home folder
    for value in (*person.values(), "while saving", "has CURP"):
        assert value not in text


def test_an_exception_logged_anywhere_is_written_without_its_message(logging_to):
    try:
        raise ValueError("Sandoval Félix, +1 310 555 0102")
    except ValueError:
        logging.getLogger("advisor_app.somewhere").exception("Saving failed")
    text = logging_to.read_text(encoding="utf-8")
    assert "Saving failed" in text and "ValueError (message withheld)" in text and "in test_an_exception" in text
    assert "Sandoval" not in text and "555" not in text


def test_before_a_data_file_is_open_the_stack_goes_to_the_error_output(capsys):
    try:
        raise KeyError("Ruvalcaba")
    except KeyError:
        assert logs.log_unexpected(*sys.exc_info()) is None
    err = capsys.readouterr().err
    assert "KeyError (message withheld)" in err and "Ruvalcaba" not in err


def test_the_command_line_logs_beside_the_data_file_like_the_window(tmp_path, capsys):
    data_file = tmp_path / "advisor.sqlite3"
    assert main(["demo", "--db", str(data_file)]) == 0
    bundle = tmp_path / "all.advbundle"
    assert main(["export", "--db", str(data_file), "--out", str(bundle), "--no-encrypt"]) == 0
    other = tmp_path / "other"
    other.mkdir()
    assert main(["import", str(bundle), "--db", str(other / "advisor.sqlite3"), "--trust",
                 _fingerprint(data_file)]) == 0
    capsys.readouterr()
    assert logs.log_path() is None  # closed when the command ended
    text = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert "Data file advisor.sqlite3 opened: schema version" in text
    assert "Bundle 1 exported (all): " in text
    received = (other / LOG_NAME).read_text(encoding="utf-8")
    assert "Backup advisor-before-import-" in received and " imported: " in received and " new, " in received

    logs.configure(tmp_path)  # the window, opening the same file, appends to the same log
    try:
        logging.getLogger("advisor_app.test").info("the window's line")
    finally:
        logs.stop()
    assert sorted(path.name for path in tmp_path.glob("*.log*")) == [LOG_NAME]
    assert (tmp_path / LOG_NAME).read_text(encoding="utf-8").startswith(text)


def _fingerprint(data_file) -> str:
    from advisor_app.sync import keys

    store = Store.open(data_file)
    try:
        return keys.fingerprint(keys.public_key_text(keys.signing_key(store)))
    finally:
        store.close()


def test_an_unexpected_error_in_a_command_is_logged_without_its_message(tmp_path, monkeypatch):
    from advisor_app import cli

    data_file = tmp_path / "advisor.sqlite3"
    monkeypatch.setattr(Repository, "__init__", lambda self, store: (_ for _ in ()).throw(
        RuntimeError("María Guadalupe Ruvalcaba Márquez")))
    with pytest.raises(RuntimeError):
        cli.main(["demo", "--db", str(data_file)])
    text = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert "RuntimeError (message withheld)" in text and "in _demo" in text and "Ruvalcaba" not in text
