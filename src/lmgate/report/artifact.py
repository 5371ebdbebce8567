"""Read a results artifact from another workflow run as data: validate before reading a field.

In the fork-safe flow a `workflow_run` job (base repository, write token) downloads the results a
fork's PR produced. Everything in them was written by code from that PR, so: regular files only
(no symlinks out of the folder), a size cap, JSON that cannot blow the stack, and each file
checked against its stage's JSON Schema (`lmgate/schemas/<stage>.schema.json`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lmgate import jsonschema_re2
from lmgate.errors import Location, ResultsError
from lmgate.results import FILES, VERDICTS

MAX_BYTES = 20 * 1024 * 1024
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
_NULLABLE_STR = {"type": ["string", "null"], "maxLength": 200}
# the common header of every result (docs/contracts.md); used when a stage ships no schema yet
HEADER = {"type": "object", "required": ["schema", "tool", "git", "verdict"], "properties": {
    "schema": {"type": "string"}, "verdict": {"enum": list(VERDICTS)}, "config_hash": _NULLABLE_STR,
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
        if path.stat().st_size > MAX_BYTES:
            raise ResultsError(f"{name} is larger than {MAX_BYTES} bytes", where=Location(str(path)))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, RecursionError, UnicodeDecodeError) as exc:
            raise ResultsError(f"{name} is not valid JSON: {type(exc).__name__}", where=Location(str(path))) from exc
        problems = list(jsonschema_re2.errors(data, schema_for(stage)))
        if problems:
            shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
            raise ResultsError(f"{name} does not match the {stage} result schema: {shown}",
                               where=Location(str(path)), fix="the artifact must come from `lmgate` of the "
                               "same version; it is refused, not repaired")
        found[stage] = data
    return found
