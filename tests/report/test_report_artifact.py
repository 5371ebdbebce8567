"""`--from-artifact` input: validated against the shipped schemas before a single field is read."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
from report_cases import FIXTURES

from lmgate import jsonschema_re2
from lmgate.errors import ResultsError
from lmgate.report.artifact import SCHEMAS, load_artifact, schema_for

# the interpreter runs the code under test: a source tree on PYTHONPATH (a worktree) stays first
SOURCE = {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}

STAGES = ("lint", "eval", "hallucination", "canary")


@pytest.mark.parametrize("stage", STAGES)
def test_shipped_schemas_are_valid_draft_2020_12_schemas(stage):
    assert (SCHEMAS / f"{stage}.schema.json").is_file(), "the stage ships its schema"
    assert jsonschema_re2.schema_problem(schema_for(stage)) is None


def mutations(data: dict) -> list[dict]:
    """Ways an artifact can be wrong (or right): each is judged by both validators."""
    out = [data]
    for key in list(data)[:12]:
        out.append({k: v for k, v in data.items() if k != key})
        for bad in (None, "x", 7, [], {}):
            out.append({**data, key: bad})
    return out


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*/*.json")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_re2_validator_agrees_with_plain_jsonschema(path: Path):
    schema = schema_for(path.stem)
    reference = jsonschema.Draft202012Validator(schema)
    for doc in mutations(json.loads(path.read_text())):
        assert reference.is_valid(doc) == (not jsonschema_re2.errors(doc, schema)), doc


def test_a_valid_artifact_loads_every_stage_present():
    assert set(load_artifact(FIXTURES / "green")) == set(STAGES)
    assert set(load_artifact(FIXTURES / "lint_errors")) == {"lint"}


def copy_case(tmp_path: Path, case: str = "green") -> Path:
    return Path(shutil.copytree(FIXTURES / case, tmp_path / "artifact"))


def test_schema_violation_is_refused_with_the_field(tmp_path):
    folder = copy_case(tmp_path)
    data = json.loads((folder / "eval.json").read_text())
    data["suites"][0]["metrics"][0]["change"] = "<script>"
    (folder / "eval.json").write_text(json.dumps(data))
    with pytest.raises(ResultsError) as info:
        load_artifact(folder)
    assert "eval.json does not match" in info.value.message and "suites[0].metrics[0].change" in info.value.message


def test_symlinks_out_of_the_artifact_are_refused(tmp_path):
    folder = copy_case(tmp_path)
    (folder / "lint.json").unlink()
    (folder / "lint.json").symlink_to("/etc/passwd")
    with pytest.raises(ResultsError, match="not a regular file"):
        load_artifact(folder)


@pytest.mark.parametrize("text", ["{not json", "[" * 100_000 + "]" * 100_000, '{"a": "\udcff"}'])
def test_broken_or_hostile_json_is_a_clear_error(tmp_path, text):
    folder = copy_case(tmp_path, "lint_errors")
    (folder / "lint.json").write_text(text, errors="surrogateescape")
    with pytest.raises(ResultsError) as info:
        load_artifact(folder)
    assert info.value.where.file.endswith("lint.json")


def test_cli_exits_2_on_a_bad_artifact_without_a_traceback(tmp_path, lmgate_exe):
    import subprocess

    folder = copy_case(tmp_path)
    (folder / "canary.json").write_text('{"schema": "lmgate/canary/v1"}')
    proc = subprocess.run([*lmgate_exe, "comment", "--from-artifact", str(folder), "--mode", "summary"],
                          capture_output=True, text=True, env={**SOURCE, "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2, proc.stderr
    assert "canary.json does not match the canary result schema" in proc.stderr
    assert "Traceback" not in proc.stderr
