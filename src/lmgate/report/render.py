"""Compose every stage's result file into the PR comment and the (longer) step summary.

Markdown lives only in `templates/*.md.j2`, rendered by an overlay of the one sandboxed
environment (`lmgate.templating`) with `StrictUndefined` and named escaping filters. When the
comment would pass GitHub's 65,536-character limit, the least important sections go first, each
leaving a note that says what was left out and where the full results are.

A report is about one commit and one run: `select_run` keeps the stage files that agree with the
newest pull-request stage on both, and names every file it left out (a `canary.json` from
another commit is not folded into a PR's report). A hallucination.json also names the commit and
run of the eval answers it judged (`answers`, see `lmgate.commands.hallucination`): it is kept only
when those agree too, so a verdict a later run wrote on an earlier run's answers is never paired
with this run's results.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jinja2

from lmgate import __version__
from lmgate.errors import Location, ResultsError
from lmgate.eval.stats import CHANGE_WORDS
from lmgate.report import escape, numbers
from lmgate.report.artifact import judged_identity, read_stage_file
from lmgate.report.escape import md_inline, sha
from lmgate.results import FILES, read_result
from lmgate.templating import environment

COMMENT_LIMIT = 65_536
SUMMARY_LIMIT = 1024 * 1024 - 1024  # bytes; room for what else a step writes to its summary
PROFILES = {"comment": {"flips": 10, "findings": 10, "examples": 3, "timeline": 5, "chart": 12},
            "summary": {"flips": 100, "findings": 200, "examples": 20, "timeline": 50, "chart": 30}}
# when not even the bare tables fit: the suites that did not pass, one line each (≤ ~900 characters),
# as many as fit of these counts
MINIMAL_SUITES = (50, 10, 0)
# least important first; each step shortens (to a cap) or removes (None) one more part until it fits
DROPS: tuple[tuple[str, int | None, str], ...] = (
    ("chart", None, "the chart of differences"), ("examples", 1, "most hallucination examples"),
    ("examples", None, "hallucination examples"), ("flips", 3, "most flipped items"),
    ("flips", None, "flipped items"), ("findings", 3, "most lint findings"), ("findings", None, "lint findings"),
    ("passing", None, "tables of suites without a change beyond noise"))
ICONS = {"pass": "✅", "fail": "❌", "warn": "⚠️", "skipped": "⏭️"}
SEVERITY_ICONS = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


@dataclass(frozen=True)
class ReportContext:
    repository: str | None = None
    server_url: str = "https://github.com"
    head_sha: str | None = None
    run_url: str | None = None  # the run the results come from
    results_where: str = "the `lmgate-results` artifact of this run"
    run_id: str | None = None
    notes: tuple[str, ...] = ()  # our own Markdown, e.g. why the comment could not be posted


@dataclass(frozen=True)
class Report:
    markdown: str
    verdict: str
    gates: tuple[tuple[str, str], ...]
    omitted: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "gates": dict(self.gates), "omitted": list(self.omitted),
                "chars": len(self.markdown)}


def load_results(results_dir: Path) -> dict[str, dict[str, Any]]:
    """Every stage result present in the folder, each checked against its schema (as an artifact
    is) before the report reads a field; a stage that did not run is simply absent."""
    if not results_dir.is_dir():
        raise ResultsError(f"results folder {results_dir} does not exist", where=Location(str(results_dir)),
                           fix="run the stages first (lmgate lint / eval / hallucination), or pass --results DIR")
    found = {stage: read_result(results_dir, stage) for stage in FILES}  # refuses foreign files by their schema id
    return {stage: read_stage_file(results_dir / FILES[stage], stage) for stage, data in found.items()
            if data is not None}


def identity(data: dict[str, Any]) -> tuple[Any, Any]:
    """The commit and run a stage's result was computed on."""
    return (data.get("git") or {}).get("head_sha"), data.get("run_id")


def _created(data: dict[str, Any]) -> datetime:
    try:
        when = datetime.fromisoformat(str(data.get("created_at")))
    except ValueError:
        return datetime.min.replace(tzinfo=timezone.utc)
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


PR_STAGES = ("lint", "eval", "hallucination")


def select_run(results: dict[str, dict[str, Any]], current_run: str | None = None
               ) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The stage results of one commit and run, and a note for each file left out.

    The reference is the newest pull-request stage (lint, eval, hallucination), or the newest
    file when there is none: a leftover from an earlier run is older than what this run wrote.
    A stage written by `current_run` (this workflow run) wins over any other, whatever the clock
    says: two stages written in the same second tie, and then the later stage wins.
    """
    if not results:
        return results, []
    stages = [s for s in PR_STAGES if s in results] or list(results)
    ours = [s for s in stages if current_run and str(results[s].get("run_id")) == current_run]
    order = {s: i for i, s in enumerate((*PR_STAGES, *results))}
    reference = identity(results[max(ours or stages, key=lambda s: (_created(results[s]), order[s]))])
    kept = {stage: data for stage, data in results.items()
            if identity(data) == reference and judged_identity(data) in (None, reference)}
    notes = [_left_out(stage, data, reference) for stage, data in results.items() if stage not in kept]
    return kept, notes


def _left_out(stage: str, data: dict[str, Any], reference: tuple[Any, Any]) -> str:
    if identity(data) != reference:
        return (f"Left out {FILES[stage]}: it was computed on {_describe(identity(data))}, not on "
                f"{_describe(reference)} like the rest of this report.")
    return (f"Left out {FILES[stage]}: it judged the answers of {_describe(judged_identity(data))}, not those "
            f"of {_describe(reference)} like the rest of this report.")


def _describe(ident: tuple[Any, Any]) -> str:
    commit, run = ident
    text = f"commit `{sha(commit)[:12]}`" if sha(commit) else ("another commit" if commit else "no recorded commit")
    return text + (f" in run {md_inline(run, 40)}" if run else " outside a workflow run")


def overall_verdict(results: dict[str, dict[str, Any]]) -> str:
    verdicts = {data.get("verdict") for data in results.values()}
    return next((v for v in ("fail", "warn", "pass") if v in verdicts), "skipped")


@functools.lru_cache(maxsize=1)
def _environment() -> Any:
    env = environment().overlay(loader=jinja2.FileSystemLoader(str(Path(__file__).with_name("templates"))),
                                undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    # overlay shares these dicts with the prompt environment: copy, never mutate them
    env.filters = {**env.filters, **escape.FILTERS, **numbers.FILTERS, "change": change_text}
    env.tests = {**env.tests, "quiet": is_quiet}
    env.globals = {**env.globals, "icon": ICONS, "severity_icon": SEVERITY_ICONS}
    return env


CHANGE_ICONS = {"regression": "🔻 ", "improvement": "🔺 ", "within_noise": ""}


def change_text(change: object) -> str:
    """The change label in the report: the same words as every other output (stats.CHANGE_WORDS)."""
    key = change if isinstance(change, str) else ""
    return CHANGE_ICONS.get(key, "") + CHANGE_WORDS[key] if key in CHANGE_WORDS else "–"


def is_quiet(suite: dict[str, Any]) -> bool:
    """A suite a reviewer can skip: it passed, nothing moved beyond noise, and it has no note (a note
    says its numbers rest on fewer rows or samples than the dataset holds)."""
    return suite.get("verdict") == "pass" and not suite.get("notes") and not any(
        m.get("change") in ("regression", "improvement") for m in suite.get("metrics", []))


def chart(results: dict[str, dict[str, Any]], cap: int) -> dict[str, Any]:
    rows = [{"label": f"{s['name']}/{m['name']}", **m["diff"]}
            for s in (results.get("eval") or {}).get("suites", []) for m in s.get("metrics", [])
            if m.get("diff") and all(isinstance(m["diff"].get(k), (int, float))
                                     for k in ("mean", "ci_low", "ci_high"))]
    rows.sort(key=lambda r: (r.get("mean", 0) >= 0, -abs(r.get("mean", 0))))  # regressions first
    rows = rows[:cap]
    reach = max([abs(r[k]) for r in rows for k in ("ci_low", "ci_high")] or [1.0]) * 1.1 or 1.0
    return {"rows": rows, "low": round(-reach, 4), "high": round(reach, 4)}


def render_report(results: dict[str, dict[str, Any]], ctx: ReportContext, *, kind: str = "comment",
                  limit: int | None = None) -> Report:
    limit = limit or (COMMENT_LIMIT if kind == "comment" else SUMMARY_LIMIT)
    measure = len if kind == "comment" else (lambda text: len(text.encode("utf-8")))
    gates = tuple((stage, data.get("verdict", "skipped")) for stage, data in results.items())
    omitted: list[str] = []
    for step in range(len(DROPS) + 1):
        last = {key: (cap, label) for key, cap, label in DROPS[:step]}  # the latest step per part wins
        profile = {**PROFILES[kind], **{k: min(c, PROFILES[kind].get(k, c)) for k, (c, _) in last.items()
                                        if c is not None}}
        omitted = [label for _, label in last.values()]
        text = _render(kind, kind, results, ctx, profile, {k for k, (c, _) in last.items() if c is None}, omitted)
        if measure(text) <= limit:
            break
    else:  # even the bare tables are too long: the verdict line, the failed suites and where to look
        omitted = [*omitted, "every table"]
        for most in MINIMAL_SUITES:
            text = _render("minimal", kind, results, ctx, {**PROFILES[kind], "minimal_suites": most}, set(), omitted)
            if measure(text) <= limit:
                break
    return Report(text, overall_verdict(results), gates, tuple(omitted))


def _render(name: str, kind: str, results: dict[str, dict[str, Any]], ctx: ReportContext, profile: dict[str, int],
            dropped: set[str], omitted: list[str]) -> str:
    template = _environment().get_template(f"{name}.md.j2")
    try:
        text = template.render(results=results, ctx=ctx, cap=profile, dropped=dropped, omitted=omitted,
                               kind=kind, chart=chart(results, profile["chart"]), version=__version__,
                               verdict=overall_verdict(results))
    except (jinja2.UndefinedError, TypeError, ValueError, KeyError, AttributeError) as exc:
        # a result file that passed its schema but lacks what the report reads (or a stage's
        # schema is still the bare header): say so instead of crashing
        raise ResultsError(f"a result file lacks a field the report reads: {exc}",
                           fix="re-run the stages with this lmgate version") from exc
    return "\n".join(line.rstrip() for line in text.strip().splitlines()) + "\n"
