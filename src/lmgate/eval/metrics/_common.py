"""Helpers shared by the metric modules: the reference value, text normalisation, shared options."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

from lmgate.errors import ConfigError, InputError
from lmgate.spec import Opt
from lmgate.userregex import compile_user_regex

FIELD = Opt("str", "expected", "the item field holding the reference")
_VALUE_HELP = "the reference itself (a template like '{{ answer }}' is rendered per item); default: the item's `field`"
VALUE = Opt("any", None, _VALUE_HELP, one_of=(Opt("str", help=_VALUE_HELP), Opt("number"), Opt("bool"),
                                              Opt("list", items=Opt("any"))))
NORMALISE = {
    "ignore_case": Opt("bool", False, "lowercase both sides first"),
    "ignore_punctuation": Opt("bool", False, "drop ASCII punctuation from both sides first"),
    "regexes_to_ignore": Opt("list", None, "regular expressions (RE2) removed from both sides first",
                             items=Opt("str", help="an RE2 regular expression (no backreferences or lookaround)",
                                       check=lambda p: regex_problem(p))),
}
_PUNCT = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def regex_problem(pattern: str) -> str | None:
    try:
        compile_user_regex(pattern)
    except ConfigError as exc:
        return exc.message
    return None


def reference(item: Mapping[str, Any], options: Mapping[str, Any]) -> Any:
    if options.get("value") is not None:
        return options["value"]
    field = options.get("field") or "expected"
    if field not in item or item[field] is None:
        raise InputError(f"the eval item has no field {field!r} to compare with",
                         fix=f"add `{field}` to every dataset item, or give the metric a `value` option")
    return item[field]


def references(item: Mapping[str, Any], options: Mapping[str, Any]) -> list[str]:
    """One or several acceptable answers (a list field means any of them)."""
    ref = reference(item, options)
    if isinstance(ref, (list, tuple)):
        if not ref:
            raise InputError(f"the eval item's field {options.get('field', 'expected')!r} is an empty list",
                             fix="give at least one acceptable answer, or drop the item")
        return [str(r) for r in ref]
    return [str(ref)]


def prepare(text: str, options: Mapping[str, Any]) -> str:
    """lm-evaluation-harness' exact_match options, applied in its order."""
    for pattern in options.get("regexes_to_ignore") or ():  # re.sub(pattern, "", text), on RE2
        kept, last = [], 0
        for match in compile_user_regex(pattern).finditer(text):
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


def fmeasure(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def verdict(ok: bool, reason: str | None = None) -> Any:
    from lmgate.eval.metrics.base import MetricResult

    return MetricResult(1.0 if ok else 0.0, ok, None if ok else reason)
