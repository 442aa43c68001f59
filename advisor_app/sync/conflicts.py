"""Review of conflicts: list the open ones and resolve each by keeping the winner or restoring the
loser. Either is an ordinary edit, so it is logged and travels in the next bundle, and the other
laptops that listed the same conflict close it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor_app.domain.clock import stamp_millis

if TYPE_CHECKING:
    from advisor_app.store.repository import Repository


@dataclass(frozen=True)
class Conflict:
    id: int
    kind: str
    table: str
    row_id: str
    column: str
    winner_value: Any
    winner_when: dt.datetime
    winner_device: str
    loser_value: Any
    loser_when: dt.datetime
    loser_device: str


def _when(stamp: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(stamp_millis(stamp) / 1000)


def open_conflicts(repository: Repository) -> list[Conflict]:
    rows = repository.conn.execute(
        "SELECT id, kind, table_name, row_id, column_name, winner_value, winner_hlc, winner_device, loser_value, "
        "loser_hlc, loser_device FROM conflicts WHERE resolution IS NULL ORDER BY id").fetchall()
    return [Conflict(row[0], row[1], row[2], row[3], row[4], row[5], _when(row[6]), row[7], row[8],
                     _when(row[9]), row[10]) for row in rows]


def count_open(conn) -> int:
    return conn.execute("SELECT count(*) FROM conflicts WHERE resolution IS NULL").fetchone()[0]


def device_label(repository: Repository, device: str) -> str:
    """The name a person knows a laptop by."""
    if device == repository.store.device_id:
        return repository.store.get_meta("device_name") or device[:8]
    row = repository.conn.execute("SELECT name, advisor FROM peers WHERE device_id = ?", (device,)).fetchone()
    if not row:
        return device[:8]
    return f"{row[0]} ({row[1]})" if row[1] else row[0]


def keep_winner(repository: Repository, conflict: Conflict) -> None:
    """Keep the value that won. The choice is written as an edit (the winning value again), so the
    laptops that listed the same conflict close it when the next bundle brings it."""
    with repository.store.transaction() as conn:
        repository.reassert(conflict.table, conflict.row_id, "deleted" if conflict.kind == "deleted"
                            else conflict.column)
        conn.execute("UPDATE conflicts SET resolution = 'kept' WHERE id = ?", (conflict.id,))
    repository.notify("conflicts", 1)


def restore_loser(repository: Repository, conflict: Conflict) -> None:
    """Bring back the value that lost (for a deletion: the record itself)."""
    if conflict.kind == "deleted" and conflict.winner_value == 1:
        repository.restore(conflict.table, conflict.row_id)
        if conflict.column != "deleted":
            repository.update(conflict.table, conflict.row_id, {conflict.column: conflict.loser_value})
    elif conflict.column == "deleted":
        repository.restore(conflict.table, conflict.row_id) if conflict.loser_value == 0 else \
            repository.delete(conflict.table, conflict.row_id)
    else:
        repository.update(conflict.table, conflict.row_id, {conflict.column: conflict.loser_value})
    with repository.store.transaction() as conn:
        conn.execute("UPDATE conflicts SET resolution = 'restored' WHERE id = ?", (conflict.id,))
    repository.notify("conflicts", 1)
