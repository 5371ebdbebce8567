from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from lmgate.cli import main
from lmgate.errors import ConfigError
from lmgate.eval.compare import MetricMeta, overall_verdict, summarize_metric, summarize_suite
from lmgate.eval.pairing import group
from lmgate.eval.shard import belongs, dataset_fingerprint, parse_shard
from lmgate.results import write_result, write_text_atomic

from .recordgen import make_records

# the interpreter runs the code under test: a source tree on PYTHONPATH (a worktree) stays first
SOURCE = {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}

METRICS = [MetricMeta("exact_match", "pass_fail"), MetricMeta("f1", "score")]
GATES = {"exact_match": {"min": 0.5, "max_drop": 0.05}, "f1": {"max_drop": 0.1, "max_error_rate": 0.1}}
HEAD_SHA, BASE_SHA = "a" * 40, "b" * 40
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "src/lmgate/schemas/eval.schema.json").read_text())


def write_run(folder: Path, records: list[dict], all_ids: list[str], *, shard: tuple[int, int] | None = None,
              config_hash: str = "cfg-1", head_sha: str = HEAD_SHA) -> Path:
    """What `lmgate eval [--shard I/N]` writes, built from the same public functions the engine uses."""
    suite = summarize_suite("qa", records, METRICS, GATES, repeats=2, info={
        "provider": "app", "prompt": "qa", "dataset": "qa", "dataset_revision": None,
        "dataset_fingerprint": dataset_fingerprint(all_ids)})
    body = {"suites": [suite], "calls": {"made": len(records), "cached": 0, "errors": 0},
            "baseline": {"ref": "main", "sha": BASE_SHA},
            "shard": {"index": shard[0], "count": shard[1]} if shard else None, "timing": {"wall_s": 1.5}}
    write_result(folder, "eval", body, verdict=overall_verdict([suite]), config_hash=config_hash,
                 base_sha=BASE_SHA, head_sha=head_sha)
    write_text_atomic(folder / "eval-items.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    return folder


@pytest.fixture
def run(tmp_path):
    records = make_records(240, seed=9, repeats=2, p_base=0.75, p_head=0.7)
    ids = sorted({r["id"] for r in records})
    whole = write_run(tmp_path / "whole", records, ids)
    shards = [write_run(tmp_path / f"shard{i}", [r for r in records if belongs(r["id"], i, 4)], ids, shard=(i, 4))
              for i in range(1, 5)]
    return whole, shards, records, ids


def comparable(folder: Path) -> dict:
    data = json.loads((folder / "eval.json").read_text())
    for key in ("created_at", "timing", "calls"):
        data.pop(key)
    return data


def test_parse_shard_and_belongs():
    assert parse_shard("2/4") == (2, 4) and parse_shard(" 1 / 1 ") == (1, 1) and parse_shard(None) is None
    for bad in ("0/4", "5/4", "2", "a/b", "1/0", "-1/4"):
        with pytest.raises(ConfigError) as err:
            parse_shard(bad)
        assert err.value.fix and err.value.exit_code == 2
    ids = [f"id-{i}" for i in range(1000)] + list(range(50))
    owners = [[i for i in range(1, 5) if belongs(x, i, 4)] for x in ids]
    assert all(len(o) == 1 for o in owners)  # every item in exactly one shard
    sizes = [sum(o == [i] for o in owners) for i in range(1, 5)]
    assert min(sizes) > 200  # and the split is roughly even
    assert [belongs(x, 1, 1) for x in ids[:5]] == [True] * 5


def test_sharded_n4_merges_into_the_unsharded_result(run, tmp_path, capsys):
    whole, shards, records, _ = run
    assert all(json.loads((s / "eval.json").read_text())["suites"][0]["n_items"] < 240 for s in shards)
    out = tmp_path / "merged"
    code = main(["merge", *map(str, reversed(shards)), "--out", str(out), "--junit", str(tmp_path / "j.xml")], env={})
    expected = comparable(whole)
    assert code == (1 if expected["verdict"] == "fail" else 0)
    assert comparable(out) == expected
    merged = json.loads((out / "eval.json").read_text())
    assert merged["calls"]["made"] == len(records) and merged["shard"] is None
    for data in (merged, json.loads((shards[0] / "eval.json").read_text())):
        jsonschema.validate(data, SCHEMA)
    lines = (out / "eval-items.jsonl").read_text().splitlines()
    assert sorted(lines) == sorted(json.dumps(r) for r in records)
    assert (tmp_path / "j.xml").read_text().count("<testcase ") == len(GATES) + 1  # one per gate, and the suite's own
    assert "qa: WARN · 240 items × 2 samples" in capsys.readouterr().out


def test_merge_through_the_real_executable(run, tmp_path):
    whole, shards, _, _ = run
    out = tmp_path / "merged"
    done = subprocess.run([sys.executable, "-m", "lmgate", "merge", *map(str, shards), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    assert comparable(out) == comparable(whole)


def expect_refusal(args: list[str], capsys, *needles: str) -> None:
    out = Path(args[args.index("--out") + 1])
    assert main(["merge", *args], env={}) == 2
    err = capsys.readouterr().err
    for needle in needles:
        assert needle in err
    assert "fix:" in err and not (out / "eval.json").exists()  # nothing half-merged


def test_overlapping_and_missing_shards_are_refused(run, tmp_path, capsys):
    _, shards, records, ids = run
    out = str(tmp_path / "out")
    expect_refusal([*map(str, shards[:3]), "--out", out], capsys, "missing shard(s) 4/4")
    before = (shards[0] / "eval.json").read_text()
    assert main(["merge", *map(str, shards), "--out", str(shards[0])], env={}) == 2
    assert "is one of the shard folders" in capsys.readouterr().err
    assert (shards[0] / "eval.json").read_text() == before
    expect_refusal([*map(str, shards), str(shards[1]), "--out", out], capsys, "overlapping shards", "shard 2/4")
    # a shard whose job also evaluated another shard's items
    foreign = next(i for i in ids if not belongs(i, 2, 4))
    greedy = [r for r in records if belongs(r["id"], 2, 4) or r["id"] == foreign]
    bad = write_run(tmp_path / "greedy", greedy, ids, shard=(2, 4))
    expect_refusal([str(shards[0]), str(bad), *map(str, shards[2:]), "--out", out], capsys, "overlapping shards",
                   repr(foreign))
    # a shard that lost items (e.g. a job killed before writing them all)
    short = write_run(tmp_path / "short", [r for r in records if belongs(r["id"], 3, 4)][4:], ids, shard=(3, 4))
    expect_refusal([*map(str, shards[:2]), str(short), str(shards[3]), "--out", out], capsys, "items are missing")


def test_shards_from_another_run_are_refused(run, tmp_path, capsys):
    _, shards, records, ids = run
    out = str(tmp_path / "out")
    mine = [r for r in records if belongs(r["id"], 4, 4)]
    other_config = write_run(tmp_path / "cfg", mine, ids, shard=(4, 4), config_hash="cfg-2")
    expect_refusal([*map(str, shards[:3]), str(other_config), "--out", out], capsys, "another run", "config_hash")
    other_sha = write_run(tmp_path / "sha", mine, ids, shard=(4, 4), head_sha="c" * 40)
    expect_refusal([*map(str, shards[:3]), str(other_sha), "--out", out], capsys, "another run", "head_sha")
    other_run = write_run(tmp_path / "run", mine, ids, shard=(4, 4))
    data = json.loads((other_run / "eval.json").read_text())
    (other_run / "eval.json").write_text(json.dumps({**data, "run_id": "99"}))  # the same commit, run again
    expect_refusal([*map(str, shards[:3]), str(other_run), "--out", out], capsys, "another run", "run_id")
    other_data = write_run(tmp_path / "data", mine, [*ids, "extra"], shard=(4, 4))
    expect_refusal([*map(str, shards[:3]), str(other_data), "--out", out], capsys, "disagree on the dataset")
    unsharded = tmp_path / "unsharded"
    write_run(unsharded, records, ids)
    expect_refusal([str(unsharded), "--out", out], capsys, "not a shard result")
    (shards[0] / "eval-items.jsonl").write_text('{"suite": "qa", "id": \n')
    expect_refusal([*map(str, shards), "--out", out], capsys, "eval-items.jsonl:1")
    (shards[0] / "eval-items.jsonl").write_text('{"suite": "qa", "id": "x"}\n["not", "a", "record"]\n')
    expect_refusal([*map(str, shards), "--out", out], capsys, "eval-items.jsonl:2", "not an item record")
    broken = json.loads((shards[0] / "eval.json").read_text())
    del broken["suites"][0]["metrics"][0]["kind"]
    (shards[0] / "eval.json").write_text(json.dumps(broken))
    expect_refusal([*map(str, shards), "--out", out], capsys, "does not match the eval result schema")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={
        "GIT_AUTHOR_NAME": "dev", "GIT_AUTHOR_EMAIL": "d@example.com", "GIT_COMMITTER_NAME": "dev",
        "GIT_COMMITTER_EMAIL": "d@example.com", "HOME": str(repo), "PATH": "/usr/bin:/bin:/usr/local/bin"})


def lmgate(repo: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lmgate", *args], cwd=repo, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**SOURCE, "PATH": "/usr/bin:/bin:/usr/local/bin",
                                                                     "HOME": str(repo)})


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


def test_real_eval_sharded_with_a_baseline_ref_merges_to_the_unsharded_result(quickstart, tmp_path):
    """`lmgate eval --baseline-ref` on a throw-away repo, unsharded and as 4 shards, then `lmgate merge`."""
    git(quickstart, "init", "-q", "-b", "main")
    git(quickstart, "add", "-A")
    git(quickstart, "commit", "-qm", "base")
    prompt = quickstart / "prompts" / "qa.j2"
    # the head keeps only the context's first sentence: answers found later in the passage regress
    prompt.write_text(prompt.read_text().replace("{{ context }}", "{{ context.split('. ')[0] }}"))
    git(quickstart, "commit", "-qam", "head")
    runs = {"whole": []} | {f"s{i}": ["--shard", f"{i}/4"] for i in range(1, 5)}  # like a matrix: in parallel
    procs = [lmgate(quickstart, "eval", "--baseline-ref", "HEAD~1", "--no-cache", "--out", str(tmp_path / name),
                    *extra) for name, extra in runs.items()]
    bad = lmgate(quickstart, "eval", "--baseline-ref", "no-such-branch", "--out", str(tmp_path / "bad"))
    for proc in procs:
        code, err = finish(proc)
        assert code in (0, 1), err
    code, err = finish(lmgate(quickstart, "merge", *(str(tmp_path / f"s{i}") for i in range(1, 5)),
                              "--out", str(tmp_path / "m")))
    assert code in (0, 1), err
    whole, merged = (json.loads((tmp_path / d / "eval.json").read_text()) for d in ("whole", "m"))
    suite = whole["suites"][0]
    assert whole["baseline"]["sha"] and suite["flipped"]["pass_to_fail"], "the head prompt should regress items"
    assert suite["metrics"][0]["base"] is not None and suite["metrics"][0]["diff"] is not None
    for data in (whole, merged):
        jsonschema.validate(data, SCHEMA)
        data.pop("created_at"), data.pop("timing")
    missing = [k for k in merged["suites"][0] if k not in suite]
    assert not missing, f"the unsharded eval.json lacks {missing} (plan.py should always record them)"
    assert merged == whole
    code, err = finish(bad)
    assert code == 2 and "fetch-depth: 0" in err and "Traceback" not in err


def test_merge_rebuilds_corpus_metrics_from_their_recorded_options():
    from lmgate.eval.merge import _metrics
    from lmgate.eval.metrics import build_metric

    bleu = build_metric({"bleu": {"lowercase": True, "threshold": 0.5}})
    entry, *_ = summarize_metric(bleu, group([]).get("head"), None, alpha=0.05, n_boot=10)
    rebuilt = _metrics({"metrics": [entry, {"name": "f1", "kind": "score", "higher_is_better": True}]})
    assert rebuilt[0].options == bleu.options and rebuilt[0].kind == "corpus"
    outputs, items = ["The Cat sat"], [{"expected": "the cat sat"}]
    assert rebuilt[0].aggregate(outputs, items) == bleu.aggregate(outputs, items)
    assert rebuilt[1] == MetricMeta("f1", "score", True)
