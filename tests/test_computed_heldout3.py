"""The third held-out set of computed answers (scripts/make_computed_heldout3.py) is fixed, balanced and new.

The first two held-out sets have been used to develop the `grounding` detector, so this one is what still
measures it on answers no one looked at while tuning it. These tests check only the set itself; the detector
is never run here.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "make_computed_heldout3.py"

# Every kind of computation issue 15 asks a held-out set to cover.
REQUIRED_KINDS = {"sum", "difference", "count", "date_difference", "unit_conversion", "rounding", "percentage", "rate",
                  "average", "fraction", "comparison", "yes_no", "time_of_day"}


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses resolve their module through sys.modules
    spec.loader.exec_module(module)
    return module


def scenarios(rows: list[dict]) -> dict[str, list[dict]]:
    by_scenario = defaultdict(list)
    for r in rows:
        by_scenario[r["id"].rsplit("-", 1)[0]].append(r)
    return by_scenario


def test_the_set_is_the_same_every_run_and_the_script_writes_it(tmp_path):
    rows = load("make_computed_heldout3").build()
    assert rows == load("make_computed_heldout3").build()
    out = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True,
                         timeout=120).stdout
    assert [json.loads(line) for line in out.splitlines()] == rows
    written = tmp_path / "set.jsonl"
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(written)], check=True, timeout=120)
    assert written.read_text(encoding="utf-8") == out


def test_at_least_300_rows_half_of_them_correct_all_in_the_test_split():
    rows = load("make_computed_heldout3").build()
    assert len(rows) >= 300
    assert Counter(r["label"] for r in rows) == {0: len(rows) // 2, 1: len(rows) // 2}
    assert {r["split"] for r in rows} == {"test"}
    assert len({r["id"] for r in rows}) == len(rows)


def test_every_kind_is_covered_and_balanced_within_itself():
    rows = load("make_computed_heldout3").build()
    assert {r["kind"] for r in rows} == REQUIRED_KINDS
    for kind in REQUIRED_KINDS:
        labels = Counter(r["label"] for r in rows if r["kind"] == kind)
        assert labels[0] == labels[1] >= 12, (kind, labels)


def test_each_scenario_has_as_many_distinct_wrong_answers_as_right_ones():
    for name, group in scenarios(load("make_computed_heldout3").build()).items():
        half = len(group) // 2
        assert half >= 2 and [r["label"] for r in group] == [0] * half + [1] * half, name
        assert len({r["response"] for r in group}) == len(group), name
        assert len({(r["context"], r["question"], r["kind"]) for r in group}) == 1, name
        assert all(r["error"] is None for r in group[:half]), name
        assert all(isinstance(r["error"], str) and r["error"] for r in group[half:]), name


def test_rows_have_the_shape_of_the_other_sets_and_share_nothing_with_them():
    rows = load("make_computed_heldout3").build()
    assert {r["source"] for r in rows} == {"lmgate/computed-heldout3"}
    assert all(r["id"].startswith(f"heldout3-{r['kind']}-") for r in rows)
    for other in (load("make_computed_set").build(), load("make_computed_heldout").build(),
                  load("make_computed_heldout2").build()):
        assert {frozenset(r) for r in rows} == {frozenset(other[0])}
        seen = {r["context"] for r in other} | {r["question"] for r in other}
        assert not [r["id"] for r in rows if r["context"] in seen or r["question"] in seen]
        assert not {r["id"] for r in rows} & {r["id"] for r in other}
