"""Attachment files at rest: sealed with AES-GCM when the data file is protected, plain otherwise.

A sealed file is ``MAGIC``, a random 12-byte nonce, then the ciphertext with its tag. The associated
data is ``MAGIC`` and the file's name, so a sealed file moved under another attachment's name is refused.

The name stays the SHA-256 of the *plaintext*: bundles and other laptops name a scan by its content,
two laptops that attach the same scan keep one file, and the digest checked after decryption proves
the content is the one the record names. With a random nonce the ciphertext differs on every laptop
(and at every write), so its hash could not be a name two laptops share.

The key is derived from the data file's own data key (store/cipher.py) rather than stored beside it:
it is exactly as secret as the data file, needs no row that a restored backup could lack or hold an
older value of (a backup opens with the same data key), and a recovery key opens the scans as it opens
the file. Taking the protection off decrypts every file first, so no file outlives its key.

A file without the header is plain and still reads (attached before the protection, or received while
a conversion was stopped halfway): reading never depends on a conversion having finished. Opening a
protected file seals any plain file left (``encrypt_folder``, one header read per file).

Each file is sealed whole, in memory: an attachment is at most 200 MB, one tag authenticates all of it
before any byte is handed out, and the format needs no chunk framing of its own.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from advisor_app.domain.records import is_sha256

MAGIC = b"ADVATT1\x00"
NONCE_BYTES = 12
TAG_BYTES = 16
SEALING_BYTES = len(MAGIC) + NONCE_BYTES + TAG_BYTES  # what sealing adds to a file's size
_KEY_CONTEXT = b"community-advisor attachment files v1"


class DamagedAttachment(Exception):
    """The file does not decrypt, or its content does not match its name."""


def folder_for(data_file: Path) -> Path:
    return Path(data_file).parent / "attachments"


def attachment_key(data_key: bytes | None) -> bytes | None:
    """The key of the attachment files of a data file protected under ``data_key``; None when plain."""
    if data_key is None:
        return None
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KEY_CONTEXT).derive(data_key)


def is_sealed(path: Path) -> bool:
    with Path(path).open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def seal(key: bytes, sha256: str, plain: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(NONCE_BYTES)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, plain, MAGIC + sha256.encode("ascii"))


def unseal(key: bytes | None, sha256: str, sealed: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    start = len(MAGIC) + NONCE_BYTES
    if key is None or len(sealed) < start + TAG_BYTES:
        raise DamagedAttachment(sha256)
    try:
        return AESGCM(key).decrypt(sealed[len(MAGIC):start], sealed[start:], MAGIC + sha256.encode("ascii"))
    except InvalidTag:
        raise DamagedAttachment(sha256) from None


def load(path: Path, sha256: str, key: bytes | None) -> bytes:
    """The plaintext of the file at ``path`` named ``sha256``, decrypted if sealed and checked against its
    name; ``DamagedAttachment`` otherwise. ``OSError`` (``FileNotFoundError``) passes through."""
    content = Path(path).read_bytes()
    if content.startswith(MAGIC):
        try:
            plain = unseal(key, sha256, content)
        except DamagedAttachment:
            plain = content  # a plain scan that happens to begin like a sealed one still matches its name
    else:
        plain = content
    if hashlib.sha256(plain).hexdigest() != sha256:
        raise DamagedAttachment(sha256)
    return plain


def write_whole(target: Path, content: bytes) -> None:
    """``content`` under ``target`` whole or not at all: a partial file of its own, flushed, renamed."""
    partial = target.with_name(f"{target.name}.{secrets.token_hex(4)}.partial")
    try:
        with partial.open("xb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _attachment_files(data_file: Path) -> list[Path]:
    folder = folder_for(data_file)
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if is_sha256(path.name) and path.is_file())


def encrypt_folder(data_file: Path, key: bytes) -> int:
    """Seal every plain file beside ``data_file``, each in one rename; how many. A file whose content no
    longer matches its name is sealed too: damaged or not, it may hold personal data."""
    sealed = 0
    for path in _attachment_files(data_file):
        if is_sealed(path):
            continue
        write_whole(path, seal(key, path.name, path.read_bytes()))
        sealed += 1
    if sealed:
        from advisor_app.store.cipher import sync_folder

        sync_folder(folder_for(data_file))
    return sealed


def decrypt_folder(data_file: Path, key: bytes) -> int:
    """Write every sealed file beside ``data_file`` back as plain, each in one rename; how many. A file
    that does not decrypt is left as it is: it is unreadable with the key or without it."""
    opened = 0
    for path in _attachment_files(data_file):
        if not is_sealed(path):
            continue
        try:
            plain = unseal(key, path.name, path.read_bytes())
        except DamagedAttachment:
            continue
        write_whole(path, plain)
        opened += 1
    if opened:
        from advisor_app.store.cipher import sync_folder

        sync_folder(folder_for(data_file))
    return opened


def finish_encryption(data_file: Path, data_key: bytes | None) -> int:
    """At every open of a protected file: seal what a conversion stopped halfway left plain. Never raises
    for the disk: a file that cannot be sealed now still reads, and is tried again at the next open."""
    if data_key is None:
        return 0
    try:
        return encrypt_folder(data_file, attachment_key(data_key))
    except OSError:
        return 0
