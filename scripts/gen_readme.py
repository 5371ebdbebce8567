"""Regenerate the README's reference sections from their sources of truth.

The config reference comes from the same `Opt` declarations the loader validates with, the
action tables from the `action.yml` files, and the benchmark table from `benchmarks/results/`
(each row declared in ROWS below; a results file without a row is an error).
`tests/test_readme.py` fails when the README drifts; `python scripts/gen_readme.py` rewrites it.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lmgate.config import ROOT as CONFIG_ROOT  # noqa: E402
from lmgate.spec import REQUIRED, Opt  # noqa: E402

MARK = re.compile(r"(<!-- BEGIN generated:(?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- END generated:(?P=name) -->)", re.S)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _type(opt: Opt) -> str:
    if opt.one_of:
        return " or ".join(_type(o) for o in opt.one_of)
    if opt.type == "list" and opt.items is not None:
        return f"list of {_type(opt.items)}"
    if opt.type == "map" and opt.values is not None:
        return f"map of {_type(opt.values)}"
    return {"section": "mapping", "str": "string"}.get(opt.type, opt.type)


def _default(opt: Opt) -> str:
    if opt.default is REQUIRED:
        return "**required**"
    if opt.default is None or isinstance(opt.default, dict):
        return ""
    return f"`{json.dumps(list(opt.default) if isinstance(opt.default, tuple) else opt.default)}`"


def config_rows(opt: Opt, prefix: str = "") -> list[str]:
    rows = []
    for name, sub in (opt.fields or {}).items():
        rows += _option_rows(name, sub, prefix)
    for name, sub, kinds in _kind_options(opt):
        rows += _option_rows(name, sub, prefix, f"type {', '.join(f'`{k}`' for k in kinds)}: ")
    return rows


def _option_rows(name: str, sub: Opt, prefix: str, scope: str = "") -> list[str]:
    key = f"{prefix}{name}"
    choices = f" One of: {', '.join(f'`{c}`' for c in sub.choices)}." if sub.choices else ""
    rows = [f"| `{key}` | {_cell(_type(sub))} | {_default(sub)} | {_cell(scope + sub.help)}{choices} |"]
    inner = sub.items if sub.type == "list" else sub.values if sub.type == "map" else sub
    if inner is not None and inner.one_of:
        inner = next((o for o in inner.one_of if o.type == "section"), None)
    if inner is not None and inner.type == "section":
        suffix = "[]." if sub.type == "list" else ".<name>." if sub.type == "map" else "."
        rows += config_rows(inner, key + suffix)
    return rows


def _kind_options(opt: Opt) -> list[tuple[str, Opt, list[str]]]:
    """Each option a kind of plugin declares (`providers`' types), once, with the kinds that take it."""
    found: dict[tuple[str, int], tuple[str, Opt, list[str]]] = {}
    for kind, fields in (opt.kinds or {}).items():
        for name, sub in fields.items():
            found.setdefault((name, id(sub)), (name, sub, []))[2].append(kind)
    return list(found.values())


def config_reference() -> str:
    head = "| key | type | default | meaning |\n|---|---|---|---|\n"
    return head + "\n".join(config_rows(CONFIG_ROOT)) + "\n"


def action_tables() -> str:
    out = []
    for path in [ROOT / "action.yml", *sorted(ROOT.glob("actions/*/action.yml"))]:
        doc = yaml.safe_load(path.read_text())
        rel = path.relative_to(ROOT).parent.as_posix()
        uses = "lmgate/lmgate@v1" if rel == "." else f"lmgate/lmgate/{rel}@v1"
        out.append(f"#### `{uses}`\n\n{doc.get('description', '')}\n")
        out.append("| input | default | description |\n|---|---|---|")
        for name, spec in (doc.get("inputs") or {}).items():
            required = spec.get("required") and "default" not in spec
            value = spec.get("default", "")
            default = "**required**" if required else (f"`{value}`" if value != "" else "")
            out.append(f"| `{name}` | {_cell(default)} | {_cell(spec.get('description', ''))} |")
        out.append("\n| output | description |\n|---|---|")
        for name, spec in (doc.get("outputs") or {}).items():
            out.append(f"| `{name}` | {_cell(spec.get('description', ''))} |")
        out.append("")
    return "\n".join(out) + "\n"


def _flatten(data: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


@dataclass(frozen=True)
class Row:
    """One line of the benchmark table. Text fields are templates: `{key}` or `{key:format}` is the
    figure at that dotted key of benchmarks/results/<benchmark>.json."""

    benchmark: str
    what: str
    figure: str
    value: str                       # the key compared with the peer
    peer: str = ""
    peer_value: str | float | None = None  # a key of the results, or a published figure (cited in `peer`)
    higher_is_better: bool = False
    limit: str = ""                  # what no implementation can beat, or the nominal value


# Read top to bottom, a row says: what was measured, lmgate's figure, the peer's on the same
# input (from the same run, or published for the same data), lmgate's advantage as a ratio (> 1:
# lmgate better), the physical limit or nominal value, and the command that measured it.
ROWS = (
    Row("eval_throughput", "`lmgate eval`: {n:,} cases, {concurrency} in flight, server latency {latency_s:g} s "
        "(wall, start-up included)", "{lmgate.wall_s:.2f} s", "lmgate.wall_s",
        "promptfoo 0.123.1: {promptfoo.wall_s:.1f} s", "promptfoo.wall_s", limit="{limit_s:g} s (N × latency / C)"),
    Row("eval_throughput", "`lmgate eval`: overhead per item (server latency 0)",
        "{lmgate_zero_latency.ms_per_item:.2f} ms", "lmgate_zero_latency.ms_per_item",
        "promptfoo: {promptfoo_zero_latency.ms_per_item:.1f} ms", "promptfoo_zero_latency.ms_per_item"),
    Row("eval_throughput", "`lmgate eval`: rerun with every answer cached",
        "{lmgate_cached_rerun.wall_s:.2f} s, {lmgate_cached_rerun.calls.made} calls", "lmgate_cached_rerun.wall_s"),
    Row("stats_calibration", "paired statistics: coverage of the 95% interval ({simulations:,} simulated evals)",
        "{coverage_95:.3f}", "coverage_95", limit="0.95 (nominal)"),
    Row("stats_calibration", "paired statistics: false regressions with no effect (3 repeats, clustered items)",
        "{false_regression_rate_clustered_repeats:.1%}", "false_regression_rate_clustered_repeats",
        "the same test ignoring clusters: {false_regression_rate_if_clusters_ignored:.1%}",
        "false_regression_rate_if_clusters_ignored", limit="≤ 5% (α)"),
    Row("stats_calibration", "paired statistics: power against a true drop of the reported MDE",
        "{power_at_mde:.3f}", "power_at_mde", higher_is_better=True, limit="0.80 (nominal)"),
    Row("hallucination_accuracy", "`grounding` detector: HaluEval QA, balanced accuracy (test split, threshold "
        "from dev)", "{files.halueval_qa.balanced_accuracy.value:.3f}", "files.halueval_qa.balanced_accuracy.value",
        "ChatGPT as a judge, accuracy (Li et al. 2023): 0.626", 0.626, higher_is_better=True, limit="1"),
    Row("hallucination_accuracy", "`grounding` detector: SummaC subsets, mean balanced accuracy (validation cut, "
        "split dev/test)", "{summac_mean_balanced_accuracy:.3f}", "summac_mean_balanced_accuracy",
        "HHEM-1.0, published on SummaC's test cut: 0.764", 0.764, higher_is_better=True, limit="1"),
    Row("hallucination_accuracy", "`grounding` detector: correct computed answers flagged (false reds): "
        "{computed_answers.heldout.n_correct} of a held-out set never seen while developing it (seventh set; fifth "
        "and sixth sets in brackets)",
        "{computed_answers.heldout.flagged_correct.value:.1%} ({computed_answers.heldout5.flagged_correct.value:.1%}, "
        "{computed_answers.heldout6.flagged_correct.value:.1%})",
        "computed_answers.heldout.flagged_correct.value",
        limit="≤ 5% (target)"),
    Row("hallucination_accuracy", "`grounding` detector: wrong computed answers caught: the same sets' "
        "{computed_answers.heldout.n_wrong}",
        "{computed_answers.heldout.flagged_wrong.value:.1%} ({computed_answers.heldout5.flagged_wrong.value:.1%}, "
        "{computed_answers.heldout6.flagged_wrong.value:.1%})",
        "computed_answers.heldout.flagged_wrong.value", higher_is_better=True, limit="≥ 80% (target)"),
    Row("hallucination_accuracy", "`grounding` detector: the same on the sets it was developed on (tuning "
        "{computed_answers.tuning.rows} rows, dev {computed_answers.dev.rows}, dev2 {computed_answers.dev2.rows}, "
        "dev3 {computed_answers.dev3.rows}, dev4 {computed_answers.dev4.rows})",
        "{computed_answers.tuning.flagged_correct.value:.1%} / {computed_answers.tuning.flagged_wrong.value:.1%}; "
        "{computed_answers.dev.flagged_correct.value:.1%} / {computed_answers.dev.flagged_wrong.value:.1%}; "
        "{computed_answers.dev2.flagged_correct.value:.1%} / {computed_answers.dev2.flagged_wrong.value:.1%}; "
        "{computed_answers.dev3.flagged_correct.value:.1%} / {computed_answers.dev3.flagged_wrong.value:.1%}; "
        "{computed_answers.dev4.flagged_correct.value:.1%} / {computed_answers.dev4.flagged_wrong.value:.1%}",
        "computed_answers.tuning.flagged_correct.value"),
    Row("hallucination_accuracy", "`grounding` detector: answers scored per second",
        "{throughput_responses_per_s:,.0f}/s", "throughput_responses_per_s", higher_is_better=True),
    Row("canary_simulation", "canary: rollouts rolled back with no harm ({runs:,} simulated)",
        "{aa.e-process.rollback_rate:.1%}", "aa.e-process.rollback_rate",
        "Kayenta-style test every tick: {aa.kayenta.rollback_rate:.1%}", "aa.kayenta.rollback_rate",
        limit="≤ 5% (α)"),
    Row("canary_simulation", "canary: rollouts rolled back under a 1.5× error rate",
        "{harm_1_5x.e-process.rollback_rate:.0%}", "harm_1_5x.e-process.rollback_rate",
        "Kayenta-style: {harm_1_5x.kayenta.rollback_rate:.0%}", "harm_1_5x.kayenta.rollback_rate",
        higher_is_better=True, limit="100%"),
    Row("canary_simulation", "canary: canary requests to that rollback (median)",
        "{harm_1_5x.e-process.median_canary_requests_to_decision:,.0f}",
        "harm_1_5x.e-process.median_canary_requests_to_decision",
        "Kayenta-style: {harm_1_5x.kayenta.median_canary_requests_to_decision:,.0f}",
        "harm_1_5x.kayenta.median_canary_requests_to_decision"),
    Row("lint_corpus", "`lmgate lint`: {files:,} files, {prompts:,} prompts (wall, start-up included, median "
        "of {runs})", "{wall_s:.2f} s", "wall_s"),
    Row("startup", "`lmgate --help` (median of {runs})", "{help_median_s:.3f} s", "help_median_s",
        limit="{python_baseline_s:.3f} s (`python -c pass`)"),
    Row("startup", "`lmgate validate` on the quickstart (median of {runs})", "{validate_median_s:.3f} s",
        "validate_median_s", limit="{python_baseline_s:.3f} s (`python -c pass`)"),
    Row("local_model", "`local` provider, {model}: generation", "{tokens_per_s:.1f} tokens/s", "tokens_per_s",
        higher_is_better=True),
    Row("metrics_reference", "`rouge` (ROUGE-L) scoring; largest difference from rouge-score: "
        "{rougeL.max_abs_diff:g}", "{rougeL.items_per_s:,}/s", "rougeL.items_per_s",
        "rouge-score: {rougeL.reference_items_per_s:,}/s", "rougeL.reference_items_per_s", higher_is_better=True),
    Row("metrics_reference", "`bleu` scoring; largest difference from sacrebleu: {bleu.max_abs_diff:g}",
        "{bleu.items_per_s:,}/s", "bleu.items_per_s", "sacrebleu: {bleu.reference_items_per_s:,}/s",
        "bleu.reference_items_per_s", higher_is_better=True),
    Row("metrics_reference", "`chrf` scoring; largest difference from sacrebleu: {chrf.max_abs_diff:.1g}",
        "{chrf.items_per_s:,}/s", "chrf.items_per_s", "sacrebleu: {chrf.reference_items_per_s:,}/s",
        "chrf.reference_items_per_s", higher_is_better=True),
    Row("metrics_reference", "`f1` (SQuAD) scoring; largest difference from the SQuAD v1.1 script: "
        "{f1.max_abs_diff:g}", "{f1.items_per_s:,}/s", "f1.items_per_s",
        "the SQuAD script: {f1.reference_items_per_s:,}/s", "f1.reference_items_per_s", higher_is_better=True),
    Row("promptfoo_import", "`lmgate import promptfoo` then `lmgate eval` on {configs} promptfoo suites: test "
        "verdicts equal to promptfoo {promptfoo}'s", "{tests_agree}/{tests_compared}", "test_verdict_agreement",
        limit="all"),
    Row("promptfoo_import", "the same suites: deterministic assertions scored as promptfoo scores them",
        "{assertions_agree}/{assertions_compared}", "assertion_agreement", limit="all"),
    Row("report_render", "PR comment of a huge run (60 suites × 300 flipped items, 800 findings)",
        "{huge_comment_s:.2f} s, {huge_comment_chars:,} characters", "huge_comment_s",
        limit="65,536 characters (GitHub's comment limit)"),
    Row("token_counting", "exact token counts (o200k_base) over {files:,} prompt files",
        "{o200k_base_tokens_per_s:,.0f} tokens/s", "o200k_base_tokens_per_s", higher_is_better=True),
    Row("token_counting", "error of the chars/4 estimate against the exact count (5th–95th percentile)",
        "{chars_div_4_vs_o200k.p5:+.0%} … {chars_div_4_vs_o200k.p95:+.0%}", "chars_div_4_vs_o200k.p95"),
)

FIELD = re.compile(r"\{(?P<key>[\w.\-]+)(?::(?P<spec>[^}]*))?\}")


def _fill(template: str, figures: dict[str, object], benchmark: str) -> str:
    def one(m: re.Match) -> str:
        if m.group("key") not in figures:
            raise KeyError(f"benchmarks/results/{benchmark}.json has no figure {m.group('key')!r}")
        return format(figures[m.group("key")], m.group("spec") or "")

    return FIELD.sub(one, template)


def _ratio(row: Row, figures: dict[str, object]) -> str:
    if row.peer_value is None:
        return "—"
    peer = figures[row.peer_value] if isinstance(row.peer_value, str) else row.peer_value
    ours = figures[row.value]
    ratio = (ours / peer if peer else 0) if row.higher_is_better else (peer / ours if ours else 0)
    if not ratio:
        return "—"
    if ratio >= 10:
        return f"{ratio:.0f}×"
    text = f"{ratio:.2g}"
    return f"{text if '.' in text else text + '.0'}×"


def benchmark_table() -> str:
    results = {p.stem: _flatten(json.loads(p.read_text()))
               for p in sorted((ROOT / "benchmarks" / "results").glob("*.json"))}
    missing = sorted(set(results) - {r.benchmark for r in ROWS})
    if missing:
        raise KeyError(f"benchmarks/results/{missing[0]}.json has no row in ROWS of scripts/gen_readme.py")
    rows = ["| measured | lmgate | peer | ratio | limit | command |", "|---|---|---|---|---|---|"]
    for row in ROWS:
        if row.benchmark not in results:
            raise KeyError(f"a row of ROWS needs benchmarks/results/{row.benchmark}.json")
        figures = results[row.benchmark]
        cells = [_fill(t, figures, row.benchmark) for t in (row.what, row.figure, row.peer, row.limit)]
        cells.insert(3, _ratio(row, figures))
        cells.append(f"`python benchmarks/{row.benchmark}.py`")
        rows.append("| " + " | ".join(_cell(c) if c else "—" for c in cells) + " |")
    return "\n".join(rows) + "\n"


SECTIONS = {"config-reference": config_reference, "action-tables": action_tables,
            "benchmark-table": benchmark_table}


def render(readme: str) -> str:
    return MARK.sub(lambda m: m.group(1) + SECTIONS[m.group("name")]() + m.group(4), readme)


if __name__ == "__main__":
    path = ROOT / "README.md"
    path.write_text(render(path.read_text()))
    print(f"updated {path}")
