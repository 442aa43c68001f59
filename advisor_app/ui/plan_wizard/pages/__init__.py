"""The ten pages of the business-plan wizard, one module per page. Each reads the open ``PlanSession``
and writes every change back to it at once; the figures on the results page follow the tables as they are
typed."""

from advisor_app.ui.plan_wizard.pages.base import VERDICT_WORDS, PlanPage
from advisor_app.ui.plan_wizard.pages.financing import FinancingPage, typed_total
from advisor_app.ui.plan_wizard.pages.investment import InvestmentPage
from advisor_app.ui.plan_wizard.pages.project import ProjectPage, QuestionsPage
from advisor_app.ui.plan_wizard.pages.results import ResultsPage, figure_rows
from advisor_app.ui.plan_wizard.pages.risks_review import ReviewPage, RisksPage
from advisor_app.ui.plan_wizard.pages.sales_costs import SalesCostsPage, SeasonDialog

PAGE_CLASSES = {"project": ProjectPage, "market": QuestionsPage, "operations": QuestionsPage,
                "governance": QuestionsPage, "investment": InvestmentPage, "financing": FinancingPage,
                "sales_costs": SalesCostsPage, "results": ResultsPage, "risks": RisksPage, "review": ReviewPage}

__all__ = ["PAGE_CLASSES", "VERDICT_WORDS", "PlanPage", "SeasonDialog", "figure_rows", "typed_total"]
