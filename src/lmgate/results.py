"""Stage result files: the only way stages talk to each other.

Each file carries `schema: lmgate/<stage>/v1`, the tool version, the git SHAs and config hash it
ran on, and a verdict. Writes go through `lmgate.paths`: atomic (temp file + rename), so a crash or
kill never leaves a half-written result; never through a symbolic link; and scrubbed of every
secret the process knows before they hit disk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from lmgate import __version__, paths
from lmgate.errors import Location, ResultsError

VERDICTS = ("pass", "fail", "warn", "skipped")
FILES = {"lint": "lint.json", "eval": "eval.json", "hallucination": "hallucination.json",
         "canary": "canary.json"}
MAX_RESULT_BYTES = 64 << 20  # a stage summary is kilobytes; per-item records live in eval-items.jsonl


class RunEvent(Protocol):
    """What a header needs of the run (lmgate.github.event.Event): its commit and run id."""

    head_sha: str | None
    base_sha: str | None
    run_id: str | None


def header(stage: str, verdict: str, *, config_hash: str | None, base_sha: str | None = None,
           head_sha: str | None = None, event: RunEvent | None = None) -> dict[str, Any]:
    """The common header. With the run's `event`, every stage records the same commit (a pull
    request's head, never the merge commit `GITHUB_SHA`) and run id, also when it was skipped,
    so a report can tell one run's results from another's."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict {verdict!r} not in {VERDICTS}")
    if event is not None:
        base_sha, head_sha = base_sha or event.base_sha, head_sha or event.head_sha
    return {"schema": f"lmgate/{stage}/v1", "tool": {"name": "lmgate", "version": __version__},
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "git": {"base_sha": base_sha, "head_sha": head_sha}, "run_id": event.run_id if event else None,
            "config_hash": config_hash, "verdict": verdict}


def dumps(data: Any, depth: int = 2) -> str:
    """JSON indented for its first `depth` levels, each deeper value on one line.

    `json.dumps(indent=2)` runs the pure-Python encoder (0.08 s for a 3,000-finding lint.json, paid
    twice per run); below `depth` the C encoder writes one line per finding or item, which also
    diffs and greps better.
    """
    return _dumps(data, depth, "") + "\n"


_LINE = json.JSONEncoder(ensure_ascii=False, default=str).encode  # one encoder: json.dumps builds one per call


def _dumps(data: Any, depth: int, pad: str) -> str:
    if depth <= 0 or not isinstance(data, (dict, list)) or not data or (
            isinstance(data, dict) and not all(isinstance(k, str) for k in data)):  # json's own key rules
        return _LINE(data)
    inner = pad + "  "
    if isinstance(data, dict):
        items = [f"{inner}{_LINE(k)}: {_dumps(v, depth - 1, inner)}" for k, v in data.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    return "[\n" + ",\n".join(inner + _dumps(v, depth - 1, inner) for v in data) + f"\n{pad}]"


def write_json_atomic(path: Path, data: Any, secrets: Iterable[str] = (), *, root: Path | None = None) -> Path:
    return paths.write_text_atomic(path, dumps(data), root=root, secrets=secrets)


def write_text_atomic(path: Path, text: str, secrets: Iterable[str] = (), *, root: Path | None = None) -> Path:
    """`lmgate.paths.write_text_atomic`: atomic, redacted, never through a link below `root`."""
    return paths.write_text_atomic(path, text, root=root, secrets=secrets)


def write_result(results_dir: Path, stage: str, body: Mapping[str, Any], *, verdict: str,
                 config_hash: str | None, secrets: Iterable[str] = (), base_sha: str | None = None,
                 head_sha: str | None = None, event: RunEvent | None = None, root: Path | None = None) -> Path:
    data = {**header(stage, verdict, config_hash=config_hash, base_sha=base_sha, head_sha=head_sha, event=event),
            **body}
    return write_json_atomic(results_dir / FILES[stage], data, secrets, root=root)


def read_result(results_dir: Path, stage: str) -> dict[str, Any] | None:
    """The stage's result, or None when the stage did not run. Refuses foreign or broken files."""
    path = results_dir / FILES[stage]
    if not path.exists() and not path.is_symlink():
        return None
    try:
        raw = paths.read_bytes(path, limit=MAX_RESULT_BYTES + 1)  # no link in the repository, no device
        if raw is None:
            return None
        if len(raw) > MAX_RESULT_BYTES:
            raise ResultsError(f"the result file is larger than {MAX_RESULT_BYTES // (1 << 20)} MiB",
                               where=Location(str(path)), fix="point --results at a folder lmgate wrote")
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ResultsError("cannot read result file: JSON nested too deeply", where=Location(str(path)),
                           fix="point --results at a folder lmgate wrote") from None
    except (ValueError, OSError) as exc:
        raise ResultsError(f"cannot read result file: {exc}", where=Location(str(path))) from exc
    expected = f"lmgate/{stage}/v1"
    if not isinstance(data, dict) or data.get("schema") != expected:
        raise ResultsError(f"not an lmgate {stage} result (schema should be {expected!r})",
                           where=Location(str(path)), fix="point --results at a folder lmgate wrote")
    return data
