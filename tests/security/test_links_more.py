"""Links a pull request may commit in places `test_writes.py` does not reach: a lint path the
workflow names, the `.gitignore` that `init` appends to, the folder `import promptfoo` writes into,
and a folder or FIFO where lmgate reads a file. Each is exit 2 naming the link (or the folder),
nothing outside the repository is read, written or created, and nothing hangs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PRECIOUS = "precious content that must survive\napi_key: sk-outside-0123456789abcdef {{ question }}\n"


def lmgate(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    return subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**base, "XDG_CACHE_HOME": str(cwd.parent / "xdg")})


def elsewhere(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir(exist_ok=True)
    (folder / "outside.j2").write_text(PRECIOUS)
    return folder


def refused(done: subprocess.CompletedProcess, shown: str, why: str = "symbolic link") -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert shown in done.stderr and why in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert "sk-outside" not in done.stdout + done.stderr and "precious" not in done.stdout + done.stderr


@pytest.mark.parametrize(("named", "made"), [("prompts/leak.j2", "file"), ("prompts/sub", "folder"),
                                              ("prompts/sub/outside.j2", "folder")])
def test_a_lint_path_named_by_the_workflow_that_links_out_is_refused(quickstart, tmp_path, named, made):
    outside = elsewhere(tmp_path)
    if made == "file":
        (quickstart / named).symlink_to(outside / "outside.j2")
    else:
        (quickstart / "prompts/sub").symlink_to(outside)
    refused(lmgate(quickstart, "lint", "--format", "json", named), "symbolic link 'prompts/")


def test_a_lint_path_outside_the_repository_is_still_read_as_given(quickstart, tmp_path):
    outside = elsewhere(tmp_path)
    done = lmgate(quickstart, "lint", "--format", "json", str(outside / "outside.j2"))
    assert done.returncode in (0, 1) and '"files": 1' in done.stdout, done.stderr


@pytest.mark.parametrize("dangling", [False, True])
def test_init_never_appends_to_a_gitignore_link(tmp_path, dangling):
    outside = elsewhere(tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()
    target = outside / ("missing" if dangling else "outside.j2")
    (repo / ".gitignore").symlink_to(target)
    refused(lmgate(repo, "init"), "'.gitignore'")
    assert not (outside / "missing").exists()
    assert (outside / "outside.j2").read_text() == PRECIOUS
    assert not (repo / "lmgate.yaml").exists()  # refused before anything was written


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_fifo_where_a_file_is_read_is_bad_input(tmp_path, kind):
    repo = tmp_path / "repo"
    repo.mkdir()
    if kind == "folder":
        (repo / ".gitignore").mkdir()
    else:
        os.mkfifo(repo / ".gitignore")
    refused(lmgate(repo, "init"), "'.gitignore'", "a folder" if kind == "folder" else "not a regular file")


def test_import_never_writes_through_a_linked_support_folder(tmp_path):
    outside = elsewhere(tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "p.txt").write_text("Hello {{q}}\n")
    (repo / "promptfooconfig.yaml").write_text(
        "prompts: [file://p.txt]\nproviders: [openai:gpt-4o-mini]\ntests:\n  - vars: {q: hi}\n")
    (repo / "promptfoo_import").symlink_to(outside)
    refused(lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml"), "'promptfoo_import'")
    assert sorted(p.name for p in outside.iterdir()) == ["outside.j2"]
    (repo / "promptfoo_import").unlink()
    done = lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml")
    assert done.returncode == 0, done.stderr
    assert (repo / "lmgate.yaml").stat().st_mode & 0o044  # readable by the group like any file it writes


@pytest.mark.parametrize("name", ["responses.sqlite3", "responses.sqlite3-wal"])
def test_a_folder_where_the_cache_file_goes_is_bad_input(quickstart, name):
    (quickstart / ".lmgate/cache" / name).mkdir(parents=True)
    refused(lmgate(quickstart, "eval"), f"'.lmgate/cache/{name}'", "a folder")


@pytest.mark.parametrize(("link", "args"), [(".lmgate/results/eval.json", ()), ("junit.xml", ("--junit", "junit.xml"))])
def test_a_result_file_that_links_out_is_refused_before_any_model_call(tmp_path, link, args):
    # found only when the result was written, the link was refused after every call had been paid for
    from fakes.openai_server import serve_openai

    repo = tmp_path / "repo"
    repo.mkdir()
    outside = elsewhere(tmp_path) / "outside.j2"
    with serve_openai() as srv:
        (repo / "p.j2").write_text("Say {{ q }}")
        (repo / "cases.jsonl").write_text('{"id": "1", "q": "hi"}\n')
        (repo / "lmgate.yaml").write_text(
            f'version: 1\nproviders: {{m: {{type: openai, base_url: "{srv.base_url}", model: m}}}}\n'
            "prompts: {p: p.j2}\ndatasets: {d: cases.jsonl}\n"
            "suites: [{name: s, prompt: p, dataset: d, provider: m, metrics: [exact_match]}]\n")
        (repo / link).parent.mkdir(parents=True, exist_ok=True)
        (repo / link).symlink_to(outside)
        done = lmgate(repo, "eval", "--no-cache", *args)
        calls = srv.stats.requests
    refused(done, Path(link).name)
    assert calls == 0 and outside.read_text() == PRECIOUS
