"""Targets: printing an agreement to PDF, as the agreement window's Print button or the command line does.

The layout alone, from a finished ``Document``: a four-page agreement in one language, the same side by
side in both, and a batch of a hundred (an office printing every agreement of a season) with the
memory it leaves behind; one render before the clock starts loads what a running app has loaded. The
first print after start goes through the whole path (read, assemble, check, lay out) in a new process
that has started as the app does (``reports.preload`` in the background), so it pays for registering
and reading the fonts. The demo agreement's times and a command-line print in a new process, imports
included, are shown beside them.

The documents come from ``sample_documents``: twenty clauses of contract-like text with accents and
ñ in names and places, four signatories, about four Letter pages in one language.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from advisor_app.domain.agreements.document import AssembledClause, Document, Signatory, content_hash
from advisor_app.domain.agreements.words import money_with_words
from benchmarks.measure import Result, check, info, median_ms, rss_mib, skipped

REPEAT = 9
BATCH = 100
ONE_LANGUAGE_MS = 60
BOTH_MS = 120
FRESH_MS = 150
BATCH_PER_S = 20
SETTLE = 20             # documents after which caches are full and resident memory should stay flat
RSS_GROWTH_MIB = 5
TRACED = 25
TRACED_GROWTH_MIB = 1

_HEADINGS = {
    "es": ["Objeto", "Aportaciones", "Administración", "Toma de decisiones", "Reparto de utilidades",
           "Obligaciones de las partes", "Rendición de cuentas", "Ingreso y salida de socios", "Uso de los bienes",
           "Seguros", "Confidencialidad", "Propiedad de los equipos", "Capacitación", "Comunicación entre las partes",
           "Modificaciones", "Vigencia", "Terminación anticipada", "Caso fortuito", "Solución de controversias",
           "Jurisdicción"],
    "en": ["Purpose", "Contributions", "Management", "Decisions", "Profit sharing", "Duties of the parties",
           "Accountability", "Partners joining and leaving", "Use of the assets", "Insurance", "Confidentiality",
           "Ownership of the equipment", "Training", "Communication between the parties", "Amendments", "Term",
           "Early termination", "Force majeure", "Disputes", "Jurisdiction"],
}
_SENTENCES = {
    "es": [
        "Las partes acuerdan que el Club Peñasco de Zacatecas en Chicago aportará {amount} para la compra de equipo.",
        "La Cooperativa El Ñandú de Jerez, Zacatecas, llevará la contabilidad mensual y la pondrá a disposición de "
        "todos los socios en su domicilio.",
        "Cualquier cambio a este convenio se hará por escrito, firmado por todas las partes, y se anexará al presente.",
        "La señora Ángela Núñez Ibáñez informará cada trimestre el avance del proyecto a la asamblea de socios.",
        "Las utilidades se repartirán en proporción a las aportaciones, una vez cubiertos los gastos de operación y "
        "el fondo de reserva acordado por la asamblea.",
        "Ninguna de las partes podrá ceder sus derechos u obligaciones sin el consentimiento previo de las demás.",
    ],
    "en": [
        "The parties agree that Club Peñasco de Zacatecas in Chicago will contribute {amount} to buy the equipment.",
        "The El Ñandú cooperative of Jerez, Zacatecas, will keep the monthly books and make them available to every "
        "partner at its office.",
        "Any change to this agreement will be made in writing, signed by all the parties, and attached to it.",
        "Mrs. Ángela Núñez Ibáñez will report the project's progress to the partners' assembly every quarter.",
        "Profits will be shared in proportion to the contributions, once the operating costs and the reserve fund "
        "agreed by the assembly are covered.",
        "No party may assign its rights or duties without the prior consent of the others.",
    ],
}


def sample_documents(clauses: int = 20, version: int = 3) -> dict[str, Document]:
    """A Spanish and an English ``Document`` of one agreement: ``clauses`` clauses (about four Letter
    pages for twenty), three declarations, four signatories; the same every call."""
    from decimal import Decimal

    documents = {}
    for language in ("es", "en"):
        spanish = language == "es"
        sentences = _SENTENCES[language]
        amount = money_with_words(Decimal("150000"), "MXN", language)
        assembled = []
        for number in range(1, clauses + 1):
            count = 2 + number % 2  # sentences in the first paragraph
            first = " ".join(sentences[(number + index) % len(sentences)] for index in range(count))
            paragraphs = [first.format(amount=amount)]
            if number % 7 == 0:
                paragraphs.append(" ".join(sentences[(number + index) % len(sentences)].format(amount=amount)
                                           for index in range(2)))
            assembled.append(AssembledClause(number, f"clause_{number}",
                                             _HEADINGS[language][(number - 1) % len(_HEADINGS[language])],
                                             tuple(paragraphs)))
        roles = (("Presidenta", "Tesorero", "Socia", "Presidente municipal") if spanish else
                 ("President", "Treasurer", "Partner", "Municipal president"))
        signatories = (
            Signatory("Ángela Núñez Ibáñez", roles[0], "Club Peñasco de Zacatecas en Chicago", "INE: 1234567890123"),
            Signatory("José Peña Muñoz", roles[1], "Cooperativa El Ñandú", "INE: 9876543210987"),
            Signatory("María Ávila Güemes", roles[2], "", "CURP: AIGM800101MZSVRR09"),
            Signatory("Óscar Íñiguez Durán", roles[3], "Municipio de Jerez, Zacatecas", "INE: 5555555555555"),
        )
        declarations = tuple(f"{roman}. " + " ".join(sentences[(index + shift) % len(sentences)].format(amount=amount)
                                                     for shift in range(2))
                             for index, roman in enumerate(("I", "II", "III")))
        documents[language] = Document(
            language=language,
            title=("Convenio de asociación para el proyecto de refrigeración de Peñasco" if spanish else
                   "Partnership agreement for the Peñasco refrigeration project"),
            folio="AG-2026-0007", version=version, status="Borrador" if spanish else "Draft",
            place_and_date=("Peñasco, Zacatecas, a 25 de noviembre de 2026" if spanish else
                            "Peñasco, Zacatecas, November 25, 2026"),
            preamble=("Comparecen el Club Peñasco de Zacatecas en Chicago, representado por Ángela Núñez Ibáñez; la "
                      "Cooperativa El Ñandú, representada por José Peña Muñoz; María Ávila Güemes, por su propio "
                      "derecho; y el Municipio de Jerez, Zacatecas, representado por Óscar Íñiguez Durán, en adelante "
                      "“las partes”, quienes celebran el presente convenio al tenor de las siguientes declaraciones y "
                      "cláusulas." if spanish else
                      "Club Peñasco de Zacatecas in Chicago, represented by Ángela Núñez Ibáñez; the El Ñandú "
                      "cooperative, represented by José Peña Muñoz; María Ávila Güemes, for herself; and the "
                      "Municipality of Jerez, Zacatecas, represented by Óscar Íñiguez Durán, hereinafter “the "
                      "parties”, enter into this agreement under the following declarations and clauses."),
            declarations=declarations, clauses=tuple(assembled), signatories=signatories)
    return documents


def _pages(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"/Type /Page\n") or data.count(b"/Type /Page")


_FRESH = """
import time
began = time.perf_counter()
import reportlab.platypus
toolkit = time.perf_counter()
from pathlib import Path
from advisor_app.reports.agreement_layout import write_agreement_pdf
imported = time.perf_counter()
from advisor_app.reports.fonts import BOLD, REGULAR, register_fonts
register_fonts()
registered = time.perf_counter()
from reportlab.pdfbase.pdfmetrics import getFont
for face in (REGULAR, BOLD):  # the faces the document uses; the render would read them otherwise
    getFont(face).face.charWidths
read = time.perf_counter()
from benchmarks.bench_agreement_pdf import sample_documents
from advisor_app.domain.agreements.document import content_hash
documents = sample_documents()
sealed = content_hash(documents)
made = time.perf_counter()
write_agreement_pdf(documents, "es", sealed, Path({out!r}))
done = time.perf_counter()
import json
print(json.dumps({{"reportlab": toolkit - began, "app": imported - toolkit, "register": registered - imported,
                  "read": read - registered, "render": done - made, "total": (done - made) + (read - began)}}))
"""


_RUNNING_APP = """
import time
from pathlib import Path
from advisor_app.reports import preload, render_agreement
from advisor_app.store.database import Store
from advisor_app.store.demo import demo_id
from advisor_app.store.repository import Repository
repository = Repository(Store.open(Path({db!r})))
preload()  # what the app does in the background once its window is shown
began = time.perf_counter()
render_agreement(repository, demo_id("agreement:partnership"), "es", Path({out!r}))
print(time.perf_counter() - began)
"""


def _first_print_in_running_app(folder: Path, db: Path) -> float:
    """The demo agreement printed for the first time in a process that has started as the app does:
    ReportLab imported by the start-up preload, fonts not yet registered nor read."""
    root = Path(__file__).resolve().parents[1]
    times = []
    for index in range(3):
        script = _RUNNING_APP.format(db=str(db), out=str(folder / f"running-{index}.pdf"))
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(result.stderr)
        times.append(float(result.stdout.strip().splitlines()[-1]))
    return min(times)


def _demo_agreement(folder: Path) -> tuple[Path, dict[str, float], dict[str, int]]:
    """The demo's partnership agreement printed through the whole path (read, assemble, check, lay out)."""
    from advisor_app.reports import render_agreement
    from advisor_app.store.database import Store
    from advisor_app.store.demo import demo_id, load_demo
    from advisor_app.store.repository import Repository

    db = folder / "demo.sqlite3"
    store = Store.open(db)
    repository = Repository(store)
    load_demo(repository)
    agreement_id = demo_id("agreement:partnership")
    times, pages = {}, {}
    for language in ("es", "both"):
        out = folder / f"demo-{language}.pdf"
        render_agreement(repository, agreement_id, language, out)
        times[language] = median_ms(lambda: render_agreement(repository, agreement_id, language, out), REPEAT)
        pages[language] = _pages(out)
    store.close()
    return db, times, pages


def _fresh_process(folder: Path) -> dict[str, float]:
    """Import, register the fonts and print once in a new interpreter; the times come from inside it
    (making the sample documents is left out: the app has its Document already)."""
    root = Path(__file__).resolve().parents[1]
    runs = []
    for index in range(3):  # the best of three: the first may pay for a cold disk cache
        script = _FRESH.format(out=str(folder / f"fresh-{index}.pdf"))
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(result.stderr)
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda run: run["total"])


def _uncached(write, *arguments) -> None:
    from advisor_app.reports import agreement_page

    agreement_page._qr_modules.cache_clear()
    write(*arguments)


def run() -> list[Result]:
    from advisor_app.reports.agreement_layout import write_agreement_pdf

    documents = sample_documents()
    sealed = content_hash(documents)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="advisor-bench-agreement-") as name:
        folder = Path(name)
        out = folder / "agreement.pdf"
        write_agreement_pdf(documents, "es", sealed, out)  # warm up: imports, fonts, catalogs
        # Each print encodes its QR code again, as printing a new version does.
        spanish = median_ms(lambda: _uncached(write_agreement_pdf, documents, "es", sealed, out), REPEAT)
        spanish_pages, spanish_kib = _pages(out), out.stat().st_size / 1024
        english = median_ms(lambda: _uncached(write_agreement_pdf, documents, "en", sealed, out), REPEAT)
        both = median_ms(lambda: _uncached(write_agreement_pdf, documents, "both", sealed, out), REPEAT)
        both_pages, both_kib = _pages(out), out.stat().st_size / 1024

        fresh = _fresh_process(folder)
        demo_db, demo_times, demo_pages = _demo_agreement(folder)
        first_print = _first_print_in_running_app(folder, demo_db)

        # A batch: a hundred agreements, each its own version (so its own hash and QR code), in turn in
        # Spanish and English. Resident memory is read after the first 20 (caches filled) and at the end.
        batch = []
        for version in range(1, BATCH + 1):
            docs = sample_documents(version=version)
            batch.append((docs, content_hash(docs), ("es", "en")[version % 2]))
        gc.collect()
        rss_start, rss_settled = rss_mib(), None
        began = time.perf_counter()
        for index, (docs, seal, language) in enumerate(batch):
            write_agreement_pdf(docs, language, seal, folder / f"batch-{index % 5}.pdf")
            if index == SETTLE - 1:
                rss_settled = rss_mib()
        elapsed = time.perf_counter() - began
        gc.collect()
        rss_end = rss_mib()
        # Python objects left behind, traced over a second pass (tracing slows it, so it is not timed).
        tracemalloc.start()
        traced_before = tracemalloc.get_traced_memory()[0]
        for index, (docs, seal, language) in enumerate(batch[:TRACED]):
            write_agreement_pdf(docs, language, seal, folder / f"traced-{index % 5}.pdf")
        gc.collect()
        traced_growth = (tracemalloc.get_traced_memory()[0] - traced_before) / 1024 / 1024
        tracemalloc.stop()

    results += [
        check("agreement PDF: 20 clauses, one language (median of 9)", spanish, ONE_LANGUAGE_MS, "ms", digits=1),
        info("agreement PDF: that document", f"{spanish_pages} pages, {spanish_kib:,.0f} KiB; English "
                                            f"{english:.1f} ms"),
        check("agreement PDF: Spanish and English side by side (median of 9)", both, BOTH_MS, "ms", digits=1),
        info("agreement PDF: side by side", f"{both_pages} pages, {both_kib:,.0f} KiB"),
        check("agreement PDF: first print in a running app, fonts registered and read on the way",
              first_print * 1000, FRESH_MS, "ms", digits=0),
        info("agreement PDF: the demo agreement through the whole path (median of 9)",
             f"Spanish {demo_times['es']:.0f} ms for {demo_pages['es']} pages; side by side "
             f"{demo_times['both']:.0f} ms for {demo_pages['both']} pages"),
        info("agreement PDF: a command-line print in a new process, imports included",
             f"{fresh['total'] * 1000:.0f} ms"),
        info("agreement PDF: that new process, where the time goes",
             f"import ReportLab {fresh['reportlab'] * 1000:.0f} ms, the app's modules {fresh['app'] * 1000:.0f} ms, "
             f"register fonts {fresh['register'] * 1000:.1f} ms, read 2 faces {fresh['read'] * 1000:.0f} ms, "
             f"render {fresh['render'] * 1000:.0f} ms"),
        check(f"agreement PDF: a batch of {BATCH}, each its own version", BATCH / elapsed, BATCH_PER_S,
              "documents/s", higher_is_better=True, digits=1),
        check(f"agreement PDF: Python memory kept after {TRACED} more (tracemalloc)", traced_growth, TRACED_GROWTH_MIB,
              "MiB", digits=2),
    ]
    if None not in (rss_start, rss_settled, rss_end):
        results.append(check(f"agreement PDF: resident memory growth over documents {SETTLE + 1}-{BATCH}",
                             rss_end - rss_settled, RSS_GROWTH_MIB, "MiB", digits=1))
        results.append(info("agreement PDF: resident memory over the batch",
                            f"{rss_start:,.1f} → {rss_settled:,.1f} (after {SETTLE}) → {rss_end:,.1f} MiB"))
    else:
        results.append(skipped("agreement PDF: resident memory over the batch", "no way to read RSS here"))
    return results


if __name__ == "__main__":
    for result in run():
        print(f"{result.name}: {result.measured} (target {result.target}) {result.status}")
    sys.exit(0)
