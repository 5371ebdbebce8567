"""lmgate eval vs promptfoo on the same cases against the same loopback server; prints one JSON line.

    python benchmarks/eval_throughput.py [--n 2000] [--concurrency 16] [--latency 0.05] [--no-peer] [--src DIR]

The peer script (../shared/peers/promptfoo_run.sh) writes N arithmetic cases (`cases.jsonl`) and
runs promptfoo on them; lmgate then evaluates the very same file with the same prompt
("What is {{a}} plus {{b}}?") and metric (equals `expected`) against the same mock_openai.py.
Figures: wall time at the given latency (vs the limit N·L/C), wall time at zero latency (overhead
per item), and a fully cached rerun (calls made and wall time). Wall times include start-up.
lmgate runs from this checkout's `src/` (or `--src`, e.g. an export of an older commit to compare
before and after a change); the machine's load average is recorded beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT.parent / "shared" / "peers"
LMGATE = [sys.executable, "-m", "lmgate"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peer(n: int, c: int, latency: float, *, cases_dir: Path | None = None) -> dict:
    out = subprocess.run(["bash", str(PEERS / "promptfoo_run.sh"), str(n), str(c), str(latency), str(free_port())],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_cases(n: int, folder: Path) -> None:
    subprocess.run([sys.executable, str(PEERS / "make_cases.py"), str(n), "1", "1", str(folder)], check=True,
                   capture_output=True)


def project(folder: Path, cases: Path, port: int, c: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(cases, folder / "cases.jsonl")
    (folder / "prompt.j2").write_text("What is {{a}} plus {{b}}?")
    (folder / "lmgate.yaml").write_text(f"""version: 1
providers:
  mock: {{type: openai, base_url: "http://127.0.0.1:{port}/v1", model: mock, api_key: x, concurrency: {c}}}
prompts: {{add: prompt.j2}}
datasets: {{cases: cases.jsonl}}
suites:
  - {{name: add, prompt: add, dataset: cases, provider: mock, metrics: [{{equals: {{value: "{{{{ expected }}}}"}}}}]}}
""")
    return folder


def lmgate_run(folder: Path, latency: float, *, fresh_cache: bool, src: Path) -> dict:
    if fresh_cache:
        shutil.rmtree(folder / ".lmgate", ignore_errors=True)
    port = int(next(line for line in (folder / "lmgate.yaml").read_text().splitlines() if "base_url" in line)
               .split("127.0.0.1:")[1].split("/")[0])
    stats = folder / "stats.json"
    server = subprocess.Popen([sys.executable, str(PEERS / "mock_openai.py"), "--port", str(port), "--latency",
                               str(latency), "--stats", str(stats)])
    _wait_port(port)
    try:
        usage, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        proc = subprocess.run([*LMGATE, "eval", "--config", str(folder / "lmgate.yaml")], capture_output=True,
                              text=True, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(src)})
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # before the server is reaped: lmgate's own CPU
        cpu = after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(10)
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr[-2000:])
    result = json.loads((folder / ".lmgate" / "results" / "eval.json").read_text())
    metric = result["suites"][0]["metrics"][0]["head"]
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "internal_wall_s": result["timing"]["wall_s"],
            "pass_rate": metric["mean"], "calls": result["calls"], **json.loads(stats.read_text())}


def _wait_port(port: int) -> None:
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--no-peer", action="store_true", help="skip promptfoo (it needs Node from npm)")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the lmgate source tree to measure")
    args = ap.parse_args()
    src = args.src.resolve()
    n, c, lat = args.n, args.concurrency, args.latency
    work = Path(tempfile.mkdtemp(prefix="lmgate-bench-"))
    figures: dict = {"load_avg_1m": os.getloadavg()[0], "cpus": os.cpu_count(), "n": n, "concurrency": c,
                     "latency_s": lat, "limit_s": round(n * lat / c, 3)}
    if args.no_peer:
        write_cases(n, work)
        cases = work / "cases.jsonl"
    else:
        pf = peer(n, c, lat)
        cases = Path(pf["cases_dir"]) / "cases.jsonl"
        figures["promptfoo"] = {"wall_s": pf["wall_s"], "passed": pf["passed"], "requests": pf["requests"],
                                "peak_in_flight": pf["peak_in_flight"]}
        pf0 = peer(n, c, 0)
        figures["promptfoo_zero_latency"] = {"wall_s": pf0["wall_s"], "ms_per_item": round(1000 * pf0["wall_s"] / n, 3)}
    folder = project(work / "lmgate", cases, free_port(), c)
    timed = lmgate_run(folder, lat, fresh_cache=True, src=src)
    cached = lmgate_run(folder, lat, fresh_cache=False, src=src)
    zero = lmgate_run(folder, 0.0, fresh_cache=True, src=src)
    figures["load_avg_1m_after"] = os.getloadavg()[0]
    figures["lmgate"] = timed
    figures["lmgate_cached_rerun"] = {"wall_s": cached["wall_s"], "cpu_s": cached["cpu_s"],
                                      "requests": cached["requests"], "calls": cached["calls"]}
    figures["lmgate_zero_latency"] = {"wall_s": zero["wall_s"], "cpu_s": zero["cpu_s"],
                                      "internal_wall_s": zero["internal_wall_s"],
                                      "ms_per_item": round(1000 * zero["wall_s"] / n, 3)}
    figures["targets"] = {
        "within_1.25x_limit_plus_1s": timed["wall_s"] <= 1.25 * figures["limit_s"] + 1,
        "cached_rerun_0_calls_under_1.5s": cached["requests"] == 0 and cached["wall_s"] < 1.5,
        "zero_latency_under_1ms_per_item": figures["lmgate_zero_latency"]["ms_per_item"] < 1.0,
    }
    if "promptfoo" in figures:
        figures["speedup_vs_promptfoo"] = round(figures["promptfoo"]["wall_s"] / timed["wall_s"], 2)
        figures["targets"]["3x_faster_than_promptfoo"] = figures["speedup_vs_promptfoo"] >= 3
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
