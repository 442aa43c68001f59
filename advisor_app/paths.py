"""Where the app finds its shipped files and keeps the user's data, on Windows and Linux alike."""

from __future__ import annotations

import sys
from pathlib import Path

from advisor_app import APP_AUTHOR, APP_NAME


def _bundle_root() -> Path:
    # A PyInstaller one-folder build unpacks data beside the executable (sys._MEIPASS).
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


ROOT = _bundle_root()
RESOURCES = ROOT / "resources"
TRANSLATIONS = ROOT / "translations"


def default_database_path() -> Path:
    """The embedded default: one SQLite file in the user's data folder."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR) / "advisor.sqlite3"
