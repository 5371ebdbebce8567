"""litellm: the weights of two deployments in a LiteLLM proxy/router config (`model_list`).

LiteLLM picks a deployment of a model group at random by `litellm_params.weight` (no stickiness),
so lmgate writes the canary's weight on the candidate's entry and the rest on the stable's, and
measures exposure from observed counts, never from these numbers. Entries are matched by
`model_info.id` (the version string); a candidate without an entry "does not exist".
Options: `path` (default litellm_config.yaml), `model` (the `model_name` group, required).
"""

from __future__ import annotations

from collections.abc import Mapping

import yaml

from lmgate.canary.backends.base import Deps, Split, Target, read_file, write_file_if
from lmgate.errors import InputError, Location
from lmgate.paths import inside_root
from lmgate.spec import REQUIRED, Opt

NAME = "litellm"
CONF = {"path": Opt("str", "litellm_config.yaml", "the LiteLLM config file, relative to lmgate.yaml"),
        "model": Opt("str", REQUIRED, "the model group (`model_name`) whose deployments are split")}


class LiteLLM:
    NAME = NAME

    def __init__(self, conf: Mapping, deps: Deps) -> None:
        self.rel, self.model = conf["path"], conf["model"]
        self.path = inside_root(deps.root, self.rel)

    def _doc(self) -> tuple[dict, str]:
        try:
            text, etag = read_file(self.path)
            doc = yaml.safe_load(text) or {}
            if not isinstance(doc.get("model_list"), list):
                raise ValueError("no model_list")
        except (yaml.YAMLError, AttributeError, ValueError) as exc:  # a UnicodeDecodeError is a ValueError
            # Unlike a routing file, a rollback may not rewrite it: the proxy's whole config lives there.
            raise InputError(f"not a LiteLLM config with a model_list: {exc}", where=Location(self.rel),
                             fix=f"point canary.backend.path at the proxy's config.yaml, or restore that file "
                                 f"(e.g. `git checkout -- {self.rel}`) and run the command again") from exc
        return doc, etag

    def _entries(self, doc: dict) -> dict[str, dict]:
        return {str((e.get("model_info") or {}).get("id")): e for e in doc["model_list"]
                if isinstance(e, dict) and e.get("model_name") == self.model}

    def read(self) -> Split:
        doc, etag = self._doc()
        entries = self._entries(doc)
        weights = {v: float((e.get("litellm_params") or {}).get("weight", 1)) for v, e in entries.items()}
        marked = [v for v, e in entries.items() if (e.get("model_info") or {}).get("lmgate_marker")]
        canary = marked[0] if marked else None
        total = sum(weights.values()) or 1.0
        weight = round(100.0 * weights.get(canary, 0.0) / total, 6) if canary else 0.0
        marker = (entries[canary]["model_info"]["lmgate_marker"]) if canary else None
        stable = next((v for v in entries if v != canary), None)
        return Split(weight, etag, marker, stable, canary)

    def write(self, weight: float, etag: str, target: Target) -> str:
        doc, _ = self._doc()
        entries = self._entries(doc)
        for version, share in ((target.candidate, weight), (target.stable, 100.0 - weight)):
            if version not in entries:
                raise InputError(f"no deployment of {self.model!r} has model_info.id {version!r}",
                                 where=Location(self.rel), fix="add the deployment to model_list first")
            entries[version].setdefault("litellm_params", {})["weight"] = share
        for version, entry in entries.items():
            info = entry.setdefault("model_info", {})
            info.pop("lmgate_marker", None)
            if version == target.candidate:
                info["lmgate_marker"] = target.marker
        return write_file_if(self.path, etag, yaml.safe_dump(doc, sort_keys=False), self.rel)

    def exists(self, revision: str) -> bool | None:
        return revision in self._entries(self._doc()[0])


def build(conf: Mapping, deps: Deps) -> LiteLLM:
    return LiteLLM(conf, deps)
