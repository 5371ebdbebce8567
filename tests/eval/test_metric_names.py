"""Two metrics of one name in a suite are a config error, not one metric's scores shown twice.

`metrics: [{contains: {value: "{{ expected }}"}}, {contains: {value: "x"}}]` scored both, kept
the second's scores under the name `contains` for both table rows (0.000 and 0.000, where the
first check passed half the items), and the one `contains` gate judged them both.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from lmgate.cli import main

CONFIG = """\
version: 1
providers: {echo: {type: echo}}
prompts: {p: p.j2}
datasets: {d: d.jsonl}
suites:
  - name: qa
    prompt: p
    dataset: d
    provider: echo
    metrics: METRICS
"""


def project(tmp_path, metrics: str):
    (tmp_path / "lmgate.yaml").write_text(textwrap.dedent(CONFIG).replace("METRICS", metrics))
    (tmp_path / "p.j2").write_text("{{ q }}\n")
    rows = [{"id": str(i), "q": f"a{i}" if i % 2 else "b", "expected": f"a{i}"} for i in range(4)]
    (tmp_path / "d.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return tmp_path / "lmgate.yaml"


@pytest.mark.parametrize(("metrics", "name", "fix"), [
    ("[{contains: {value: '{{ expected }}'}}, {contains: {value: x}}]", "contains", "contains_2: {metric: contains"),
    ("[exact_match, f1, exact_match]", "exact_match", "exact_match_3: {metric: exact_match"),
    ("[not_contains, {not_contains: {value: x}}]", "not_contains", "not_contains_2: {metric: not_contains"),
])
@pytest.mark.parametrize("command", ["validate", "eval"])
def test_a_metric_name_twice_is_refused_at_the_second_entry(tmp_path, capsys, command, metrics, name, fix):
    code = main([command, "--config", str(project(tmp_path, metrics))], env={})
    err = capsys.readouterr().err
    assert code == 2, err
    assert "lmgate.yaml:10:" in err and f"computes metric {name!r} twice" in err
    assert fix in err
    assert not (tmp_path / ".lmgate/results/eval.json").exists()


def test_display_names_keep_both_and_score_each(tmp_path, capsys):
    config = project(tmp_path, "[{contains: {value: '{{ expected }}'}}, {has_x: {metric: contains, value: x}}]")
    assert main(["eval", "--config", str(config)], env={}) == 0, capsys.readouterr().err
    means = {m["name"]: m["head"]["mean"] for m in
             json.loads((tmp_path / ".lmgate/results/eval.json").read_text())["suites"][0]["metrics"]}
    assert means == {"contains": 0.5, "has_x": 0.0}


@pytest.mark.parametrize("command", ["validate", "eval"])
def test_a_per_item_field_no_row_has_is_refused(tmp_path, capsys, command):
    # it scored no item, and its max_drop gate passed as "not checked: no baseline"
    config = project(tmp_path, "[exact_match, {c: {metric: contains, per_item: checks}}]")
    code = main([command, "--config", str(config)], env={})
    err = capsys.readouterr().err
    assert code == 2, err
    assert "metric 'c' takes its options from field 'checks' (`per_item`), which no row of dataset 'd' has" in err
