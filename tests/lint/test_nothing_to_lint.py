"""A lint run that found no prompt file is bad input (exit 2), never "0 files: pass".

A glob typo in lint.paths, prompts kept somewhere the default does not look, a folder of files no
format reads, or an exclude that removes everything: each used to write a green lint.json and exit
0, a check that looked at nothing.
"""

from __future__ import annotations

from .helpers import lint, write


def _refused(run, *words: str) -> None:
    assert run.code == 2, (run.code, run.out, run.err)
    assert "Traceback" not in run.err and "fix:" in run.err
    for word in words:
        assert word in run.err, run.err
    assert not (run.cwd / ".lmgate" / "results" / "lint.json").exists()  # nothing half-written


def test_a_lint_paths_glob_that_matches_nothing_names_its_line(tmp_path):
    write(tmp_path, {"prompts/qa.j2": "Answer {{ question }}\n",
                     "lmgate.yaml": "version: 1\nlint:\n  paths: ['prompt/**']\n"})
    _refused(lint(tmp_path), "lmgate.yaml:3", "['prompt/**'] matches no prompt file")


def test_an_exclude_that_removes_every_file_is_named(tmp_path):
    write(tmp_path, {"prompts/qa.j2": "Answer {{ question }}\n",
                     "lmgate.yaml": "version: 1\nlint:\n  exclude: ['*.j2']\n"})
    _refused(lint(tmp_path), "lmgate.yaml:", "lint.exclude ['*.j2']")


def test_no_config_and_no_prompts_folder(tmp_path):
    write(tmp_path, {"src/prompts/qa.j2": "Answer {{ question }}\n"})
    _refused(lint(tmp_path), "no lmgate.yaml", "['prompts/**']", "lmgate init")


def test_a_named_folder_without_prompt_files(tmp_path):
    write(tmp_path, {"empty/.keep": "", "data/blob.bin": b"\x00\x01\x02" * 50})
    _refused(lint(tmp_path, "empty"), "empty: no prompt file in 'empty'")
    _refused(lint(tmp_path, "data"), "data: no prompt file in 'data'", "lint.formats")


def test_one_prompt_file_still_lints(tmp_path):
    write(tmp_path, {"prompts/qa.j2": "Answer {{ question }}\n"})
    run = lint(tmp_path)
    assert run.code == 0 and run.result()["summary"]["files"] == 1


BROKEN = {"prompts/a.j2": "Hello {{ name \n"}  # SYN001 under any run that checks something


def test_a_selection_that_leaves_no_rule_is_refused(tmp_path):
    for lint_section, line in (("  select: []\n", "lmgate.yaml:3"),
                               ("  ignore: [BUD, LNT, SEC, STR, STY, SYN, VER]\n", "lmgate.yaml:3"),
                               ("  select: [SYN001]\n  rules: {SYN001: {severity: 'off'}}\n", "lmgate.yaml:3")):
        write(tmp_path, {**BROKEN, "lmgate.yaml": "version: 1\nlint:\n" + lint_section})
        _refused(lint(tmp_path), line, "no lint rule is selected", "fail_on: never")


def test_only_base_aware_rules_without_a_base_is_refused(tmp_path):
    write(tmp_path, BROKEN)
    _refused(lint(tmp_path, "--select", "VER001"), "(VER001) compares with the base", "--diff-base")
    mixed = lint(tmp_path, "--select", "VER001", "--select", "SYN")  # the base-aware one is left out, as before
    assert mixed.code == 1 and "SYN001" in mixed.out


def test_files_none_of_which_parse_with_syn001_ignored_are_refused(tmp_path):
    write(tmp_path, {"prompts/a.j2": b"caf\xe9 {{ x }}\n", "lmgate.yaml": "version: 1\nlint:\n  ignore: [SYN001]\n"})
    _refused(lint(tmp_path), "prompts/a.j2: none of the 1 files found holds a prompt", "select SYN001")
    (tmp_path / "lmgate.yaml").unlink()  # with SYN001 on, the same file is a finding, as before
    shown = lint(tmp_path)
    assert shown.code == 1 and "SYN001" in shown.out
    assert shown.out.rstrip().splitlines()[-1].startswith("1 files (1 could not be parsed), 0 prompts: 1 errors")


def test_a_command_line_selection_that_leaves_nothing_is_blamed_on_the_flag(tmp_path):
    # with an lmgate.yaml present, `--select VER001` was reported at the file's `lint:` section, a line the
    # user never wrote the selection on
    write(tmp_path, {**BROKEN, "lmgate.yaml": "version: 1\nlint:\n  fail_on: error\n"})
    run = lint(tmp_path, "--select", "VER001")
    _refused(run, "--select", "(VER001) compares with the base")
    assert "lmgate.yaml" not in run.err, run.err
    write(tmp_path, {"lmgate.yaml": "version: 1\nlint:\n  rules: {SYN001: {severity: 'off'}}\n"})
    run = lint(tmp_path, "--select", "SYN001")
    _refused(run, "no lint rule is selected: --select (with lint.ignore and `severity: off`) leave none")
    assert "lmgate.yaml" not in run.err, run.err
