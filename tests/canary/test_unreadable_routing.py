"""A routing file that is no split at all (garbage bytes, YAML that is a scalar or a list, broken YAML).

docs/canary.md and the controller hold a running rollout on a split they cannot read and tell the person
to run `lmgate canary rollback`; `_manual` says a human's rollback "overwrites even a split that makes no
sense". So the rollback must not be blocked by the damage it is run to repair: it rewrites the file to
all-stable (compare-and-swap on the blob id of what it read) and puts what it replaced on record. Every
other command refuses the file with exit 2, naming it and how to fix it, never with a traceback."""

from __future__ import annotations

import pytest
import yaml

from canary.conftest import CANDIDATE, STABLE
from canary.helpers import cli, controller, log_records
from lmgate.canary import operations
from lmgate.canary.approval import Approval
from lmgate.errors import InputError

DAMAGE = {"garbage bytes": b"\xff\xfe\x00\x9c not text at all \x80",
          "a YAML scalar": b"just some words\n",
          "a YAML list": b"- v1\n- v2\n",
          "broken YAML": b"canary: {version: v2, weight: [\n"}


def damaged(repo, content: bytes):
    operations.start(controller(repo), CANDIDATE)
    routing = repo / "deploy" / "routing.yaml"
    routing.write_bytes(content)
    return routing


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_rollback_rewrites_a_routing_file_that_is_no_split_to_all_stable(repo, damage, capsys):
    routing = damaged(repo, DAMAGE[damage])
    code, body, err = cli(repo, "rollback", "--reason", "routing file clobbered", capsys=capsys)
    assert code == 1 and "Traceback" not in err, err
    assert body["state"] == "rolled_back" and body["weight"] == 0, body
    doc = yaml.safe_load(routing.read_text())
    assert doc["stable"] == {"version": STABLE} and doc["canary"] == {"version": CANDIDATE, "weight": 0}
    assert doc["updated_by"], doc
    [line] = [r for r in log_records(repo) if r.get("action") == "rollback"]
    replaced = " ".join(line["notes"])
    assert "deploy/routing.yaml" in replaced and "what it replaced" in replaced, replaced
    assert repr(DAMAGE[damage][:10])[2:-1] in replaced, replaced  # the bytes it overwrote, on record
    assert controller(repo).tick().state.state == "rolled_back"  # and the next tick finds nothing to fix


@pytest.mark.parametrize("damage", DAMAGE)
def test_promote_start_and_tick_refuse_a_routing_file_that_is_no_split_naming_file_and_fix(repo, damage, capsys):
    routing = damaged(repo, DAMAGE[damage])
    with pytest.raises(InputError) as refused:
        operations.manual(controller(repo), "promote", None, Approval(by="alice"))
    said = refused.value.render()
    assert "deploy/routing.yaml" in said and "cannot promote" in said and "lmgate canary rollback" in said, said
    assert routing.read_bytes() == DAMAGE[damage]
    # a scheduled tick holds on it (a running rollout holds on any split it cannot read) and says where and how
    code, body, err = cli(repo, "tick", capsys=capsys)
    assert code == 0 and "Traceback" not in err, err
    reason = body["decision"]["reason"]
    assert body["decision"]["action"] == "hold" and body["weight"] == 5, body
    assert "deploy/routing.yaml" in reason and "fix:" in reason and "lmgate canary rollback" in reason, reason
    assert routing.read_bytes() == DAMAGE[damage]
    # a start (after the rollout is over) refuses it with exit 2 and writes nothing
    operations.manual(controller(repo), "rollback", None)
    routing.write_bytes(DAMAGE[damage])
    state = (repo / ".lmgate" / "canary" / "state.json").read_bytes()
    code, _, err = cli(repo, "start", "--candidate", "v3", capsys=capsys)
    assert code == 2 and "Traceback" not in err and "deploy/routing.yaml" in err and "fix:" in err, err
    assert routing.read_bytes() == DAMAGE[damage]
    assert (repo / ".lmgate" / "canary" / "state.json").read_bytes() == state


def test_a_rollback_over_a_routing_file_that_changes_while_it_writes_loses_the_race(repo):
    """The overwrite is a compare-and-swap on the damaged content's blob id, not a blind write: a file
    repaired (or damaged again) between the read and the write is not clobbered; the retry reads it again."""
    routing = damaged(repo, DAMAGE["garbage bytes"])
    ctrl = controller(repo)
    real = ctrl.s.backend.write
    calls = []

    def repaired_first(weight, etag, target):
        if not calls:
            calls.append(etag)
            routing.write_bytes(b"stable: {version: v1}\ncanary: {version: v2, weight: 5}\n"
                                b"updated_by: someone-by-hand\n")
        return real(weight, etag, target)

    ctrl.s.backend.write = repaired_first
    out = operations.manual(ctrl, "rollback", None)
    assert out.wrote and out.state.state == "rolled_back"
    assert yaml.safe_load(routing.read_text())["canary"]["weight"] == 0
    [line] = [r for r in log_records(repo) if r.get("action") == "rollback"]
    assert not any("what it replaced" in n for n in line["notes"]), line  # the retry read a valid split


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_hub_pointer_file_that_is_no_split_is_refused_and_overwritten_only_against_its_head(tmp_path, damage):
    """The same for hf-pointer: it was an AttributeError or UnicodeDecodeError traceback; now it is
    UnreadableSplit carrying the head commit, the compare-and-swap token a rollback writes against."""
    from canary.fake_hub import FakeHub
    from lmgate.canary.backends import hf_pointer
    from lmgate.canary.backends.base import Deps, Target, UnreadableSplit, read_split

    hub = FakeHub()
    try:
        conf = {"repo_id": "acme/qa-routing", "repo_type": "model", "path": "routing.yaml", "branch": "main",
                "model_repo": None, "token": "hf_fake", "tags": True}
        backend = hf_pointer.build(conf, Deps(root=tmp_path, env={"HF_ENDPOINT": hub.url}))
        backend.write(5, backend.read().etag, Target("r1", "t1", "v1", "v2", "start"))
        hub.commits[hub.head]["routing.yaml"] = DAMAGE[damage]  # someone committed garbage over it
        with pytest.raises(UnreadableSplit) as refused:
            read_split(backend)
        assert refused.value.etag == hub.head and "acme/qa-routing/routing.yaml" in refused.value.render()
        backend.write(0, refused.value.etag, Target("r1", "t2", "v1", "v2", "rollback"))
        assert yaml.safe_load(hub.file("routing.yaml"))["canary"] == {"version": "v2", "weight": 0}
    finally:
        hub.close()


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_litellm_config_that_is_no_config_is_exit_2_and_never_rewritten(tmp_path, damage):
    """A LiteLLM config holds the proxy's whole model list, so no command, not even a rollback, may rewrite
    it from nothing: it is refused with exit 2 and what to do (garbage bytes were a UnicodeDecodeError
    traceback)."""
    from lmgate.canary.backends import litellm
    from lmgate.canary.backends.base import Deps

    (tmp_path / "litellm_config.yaml").write_bytes(DAMAGE[damage])
    backend = litellm.build({"path": "litellm_config.yaml", "model": "qa"}, Deps(root=tmp_path, env={}))
    with pytest.raises(InputError) as refused:
        backend.read()
    said = refused.value.render()
    assert "litellm_config.yaml" in said and "git checkout -- litellm_config.yaml" in said, said
    assert (tmp_path / "litellm_config.yaml").read_bytes() == DAMAGE[damage]
