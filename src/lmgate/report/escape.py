"""Jinja filters that make untrusted text (model outputs, prompts, dataset fields, paths) inert.

GitHub renders comments as Markdown with a subset of HTML, then links `@user` (a notification),
`#123` and `GH-123` (cross-references) and bare `www.` addresses. Text we did not write must not
do any of that, nor end our table row, code fence or `<details>` early: every character that can
start structure becomes an HTML entity or is backslash-escaped, and a zero-width space after
`@`/`#`, inside `GH-` and after `www` stops mentions, references and links (the approach
Renovate uses for release notes).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote

ZWSP = "&#8203;"
# bidi overrides and isolates can make text read differently from what it is (Trojan Source)
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ue000\ue001]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "`": "&#96;", "\\": "&#92;",
             '"': "&quot;"}
_PUNCT = "*_~[]()!$:{}"  # emphasis, links and images, math, emoji shortcodes
_TABLE = str.maketrans({**_ENTITIES, **{c: "\\" + c for c in _PUNCT}})
_SPECIAL = re.compile(r"[^A-Za-z0-9 ,;'/?%.\-\u0080-\uffff]|^[\d+=\-]")  # anything but plain text
_LEADING = re.compile(r"^(\d+(?=[.)](?:\s|$))|(?=[+=\-]))")
_MENTION = re.compile(r"([@#])(?=[\w-])")
# GitHub's own autolinks: `GH-123` references issue 123, a bare `www.example.com` becomes a link
_AUTOLINK = re.compile(r"(?i)(?<![\w-])(gh(?=-\d)|www(?=\.))")


def clean(value: object) -> str:
    return _INVISIBLE.sub("", "" if value is None else str(value))


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def md_inline(value: object, limit: int = 200) -> str:
    """One line of inert text, safe in a paragraph, a list item or a table cell."""
    return _inline(value if isinstance(value, str) else clean(value), limit)


@functools.lru_cache(maxsize=65536)  # the size-fitting loop renders the same cells several times
def _inline(value: str, limit: int) -> str:
    text = clip(" ".join(clean(value).split()), limit)
    lower = text.lower()
    autolinks = "gh-" in lower or "www." in lower  # a substring test first: the regex costs 15 % of a cell
    if not autolinks and not _SPECIAL.search(text):
        return text
    # mark mentions and autolinks first (U+E000/E001 were stripped by clean), so entities' own `#`
    # are never touched
    out = _MENTION.sub("\\1\ue000", text)
    out = (_AUTOLINK.sub("\\1\ue001", out) if autolinks else out).translate(_TABLE)
    out = out.replace("@\ue000", "&#64;" + ZWSP).replace("#\ue000", "&#35;" + ZWSP).replace("\ue001", ZWSP)
    # a leading `+`, `-`, `=` or `1.` could still start a list or heading where a line begins
    return _LEADING.sub(lambda m: m.group(1) + "\\", out, count=1)


def md_marked(value: object, spans: list[dict], limit: int = 600) -> str:
    """Inert text with the given [start, end) spans in bold: flagged claims in an answer."""
    text, out, pos = clean(value), [], 0
    for span in sorted(spans, key=lambda s: int(s.get("start", 0))):
        start, end = max(pos, int(span.get("start", 0))), min(len(text), int(span.get("end", 0)))
        if start >= end:
            continue
        out += [_piece(text[pos:start], limit), "<b>", md_inline(text[start:end], limit), "</b>"]
        pos = end
    out.append(_piece(text[pos:], limit))
    joined = "".join(out)
    return joined if len(joined) <= limit * 8 else md_inline(text, limit)


def _piece(text: str, limit: int) -> str:
    """md_inline for a fragment between marks: keeps one space at either edge."""
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + md_inline(text, limit) + tail


def md_code(value: object, limit: int = 2000, lang: str = "text") -> str:
    """A fenced block longer than any backtick run inside it, so the text cannot close it."""
    text = clip(clean(value), limit)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text}\n{fence}"


def md_label(value: object) -> str:
    """A name for a Mermaid chart or an anchor: only characters that mean nothing anywhere."""
    return re.sub(r"[^A-Za-z0-9_./-]", "_", clean(value))[:40] or "_"


def sha(value: object) -> str:
    """A commit SHA from a result file, or "" (it goes into a link we build)."""
    text = clean(value)
    return text if re.fullmatch(r"[0-9a-f]{7,40}", text) else ""


def is_repository_path(value: object) -> bool:
    """A relative path that stays inside the repository: what a link to `blob/<sha>/<path>` may hold
    (`../../other/repo` would make GitHub's link leave it)."""
    if not isinstance(value, str) or not value:
        return False
    text = value.replace("\\", "/")
    return not (text.startswith("/") or re.match(r"^[A-Za-z]:", text) or ".." in text.split("/"))


def url_path(value: object) -> str:
    """The path part of a link into the repository, or "" (no link) for a path that would leave it."""
    return quote(clean(value), safe="/") if is_repository_path(value) else ""


FILTERS = {"md": md_inline, "md_marked": md_marked, "md_code": md_code, "md_label": md_label,
           "url_path": url_path, "sha": sha}
