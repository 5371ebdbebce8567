"""The `hallucination` section of lmgate.yaml."""

from __future__ import annotations

from lmgate.spec import Opt

HALLUCINATION = Opt("section", help="hallucination-gate settings", fields={
    "detector": Opt("str", "grounding", "grounding, selfcheck, logprob, judge or nli"),
    "suites": Opt("list", None, "eval suites whose answers are scored (default: all)", items=Opt("str")),
    "context": Opt("str", None, "template of the grounding context, e.g. '{{ context }}'"),
    "threshold": Opt("number", None, "score at or above which an answer is flagged", minimum=0, maximum=1),
    "max_rate": Opt("number", 0.05, "most flagged share allowed on the head", minimum=0, maximum=1),
    "max_increase": Opt("number", 0.02, "most significant increase over the base", minimum=0, maximum=1),
    "options": Opt("map", None, "detector options", values=Opt("any")),
})

# The keys this stage adds to lmgate.yaml; `lmgate.config.STAGES` lists the stages that declare some.
SECTIONS = {"hallucination": HALLUCINATION}
