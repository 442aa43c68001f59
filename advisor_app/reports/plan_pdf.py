"""The business-plan document: what a bank's credit officer or a co-financing program reads.

A cover that says whose project it is and where, then the wizard's sections in the wizard's order with
its questions and the group's answers, the investment and its financing, the results (verdict, key
figures, statements by year, the monthly cash chart, the sensitivity of the NPV), and the risks. The
questions come from ``domain.plans.PAGES`` so the document asks what the wizard asked.

The document is written in the language asked for, whatever the screen shows, and put in place only
once complete.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from advisor_app.domain.entities import ORGANIZATION_KINDS, label
from advisor_app.domain.plans import LIKELIHOODS, PAGE_KEYS, PAGES, PLAN_STATUSES, SECTORS, Page, risks_of
from advisor_app.i18n import _, ngettext, speaking
from advisor_app.i18n.formatting import date, money, percent
from advisor_app.reports.document import (
    FONT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    STYLES,
    Column,
    NumberedCanvas,
    bullets,
    draw_footer,
    heading,
    key_values,
    para,
    table,
    text,
    write_atomically,
)
from advisor_app.reports.plan_facts import PlanFacts, gather
from advisor_app.reports.plan_inputs import financing, investment, sales_and_costs
from advisor_app.reports.plan_results import results_section, verdict_words

# Pages printed from the model or the results rather than from questions and answers.
_BUILT = {"investment": investment, "financing": financing, "sales_costs": sales_and_costs}


def render_plan(source: Any, plan_id: str, language: str, out: Path | str, today: dt.date | None = None) -> Path:
    """Write the plan ``plan_id`` as a PDF in ``language`` ("es" or "en") to ``out``; returns the path.

    ``source`` is a ``Repository`` or a ``Store`` (anything with ``.conn``) or a sqlite3 connection.
    Raises ``ReportError`` (one translated sentence, in the document's language) for an unknown plan or
    an output that cannot be written. ``today`` is the date printed on the cover (tests fix it).
    """
    with speaking(language):
        facts = gather(source, plan_id)
        printed = today or dt.date.today()
        story = _story(facts, printed)
        title = _title(facts)
        middle = _("Prepared with Community Advisor, {date}").format(date=date(printed))

        def build(path: Path) -> None:
            document = SimpleDocTemplate(
                str(path), pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                bottomMargin=MARGIN_BOTTOM, title=title, author=_("Community Advisor"),
                subject=_("Business plan"), creator=_("Community Advisor"), lang=language, initialFontName=FONT)
            footer = partial(_footer, title, middle)
            document.build(story, canvasmaker=partial(NumberedCanvas, footer=footer))

        return write_atomically(Path(out), build)


def _footer(title: str, middle: str, canvas, number: int, total: int) -> None:
    draw_footer(canvas, title, middle, number, total)


def _title(facts: PlanFacts) -> str:
    return facts.plan.get("title") or _("Business plan")


def _answer(value: Any) -> Paragraph:
    if value is None or not str(value).strip():
        return para(_("Not answered yet."), STYLES.missing)
    return para(str(value).strip(), STYLES.body)


def _organization_place(row: dict[str, Any]) -> str:
    base = ", ".join(part for part in (row.get("base_city"), row.get("base_state")) if part)
    return base


def _participants(facts: PlanFacts) -> list[str]:
    names = []
    if facts.lead:
        names.append(_("{name} (lead organization)").format(name=facts.lead["name"]))
    names += [row["name"] for row in facts.partners]
    return names


def _cover(facts: PlanFacts, printed: dt.date) -> list[Flowable]:
    plan = facts.plan
    flowables: list[Flowable] = [Spacer(1, 14), para(_("Business plan").upper(), STYLES.hint),
                                 para(_title(facts), STYLES.title)]
    if plan.get("scenario_name"):
        flowables.append(para(_("Scenario: {name}").format(name=plan["scenario_name"]), STYLES.subtitle))
    else:
        flowables.append(Spacer(1, 10))
    lead = facts.lead
    pairs: list[tuple[str, Any]] = [
        (_("Lead organization"), f"{lead['name']} ({label(ORGANIZATION_KINDS, lead.get('kind'))})" if lead else "—"),
    ]
    if facts.partners:
        pairs.append((_("Partner organizations"), "\n".join(
            f"{row['name']} ({label(ORGANIZATION_KINDS, row.get('kind'))})" for row in facts.partners)))
    pairs += [
        (_("Locality"), facts.locality or _("Not chosen yet")),
        (_("Sector"), label(SECTORS, plan.get("sector")) or _("Not chosen yet")),
    ]
    if facts.project_type:
        pairs.append((_("Type of project"), facts.project_type))
    if facts.scheme_id:
        pairs.append((_("Co-financing scheme"), facts.scheme.name if facts.scheme else facts.scheme_id))
    pairs += [(_("Status"), label(PLAN_STATUSES, plan.get("status"))), (_("Printed on"), date(printed, "long"))]
    flowables.append(key_values(pairs, label_share=0.3))
    flowables += heading(_("At a glance"))
    results = facts.results
    if results.ok:
        flowables.append(key_values([
            (_("Total investment"), money(results.investment_total, results.currency)),
            (_("Net present value (NPV) at {rate}").format(rate=percent(facts.model.discount_rate)),
             money(results.npv, results.currency)),
            (_("Internal rate of return (IRR)"), percent(results.irr, places=1) if results.irr is not None else "—"),
            (_("Verdict"), Paragraph(f"<b>{text(verdict_words(results.verdict.colour))}</b>: "
                                     f"{text(results.verdict.reason)}", STYLES.cell)),
        ], label_share=0.3))
    else:
        flowables.append(para(_("The plan's figures cannot be computed yet; the Results section says what is "
                                "missing."), STYLES.missing))
    if facts.missing:
        flowables.append(para(ngettext(
            "This plan is not complete: {count} item is still missing (listed at the end). Take it to a program "
            "or a lender only when nothing is missing.",
            "This plan is not complete: {count} items are still missing (listed at the end). Take it to a program "
            "or a lender only when nothing is missing.", len(facts.missing)).format(count=len(facts.missing)),
            STYLES.missing))
    flowables.append(Spacer(1, 18))
    flowables.append(para(_("Prepared with Community Advisor"), STYLES.hint))
    flowables.append(PageBreak())
    return flowables


def _project(facts: PlanFacts) -> list[Flowable]:
    flowables: list[Flowable] = [*heading(_("Project summary"), STYLES.question), _answer(facts.plan.get("summary"))]
    rows = []
    if facts.lead:
        rows.append([facts.lead["name"], label(ORGANIZATION_KINDS, facts.lead.get("kind")), _("Lead organization"),
                     _organization_place(facts.lead)])
    rows += [[row["name"], label(ORGANIZATION_KINDS, row.get("kind")), _("Partner"), _organization_place(row)]
             for row in facts.partners]
    if rows:
        flowables += heading(_("Participating organizations"), STYLES.question, room=40 * mm)
        flowables.append(table([Column(_("Organization"), 3.4), Column(_("Kind"), 1.6), Column(_("Role"), 1.6),
                                Column(_("Based in (United States)"), 1.8)], rows))
    return flowables


def _questions(facts: PlanFacts, item: Page) -> list[Flowable]:
    flowables: list[Flowable] = []
    for question in item.questions:
        flowables += heading(_(question.label), STYLES.question)
        flowables.append(_answer(facts.plan.get(question.column)))
    return flowables


def _risks(facts: PlanFacts) -> list[Flowable]:
    risks = risks_of(facts.plan)
    flowables: list[Flowable] = heading(_("Risks and how the group will handle them"), STYLES.question, room=45 * mm)
    if risks:
        flowables.append(table([Column(_("Risk"), 3), Column(_("Likelihood"), 1, ), Column(_("Mitigation"), 4)],
                               [[item.get("risk", ""), label(LIKELIHOODS, item.get("likelihood")),
                                 item.get("mitigation", "")] for item in risks]))
    else:
        flowables.append(para(_("No risks have been named yet."), STYLES.missing))
    return flowables


def _story(facts: PlanFacts, printed: dt.date) -> list[Flowable]:
    story = _cover(facts, printed)
    number = 0
    for item in PAGES:
        if item.key == "review":
            continue
        number += 1
        story += heading(f"{number}. {_(item.title)}", STYLES.h1)
        if item.key == "project":
            story += _project(facts)
        elif item.key == "results":
            story += results_section(facts)
        elif item.key in _BUILT:
            story += _BUILT[item.key](facts)
        if item.key == "risks":
            story += _risks(facts)
        story += _questions(facts, item)
    if facts.missing:
        title = _("Still missing")
        story += heading(f"{number + 1}. {title}", STYLES.h1)
        story.append(para(_("What the plan still lacks before it goes to a program or a lender, page by page."),
                          STYLES.body))
        titles = {item.key: _(item.title) for item in PAGES}
        in_order = sorted(facts.missing, key=lambda entry: PAGE_KEYS.index(entry.page))
        story += bullets([_("{page}: {item}").format(page=titles[entry.page], item=entry.message)
                          for entry in in_order])
    return story


__all__ = ["render_plan"]
