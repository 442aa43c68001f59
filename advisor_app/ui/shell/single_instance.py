"""One window per data file: a second start on a file already open says so and can bring the first
window forward, instead of two windows writing the same file and each showing its own stale lists.

A lock file beside the data file (``QLockFile``) says the file is in use; it holds the owner's process
id, so the lock of a process that crashed or was killed is taken over at the next start. The first
window also listens on a local socket named after the file's path, where a second start asks it to come
to the front.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

COME_FORWARD = b"come-forward\n"
WAIT_MS = 1500


class SingleInstance(QObject):
    asked_to_come_forward = Signal()

    def __init__(self, data_file: Path, parent: QObject | None = None):
        super().__init__(parent)
        path = Path(data_file).resolve()
        self._lock = QLockFile(str(path) + ".lock")
        self._lock.setStaleLockTime(0)  # never by age: only a lock whose process is gone is stale
        self.server_name = "community-advisor-" + hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:24]
        self._server: QLocalServer | None = None
        self._window: QWidget | None = None

    def acquire(self) -> bool:
        """True when this start may open the file (also after a crash left its lock behind)."""
        return self._lock.tryLock(100)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self._lock.unlock()

    def serve(self, window: QWidget) -> None:
        """Bring ``window`` forward when a second start asks."""
        self._window = window
        QLocalServer.removeServer(self.server_name)  # a name left by a crashed first window
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self.server_name)

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda socket=socket: self._read(socket))

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(COME_FORWARD.strip()):
            self.asked_to_come_forward.emit()
            if self._window is not None:
                self._window.showNormal()
                self._window.raise_()
                self._window.activateWindow()
        socket.disconnectFromServer()

    def ask_first_to_come_forward(self) -> bool:
        """Ask the window that has the file open to come to the front; False if it did not answer."""
        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        if not socket.waitForConnected(WAIT_MS):
            return False
        socket.write(COME_FORWARD)
        sent = socket.waitForBytesWritten(WAIT_MS)
        socket.disconnectFromServer()
        return sent
