r"""SEC004 invisible-unicode: characters a reviewer cannot see but the model reads.

**What.** Zero-width characters (U+200B-U+200D, U+2060, U+FEFF after the start), bidirectional
controls (U+202A-U+202E, U+2066-U+2069, U+200E/F, U+061C, the "Trojan Source" characters),
Unicode tag characters (U+E0000-U+E007F, used for "ASCII smuggling") and the soft hyphen.
A zero-width joiner inside an emoji sequence is fine.

**Why.** Hidden instructions pass code review untouched; bidi controls make the text on screen
differ from the text in the file (CVE-2021-42574).

**Options.** `allow`: code points to accept, as `U+200D` strings.

PASS:

    Answer in English.

FAIL (a zero-width space hides in the word):

    Ans\u200bwer in English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Position
from lmgate.spec import Opt

CODE = "SEC004"
NAME = "invisible-unicode"
SEVERITY = "error"
SCOPE = "file"
PREVIEW = False
BASE_AWARE = False
CONF = {"allow": Opt("list", (), "code points to accept, e.g. U+200D",
                     items=Opt("str", pattern=r"U\+[0-9A-Fa-f]{4,6}"))}

_INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0x2061, 0x2062, 0x2063, 0x2064}
_BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C}

_SUSPECT = re.compile("[" + "".join(map(chr, sorted(_INVISIBLE | _BIDI))) + "\U000E0000-\U000E007F]")


def _kind(cp: int) -> str | None:
    if cp in _BIDI:
        return "bidirectional control"
    if cp in _INVISIBLE:
        return "invisible character"
    if 0xE0000 <= cp <= 0xE007F:
        return "Unicode tag character"
    return None


def _emoji_joiner(text: str, i: int) -> bool:
    # ZWJ builds emoji sequences (👩‍💻); it is only suspicious between ordinary letters.
    near = text[i - 1:i] + text[i + 1:i + 2]
    return text[i] == "\u200d" and len(near) == 2 and all(unicodedata.category(c) == "So" or ord(c) > 0x1F000
                                                          for c in near)


def check_file(path: str, text: str, options: dict, ctx: LintContext) -> Iterator[Problem]:
    allow = {int(a[2:], 16) for a in options.get("allow") or ()}
    for m in _SUSPECT.finditer(text):
        i, cp = m.start(), ord(m.group(0))
        if cp in allow or (cp == 0xFEFF and i == 0) or _emoji_joiner(text, i):
            continue
        name = unicodedata.name(m.group(0), "") or "TAG"
        line_start = text.rfind("\n", 0, i) + 1
        where = Position(text.count("\n", 0, i) + 1, i - line_start + 1)
        yield Problem(f"{_kind(cp)} U+{cp:04X} {name}".rstrip(), where,
                      fix="delete it (it is invisible in most editors); write visible text only")
