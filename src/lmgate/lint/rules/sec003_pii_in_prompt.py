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

from collections.abc import Iterator

from lmgate.lint.rules._pii import DETECTORS, GATES, QUICK, folded, valid
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

def check_file(path: str, text: str, options: dict, ctx: LintContext) -> Iterator[Problem]:
    allow = {d.lower() for d in options.get("allow_domains") or ()}
    taken: list[tuple[int, int]] = []
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
            if any(s < m.end() and m.start() < e for s, e in taken) or not valid(kind, m, allow):
                continue
            taken.append((m.start(), m.end()))
            offset = m.start()
            yield Problem(f"possible personal data ({kind}) in the prompt file",
                          Position(text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)),
                          fix="replace it with an obviously fake value (e.g. @example.com, 555-0100)")
