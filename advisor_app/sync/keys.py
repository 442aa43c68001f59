"""This laptop's Ed25519 key pair: made on first start, kept in the data file, used to sign bundles."""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from advisor_app.store.database import Store

_META_KEY = "signing_key"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def signing_key(store: Store) -> Ed25519PrivateKey:
    """The laptop's private key, created the first time it is asked for."""
    stored = store.get_meta(_META_KEY)
    if stored:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
    key = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives import serialization

    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    store.set_meta(_META_KEY, _b64(raw))
    return key


def public_key_text(key: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives import serialization

    return _b64(key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def fingerprint(public_key: str) -> str:
    """What a person compares by phone or on paper: 20 hex digits in groups of four."""
    digest = hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:20].upper()
    return " ".join(digest[index:index + 4] for index in range(0, 20, 4))


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def verify(public_key: str, data: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True)).verify(signature, data)
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False
