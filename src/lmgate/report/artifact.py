"""Read a results artifact from another workflow run as data: validate before reading a field.

In the fork-safe flow a `workflow_run` job (base repository, write token) downloads the results a
fork's PR produced. Everything in them was written by code from that PR, so: regular files only
(no symlinks out of the folder), a size cap, JSON that cannot blow the stack, no NaN or
Infinity (not JSON, and not a number any gate can compare), each file checked against its
stage's JSON Schema (`lmgate/schemas/<stage>.schema.json`), file paths in it relative and
inside the repository (they become links in the comment), and every file from the same commit
and run (a mix of runs is refused, not reported).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lmgate import jsonschema_re2
from lmgate.errors import Location, ResultsError
from lmgate.report.escape import is_repository_path
from lmgate.results import FILES, VERDICTS

MAX_BYTES = 20 * 1024 * 1024
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
_NULLABLE_STR = {"type": ["string", "null"], "maxLength": 200}
# the common header of every result (docs/contracts.md); used when a stage ships no schema yet
HEADER = {"type": "object", "required": ["schema", "tool", "git", "verdict"], "properties": {
    "schema": {"type": "string"}, "verdict": {"enum": list(VERDICTS)}, "config_hash": _NULLABLE_STR,
    "run_id": _NULLABLE_STR,
    "tool": {"type": "object", "required": ["name", "version"]},
    "git": {"type": "object", "properties": {"base_sha": _NULLABLE_STR, "head_sha": _NULLABLE_STR}}}}
LISTS = {"lint": ("findings",), "eval": ("suites",), "hallucination": ("suites",), "canary": ("metrics", "timeline")}


def schema_for(stage: str) -> dict[str, Any]:
    path = SCHEMAS / f"{stage}.schema.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    fallback = json.loads(json.dumps(HEADER))
    fallback["properties"]["schema"] = {"const": f"lmgate/{stage}/v1"}
    fallback["properties"].update({name: {"type": "array"} for name in LISTS[stage]})
    fallback["required"] += list(LISTS[stage])
    return fallback


def load_artifact(folder: Path) -> dict[str, dict[str, Any]]:
    if not folder.is_dir():
        raise ResultsError(f"artifact folder {folder} does not exist", where=Location(str(folder)),
                           fix="download the results artifact of the triggering run first")
    found: dict[str, dict[str, Any]] = {}
    for stage, name in FILES.items():
        path = folder / name
        if not path.exists() and not path.is_symlink():
            continue
        if path.is_symlink() or not path.is_file():
            raise ResultsError(f"{name} in the artifact is not a regular file", where=Location(str(path)))
        found[stage] = read_stage_file(path, stage)
    check_one_run(found)
    return found


def read_stage_file(path: Path, stage: str) -> dict[str, Any]:
    """One stage's result, checked as untrusted data before the report reads a single field."""
    name = path.name
    if path.stat().st_size > MAX_BYTES:
        raise ResultsError(f"{name} is larger than {MAX_BYTES} bytes", where=Location(str(path)))
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_constant=_refuse_constant)
    except NonFinite as exc:
        raise ResultsError(f"{name} holds {exc}, which is not a number JSON allows", where=Location(str(path)),
                           fix="the results must be written by lmgate; they are refused, not repaired") from None
    except (ValueError, RecursionError, UnicodeDecodeError, OSError) as exc:
        raise ResultsError(f"{name} is not valid JSON: {type(exc).__name__}", where=Location(str(path))) from exc
    problems = list(jsonschema_re2.errors(data, schema_for(stage)))
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise ResultsError(f"{name} does not match the {stage} result schema: {shown}",
                           where=Location(str(path)), fix="the results must come from `lmgate` of the "
                           "same version; they are refused, not repaired")
    for where, value in _paths(stage, data):
        if not is_repository_path(value):
            raise ResultsError(f"{name}: {where} is {str(value)[:80]!r}, not a path inside the repository "
                               "(absolute, or climbing out with `..`)", where=Location(str(path)),
                               fix="refused; lmgate writes paths relative to the repository")
    return data


class NonFinite(ValueError):
    pass


def _refuse_constant(name: str) -> float:
    raise NonFinite(name)


def _paths(stage: str, data: dict[str, Any]) -> list[tuple[str, Any]]:
    if stage != "lint":
        return []
    return [(f"findings[{i}].path", f.get("path")) for i, f in enumerate(data.get("findings") or [])
            if isinstance(f, dict)]


def judged_identity(data: dict[str, Any]) -> tuple[Any, Any] | None:
    """The commit and run of the answers a hallucination result judged (its `answers`), or None when
    it names none (nothing was judged, or an lmgate that did not record it wrote the file)."""
    answers = data.get("answers")
    return (answers.get("head_sha"), answers.get("run_id")) if isinstance(answers, dict) else None


def check_one_run(found: dict[str, dict[str, Any]]) -> None:
    """Every file of an artifact must come from one commit and one run, and so must the answers a
    hallucination result judged (a verdict on another run's answers is not this run's)."""
    idents = {FILES[stage]: ((d.get("git") or {}).get("head_sha"), d.get("run_id")) for stage, d in found.items()}
    idents.update({f"the answers {FILES[stage]} judged": judged for stage, d in found.items()
                   if (judged := judged_identity(d)) is not None})
    if len(set(idents.values())) > 1:
        shown = "; ".join(f"{s}: commit {str(h)[:12]}, run {r}" for s, (h, r) in idents.items())
        raise ResultsError(f"the artifact mixes results of different commits or runs ({shown})",
                           fix="upload one run's results folder as the artifact; lmgate comments on one run")
