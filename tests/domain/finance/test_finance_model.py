"""The model as a value: tuples, defaults, and the JSON form the store will keep."""

from __future__ import annotations

import json

from finance_helpers import D, season, tortilla_shop

from advisor_app.domain.finance import (
    FinancialModel,
    FundingSource,
    Product,
    model_from_dict,
    model_to_dict,
    validate,
)


def test_lists_become_tuples_and_defaults_are_sensible():
    model = FinancialModel(products=[Product("Tortillas", seasonality=[D(1)] * 12)])
    assert isinstance(model.products, tuple) and isinstance(model.products[0].seasonality, tuple)
    assert Product().seasonality == (D(1),) * 12
    assert (model.horizon_years, model.tax_rate, model.discount_rate, model.start_month, model.currency) == (
        5, D(30), D(12), 1, "MXN")
    hash(tortilla_shop())  # a value: usable as a cache key


def test_round_trip_through_json_keeps_every_decimal_exact():
    model = tortilla_shop(products=(Product("Tortillas", "kg", D("18.55"), D("1234.5"), D("-2.5"),
                                            season(1, 1, 1, 1.25, 1, 1, 1, 1, 1, 1, 0.75, 1), D("7.333")),),
                          funding=(FundingSource("migrant_contribution", D(20000)),
                                   FundingSource("loan", D(100000), "Caja", D("18.5"), 24, 3)))
    data = json.loads(json.dumps(model_to_dict(model)))
    assert data["products"][0]["price"] == "18.55"
    assert model_from_dict(data) == model


def test_unreadable_values_are_kept_for_validation_to_name():
    data = model_to_dict(tortilla_shop())
    data["products"][0]["price"] = "cincuenta"
    data["horizon_years"] = "two"
    data["unknown"] = 1
    model = model_from_dict(data)
    assert validate(model) == {"products[0].price": "This is not a number.",
                               "horizon_years": "This is not a number."}


def test_missing_keys_take_the_defaults():
    assert model_from_dict({}) == FinancialModel()
    assert model_from_dict({"products": [{"name": "Tortillas"}]}).products == (Product("Tortillas"),)
