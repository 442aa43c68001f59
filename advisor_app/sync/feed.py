"""Per-laptop feeds: every laptop's edits numbered 1, 2, 3… and hash-chained, the head signed by its key.

An entry's digest covers its origin, its number and its content; the chain folds the digests in order
(``chain(n) = sha256(chain(n-1) + digest(n))``) and the origin signs ``(origin, n, chain(n))``. A
receiver that holds the chain up to ``k`` checks a segment ``k+1 … n`` against a signed head with one
signature, so gaps are visible, a relay cannot alter or invent an entry, and nobody can write in
another laptop's name. An entry left out of a bundle (organization bundles carry only what the chosen
organizations need) travels as its digest alone: the chain still checks, and the content can arrive
later and is checked against the digest it was promised by.

What a laptop holds of each feed is exact: ``Have`` lists, per origin, how far the chain is verified
and which numbers it holds in full. A bundle carries its sender's ``Have``; an export for a peer sends
everything the peer's last word does not list.
"""

from __future__ import annotations

import base64
import hashlib
import sqlite3
from dataclasses import dataclass, field

# The hashing lives in the store (a restored file seals its own feed there); sync uses it from here.
from advisor_app.store.feed_chain import chain_next, chain_start, entry_digest, head_bytes  # noqa: F401
from advisor_app.sync import keys

# The table name of an entry that says what its laptop held when it wrote its next ones (sync/merge.py).
KNOWLEDGE = "knowledge"


def sign_head(key, device: str, seq: int, chain: bytes) -> str:
    return base64.b64encode(keys.sign(key, head_bytes(device, seq, chain))).decode("ascii")


def head_verifies(public_key: str, device: str, seq: int, chain: bytes, signature: str) -> bool:
    try:
        raw = base64.b64decode(signature, validate=True)
    except (ValueError, TypeError):
        return False
    return keys.verify(public_key, head_bytes(device, seq, chain), raw)


def device_id_for(public_key: str) -> str:
    """A new laptop's id is derived from its public key, so no other key can ever speak for it."""
    return hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:32]


def device_id_for_or_none(public_key: str) -> str | None:
    try:
        return hashlib.sha256(base64.b64decode(public_key, validate=True)).hexdigest()[:32]
    except (ValueError, TypeError):
        return None


# What a laptop holds --------------------------------------------------------------------------------

Ranges = list[list[int]]


@dataclass
class Holding:
    """One origin: the chain verified through ``verified``; ``held`` the numbers held in full."""

    verified: int = 0
    held: Ranges = field(default_factory=list)

    def holds(self, seq: int) -> bool:
        return any(start <= seq <= end for start, end in self.held)

    def as_json(self) -> dict:
        return {"v": self.verified, "h": self.held}


Have = dict[str, Holding]


def have_from_json(data: object) -> Have | None:
    """A ``Have`` read from a bundle; ``None`` when its shape is wrong (the caller refuses it)."""
    if not isinstance(data, dict) or len(data) > 100_000:
        return None
    have: Have = {}
    for device, entry in data.items():
        if not (isinstance(device, str) and 0 < len(device) <= 64 and isinstance(entry, dict)):
            return None
        verified, held = entry.get("v"), entry.get("h")
        if not (_count(verified) and isinstance(held, list) and len(held) <= 100_000):
            return None
        ranges = []
        for item in held:
            if not (isinstance(item, list) and len(item) == 2 and _count(item[0]) and _count(item[1])
                    and 1 <= item[0] <= item[1] <= verified):
                return None
            ranges.append([item[0], item[1]])
        have[device] = Holding(verified, ranges)
    return have


def union(first: Have, second: Have) -> Have:
    """What a laptop is known to hold after two of its words (entries are never dropped)."""
    result: Have = {}
    for device in first.keys() | second.keys():
        holdings = [have[device] for have in (first, second) if device in have]
        ranges = sorted(item for holding in holdings for item in holding.held)
        merged: Ranges = []
        for start, end in ranges:
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        result[device] = Holding(max(holding.verified for holding in holdings), merged)
    return result


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2 ** 53


def have_to_json(have: Have) -> dict:
    return {device: holding.as_json() for device, holding in sorted(have.items())}


def held_ranges(conn: sqlite3.Connection, device: str, verified: int) -> Ranges:
    """The numbers of ``device``'s feed held in full, as ranges (placeholders are the gaps)."""
    if verified == 0:
        return []
    gaps = [seq for (seq,) in conn.execute(
        "SELECT origin_seq FROM change_log WHERE device = ? AND origin_seq <= ? AND fields IS NULL "
        "ORDER BY origin_seq", (device, verified))]
    ranges, start = [], 1
    for gap in gaps:
        if gap > start:
            ranges.append([start, gap - 1])
        start = gap + 1
    if start <= verified:
        ranges.append([start, verified])
    return ranges


def own_feed_length(conn: sqlite3.Connection, device: str) -> int:
    return conn.execute("SELECT coalesce(max(origin_seq), 0) FROM change_log WHERE device = ?",
                        (device,)).fetchone()[0]


def local_have(conn: sqlite3.Connection, own_device: str) -> Have:
    """What this laptop holds of every feed, its own included."""
    have: Have = {}
    own = own_feed_length(conn, own_device)
    if own:
        have[own_device] = Holding(own, [[1, own]])
    for device, verified, complete in conn.execute("SELECT device, verified, complete FROM feeds WHERE device != ?",
                                                   (own_device,)):
        if verified:
            ranges = [[1, verified]] if complete >= verified else held_ranges(conn, device, verified)
            have[device] = Holding(verified, ranges)
    return have
