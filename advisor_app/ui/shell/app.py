"""Start the GUI: check for a screen, open (or recover) the data file, welcome on first start."""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from advisor_app import logs
from advisor_app.i18n import _
from advisor_app.paths import default_database_path
from advisor_app.store.errors import DamagedDatabase, StoreError

if TYPE_CHECKING:
    from advisor_app.store.database import Store

log = logging.getLogger(__name__)


def has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


# Libraries Qt's X11 plugin loads (library name → Debian/Ubuntu package). Without one Qt aborts the
# process, so they are looked for first and named in one sentence.
_X11_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0", "xcb-render-util": "libxcb-render-util0", "xcb-shape": "libxcb-shape0",
    "xcb-randr": "libxcb-randr0", "xcb-xkb": "libxcb-xkb1", "xkbcommon-x11": "libxkbcommon-x11-0",
}


def missing_x11_libraries() -> list[str]:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM") or not os.environ.get("DISPLAY"):
        return []
    if os.environ.get("WAYLAND_DISPLAY"):
        return []
    import ctypes.util

    return [package for library, package in _X11_LIBRARIES.items() if not ctypes.util.find_library(library)]


# Below this size the start-up check costs a few milliseconds and runs before the window opens;
# above it, after a clean shutdown, it runs in the background once the window is painted.
QUICK_CHECK_UP_FRONT_BYTES = 32 * 1024 * 1024


def open_store_with_recovery(path: Path, ask, key: bytes | None = None) -> "Store | None":
    """Open the data file (with its data ``key`` when protected by a passphrase); a damaged one is set
    aside and, if the user agrees, the newest sound backup is restored in its place.
    ``ask(question) -> bool`` puts the question to the user."""
    from advisor_app.store import backups, cipher
    from advisor_app.store.database import Store

    try:
        store = Store.open(path, quick_check=False, key=key)
        try:
            if store.get_meta("session_open") == "1" or path.stat().st_size <= QUICK_CHECK_UP_FRONT_BYTES:
                store.quick_check()
        except StoreError:
            store.close()
            raise
        return store
    except DamagedDatabase as error:
        backup = backups.newest_sound_backup(path, key)
        aside = backups.set_aside(path)
        message = _("The data file was damaged. It has been kept, untouched, as {aside}.").format(aside=aside)
        if backup is None:
            log.warning("No sound backup found for the damaged data file")
            if ask(message + " " + _("No sound backup was found. Start with an empty data file?")):
                log.info("Starting with an empty data file in place of the damaged one")
                return Store.open(path)
            return None
        if ask(message + " " + _("Restore the backup {backup}?").format(backup=backup.name)):
            backups.restore(backup, path, key)
            return Store.open(path, key=key if cipher.is_encrypted(path) else None)
        raise StoreError(str(error)) from None


def check_and_back_up_in_background(store, on_damage) -> threading.Thread:
    """On a connection of its own, so the window paints first: SQLite's quick check, then today's
    backup (never a backup of a damaged file). ``on_damage()`` is called from the worker thread."""
    import sqlite3

    import sqlcipher3

    from advisor_app.store import backups, cipher

    def work() -> None:
        try:
            conn = cipher.connect(store.path, store.key)
            try:
                if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    log.warning("The start-up check found the data file damaged")
                    on_damage()
                    return
                backups.daily(conn, store.path, key=store.key)
            finally:
                conn.close()
        except (sqlite3.DatabaseError, sqlcipher3.dbapi2.DatabaseError):
            log.warning("The start-up check could not read the data file")
            on_damage()
        except (*cipher.DATABASE_ERRORS, OSError) as error:
            log.warning("Daily backup not taken (%s); it is taken at the next start", type(error).__name__)

    thread = threading.Thread(target=work, name="check-and-backup", daemon=True)
    thread.start()
    return thread


def preload_reports_in_background() -> None:
    """ReportLab takes a fifth of a second to import; a thread does it while the advisor reads the
    window, so the first Print is quick. Nothing depends on it finishing."""
    import threading

    from advisor_app.reports import preload

    threading.Thread(target=preload, name="preload-reports", daemon=True).start()


def run_gui(db: Path | None, language: str | None) -> int:
    if not has_display():
        print(_("No display was found: the window cannot open here. "
                "Use the headless commands (advisor-app --help) or run it on a desktop."), file=sys.stderr)
        return 1
    missing = " ".join(missing_x11_libraries())
    if missing:
        print(_("The window cannot open: system libraries are missing. "
                "Install them (for example: sudo apt install {library}) and start again.").format(library=missing),
              file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication, QMessageBox

    from advisor_app.ui.common.context import AppContext
    from advisor_app.ui.common.emoji_font import install_emoji_font
    from advisor_app.ui.shell.damage_notice import DamageNotice
    from advisor_app.ui.common.language import LanguageSwitcher
    from advisor_app.ui.shell.main_window import MainWindow
    from advisor_app.ui.shell.single_instance import SingleInstance
    from advisor_app.ui.common.user_errors import install_last_resort

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Community Advisor")
    install_emoji_font()
    switcher = LanguageSwitcher(app)
    switcher.apply(language or "es")

    def ask(question: str) -> bool:
        return QMessageBox.question(None, _("Community Advisor"), question) == QMessageBox.StandardButton.Yes

    if db is None:
        db = default_database_path()
        db.parent.mkdir(parents=True, exist_ok=True)
    logs.configure(Path(db).expanduser().parent)  # beside the data file, before a damaged one is set aside
    instance = SingleInstance(Path(db))
    if not instance.acquire():
        if ask(_("This data file is already open in another Community Advisor window: {path}. "
                 "Bring that window to the front?").format(path=db)):
            if not instance.ask_first_to_come_forward():
                QMessageBox.information(None, _("Community Advisor"), _(
                    "The other window did not answer. Look for it on the task bar, or close it and start again."))
        return 1
    from advisor_app.ui.security.unlock_dialog import key_at_start

    go_on, key = key_at_start(Path(db))
    if not go_on:
        instance.release()
        return 1
    try:
        store = open_store_with_recovery(Path(db), ask, key)
    except StoreError as error:
        instance.release()
        QMessageBox.critical(None, _("Community Advisor"), str(error))
        return 1
    if store is None:
        instance.release()
        return 1
    if language is None and store.get_meta("language") in ("es", "en"):
        switcher.apply(store.get_meta("language"))
    logs.data_file_opened(store)
    install_last_resort(Path(store.path).parent)
    store.set_meta("session_open", "1")  # cleared at a normal exit; left set, the next start checks first
    context = AppContext(store, switcher)
    window = MainWindow(context)
    window.show()
    instance.serve(window)
    if not store.get_meta("welcome_done"):
        window.open_welcome()
    damage = DamageNotice(window)
    check_and_back_up_in_background(store, damage.found.emit)
    preload_reports_in_background()
    code = app.exec()
    if not damage.seen:
        store.set_meta("session_open", "0")
    store.close()
    logs.stop()
    instance.release()
    return code
