"""Hybrid logical clock: stamps that order edits causally even when laptop clocks are wrong.

A stamp is text that sorts in time order: 15 digits of milliseconds since 1970, a dot, 6 digits of
a counter. Ties between devices are broken by device id, outside the stamp.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

STAMP_LENGTH = 22
MAX_COUNTER = 999_999


def make_stamp(millis: int, counter: int) -> str:
    return f"{millis:015d}.{counter:06d}"


def parse_stamp(stamp: str) -> tuple[int, int]:
    if len(stamp) != STAMP_LENGTH or stamp[15] != ".":
        raise ValueError(stamp)
    return int(stamp[:15]), int(stamp[16:])


def stamp_millis(stamp: str) -> int:
    return parse_stamp(stamp)[0]


@dataclass
class HybridClock:
    """``now()`` for local edits, ``observe()`` for stamps received from other devices."""

    wall: Callable[[], int] = field(default=lambda: time.time_ns() // 1_000_000)
    millis: int = 0
    counter: int = 0

    def now(self) -> str:
        physical = self.wall()
        if physical > self.millis:
            self.millis, self.counter = physical, 0
        elif self.counter < MAX_COUNTER:
            self.counter += 1
        else:  # six digits are full: borrow the next millisecond so stamps keep their length and order
            self.millis, self.counter = self.millis + 1, 0
        return make_stamp(self.millis, self.counter)

    def observe(self, stamp: str) -> None:
        """Move past a received stamp so that later local edits sort after it."""
        millis, counter = parse_stamp(stamp)
        physical = self.wall()
        if millis > self.millis or (millis == self.millis and counter > self.counter):
            self.millis, self.counter = millis, counter
        if physical > self.millis:
            self.millis, self.counter = physical, 0

    def restore(self, stamp: str | None) -> None:
        """Start after the newest stamp already in the database (the clock is not saved separately)."""
        if stamp:
            self.millis, self.counter = parse_stamp(stamp)
