"""Report rendering figures: time and size of the comment and summary for a typical and a huge run.

Prints one JSON line. The huge run is the generated case of tests/report (60 suites × 300 flipped
items, 800 lint findings), which must be cut to the 65,536-character comment limit.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "report"))

from report_cases import fixture, huge  # noqa: E402

from lmgate.report import escape  # noqa: E402
from lmgate.report.render import ReportContext, render_report  # noqa: E402


def timed(results: dict, kind: str) -> tuple[float, object]:
    escape._inline.cache_clear()  # measure a cold render, as in CI
    start = time.perf_counter()
    report = render_report(results, ReportContext(repository="acme/app"), kind=kind)
    return time.perf_counter() - start, report


def main() -> None:
    figures: dict[str, object] = {}
    for name, results in (("typical", fixture("hallucination_fail") | fixture("eval_regression")),
                          ("huge", huge())):
        for kind in ("comment", "summary"):
            seconds, report = timed(results, kind)
            figures[f"{name}_{kind}_s"] = round(seconds, 3)
            figures[f"{name}_{kind}_chars"] = len(report.markdown)
            figures[f"{name}_{kind}_omitted"] = len(report.omitted)
    text = "@user <img src=x> | `code` " * 40
    start = time.perf_counter()
    for i in range(20_000):
        escape._inline(f"{i} {text}", 200)
    figures["escape_cells_per_s"] = round(20_000 / (time.perf_counter() - start))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
