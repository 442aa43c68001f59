"""Every refused bundle gets one sentence saying why; the database is left as it was."""

from __future__ import annotations

from advisor_app.store.errors import StoreError


class BundleError(StoreError):
    """A bundle that cannot be read, verified or applied."""


class NeedsPassphrase(BundleError):
    """The bundle is encrypted and no passphrase was given."""


class UntrustedSender(BundleError):
    """Signed correctly by a laptop this one has not trusted yet; ask the user, then retry."""

    def __init__(self, message: str, device_name: str, fingerprint: str):
        super().__init__(message)
        self.device_name = device_name
        self.fingerprint = fingerprint
