"""The app's log: the standard ``logging`` module writing to ``advisor.log`` beside the data file.

A stolen laptop must reveal nothing through it, so what is logged is ids, counts and the shape of a
failure, never a value: no names, CURPs, phone numbers, amounts or passphrases. An exception's message
may quote any of those (a refused value, a name in a path), so unexpected errors are logged by their
type and the stack's files, lines and functions only (``stack_without_message``).

The file rotates at ``MAX_BYTES`` with ``BACKUPS_KEPT`` older files, so it never holds more than a few MB.
The window and the command line configure it for the data file they open, so both write to one place.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

LOG_NAME = "advisor.log"
MAX_BYTES = 1024 * 1024
BACKUPS_KEPT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_PACKAGE_PARENT = Path(__file__).resolve().parent.parent
_lock = threading.Lock()
_handler: logging.handlers.RotatingFileHandler | None = None
_folder: Path | None = None
_logger = logging.getLogger(__name__)


class _WithoutMessages(logging.Formatter):
    """``log.exception()`` anywhere still writes no exception message: the exception part of a record is
    always the stack without it, never a text another handler may have cached on the record."""

    def format(self, record: logging.LogRecord) -> str:
        cached = record.exc_text
        record.exc_text = stack_without_message(*record.exc_info) if record.exc_info else None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached


def app_logger() -> logging.Logger:
    """Every module logs through ``logging.getLogger(__name__)``: all of them sit under this one."""
    return logging.getLogger("advisor_app")


def configure(folder: Path) -> Path:
    """Log to ``folder/advisor.log`` from now on. Calling it again for the same folder changes nothing;
    another folder (another data file opened) takes the handler's place. Returns the log's path. The file
    is created at the first line logged, so a folder that turns out not to exist is refused by the store
    with its own sentence first."""
    global _handler, _folder
    folder = Path(folder).resolve()
    with _lock:
        if _handler is not None and _folder == folder:
            return folder / LOG_NAME
        handler = logging.handlers.RotatingFileHandler(folder / LOG_NAME, maxBytes=MAX_BYTES,
                                                       backupCount=BACKUPS_KEPT, encoding="utf-8", delay=True)
        handler.setFormatter(_WithoutMessages(FORMAT))
        logger = app_logger()
        if _handler is not None:
            logger.removeHandler(_handler)
            _handler.close()
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        _handler, _folder = handler, folder
    return folder / LOG_NAME


def stop() -> None:
    """Close the log: its data file was closed, and what is logged next belongs beside another one."""
    global _handler, _folder
    with _lock:
        if _handler is not None:
            app_logger().removeHandler(_handler)
            _handler.close()
        _handler = _folder = None


def log_path() -> Path | None:
    """Where the log is written, or None before a data file was opened."""
    return None if _folder is None else _folder / LOG_NAME


def _short_file(filename: str) -> str:
    """A frame's file without the folders above the app or the installed packages: a home folder is
    often named after its owner."""
    path = Path(filename)
    try:
        return path.resolve().relative_to(_PACKAGE_PARENT).as_posix()
    except (OSError, ValueError):
        pass
    parts = path.parts
    for marker in ("site-packages", "dist-packages", "lib"):
        if marker in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(marker):])
    return path.name


def _type_name(kind: type) -> str:
    module = getattr(kind, "__module__", "")
    return kind.__qualname__ if module in ("builtins", "") else f"{module}.{kind.__qualname__}"


def stack_without_message(kind: type[BaseException], value: BaseException | None,
                          trace: TracebackType | None) -> str:
    """The exception's type and where it happened (file, line, function), with its causes, but neither
    its message nor any local variable nor the source text: those may carry a person's data."""
    chain: list[tuple[type, TracebackType | None, str]] = [(kind, trace, "")]
    seen = {id(value)}
    current = value
    while current is not None:
        if current.__cause__ is not None:
            following, link = current.__cause__, "The above was the direct cause of:"
        elif current.__context__ is not None and not current.__suppress_context__:
            following, link = current.__context__, "During handling of the above, another exception occurred:"
        else:
            break
        if id(following) in seen:
            break
        seen.add(id(following))
        chain.append((type(following), following.__traceback__, link))
        current = following
    lines: list[str] = []
    for position, (each_kind, each_trace, _link) in enumerate(reversed(chain)):
        if position:
            lines.append(chain[len(chain) - position][2])
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(each_trace):
            lines.append(f'  File "{_short_file(frame.filename)}", line {frame.lineno}, in {frame.name}')
        lines.append(f"{_type_name(each_kind)} (message withheld)")
    return "\n".join(lines)


def log_unexpected(kind: type[BaseException], value: BaseException | None, trace: TracebackType | None) -> Path | None:
    """Log an unexpected exception without its message; returns the log's path (None: not configured,
    so the stack went to the error output instead)."""
    text = stack_without_message(kind, value, trace)
    if _handler is None:
        print(text, file=sys.stderr)
        return None
    _logger.error("Unexpected error\n%s", text)
    return log_path()


def data_file_opened(store) -> None:
    """One line when a data file opens: its name, schema version and how many live records it holds."""
    from advisor_app.store import live_counts

    version = store.conn.execute("PRAGMA user_version").fetchone()[0]
    _logger.info("Data file %s opened: schema version %d, %s organizations, %s people",
                 Path(store.path).name, version, live_counts.live(store.conn, "organizations"),
                 live_counts.live(store.conn, "people"))
