"""The hashing of a laptop's feed (sync/feed.py explains the design), here so that the store can seal its
own feed when a restored data file takes a new identity (store/identity.py) without importing sync.

An entry's digest covers its origin, its number and its content; the chain folds the digests in order
(``chain(n) = sha256(chain(n-1) + digest(n))``) and the origin signs ``head_bytes(origin, n, chain(n))``.
"""

from __future__ import annotations

import hashlib

_HEAD_PREFIX = b"advisor-feed-head\n"


def entry_digest(device: str, seq: int, table: str, row_id: str, fields_json: str, hlc: str) -> bytes:
    """The 32-byte digest of one entry; ``fields_json`` is the change log's canonical text."""
    return hashlib.sha256(f"{device}\n{seq}\n{table}\n{row_id}\n{hlc}\n{fields_json}".encode("utf-8")).digest()


def chain_start(device: str) -> bytes:
    return hashlib.sha256(b"advisor-feed\n" + device.encode("utf-8")).digest()


def chain_next(chain: bytes, digest: bytes) -> bytes:
    return hashlib.sha256(chain + digest).digest()


def head_bytes(device: str, seq: int, chain: bytes) -> bytes:
    return _HEAD_PREFIX + f"{device}\n{seq}\n{chain.hex()}".encode("ascii")
