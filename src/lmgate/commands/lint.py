"""`lmgate lint`: lint prompt files; write lint.json always, and text, json, annotations or SARIF.

Works without an lmgate.yaml (defaults, root = current folder). Exit 0 clean, 1 findings at or
above fail-on, 2 bad input. `--diff-base` (in Actions: the PR's base SHA) enables the rules that
compare with the base branch and `--changed-only` keeps findings on changed lines.
"""

from __future__ import annotations

import argparse
import gc
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate.commands.common import add_config_argument, load_from
from lmgate.config import find_config
from lmgate.errors import GitError, InputError, Location
from lmgate.github.event import read_event
from lmgate.github.runtime import Console
from lmgate.lint import engine, files, output
from lmgate.lint.diffbase import DiffBase
from lmgate.lint.docs import rules_markdown
from lmgate.lint.sarif import to_sarif
from lmgate.lint.settings import LINT
from lmgate.paths import write_text_atomic
from lmgate.prompts.reading import relative
from lmgate.results import dumps, write_result
from lmgate.spec_validation import Context, validate

RESULTS_DIR = ".lmgate/results"  # without an lmgate.yaml
FORMATS = ("text", "json", "github", "sarif", "markdown")  # markdown: the rule reference, with --list-rules


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)
    parser.add_argument("paths", nargs="*", help="files or folders (default: lint.paths in lmgate.yaml)")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format (default: github in Actions, text elsewhere)")
    parser.add_argument("--output", metavar="FILE", help="write the formatted output to FILE")
    parser.add_argument("--sarif-file", metavar="FILE", help="also write SARIF 2.1.0 to FILE")
    parser.add_argument("--fail-on", choices=("error", "warning", "info", "never"),
                        help="lowest severity that fails (default: lint.fail_on)")
    parser.add_argument("--select", action="append", metavar="RULE",
                        help="run only these rules (code, prefix or name), replacing lint.select; repeatable")
    parser.add_argument("--extend-select", action="append", default=[], metavar="RULE",
                        help="run these rules too (e.g. a preview rule); repeatable")
    parser.add_argument("--diff-base", metavar="REF", help="compare with this git ref (base-aware rules)")
    parser.add_argument("--changed-only", action="store_true", help="report only findings on changed lines")
    parser.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    parser.add_argument("--explain", metavar="CODE", help="show a rule's documentation and exit")


def run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    # Parsing a corpus allocates millions of short-lived acyclic objects (YAML nodes, Jinja ASTs, token
    # pieces): the cyclic collector finds nothing in them and costs ~5 % of the run, so it pauses
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args, env, console)
    finally:
        if was_enabled:
            gc.enable()


def _run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    lint, root, doc, results_dir, config_hash, secrets = settings(args, env, console)
    if args.select:
        lint = {**lint, "select": [s for arg in args.select for s in arg.split(",") if s]}
    if args.list_rules or args.explain:
        return explain(engine.all_rules(lint, doc), args.explain, console, args.format)
    if args.format == "markdown":
        raise InputError("--format markdown writes the rule reference", fix="use it with --list-rules")
    paths = files.discover(args.paths, root, lint)
    if not paths:  # "0 files: pass" would be a green check that looked at nothing
        raise nothing_to_lint(args.paths, lint, doc, root)
    base = open_base(args, env, root, console)
    result = engine.lint_files(paths, root, lint, doc=doc, base_source=base.source if base else None,
                               changed_lines=base.changed if base else None, changed_only=args.changed_only,
                               extra_select=args.extend_select, fail_on=args.fail_on,
                               selected_by="--select" if args.select else None)
    if not result.prompts and not result.findings:  # files found, none read, nothing said about why
        raise InputError(f"none of the {len(paths)} files found holds a prompt lmgate could read "
                         f"({result.parse_failures} could not be parsed): nothing was checked",
                         where=Location(relative(paths[0], root)),
                         fix="select SYN001 (template-parse-error) to see why each file does not parse, and fix "
                             "them or leave them out with lint.exclude")
    for crash in result.crashes:
        console.err.write(f"lmgate: warning: {crash}\n")
    # the PR's head (from the event), as every stage records: GITHUB_SHA is the merge commit on a PR
    write_result(results_dir, "lint", result.to_json(), verdict=result.verdict, config_hash=config_hash,
                 secrets=secrets, base_sha=base.sha if base else None, event=read_event(env))
    fmt = args.format or ("github" if console.in_actions else "text")
    sarif_text = None
    if fmt == "sarif" or args.sarif_file:
        sources = {p: t for p in {f.path for f in result.shown} if (t := _text(root / p)) is not None}
        sarif_text = dumps(to_sarif(result, sources), depth=4)  # a line per result
    if args.sarif_file:
        _write(Path(args.sarif_file), sarif_text or "", secrets)
        console.set_output("sarif-file", args.sarif_file)
    target = io.StringIO() if args.output else console.out
    if fmt == "text":
        output.text(result, target, colour=not args.output and target.isatty())
    elif fmt == "json":
        output.as_json(result, target)
    elif fmt == "sarif":
        target.write(sarif_text or "")
    else:
        hidden = output.github(result, console, base.changed if base else None)
        console.add_summary(output.step_summary(result, hidden))
        console.err.write(output.summary_line(result) + "\n")
    if args.output:
        _write(Path(args.output), target.getvalue(), secrets)
    console.set_output("errors", str(result.count("error")))
    console.set_output("warnings", str(result.count("warning")))
    console.set_output("verdict", result.verdict)
    return 1 if result.verdict == "fail" else 0


def settings(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> tuple[Any, ...]:
    """What the run uses: (lint settings, root, yaml doc or None, results dir, config hash, secrets),
    from lmgate.yaml, or the defaults without one (root = the current folder)."""
    explicit = getattr(args, "config", None) or env.get("LMGATE_CONFIG")
    if explicit or Path("lmgate.yaml").is_file():
        config = load_from(find_config(explicit), env, console)  # its secrets masked before anything is printed
        return config.lint, config.root, config.doc, config.results_dir, config.config_hash, config.secrets
    lint = validate({}, LINT, ("lint",), Context(doc=None, env=env))
    return lint, Path.cwd(), None, Path.cwd() / RESULTS_DIR, None, frozenset()


def nothing_to_lint(given: list[str], lint: Mapping, doc: Any, root: Path) -> InputError:
    """Why no file was linted, where that was decided (the paths named, or lint.paths), and the fix."""
    excluded = f" (after lint.exclude {list(lint['exclude'])})" if lint.get("exclude") else ""
    if given:
        return InputError(f"no prompt file in {', '.join(map(repr, given))}{excluded}: no file there is in a "
                          "format lmgate reads", where=Location(given[0]),
                          fix="name the prompt files themselves, or give their names a format with lint.formats "
                              "(glob -> format)")
    globs = list(lint.get("paths") or ())
    if doc is None:
        return InputError(f"no lmgate.yaml, and the default lint.paths {globs} matches no prompt file under {root}",
                          fix="pass the prompt files or folders to lint, or write lmgate.yaml (`lmgate init`) "
                              "with lint.paths set to their globs")
    return InputError(f"lint.paths {globs} matches no prompt file under {root}{excluded}",
                      where=doc.where(("lint", "paths")),
                      fix="set lint.paths to the globs of your prompt files (e.g. ['src/prompts/**']), or pass "
                          "the files or folders to lint")


def open_base(args: argparse.Namespace, env: Mapping[str, str], root: Path, console: Console) -> DiffBase | None:
    """The base branch to compare with: `--diff-base`, or the PR's base SHA in Actions."""
    if args.diff_base:
        return DiffBase.open(root, args.diff_base)
    event = read_event(env) if console.in_actions else None
    if event is None or not event.base_sha:
        if args.changed_only:
            raise InputError("--changed-only needs a base to compare with",
                             fix="pass --diff-base REF (e.g. origin/main)")
        return None
    try:
        return DiffBase.open(root, event.base_sha)
    except GitError as exc:  # a shallow checkout: lint everything rather than fail the job
        console.err.write(f"lmgate: warning: base {event.base_sha[:12]} unavailable ({exc.message}); "
                          "base-aware rules are off. Use actions/checkout with `fetch-depth: 0`.\n")
        return None


def _write(path: Path, text: str, secrets) -> None:
    """Through lmgate.paths, like every file lmgate writes: atomic, never through a link, redacted; a
    device or pipe (`--output /dev/stdout`) is written in place, never replaced by a rename."""
    write_text_atomic(path, text, secrets=secrets)


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def explain(rules: list, code: str | None, console: Console, fmt: str | None = None) -> int:
    if code is None and fmt == "markdown":  # docs/rules.md
        console.out.write(rules_markdown(rules))
        return 0
    if code is None:
        for r in rules:
            flags = " (preview)" if r.preview else " (needs --diff-base)" if r.base_aware else ""
            console.out.write(f"{r.code:<8} {r.name:<36} {r.severity:<8}{flags}\n")
        return 0
    rule = next((r for r in rules if code in (r.code, r.name)), None)
    if rule is None:
        raise InputError(f"no rule {code!r}", fix="see `lmgate lint --list-rules`")
    console.out.write(f"{rule.code} {rule.name} ({rule.severity})\n\n{rule.doc.strip()}\n")
    return 0
