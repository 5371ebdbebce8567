"""The report reads results written by a pull request's code (issue 16, item 9, and 16.5 for artifacts).

Each test here failed on the old code: `GH-1` and a bare `www.` link were left for GitHub to turn
into a cross-reference and a link; a finding path climbing out with `..` became a link out of
the repository; an artifact holding NaN ended in a traceback (exit 3); and any garbage in an
artifact or a results folder must end in exit 0, 1 or 2, never 3.
"""

from __future__ import annotations

import contextlib
import copy
import html
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from lmgate.cli import main
from lmgate.errors import ResultsError
from lmgate.report.artifact import load_artifact
from lmgate.report.escape import md_inline, url_path
from lmgate.report.render import ReportContext, load_results, render_report

FIXTURES = Path(__file__).parents[1] / "report" / "fixtures"
# what GitHub links by itself in a comment's text: a GH-123 cross-reference, a bare www. address
AUTOLINKS = re.compile(r"(?i)(?<![\w-])(gh-\d|www\.)")
CTX = ReportContext(repository="acme/app", head_sha="3f2a9c1d4b5e6f708192a3b4c5d6e7f809112233",
                    run_url="https://github.com/acme/app/actions/runs/42", run_id="42")


def visible_text(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(markdown)
    return [html.unescape(c.content) for t in tokens if t.type == "inline" for c in t.children or []
            if c.type == "text"]


@pytest.mark.parametrize("text", ["fixes GH-1 now", "gh-42", "(GH-7)", "see www.evil.example/login",
                                  "WWW.Evil.Example", "x www.a.b GH-3 @octocat #9"])
def test_github_autolinks_are_neutralised_but_the_text_reads_the_same(text):
    out = md_inline(text)
    rendered = html.unescape(MarkdownIt("commonmark", {"html": True}).renderInline(out))
    assert not AUTOLINKS.search(rendered)  # a zero-width space now sits inside each
    assert rendered.replace("\u200b", "") == text


def test_model_output_with_gh_references_and_www_links_stays_inert_in_the_comment():
    results = json.loads((FIXTURES / "eval_regression" / "eval.json").read_text())
    flip = results["suites"][0]["flipped"]["pass_to_fail"][0]
    flip["head_output"] = "Closes GH-1; details at www.evil.example and www.evil.example/phish"
    flip["inputs"] = {"question": "GH-2 www.x.example"}
    markdown = render_report({"eval": results}, CTX).markdown
    texts = visible_text(markdown)
    assert any("evil" in t for t in texts)  # the text is shown...
    assert not [t for t in texts if AUTOLINKS.search(t)]  # ...and links nothing


@pytest.mark.parametrize("path", ["../../evil/repo/blob/main/x", "/etc/passwd", "prompts/../../../x",
                                  "C:/Windows/x", "..\\..\\x"])
def test_artifact_paths_that_leave_the_repository_are_refused(tmp_path, path):
    folder = Path(shutil.copytree(FIXTURES / "lint_errors", tmp_path / "artifact"))
    data = json.loads((folder / "lint.json").read_text())
    data["findings"][0]["path"] = path
    (folder / "lint.json").write_text(json.dumps(data))
    with pytest.raises(ResultsError) as info:
        load_artifact(folder)
    assert "not a path inside the repository" in info.value.message and "findings[0].path" in info.value.message
    with pytest.raises(ResultsError):
        load_results(folder)  # a local results folder is read the same way
    assert url_path(path) == ""  # and the template would not have linked it anyway


def test_paths_inside_the_repository_are_linked():
    assert url_path("prompts/qa v2.j2") == "prompts/qa%20v2.j2" and url_path("a/..b/c") == "a/..b/c"


def run_cli(args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(args, env={"PATH": "/usr/bin:/bin"})
    return code, err.getvalue()


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_an_artifact_holding_nan_or_infinity_is_exit_2_with_a_message(tmp_path, constant):
    folder = Path(shutil.copytree(FIXTURES / "green", tmp_path / "artifact"))
    text = (folder / "eval.json").read_text()
    (folder / "eval.json").write_text(text.replace('"mean": 0.705', f'"mean": {constant}', 1))
    assert constant in (folder / "eval.json").read_text()
    for args in (["comment", "--from-artifact", str(folder), "--mode", "summary"],
                 ["report", "--results", str(folder)]):
        code, err = run_cli(args)
        assert code == 2, err
        assert f"eval.json holds {constant}, which is not a number JSON allows" in err and "Traceback" not in err


# -- property: whatever an artifact holds, lmgate answers 0, 1 or 2 -------------------------------

JSON = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False)
                    | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=25)
STAGES = ("lint", "eval", "hallucination", "canary")
ORIGINALS = {stage: json.loads((FIXTURES / "green" / f"{stage}.json").read_text()) for stage in STAGES}


def places(data, path=()):
    """Every (path) into a JSON document, for mutations."""
    yield path
    if isinstance(data, dict):
        for k, v in data.items():
            yield from places(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from places(v, (*path, i))


@st.composite
def mutated(draw):
    """A genuine stage file with one place replaced, removed, or the whole file replaced by garbage."""
    stage = draw(st.sampled_from(STAGES))
    data = copy.deepcopy(ORIGINALS[stage])
    how = draw(st.sampled_from(["replace", "replace", "remove", "garbage", "bytes"]))
    if how == "garbage":
        return stage, json.dumps(draw(JSON)).encode()
    if how == "bytes":
        return stage, draw(st.binary(max_size=200))
    path = draw(st.sampled_from(list(places(data))[1:]))
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if how == "remove":
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(JSON)
    return stage, json.dumps(data).encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(change=mutated())
def test_any_artifact_or_results_folder_is_exit_0_1_or_2_never_3(change):
    stage, content = change
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(shutil.copytree(FIXTURES / "green", Path(tmp) / "artifact"))
        (folder / f"{stage}.json").write_bytes(content)
        for args in (["comment", "--from-artifact", str(folder), "--mode", "summary"],
                     ["report", "--results", str(folder)]):
            code, err = run_cli(args)
            assert code in (0, 1, 2), f"{args[0]} exited {code} on {content[:300]!r}:\n{err[-2000:]}"
            assert "Traceback" not in err
