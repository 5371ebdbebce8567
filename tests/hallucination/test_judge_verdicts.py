"""A judge reply whose claims carry a verdict lmgate does not know leaves the answer unjudged.

Such claims used to be dropped and the answer judged on the rest: "supported" + "not supported"
scored 0.0, not flagged — a hallucination the judge had found, passed as clean.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from fakes.openai_server import serve_openai

ANSWER = "She won in 1911. She moved to Boston in 1925."


def score_with_judge(tmp_path: Path, lmgate_exe: list[str], second_verdict: str) -> dict:
    def reply(messages: list, body: dict) -> str:
        return json.dumps({"claims": [{"claim": "She won in 1911.", "verdict": "supported", "reason": "stated"},
                                      {"claim": "She moved to Boston in 1925.", "verdict": second_verdict,
                                       "reason": "the source never says it"}]})

    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"response": ANSWER, "context": "Curie won the prize in 1911."}) + "\n")
    with serve_openai(answer=reply) as server:
        (tmp_path / "lmgate.yaml").write_text(
            f"version: 1\nproviders:\n  judge: {{type: openai, base_url: '{server.base_url}', model: fake, "
            "retries: 0}\nhallucination:\n  detector: judge\n  options: {provider: judge}\n")
        run = subprocess.run([*lmgate_exe, "hallucination", "score", "--input", str(src), "--output", str(out),
                              "--config", str(tmp_path / "lmgate.yaml")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(out.read_text())


@pytest.mark.parametrize("verdict", ["not supported", "partially supported", "false", ""])
def test_an_unknown_verdict_leaves_the_answer_unjudged_not_clean(tmp_path, lmgate_exe, verdict):
    got = score_with_judge(tmp_path, lmgate_exe, verdict)
    assert got["score"] is None and got["flagged"] is False
    assert "verdicts other than supported, unsupported, contradicted" in got["reason"]


@pytest.mark.parametrize(("verdict", "score"), [("Contradicted.", 1.0), (" UNSUPPORTED ", 0.8)])
def test_case_blanks_and_a_full_stop_are_read_as_the_verdict(tmp_path, lmgate_exe, verdict, score):
    got = score_with_judge(tmp_path, lmgate_exe, verdict)
    assert got["score"] == score and got["flagged"] is True
    assert got["spans"][0]["text"] == "She moved to Boston in 1925."
