"""The result files `report`, `comment`, `merge`, a stored baseline and the hallucination gate read
back are read like any other file a pull request may have committed: no link inside the repository
(`.lmgate/results/eval.json -> ~/.config/gcloud/…` or `-> /dev/zero`, read forever), no device, a
size cap, and JSON nested past the parser's stack is exit 2, not a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lmgate.errors import LmgateError
from lmgate.eval.pairing import read_items
from lmgate.results import read_result


def lmgate(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    return subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env={**base, "XDG_CACHE_HOME": str(cwd.parent / "xdg")})


@pytest.mark.parametrize("target", ["outside", "/dev/zero"])
def test_report_refuses_a_committed_result_link(tmp_path, target):
    repo = tmp_path / "repo"
    (repo / ".lmgate/results").mkdir(parents=True)
    if target == "outside":
        secret = tmp_path / "credentials.json"
        secret.write_text(json.dumps({"schema": "lmgate/eval/v1", "private_key": "-----BEGIN zz9"}))
        target = str(secret)
    (repo / ".lmgate/results/eval.json").symlink_to(target)
    done = lmgate(repo, "report")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "'.lmgate/results/eval.json' is a symbolic link" in done.stderr
    assert "Traceback" not in done.stderr and "zz9" not in done.stdout + done.stderr


def test_report_on_deeply_nested_json_is_bad_input(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".lmgate/results").mkdir(parents=True)
    (repo / ".lmgate/results/eval.json").write_text("[" * 200_000)
    done = lmgate(repo, "report")
    assert done.returncode == 2 and "nested too deeply" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_read_result_and_read_items_refuse_a_device_and_deep_nesting(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r").mkdir()
    (tmp_path / "r/eval.json").symlink_to("/dev/zero")
    with pytest.raises(LmgateError, match="symbolic link"):
        read_result(tmp_path / "r", "eval")
    items = tmp_path / "eval-items.jsonl"
    items.write_text(json.dumps({"suite": "s", "id": "1"}) + "\n" + "[" * 200_000 + "\n")
    with pytest.raises(LmgateError, match="nested too deeply") as info:
        read_items(items)
    assert info.value.where.line == 2
    (tmp_path / "linked.jsonl").symlink_to("/dev/zero")
    with pytest.raises(LmgateError, match="symbolic link"):
        read_items(tmp_path / "linked.jsonl")


def test_a_result_over_the_size_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with (tmp_path / "eval.json").open("wb") as fh:
        fh.truncate(65 << 20)  # sparse: costs no disk
    with pytest.raises(LmgateError, match="larger than 64 MiB"):
        read_result(tmp_path, "eval")
