"""The bundle's size bounds (``bundle_format``) applied to an archive's declared sizes before anything
is inflated, and the sentences a refused bundle gets."""

from __future__ import annotations

import zipfile

from advisor_app.i18n import _
from advisor_app.sync import bundle_format as fmt
from advisor_app.sync.errors import BundleError

_FIXED_MEMBERS = (fmt.MANIFEST, fmt.SIGNATURE, fmt.CHANGES)


def member_limit(name: str) -> int:
    """The largest a member of this name may unpack to."""
    return {fmt.MANIFEST: fmt.MAX_MANIFEST_BYTES, fmt.SIGNATURE: fmt.MAX_SIGNATURE_BYTES,
            fmt.CHANGES: fmt.MAX_CHANGES_BYTES}.get(name, fmt.MAX_ATTACHMENT_BYTES)


def check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse, by the sizes the archive declares, a bundle that would unpack beyond the bounds."""
    if len(infos) > fmt.MAX_MEMBERS + len(_FIXED_MEMBERS):
        raise BundleError(_("The bundle holds more files than this app allows in one bundle; it was refused as "
                            "unsafe."))
    total = 0
    for info in infos:
        if info.file_size > member_limit(info.filename):
            raise BundleError(_("A member of the bundle is larger than this app allows; it was refused as unsafe."))
        total += info.file_size
    if total > fmt.MAX_BUNDLE_BYTES:
        raise BundleError(_("The bundle unpacks to more than this app allows in one bundle; it was refused as "
                            "unsafe."))
