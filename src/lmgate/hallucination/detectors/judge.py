"""judge: an LLM (any configured provider) extracts the answer's claims and judges each one.

With a context: each claim against the context (RAGAS faithfulness / Lynx style). Without one but
with samples: the SelfCheck prompt against the other samples. The prompts are lmgate's own,
versioned files in hallucination/prompts/. Score = the worst claim (contradicted 1, unsupported
0.8, supported 0). A reply that is not the asked JSON leaves the item unjudged, with the reason.
Options: `provider` (required: a name from `providers:`), `version` (default "v1").
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate.errors import ConfigError
from lmgate.eval.providers import build_provider
from lmgate.eval.providers.base import ProviderCallError
from lmgate.hallucination.detectors.base import MAX_RESPONSE_CHARS, Deps, Item, Span, Verdict
from lmgate.secrets import redact
from lmgate.spec import REQUIRED, Opt
from lmgate.templating import render

NAME = "judge"
NEEDS = ()
THRESHOLD = 0.5
CONF = {"provider": Opt("str", REQUIRED, "the provider (from `providers:`) that judges"),
        "version": Opt("str", "v1", "version of lmgate's judge prompts", choices=("v1",))}
PROMPTS = Path(__file__).resolve().parents[1] / "prompts"
VERDICTS = {"supported": 0.0, "unsupported": 0.8, "contradicted": 1.0}
MAX_CONTEXT_CHARS = 60_000  # a judge prompt must fit a context window; the cut is recorded


def prepare(options: Mapping[str, Any], *, config: Any = None, env: Mapping[str, str] | None = None) -> Deps:
    name = options.get("provider")
    if config is None or name not in config.providers:
        known = ", ".join(config.providers) if config is not None else "none (pass --config)"
        raise ConfigError(f"judge provider {name!r} is not configured", key="hallucination.options.provider",
                          where=config.where("hallucination") if config is not None else None,
                          fix=f"set options.provider to one of: {known}")
    return Deps(provider=build_provider(name, config.providers[name], root=config.root, env=env,
                                        where=config.where("providers", name),
                                        redact=functools.partial(redact, secrets=config.secrets)))


def parse(reply: str) -> list[dict[str, str]] | str:
    """The judged claims, or why the reply is not the JSON the prompt asked for.

    Every claim must carry one of the three verdicts (case, blanks and a final full stop aside): a
    claim judged "not supported" or "partially supported" dropped from the list would leave the
    supported ones to pass the answer, so such a reply leaves the answer unjudged instead."""
    match = re.search(r"\{.*\}", reply or "", re.S)
    try:
        claims = json.loads(match.group()).get("claims") if match else None
    except (ValueError, AttributeError):
        claims = None
    if not isinstance(claims, list) or not all(isinstance(c, dict) for c in claims):
        return f"judge reply is not the expected JSON: {(reply or '')[:120]!r}"
    unknown = sorted({str(c.get("verdict"))[:40] for c in claims if _verdict(c) is None})
    if unknown:
        return (f"judge reply has verdicts other than {', '.join(VERDICTS)}: {', '.join(map(repr, unknown[:3]))}"
                " (the answer is left unjudged rather than judged on the other claims)")
    return [{**c, "verdict": _verdict(c)} for c in claims]


def _verdict(claim: dict[str, Any]) -> str | None:
    word = str(claim.get("verdict", "")).strip().rstrip(".").strip().lower()
    return word if word in VERDICTS else None


def score(item: Item, options: Mapping[str, Any], deps: Deps | None = None) -> Verdict:
    threshold = THRESHOLD if options.get("threshold") is None else options["threshold"]
    if deps is None or deps.provider is None:
        return Verdict.unjudged("no judge provider configured (hallucination.options.provider)")
    if not item.response.strip():
        return Verdict(0.0, False, (), "empty answer: nothing to judge")
    context = (item.context or "")[:MAX_CONTEXT_CHARS]
    if not context.strip() and not item.samples:
        return Verdict.unjudged("neither a context nor samples: the judge has nothing to check against")
    kind = "context" if context.strip() else "selfcheck"
    name = PROMPTS / f"judge_{kind}.{options.get('version', 'v1')}.j2"
    prompt = render(name.read_text(encoding="utf-8"), {
        "context": context, "question": item.question or "", "response": item.response[:MAX_RESPONSE_CHARS],
        "samples": list(item.samples[:10])}, name.name)
    try:
        reply = deps.provider.complete([{"role": "user", "content": prompt}]).text
    except ProviderCallError as exc:
        return Verdict.unjudged(f"judge call failed: {exc.reason}")
    claims = parse(reply)
    if isinstance(claims, str):
        return Verdict.unjudged(claims)
    worst, spans = 0.0, []
    for c in claims:
        value = VERDICTS[c["verdict"]]
        worst = max(worst, value)
        claim = str(c.get("claim") or "")
        start = item.response.find(claim) if claim else -1
        if value >= threshold:
            spans.append(Span(max(start, 0), max(start, 0) + len(claim) if start >= 0 else 0, claim,
                              f"{c['verdict']}: {str(c.get('reason') or '')[:200]}".rstrip(": ")))
    return Verdict(worst, worst >= threshold, tuple(spans))
