"""The `canary` section of lmgate.yaml."""

from __future__ import annotations

from lmgate.spec import Opt

CANARY = Opt("section", help="canary-release settings", fields={
    "backend": Opt("section", None, "where the traffic split lives", open=True,
                   fields={"type": Opt("str", "git-file", "git-file, litellm, hf-pointer or webhook")}),
    "source": Opt("section", None, "where live metrics come from", open=True,
                  fields={"type": Opt("str", "jsonl", "jsonl, prometheus or webhook")}),
    "steps": Opt("list", (5, 25, 50, 100), "traffic weights in percent", items=Opt("number", minimum=0,
                                                                                     maximum=100)),
    "alpha": Opt("number", 0.05, "false-alarm probability over the whole rollout", minimum=1e-6,
                 maximum=0.5),
    "metrics": Opt("list", None, "metrics compared between canary and stable", items=Opt("map",
                                                                                         values=Opt("any"))),
})
