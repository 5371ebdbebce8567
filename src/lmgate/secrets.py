"""`${ENV}` interpolation and secret handling.

A value is a secret when its option says so (API keys, tokens) or when it comes from an
environment variable whose name looks like one (`*_KEY`, `*TOKEN*`, `*SECRET*`, `*PASSWORD*`).
Secrets are collected so the GitHub runtime can `::add-mask::` them before anything is printed,
and `redact()` scrubs them from every file lmgate writes. A missing variable is an error that
names the variable and never echoes any value.
"""

from __future__ import annotations

import re
from typing import Any

_REF = re.compile(r"\$(\$)?\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)", re.I)
MIN_SECRET_LEN = 4  # masking "a" or "1" would shred every log


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
        empty_secret = value == "" and default is None and (secret or _SECRET_NAME.search(name))
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
        elif _SECRET_NAME.search(name):
            found_secret = True
        return value

    try:
        out = _REF.sub(sub, text)
    except _Deferred as deferred:
        return deferred.value
    if found_secret:
        if len(out) >= MIN_SECRET_LEN:
            ctx.secrets.add(out)
        return Secret(out)
    return out


class _Deferred(Exception):
    def __init__(self, value: MissingEnv) -> None:
        self.value = value


def redact(text: str, secrets: frozenset[str] | set[str]) -> str:
    for value in sorted(secrets, key=len, reverse=True):
        if len(value) >= MIN_SECRET_LEN:
            text = text.replace(value, "***")
    return text
