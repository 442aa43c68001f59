"""Errors a user can cause with a data file or a value; each carries one translated sentence."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Shown to the user as is (GUI dialog or CLI stderr)."""


class DamagedDatabase(StoreError):
    """The file is SQLite but fails its integrity check: set it aside and offer a backup."""

    def __init__(self, message: str, path: Path):
        super().__init__(message)
        self.path = path


class ValidationError(StoreError):
    """One or more fields refused; ``problems`` maps field name to sentence."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__(" ".join(problems.values()))
