"""llm_rubric: a judge model grades the output against a rubric and gives a score and a reason.

The judge is the suite's judge provider (`ctx.judge`); the prompt is lmgate's own template
`prompts/llm_rubric.md.j2`, rendered in the sandbox. The verdict is read robustly (a JSON object,
`score: 0.7`, `8/10`, or a bare PASS/FAIL); a verdict that cannot be read, or a failed judge
call, scores 0 with the reason recorded, never a crash. Options: `rubric` (required; a
template like "Mentions {{ city }}" is rendered per item), `input` (what the model was asked,
e.g. "{{ question }}"), `threshold` (passed at or above, when the judge gives no pass; 0.5),
`provider` (the `providers` key of the judge; the engine resolves it).

PASS: rubric "Is polite" and the judge answers {"score": 0.9, "pass": true, "reason": "..."}
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate.errors import ConfigError
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.eval.providers.base import ProviderCallError
from lmgate.spec import REQUIRED, Opt
from lmgate.templating import render

NAME = "llm_rubric"
KIND = "score"
HIGHER_IS_BETTER = True
NEEDS_JUDGE = True
CONF = {"rubric": Opt("str", REQUIRED, "what a good output does, in plain words"),
        "input": Opt("str", None, "the question the output answers, shown to the judge"),
        "threshold": Opt("number", 0.5, "passed when the score is at least this", minimum=0, maximum=1),
        "provider": Opt("str", "judge", "the providers key of the judge model")}
TEMPLATE = Path(__file__).with_name("prompts") / "llm_rubric.md.j2"
_SCORE = re.compile(r"score\W{0,5}(\d+(?:\.\d+)?)\s*(?:/\s*(\d+(?:\.\d+)?))?", re.IGNORECASE)
_WORD = re.compile(r"\b(PASS|FAIL)(?:ED)?\b", re.IGNORECASE)


def parse(text: str) -> tuple[float | None, bool | None, str]:
    """The judge's verdict: (score in [0, 1] or None, pass or None, reason); None means unparseable.

    A JSON object first (from the first `{` to the last `}`: string search, where the regular
    expression `\\{.*\\}` took quadratic time on a judge answer of many `{`), then `score: x` or
    `x/y`, then a bare PASS or FAIL.
    """
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        try:
            data: Any = json.loads(text[start:end + 1])
        except (ValueError, RecursionError):
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
        value = None if raw is None or isinstance(raw, bool) else float(raw)
    except (TypeError, ValueError):
        value = None
    if value is None and verdict is not None:
        value = 1.0 if verdict else 0.0
    if value is None or not 0.0 <= value <= 1.0:
        return None, None, f"unparseable judge verdict: score {raw!r} is not a number in [0, 1] ({reason})"
    return value, verdict, reason


@functools.cache
def _template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def messages(output: str, options: Mapping[str, Any]) -> list[dict[str, str]]:
    text = render(_template(), {"rubric": options["rubric"], "input": options["input"] or "", "output": output},
                  name=TEMPLATE.name)
    return [{"role": "user", "content": text}]


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    if ctx.judge is None:
        raise ConfigError("llm_rubric needs a judge model, and none was given",
                          fix=f"add a provider named {options['provider']!r} under `providers`, or set the "
                              "metric's `provider` option to an existing one")
    try:
        verdict = ctx.judge.complete(messages(output, options), sample=0)
    except ProviderCallError as exc:
        return MetricResult(0.0, False, f"judge call failed: {exc.reason}")
    value, passed, reason = parse(verdict.text or "")
    if value is None:
        return MetricResult(0.0, False, reason)
    return MetricResult(value, passed if passed is not None else value >= options["threshold"], reason)
