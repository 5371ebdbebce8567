"""The base branch side of a lint: file text at `--diff-base REF` and the lines a PR changed.

Text comes from one `git cat-file --batch` process (not one `git show` per file), changed lines from
`git diff -U0 REF` hunk headers. In Actions the base defaults to the PR's base SHA; a shallow
checkout that lacks it is told to fetch more history.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from lmgate.errors import GitError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_FILE = re.compile(r"^\+\+\+ (?:b/(.*)|/dev/null)$", re.MULTILINE)


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        out = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"cannot run git: {exc}") from exc
    if out.returncode != 0:
        raise GitError(f"git {args[0]} failed: {out.stderr.decode('utf-8', 'replace').strip()[:300]}",
                       fix="check the ref exists locally (actions/checkout with `fetch-depth: 0`)")
    return out.stdout


@dataclass
class DiffBase:
    root: Path
    ref: str
    sha: str = ""
    changed: dict[str, set[int]] = field(default_factory=dict)
    _texts: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path, ref: str) -> DiffBase:
        sha = git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
        prefix = git(root, "rev-parse", "--show-prefix").decode().strip()
        base = cls(root, ref, sha)
        base.changed = parse_diff(git(root, "diff", "-U0", "--no-color", "--no-ext-diff", sha, "--", ".")
                                  .decode("utf-8", "replace"), prefix)
        return base

    def source(self, rel: str) -> str | None:
        """The file's text at the base, or None when it did not exist there."""
        if rel not in self._texts:
            out = git(self.root, "cat-file", "--batch", stdin=f"{self.sha}:./{rel}\n".encode())
            header, _, rest = out.partition(b"\n")
            if header.endswith(b"missing") or not rest:
                self._texts[rel] = None
            else:
                size = int(header.split()[2])
                self._texts[rel] = rest[:size].decode("utf-8", "replace")
        return self._texts[rel]


def parse_diff(diff: str, prefix: str = "") -> dict[str, set[int]]:
    """path (relative to the lint root) -> the line numbers the head side added or changed."""
    changed: dict[str, set[int]] = {}
    blocks = _FILE.split(diff)
    # split() alternates: text, captured path, text, ...
    for path, body in zip(blocks[1::2], blocks[2::2], strict=False):
        if path is None:
            continue
        lines = changed.setdefault(path[len(prefix):] if path.startswith(prefix) else path, set())
        for m in _HUNK.finditer(body):
            start, count = int(m.group(1)), int(m.group(2) or 1)
            lines.update(range(start, start + count))
    return changed
