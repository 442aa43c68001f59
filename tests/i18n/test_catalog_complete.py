"""Every string marked for translation has a current Spanish translation with the same placeholders."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "translations" / "es" / "LC_MESSAGES" / "advisor_app.po"


def _fresh_template(tmp_path: Path):
    pot = tmp_path / "fresh.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(ROOT / "babel.cfg"), "-o", str(pot), str(ROOT)],
                   check=True, cwd=ROOT, capture_output=True)
    with pot.open("rb") as handle:
        return read_po(handle)


def test_every_marked_string_has_a_spanish_translation(tmp_path):
    template = _fresh_template(tmp_path)
    with PO.open("rb") as handle:
        spanish = read_po(handle)
    def lacks_spanish(message) -> bool:
        found = spanish.get(message.id, context=message.context)
        if found is None or found.fuzzy:
            return True
        return not all(found.string if isinstance(found.string, tuple) else (found.string,))

    missing = [message.id for message in template if message.id and lacks_spanish(message)]
    assert not missing, f"{len(missing)} strings lack Spanish: {missing[:10]}"


def test_translations_keep_their_placeholders():
    with PO.open("rb") as handle:
        spanish = read_po(handle)
    wrong = []
    for message in spanish:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # Plural form N keeps the placeholders of the English form it stands for (singular or plural).
        for number, text in enumerate(strings):
            source = sources[min(number, len(sources) - 1)]
            if text and set(re.findall(r"\{\w+\}", text)) != set(re.findall(r"\{\w+\}", source)):
                wrong.append(source)
    assert not wrong, wrong
