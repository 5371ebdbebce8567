"""The traffic-backend contract: read the split with an etag, write it only if the etag still matches."""

from __future__ import annotations

import hashlib
import math
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from lmgate import paths
from lmgate.errors import InputError, Location
from lmgate.secrets import REDACTOR


class LostRace(Exception):  # a normal outcome of compare-and-swap, handled by the controller
    """Someone else wrote the split (or state) since we read it; re-read and decide again."""


class UnreadableSplit(InputError):
    """The backend holds something that is no split at all (a routing file of garbage bytes, or YAML that
    is a scalar or a list). Every command refuses it, except a rollback: the emergency path may not be
    blocked by the very damage it is run to repair, so it overwrites the content with compare-and-swap on
    `etag` and puts `found` (what it replaced) on record."""

    def __init__(self, message: str, *, etag: str, found: str, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.etag, self.found = etag, found


@dataclass(frozen=True)
class Split:
    """The canary's share of traffic, the etag it was read at, and which tick wrote it last."""

    weight: float
    etag: str
    marker: str | None = None      # "<rollout id>/<tick id>" of the lmgate tick that wrote it
    stable: str | None = None
    canary: str | None = None


# a routing document's shape, as error messages show it (between backticks)
ROUTING_SHAPE = "stable: {version: V}` / `canary: {version: C, weight: N}"
# what reading a routing document that is no split raises (see `routing_split`)
NOT_A_SPLIT = (yaml.YAMLError, UnicodeDecodeError, AttributeError, TypeError, ValueError)


def routing_split(data: bytes, etag: str) -> Split:
    """The split a routing document (`stable: {version: V}`, `canary: {version: C, weight: N}`,
    `updated_by`) holds; an empty one routes nothing to the canary. Raises one of NOT_A_SPLIT, saying
    why, when it is no such mapping: the backend turns that into `UnreadableSplit` with its own place."""
    doc = yaml.safe_load(data.decode("utf-8")) or {}
    if not isinstance(doc, dict):
        raise TypeError(f"it holds a YAML {type(doc).__name__}, not a mapping")
    canary, stable = doc.get("canary") or {}, doc.get("stable") or {}
    return Split(float(canary.get("weight") or 0), etag, doc.get("updated_by"), stable.get("version"),
                 canary.get("version"))


@dataclass(frozen=True)
class Target:
    rollout: str
    tick: str
    stable: str
    candidate: str
    action: str                    # start | advance | promote | rollback | hold (the same weight written
                                   # again, to learn whether a write given up on landed: Controller.apply's claim)

    @property
    def marker(self) -> str:
        return f"{self.rollout}/{self.tick}"


class Backend(Protocol):
    NAME: str

    def read(self) -> Split: ...

    def write(self, weight: float, etag: str, target: Target) -> str:
        """Set the canary weight if `etag` is still current; return the new etag or raise LostRace."""

    def exists(self, revision: str) -> bool | None:
        """Whether the candidate revision exists (None: this backend cannot tell)."""


def read_split(backend: Backend) -> Split:
    """The backend's split, refused (InputError) unless it is one lmgate can act on: a routing file or
    service edited by hand may say weight -5, 1e999 or NaN, or name a version with a list; taken as is,
    a start copied that into a state no command could read back, and every comparison with it misled."""
    split = backend.read()
    weight = split.weight if isinstance(split.weight, (int, float)) and not isinstance(split.weight, bool) \
        else math.nan
    names = {"marker": split.marker, "stable version": split.stable, "canary version": split.canary}
    bad = [f"{k} {v!r}"[:200] for k, v in names.items() if v is not None and not isinstance(v, str)]
    if not 0 <= weight <= 100:
        bad.insert(0, f"weight {split.weight!r}")
    if bad:
        where = getattr(backend, "rel", None) or getattr(backend, "NAME", "the traffic backend")
        raise InputError(f"the traffic split is not a valid split: {', '.join(bad)}", where=Location(str(where)),
                         fix="restore a canary weight from 0 to 100 and version names, or roll back by hand")
    return split


@dataclass(frozen=True)
class Deps:
    """What a backend or source may use: the repository root, an HTTP session, environment, clients."""

    root: Path
    env: Mapping[str, str]
    session: Any = None
    github: Any = None
    hf_api: Any = None


def content_etag(data: bytes) -> str:
    """Git's blob id of the content: the same value the contents API calls `sha`."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def read_file(path: Path) -> tuple[str, str]:
    data = path.read_bytes() if path.exists() else b""
    return data.decode("utf-8"), content_etag(data)


def write_file_if(path: Path, etag: str, text: str, display: str, root: Path | None = None) -> str:
    """Replace the file only if its content still has `etag`: compare and swap under an exclusive lock,
    so two ticks on one machine cannot both win; the rename keeps the file whole through a crash.
    The file and the lock go through `lmgate.paths` (never through a link; the text is redacted)."""
    # the lock lives outside the checkout so it never shows up in `git status`; created 0600 with
    # O_NOFOLLOW, so a link planted in the shared temp folder is refused, never truncated
    key = hashlib.sha1(str(path.resolve()).encode(), usedforsecurity=False).hexdigest()[:16]
    lock = Path(tempfile.gettempdir()) / f"lmgate-split-{key}.lock"
    with paths.locked(lock, root=lock.parent):
        # compared as bytes: a file that is no text at all (which only a rollback overwrites) has a blob id too
        if content_etag(path.read_bytes() if path.exists() else b"") != etag:
            raise LostRace(f"{display} changed since it was read")
        paths.write_text_atomic(path, text, root=root)
    return content_etag(REDACTOR(text).encode("utf-8"))
