"""Hostile text in model outputs, dataset fields, prompt paths and messages stays inert.

The rendered comment is parsed by a CommonMark + GFM-tables renderer (markdown-it-py). The hostile
fixture must produce exactly the same document structure as its plain twin (every untrusted
string replaced by harmless words), no HTML we did not write, and no `@mention` or `#reference`.
"""

from __future__ import annotations

import copy
import html
import re

import pytest
from markdown_it import MarkdownIt
from report_cases import fixture

from lmgate.report.escape import md_code, md_inline
from lmgate.report.render import render_report

OUR_TAGS = {"<b>", "</b>", "<sub>", "</sub>", "</details>", "<summary>", "</summary>", "<details>",
            "<!-- lmgate:pr-report -->"}
MENTION = re.compile(r"(?<![\w`])[@#][\w-]")
HOSTILE = re.compile(r"[@<>|`#\\\[\]!$*_~:\n\u202e]")


def parse(markdown: str):
    return MarkdownIt("commonmark", {"html": True}).enable("table").parse(markdown)


def shape(tokens) -> list[tuple]:
    """The document's structure: block tokens, and inline tokens other than plain text."""
    out = []
    for t in tokens:
        if t.type == "inline":
            out.append(("inline", tuple((c.type, c.content if c.type == "html_inline" else "")
                                        for c in t.children or [] if c.type not in ("text", "softbreak"))))
        else:
            content = t.content.count("\n") if t.type == "fence" else t.content if t.type == "html_block" else ""
            out.append((t.type, t.tag, t.info, content))
    return out


def plain_twin(data):
    """The same results with every string that holds a hostile character replaced by words."""
    if isinstance(data, dict):
        return {k: plain_twin(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain_twin(v) for v in data]
    if isinstance(data, str) and HOSTILE.search(data) and not data.startswith("lmgate/"):
        return "plain words"
    return data


@pytest.fixture
def hostile(ctx):
    results = fixture("hostile")
    return results, render_report(results, ctx).markdown


def test_hostile_text_does_not_change_the_document_structure(hostile, ctx):
    results, markdown = hostile
    twin = render_report(plain_twin(copy.deepcopy(results)), ctx).markdown
    assert shape(parse(markdown)) == shape(parse(twin))


def test_no_html_of_theirs_and_no_broken_details(hostile):
    _, markdown = hostile
    tokens = parse(markdown)
    tags = [c.content for t in tokens if t.type == "inline" for c in t.children if c.type == "html_inline"]
    blocks = [t.content.strip() for t in tokens if t.type == "html_block"]
    assert set(tags) <= OUR_TAGS, set(tags) - OUR_TAGS
    assert all(any(b.startswith(tag) for tag in OUR_TAGS) for b in blocks), blocks
    assert blocks.count("</details>") == sum(b.startswith("<details>") for b in blocks) == 3
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert "<img" not in rendered and "<script" not in rendered and 'href="javascript' not in rendered
    assert [t.info for t in tokens if t.type == "fence"] == ["mermaid"]


def test_nobody_is_mentioned_and_no_issue_is_referenced(hostile):
    _, markdown = hostile
    texts = [html.unescape(c.content) for t in parse(markdown) if t.type == "inline" for c in t.children
             if c.type == "text"]
    assert any("octocat" in t for t in texts)  # the text is shown...
    assert not [t for t in texts if MENTION.search(t)]  # ...but pings no one


def test_every_table_row_keeps_its_cells(hostile):
    _, markdown = hostile
    tokens = parse(markdown)
    cells, rows = 0, []
    for t in tokens:
        if t.type == "tr_open":
            cells = 0
        elif t.type in ("td_open", "th_open"):
            cells += 1
        elif t.type == "tr_close":
            rows.append(cells)
        elif t.type == "table_close":
            assert len(set(rows)) == 1, rows
            rows = []


@pytest.mark.parametrize("text", ["@octocat", "hi @org/team", "#12 fixes", "a | b", "<b>x</b>", "`code`",
                                  "![x](http://t/p.png)", "- list", "1. item", "# title", "$x^2$", "\u202eevil"])
def test_md_inline_renders_as_the_literal_text(text):
    rendered = MarkdownIt("commonmark", {"html": True}).renderInline(md_inline(text))
    assert html.unescape(rendered).replace("\u200b", "") == text.replace("\u202e", "")


def test_md_code_cannot_be_closed_from_inside():
    block = md_code("````\n</details>\n````")
    tokens = parse(block + "\nafter")
    assert tokens[0].type == "fence" and tokens[0].content == "````\n</details>\n````\n"
