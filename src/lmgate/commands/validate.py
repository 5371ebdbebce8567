"""`lmgate validate`: every check `eval` makes before its first model call, and the plan; never a secret.

The checks are `lmgate.eval.plan.preflight`, the very function `eval` runs first; every problem is
listed at once (exit 2), each at its file:line with a fix.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from lmgate.commands.common import add_config_argument, offline_checks
from lmgate.config import Config, find_config, read_config
from lmgate.errors import raise_all
from lmgate.eval.datasets import Dataset
from lmgate.eval.prompts import load_prompt
from lmgate.github.runtime import Annotation, Console
from lmgate.secrets import Secret


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)


def run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    # A config with problems is checked further where it can be (`read_config` keeps the parts that are
    # valid on their own), so the user sees every problem at once, not the schema's and then the rest.
    config, problems = read_config(find_config(args.config), env)
    console.mask(config.secrets)
    checked = offline_checks(config, env)
    console.annotate([Annotation("notice", message, file=where.file if where else None,
                                 line=where.line if where else None) for message, where in checked.notices])
    raise_all([*problems, *checked.problems])
    datasets = {c.suite.name: c.dataset for c in checked.suites if c.dataset is not None}
    notes = {note: d.bad_rows[0][0].file for d in datasets.values() if (note := d.skipped_note())}
    console.annotate([Annotation("warning", note, file=file) for note, file in notes.items()])
    console.out.write(describe_plan(config, datasets))
    console.set_output("config-hash", config.config_hash)
    console.set_output("suites", ",".join(s.name for s in config.suites))
    return 0


def describe_plan(config: Config, datasets: Mapping[str, Dataset] | None = None) -> str:
    """The plan; `datasets`: each suite's dataset as preflight read it (its item count, rows it skips)."""
    datasets = datasets or {}
    lines = [f"{config.path.name} is valid (config {config.config_hash})", "", "providers:"]
    for name, p in config.providers.items():
        shown = [f"{k}={'***' if isinstance(v, Secret) else v}" for k, v in p.items()
                 if v is not None and k not in ("type", "headers", "params") and not isinstance(v, (dict, list))]
        headers = p.get("headers") or {}
        if headers:
            shown.append(f"headers={', '.join(f'{h}: ***' for h in headers)}")
        lines.append(f"  {name}: {p['type']}  " + "  ".join(shown))
    lines.append("prompts:")
    for name, p in config.prompts.items():  # load_prompt also refuses a prompt that cannot render as written
        template = load_prompt(name, p, root=config.root, where=config.where("prompts", name))
        lines.append(f"  {name}: {p['path']}  engine {template.describe_engine()}")
    lines.append("datasets:")
    for name, d in config.datasets.items():
        lines.append(f"  {name}: {d.get('path') or str(len(d.get('items') or [])) + ' inline items'}")
    lines.append("suites:")
    for s in config.suites:
        metrics = ", ".join(m if isinstance(m, str) else next(iter(m)) for m in s.metrics)
        dataset = datasets.get(s.name)
        items = f", {len(dataset.items)} items" if dataset is not None else ""
        lines.append(f"  {s.name}: prompt {s.prompt} × dataset {s.dataset} → provider {s.provider}"
                     f" (repeats {s.repeats}{items}); metrics: {metrics}")
        if dataset is not None and (note := dataset.skipped_note()):
            lines.append(f"    note: {note}")
        for metric, gate in s.gates.items():
            rules = ", ".join(f"{k} {v}" for k, v in gate.items() if v is not None)
            lines.append(f"    gate {metric}: {rules or 'report only'}")
    lint = config.lint
    lines.append(f"lint: {', '.join(lint['paths'])} (fail on {lint['fail_on']})")
    if config.hallucination:
        h = config.hallucination
        lines.append(f"hallucination: {h['detector']} on {', '.join(h['suites'] or ['all suites'])}"
                     f" (max rate {h['max_rate']}, max increase {h['max_increase']})")
    if config.canary:
        c = config.canary
        lines.append(f"canary: steps {c['steps']} via {(c['backend'] or {}).get('type', 'git-file')},"
                     f" alpha {c['alpha']}")
    return "\n".join(lines) + "\n"
