r"""STY005 line-endings-final-newline: mixed or unexpected line endings, or no final newline.

**What.** A file that mixes CRLF and LF line endings, one whose endings differ from `style`
(default `lf`; `any` accepts either as long as they are not mixed), and a file whose last line
has no newline (unless `final_newline: false`). Reads the file's text as stored (the engine
decodes it without newline translation).

**Why.** CRLF becomes part of the prompt (`\r` is a token the model sees), a change of line
endings rewrites every line of the diff, and a missing final newline makes the next
concatenated part start on the same line.

**Options.** `style`: `lf` | `crlf` | `any` (default `lf`); `final_newline` (default true).

PASS: `Be brief.\n`

FAIL: `Be brief.\r\nAnswer in English.\n` (mixed), or `Be brief.` (no final newline).
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Position
from lmgate.spec import Opt

CODE = "STY005"
NAME = "line-endings-final-newline"
SEVERITY = "info"
SCOPE = "file"
PREVIEW = False
BASE_AWARE = False
CONF = {"style": Opt("str", "lf", "expected line endings", choices=("lf", "crlf", "any")),
        "final_newline": Opt("bool", True, "require a newline at the end of the file")}


def check_file(path: str, text: str, options: dict, ctx: LintContext) -> Iterator[Problem]:
    if not text:
        return
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    style = options.get("style", "lf")
    if crlf and lf:
        minority = "\r\n" if crlf < lf else "\n"
        offset = _first(text, minority)
        yield Problem(f"mixed line endings: {crlf} CRLF and {lf} LF", Position(text.count("\n", 0, offset) + 1),
                      fix="convert the file to one line ending (LF), e.g. with `dos2unix`")
    elif crlf and style == "lf":
        yield Problem("the file uses CRLF line endings", Position(1), fix="convert it to LF (`dos2unix`), or set "
                      "style: crlf / any")
    elif lf and style == "crlf":
        yield Problem("the file uses LF line endings, the configured style is CRLF", Position(1),
                      fix="convert it to CRLF, or set style: lf / any")
    if options.get("final_newline", True) and not text.endswith("\n"):
        yield Problem("no newline at the end of the file", Position(text.count("\n") + 1),
                      fix="end the file with a newline")


def _first(text: str, ending: str) -> int:
    if ending == "\r\n":
        return text.find("\r\n")
    i = text.find("\n")
    while i > 0 and text[i - 1] == "\r":
        i = text.find("\n", i + 1)
    return max(i, 0)
