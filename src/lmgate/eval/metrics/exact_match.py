"""exact_match: the output equals the reference after normalisation (SQuAD v1.1 by default).

Options: `squad` (default true: lowercase, strip punctuation, articles a/an/the, whitespace, as
the official SQuAD v1.1 script), lm-evaluation-harness' `ignore_case`, `ignore_punctuation`,
`regexes_to_ignore` (applied first), `field`/`value` for the reference. A list reference passes
when any answer matches.

PASS: output "The Eiffel Tower." vs expected "eiffel tower"
FAIL: output "Paris" vs expected "Lyon"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics._common import FIELD, NORMALISE, VALUE, prepare, references, squad_normalise, verdict
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import Opt

NAME = "exact_match"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = {"field": FIELD, "value": VALUE, "squad": Opt("bool", True, "apply the SQuAD v1.1 normalisation"),
        **NORMALISE}


def normalise(text: str, options: Mapping[str, Any]) -> str:
    text = prepare(text, options)
    return squad_normalise(text) if options.get("squad", True) else text


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    mine = normalise(output, options)
    answers = references(item, options)
    ok = any(mine == normalise(answer, options) for answer in answers)
    return verdict(ok, f"{mine!r} matches none of {len(answers)} reference(s)")
