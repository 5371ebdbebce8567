"""exact_match: the output equals the reference after normalisation (SQuAD v1.1 by default).

Options: `squad` (default true: lowercase, strip punctuation, articles a/an/the, whitespace, as
the official SQuAD v1.1 script), lm-evaluation-harness' `ignore_case`, `ignore_punctuation`,
`regexes_to_ignore` (RE2 patterns, removed first), `field`/`value` for the reference. A list
reference passes when any answer matches.

PASS: output "The Eiffel Tower." vs expected "eiffel tower"
FAIL: output "Paris" vs expected "Lyon"
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics.base import FIELD, VALUE, MetricResult, ScoringContext, references
from lmgate.eval.metrics.regex import compiled, pattern_problem
from lmgate.spec import Opt

NAME = "exact_match"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
# The normalisation options f1 shares: both score "the same answer" the same way.
NORMALISE = {
    "squad": Opt("bool", True, "apply the SQuAD v1.1 normalisation"),
    "ignore_case": Opt("bool", False, "lowercase both sides first"),
    "ignore_punctuation": Opt("bool", False, "drop ASCII punctuation from both sides first"),
    "regexes_to_ignore": Opt("list", None, "regular expressions (RE2) removed from both sides first",
                             items=Opt("str", help="an RE2 regular expression (no backreferences or lookaround)",
                                       check=pattern_problem)),
}
CONF = {"field": FIELD, "value": VALUE, **NORMALISE}
_PUNCT = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def prepare(text: str, options: Mapping[str, Any]) -> str:
    """lm-evaluation-harness' exact_match options, applied in its order."""
    for pattern in options.get("regexes_to_ignore") or ():  # re.sub(pattern, "", text), on RE2
        kept, last = [], 0
        for match in compiled(pattern).finditer(text):
            kept.append(text[last:match.start()])
            last = match.end()
        text = "".join(kept) + text[last:]
    if options.get("ignore_case"):
        text = text.lower()
    if options.get("ignore_punctuation"):
        text = text.translate(_PUNCT)
    return text


def squad_normalise(text: str) -> str:
    """SQuAD v1.1 official normalisation: lowercase, drop punctuation, articles, extra whitespace."""
    text = "".join(ch for ch in text.lower() if ch not in string.punctuation)
    return " ".join(_ARTICLES.sub(" ", text).split())


def normalise(text: str, options: Mapping[str, Any]) -> str:
    text = prepare(text, options)
    return squad_normalise(text) if options.get("squad", True) else text


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    mine = normalise(output, options)
    answers = references(item, options)
    ok = any(mine == normalise(answer, options) for answer in answers)
    return MetricResult.pass_fail(ok, f"{mine!r} matches none of {len(answers)} reference(s)")
