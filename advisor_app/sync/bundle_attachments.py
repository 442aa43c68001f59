"""The attachment files an export carries: each one only by a checked digest, and only when its content
still matches that digest.

A file that cannot be sent (its record does not name it by a digest, its content no longer matches, it
is larger than a bundle may carry) is left out with a sentence naming it, and the rest of the bundle is
written: one damaged scan must not stop a laptop from sending everything else, and the advisor learns
which scan to attach again while the original paper is still at hand. A file that is simply not on
this laptop is left out silently, as it always was: it never arrived here either.

Each file is read whole into memory, decrypted if sealed (store/attachment_files.py) and checked, and
the checked bytes are what the bundle carries: a file changed after the check cannot slip in.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator

from advisor_app.domain.records import is_sha256
from advisor_app.i18n import _
from advisor_app.store import attachment_files
from advisor_app.store.attachments import attachment_path
from advisor_app.store.database import Store
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync.errors import BundleError
from advisor_app.sync.sender_text import plain

_WRITE = 1024 * 1024


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
            if path.stat().st_size > fmt.MAX_ATTACHMENT_BYTES + attachment_files.SEALING_BYTES:
                content = None  # not read into memory at all
            else:
                # Plaintext into the bundle, checked against its name: a bundle has its own encryption.
                content = attachment_files.load(path, sha256, attachment_files.attachment_key(store.key))
        except FileNotFoundError:
            continue
        except OSError as error:
            raise BundleError(_("The attachment {name} cannot be read: {reason}.").format(
                name=_file_name(store, sha256), reason=error.strerror or error)) from None
        except attachment_files.DamagedAttachment:
            left_out.append(_("The file {name} is damaged on this laptop (its content no longer matches it) and "
                              "was left out of the bundle; attach it again from the original.").format(
                name=_file_name(store, sha256)))
            continue
        if content is None or len(content) > fmt.MAX_ATTACHMENT_BYTES:
            left_out.append(_("The file {name} is larger than a bundle may carry and was left out of the "
                              "bundle.").format(name=_file_name(store, sha256)))
            continue
        count += 1
        total += len(content)
        if count > fmt.MAX_MEMBERS or total > fmt.MAX_BUNDLE_BYTES:
            # Another laptop would refuse it (bundle_format's bounds): say so now, while it can be split.
            raise BundleError(_("This bundle would be larger than one bundle may be; export chosen organizations "
                                "in several bundles instead."))
        with archive.open(f"{fmt.ATTACHMENT_PREFIX}{sha256}", "w", force_zip64=True) as member:
            for start in range(0, len(content), _WRITE):
                member.write(content[start:start + _WRITE])
        yield sha256, len(content)
