"""Windows one feature opens for another, found by name when first asked for.

A person's window is opened from a workshop's list, a competency map from an organization's window,
an agreement from a plan: were the features to import each other, they would import in circles. They
ask here instead, and only the named window's module is imported, when it is needed.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "person": ("advisor_app.ui.registry.editors", "PersonEditor"),
    "competency_map": ("advisor_app.ui.training.training_page", "CompetencyMapDialog"),
    "new_agreement": ("advisor_app.ui.agreement_editor.agreements_page", "NewAgreementDialog"),
    "open_agreement": ("advisor_app.ui.agreement_editor.agreements_page", "open_agreement"),
}


def window(name: str):
    """The class (or opening function) of the window called ``name``."""
    module, attribute = _WHERE[name]
    return getattr(importlib.import_module(module), attribute)
