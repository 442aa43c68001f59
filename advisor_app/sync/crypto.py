"""Passphrase encryption of a whole bundle: scrypt derives the key, AES-GCM seals 1 MiB chunks.

Chunks keep memory flat for any bundle size. Each chunk's nonce and associated data carry its index
and whether it is the last one, so reordering, dropping or truncating chunks fails authentication.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from advisor_app.i18n import _
from advisor_app.sync.errors import BundleError

MAGIC = b"ADVBENC1"
CHUNK = 1024 * 1024
_HEADER = struct.Struct(">16sBBB8s")  # salt, log2(n), r, p, nonce prefix
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    # At most twice the work (and memory) of what this app writes: a forged header must not make the
    # import spend gigabytes and half a minute before the passphrase is found wrong.
    if not (10 <= log2_n <= 20 and 1 <= r <= 16 and 1 <= p <= 4) or \
            2 ** log2_n * r * p > 2 * 2 ** SCRYPT_LOG2_N * SCRYPT_R * SCRYPT_P:
        raise BundleError(_("This bundle's encryption settings are not ones this app makes."))
    return Scrypt(salt=salt, length=32, n=2 ** log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def encrypt(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    salt, prefix = os.urandom(16), os.urandom(8)
    header = MAGIC + _HEADER.pack(salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, prefix)
    cipher = AESGCM(_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P))
    target.write(header)
    index = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        final = not following
        sealed = cipher.encrypt(_nonce(prefix, index), chunk, header + struct.pack(">Q?", index, final))
        target.write(struct.pack(">I", len(sealed)) + sealed)
        if final:
            return
        chunk, index = following, index + 1


def decrypt(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    """Raises ``BundleError`` for a wrong passphrase or any change to the encrypted bytes."""
    wrong = BundleError(_("The passphrase is wrong, or the bundle was damaged on the way."))
    header = source.read(len(MAGIC) + _HEADER.size)
    if len(header) != len(MAGIC) + _HEADER.size or not header.startswith(MAGIC):
        raise BundleError(_("This file is not an encrypted bundle."))
    salt, log2_n, r, p, prefix = _HEADER.unpack(header[len(MAGIC):])
    cipher = AESGCM(_key(passphrase, salt, log2_n, r, p))
    index = 0
    while True:
        size_bytes = source.read(4)
        if len(size_bytes) != 4:
            raise wrong
        (size,) = struct.unpack(">I", size_bytes)
        if size > CHUNK + 16:
            raise wrong
        sealed = source.read(size)
        if len(sealed) != size:
            raise wrong
        for final in (False, True):
            try:
                plain = cipher.decrypt(_nonce(prefix, index), sealed, header + struct.pack(">Q?", index, final))
                break
            except InvalidTag:
                continue
        else:
            raise wrong
        target.write(plain)
        if final:
            if source.read(1):
                raise wrong
            return
        index += 1
