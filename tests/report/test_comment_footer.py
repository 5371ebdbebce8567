"""`lmgate comment --results DIR` outside a run names DIR as where the full results are, like `report`.

It said "full results: `.lmgate/results/`" whatever --results named, pointing the reader at a
folder that may hold another run's files (or none).
"""

from __future__ import annotations

import shutil

from report_cases import FIXTURES

from lmgate.cli import main


def test_comment_without_a_token_names_the_folder_it_read(tmp_path, capsys, monkeypatch):
    shutil.copytree(FIXTURES / "green", tmp_path / "results-smollm2")
    monkeypatch.chdir(tmp_path)
    assert main(["comment", "--results", "results-smollm2"], env={}) == 0
    out = capsys.readouterr()
    assert "posted no PR comment: no GitHub token" in out.err
    assert "full results: results-smollm2/</sub>" in out.out and ".lmgate/results" not in out.out


def test_the_step_summary_names_it_too(tmp_path, capsys, monkeypatch):
    shutil.copytree(FIXTURES / "green", tmp_path / "results-smollm2")
    summary = tmp_path / "summary.md"
    monkeypatch.chdir(tmp_path)
    assert main(["comment", "--results", "results-smollm2"], env={"GITHUB_STEP_SUMMARY": str(summary)}) == 0
    capsys.readouterr()
    text = summary.read_text()
    assert "full results: results-smollm2/</sub>" in text and ".lmgate/results" not in text
