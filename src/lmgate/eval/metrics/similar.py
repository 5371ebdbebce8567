"""similar: the output means the same as the reference, by the similarity of their embeddings.

Both texts are embedded by the `provider` (default `embedder`: an OpenAI-compatible endpoint's
`/embeddings`) and compared by `measure`: `cosine` (default) or `dot` similarity, passed at or
above `threshold` (0.75), or `euclidean` distance, passed at or below it (the score is then
1 / (1 + distance)). With a list reference, the closest value counts. A failed embedding call
fails the item with the reason.

PASS: output "The capital is Paris" vs value "Paris is the capital" (cosine 0.93)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.errors import ConfigError
from lmgate.eval.metrics.base import FIELD, VALUE, MetricResult, ScoringContext, references
from lmgate.eval.providers.base import ProviderCallError
from lmgate.spec import Opt

NAME = "similar"
KIND = "score"
HIGHER_IS_BETTER = True
NEEDS_JUDGE = True
CONF = {"value": VALUE, "field": FIELD,
        "threshold": Opt("number", 0.75, "the similarity to reach (euclidean: the distance not to exceed)"),
        "measure": Opt("str", "cosine", "how embeddings compare", choices=("cosine", "dot", "euclidean")),
        "provider": Opt("str", "embedder", "the providers key of the embedding endpoint")}
_EPSILON = 2.220446049250313e-16


def compare(a: Sequence[float], b: Sequence[float], measure: str) -> float:
    if len(a) != len(b):
        raise ValueError(f"embeddings of different sizes ({len(a)} and {len(b)})")
    if measure == "euclidean":
        return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)))
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    if measure == "dot":
        return dot
    norms = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norms if norms else 0.0


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    embed = getattr(ctx.judge, "embed", None)
    if embed is None:
        raise ConfigError(f"similar needs an embedding provider; {options['provider']!r} is missing or has no "
                          "/embeddings endpoint", fix="define it under `providers` with type openai and an "
                                                      "embedding model")
    values = references(item, options)
    try:
        vectors = embed([output, *values])
    except ProviderCallError as exc:
        return MetricResult(0.0, False, f"embedding call failed: {exc.reason}")
    best: tuple[float, bool] | None = None
    for vector in vectors[1:]:
        value = compare(vectors[0], vector, options["measure"])
        if options["measure"] == "euclidean":
            result = (1 / (1 + value), value <= options["threshold"] + _EPSILON)
        else:
            result = (value, value >= options["threshold"] - _EPSILON)
        if best is None or result[1] > best[1] or (result[1] == best[1] and result[0] > best[0]):
            best = result
    assert best is not None  # references() never returns an empty list
    return MetricResult(best[0], best[1], None if best[1] else f"similarity {best[0]:.3f} below the threshold")
