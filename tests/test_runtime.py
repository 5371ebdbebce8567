from __future__ import annotations

import io
import json
import re

from lmgate.github.event import read_event
from lmgate.github.runtime import SUMMARY_LIMIT, Annotation, Console


def actions_console(tmp_path):
    env = {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(tmp_path / "out"),
           "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    return Console(env, out=io.StringIO(), err=io.StringIO())


def test_event_from_pull_request_payload(tmp_path):
    payload = {"number": 5, "pull_request": {
        "number": 5, "head": {"sha": "h" * 40, "repo": {"full_name": "fork/app", "fork": True}},
        "base": {"sha": "b" * 40, "ref": "main", "repo": {"full_name": "acme/app"}}}}
    (tmp_path / "e.json").write_text(json.dumps(payload))
    event = read_event({"GITHUB_EVENT_PATH": str(tmp_path / "e.json"), "GITHUB_EVENT_NAME": "pull_request",
                        "GITHUB_REPOSITORY": "acme/app", "GITHUB_API_URL": "http://127.0.0.1:9/",
                        "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "42"})
    assert (event.pr_number, event.base_sha, event.head_sha, event.base_ref) == (5, "b" * 40, "h" * 40, "main")
    assert event.is_fork and not event.token_present
    assert event.api_url == "http://127.0.0.1:9"
    assert event.run_url == "https://github.com/acme/app/actions/runs/42"


def test_multiline_output_uses_random_delimiter(tmp_path):
    console = actions_console(tmp_path)
    console.set_output("report", "line 1\nEOF\nline 3")
    text = (tmp_path / "out").read_text()
    m = re.match(r"report<<(ghadelim_[0-9a-f-]{36})\nline 1\nEOF\nline 3\n\1\n$", text)
    assert m, text


def test_summary_capped_at_one_mebibyte(tmp_path):
    console = actions_console(tmp_path)
    console.add_summary("x" * (SUMMARY_LIMIT - 10))
    console.add_summary("y" * 5000)
    data = (tmp_path / "summary.md").read_bytes()
    assert len(data) <= SUMMARY_LIMIT


def test_summary_truncation_says_so(tmp_path):
    console = actions_console(tmp_path)
    console.add_summary("é" * SUMMARY_LIMIT)
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")  # still valid UTF-8
    assert "cut here" in text and len(text.encode()) <= SUMMARY_LIMIT


def test_annotations_prioritised_and_capped(tmp_path):
    console = actions_console(tmp_path)
    anns = [Annotation("warning", f"w{i}", file="a.j2", line=i) for i in range(15)]
    anns += [Annotation("error", f"e{i}", file="b.j2", line=i) for i in range(15)]
    anns.append(Annotation("warning", "changed", file="c.j2", line=1, on_changed_line=True))
    dropped = console.annotate(anns)
    lines = console.out.getvalue().splitlines()
    assert lines[0].startswith("::warning file=c.j2,line=1::changed")
    assert sum(line.startswith("::error") for line in lines) == 10
    assert sum(line.startswith("::warning") for line in lines) == 10
    assert dropped == 31 - 20


def test_annotation_escaping(tmp_path):
    console = actions_console(tmp_path)
    console.annotate([Annotation("error", "50% bad\nnext", file="a,b:c.j2", line=2, title="t")])
    assert console.out.getvalue() == "::error file=a%2Cb%3Ac.j2,line=2,title=t::50%25 bad%0Anext\n"


def test_mask_each_form_and_line_of_a_secret_but_never_a_placeholder(tmp_path):
    console = actions_console(tmp_path)
    console.mask(["abc-123/xyz", "multi-line\nsecond-line", "EMPTY"])
    console.mask(["abc-123/xyz"])  # masked once per run, however often the config is loaded
    masks = [line.removeprefix("::add-mask::") for line in console.out.getvalue().splitlines()]
    assert masks.count("abc-123/xyz") == 1
    assert {"abc-123%2Fxyz", "abc-123\\/xyz", "YWJjLTEyMy94eXo=", "multi-line", "second-line"} <= set(masks)
    assert "EMPTY" not in masks  # too short to be a secret: masking it would garble every log
    console.out.write("echoed abc-123/xyz, abc-123%2Fxyz and YWJjLTEyMy94eXo=\n")
    assert console.out.getvalue().splitlines()[-1] == "echoed ***, *** and ***"


def test_everything_the_console_writes_is_redacted(tmp_path):
    console = actions_console(tmp_path)
    console.mask(["tok-0123456789"])
    console.set_output("echo", 'value "tok-0123456789"')
    console.add_summary("| \\u0074ok-0123456789 |")  # the \\u form a JSON echo leaves in Markdown
    console.annotate([Annotation("error", "bad key tok-0123456789", file="a.j2", line=1)])
    console.err.write("tok-0123456789\n")
    written = (tmp_path / "out").read_text() + (tmp_path / "summary.md").read_text() + console.err.getvalue()
    written += "".join(line for line in console.out.getvalue().splitlines(True) if not line.startswith("::add-mask"))
    assert "tok-0123456789" not in written and "0123456789" not in written and written.count("***") == 4


def test_untrusted_text_cannot_issue_commands(tmp_path):
    console = actions_console(tmp_path)
    console.echo_untrusted("::set-output name=x::pwned")
    lines = console.out.getvalue().splitlines()
    token = lines[0].split("::stop-commands::")[1]
    assert lines[1] == "::set-output name=x::pwned" and lines[2] == f"::{token}::"
    assert len(token) >= 32


def test_outside_actions_degrades_to_terminal(tmp_path):
    console = Console({}, out=io.StringIO(), err=io.StringIO())
    console.mask(["secret-value"])
    console.set_output("x", "1")
    assert console.add_summary("# hi") is False
    console.annotate([Annotation("error", "bad", file="a.j2", line=3)])
    console.echo_untrusted("::warning::x")
    assert "secret-value" not in console.out.getvalue()
    assert console.err.getvalue() == "a.j2:3: error: bad\n"
    assert console.out.getvalue() == "::warning::x\n"



def test_event_payload_of_the_wrong_shape_is_an_input_error_or_read_as_absent(tmp_path):
    import pytest

    from lmgate.errors import InputError

    path = tmp_path / "e.json"
    path.write_text("[1]")
    with pytest.raises(InputError, match="not an object"):
        read_event({"GITHUB_EVENT_PATH": str(path)})
    for payload in ({"pull_request": "x"}, {"pull_request": {"base": {"sha": 5}, "head": "h", "number": "7"}},
                    {"workflow_run": {"pull_requests": ["x"], "head_sha": ["y"]}},
                    {"pull_request": {"base": {"sha": "--upload-pack=touch /tmp/x"}}}):
        path.write_text(json.dumps(payload))
        event = read_event({"GITHUB_EVENT_PATH": str(path), "GITHUB_EVENT_NAME": "pull_request"})
        assert (event.pr_number, event.base_sha, event.head_sha) == (None, None, None)
