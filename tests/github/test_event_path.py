"""GITHUB_EVENT_PATH set but not a readable payload file is bad input (exit 2), never a quiet "no event".

On a runner the file always exists, so a wrong path was set by hand; ignoring it dropped the pull
request's base commit and number without a word (eval compared with nothing, comment posted nowhere).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from lmgate.cli import main
from lmgate.errors import InputError
from lmgate.github import event as event_module
from lmgate.github.event import read_event

FIXTURES = Path(__file__).parents[1] / "report" / "fixtures"
PR = {"number": 7, "pull_request": {"number": 7, "base": {"sha": "b" * 40}, "head": {"sha": "c" * 40}}}


def wrong_paths(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo")  # read naively, a FIFO would hang the run until someone writes to it
    (tmp_path / "a-file").write_text("{}")
    (tmp_path / "outside.json").write_text(json.dumps(PR))
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "event.json").symlink_to(tmp_path / "outside.json")
    return {"missing": tmp_path / "missing.json", "folder": tmp_path / "folder", "fifo": tmp_path / "fifo",
            "device": Path("/dev/zero"), "below a file": tmp_path / "a-file" / "event.json",
            "link in the workspace": tmp_path / "ws" / "event.json"}


def test_a_set_event_path_that_is_no_readable_file_is_an_input_error(tmp_path):
    for case, path in wrong_paths(tmp_path).items():
        with pytest.raises(InputError) as raised:
            read_event({"GITHUB_EVENT_PATH": str(path), "GITHUB_EVENT_NAME": "pull_request",
                        "GITHUB_WORKSPACE": str(tmp_path / "ws")})
        error = raised.value
        assert "GITHUB_EVENT_PATH" in error.message, (case, error.message)
        assert error.where is not None and error.where.file == str(path), case
        assert error.fix and "GITHUB_EVENT_PATH" in error.fix, case


def test_unset_or_empty_means_no_event_and_a_good_file_is_read(tmp_path):
    for env in ({}, {"GITHUB_EVENT_PATH": ""}):
        assert read_event(env).pr_number is None
    (tmp_path / "event.json").write_text(json.dumps(PR))
    event = read_event({"GITHUB_EVENT_PATH": str(tmp_path / "event.json"), "GITHUB_EVENT_NAME": "pull_request",
                        "GITHUB_WORKSPACE": str(tmp_path)})
    assert (event.pr_number, event.base_sha, event.head_sha) == (7, "b" * 40, "c" * 40)


def test_a_payload_larger_than_github_sends_or_not_json_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "event.json"
    path.write_text("{\n  \"number\": 7,\n  oops\n}")
    with pytest.raises(InputError, match="not JSON") as raised:
        read_event({"GITHUB_EVENT_PATH": str(path)})
    assert raised.value.where.line == 3
    monkeypatch.setattr(event_module, "MAX_PAYLOAD_BYTES", 64)
    path.write_text(json.dumps({**PR, "padding": "x" * 100}))
    with pytest.raises(InputError, match="larger than"):
        read_event({"GITHUB_EVENT_PATH": str(path)})


@pytest.mark.parametrize("command", ["report", "comment"])
def test_report_and_comment_exit_2_naming_the_variable(tmp_path, capsys, command):
    """Before: `report` rendered and `comment` said "not a pull request event", both exiting 0."""
    results = tmp_path / "results"
    shutil.copytree(FIXTURES / "green", results)
    env = {"GITHUB_EVENT_PATH": str(tmp_path / "evnet.json"), "GITHUB_EVENT_NAME": "pull_request",
           "GITHUB_WORKSPACE": str(tmp_path), "GITHUB_TOKEN": "ghs_unused_0123", "GITHUB_REPOSITORY": "acme/app",
           "GITHUB_API_URL": "http://127.0.0.1:9"}
    code = main([command, "--results", str(results)], env)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "GITHUB_EVENT_PATH" in err and "evnet.json" in err and "Traceback" not in err
