"""`lmgate lint` end to end: exit codes, every output format, outputs in Actions, config errors."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema

from .helpers import lint, validate_lint_json, write

SARIF_SCHEMA = Path(__file__).with_name("sarif-schema-2.1.0.json")
FILES = {
    "prompts/qa.j2": "# system:\nAnswer briefly.\n# user:\nQuestion: {{ question }} \n",
    "prompts/broken.j2": "Hello {{ name \n",
    "prompts/notes.md": "Summarise {text}.\n",
}


def test_text_output_without_config(tmp_path):
    write(tmp_path, FILES)
    run = lint(tmp_path, "prompts")
    assert run.code == 1, run.err
    assert re.search(r"^prompts/broken\.j2:1:\d+: SYN001 template-parse-error ", run.out, re.MULTILINE)
    # every finding is followed by its fix hint (issue 15.7)
    assert re.search(r"SYN001 template-parse-error .*\n    fix: fix the Jinja syntax", run.out)
    findings = [line for line in run.out.splitlines() if re.match(r"prompts/\S+:\d+:\d+: ", line)]
    assert findings and run.out.count("\n    fix: ") == len(findings)
    assert "prompts/qa.j2\n" in run.out and "\x1b[" not in run.out  # grouped; no colour when piped
    assert run.out.rstrip().splitlines()[-1].startswith("3 files, 3 prompts: ")
    data = run.result()
    validate_lint_json(data)
    assert data["schema"] == "lmgate/lint/v1" and data["verdict"] == "fail" and data["summary"]["files"] == 3
    never = lint(tmp_path, "prompts", "--fail-on", "never")
    assert never.code == 0 and never.result()["verdict"] == "warn"


def test_json_output_file_and_sarif_valid_against_the_official_schema(tmp_path):
    write(tmp_path, FILES)
    run = lint(tmp_path, "prompts/qa.j2", "prompts/broken.j2", "--format", "json", "--output", "out.json",
               "--sarif-file", "lint.sarif")
    assert run.code == 1 and run.out == ""
    body = json.loads((tmp_path / "out.json").read_text())
    assert body["findings"][0]["code"] == "SYN001" and body["findings"][0]["severity"] == "error"
    sarif = json.loads((tmp_path / "lint.sarif").read_text())
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    driver = sarif["runs"][0]["tool"]["driver"]
    results = sarif["runs"][0]["results"]
    assert {r["id"] for r in driver["rules"]} >= {r["ruleId"] for r in results}
    syn = next(r for r in results if r["ruleId"] == "SYN001")
    assert driver["rules"][syn["ruleIndex"]]["id"] == "SYN001" and syn["level"] == "error"
    assert syn["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "prompts/broken.j2"
    assert syn["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert len(syn["partialFingerprints"]["lmgateFinding/v1"]) == 32
    again = lint(tmp_path, "prompts/qa.j2", "prompts/broken.j2", "--format", "sarif")
    assert json.loads(again.out)["runs"][0]["results"][0]["partialFingerprints"] == results[0]["partialFingerprints"]


def test_github_format_annotates_and_sets_outputs(tmp_path):
    write(tmp_path, FILES)
    out, summary = tmp_path / "gh_output", tmp_path / "gh_summary"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(out), "GITHUB_STEP_SUMMARY": str(summary)}
    run = lint(tmp_path, "prompts", env=env)
    assert run.code == 1
    assert re.search(r"^::error file=prompts/broken\.j2,line=1,col=\d+,title=lmgate SYN001::SYN001 ", run.out, re.M)
    outputs = {m[0]: m[2] for m in re.findall(r"^([\w-]+)<<(\S+)\n(.*?)\n\2$", out.read_text(), re.M | re.S)}
    assert outputs["verdict"] == "fail" and int(outputs["errors"]) >= 1 and "warnings" in outputs
    assert "### prompt-lint: fail" in summary.read_text()


def test_config_is_used_and_bad_config_is_exit_2_with_line(tmp_path):
    write(tmp_path, {**FILES, "lmgate.yaml": "version: 1\nlint:\n  paths: ['prompts/qa.j2']\n  ignore: [SYN999]\n"})
    run = lint(tmp_path)
    assert run.code == 2 and "lmgate.yaml:4" in run.err and "SYN999" in run.err and "Traceback" not in run.err
    write(tmp_path, {"lmgate.yaml": "version: 1\nlint:\n  paths: ['prompts/qa.j2']\n  fail_on: warning\n"})
    run = lint(tmp_path)
    data = run.result()
    assert data["summary"]["files"] == 1 and data["fail_on"] == "warning" and data["config_hash"]


def test_list_rules_and_explain(tmp_path):
    listed = lint(tmp_path, "--list-rules")
    assert listed.code == 0 and re.search(r"^SYN002\s+undefined-variable\s+error", listed.out, re.M)
    explained = lint(tmp_path, "--explain", "undefined-variable")
    assert explained.code == 0 and explained.out.startswith("SYN002 undefined-variable (error)")
    assert "PASS" in explained.out or "FAIL" in explained.out
    missing = lint(tmp_path, "--explain", "NOPE123")
    assert missing.code == 2 and "--list-rules" in missing.err


def test_missing_path_is_a_clear_error(tmp_path):
    run = lint(tmp_path, "nope/")
    assert run.code == 2 and "no such file or folder" in run.err


def test_symlinks_out_of_the_folder_are_not_read(tmp_path):
    outside = write(tmp_path / "outside", {"secret.txt": "AKIA" + "Z" * 16 + " trailing \n"})
    repo = write(tmp_path / "repo", {"prompts/ok.txt": "fine\n"})
    (repo / "prompts" / "leak.txt").symlink_to(outside / "secret.txt")
    run = lint(repo, "prompts", "--format", "json")
    assert run.result()["summary"]["files"] == 1 and "leak.txt" not in run.out


def test_a_folder_walk_skips_fifos_and_symlinked_folders(tmp_path):
    """A FIFO in a checkout would block the read forever; a symlinked folder is not walked (like os.walk)."""
    outside = write(tmp_path / "outside", {"more/a.txt": "AKIA" + "Z" * 16 + "\n"})
    repo = write(tmp_path / "repo", {"prompts/ok.txt": "fine\n", "prompts/sub/b.txt": "also fine\n"})
    os.mkfifo(repo / "prompts" / "pipe.txt")
    (repo / "prompts" / "linked").symlink_to(outside / "more", target_is_directory=True)
    run = lint(repo, "prompts", "--format", "json")
    assert run.code == 0 and run.result()["summary"]["files"] == 2, run.err
    assert "linked" not in run.out and "pipe" not in run.out


def test_select_on_the_command_line_replaces_the_config(tmp_path):
    write(tmp_path, FILES)
    run = lint(tmp_path, "prompts", "--select", "STY001", "--format", "json")
    assert {f["code"] for f in json.loads(run.out)["findings"]} == {"STY001"}
    run = lint(tmp_path, "prompts", "--select", "STY001,SYN001", "--extend-select", "STY003", "--format", "json")
    assert {f["code"] for f in json.loads(run.out)["findings"]} == {"STY001", "SYN001"}


def test_globs_have_gitignore_meaning_and_a_leading_dot_slash_means_the_root(tmp_path):
    """`./.github/prompts/**` used to lose its dot (lstrip("./") ate `.github`'s too) and hidden folders
    were never walked, so VS Code prompt files in .github/prompts were silently not linted."""
    write(tmp_path, {
        "lmgate.yaml": "version: 1\nlint:\n  paths: ['./.github/prompts/**', 'prompts/**']\n"
                       "  exclude: ['./prompts/old/**', '!prompts/old/keep.txt']\n"
                       "  per_file_ignores: {'./.github/prompts/*.prompt.md': [STY001]}\n",
        ".github/prompts/ask.prompt.md": "---\nagent: agent\n---\nAsk ${input:topic}  \n",
        ".github/workflows/notes.md": "not a lint path \n",
        "prompts/a.txt": "trailing \n",
        "prompts/old/b.txt": "excluded \n",
        "prompts/old/keep.txt": "re-included \n",
        "other/prompts/c.txt": "not under the root's prompts/ \n",
    })
    run = lint(tmp_path, "--format", "json", "--output", "out.json")
    data = run.result()
    assert data["summary"]["files"] == 3, run.err
    sty = sorted(f["path"] for f in data["findings"] if f["code"] == "STY001")
    assert sty == ["prompts/a.txt", "prompts/old/keep.txt"]  # the .github file is linted, its STY001 ignored
