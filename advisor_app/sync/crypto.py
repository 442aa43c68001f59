"""Passphrase encryption of a whole bundle: scrypt derives the key, AES-GCM seals 1 MiB chunks.

Chunks keep memory flat for any bundle size. Each chunk's nonce and associated data carry its index
and whether it is the last one, so reordering, dropping or truncating chunks fails authentication.

Plaintext never touches a disk outside the data folder: the exporter writes the zip into a
``SealingWriter``, which seals each chunk as it fills, so the file beside the target (on the USB stick)
only ever holds ciphertext; the importer reads the zip through a ``SealedFile``, which decrypts the
chunk a read needs in memory, so no decrypted copy is written anywhere.
"""

from __future__ import annotations

import io
import os
import struct
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from advisor_app.i18n import _
from advisor_app.sync.errors import BundleError

MAGIC = b"ADVBENC1"
CHUNK = 1024 * 1024
_TAG = 16
_LENGTH = struct.Struct(">I")
_STRIDE = _LENGTH.size + CHUNK + _TAG  # every chunk but the last is exactly this long on disk
_HEADER = struct.Struct(">16sBBB8s")  # salt, log2(n), r, p, nonce prefix
# N = 2^17 is OWASP's minimum for scrypt (128 MiB, about half a second on a field laptop).
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 17, 8, 1
# Bundles written before N was raised used 2^15; they still open.
OLDEST_LOG2_N = 15
# At most twice the work (and memory) of what this app writes: a forged header must not make the
# import spend gigabytes and half a minute before the passphrase is found wrong.
MAX_SCRYPT_COST = 2 * 2 ** SCRYPT_LOG2_N * SCRYPT_R * SCRYPT_P
# The shortest passphrase the window and the command line accept for a new bundle.
MIN_PASSPHRASE = 8


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    refused = BundleError(_("This bundle's encryption settings are not ones this app makes."))
    if not (OLDEST_LOG2_N <= log2_n <= 20 and 1 <= r <= 16 and 1 <= p <= 4) or 2 ** log2_n * r * p > MAX_SCRYPT_COST:
        raise refused
    try:
        return Scrypt(salt=salt, length=32, n=2 ** log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))
    except (MemoryError, ValueError):  # OpenSSL also refuses N >= 2^(16 r), as a lack of memory
        raise refused from None


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def _associated(header: bytes, index: int, final: bool) -> bytes:
    return header + struct.pack(">Q?", index, final)


class SealingWriter:
    """A write-only stream that seals what is written into ``target``, one full chunk at a time.

    It has no ``tell``/``seek``, so ``zipfile`` writes to it as to a pipe (sizes after each member).
    A chunk is sealed only once more data follows it, so that the last one can be marked final by
    ``finish()``; until then at most one chunk of plaintext is held, in memory.
    """

    def __init__(self, target: BinaryIO, passphrase: str):
        salt, self._prefix = os.urandom(16), os.urandom(8)
        self._header = MAGIC + _HEADER.pack(salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, self._prefix)
        self._cipher = AESGCM(_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P))
        self._target = target
        self._pending = bytearray()
        self._index = 0
        target.write(self._header)

    def write(self, data) -> int:
        self._pending += data
        while len(self._pending) > CHUNK:
            self._seal(bytes(self._pending[:CHUNK]), final=False)
            del self._pending[:CHUNK]
        return len(data)

    def flush(self) -> None:
        """Nothing to do: plaintext is only ever sealed whole chunks at a time."""

    def finish(self) -> None:
        """Seal what is left as the final chunk (an empty one if the stream ended on a chunk boundary)."""
        self._seal(bytes(self._pending), final=True)
        self._pending.clear()
        self._target.flush()

    def _seal(self, chunk: bytes, final: bool) -> None:
        sealed = self._cipher.encrypt(_nonce(self._prefix, self._index), chunk,
                                      _associated(self._header, self._index, final))
        self._target.write(_LENGTH.pack(len(sealed)) + sealed)
        self._index += 1


class SealedFile(io.RawIOBase):
    """A sealed bundle read as the plain zip it holds, seekable, decrypted a chunk at a time in memory.

    Chunks sit at fixed offsets (all but the last are full), so any position maps to one chunk. Every
    chunk is authenticated once when the file is opened (a wrong passphrase or any damage is refused
    before the zip is looked at) and again each time it is decrypted for a read.
    """

    def __init__(self, path: Path, passphrase: str):
        super().__init__()
        self._file = Path(path).open("rb")
        try:
            self._open(passphrase)
        except BaseException:
            self._file.close()
            raise

    def _open(self, passphrase: str) -> None:
        header = self._file.read(len(MAGIC) + _HEADER.size)
        if len(header) != len(MAGIC) + _HEADER.size or not header.startswith(MAGIC):
            raise BundleError(_("This file is not an encrypted bundle."))
        salt, log2_n, r, p, self._prefix = _HEADER.unpack(header[len(MAGIC):])
        self._header = header
        body = os.fstat(self._file.fileno()).st_size - len(header)
        if body < _LENGTH.size + _TAG:
            raise self._wrong()
        self._count = (body - _LENGTH.size - _TAG) // _STRIDE + 1
        last = body - (self._count - 1) * _STRIDE - _LENGTH.size - _TAG
        self.size = (self._count - 1) * CHUNK + last
        self._cipher = AESGCM(_key(passphrase, salt, log2_n, r, p))
        self._position = 0
        self._cached: tuple[int, bytes] | None = None
        for index in range(self._count):
            self._chunk(index)

    @staticmethod
    def _wrong() -> BundleError:
        return BundleError(_("The passphrase is wrong, or the bundle was damaged on the way."))

    def _chunk(self, index: int) -> bytes:
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        final = index == self._count - 1
        self._file.seek(len(self._header) + index * _STRIDE)
        expected = (self.size - index * CHUNK if final else CHUNK) + _TAG
        size_bytes = self._file.read(_LENGTH.size)
        sealed = self._file.read(expected)
        if len(size_bytes) != _LENGTH.size or _LENGTH.unpack(size_bytes)[0] != expected or len(sealed) != expected:
            raise self._wrong()
        try:
            plain = self._cipher.decrypt(_nonce(self._prefix, index), sealed,
                                         _associated(self._header, index, final))
        except InvalidTag:
            raise self._wrong() from None
        self._cached = (index, plain)
        return plain

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise OSError("negative seek position")
        self._position = base + offset
        return self._position

    def readinto(self, buffer) -> int:
        # Filled across chunk boundaries: zipfile takes a short read of a header for a damaged archive.
        view = memoryview(buffer).cast("B")
        filled = 0
        while filled < len(view) and self._position < self.size:
            index, start = divmod(self._position, CHUNK)
            piece = self._chunk(index)[start:start + len(view) - filled]
            view[filled:filled + len(piece)] = piece
            filled += len(piece)
            self._position += len(piece)
        return filled

    def close(self) -> None:
        self._cached = None
        if not self.closed:
            self._file.close()
        super().close()


@contextmanager
def written_bundle(path: Path, passphrase: str | None) -> Iterator[BinaryIO]:
    """A new file at ``path`` to write a bundle's zip into: the file itself, or with a passphrase a
    ``SealingWriter`` into it, whose final chunk is sealed when the block ends without an error."""
    with Path(path).open("xb") as handle:
        if not passphrase:
            yield handle
            return
        writer = SealingWriter(handle, passphrase)
        yield writer
        writer.finish()
