"""Regenerate the README's reference sections from their sources of truth.

The config reference comes from the same `Opt` declarations the loader validates with, the
action tables from the `action.yml` files, and the benchmark figures from `benchmarks/results/`.
`tests/test_readme.py` fails when the README drifts; `python scripts/gen_readme.py` rewrites it.
"""

from __future__ import annotations

import json
import re
import sys
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
        key = f"{prefix}{name}"
        choices = f" One of: {', '.join(f'`{c}`' for c in sub.choices)}." if sub.choices else ""
        rows.append(f"| `{key}` | {_cell(_type(sub))} | {_default(sub)} | {_cell(sub.help)}{choices} |")
        inner = sub.items if sub.type == "list" else sub.values if sub.type == "map" else sub
        if inner is not None and inner.one_of:
            inner = next((o for o in inner.one_of if o.type == "section"), None)
        if inner is not None and inner.type == "section":
            suffix = "[]." if sub.type == "list" else ".<name>." if sub.type == "map" else "."
            rows += config_rows(inner, key + suffix)
    return rows


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


def _flatten(data: dict, prefix: str = "") -> list[str]:
    out = []
    for key, value in data.items():
        if isinstance(value, dict):
            out += _flatten(value, f"{prefix}{key}.")
        elif not isinstance(value, list):
            out.append(f"{prefix}{key}: {value}")
    return out


def benchmark_figures() -> str:
    rows = ["| benchmark | figures |", "|---|---|"]
    for path in sorted((ROOT / "benchmarks" / "results").glob("*.json")):
        figures = ", ".join(_flatten(json.loads(path.read_text())))
        rows.append(f"| `{path.stem}` | {_cell(figures)} |")
    return "\n".join(rows) + "\n"


SECTIONS = {"config-reference": config_reference, "action-tables": action_tables,
            "benchmark-figures": benchmark_figures}


def render(readme: str) -> str:
    return MARK.sub(lambda m: m.group(1) + SECTIONS[m.group("name")]() + m.group(4), readme)


if __name__ == "__main__":
    path = ROOT / "README.md"
    path.write_text(render(path.read_text()))
    print(f"updated {path}")
