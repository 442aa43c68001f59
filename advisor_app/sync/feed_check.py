"""Check every numbered entry of a bundle against its origin laptop's feed before it is applied.

Lines of one origin come in feed order. Numbers this laptop already verified are either held (a
duplicate, skipped) or held as a digest only (the content must match that digest). Numbers above must
follow on without a gap, fold into the chain, and end exactly at the head the origin signed; a segment
that starts beyond what this laptop holds (its earlier part was lost) waits, unapplied, for a bundle
that brings the missing part, and the rest of the bundle is applied. Anything else is refused with a
sentence naming the laptop: nobody can alter, invent or number entries in another laptop's name.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from advisor_app.i18n import _
from advisor_app.store.repository import canonical_json
from advisor_app.sync import feed
from advisor_app.sync.errors import BundleError
from advisor_app.sync.reader import Change, shown, validate

KNOWN, NEW, FILL, DIGEST, WAIT = "known", "new", "fill", "digest", "wait"


@dataclass
class _Origin:
    device: str
    verified: int
    complete: int
    chain: bytes
    key: str | None
    head: dict | None
    next: int | None = None
    running: bytes = b""
    waiting: bool = False
    checked: bool = False


class FeedCheck:
    """Classifies each line: KNOWN, NEW (a Change to apply), FILL (content for a held digest), DIGEST
    (an entry known by its digest only) or WAIT (its segment cannot be checked yet)."""

    def __init__(self, conn: sqlite3.Connection, own_device: str, manifest: dict[str, Any]):
        self.conn, self.own_device = conn, own_device
        self.sender, self.sender_key = manifest["device"], manifest["public_key"]
        self.heads: dict[str, dict] = manifest["feeds"]
        self.origins: dict[str, _Origin] = {}
        self.own_length = feed.own_feed_length(conn, own_device)
        self.waited: set[str] = set()

    def laptop(self, device: str) -> str:
        row = self.conn.execute("SELECT name FROM peers WHERE device_id = ?", (device,)).fetchone()
        return shown(row[0], 80) if row else device[:8]

    def _refuse(self, message: str, device: str) -> BundleError:
        return BundleError(message.format(laptop=self.laptop(device)))

    def _origin(self, device: str) -> _Origin:
        state = self.origins.get(device)
        if state is None:
            row = self.conn.execute("SELECT public_key, verified, complete, chain FROM feeds WHERE device = ?",
                                    (device,)).fetchone()
            if row is None:
                peer = self.conn.execute("SELECT public_key FROM peers WHERE device_id = ?", (device,)).fetchone()
                row = (peer[0] if peer else None, 0, 0, None)
            state = _Origin(device, row[1], row[2], row[3] or feed.chain_start(device), row[0],
                            self.heads.get(device))
            self.origins[device] = state
        return state

    def classify(self, number: int, item: dict) -> tuple[str, Any]:
        device, seq = item["d"], item["s"]
        if device == self.own_device:
            if seq <= self.own_length:
                return KNOWN, None
            raise BundleError(_("The bundle holds entries in this laptop's name that it never wrote; it was "
                                "refused."))
        state = self._origin(device)
        if seq <= state.verified:
            return self._below(state, number, item)
        if state.waiting:
            return WAIT, None
        if state.next is None:
            if not self._start(state, seq):
                return WAIT, None
        elif seq != state.next:
            raise self._refuse(_("The entries of {laptop} in this bundle are out of order or have a gap; it was "
                                 "refused."), device)
        if seq > state.head["to"]:
            raise self._refuse(_("The bundle holds entries of {laptop} beyond what that laptop signed; it was "
                                 "refused."), device)
        change = None if "x" in item else validate(item, number)
        digest = bytes.fromhex(item["x"]) if change is None else self.digest(change)
        state.running = feed.chain_next(state.running, digest)
        state.next = seq + 1
        if seq == state.head["to"] and state.running.hex() != state.head["chain"]:
            raise self._refuse(_("Entries of {laptop} in this bundle do not match what that laptop signed: they "
                                 "were altered or forged; the bundle was refused."), device)
        return (DIGEST, (device, seq, digest)) if change is None else (NEW, change)

    def _start(self, state: _Origin, seq: int) -> bool:
        """The first entry above what is verified here: check who signed the head, then begin the chain."""
        head = state.head
        if head is None:
            raise self._refuse(_("The bundle holds entries of {laptop} without that laptop's signature; it was "
                                 "refused."), state.device)
        if state.key is not None and head["key"] != state.key:
            raise self._refuse(_("The bundle holds entries of {laptop} signed with another key than that laptop's; "
                                 "it was refused."), state.device)
        if state.key is None and feed.device_id_for_or_none(head["key"]) != state.device and not (
                state.device == self.sender and head["key"] == self.sender_key):
            # A laptop from before keys named it, met first through a relay: its key cannot be told from a
            # forger's, so its entries wait until it sends a bundle itself.
            state.waiting = True
            self.waited.add(state.device)
            return False
        if not feed.head_verifies(head["key"], state.device, head["to"], bytes.fromhex(head["chain"]), head["sig"]):
            raise self._refuse(_("The signature of {laptop} on its entries in this bundle is not valid; it was "
                                 "refused."), state.device)
        if seq != state.verified + 1:
            state.waiting = True
            self.waited.add(state.device)
            return False
        state.running, state.next, state.checked = state.chain, seq, True
        return True

    def _below(self, state: _Origin, number: int, item: dict) -> tuple[str, Any]:
        seq = item["s"]
        if seq <= state.complete or "x" in item:
            return KNOWN, None
        row = self.conn.execute("SELECT fields IS NULL, digest FROM change_log WHERE device = ? AND origin_seq = ?",
                                (state.device, seq)).fetchone()
        if row is None or not row[0]:
            return KNOWN, None
        change = validate(item, number)
        if self.digest(change) != row[1]:
            raise self._refuse(_("An entry of {laptop} in this bundle does not match what that laptop signed: it "
                                 "was altered or forged; the bundle was refused."), state.device)
        return FILL, change

    @staticmethod
    def digest(change: Change) -> bytes:
        return feed.entry_digest(change.device, change.seq, change.table, change.row_id,
                                 change.fields_json or canonical_json(change.fields), change.hlc)

    def finish(self) -> list[tuple]:
        """After the last line: every checked segment reached its signed head. Returns the feeds rows to
        write (device, key, verified, chain, signature)."""
        updates = []
        for device, head in self.heads.items():
            state = self._origin(device) if device != self.own_device else None
            if state is None or state.waiting or head["to"] <= state.verified:
                continue
            if not state.checked or state.next != head["to"] + 1:
                raise self._refuse(_("The bundle lacks entries of {laptop} that its signature covers; it was "
                                     "refused."), device)
            updates.append((device, head["key"], head["to"], bytes.fromhex(head["chain"]), head["sig"]))
        return updates
