"""Every relative link in the README, CONTRIBUTING.md and docs/*.md leads somewhere.

A link's file must exist, and its `#anchor` must be a heading of that file as GitHub names it
(github-slugger: the heading's text in lower case, punctuation dropped, each space a hyphen, a
repeated heading numbered -1, -2, …) or an explicit `id`/`name` in the file's HTML. Links are read
by a Markdown parser, so a link-like text inside code is not a link.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
MD = MarkdownIt("commonmark").enable("table")
HTML_ID = re.compile(r"""<[^>]+\b(?:id|name)=["']([^"']+)["']""")


def slug(text: str) -> str:
    """GitHub's anchor for a heading: lower case, drop what is not a letter, digit, `_`, `-` or space."""
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


def _inline_text(token) -> str:
    return "".join(c.content for c in token.children or () if c.type in ("text", "code_inline"))


def anchors(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    tokens = MD.parse(text)
    found: set[str] = set(HTML_ID.findall(text))
    seen: dict[str, int] = {}
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            base = slug(_inline_text(tokens[i + 1]))
            n = seen.get(base, 0)
            found.add(base if n == 0 else f"{base}-{n}")
            seen[base] = n + 1
    return found


def links(path: Path) -> list[str]:
    out = []

    def walk(tokens):
        for t in tokens:
            if t.type == "link_open":
                out.append(t.attrGet("href"))
            elif t.type == "image":
                out.append(t.attrGet("src"))
            walk(t.children or ())

    walk(MD.parse(path.read_text(encoding="utf-8")))
    return out


def broken(path: Path, root: Path = ROOT) -> list[str]:
    bad = []
    for href in links(path):
        if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):  # https:, mailto:: not a file of this repository
            continue
        target, _, anchor = href.partition("#")
        file = (path.parent / unquote(target)).resolve() if target else path
        if not file.exists():
            bad.append(f"{href}: no such file {os.path.relpath(file, root.resolve())}")
        elif anchor and file.suffix == ".md" and unquote(anchor) not in anchors(file):
            bad.append(f"{href}: {file.name} has no heading with the anchor #{anchor}")
    return bad


@pytest.mark.parametrize("path", [p for p in DOCS if p.exists()], ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(path):
    assert broken(path) == []


def test_code_names_only_docs_that_exist():
    """A docstring, message or template that sends the reader to docs/<page>.md names a real page."""
    named = re.compile(r"\bdocs/([\w-]+\.md)\b")
    missing = []
    for folder in ("src", "tests", "benchmarks", "scripts", "actions", "workflows-templates", "examples"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".md", ".j2", ".yml", ".yaml", ".json", ".sh"):
                text = path.read_text(encoding="utf-8", errors="replace")
                missing += [f"{path.relative_to(ROOT)}: docs/{page}" for page in named.findall(text)
                            if not (ROOT / "docs" / page).is_file()]
    assert missing == []


def test_the_documents_exist():
    assert (ROOT / "CONTRIBUTING.md").is_file()
    assert {"contracts.md", "metrics.md", "rules.md"} <= {p.name for p in DOCS}


def test_github_anchor_rules():
    assert slug("Use it in your repository") == "use-it-in-your-repository"
    assert slug("`lmgate lint`: options & exit codes") == "lmgate-lint-options--exit-codes"
    assert slug("SYN002 undefined-variable") == "syn002-undefined-variable"
    assert slug("Étapes (v1.2)") == "étapes-v12"


def test_a_broken_link_or_anchor_is_caught(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "other.md").write_text("# Other\n\n## Usage\n\n## Usage\n")
    page.write_text("# Page\n\n[ok](other.md#usage-1) [self](#page) [gone](missing.md) "
                    "[bad](other.md#nowhere) [web](https://example.com/x.md)\n\n`[code](not-a-link.md)`\n")
    assert broken(page, tmp_path) == ["missing.md: no such file missing.md",
                        "other.md#nowhere: other.md has no heading with the anchor #nowhere"]
