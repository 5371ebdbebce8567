"""Reading a judge model's verdict: JSON first, then `score: x` or `x/y`, then a bare PASS/FAIL."""

from __future__ import annotations

import json
import re
from typing import Any

_OBJECT = re.compile(r"\{.*\}", re.DOTALL)
_SCORE = re.compile(r"score\W{0,5}(\d+(?:\.\d+)?)\s*(?:/\s*(\d+(?:\.\d+)?))?", re.IGNORECASE)
_WORD = re.compile(r"\b(PASS|FAIL)(?:ED)?\b", re.IGNORECASE)


def parse(text: str) -> tuple[float | None, bool | None, str]:
    """(score in [0, 1] or None, pass or None, reason); score None means unparseable."""
    found = _OBJECT.search(text)
    if found:
        try:
            data: Any = json.loads(found.group(0))
        except ValueError:
            data = None
        if isinstance(data, dict):
            return _from_mapping(data)
    match = _SCORE.search(text)
    if match:
        value = float(match.group(1)) / (float(match.group(2)) if match.group(2) else 1.0)
        if 0.0 <= value <= 1.0:
            return value, None, text.strip()[:500]
    words = {w.upper().removesuffix("ED") for w in _WORD.findall(text)}
    if len(words) == 1:  # only one of PASS/FAIL appears: unambiguous
        ok = words == {"PASS"}
        return (1.0 if ok else 0.0), ok, text.strip()[:500]
    return None, None, f"unparseable judge verdict: {text.strip()[:200]!r}"


def _from_mapping(data: dict) -> tuple[float | None, bool | None, str]:
    reason = str(data.get("reason") or data.get("explanation") or "")[:500]
    verdict = data.get("pass", data.get("passed"))
    verdict = verdict if isinstance(verdict, bool) else None
    raw = data.get("score")
    try:
        score = None if raw is None or isinstance(raw, bool) else float(raw)
    except (TypeError, ValueError):
        score = None
    if score is None and verdict is not None:
        score = 1.0 if verdict else 0.0
    if score is None or not 0.0 <= score <= 1.0:
        return None, None, f"unparseable judge verdict: score {raw!r} is not a number in [0, 1] ({reason})"
    return score, verdict, reason
