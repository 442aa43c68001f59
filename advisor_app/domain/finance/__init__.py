"""The finance engine of a business plan: inputs, checks, loan schedules, results and co-financing.

Pure Python and ``Decimal`` money, no Qt and no SQL, so the wizard can call ``compute`` on every
keystroke and the plan document can print the same figures. Typical use::

    problems = validate(model)      # {field path: sentence} to show beside the fields
    results = compute(model)        # Results; results.problems instead of figures when invalid
    split = propose_split(scheme, results.investment_total)
"""

from advisor_app.domain.finance.loans import LoanRow, LoanSchedule, amortize, french_instalment
from advisor_app.domain.finance.metrics import IRR_REASONS, Irr, irr, npv, payback_years
from advisor_app.domain.finance.model import (
    FUNDING_KINDS,
    INVESTMENT_CATEGORIES,
    FinancialModel,
    FixedCost,
    FundingSource,
    InvestmentItem,
    Product,
    model_from_dict,
    model_to_dict,
)
from advisor_app.domain.finance.results import Period, ProductSales, Results, compute
from advisor_app.domain.finance.schemes import (
    MixCheck,
    Scheme,
    SchemeCatalog,
    SchemeFileError,
    SchemeParty,
    Split,
    check_mix,
    load_schemes,
    propose_split,
)
from advisor_app.domain.finance.sensitivity import VARIABLES, SensitivityCase
from advisor_app.domain.finance.validation import validate
from advisor_app.domain.finance.verdict import AMBER, GREEN, RED, Reason, Verdict

__all__ = [
    "AMBER", "FUNDING_KINDS", "GREEN", "INVESTMENT_CATEGORIES", "IRR_REASONS", "RED", "VARIABLES",
    "FinancialModel", "FixedCost", "FundingSource", "InvestmentItem", "Irr", "LoanRow", "LoanSchedule",
    "MixCheck", "Period", "Product", "ProductSales", "Reason", "Results", "Scheme", "SchemeCatalog",
    "SchemeFileError", "SchemeParty", "SensitivityCase", "Split", "Verdict", "amortize", "check_mix", "compute",
    "french_instalment", "irr", "load_schemes", "model_from_dict", "model_to_dict", "npv", "payback_years",
    "propose_split", "validate",
]
