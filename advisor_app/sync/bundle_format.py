"""The bundle's layout: member names, manifest fields, one JSON line per logged edit, and limits."""

from __future__ import annotations

import json
import re

FORMAT_VERSION = 1
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


def change_line(change_id: str, table: str, row_id: str, fields_json: str, hlc: str, device: str) -> str:
    """One change as a JSON line; ``fields_json`` is already canonical JSON from the change log."""
    return (f'{{"id":{json.dumps(change_id)},"t":{json.dumps(table)},"r":{json.dumps(row_id)},'
            f'"f":{fields_json},"h":{json.dumps(hlc)},"d":{json.dumps(device)}}}\n')

