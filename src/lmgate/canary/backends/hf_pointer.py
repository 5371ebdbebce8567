"""hf-pointer: the split is a small pointer file in a Hugging Face Hub repository.

No Hub API moves a ref, so lmgate commits the pointer with `create_commit(parent_commit=<head>)`:
the Hub answers HTTP 412 when someone else committed first (a real compare-and-swap; the head
commit is the etag), and tags each write (`lmgate-<rollout>-<tick>`) so the history is on the Hub.
The candidate must exist as a revision of `model_repo`. Options: `repo_id` (required), `repo_type`
(default model), `path` (default routing.yaml), `branch` (default main), `model_repo` (default:
repo_id), `token` (write ${HF_TOKEN}), `tags` (default true). The endpoint is $HF_ENDPOINT.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Mapping

import yaml
from huggingface_hub import CommitOperationAdd, HfApi, hf_hub_download
from huggingface_hub import errors as hf_errors

from lmgate.canary.backends.base import (
    NOT_A_SPLIT,
    ROUTING_SHAPE,
    Deps,
    LostRace,
    Split,
    Target,
    UnreadableSplit,
    routing_split,
)
from lmgate.errors import InputError, Location
from lmgate.spec import REQUIRED, Opt

NAME = "hf-pointer"
CONF = {"repo_id": Opt("str", REQUIRED, "the Hub repository holding the pointer, e.g. acme/qa-routing"),
        "repo_type": Opt("str", "model", "model, dataset or space", choices=("model", "dataset", "space")),
        "path": Opt("str", "routing.yaml", "the pointer file in that repository"),
        "branch": Opt("str", "main", "the branch the pointer is committed to"),
        "model_repo": Opt("str", None, "the repository whose revisions are the versions (default: repo_id)"),
        "token": Opt("str", None, "Hub token with write access; write ${HF_TOKEN}", secret=True),
        "tags": Opt("bool", True, "tag every write so the history is on the Hub")}


class HfPointer:
    NAME = NAME

    def __init__(self, conf: Mapping, deps: Deps) -> None:
        self.c = dict(conf)
        self.endpoint = deps.env.get("HF_ENDPOINT") or None
        self.api = deps.hf_api or HfApi(endpoint=self.endpoint, token=conf.get("token") or False)
        self.cache = tempfile.mkdtemp(prefix="lmgate-hf-")
        weakref.finalize(self, shutil.rmtree, self.cache, True)  # downloads of the pointer are throw-away

    def _head(self) -> str:
        refs = self.api.list_repo_refs(self.c["repo_id"], repo_type=self.c["repo_type"])
        for branch in refs.branches:
            if branch.name == self.c["branch"]:
                return branch.target_commit
        raise InputError(f"branch {self.c['branch']!r} not found in {self.c['repo_id']}",
                         fix="create it on the Hub, or set canary.backend.branch")

    def read(self) -> Split:
        head = self._head()
        try:
            local = hf_hub_download(
                self.c["repo_id"], self.c["path"], repo_type=self.c["repo_type"], revision=head, cache_dir=self.cache,
                endpoint=self.endpoint, token=self.c.get("token") or False)
            with open(local, "rb") as fh:
                data = fh.read()
        except hf_errors.EntryNotFoundError:
            data = b""
        try:
            return routing_split(data, head)
        except NOT_A_SPLIT as exc:
            # only a rollback overwrites it (see UnreadableSplit); the Hub keeps what it replaced at `head`
            where = f"{self.c['repo_id']}/{self.c['path']}"
            raise UnreadableSplit(
                f"the pointer file is not a valid split: {exc}", etag=head,
                found=f"{len(data)} bytes at commit {head} of {self.c['repo_id']}, beginning {data[:160]!r}",
                where=Location(where),
                fix=f"commit it back to `{ROUTING_SHAPE}` on "
                    f"{self.c['branch']}; during a rollout, `lmgate canary rollback` rewrites it to all-stable") \
                from exc

    def write(self, weight: float, etag: str, target: Target) -> str:
        doc = {"stable": {"version": target.stable}, "canary": {"version": target.candidate, "weight": weight},
               "updated_by": target.marker}
        data = yaml.safe_dump(doc, sort_keys=False).encode("utf-8")
        try:
            info = self.api.create_commit(
                self.c["repo_id"], [CommitOperationAdd(self.c["path"], data)], repo_type=self.c["repo_type"],
                commit_message=f"canary {target.action}: {target.candidate} at {weight:g}% ({target.marker})",
                revision=self.c["branch"], parent_commit=etag)
        except hf_errors.HfHubHTTPError as exc:
            if exc.response is not None and exc.response.status_code == 412:
                raise LostRace(f"{self.c['repo_id']} moved past {etag[:10]}") from exc
            raise
        if self.c.get("tags", True):
            tag = f"lmgate-{target.rollout}-{target.tick}"
            self.api.create_tag(self.c["repo_id"], tag=tag, revision=info.oid, repo_type=self.c["repo_type"],
                                tag_message=f"{target.action} to {weight:g}%")
        return info.oid

    def exists(self, revision: str) -> bool | None:
        repo = self.c.get("model_repo") or self.c["repo_id"]
        try:
            self.api.repo_info(repo, revision=revision, repo_type=self.c["repo_type"])
        except (hf_errors.RevisionNotFoundError, hf_errors.RepositoryNotFoundError):
            return False
        return True


def build(conf: Mapping, deps: Deps) -> HfPointer:
    return HfPointer(conf, deps)
