"""SARIF 2.1.0 for GitHub code scanning (docs.oasis-open.org/sarif/sarif/v2.1.0).

Each rule is described once (`tool.driver.rules`: id, name, descriptions, help from the rule's
docstring, default level); each finding is a result with a region and a `partialFingerprints`
entry that survives line shifts (code, path, prompt, message and the line's own text), so code
scanning tracks an alert across pushes instead of re-opening it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from lmgate import __version__
from lmgate.lint.docs import help_uri, summary
from lmgate.lint.outcome import LintResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def to_sarif(result: LintResult, sources: Mapping[str, str] | None = None) -> dict[str, Any]:
    sources = sources or {}
    rules = sorted({r.code: r for r in result.rules}.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    driver = {
        "name": "lmgate", "version": __version__, "semanticVersion": __version__,
        "informationUri": "https://github.com/lmgate/lmgate",
        "rules": [{"id": r.code, "name": r.name,
                   "shortDescription": {"text": summary(r)},
                   "fullDescription": {"text": r.doc.strip() or r.name},
                   "help": {"text": r.doc.strip() or r.name, "markdown": r.doc.strip() or r.name},
                   "helpUri": help_uri(r),
                   "defaultConfiguration": {"level": LEVEL[r.severity]},
                   "properties": {"tags": [r.code.rstrip("0123456789").lower()], "precision": "high"}}
                  for r in rules],
    }
    results = []
    for f in result.shown:
        region = {"startLine": max(1, f.line), "startColumn": max(1, f.col)}
        if f.end_line and f.end_line >= f.line:
            region["endLine"] = f.end_line
        entry: dict[str, Any] = {
            "ruleId": f.code, "level": LEVEL[f.severity],
            "message": {"text": f.message + (f" (fix: {f.fix})" if f.fix else "")},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                                                "region": region}}],
            "partialFingerprints": {"lmgateFinding/v1": fingerprint(f, sources.get(f.path))},
        }
        if f.code in index:
            entry["ruleIndex"] = index[f.code]
        if f.prompt:
            entry["properties"] = {"prompt": f.prompt}
        results.append(entry)
    return {"$schema": SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}]}


def fingerprint(f, source: str | None) -> str:
    line_text = ""
    if source:
        lines = source.splitlines()
        line_text = lines[f.line - 1].strip() if 0 < f.line <= len(lines) else ""
    key = "\0".join((f.code, f.path, f.prompt or "", f.message, line_text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
