"""The agreement as HTML for the editor's preview and the versions dialog (QTextBrowser's subset)."""

from __future__ import annotations

from html import escape

from advisor_app.domain.agreements.compare import ADDED, REMOVED, SAME, SectionChange
from advisor_app.domain.agreements.document import Document
from advisor_app.i18n import _
from advisor_app.reports.printable import PLACEHOLDER, missing_runs, pdf_can_draw

_HOLE = "background-color:#fde2e1;color:#9b1c1c;"
_UNPRINTABLE = "background-color:#fff3c4;"


def _escaped(value: str) -> str:
    """Escaped text with what the PDF cannot print (most emoji) marked where it stands."""
    html, last = "", 0
    for start, end in missing_runs(value, pdf_can_draw):
        html += escape(value[last:start]) + f'<span style="{_UNPRINTABLE}">{escape(value[start:end])}</span>'
        last = end
    return html + escape(value[last:])


def _text(value: str) -> str:
    """Escaped text with the holes (``[Label]``) marked so they stand out in the preview."""
    parts, html = value.split("["), ""
    html = _escaped(parts[0])
    for part in parts[1:]:
        label, closed, rest = part.partition("]")
        html += (f'<span style="{_HOLE}">[{_escaped(label)}]</span>{_escaped(rest)}' if closed
                 else _escaped("[" + part))
    return html


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _strings(item)]
    return []


def unprintable_note(documents: list[Document]) -> str:
    """One sentence when the documents hold characters the PDF cannot print, else an empty string."""
    if not any(missing_runs(text, pdf_can_draw) for document in documents for text in _strings(document.as_dict())):
        return ""
    return _("Some characters, such as emoji, cannot be printed: the PDF shows {mark} in their place "
             "(marked in yellow here).").format(mark=PLACEHOLDER)


def _column(document: Document) -> list[tuple[str, str]]:
    """(section html) in reading order, so two languages can be paired row by row."""
    rows = [("title", f'<h2 style="text-align:center">{_text(document.title)}</h2>'
                      f'<p style="text-align:center;color:#5f6b7a">{escape(document.folio)} · '
                      f'v{document.version} · {escape(document.status)}</p>'),
            ("place", f"<p style=\"text-align:center\"><i>{_text(document.place_and_date)}</i></p>"),
            ("preamble", f"<p>{_text(document.preamble)}</p>")]
    rows += [(f"declaration{index}", f"<p>{_text(line)}</p>") for index, line in enumerate(document.declarations)]
    for clause in document.clauses:
        body = "".join(f'<p style="text-align:justify">{_text(paragraph)}</p>' for paragraph in clause.paragraphs)
        rows.append((clause.clause_id, f"<p><b>{clause.number}. {_text(clause.heading)}</b></p>{body}"))
    if document.closing:
        rows.append(("closing", f"<p>{_text(document.closing)}</p>"))
    signatures = "".join(
        f"<p>______________________________<br><b>{_text(signatory.name)}</b><br>{_text(signatory.role)}"
        + (f"<br>{_text(signatory.on_behalf_of)}" if signatory.on_behalf_of else "")
        + f"<br>{_text(signatory.id_line)}</p>" for signatory in document.signatories)
    rows.append(("signatures", signatures))
    return rows


def document_html(documents: list[Document]) -> str:
    """One document, or two side by side (Spanish left, English right) paired section by section; a
    note first when some of its characters cannot be printed."""
    note = unprintable_note(documents)
    note = f'<p style="{_UNPRINTABLE}padding:4px">{escape(note)}</p>' if note else ""
    if len(documents) == 1:
        return note + "".join(html for _key, html in _column(documents[0]))
    left, right = _column(documents[0]), _column(documents[1])
    rows = "".join(f'<tr><td width="50%" valign="top">{a}</td><td width="50%" valign="top">{b}</td></tr>'
                   for (_ka, a), (_kb, b) in zip(left, right))
    return note + f'<table width="100%" cellspacing="6">{rows}</table>'


def comparison_html(changes: list[SectionChange]) -> str:
    """The comparison: unchanged sections in grey, changes with removed words struck and added underlined."""
    marks = {"same": _("unchanged"), "changed": _("changed"), "added": _("added"), "removed": _("removed")}
    colours = {"same": "#7b8794", "changed": "#b7791f", "added": "#2e7d4f", "removed": "#b83227"}
    html = []
    for change in changes:
        number = change.new_number or change.old_number
        heading = f"{number}. {escape(change.heading)}" if number else escape(change.heading)
        html.append(f'<p><b>{heading}</b> <span style="color:{colours[change.kind]}">— {marks[change.kind]}</span></p>')
        if change.kind == SAME:
            continue  # the heading says it is unchanged; its text would only hide the changes
        runs = []
        for kind, text in change.words:
            text = escape(text).replace("\n", "<br>")
            if kind == ADDED:
                runs.append(f'<span style="background-color:#dcefe2;text-decoration:underline">{text}</span>')
            elif kind == REMOVED:
                runs.append(f'<span style="background-color:#fde2e1;text-decoration:line-through">{text}</span>')
            else:
                runs.append(text)
        html.append(f"<p>{' '.join(runs)}</p>")
    return "".join(html)
