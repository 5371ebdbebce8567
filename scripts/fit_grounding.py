"""Fit the `grounding` detector on the DEV split only and write its shipped constants.

    .venv/bin/python scripts/fit_grounding.py            # rewrites src/lmgate/hallucination/grounding_weights.py

Reproducible: no randomness except the seeded fold assignment used to pick the L2 strength.
Never reads a `test` row. The model is a logistic regression with non-negative weights (every
signal measures missing support, so a negative weight would only fit a corpus artefact), each
file weighted equally and the classes balanced within it. Needs numpy (a dev tool, not shipped).

The fit is on the lexical signals alone. The computed check (lmgate.hallucination.computed) acts
at score time, outside the fitted model: it leaves out the tokens a computation explains and flags
a computed contradiction outright, so it needs no weight (checked on the dev rows of
scripts/make_computed_set.py, which this fit does not read).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data" / "hallucination"
OUT = ROOT / "src" / "lmgate" / "hallucination" / "grounding_weights.py"
WORDS = OUT.with_name("grounding_common.txt")
SEED, FOLDS, COMMON_MIN_DF = 0, 5, 5
SKIP = ("length",)  # answer length separates HaluEval's answers but says nothing about support

from lmgate.hallucination import text  # noqa: E402
from lmgate.hallucination.calibrate import auroc, balanced_accuracy  # noqa: E402
from lmgate.hallucination.claims import split_claims  # noqa: E402
from lmgate.hallucination.detectors.grounding import answer_vector  # noqa: E402
from lmgate.hallucination.features import FEATURES, Context, claim_features  # noqa: E402

NAMES = [f"max_{k}" for k in FEATURES] + [f"mean_{k}" for k in FEATURES]


def dev_rows() -> dict[str, list[dict]]:
    out = {}
    for path in sorted(DATA.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        rows = [r for r in rows if r["split"] == "dev" and r.get("context")]
        if rows:
            out[path.stem] = rows
    return out


def common_words(files: dict[str, list[dict]]) -> frozenset[str]:
    df: dict[str, int] = {}
    for ctx in {r["context"] for rows in files.values() for r in rows}:
        for t in set(text.words(ctx)):
            df[t] = df.get(t, 0) + 1
    return frozenset(t for t, n in df.items() if n >= COMMON_MIN_DF and not t.isdigit())


def vectors(rows: list[dict], common: frozenset[str]) -> np.ndarray:
    out = []
    for r in rows:
        ctx = Context.build(r["context"], r.get("question") or "")
        claims = split_claims(r["response"]) or []
        feats = [claim_features(c.text, ctx, common)[0] for c in claims]
        out.append(answer_vector(feats) if feats else [0.0] * len(NAMES))
    return np.array(out)


def logistic(x: np.ndarray, y: np.ndarray, w_row: np.ndarray, l2: float) -> np.ndarray:
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    reg = l2 * np.r_[np.ones(len(w) - 1), 0.0]
    for _ in range(50):  # Newton steps; converges in ~10
        p = 1 / (1 + np.exp(-x @ w))
        w -= np.linalg.solve((x.T * (w_row * p * (1 - p))) @ x + np.diag(reg), x.T @ (w_row * (p - y)) + reg * w)
    return w


def fit(sets: dict[str, tuple[np.ndarray, np.ndarray]], cols: list[int], l2: float) -> tuple[list[int], np.ndarray]:
    cols = list(cols)
    while True:  # drop the most negative weight until all are >= 0
        xs = np.vstack([x[:, cols] for x, _ in sets.values()])
        ys = np.concatenate([y for _, y in sets.values()])
        ws = np.concatenate([np.where(y == 1, 50 / y.sum(), 50 / (1 - y).sum()) for _, y in sets.values()])
        w = logistic(xs, ys, ws, l2)
        if (w[:-1] >= 0).all():
            return cols, w
        cols.pop(int(np.argmin(w[:-1])))


def predict(x: np.ndarray, cols: list[int], w: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(x[:, cols] @ w[:-1] + w[-1])))


def choose_l2(sets, cols) -> float:
    rng = np.random.RandomState(SEED)
    folds = {k: rng.randint(0, FOLDS, len(y)) for k, (_, y) in sets.items()}
    best = None
    for l2 in (1.0, 10.0, 100.0, 300.0, 1000.0, 3000.0):
        preds = {k: np.zeros(len(y)) for k, (_, y) in sets.items()}
        for f in range(FOLDS):
            c, w = fit({k: (x[folds[k] != f], y[folds[k] != f]) for k, (x, y) in sets.items()}, cols, l2)
            for k, (x, _) in sets.items():
                preds[k][folds[k] == f] = predict(x[folds[k] == f], c, w)
        aucs = {k: round(auroc(list(preds[k]), list(y)), 3) for k, (_, y) in sets.items()}
        mean_auc = float(np.mean(list(aucs.values())))
        print(f"l2={l2}: dev cross-validated AUROC {aucs} mean {mean_auc:.4f}", file=sys.stderr)
        if best is None or mean_auc > best[0]:
            best = (mean_auc, l2)
    return best[1]


def main() -> None:
    files = dev_rows()
    common = common_words(files)
    sets = {k: (vectors(rows, common), np.array([r["label"] for r in rows])) for k, rows in files.items()}
    cols = [i for i, n in enumerate(NAMES) if n.split("_", 1)[1] not in SKIP]
    l2 = choose_l2(sets, cols)
    cols, w = fit(sets, cols, l2)
    # the strong L2 squeezes the logits; a Platt step (an unregularised 1-D logistic on the same dev rows)
    # spreads them again so scores read as probabilities. Monotone: AUROC and rankings are unchanged.
    z = {k: (x[:, cols] @ w[:-1] + w[-1])[:, None] for k, (x, _) in sets.items()}
    a, c = logistic(np.vstack(list(z.values())), np.concatenate([y for _, y in sets.values()]),
                    np.concatenate([np.where(y == 1, 50 / y.sum(), 50 / (1 - y).sum()) for _, y in sets.values()]),
                    0.0)
    w = np.r_[w[:-1] * a, w[-1] * a + c]
    scores = {k: predict(x, cols, w) for k, (x, _) in sets.items()}
    grid = np.linspace(0.05, 0.95, 181)
    mean_ba = [np.mean([balanced_accuracy(list(scores[k]), list(y), t) for k, (_, y) in sets.items()]) for t in grid]
    threshold = round(float(grid[int(np.argmax(mean_ba))]), 4)
    weights = {NAMES[c]: round(float(x), 6) for c, x in zip(cols, w[:-1], strict=True) if x > 0}
    lines = ['"""Constants of the `grounding` detector, fitted on the dev split by scripts/fit_grounding.py.',
             "", "Do not edit by hand: rerun the script. Fitted on the dev rows of:",
             ", ".join(sorted(files)) + f" (l2={l2}).", '"""', "", "from __future__ import annotations", "",
             "from pathlib import Path", "",
             f"WEIGHTS: dict[str, float] = {json.dumps(weights, indent=4)}",
             f"BIAS = {round(float(w[-1]), 6)}", f"THRESHOLD = {threshold}",
             f"# words found in >= {COMMON_MIN_DF} dev contexts: novel words outside this list are likely names",
             'COMMON = frozenset(Path(__file__).with_name("grounding_common.txt").read_text(encoding="utf-8").split())',
             ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    WORDS.write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")
    print(json.dumps({"l2": l2, "threshold": threshold, "weights": weights, "common_words": len(common)}))


if __name__ == "__main__":
    main()
