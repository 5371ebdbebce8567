"""One case per mapping rule: a promptfoo snippet (and its files) -> the expected lmgate config.

Each `cases/*.yaml` holds named cases: `files` (the promptfoo config as `promptfooconfig.yaml`, and
any file it names) and what the import must produce: `providers`, `prompts`, `rows` (the dataset
rows of `tests`, or `datasets` by name), `suites`, `hallucination`, `files` (texts the generated
files contain), `report` (substrings of report lines, by status), or `error` (exit 2, the message).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lmgate.errors import InputError
from lmgate.importers.promptfoo import plan_import
from lmgate.importers.writer import render_files

CASES = sorted(Path(__file__).with_name("cases").glob("*.yaml"))


def _cases():
    for path in CASES:
        for name, case in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            yield pytest.param(case, id=f"{path.stem}:{name}")


@pytest.mark.parametrize("case", list(_cases()))
def test_mapping_rule(case, tmp_path):
    for relative, text in case["files"].items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text if isinstance(text, str) else yaml.safe_dump(text), encoding="utf-8")
    if "error" in case:
        with pytest.raises(InputError) as caught:
            plan_import(tmp_path / "promptfooconfig.yaml", tmp_path)
        assert case["error"] in caught.value.render()
        return
    plan, report = plan_import(tmp_path / "promptfooconfig.yaml", tmp_path)
    for name, spec in case.get("providers", {}).items():
        assert plan.providers.get(name) == spec, name
    for name, prompt in case.get("prompts", {}).items():
        chat = plan.prompts[name]
        got = {"template": chat.template} if chat.template is not None else \
            {"messages": [list(m) for m in chat.messages]}
        assert got == prompt, name
    if "rows" in case:
        assert plan.datasets["tests"] == case["rows"]
    for name, rows in case.get("datasets", {}).items():
        assert plan.datasets[name] == rows, name
    if "suites" in case:
        got = [{"name": s.name, "prompt": s.prompt, "dataset": s.dataset, "provider": s.provider,
                "metrics": [{m: spec} for m, spec in s.metrics]} for s in plan.suites]
        assert got == case["suites"]
    if "hallucination" in case:
        assert plan.hallucination == case["hallucination"]
    rendered = {p.relative_to(tmp_path).as_posix(): text for p, text in
                render_files(plan, report, tmp_path / "lmgate.yaml").items()}
    for relative, fragments in case.get("written", {}).items():
        for fragment in fragments:
            assert fragment in rendered[relative], (relative, fragment)
    for status, fragments in case.get("report", {}).items():
        lines = [e.line() for e in report.of(status)]
        for fragment in fragments:
            assert any(fragment in line for line in lines), (status, fragment, lines)
    if "complete" in case:
        assert report.complete is case["complete"]
