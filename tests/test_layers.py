"""The core imports no Qt: domain, store and i18n work in a process where PySide6 cannot load."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_core_layers_import_without_qt(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        sys.modules["PySide6"] = None  # any import of Qt now fails
        import advisor_app.domain.records, advisor_app.domain.catalog, advisor_app.domain.clock
        import advisor_app.store.repository, advisor_app.store.listing, advisor_app.store.demo
        import advisor_app.i18n.formatting, advisor_app.cli
        from advisor_app.store.database import Store
        from advisor_app.store.repository import Repository
        from advisor_app.store.demo import load_demo
        store = Store.open(r"{tmp_path / 'a.sqlite3'}")
        print(load_demo(Repository(store)))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "119"  # 64 registry records, 2 plans, 2 participants, an agreement (21 edits:
    # the managing partner, each partner's ID and the English of the six plan answers it quotes among them),
    # 3 workshops with 16 on their lists, 2 sessions with 6 attendees and 3 actions
