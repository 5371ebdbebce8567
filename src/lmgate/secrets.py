"""`${ENV}` interpolation and secret handling: the one `Redactor` every written byte passes through.

A value is a secret when its option says so (API keys, tokens, header values) or when it comes
from an environment variable whose name looks like one (`*_KEY`, `*TOKEN*`, `*SECRET*`, …). A
missing variable is an error that names the variable and never echoes any value.

Secrets are registered in the process-wide `REDACTOR` as soon as they are known (the config
loader's caller masks them, see `lmgate.github.runtime.Console.mask`), and every sink applies it:
the file writers of `lmgate.paths`, the response cache, the console's streams, outputs, step
summary and annotations, the PR comment. One process-wide list, like the runner's own mask list,
because a secret that one writer was not told about is a leak; a sink never has to be handed it.

A model or server that echoes a key rarely echoes it verbatim into the file that ends up on
disk: lmgate writes JSON, XML, Markdown and URLs, and the echo may itself be escaped. So each
secret is matched in every form it takes there, character by character: raw, JSON-escaped (both
`ensure_ascii` forms, `\\uXXXX` and `\\/`, also escaped once more), HTML/XML entities, URL
encoding (`quote` and `quote_plus`), and its base64 (standard and URL-safe, at the three byte
offsets base64 embedded in a longer blob can start at), its base32 (at its five offsets, in either
case) and its hex. Numeric entities may carry leading zeros or lack the `;` (HTML5 reads `&#0115`
as `s`), and a URL may be encoded twice (`%252F`).
A hostile prompt also asks for the key in a spelling that gets it past a filter: upper-cased,
reversed, rot13. A key-like secret (letters and digits, no spaces) of `MIN_FORM_LEN` or more
characters is matched in any case, reversed and rot13 too; a word-like one is not, because
`PASSWORD` for a secret `password`, or `desserts` for `stressed`, is an ordinary word.
An echo need not be whole either: between any two characters may stand whitespace, a line break,
a zero-width character or a backslash (a key split across lines, Markdown-escaped, or base64
wrapped at 76 columns), and any run of `MIN_FRAGMENT` or more consecutive characters of a
key-like secret, or of its reverse, rot13, base64 or hex, in any case, is masked alone, so a model
that gives away half a key, or its tail, gives away nothing. Values shorter than `MIN_SECRET_LEN`
are never masked: replacing `EMPTY` or `none` everywhere would shred the logs and hide nothing.
The patterns run on RE2 (linear time, ~10 ms per MB and secret).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import json
import re
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus

import re2

_REF = re.compile(r"\$(\$)?\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)", re.I)
MIN_SECRET_LEN = 6  # "EMPTY", "none", "dummy": placeholders, not secrets; masking them garbles every log
MIN_FORM_LEN = 8    # a derived form (a base64 fragment, an upper-cased key) shorter than this matches innocent text
MIN_FRAGMENT = 12  # a run this long of a key's characters is a partial echo (past "sk-ant-api03" it is the key)
MAX_GAPPED = 64    # a secret up to this long is matched with gaps between its characters (see `_GAP`)
MASK = "***"
# what may stand between two characters of an echoed secret: whitespace (a key split across lines),
# a zero-width or soft-hyphen character, a backslash (Markdown escapes), and the JSON spelling of each
_GAP = (r"(?:[\s\x{00a0}\x{00ad}\x{200b}-\x{200d}\x{2060}\x{feff}]|\\[nrt]|\\|"
        r"\\u(?:00[aA][0dD]|200[bcdBCD]|2060|[fF][eE][fF][fF])|&#8203;|&nbsp;)*")
_AUTH_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9_-]*) +(?P<credential>\S+)$")
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.max_mem = 64 << 20  # a 700-character token needs ~30 MB of DFA; the default 8 MB falls back to slow NFA
_RE2_OPTIONS.log_errors = False  # never a line on stderr from inside the redactor


class MissingEnv(str):
    """Stands in for a `${VAR}` that is not set, in a section that needs it only when used.

    Reads as an empty string; `require_env` turns it into the located error at the point of use.
    """

    def __new__(cls, name: str, error: Exception) -> MissingEnv:
        self = super().__new__(cls, "")
        self.name, self.error = name, error
        return self

    def __repr__(self) -> str:
        return f"MissingEnv({self.name!r})"


def require_env(values: Any) -> None:
    """Raise the deferred error of the first unset `${VAR}` found in a (nested) config value."""
    if isinstance(values, MissingEnv):
        raise values.error
    if isinstance(values, dict) or hasattr(values, "items"):
        for value in values.values():
            require_env(value)
    elif isinstance(values, (list, tuple)):
        for value in values:
            require_env(value)


class Secret(str):
    """A str whose repr never shows the value (so a stray log line of a config leaks nothing)."""

    def __repr__(self) -> str:
        return "Secret('***')"


def interpolate(text: str, ctx: Any, path: tuple, *, secret: bool = False) -> str:
    """Replace `${VAR}` / `${VAR:-default}`; `$${VAR}` stays literal `${VAR}`."""
    if "${" not in text:
        if secret and text:
            ctx.secrets.add(text)
            return Secret(text)
        return text
    found_secret = secret

    def sub(m: re.Match) -> str:
        nonlocal found_secret
        if m.group(1):
            return m.group(0)[1:]
        name, default = m.group(2), m.group(3)
        value = ctx.env.get(name)
        # An empty secret is as good as none (Actions passes "" for a secret that is not defined, or
        # on a fork's pull request): the call would fail with a 401 on every item.
        empty_secret = value == "" and default is None and (secret or looks_secret(name))
        if value is None or (value == "" and default is not None) or empty_secret:
            if default is None:
                state = "is set but empty" if empty_secret else "is not set"
                error = ctx.fail(path, f"environment variable {name} {state}",
                                 fix=f"export {name}=... (in Actions: add it under `env:` from a secret), "
                                     f"or write ${{{name}:-default}}")
                if path and path[0] in ctx.defer_missing:
                    raise _Deferred(MissingEnv(name, error))
                raise error
            value = default
        elif looks_secret(name):
            found_secret = True
        return value

    try:
        out = _REF.sub(sub, text)
    except _Deferred as deferred:
        return deferred.value
    if found_secret:
        if out:
            ctx.secrets.add(out)
        return Secret(out)
    return out


class _Deferred(Exception):
    def __init__(self, value: MissingEnv) -> None:
        self.value = value


def looks_secret(variable: str) -> bool:
    return bool(_SECRET_NAME.search(variable))


# Stricter than `looks_secret`: these values are redacted from all output without the config asking,
# so `KEYMAP=english` must not turn every "english" into ***. The runner's own ACTIONS_* tokens are
# never printed by lmgate and are left to the runner's masking.
_ENV_SECRET = re.compile(r"(^|_)(API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)$|SECRET|TOKEN|PASSWORD",
                         re.I)


def secret_env_values(env: Any) -> list[str]:
    """Values of environment variables named like secrets (GITHUB_TOKEN, HF_TOKEN, LLM_API_KEY)."""
    return [v for k, v in env.items() if isinstance(v, str) and _ENV_SECRET.search(k)
            and not k.startswith(("ACTIONS_", "RUNNER_")) and len(v) <= 4096]


def _char_forms(c: str) -> set[str]:
    """Every spelling of one character in the formats lmgate writes (and one JSON layer more)."""
    forms = {c, json.dumps(c)[1:-1], json.dumps(c, ensure_ascii=False)[1:-1]}
    units = c.encode("utf-16-be")
    hexes = [units[i:i + 2].hex() for i in range(0, len(units), 2)]
    forms.add("".join(f"\\u{h}" for h in hexes))
    forms.add("".join(f"\\u{h.upper()}" for h in hexes))
    if c == "/":
        forms.add("\\/")
    # `%2F` is also written `%2f`; but a letter that needs no escape is not lower-cased with them, or
    # every secret would match its lower-cased self (`Secret` the word `secret`): see `_case_free`
    escaped = [q for q in (quote(c, safe=""), quote(c, safe="").lower()) if q.startswith("%")]
    forms |= {html.escape(c), f"&#{ord(c)};", f"&#x{ord(c):x};", f"&#x{ord(c):X};", quote(c, safe=""),
              quote_plus(c, safe=""), *escaped}
    if c == "'":
        forms.add("&apos;")
    forms |= {f"%25{q[1:]}" for q in escaped}
    forms |= {json.dumps(f)[1:-1] for f in list(forms)}  # an escaped echo, written into JSON again
    return forms


def _char_pattern(c: str) -> str:
    literals = sorted(map(re.escape, _char_forms(c)), key=len, reverse=True)
    # numeric character references with any leading zeros and without the `;` (HTML5 accepts both)
    hexdigits = "".join(f"[{d.lower()}{d.upper()}]" if d.isalpha() else d for d in f"{ord(c):x}")
    return "(?:" + "|".join([*literals, f"&#0*{ord(c)};?", f"&#[xX]0*{hexdigits};?"]) + ")"


def _pattern(form: str, gap: bool = True, encoded: bool = False) -> str:
    """`encoded`: a base64, base32 or hex form, whose letters and digits no one writes as entities or
    `\\u` escapes; only its `+/=-_` are spelled every way (a URL or JSON string escapes them)."""
    return (_GAP if gap else "").join(c if encoded and c.isascii() and c.isalnum() else _char_pattern(c)
                                      for c in form)


def _hex_forms(value: str) -> list[str]:
    data = value.encode("utf-8").hex()
    return [data, data.upper()]


def _keylike(value: str) -> bool:
    """Letters and digits, no spaces: a token, not a header such as `application/json` or prose."""
    return (not any(c.isspace() for c in value)
            and any(c.isdigit() for c in value) and any(c.isalpha() for c in value))


def _fragmentable(value: str) -> bool:
    """A key-like secret: a long run of its characters is a leak. A header such as `application/json`
    or `Customer Support` is not, and its parts stay readable."""
    return len(value) > MIN_FRAGMENT and _keylike(value)


def _case_free(value: str) -> bool:
    """Whether `value` is also matched in any case, reversed and rot13: only a key-like secret of
    `MIN_FORM_LEN`+ characters. `PASSWORD` for a secret `password` is an ordinary word; a shorter
    key's variants (`AB12CD` for `ab12cd`) turn up in hashes and ids."""
    return len(value) >= MIN_FORM_LEN and _keylike(value)


def reordered_forms(value: str) -> list[str]:
    """The key's own characters in another order or alphabet: reversed, and rot13 (what a prompt asks
    for to get a key past a filter). Only for a key that `_case_free` admits: reversed, `stressed` is
    `desserts`."""
    if not _case_free(value):
        return []
    return [f for f in dict.fromkeys([value[::-1], codecs.encode(value, "rot13")]) if f != value]


def base64_fragments(value: str) -> list[str]:
    """The characters of base64(value) that depend on `value` alone, at each of the 3 byte offsets
    the value can have inside a longer encoded blob (e.g. `Basic base64(user:key)`); and, for a value
    that ends the blob, the same with its last group and padding (which then depend on it alone too)."""
    data, out = value.encode("utf-8"), []
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        for pad in range(3):
            encoded = encode(b"\0" * pad + data).decode("ascii")
            start, end = (0, 2, 3)[pad], 4 * ((pad + len(data)) // 3)  # drop groups shared with neighbours
            out += [encoded[start:], encoded[start:].rstrip("="), encoded[start:end]]
    return [f for f in dict.fromkeys(out) if len(f) >= MIN_FORM_LEN]


def base32_fragments(value: str) -> list[str]:
    """As `base64_fragments`, for base32: 5-byte groups of 8 characters, so 5 offsets. Upper case, as
    `b32encode` writes it; the redactor matches it in any case (`b32decode` takes either)."""
    data, out = value.encode("utf-8"), []
    for pad in range(5):
        encoded = base64.b32encode(b"\0" * pad + data).decode("ascii")
        # the first character all of whose 5 bits are the value's; the groups shared with neighbours
        start, end = -(-8 * pad // 5), 8 * ((pad + len(data)) // 5)
        out += [encoded[start:], encoded[start:].rstrip("="), encoded[start:end]]
    return [f for f in dict.fromkeys(out) if len(f) >= MIN_FORM_LEN]


def literal_forms(value: str) -> list[str]:
    """Whole-value spellings of a secret, for `::add-mask::` (the runner matches literals only)."""
    forms = [value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1],
             json.dumps(value)[1:-1].replace("/", "\\/"), "".join(f"\\u{ord(c):04x}" for c in value),
             html.escape(value), quote(value, safe=""), quote_plus(value, safe=""),
             base64.b64encode(value.encode()).decode(), base64.urlsafe_b64encode(value.encode()).decode()]
    forms += base64_fragments(value) + _hex_forms(value) + reordered_forms(value)
    forms += [value.upper(), value.lower()] if _case_free(value) else []
    forms += [f for fragment in base32_fragments(value) for f in (fragment, fragment.lower())]
    return [f for f in dict.fromkeys(forms) if len(f) >= MIN_SECRET_LEN]


def credential_parts(value: str) -> list[str]:
    """`Bearer XYZ` -> `XYZ`; `Basic base64(user:pass)` -> also `user:pass` and `pass`: what a server echoes."""
    m = _AUTH_SCHEME.match(value.strip())
    if not m:
        return []
    credential = m.group("credential")
    parts = [credential]
    if m.group("scheme").lower() == "basic":
        try:
            decoded = base64.b64decode(credential, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        parts += [decoded, decoded.partition(":")[2]] if decoded else []
    return parts


class Redactor:
    """Replaces every known secret, in every form listed above, by `***`. Callable: `redact(text)`.

    Thread-safe: `add` builds the new patterns and swaps them in at once."""

    def __init__(self, values: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()
        self._patterns: tuple[Any, ...] = ()
        self._fragments: tuple[Any, dict[str, list[tuple[str, int]]]] | None = None
        self.add(values)

    def add(self, values: Iterable[str]) -> list[str]:
        """Learn `values` (and the credential inside an `Authorization` value); return the new ones."""
        fresh = []
        for value in values:
            for candidate in (str(value), *credential_parts(str(value))):
                if len(candidate) >= MIN_SECRET_LEN and candidate not in self._values and candidate not in fresh:
                    fresh.append(candidate)
        if fresh:
            with self._lock:
                self._values.update(fresh)
                # longest first, so a secret that contains another is masked whole
                ordered = sorted(self._values, key=len, reverse=True)
                self._patterns = tuple(re2.compile(_secret_pattern(v), _RE2_OPTIONS) for v in ordered)
                self._fragments = _fragment_index(ordered)
        return fresh

    def known(self, values: Iterable[str]) -> set[str]:
        """Which of `values`, and of the credentials inside them, this redactor masks."""
        return {c for v in values for c in (str(v), *credential_parts(str(v))) if c in self._values}

    @property
    def values(self) -> frozenset[str]:
        return frozenset(self._values)

    def __bool__(self) -> bool:
        return bool(self._patterns)

    def __call__(self, text: str) -> str:
        patterns = self._patterns
        if not patterns or not text:
            return text
        try:
            for pattern in patterns:
                text = pattern.sub(MASK, text)
            return _mask_fragments(text, self._fragments)
        except UnicodeEncodeError:  # a lone surrogate (JSON allows "\ud800"): RE2 reads UTF-8 only
            return self(text.encode("utf-8", "replace").decode("utf-8"))


def _matched_forms(value: str) -> dict[str, bool]:
    """Each form the redactor matches for `value`, and whether in any case: the encodings whose
    alphabet has one case (hex, base32) always; every form of a key that `_case_free` admits too (an
    upper-cased key is the key, and so is upper-cased base64 to anyone who tries the cases)."""
    case_free = _case_free(value)
    forms = {f: case_free for f in (value, *reordered_forms(value), *base64_fragments(value))}
    for form in (*base32_fragments(value), *_hex_forms(value)):
        forms.setdefault(form, True)
    # one alternative per spelling: `ABC` matched in any case makes `abc` redundant (and the DFA bigger)
    unique: dict[str, tuple[str, bool]] = {}
    for form, free in forms.items():
        unique.setdefault(form.lower() if free else form, (form, free))
    return dict(unique.values())


def _secret_pattern(value: str) -> str:
    """One RE2 alternation of every form of `value`, longest first (a form containing another is masked whole)."""
    # gaps in a long key's pattern would outgrow RE2's DFA (20× slower); its runs are masked anyway.
    # So would its reversed and rot13 forms beside its base32 (a 2000-character key: 130 ms per MB
    # instead of 2); the run index masks them whole, a run extended to the end.
    gapped = len(value) <= MAX_GAPPED
    reordered = set(reordered_forms(value))
    forms = sorted(((f, case_free) for f, case_free in _matched_forms(value).items() if gapped or f not in reordered),
                   key=lambda item: len(item[0]), reverse=True)
    patterns = ((_pattern(f, gapped, encoded=f != value and f not in reordered), case_free) for f, case_free in forms)
    return "|".join(f"(?i:{p})" if case_free else p for p, case_free in patterns)


def _fragment_index(values: list[str]) -> tuple[Any, dict[str, list[tuple[str, int]]]] | None:
    """One RE2 of every `MIN_FRAGMENT`-long run of each key-like secret's forms, in any case, and
    where each run starts. Runs are keyed, and their forms kept, lower-cased."""
    starts: dict[str, list[tuple[str, int]]] = {}
    for secret in values:
        if not _fragmentable(secret):
            continue
        # its reversed, rot13, base64 and hex forms are key-like too: a cut blob leaves runs of them.
        # Not base32: 5 offsets of runs would outgrow RE2's DFA budget for a long key (30× slower),
        # and a short key's base32 is matched whole, gaps and all.
        forms = (secret, *reordered_forms(secret), *base64_fragments(secret), *_hex_forms(secret))
        for value in dict.fromkeys(f.lower() for f in forms):
            for i in range(len(value) - MIN_FRAGMENT + 1):
                starts.setdefault(value[i:i + MIN_FRAGMENT], []).append((value, i))
    if not starts:
        return None
    return re2.compile("(?i)" + "|".join(map(re.escape, sorted(starts))), _RE2_OPTIONS), starts


def _mask_fragments(text: str, index: tuple[Any, dict[str, list[tuple[str, int]]]] | None) -> str:
    """Mask each run of `MIN_FRAGMENT`+ consecutive characters of a secret, in any case, extended as
    far as it goes."""
    if index is None:
        return text
    pattern, starts = index
    spans: list[list[int]] = []
    for m in pattern.finditer(text):
        start, end = m.span()
        # RE2 folds a few letters that `str.lower` keeps apart (`ſ` and `s`): such a run is masked, not extended
        for value, i in starts.get(m.group(0).lower(), ()):
            stop, j = end, i + MIN_FRAGMENT
            while stop < len(text) and j < len(value) and text[stop].lower() == value[j]:
                stop, j = stop + 1, j + 1
            end = max(end, stop)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], MASK]
        last = end
    return "".join([*out, text[last:]])


REDACTOR = Redactor()


def protect(values: Iterable[str]) -> list[str]:
    """Register secrets with the process-wide redactor; return the newly learned ones (to mask)."""
    return REDACTOR.add(values)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` without any secret this process knows (plus `secrets`, which it learns)."""
    if secrets:
        REDACTOR.add(secrets)
    return REDACTOR(text)
