"""hallucination-items.jsonl: every judged answer, appended as it finishes, reused by the next run.

A judge or NLI run over hundreds of answers costs real calls; if the job dies at answer 400, the
rerun must not pay for the first 399 again. Each line holds a key (detector, options, threshold,
the answer, its context and samples) and the verdict. Only judged verdicts are kept: a failed call
is retried next time. A half-written last line (the crash) is ignored. The file is opened through
`lmgate.paths` (never through a link; every line redacted).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate import paths
from lmgate.hallucination.detectors.base import Item, Span, Verdict

FILE = "hallucination-items.jsonl"


def item_key(detector: str, options: Mapping[str, Any], item: Item) -> str:
    shown = {k: v for k, v in options.items() if k != "token"}  # never hash a secret into a file
    raw = json.dumps([detector, shown, item.response, item.context, item.question, list(item.samples),
                      item.logprobs], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()


class Journal:
    def __init__(self, path: Path, root: Path | None = None) -> None:
        self.path, self.root = path, root
        self.lock = threading.Lock()
        self.known: dict[str, Verdict] = {}
        data = paths.read_bytes(path, root=root)
        if data is not None:
            text = data.decode("utf-8", errors="replace")
            if text and not text.endswith("\n"):
                with paths.open_for_write(path, root=root, append=True) as fh:
                    fh.write("\n")  # end the cut line, so the next verdict starts a line of its own
            for line in text.splitlines():
                try:
                    rec = json.loads(line)
                    spans = tuple(Span(**s) for s in rec["spans"])
                    self.known[rec["key"]] = Verdict(rec["score"], rec["flagged"], spans, rec.get("reason"))
                except (ValueError, KeyError, TypeError):
                    continue  # the line a crash cut short, or a foreign one
        self.reused = 0

    def get(self, key: str) -> Verdict | None:
        found = self.known.get(key)
        if found is not None:
            self.reused += 1
        return found

    def record(self, key: str, extra: Mapping[str, Any], verdict: Verdict) -> None:
        if verdict.score is None:
            return
        line = json.dumps({"key": key, **extra, **verdict.to_json()}, ensure_ascii=False)
        with self.lock, paths.open_for_write(self.path, root=self.root, append=True) as fh:
            fh.write(line + "\n")
            fh.flush()
