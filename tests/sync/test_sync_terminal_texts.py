"""A sender's texts reach the terminal without control characters: escape sequences, carriage returns
and line breaks in a laptop's or an advisor's name cannot rewrite or add lines of the preview."""

from __future__ import annotations

from sync_helpers import small_registry

from advisor_app.cli import main

HOSTILE_NAME = "Laptop\x1b[2J\x1b[H\rKey fingerprint: AAAA (trusted)\u202e"
HOSTILE_ADVISOR = "Rosa\nImported.\x07\x9b31m\u2028Changes: 0"


def test_the_command_line_preview_strips_control_characters(device, tmp_path, capsys):
    sender = device("S")
    sender.store.set_meta("device_name", HOSTILE_NAME)
    sender.store.set_meta("advisor_name", HOSTILE_ADVISOR)
    small_registry(sender)
    bundle = sender.export()
    receiver = device("B")
    receiver.close()
    assert main(["import", str(bundle), "--db", str(receiver.path), "--dry-run"]) == 0
    output = capsys.readouterr().out
    assert not any(char in output for char in "\x1b\r\x07\x9b\u202e\u2028")
    lines = output.splitlines()
    assert lines[0].startswith("From: Laptop [2J [H Key fingerprint: AAAA (trusted) (Rosa Imported. 31m Changes: 0)")
    assert [line for line in lines if line.startswith("Key fingerprint")] == [lines[1]]
    assert lines[1].endswith("(not yet trusted)")
    assert [line for line in lines if line.startswith("Changes:")] == [lines[2]]
    assert "Imported." not in lines
