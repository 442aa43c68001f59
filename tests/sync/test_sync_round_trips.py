"""Round trips between two and three laptops, through the Python API and through the command line."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys

from sync_helpers import PASSPHRASE, canonical_dump, foreign_key_problems, integrity_ok, read_members, small_registry

from advisor_app.cli import main
from advisor_app.store.attachments import attachments_folder
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync.export import export_bundle


def change_lines(bundle):
    return [json.loads(line) for line in read_members(bundle)[fmt.CHANGES].decode("utf-8").splitlines()]


def data_lines(bundle):
    """The lines that carry records' edits, without what their laptops wrote they held (knowledge)."""
    return [line for line in change_lines(bundle) if line.get("t") != "knowledge"]


def add_attachment(device, record_id, content=b"%PDF-1.4 acta constitutiva"):
    sha = hashlib.sha256(content).hexdigest()
    folder = attachments_folder(device.store)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / sha).write_bytes(content)
    device.repo.insert("attachments", {"sha256": sha, "file_name": "acta.pdf", "media_type": "application/pdf",
                                       "size": len(content), "table_name": "organizations", "record_id": record_id})
    return sha


def assert_sound(device):
    assert integrity_ok(device.conn)
    assert foreign_key_problems(device.conn) == []


# --- through the API -----------------------------------------------------------------------------

def test_everything_travels_to_an_empty_laptop_with_attachments(pair):
    a, b = pair
    ids = small_registry(a)
    sha = add_attachment(a, ids["cooperative"])
    report = a.send(b)
    assert report.applied and not report.nothing_new
    assert report.stats.new_records == sum(len(rows) for rows in a.dump().values())
    assert b.dump() == a.dump()
    assert (attachments_folder(b.store) / sha).read_bytes() == (attachments_folder(a.store) / sha).read_bytes()
    assert_sound(b)


def test_three_laptops_pass_edits_around_and_converge(trio):
    a, b, c = trio
    ids = small_registry(a)
    a.send(b)
    b.repo.update("people", ids["jose"], {"phone": "+1 310 555 0102"})
    b.repo.insert("people", {"given_names": "Teresa", "first_surname": "Valdez", "residence_country": "US"})
    b.send(c)
    c.repo.delete("memberships", ids["coop_member"])
    c.send(a)
    a.send(b)
    assert a.dump() == b.dump() == c.dump()
    assert a.repo.get("people", ids["jose"])["phone"] == "+1 310 555 0102"
    assert a.repo.get("memberships", ids["coop_member"])["deleted"] == 1
    for laptop in trio:
        assert_sound(laptop)


def test_peer_export_sends_only_what_the_peer_has_not_received(pair):
    a, b = pair
    ids = small_registry(a)
    first = a.export(peer="B")
    total = a.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    assert len(change_lines(first)) == total
    b.import_(first)

    b.repo.update("organizations", ids["club"], {"phone": "+1 310 555 0187"})
    b.send(a)  # A learns B's device; B's own edit must not be sent back to it
    person = a.repo.insert("people", {"given_names": "Martha", "first_surname": "Ibarra"})
    second = a.export(peer="B")
    lines = change_lines(second)
    assert [(line["t"], line["r"]) for line in lines] == [("knowledge", a.store.device_id), ("people", person)]
    report = b.import_(second)
    assert report.stats.received == 2 and report.stats.new_records == 1
    # Until B says it holds Martha, every bundle for B carries her again: a stick may have been lost.
    assert [line["r"] for line in data_lines(a.export(peer="B"))] == [person]
    b.send(a, peer="A")
    assert change_lines(a.export(peer="B")) == []  # B's word: it holds everything
    assert a.dump() == b.dump()


def test_organization_export_carries_what_hangs_from_it_into_an_empty_laptop(trio):
    a, _b, empty = trio
    ids = small_registry(a)
    outsider = a.repo.insert("people", {"given_names": "Silvia", "first_surname": "Sandoval"})
    bundle = a.export(organization_ids=[ids["club"]])
    empty.import_(bundle)
    assert_sound(empty)

    def ids_in(table):
        return {row[0] for row in empty.conn.execute(f"SELECT id FROM {table}")}

    assert ids_in("organizations") == {ids["club"], ids["federation"]}
    assert ids_in("memberships") == {ids["club_member"], ids["federation_member"]}
    assert ids_in("people") == {ids["jose"], ids["ramon"]}
    assert ids_in("localities") == {ids["jerez"]}
    assert outsider not in ids_in("people") and ids["cooperative"] not in ids_in("organizations")
    for table in ("organizations", "people", "memberships"):
        for row_id in ids_in(table):
            assert empty.repo.get(table, row_id) == a.repo.get(table, row_id)


def test_organization_export_follows_the_whole_chain_of_federations(trio):
    a, _b, empty = trio
    ids = small_registry(a)
    confederation = a.repo.insert("organizations", {"kind": "federation", "name": "Confederación Zacatecana",
                                                    "origin_locality_id": ids["juchipila"]})
    a.repo.update("organizations", ids["federation"], {"parent_id": confederation})
    empty.import_(a.export(organization_ids=[ids["club"]]))
    assert_sound(empty)
    assert empty.repo.get("organizations", confederation)["name"] == "Confederación Zacatecana"
    assert empty.repo.get("localities", ids["juchipila"]) is not None


def test_passphrase_round_trip(pair):
    a, b = pair
    small_registry(a)
    bundle = a.export(passphrase=PASSPHRASE)
    assert bundle.read_bytes().startswith(b"ADVBENC1")
    b.import_(bundle, passphrase=PASSPHRASE)
    assert b.dump() == a.dump()


# --- through the command line ----------------------------------------------------------------------

def cli(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence(err):
    return err.count("\n") == 1 and err.endswith("\n") and "Traceback" not in err


def test_cli_round_trip_between_three_laptops(capsys, monkeypatch, trio, tmp_path):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: no trust question
    a, b, c = trio
    ids = small_registry(a)
    passphrase_file = tmp_path / "clave.txt"
    passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    bundle = tmp_path / "a-to-b.advbundle"

    code, out, err = cli(capsys, "export", "--db", a.path, "--out", bundle)
    assert code == 1 and one_sentence(err) and "--passphrase-file" in err and not bundle.exists()
    code, out, err = cli(capsys, "export", "--db", a.path, "--out", bundle, "--passphrase-file", passphrase_file)
    assert code == 0 and err == "" and str(bundle) in out and bundle.exists()

    before = b.dump()
    code, out, err = cli(capsys, "import", "--db", b.path, bundle, "--passphrase-file", passphrase_file)
    assert code == 1 and one_sentence(err) and "--trust" in err
    code, out, err = cli(capsys, "import", "--db", b.path, bundle, "--passphrase-file", passphrase_file, "--dry-run")
    assert code == 0 and err == "" and "From: A (Advisor A)" in out and "Imported." not in out
    assert b.dump() == before
    code, out, err = cli(capsys, "import", "--db", b.path, bundle, "--passphrase-file", passphrase_file, "--trust")
    assert code == 2 and one_sentence(err) and "advisor-app identity" in err and b.dump() == before
    code, out, err = cli(capsys, "import", "--db", b.path, bundle, "--passphrase-file", passphrase_file,
                         "--trust", a.fingerprint)
    assert code == 0 and err == "" and out.rstrip().endswith("Imported.")
    assert b.dump() == a.dump()
    code, out, err = cli(capsys, "import", "--db", b.path, bundle, "--passphrase-file", passphrase_file)
    assert code == 0 and "Imported." not in out and "nothing" in out

    b.repo.update("people", ids["ana"], {"notes": "Socia fundadora"})
    to_c = tmp_path / "b-to-c.advbundle"
    assert cli(capsys, "export", "--db", b.path, "--out", to_c, "--no-encrypt", "--peer", "C")[0] == 0
    assert cli(capsys, "import", "--db", c.path, to_c, "--trust", b.fingerprint)[0] == 0
    c.repo.update("organizations", ids["club"], {"notes": "Renovar toma de nota"})
    to_a = tmp_path / "c-to-a.advbundle"
    assert cli(capsys, "export", "--db", c.path, "--out", to_a, "--no-encrypt", "--peer", "A")[0] == 0
    assert cli(capsys, "import", "--db", a.path, to_a, "--trust", c.fingerprint)[0] == 0
    to_b = tmp_path / "a-to-b-2.advbundle"
    assert cli(capsys, "export", "--db", a.path, "--out", to_b, "--no-encrypt", "--peer", "B")[0] == 0
    assert cli(capsys, "import", "--db", b.path, to_b, "--trust", a.fingerprint)[0] == 0
    assert a.dump() == b.dump() == c.dump()
    for laptop in trio:
        assert_sound(laptop)


def test_cli_organization_export_into_an_empty_database(capsys, device, tmp_path):
    a = device("A")
    ids = small_registry(a)
    bundle = tmp_path / "club.advbundle"
    code, out, err = cli(capsys, "export", "--db", a.path, "--out", bundle, "--organization", ids["club"],
                         "--no-encrypt")
    assert code == 0 and err.startswith("Warning:")  # unencrypted personal data
    empty_path = tmp_path / "empty.sqlite3"
    code, out, err = cli(capsys, "import", "--db", empty_path, bundle, "--trust", a.fingerprint)
    assert code == 0 and err == "" and "Imported." in out
    code, out, err = cli(capsys, "check", "--db", empty_path, "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["counts"]["organizations"] == 2
    assert report["counts"]["people"] == 2 and report["counts"]["memberships"] == 2


def test_cli_refusal_is_one_sentence_and_exit_1(capsys, device, tmp_path):
    b = device("B")
    junk = tmp_path / "notes.advbundle"
    junk.write_text("not a bundle\n", encoding="utf-8")
    before = b.dump()
    code, out, err = cli(capsys, "import", "--db", b.path, junk, "--trust", b.fingerprint)
    assert code == 1 and out == "" and one_sentence(err) and "not a bundle" in err
    assert b.dump() == before


def test_cli_in_separate_processes(device, tmp_path):
    a, b = device("A"), device("B")
    small_registry(a)
    a_path, b_path = a.path, b.path
    expected = a.dump()
    a.close()
    b.close()
    bundle = tmp_path / "proceso.advbundle"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DISPLAY", None)

    def run(*argv):
        return subprocess.run([sys.executable, "-m", "advisor_app", "--lang", "en", *map(str, argv)],
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
                              stdin=subprocess.DEVNULL)

    exported = run("export", "--db", a_path, "--out", bundle, "--no-encrypt")
    assert exported.returncode == 0 and bundle.exists()
    assert exported.stderr.startswith("Warning:") and exported.stderr.count("\n") == 1  # unencrypted personal data
    untrusted = run("import", "--db", b_path, bundle)
    assert untrusted.returncode == 1 and untrusted.stderr.count("\n") == 1 and "--trust" in untrusted.stderr
    bare = run("import", "--db", b_path, bundle, "--trust")
    assert bare.returncode == 2 and bare.stderr.count("\n") == 1 and "advisor-app identity" in bare.stderr
    identity = run("identity", "--db", a_path, "--json")
    assert identity.returncode == 0 and identity.stderr == ""
    shown = json.loads(identity.stdout)
    assert set(shown) == {"device_id", "fingerprint"}
    imported = run("import", "--db", b_path, bundle, "--trust", shown["fingerprint"])
    assert imported.returncode == 0 and imported.stderr == "" and "Imported." in imported.stdout
    conn = sqlite3.connect(b_path)
    try:
        assert canonical_dump(conn) == expected
        assert integrity_ok(conn) and foreign_key_problems(conn) == []
    finally:
        conn.close()


def test_export_api_result_counts(pair, tmp_path):
    a, _b = pair
    small_registry(a)
    result = export_bundle(a.store, tmp_path / "x.advbundle")
    assert result.changes == a.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    assert result.personal_data and not result.encrypted and result.sequence == 1
    assert export_bundle(a.store, tmp_path / "y.advbundle").sequence == 2


def test_exporting_an_unknown_organization_is_one_sentence(device, capsys):
    from advisor_app.cli import main

    a = device("A")
    code = main(["export", "--db", str(a.store.path), "--out", str(a.folder / "x.advbundle"),
                 "--organization", "no-such-id", "--no-encrypt"])
    assert code == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert not (a.folder / "x.advbundle").exists()


def test_a_bundle_lost_on_the_way_is_sent_again_once_the_peer_has_written_back(device):
    """The peer's own bundle says what it holds: what never arrived goes in the next bundle for it."""
    a, b = device("A"), device("B")
    ids = small_registry(a)
    b.import_(a.export(peer="B"))
    b.repo.insert("organizations", {"kind": "other", "name": "Grupo de B"})
    a.import_(b.export(peer="A"))  # B's bundle tells A what B holds
    a.repo.update("people", ids["ana"], {"phone": "+52 467 955 0199"})
    a.export(peer="B")  # this stick is lost
    a.import_(b.export(peer="A"))  # B writes back; its bundle shows the change never arrived
    again = a.export(peer="B")
    assert [line["r"] for line in data_lines(again)] == [ids["ana"]]
    b.import_(again)
    assert b.repo.get("people", ids["ana"])["phone"] == "+52 467 955 0199"


def test_cli_trust_with_a_fingerprint_imports_only_when_it_matches(device, capsys):
    from advisor_app.sync import keys

    a, b = device("A"), device("B")
    small_registry(a)
    bundle = a.export()
    a_path, b_path = a.path, b.path
    right = keys.fingerprint(keys.public_key_text(keys.signing_key(a.store)))
    a.close()
    b.close()
    code, _out, err = cli(capsys, "import", "--db", b_path, bundle, "--trust", "0000 1111 2222 3333 4444")
    assert code == 1 and one_sentence(err) and right in err
    assert cli(capsys, "import", "--db", b_path, bundle, "--trust", right.lower().replace(" ", ""))[0] == 0


def test_identity_prints_what_another_laptop_gives_to_trust(device, capsys):
    a = device("A")
    device_id, fingerprint = a.store.device_id, a.fingerprint
    a.close()
    code, out, err = cli(capsys, "identity", "--db", a.path, "--json")
    assert code == 0 and err == "" and json.loads(out) == {"device_id": device_id, "fingerprint": fingerprint}
    code, out, err = cli(capsys, "identity", "--db", a.path)
    assert code == 0 and device_id in out and fingerprint in out and out.count("\n") == 2
