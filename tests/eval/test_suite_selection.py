"""`--suite` naming a suite twice evaluates it once.

`lmgate eval --suite qa,qa` (or `--suite qa --suite qa`, as a matrix plus a default can write it)
made every call twice and wrote suite `qa` twice into eval.json and the JUnit report.
"""

from __future__ import annotations

import json
import textwrap
import xml.etree.ElementTree as ET

from lmgate.cli import main

CONFIG = """\
version: 1
providers: {echo: {type: echo}}
prompts: {p: p.j2}
datasets: {d: d.jsonl}
suites:
  - {name: qa, prompt: p, dataset: d, provider: echo, metrics: [exact_match]}
  - {name: chat, prompt: p, dataset: d, provider: echo, metrics: [exact_match]}
"""


def test_a_suite_named_twice_is_evaluated_once(tmp_path, capsys):
    (tmp_path / "lmgate.yaml").write_text(textwrap.dedent(CONFIG))
    (tmp_path / "p.j2").write_text("{{ q }}\n")
    (tmp_path / "d.jsonl").write_text("".join(json.dumps({"id": str(i), "q": "x", "expected": "x"}) + "\n"
                                              for i in range(3)))
    junit = tmp_path / "j.xml"
    code = main(["eval", "--config", str(tmp_path / "lmgate.yaml"), "--suite", "qa,qa", "--suite", "qa",
                 "--junit", str(junit)], env={})
    assert code == 0, capsys.readouterr().err
    data = json.loads((tmp_path / ".lmgate/results/eval.json").read_text())
    assert [s["name"] for s in data["suites"]] == ["qa"]
    assert [s.get("name") for s in ET.parse(junit).getroot()] == ["qa"]
    records = (tmp_path / ".lmgate/results/eval-items.jsonl").read_text().splitlines()
    assert len(records) == 3
