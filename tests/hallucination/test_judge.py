"""`judge` through a real provider against a loopback OpenAI-compatible server; its prompts lint clean."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from fakes.openai_server import serve_openai

PROMPTS = Path(__file__).resolve().parents[2] / "src" / "lmgate" / "hallucination" / "prompts"


def judge_reply(messages: list, body: dict) -> str:
    prompt = messages[-1]["content"]
    answer = re.search(r"<answer>\n(.*?)\n</answer>", prompt, re.S).group(1)
    if "garbage" in answer:
        return "Sure! The answer looks mostly fine to me."
    source = re.search(r"<source>\n(.*?)\n</source>", prompt, re.S)
    others = re.findall(r"<other_answer n=\"\d+\">\n(.*?)\n</other_answer>", prompt, re.S)
    support = source.group(1) if source else " ".join(others)
    claims = []
    for claim in re.split(r"(?<=\.)\s+", answer.strip()):
        year = re.search(r"\d{4}", claim)
        verdict = "supported" if not year or year.group() in support else "unsupported"
        claims.append({"claim": claim, "verdict": verdict, "reason": f"year checked against the {len(support)}"
                       " characters given"})
    return "```json\n" + json.dumps({"claims": claims}) + "\n```"


def config(tmp_path: Path, base_url: str) -> Path:
    path = tmp_path / "lmgate.yaml"
    path.write_text(f"version: 1\nproviders:\n  judge: {{type: openai, base_url: '{base_url}', model: fake,"
                    " retries: 0}\nhallucination:\n  detector: judge\n  options: {provider: judge}\n")
    return path


def test_judge_scores_claims_and_records_unparseable_replies(tmp_path, lmgate_exe):
    ctx = "Marie Curie won the Nobel Prize in Physics in 1903 and in Chemistry in 1911."
    rows = [{"response": "She won the Chemistry prize in 1911.", "context": ctx},
            {"response": "She won the Chemistry prize in 1911. She moved to Boston in 1925.", "context": ctx},
            {"response": "garbage answer", "context": ctx},
            {"response": "It opened in 1925.", "samples": ["It opened in 1925.", "Opened 1925.", "In 1925."]},
            {"response": "It opened in 1925."}]
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with serve_openai(answer=judge_reply) as server:
        run = subprocess.run([*lmgate_exe, "hallucination", "score", "--input", str(src), "--output", str(out),
                              "--config", str(config(tmp_path, server.base_url))], capture_output=True, text=True)
        assert server.stats.requests == 4  # the item with neither context nor samples costs no call
    assert run.returncode == 0, run.stderr
    got = [json.loads(line) for line in out.read_text().splitlines()]
    assert [g["flagged"] for g in got] == [False, True, False, False, False]
    assert got[1]["spans"][0]["text"] == "She moved to Boston in 1925." and got[1]["spans"][0]["start"] == 37
    assert got[1]["spans"][0]["reason"].startswith("unsupported")
    assert got[2]["score"] is None and "not the expected JSON" in got[2]["reason"]
    assert got[3]["score"] == 0.0
    assert got[4]["score"] is None and "nothing to check against" in got[4]["reason"]


def test_judge_provider_failure_is_recorded_not_fatal(tmp_path, lmgate_exe):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"response": "It opened in 1925.", "context": "It opened in 1925."}) + "\n")
    with serve_openai() as server:
        url = server.base_url
    run = subprocess.run([*lmgate_exe, "hallucination", "score", "--input", str(src), "--output", str(out),
                          "--config", str(config(tmp_path, url))], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    got = json.loads(out.read_text())
    assert got["score"] is None and got["reason"].startswith("judge call failed")


def test_judge_without_a_configured_provider_is_a_config_error(tmp_path, lmgate_exe):
    path = tmp_path / "lmgate.yaml"
    path.write_text("version: 1\nhallucination:\n  detector: judge\n  options: {provider: nope}\n")
    src = tmp_path / "in.jsonl"
    src.write_text('{"response": "x", "context": "y"}\n')
    run = subprocess.run([*lmgate_exe, "hallucination", "score", "--input", str(src), "--output",
                          str(tmp_path / "o.jsonl"), "--config", str(path)], capture_output=True, text=True)
    assert run.returncode == 2 and "'nope' is not configured" in run.stderr


def test_judge_prompts_are_versioned_and_lint_clean(lmgate_exe, tmp_path):
    assert sorted(p.name for p in PROMPTS.glob("*.j2")) == ["judge_context.v1.j2", "judge_selfcheck.v1.j2"]
    run = subprocess.run([*lmgate_exe, "lint", "--format", "json", "--fail-on", "warning", str(PROMPTS)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout)["summary"]["prompts"] == 2


def test_gate_rerun_after_a_crash_reuses_judged_answers_and_bounds_huge_contexts(tmp_path, lmgate_exe):
    from helpers import INVENTED, project, record

    records = [record(f"q{i}-{i}", "head", INVENTED[f"q{i}"]) for i in range(1, 5)]
    records[0]["inputs"]["context"] = "Filler text about mountains. " * 40000  # a 1.2 MB context
    with serve_openai(answer=judge_reply) as server:
        project(tmp_path, records, max_rate=1.0, extra="")
        cfg = tmp_path / "lmgate.yaml"
        cfg.write_text(cfg.read_text().replace("detector: grounding", "detector: judge\n  options: {provider: judge}")
                       .replace("app: {type: echo}", f"app: {{type: echo}}\n  judge: {{type: openai, base_url: "
                                f"'{server.base_url}', model: fake, retries: 0}}"))
        journal = tmp_path / ".lmgate" / "results" / "hallucination-items.jsonl"
        first = subprocess.run([*lmgate_exe, "hallucination"], cwd=tmp_path, capture_output=True, text=True)
        assert first.returncode == 0, first.stderr
        assert server.stats.requests == 4 and max(len(json.dumps(b)) for b in server.stats.bodies) < 70_000
        lines = journal.read_text().splitlines()
        journal.write_text("\n".join(lines[:3]) + "\n" + lines[3][:20])  # as if killed while writing the 4th
        again = subprocess.run([*lmgate_exe, "hallucination"], cwd=tmp_path, capture_output=True, text=True)
        assert again.returncode == 0 and "reused 3 verdicts" in again.stdout
        assert server.stats.requests == 5  # only the answer whose line was lost is judged again
        third = subprocess.run([*lmgate_exe, "hallucination"], cwd=tmp_path, capture_output=True, text=True)
        assert "reused 4 verdicts" in third.stdout and server.stats.requests == 5
    data = json.loads((tmp_path / ".lmgate" / "results" / "hallucination.json").read_text())
    assert data["detector"] == "judge" and data["suites"][0]["head"]["flagged"] == 4
