"""SEC003 pii-in-prompt: personal data written into a prompt file.

**What.** E-mail addresses (except reserved example domains), phone numbers in international or
North-American form, payment card numbers (Luhn-valid), US social security numbers and IBANs
(mod-97-valid) anywhere in the file: instructions, few-shot examples, test data.

**Why.** Prompts are sent to model providers, logged and committed; real personal data in them
is a privacy incident waiting to happen (GDPR, PCI DSS). Use obviously fake values.

**Options.** `allow_domains`: e-mail domains that are fine (default: example.com/.org/.net,
test, localhost, invalid); `kinds`: which detectors run (default: all).

PASS:

    Example: jane.doe@example.com, +1 555 0100

FAIL:

    Example: jane.doe@gmail.com, card 4111 1111 1111 1111
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Position
from lmgate.spec import Opt

CODE = "SEC003"
NAME = "pii-in-prompt"
SEVERITY = "warning"
SCOPE = "file"
PREVIEW = False
BASE_AWARE = False
KINDS = ("email", "phone", "card", "ssn", "iban")
CONF = {"allow_domains": Opt("list", ("example.com", "example.org", "example.net", "test", "localhost", "invalid"),
                             "e-mail domains to accept", items=Opt("str")),
        "kinds": Opt("list", KINDS, "detectors to run", items=Opt("str", choices=KINDS))}

# A regex per kind of personal data, a fast gate per regex, and the checksums that tell a real card
# number or IBAN from a random digit run.
DETECTORS = {
    "email": re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b"),
    "phone": re.compile(r"(?<![\w+])(?:\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]\d{2,4}){2,4}|\(\d{3}\) ?\d{3}-\d{4}|"
                        r"\b\d{3}-\d{3}-\d{4})(?![\w-])"),
    "card": re.compile(r"\b(?:\d[ -]?){12,18}\d\b"),
    "ssn": re.compile(r"\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b"),
    "iban": re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b"),
}
# What every match of a detector contains, as a regex that scans fast (no look-behind or `\b` up
# front). No match spans a newline, so a detector only needs to run from the line of the first hit.
GATES = {
    "email": re.compile("@"),
    "phone": re.compile(r"\+\d|\(\d\d\d\)|\d\d\d-\d\d\d-\d"),
    "card": re.compile(r"\d(?:[ -]?\d){12}"),
    "ssn": re.compile(r"\d\d\d-\d\d-\d\d\d\d"),
    "iban": re.compile(r"[A-Z][A-Z]\d\d"),
}

# The gates again as literal scans (C `find`, ~5x faster than the class regexes) over a folded copy
# of the text: ASCII digits become 0 and capitals A. Only a negative answer is used; a hit still
# runs the gate above for its position.
_FOLD = bytes.maketrans(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"0" * 10 + b"A" * 26)
_CARD = re.compile(rb"0(?:[ -]?0){12}")
QUICK = {
    "phone": lambda b: b"+0" in b or b"(000)" in b or b"000-000-0" in b,
    "card": lambda b: _CARD.search(b) is not None,
    "ssn": lambda b: b"000-00-0000" in b,
    "iban": lambda b: b"AA00" in b,
}


def folded(text: str) -> bytes | None:
    """The text for QUICK, or None when it holds non-ASCII decimal digits (`\\d` matches them too)."""
    if not text.isascii() and any(c.isdecimal() for c in set(text) if not c.isascii()):
        return None
    return text.encode("utf-8", "surrogatepass").translate(_FOLD)


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def valid(kind: str, match: re.Match, allow: set[str]) -> bool:
    if kind == "email":
        domain = match.group(1).lower()
        return not any(domain == a or domain.endswith("." + a) for a in allow)
    if kind == "phone":  # 555 numbers are reserved for fiction
        return "555" not in re.sub(r"\D", "", match.group(0))
    if kind == "card":
        digits = re.sub(r"\D", "", match.group(0))
        # Visa/Mastercard/Amex/Discover lengths and prefixes: a 13-digit timestamp is not a card.
        return len(digits) in (15, 16) and digits[0] in "3456" and len(set(digits)) > 1 and luhn(digits)
    if kind == "iban":
        code = match.group(0).replace(" ", "")
        return int("".join(str(int(c, 36)) for c in code[4:] + code[:4])) % 97 == 1
    return True


def check_file(path: str, text: str, options: dict, ctx: LintContext) -> Iterator[Problem]:
    allow = {d.lower() for d in options.get("allow_domains") or ()}
    # spans already reported, sorted and disjoint, and where each line starts: looked up by bisection,
    # since a file of 2 MiB may hold 100,000 matches (scanning every span and counting the lines
    # before every match made that quadratic)
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    line_starts: list[int] | None = None
    quick = folded(text)
    for kind in options.get("kinds") or KINDS:
        if quick is not None and kind in QUICK and not QUICK[kind](quick):
            continue
        hit = GATES[kind].search(text)
        if hit is None:
            continue  # the cheap test first: most prompt files hold no `@` and no long digit run
        end = len(text)
        if kind == "email":  # and the line of the last `@` ends the search
            end = text.find("\n", text.rfind("@"))
            end = len(text) if end < 0 else end
        for m in DETECTORS[kind].finditer(text, text.rfind("\n", 0, hit.start()) + 1, end):
            before = bisect.bisect_left(taken_starts, m.end())  # the spans starting before this one ends
            if (before and taken_ends[before - 1] > m.start()) or not valid(kind, m, allow):
                continue
            taken_starts.insert(before, m.start())
            taken_ends.insert(before, m.end())
            offset = m.start()
            if line_starts is None:
                line_starts = [0, *(n.end() for n in re.finditer("\n", text))]
            line = bisect.bisect_right(line_starts, offset)
            yield Problem(f"possible personal data ({kind}) in the prompt file",
                          Position(line, offset - line_starts[line - 1] + 1),
                          fix="replace it with an obviously fake value (e.g. @example.com, 555-0100)")
