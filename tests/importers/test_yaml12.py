"""YAML as promptfoo reads it (js-yaml 5, core schema): each expectation was measured with js-yaml itself."""

from __future__ import annotations

import datetime
import math

import pytest

from lmgate.errors import InputError
from lmgate.importers.yaml12 import load_yaml12

MEASURED = [("Yes", "Yes"), ("no", "no"), ("on", "on"), ("OFF", "OFF"), ("y", "y"), ("true", True), ("TRUE", True),
            ("tRue", "tRue"), ("null", None), ("~", None), ("", None), ("0777", 777), ("0o17", 15), ("0x1F", 31),
            ("0b101", "0b101"), ("1_000", "1_000"), ("1:30", "1:30"), ("+12", 12), (".5", 0.5), ("1.", 1),
            ("1e3", 1000), ("1E-3", 0.001), ("007", 7), ("1.0", 1), ("12:30:45", "12:30:45"), ("0X1F", "0X1F"),
            (".e3", ".e3"), ("1.5e", "1.5e")]


@pytest.mark.parametrize(("text", "value"), MEASURED, ids=[t or "empty" for t, _ in MEASURED])
def test_scalars_resolve_as_in_js_yaml(text, value):
    loaded = load_yaml12(f"k: {text}", "x.yaml").data["k"]
    assert loaded == value and type(loaded) is type(value)


def test_special_values_dates_merges_and_keys():
    text = "a: .inf\nb: .NaN\nc: 2024-01-02\nbase: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n1: one\n"
    data = load_yaml12(text, "x.yaml").data
    assert data["a"] == math.inf and math.isnan(data["b"])
    assert data["c"] == datetime.date(2024, 1, 2)
    assert data["d"] == {"x": 1, "y": 2}
    assert data["1"] == "one"  # a JavaScript object's keys are strings


def test_duplicate_keys_are_an_error_with_their_line():
    with pytest.raises(InputError) as caught:
        load_yaml12("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert str(caught.value.where) == "x.yaml:3:1"
