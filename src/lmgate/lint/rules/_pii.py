"""SEC003's detectors: a regex per kind of personal data, a fast gate per regex, and the checksums
that tell a real card number or IBAN from a random digit run."""

from __future__ import annotations

import re

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
