"""The runner: concurrency, streaming, repeats, per-item errors, progress; and --baseline-ref."""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import textwrap
import threading

from fakes.openai_server import serve_openai
from lmgate.cli import main
from lmgate.eval.datasets import Item
from lmgate.eval.metrics import build_metrics
from lmgate.eval.prompts import ChatTemplate
from lmgate.eval.providers import build_provider
from lmgate.eval.runner import ItemSink, Job, Progress, plan_units, run_job

TEMPLATE = ChatTemplate("t", "t.j2", (("system", "Answer briefly.", "jinja2"), ("user", "What is {{ a }} plus {{ b }}?",
                                                                                   "jinja2")))


def job_for(provider, items, tmp_path, *, repeats=1, metrics=("contains",)):
    identity = dict(provider.identity()) if provider.cacheable else None
    units = plan_units(items, TEMPLATE.render, repeats=repeats, suite_vars={}, identity=identity)
    specs = [{m: {"value": "{{ expected }}"}} for m in metrics]
    return Job("s", "head", provider, build_metrics(specs), units, tmp_path)


def arithmetic(n: int) -> list[Item]:
    return [Item(f"i{k}", {"a": k, "b": 1, "expected": str(k + 1)}) for k in range(n)]


def test_runs_every_item_within_the_ceiling_and_streams_each_item(tmp_path):
    # how close to the ceiling a run gets, and how fast, is benchmarks/eval_throughput.py's business
    stream = io.StringIO()
    with serve_openai(latency=0.02) as srv:
        provider = build_provider("m", {"type": "openai", "base_url": srv.base_url, "model": "x"}, root=tmp_path,
                                  concurrency=8)
        job = job_for(provider, arithmetic(40), tmp_path)
        records = run_job(job, cache=None, sink=ItemSink(stream), workers=12)
    assert srv.stats.requests == 40 and srv.stats.peak_in_flight <= 8  # more workers than the ceiling allows
    assert len(records) == 40 and all(r["passed"] == {"contains": True} for r in records)
    lines = [json.loads(x) for x in stream.getvalue().splitlines()]
    assert sorted(r["id"] for r in lines) == sorted(f"i{k}" for k in range(40))
    assert job.counts == {"made": 40, "cached": 0, "errors": 0}
    assert srv.stats.bodies[0]["messages"][0] == {"role": "system", "content": "Answer briefly."}


def test_repeats_are_separate_samples_with_their_own_index(tmp_path):
    (tmp_path / "app.py").write_text("def answer(prompt, *, sample):\n    return f'{sample}:{prompt[-3:]}'\n")
    provider = build_provider("app", {"type": "python", "target": "app:answer"}, root=tmp_path)
    records = run_job(job_for(provider, arithmetic(3), tmp_path, repeats=3), cache=None,
                      sink=ItemSink(io.StringIO()), workers=2)
    got = sorted((r["id"], r["sample"], r["output"]) for r in records)
    assert got[:3] == [("i0", 0, "0: 1?"), ("i0", 1, "1: 1?"), ("i0", 2, "2: 1?")]


def test_an_item_that_cannot_render_or_answer_keeps_its_error_and_the_rest_run(tmp_path):
    (tmp_path / "app.py").write_text("def answer(prompt, *, item):\n    if item['a'] == 2:\n"
                                     "        raise ValueError('no twos')\n    return str(item['a'] + 1)\n")
    provider = build_provider("app", {"type": "python", "target": "app:answer"}, root=tmp_path)
    items = [*arithmetic(4), Item("bad", {"a": 1})]  # no `b`: the template cannot render
    records = {r["id"]: r for r in run_job(job_for(provider, items, tmp_path), cache=None,
                                           sink=ItemSink(io.StringIO()), workers=2)}
    assert records["i2"]["error"] == "app:answer raised ValueError: no twos" and records["i2"]["scores"] == {}
    assert records["bad"]["error"].startswith("template error: template uses an undefined variable")
    assert records["i3"]["output"] == "4" and records["i3"]["passed"] == {"contains": True}


def test_progress_prints_a_line_every_tenth_in_ci_and_a_bar_on_a_tty():
    out = io.StringIO()
    progress = Progress(200, "qa", out, tty=False)
    threads = [threading.Thread(target=lambda: [progress.tick() for _ in range(50)]) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = out.getvalue().splitlines()
    assert len(lines) == 10 and lines[-1].startswith("qa: 200/200 (100%)")
    tty = io.StringIO()
    bar = Progress(3, "qa", tty, tty=True, clock=iter(range(0, 100)).__next__)
    for error in (False, True, False):
        bar.tick(error)
    assert tty.getvalue().count("\r") == 3 and tty.getvalue().endswith("3/3 6.0s\n") and bar.errors == 1


def test_progress_of_a_long_suite_name_fits_100_columns():
    for tty in (False, True):
        out = io.StringIO()
        progress = Progress(100_000, "a_long_suite_name_for_the_support_summaries_benchmark_v2_extras (head)", out,
                            tty=tty, clock=itertools.count(0, 0.01).__next__)
        for _ in range(100_000):
            progress.tick(error=True)
        lines = out.getvalue().replace("\r", "\n").splitlines()
        assert lines and all(len(line) <= 100 for line in lines), max(lines, key=len)
        assert lines[-1].startswith("a_long_suite_name_for_the_s…xtras (head)")


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@e", "PATH": "/usr/bin:/bin"})


def test_baseline_ref_evaluates_the_committed_tree_with_its_own_app(quickstart):
    git(quickstart, "init", "-q", "-b", "main")
    git(quickstart, "add", "-A")
    git(quickstart, "commit", "-q", "-m", "base")
    app = quickstart / "app.py"
    app.write_text(app.read_text() + textwrap.dedent("""
        _original = answer

        def answer(prompt):
            return _original(prompt).upper()
    """))
    code = main(["eval", "--config", str(quickstart / "lmgate.yaml"), "--baseline-ref", "HEAD"], env={})
    data = json.loads((quickstart / ".lmgate/results/eval.json").read_text())
    assert code == 0 and data["baseline"]["ref"] == "HEAD" and len(data["baseline"]["sha"]) == 40
    by_side = {}
    for line in (quickstart / ".lmgate/results/eval-items.jsonl").read_text().splitlines():
        r = json.loads(line)
        by_side.setdefault(r["side"], {})[r["id"]] = r["output"]
    assert by_side["base"]["q07"] == "Titan" and by_side["head"]["q07"] == "TITAN"
    f1 = next(m for m in data["suites"][0]["metrics"] if m["name"] == "f1")
    assert f1["diff"] is not None and f1["head"]["mean"] == f1["base"]["mean"]  # SQuAD F1 ignores case
