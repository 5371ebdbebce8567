"""Wall time of `lmgate --help` and `lmgate validate` on the quickstart (median of 10 runs).

Prints one JSON line. Run: .venv/bin/python benchmarks/startup.py
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LMGATE = Path(sys.executable).with_name("lmgate")


def median_seconds(cmd: list[str], cwd: Path, runs: int = 10) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 4)


def main() -> None:
    quickstart = ROOT / "examples" / "quickstart"
    figures = {
        "benchmark": "startup",
        "runs": 10,
        "help_median_s": median_seconds([str(LMGATE), "--help"], quickstart),
        "validate_median_s": median_seconds([str(LMGATE), "validate"], quickstart),
        "python_baseline_s": median_seconds([sys.executable, "-c", "pass"], quickstart),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
