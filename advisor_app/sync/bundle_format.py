"""The bundle's layout: member names, manifest fields, one JSON line per logged edit, and limits."""

from __future__ import annotations

import json
import re

from advisor_app.store.attachments import MAX_ATTACHMENT_BYTES as MAX_ATTACHMENT_FILE_BYTES

# 2: per-laptop feeds (sync/feed.py). Version 1 bundles (version 0.1 of the app) are refused with a
# sentence: the sender updates and exports again (its data file upgrades itself, docs/ARCHITECTURE.md).
FORMAT_VERSION = 2
SUFFIX = ".advbundle"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CHANGES = "changes.ndjson"
ATTACHMENT_PREFIX = "attachments/"
ATTACHMENT_NAME = re.compile(r"^attachments/[0-9a-f]{64}\Z")

# Bounds on what a bundle may unpack to, whatever its packed size. A ratio of packed to unpacked size
# cannot tell a bomb from an honest scan (a white page deflates over 1000:1), so absolute sizes are
# bounded instead; zipfile never inflates a member past the size it declares, so checking the declared
# sizes before reading bounds the time, memory and disk a hostile bundle can cost:
#   each attachment: what the app lets a person attach (MAX_ATTACHMENT_BYTES, 200 MiB);
#   the change lines: 4 GiB, several times a state office's whole registry (2.75 million records);
#   all members together: 16 GiB, four times what a FAT32 USB stick holds in one file;
#   members: 20,000, as many as the manifest can list within MAX_MANIFEST_BYTES.
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_SIGNATURE_BYTES = 1024
MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_FILE_BYTES
MAX_CHANGES_BYTES = 4 * 1024 ** 3
MAX_BUNDLE_BYTES = 16 * 1024 ** 3
MAX_MEMBERS = 20_000
# Tables whose records are about people (names, CURPs, ID numbers, attendance, scans of IDs): a bundle
# that carries any of them is flagged as personal data and encrypted unless the user says no.
PERSONAL_TABLES = frozenset({"people", "memberships", "agreement_parties", "agreement_versions",
                             "workshop_attendance", "advisory_sessions", "session_attendance",
                             "session_actions", "attachments"})
MAX_LINE_BYTES = 1024 * 1024


def change_line(device: str, seq: int, table: str, row_id: str, fields_json: str, hlc: str) -> str:
    """One entry of a feed as a JSON line; ``fields_json`` is already canonical JSON from the change log."""
    return (f'{{"d":{json.dumps(device)},"s":{seq},"t":{json.dumps(table)},"r":{json.dumps(row_id)},'
            f'"f":{fields_json},"h":{json.dumps(hlc)}}}\n')


def digest_line(device: str, seq: int, digest: bytes) -> str:
    """An entry this bundle leaves out, by its digest only, so that the origin's chain still checks."""
    return f'{{"d":{json.dumps(device)},"s":{seq},"x":"{digest.hex()}"}}\n'


def legacy_line(device: str, table: str, row_id: str, fields_json: str, hlc: str) -> str:
    """An entry received before feeds existed: it has no number and travels under the sender's signature."""
    return (f'{{"d":{json.dumps(device)},"t":{json.dumps(table)},"r":{json.dumps(row_id)},'
            f'"f":{fields_json},"h":{json.dumps(hlc)}}}\n')
