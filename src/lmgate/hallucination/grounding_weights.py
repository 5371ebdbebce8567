"""Constants of the `grounding` detector, fitted on the dev split by scripts/fit_grounding.py.

Do not edit by hand: rerun the script. Fitted on the dev rows of:
halueval_qa, summac_factcc, summac_polytope, summac_summeval, summac_xsumfaith (l2=300.0).
"""

from __future__ import annotations

from pathlib import Path

WEIGHTS: dict[str, float] = {
    "max_num_missing": 0.029657,
    "max_ent_missing": 0.058571,
    "max_uni_miss_best": 0.235241,
    "max_uni_miss_doc": 0.101815,
    "max_bi_miss_best": 0.312549,
    "max_bi_miss_doc": 0.196929,
    "max_neg_mismatch": 0.099631,
    "max_novel": 0.245226,
    "max_rare_novel": 0.094911,
    "mean_num_missing": 0.034763,
    "mean_ent_missing": 0.052559,
    "mean_uni_miss_best": 0.193795,
    "mean_uni_miss_doc": 0.074804,
    "mean_bi_miss_best": 0.264475,
    "mean_bi_miss_doc": 0.15061,
    "mean_neg_mismatch": 0.076293,
    "mean_novel": 0.191247,
    "mean_rare_novel": 0.052499
}
BIAS = -0.691064
THRESHOLD = 0.445
# words found in >= 5 dev contexts: novel words outside this list are likely names
COMMON = frozenset(Path(__file__).with_name("grounding_common.txt").read_text(encoding="utf-8").split())
