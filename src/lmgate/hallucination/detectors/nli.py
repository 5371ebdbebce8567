"""nli: an NLI cross-encoder judges whether the context entails each claim (SummaC-ZS style).

Needs: context. Per claim, the few context sentences that share the most words with it are the
premises; the claim's score is 1 - its best entailment probability; the answer's, its worst claim.
The model runs behind `huggingface_hub.InferenceClient` text classification (`endpoint`: a URL or
a Hub model id; `token`: write ${HF_TOKEN}) or locally with the optional `transformers` extra
(`local_path`: a folder or a cached Hub id, HF_HUB_OFFLINE=1 friendly). Pairs are sent to the
hosted API as one text joined by `separator` (default " [SEP] "), as its text-classification task
takes a single string.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from lmgate.errors import ConfigError
from lmgate.hallucination import text
from lmgate.hallucination.claims import sentences, split_claims
from lmgate.hallucination.detectors.base import MAX_RESPONSE_CHARS, Deps, Item, Span, Verdict, clamp
from lmgate.spec import Opt

NAME = "nli"
NEEDS = ("context",)
THRESHOLD = 0.5
CONF = {"endpoint": Opt("str", None, "InferenceClient model: an endpoint URL or a Hub model id"),
        "token": Opt("str", None, "Hugging Face token; write ${HF_TOKEN}", secret=True),
        "local_path": Opt("str", None, "run locally with transformers: a folder or a Hub id in the cache"),
        "separator": Opt("str", " [SEP] ", "joins premise and claim for the hosted API"),
        "premises": Opt("int", 3, "context sentences tried per claim", minimum=1, maximum=20),
        "timeout": Opt("number", 30, "seconds per hosted call", minimum=0.1)}
Classifier = Callable[[str, str], Mapping[str, float]]


def prepare(options: Mapping[str, Any], **_: Any) -> Deps:
    if options.get("local_path"):
        from transformers import pipeline  # the optional extra

        pipe = pipeline("text-classification", model=options["local_path"], top_k=None)

        def local(premise: str, hypothesis: str) -> dict[str, float]:
            out = pipe({"text": premise, "text_pair": hypothesis})
            out = out[0] if out and isinstance(out[0], list) else out
            return {r["label"]: r["score"] for r in (out if isinstance(out, list) else [out])}

        return Deps(nli=local)
    if not options.get("endpoint"):
        raise ConfigError("the nli detector needs options.endpoint or options.local_path",
                          fix="set hallucination.options.endpoint: https://… (or a Hub model id)")
    from huggingface_hub import InferenceClient

    client = InferenceClient(model=options["endpoint"], token=options.get("token"), timeout=options.get("timeout"))
    sep = options.get("separator", " [SEP] ")
    return Deps(nli=lambda p, h: {r.label: r.score for r in client.text_classification(f"{p}{sep}{h}")})


def entailment(labels: Mapping[str, float]) -> float:
    for name, value in labels.items():
        if "entail" in name.lower():
            return float(value)
    raise ValueError(f"no entailment label among {sorted(labels)}")


def score(item: Item, options: Mapping[str, Any], deps: Deps | None = None) -> Verdict:
    threshold = THRESHOLD if options.get("threshold") is None else options["threshold"]
    if not (item.context or "").strip():
        return Verdict.unjudged("no context: nli cannot judge an answer without its source")
    if deps is None or deps.nli is None:
        return Verdict.unjudged("no NLI model configured (options.endpoint or options.local_path)")
    claims = split_claims(item.response[:MAX_RESPONSE_CHARS])
    if not claims:
        return Verdict(0.0, False, (), "no checkable claim (empty answer or a refusal)")
    premises = [(s, set(text.words(s))) for s in sentences(item.context[: text.MAX_CHARS])][:2000]
    worst, spans = 0.0, []
    for claim in claims[:16]:
        words = set(text.content(text.words(claim.text)))
        best = sorted(premises, key=lambda p: -len(words & p[1]))[: options.get("premises", 3)]
        try:
            entail = max(entailment(deps.nli(p, claim.text)) for p, _ in best)
        except Exception as exc:  # one bad call must not sink the run; the reason is recorded
            return Verdict.unjudged(f"NLI call failed: {type(exc).__name__}: {str(exc)[:160]}")
        value = clamp(1.0 - entail)
        worst = max(worst, value)
        if value >= threshold:
            spans.append(Span(claim.start, claim.end, claim.text, f"best entailment {entail:.2f}"))
    return Verdict(worst, worst >= threshold, tuple(spans))
