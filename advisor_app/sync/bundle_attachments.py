"""The attachment files an export carries: each one only by a checked digest, and only when its content
still matches that digest.

A file that cannot be sent (its record does not name it by a digest, its content no longer matches, it
is larger than a bundle may carry) is left out with a sentence naming it, and the rest of the bundle is
written: one damaged scan must not stop a laptop from sending everything else, and the advisor learns
which scan to attach again while the original paper is still at hand. A file that is simply not on
this laptop is left out silently, as it always was: it never arrived here either.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from advisor_app.domain.records import is_sha256
from advisor_app.i18n import _
from advisor_app.store.attachments import attachment_path, file_digest
from advisor_app.store.database import Store
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync.errors import BundleError
from advisor_app.sync.sender_text import plain

_READ = 1024 * 1024


def _file_name(store: Store, sha256: object) -> str:
    row = store.conn.execute("SELECT file_name FROM attachments WHERE sha256 = ? ORDER BY deleted, id LIMIT 1",
                             (str(sha256),)).fetchone()
    return plain(row[0] if row and row[0] else str(sha256), 80)


def write_attachments(store: Store, archive: zipfile.ZipFile, digests: Iterable[object], written: int,
                      left_out: list[str]) -> Iterator[tuple[str, int]]:
    """Write each attachment into ``archive``, yielding (digest, size); ``written`` is what the archive
    already holds, and a sentence for each file left out is appended to ``left_out``."""
    total, count = written, 0
    for sha256 in sorted(digests, key=str):
        if not is_sha256(sha256):
            left_out.append(_("The attachment {name} does not name its file by a valid content hash and was left "
                              "out of the bundle.").format(name=_file_name(store, sha256)))
            continue
        path = attachment_path(store, sha256)
        try:
            size = path.stat().st_size
            matches = file_digest(path) == sha256
        except FileNotFoundError:
            continue
        except OSError as error:
            raise BundleError(_("The attachment {name} cannot be read: {reason}.").format(
                name=_file_name(store, sha256), reason=error.strerror or error)) from None
        if not matches:
            left_out.append(_("The file {name} is damaged on this laptop (its content no longer matches it) and "
                              "was left out of the bundle; attach it again from the original.").format(
                name=_file_name(store, sha256)))
            continue
        if size > fmt.MAX_ATTACHMENT_BYTES:
            left_out.append(_("The file {name} is larger than a bundle may carry and was left out of the "
                              "bundle.").format(name=_file_name(store, sha256)))
            continue
        count += 1
        total += size
        if count > fmt.MAX_MEMBERS or total > fmt.MAX_BUNDLE_BYTES:
            # Another laptop would refuse it (bundle_format's bounds): say so now, while it can be split.
            raise BundleError(_("This bundle would be larger than one bundle may be; export chosen organizations "
                                "in several bundles instead."))
        yield sha256, _copy(store, path, archive, sha256)


def _copy(store: Store, path: Path, archive: zipfile.ZipFile, sha256: str) -> int:
    """Copy the file into the archive, hashing what is copied: a file changed since it was checked is
    refused rather than sent under a name it no longer has."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as source, archive.open(f"{fmt.ATTACHMENT_PREFIX}{sha256}", "w", force_zip64=True) as member:
        while chunk := source.read(_READ):
            digest.update(chunk)
            size += len(chunk)
            member.write(chunk)
    if digest.hexdigest() != sha256:
        raise BundleError(_("The file {name} changed while the bundle was being written; export again.").format(
            name=_file_name(store, sha256)))
    return size
