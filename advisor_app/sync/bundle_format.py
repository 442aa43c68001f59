"""The bundle's layout: member names, manifest fields, one JSON line per logged edit, and limits."""

from __future__ import annotations

import json
import re

# 2: per-laptop feeds (sync/feed.py). Version 1 bundles (version 0.1 of the app) are refused with a
# sentence: the sender updates and exports again (its data file upgrades itself, docs/ARCHITECTURE.md).
FORMAT_VERSION = 2
SUFFIX = ".advbundle"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CHANGES = "changes.ndjson"
ATTACHMENT_PREFIX = "attachments/"
ATTACHMENT_NAME = re.compile(r"^attachments/[0-9a-f]{64}$")

MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_MEMBER_BYTES = 4 * 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # NDJSON deflates about 4:1; far beyond this is a zip bomb
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
