"""A stage without a result is named in the report, so a headline over the others is not read as all green.

The hallucination step that stopped with exit 2 (or a lint step never run) wrote no file; the
comment used to say "✅ passed — ✅ prompt lint · ✅ evaluation" and nothing else.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from report_cases import FIXTURES, fixture

from lmgate.report.render import render_report

NOTE = "> ❔ No result from"


def test_a_missing_pull_request_stage_is_named_under_the_headline(ctx):
    green = fixture("green")
    del green["hallucination"]
    lines = render_report(green, ctx).markdown.splitlines()
    assert lines[1] == "**lmgate ✅ passed** — ✅ prompt lint · ✅ evaluation · ✅ canary"
    assert lines[3] == (f"{NOTE} hallucination in this run: it did not run, or stopped before writing one "
                        "(see its step's log).")
    only_eval = {"eval": green["eval"]}
    for kind in ("comment", "summary"):
        text = render_report(only_eval, ctx, kind=kind).markdown
        assert f"{NOTE} prompt lint and hallucination in this run: they did not run" in text


def test_a_stage_file_of_another_run_is_named_twice_left_out_and_missing(tmp_path, lmgate_exe):
    results = Path(shutil.copytree(FIXTURES / "green", tmp_path / "results"))
    (results / "canary.json").unlink()
    lint = json.loads((results / "lint.json").read_text())
    lint["run_id"] = "41"  # left over from an earlier run; this run's lint stopped before writing
    (results / "lint.json").write_text(json.dumps(lint))
    proc = subprocess.run([*lmgate_exe, "report", "--results", str(results)], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "GITHUB_RUN_ID": "42",
                               **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"}})
    assert proc.returncode == 0, proc.stderr
    assert f"{NOTE} prompt lint in this run: it did not run" in proc.stdout
    assert "Left out lint.json: it was computed on commit `3f2a9c1d4b5e` in run 41" in proc.stdout


def test_no_note_when_every_stage_wrote_a_result_or_only_the_canary_ran(ctx):
    green = fixture("green")
    assert NOTE not in render_report(green, ctx).markdown
    assert NOTE not in render_report({"canary": green["canary"]}, ctx).markdown


def test_a_skipped_hallucination_stage_says_nothing_was_gated(ctx):
    green = fixture("green")
    skipped = {**green["hallucination"], "verdict": "skipped", "detector": None, "threshold": None, "suites": []}
    text = render_report({"eval": green["eval"], "hallucination": skipped}, ctx).markdown
    section = text[text.index("### ⏭️ Hallucination"):]
    assert "Nothing was gated: the config has no `hallucination:` section" in section
    assert "Detector ;" not in section and "| suite |" not in section
