"""A plaintext copy of an attachment for the system's viewer, which cannot read a sealed file.

Each copy is written from content already checked against its name (the viewer never gets another
file) into a folder of its own that only this user can enter (``mkdtemp`` makes it 0700), under the
attachment's own file name so the viewer shows it and picks the right program. The folders are removed
when the app exits; those of a process that was killed are removed as stale at the next start
(store/leftovers.py, ``VIEWER_COPY_PREFIX``).
"""

from __future__ import annotations

import atexit
import mimetypes
import os
import shutil
import tempfile
from pathlib import Path

from advisor_app.i18n import _
from advisor_app.store.attachments import read_attachment
from advisor_app.store.database import Store
from advisor_app.store.errors import StoreError
from advisor_app.store.leftovers import VIEWER_COPY_PREFIX

_made: list[Path] = []


def shown_name(file_name: object, sha256: str, media_type: object = None) -> str:
    """A name safe to create: the last part of the recorded name without control characters; the digest
    (with the type's usual extension) when nothing usable is left."""
    text = "".join(char for char in str(file_name or "") if char.isprintable() and char not in '<>:"|?*\\/')
    text = text.strip(" .")[:120]
    if text:
        return text
    return sha256[:16] + (mimetypes.guess_extension(str(media_type or "")) or "")


def viewer_copy(store: Store, sha256: str) -> Path:
    """The checked plaintext of an attachment in a private temporary folder, removed when the app exits."""
    content = read_attachment(store, sha256)
    row = store.conn.execute("SELECT file_name, media_type FROM attachments WHERE sha256 = ? "
                             "ORDER BY deleted, id LIMIT 1", (sha256,)).fetchone()
    file_name, media_type = row or (None, None)
    name = shown_name(file_name, sha256, media_type)
    try:
        folder = Path(tempfile.mkdtemp(prefix=VIEWER_COPY_PREFIX))
        _remember(folder)
        target = folder / name
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
    except OSError as error:
        raise StoreError(_("The attachment could not be prepared for the viewer: {reason}.").format(
            reason=error.strerror or error)) from None
    return target


def _remember(folder: Path) -> None:
    if not _made:
        atexit.register(remove_viewer_copies)
    _made.append(folder)


def remove_viewer_copies() -> None:
    """Remove every copy this process made (at exit); one still open elsewhere is left for the next start."""
    while _made:
        shutil.rmtree(_made.pop(), ignore_errors=True)
