"""Record and change ids: UUID version 7 (RFC 9562), time-ordered.

Made on any laptop without coordination like UUID4, but new ids sort after older ones, so they land
at the end of SQLite's indexes instead of all over them (bulk writes and imports stay fast).
"""

from __future__ import annotations

import os
import random
import time

# Seeded once from the system's randomness: 80 random bits per id keep ids from two laptops apart
# without a system call for each one.
_random = random.Random(os.urandom(32))
if hasattr(os, "register_at_fork"):  # a forked process must not repeat its parent's ids
    os.register_at_fork(after_in_child=lambda: _random.seed(os.urandom(32)))


def new_id() -> str:
    millis = time.time_ns() // 1_000_000
    value = (millis & 0xFFFF_FFFF_FFFF) << 80 | _random.getrandbits(80)
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
