"""What a business plan holds, page by page, and what is still missing from it.

The wizard, the plan document and the review page all read this one description, so a question asked
in the wizard is the question printed in the PDF. A plan row keeps the narrative answers in plain text
columns, and the financial model in five JSON columns (investments, funding, products, fixed costs and
settings) so that two laptops editing different parts of one plan merge without a conflict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from advisor_app.domain.finance.model import FinancialModel, model_from_dict, model_to_dict
from advisor_app.i18n import N_, _

PLAN_STATUSES = {
    "draft": N_("Draft"),
    "in_review": N_("In review"),
    "approved": N_("Approved"),
    "funded": N_("Funded"),
    "operating": N_("Operating"),
    "closed": N_("Closed"),
}

SECTORS = {
    "agriculture": N_("Agriculture"),
    "livestock": N_("Livestock"),
    "fishing": N_("Fishing and aquaculture"),
    "crafts": N_("Crafts"),
    "food_processing": N_("Food processing"),
    "commerce": N_("Commerce"),
    "tourism": N_("Tourism"),
    "services": N_("Services"),
    "construction": N_("Construction and materials"),
    "other": N_("Other"),
}

LIKELIHOODS = {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High")}

# The financial model's lists, each in its own column; the scalars travel together as "settings".
MODEL_LISTS = ("investments", "funding", "products", "fixed_costs")
SETTINGS = ("horizon_years", "discount_rate", "tax_rate", "start_month", "currency", "include_residual_value",
            "profit_sharing_pct", "replace_assets")
MODEL_COLUMNS = (*MODEL_LISTS, "finance_settings")


@dataclass(frozen=True)
class Question:
    column: str
    label: str  # English, marked with N_
    placeholder: str = ""


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    hint: str
    questions: tuple[Question, ...] = ()


PAGES: tuple[Page, ...] = (
    Page("project", N_("Project and participants"),
         N_("Start with the group's own words: what they want to build and why here. Name every organization "
            "that puts in money or work; the lead organization signs for the project.")),
    Page("market", N_("Product and market"),
         N_("Ask who will buy, how often and at what price, and who already sells something similar. A price "
            "copied from a competitor is a start; a price the group can explain is better."),
         (Question("customers", N_("Who are the customers?"),
                   N_("Shops in the municipality, families, tourists, buyers in the US…")),
          Question("competitors", N_("Who else sells this, and how is this business different?")),
          Question("price_reasoning", N_("How was the price set?"),
                   N_("Costs plus margin, what competitors charge, what buyers said they would pay…")),
          Question("sales_channels", N_("How will the product reach the customers?"),
                   N_("Own shop, markets, middlemen, online, export through the club…")))),
    Page("operations", N_("Operations"),
         N_("Walk through one ordinary day of the business: where it works, what it buys and from whom, which "
            "equipment it needs and who does the work."),
         (Question("site", N_("Where will the business work?")),
          Question("suppliers", N_("Who supplies the inputs, and is there a second supplier?")),
          Question("equipment", N_("What equipment is needed, and who maintains it?")),
          Question("staff", N_("Who works in the business, and how are they paid?")))),
    Page("governance", N_("Organization and governance"),
         N_("Most businesses with several investors fail over unclear agreements, not over numbers. Write down "
            "who decides what, how profits are shared and what happens when a partner leaves: the agreement "
            "will start from these answers."),
         (Question("decisions", N_("Who decides what, and how (assembly, board, manager)?")),
          Question("roles", N_("What are the roles and who holds them?")),
          Question("profit_sharing", N_("How are profits shared or reinvested?")),
          Question("partner_changes", N_("How do partners join or leave, and what happens to their share?")))),
    Page("investment", N_("Investment"),
         N_("List everything the business needs before the first sale, including working capital: the cash "
            "to buy inputs and pay wages until the sales come in.")),
    Page("financing", N_("Financing"),
         N_("Choose the co-financing scheme the group will apply to and let the helper propose each party's "
            "share. A loan must be paid from the monthly margin: keep its term within the plan's horizon.")),
    Page("sales_costs", N_("Sales and costs"),
         N_("Use the quantities the group is sure it can sell, not the ones it hopes for. Count every fixed "
            "cost, including the wages of partners who work in the business.")),
    Page("results", N_("Results"),
         N_("Read the verdict with the group. If it is amber or red, go back to the page it names and try a "
            "different price, volume or financing; or duplicate the plan as a scenario to compare.")),
    Page("risks", N_("Risks and sustainability"),
         N_("Name what could go wrong (drought, prices, a partner leaving, a sick worker) and what the group "
            "will do about it; then the effects on the community and the environment."),
         (Question("social_effects", N_("What does the project do for the community (jobs, families, "
                                        "women, young people)?")),
          Question("environmental_effects", N_("What are its effects on water, soil and waste, and how are "
                                               "they handled?")))),
    Page("review", N_("Review"),
         N_("What is still missing, page by page. A plan can be printed at any time, but take it to a program "
            "or a lender only when this list is empty.")),
)

PAGE_KEYS = tuple(page.key for page in PAGES)
NARRATIVE_COLUMNS = ("summary",) + tuple(question.column for page in PAGES for question in page.questions)


def page(key: str) -> Page:
    return next(item for item in PAGES if item.key == key)


def _json(raw: Any, kind: type) -> Any:
    """A JSON column read leniently: text or an already-decoded value; anything else is empty."""
    if isinstance(raw, str) and raw:
        try:
            raw = json.loads(raw)
        except ValueError:
            return kind()
    return raw if isinstance(raw, kind) else kind()


def model_of(plan: dict[str, Any]) -> FinancialModel:
    """The financial model kept in a plan row (what was typed, even when not yet valid)."""
    data: dict[str, Any] = {name: _json(plan.get(name), list) for name in MODEL_LISTS}
    data.update({key: value for key, value in _json(plan.get("finance_settings"), dict).items() if key in SETTINGS})
    return model_from_dict(data)


def model_columns(model: FinancialModel) -> dict[str, str]:
    """A model as the plan's JSON columns (compact text, decimals as text)."""
    data = model_to_dict(model)
    columns = {name: json.dumps(data[name], ensure_ascii=False, separators=(",", ":")) for name in MODEL_LISTS}
    columns["finance_settings"] = json.dumps({key: data[key] for key in SETTINGS}, ensure_ascii=False,
                                             separators=(",", ":"))
    return columns


def risks_of(plan: dict[str, Any]) -> list[dict[str, str]]:
    return [item for item in _json(plan.get("risks"), list) if isinstance(item, dict)]


@dataclass(frozen=True)
class Missing:
    page: str  # a key of PAGES
    message: str


def missing_items(plan: dict[str, Any], finance_problems: dict[str, str],
                  model: FinancialModel | None = None) -> list[Missing]:
    """What a plan still lacks before it can go to a program or a lender, in page order. ``model`` is the
    plan's model when the caller already holds it (the wizard, on every keystroke)."""
    found: list[Missing] = []

    def need(key: str, message: str) -> None:
        found.append(Missing(key, message))

    if not plan.get("sector"):
        need("project", _("Choose the sector of the business."))
    if not plan.get("locality_id"):
        need("project", _("Choose the locality where the business will work."))
    if not plan.get("summary"):
        need("project", _("Describe the project in a few sentences."))
    for item in PAGES:
        for question in item.questions:
            if not plan.get(question.column):
                need(item.key, _("Answer: {question}").format(question=_(question.label)))
    model = model if model is not None else model_of(plan)
    if not model.investments:
        need("investment", _("List at least one investment item."))
    if not model.funding:
        need("financing", _("Add the sources that fund the investment."))
    if not model.products:
        need("sales_costs", _("Add at least one product or service with its price and volume."))
    if not model.fixed_costs:
        need("sales_costs", _("Add the fixed monthly costs (rent, wages, electricity…)."))
    pages_of_fields = {"investments": "investment", "funding": "financing", "products": "sales_costs",
                       "fixed_costs": "sales_costs"}
    for path, message in finance_problems.items():
        head = path.split(".")[0].split("[")[0]
        if head in MODEL_LISTS and not getattr(model, head):
            continue  # already named above
        need(pages_of_fields.get(head, "investment" if head == "currency" else "sales_costs"), message)
    if not risks_of(plan):
        need("risks", _("Name at least one risk and how the group will handle it."))
    return found


__all__ = [
    "LIKELIHOODS", "MODEL_COLUMNS", "MODEL_LISTS", "NARRATIVE_COLUMNS", "PAGES", "PAGE_KEYS", "PLAN_STATUSES",
    "SECTORS", "SETTINGS", "Missing", "Page", "Question", "missing_items", "model_columns", "model_of", "page",
    "risks_of",
]
