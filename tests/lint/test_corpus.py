"""The whole real corpus (../shared/data/prompts, ~1,070 files in 9 formats) lints without a crash,
and the known problems in it are found."""

from __future__ import annotations

from pathlib import Path

import pytest

from lmgate.lint import engine
from lmgate.lint.settings import LINT
from lmgate.prompts import reading
from lmgate.spec_validation import Context, validate

from .helpers import lint, validate_lint_json


@pytest.fixture(scope="module")
def corpus_run(shared_data, tmp_path_factory):
    cwd = tmp_path_factory.mktemp("corpus")
    return lint(cwd, str(shared_data / "prompts"), "--format", "json", "--output", "out.json", timeout=300)


def test_whole_corpus_exits_0_or_1_without_traceback(corpus_run):
    assert corpus_run.code in (0, 1), corpus_run.err[-2000:]
    assert "Traceback" not in corpus_run.err
    data = corpus_run.result()
    validate_lint_json(data)
    assert data["summary"]["files"] > 1000 and data["summary"]["prompts"] > 2800


def test_no_rule_crashes_on_the_corpus(corpus_run):
    crashes = [line for line in corpus_run.err.splitlines() if "crashed" in line]
    assert not crashes, f"{len(crashes)} rule crashes, e.g. {crashes[:3]}"


def test_every_prompt_file_is_parsed_or_a_syn001_with_a_line(shared_data):
    root = shared_data / "prompts"
    readable = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        head = path.read_bytes()[:reading.HEAD_CHARS].decode("utf-8", "replace")
        if reading.detect(path, head) is None:
            assert path.name in ("LICENSE", "evals_action.yml") or path.suffix == "", path
            continue
        prompts, problems = reading.read_prompts(path, root)
        assert prompts or problems, path
        assert all(p.position.line >= 1 for p in problems)
        readable += bool(prompts)
    assert readable > 1050


def spot(root: Path, folder: str, pattern: str, *codes: str):
    lint_settings = validate({"select": list(codes)}, LINT, ("lint",), Context(doc=None, env={}))
    files = sorted((root / folder).rglob(pattern))
    result = engine.lint_files(files, root, lint_settings)
    assert not result.crashes, result.crashes[:3]
    return result.findings


def test_known_problems_of_the_corpus_are_found(shared_data):
    root = shared_data / "prompts"
    choice = [f for f in spot(root, "promptsource", "templates.yaml", "SYN007") if "'choice'" in f.message]
    assert len({(f.path, f.prompt) for f in choice}) >= 100  # research probe: 124 of 2,085 templates
    undeclared = {f.path for f in spot(root, "prompty", "*.prompty", "SYN002")}
    assert 10 <= len(undeclared) <= 25  # probe: 19 of 91
    ghmodels = {Path(f.path).name for f in spot(root, "ghmodels", "*.yml", "SYN002")}
    assert ghmodels == {"advanced_template_prompt.yml", "template_variables_prompt.yml", "test_generate.yml"}
    broken = spot(root, "promptflow", "*.jinja2", "SYN001")
    assert [(Path(f.path).name, f.line) for f in broken] == [("no_end.jinja2", 2)]
