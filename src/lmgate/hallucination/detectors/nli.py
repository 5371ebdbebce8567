"""nli: an NLI cross-encoder judges whether the context entails each claim (SummaC-ZS style).

Needs: context. Per claim, the few context sentences that share the most words with it are the
premises; the claim's score is 1 - its best entailment probability; the answer's, its worst claim.
The model runs behind a Hugging Face text-classification endpoint (`endpoint`: a URL, or a Hub
model id served by the Hub's HF Inference router; `token`: write ${HF_TOKEN}) or locally with the
optional `transformers` extra (`local_path`: a folder or a cached Hub id, HF_HUB_OFFLINE=1
friendly). Pairs are sent to the hosted API as one text, `{"inputs": premise + separator + claim}`
(default separator " [SEP] "), as its text-classification task takes a single string. Hosted
calls go through lmgate.http: `timeout` bounds each whole call, answers over 8 MiB are refused,
and a failed call is sent again (a classification changes nothing) up to twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from lmgate.errors import ConfigError
from lmgate.hallucination import text
from lmgate.hallucination.claims import sentences, split_claims
from lmgate.hallucination.detectors.base import MAX_RESPONSE_CHARS, Deps, Item, Span, Verdict, clamp
from lmgate.http import HttpClient, HttpError, Retry
from lmgate.spec import Opt

NAME = "nli"
NEEDS = ("context",)
THRESHOLD = 0.5
HF_INFERENCE = "https://router.huggingface.co/hf-inference/models/"
CONF = {"endpoint": Opt("str", None, "an endpoint URL or a Hub model id"),
        "token": Opt("str", None, "Hugging Face token; write ${HF_TOKEN}", secret=True),
        "local_path": Opt("str", None, "run locally with transformers: a folder or a Hub id in the cache"),
        "separator": Opt("str", " [SEP] ", "joins premise and claim for the hosted API"),
        "premises": Opt("int", 3, "context sentences tried per claim", minimum=1, maximum=20),
        "timeout": Opt("number", 30, "seconds per hosted call", minimum=0.1)}
ENTAILMENT_LABELS = ("entailment", "entailed", "entails")
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
    endpoint = options["endpoint"]
    url = endpoint if endpoint.startswith(("http://", "https://")) else HF_INFERENCE + endpoint
    headers = {"Authorization": f"Bearer {options['token']}"} if options.get("token") else {}
    sep, timeout = options.get("separator", " [SEP] "), float(options.get("timeout") or 30)
    http = HttpClient(retry=Retry(retries=2))

    def hosted(premise: str, hypothesis: str) -> dict[str, float]:
        r = http.request("POST", url, json={"inputs": f"{premise}{sep}{hypothesis}"}, headers=headers,
                         timeout=timeout, repeatable=True)
        if r.status >= 400:
            raise HttpError(f"HTTP {r.status}", status=r.status, attempts=r.attempts)
        rows = r.json()
        rows = rows[0] if rows and isinstance(rows[0], list) else rows  # [[{label, score}, …]] or [{…}, …]
        return {str(row["label"]): float(row["score"]) for row in rows}

    return Deps(nli=hosted)


def entailment(labels: Mapping[str, float]) -> float:
    """The entailment probability among a classifier's labels.

    The label is matched whole: a two-class model's `not_entailment` also holds "entail", and read
    as entailment it would pass every claim the model rejects. A value that is not a probability
    (NaN, a raw logit) is refused rather than clamped into a verdict."""
    found = [value for name, value in labels.items() if name.strip().lower() in ENTAILMENT_LABELS]
    if len(found) != 1:
        raise ValueError(f"no single entailment label among {sorted(labels)}")
    value = float(found[0])
    if not 0.0 <= value <= 1.0:  # NaN fails this too
        raise ValueError(f"entailment {value!r} is not a probability in [0, 1] (a raw logit?)")
    return value


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
