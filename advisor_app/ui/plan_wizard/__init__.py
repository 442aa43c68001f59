"""The business-plan wizard: ``PlanWizard`` (window), its pages, and ``PlanSession`` (saving, live figures)."""

from advisor_app.ui.plan_wizard.window import PlanWizard

__all__ = ["PlanWizard"]
