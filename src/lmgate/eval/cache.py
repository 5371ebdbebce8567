"""The response cache: SQLite in WAL mode, content-addressed, and trusted only when lmgate wrote it.

The key is a SHA-256 of what determines an answer: the provider's identity (type, endpoint,
model, params — never a key or token), the fully rendered messages and the sample index. So the
unchanged side of a base-vs-head comparison, and every item a killed run already answered, cost
no call. Only successes are stored.

A cache is input like any other, and a pull request can carry one: forged all-correct answers
committed as `.lmgate/cache/` would pass every gate with no model call. So every entry carries an
HMAC-SHA256 of its key and value under a key that is never in the repository: `$LMGATE_CACHE_KEY`
when set, else a random key kept 0600 in `hmac.key` beside the cache (when the cache is outside
the checkout, as in CI) or in the user's cache folder (`$XDG_CACHE_HOME/lmgate/`, locally). An
entry whose HMAC does not verify is not an answer: it is counted, reported, and the model is
asked. Where the cache lives is decided by `cache_location` (below).

Crash safety: an answer is committed before the runner counts it or writes its item, so a
`kill -9` loses at most the calls in flight. WAL with `synchronous=NORMAL` makes each commit an
append to the log without an fsync, which survives a killed process (not a power cut) and lets
several processes read and write at once. A cache file that is not a database (truncated,
garbage) is set aside with a notice and a new one started: a cache is never a reason to fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from lmgate import paths
from lmgate.errors import InputError, Location
from lmgate.eval.providers.base import Completion, TokenLogprob
from lmgate.secrets import REDACTOR

FILE = "responses.sqlite3"
KEY_FILE = "hmac.key"
KEY_ENV = "LMGATE_CACHE_KEY"
DIR_ENV = "LMGATE_CACHE_DIR"
_COMPANIONS = (f"{FILE}-wal", f"{FILE}-shm", f"{FILE}-journal")
# `responses` (no HMAC) was the table of lmgate before 0.2: its entries cannot be authenticated and are never read.
_SCHEMA = ("CREATE TABLE IF NOT EXISTS answers "
           "(key TEXT PRIMARY KEY, value TEXT NOT NULL, mac TEXT NOT NULL, created REAL)")
_PR_EVENTS = ("pull_request", "pull_request_target")


def cache_key(identity: Mapping[str, Any], messages: Sequence[Mapping[str, str]], sample: int) -> str:
    blob = json.dumps([identity, list(messages), sample], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def cache_location(configured: Path, *, env: Mapping[str, str], checkout: Sequence[Path],
                   notice: Callable[[str], None]) -> Path:
    """Where this run's cache lives.

    `$LMGATE_CACHE_DIR` when set (the workflow chose it); in GitHub Actions `$RUNNER_TEMP/lmgate-cache`,
    outside the checkout, carried between runs by the templates' `actions/cache` step; elsewhere
    `cache_dir` of lmgate.yaml (default `.lmgate/cache`). On a pull request a cache inside the
    checkout is never used: the pull request may have committed it."""
    in_actions = env.get("GITHUB_ACTIONS") == "true"
    temp = Path(env.get("RUNNER_TEMP") or "/tmp") / "lmgate-cache"
    chosen = Path(os.path.abspath(env[DIR_ENV])) if env.get(DIR_ENV) else temp if in_actions else configured
    if env.get("GITHUB_EVENT_NAME") in _PR_EVENTS:
        for candidate in dict.fromkeys((chosen, configured)):
            if _inside(candidate, checkout) and (candidate == chosen or (candidate / FILE).exists()):
                notice(f"the response cache in the checkout ({candidate}) is ignored on a pull "
                       "request: the pull request may have committed it. lmgate caches under "
                       f"{temp if chosen == candidate else chosen} instead")
        if _inside(chosen, checkout):
            chosen = temp
    return chosen


def hmac_key(folder: Path, *, env: Mapping[str, str], checkout: Sequence[Path], notice: Callable[[str], None]) -> bytes:
    """The key entries are authenticated with: never read from, or written into, the checkout."""
    if env.get(KEY_ENV):
        return hashlib.sha256(env[KEY_ENV].encode()).digest()
    if not _inside(folder, checkout):
        where = folder
    else:
        home = env.get("XDG_CACHE_HOME") or os.path.join(env.get("HOME") or os.path.expanduser("~"), ".cache")
        where = Path(home) / "lmgate"
    path = where / KEY_FILE
    try:
        return _read_or_create_key(path)
    except (OSError, ValueError) as exc:
        notice(f"cannot keep the response cache's key in {path} ({exc}); answers cached by this run will not be "
               f"trusted by the next one. Set {KEY_ENV} or make the folder writable")
        return secrets.token_bytes(32)


def _read_or_create_key(path: Path) -> bytes:
    for _ in range(3):
        data = paths.read_bytes(path, root=path.parent, limit=4096)
        if data is not None:
            key = bytes.fromhex(data.decode("ascii").strip())
            if len(key) < 16:
                raise ValueError("the key file is too short")
            return key
        # Written whole under a private name, then linked into place, which fails if the key exists:
        # a process starting beside this one never reads a key file that is still empty (it took
        # that for a broken key, used a random one, and the next run distrusted its answers).
        draft = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        with paths.open_for_write(draft, root=path.parent, exclusive=True, perms=0o600) as fh:
            fh.write(secrets.token_hex(32) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            continue  # another process created it first: read theirs
        finally:
            draft.unlink()
    raise ValueError("the key file keeps changing")


class ResponseCache:
    """Thread-safe (one connection behind a lock) and process-safe (SQLite's own locking).

    `rejected` counts entries whose HMAC did not verify; `notice(message)` reports what was
    ignored or set aside."""

    def __init__(self, folder: Path, *, key: bytes, root: Path | None = None,
                 notice: Callable[[str], None] | None = None) -> None:
        self.folder, self.path = folder, folder / FILE
        self._root, self._key = root, key
        self._notice = notice or (lambda message: None)
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        self._rejected: set[str] = set()
        self.closed = False
        self._open()

    def _open(self) -> None:
        paths.ensure_file_slot(self.path, root=self._root, names=_COMPANIONS)
        try:
            try:
                self._db = self._connect()
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError):
                    raise
                self._set_aside(exc)
                self._db = self._connect()
        except sqlite3.OperationalError as exc:  # unwritable folder, full disk, locked past the timeout
            raise InputError(f"cannot open the response cache {self.path}: {exc}", where=Location(str(self.path)),
                             fix="make its folder writable (or point cache_dir elsewhere), or run with --no-cache") \
                from None

    def _connect(self, attempts: int = 100) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        # Two processes opening a new cache at once race to switch it to WAL; SQLite answers that
        # race with an immediate "database is locked" (its busy timeout does not cover it), so retry.
        try:
            for attempt in range(attempts):
                try:
                    db.execute("PRAGMA journal_mode=WAL")
                    db.execute("PRAGMA synchronous=NORMAL")
                    db.execute(_SCHEMA)
                    db.execute("SELECT count(*) FROM answers WHERE key = ''").fetchone()
                    return db
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or attempt == attempts - 1:
                        raise
                    time.sleep(0.05)
        except BaseException:
            db.close()
            raise
        raise AssertionError("unreachable")

    def _set_aside(self, exc: BaseException) -> None:
        """Move a cache file that is not a usable database out of the way; start a new one."""
        stamp = time.strftime("%Y%m%dT%H%M%S")
        for name in (FILE, *_COMPANIONS):
            source = self.folder / name
            if source.is_file() and not source.is_symlink():
                os.replace(source, self.folder / f"{name}.corrupt-{stamp}")
        self._notice(f"the response cache {self.path} is not a usable database ({exc}); it was set aside as "
                     f"{FILE}.corrupt-{stamp} and a new cache started")

    def _guarded(self, work: Callable[[], Any], fallback: Any) -> Any:
        """Run `work` on the database; a cache found corrupt midway is set aside and `fallback` returned."""
        try:
            return work()
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._set_aside(exc)
            self._db = self._connect()
            return fallback

    @property
    def rejected(self) -> int:
        """How many entries were refused because their HMAC did not verify."""
        return len(self._rejected)

    def _verified(self, rows: Sequence[tuple[str, str, str]]) -> dict[str, str]:
        good = {}
        for key, value, mac in rows:
            if hmac.compare_digest(str(mac), self._mac(key, value)):
                good[key] = value
            else:
                self._rejected.add(key)
        return good

    def _mac(self, key: str, value: str) -> str:
        return hmac.new(self._key, f"{key}\0{value}".encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def _select(self, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i:i + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, value, mac FROM answers WHERE key IN ({marks})", chunk).fetchall()
            found.update(self._verified(rows))
        return found

    def get(self, key: str) -> Completion | None:
        with self._lock:
            value = self._guarded(lambda: self._select([key]), {}).get(key)
            if value is None:
                self.misses += 1
                return None
            self.hits += 1
        return _decode(value)

    def get_many(self, keys: Sequence[str]) -> dict[str, Completion]:
        """The authentic stored answers among `keys`, in one query per batch (counted as hits)."""
        with self._lock:
            found = self._guarded(lambda: self._select(keys), {})
            self.hits += len(found)
        return {key: _decode(value) for key, value in found.items()}

    def answered(self, keys: Sequence[str]) -> set[str]:
        """Which of `keys` hold an authentic answer (for the spend estimate), without counting hits."""
        with self._lock:
            return set(self._guarded(lambda: self._select(keys), {}))

    def put(self, key: str, completion: Completion) -> None:
        """Store and commit one answer (redacted) before the caller counts it as done."""
        value = REDACTOR(json.dumps({
            "text": completion.text, "prompt_tokens": completion.prompt_tokens,
            "completion_tokens": completion.completion_tokens, "latency_s": completion.latency_s,
            "logprobs": [[t.token, t.logprob] for t in completion.logprobs] if completion.logprobs is not None
            else None}))
        mac = self._mac(key, value)

        def write() -> None:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, strftime('%s','now'))", (key, value, mac))

        with self._lock:
            if self.closed:  # an abandoned call answering after the run ended (eval --deadline)
                return
            self._guarded(write, None)

    def close(self) -> None:
        with self._lock:
            if not self.closed:
                self.closed = True
                self._db.close()


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    """Whether `path` is in (or is) one of `roots`, as written or with links resolved."""
    forms = {Path(os.path.abspath(path)), Path(os.path.realpath(path))}
    for root in roots:
        for r in {Path(os.path.abspath(root)), Path(os.path.realpath(root))}:
            if any(p == r or r in p.parents for p in forms):
                return True
    return False


def _decode(value: str) -> Completion:
    d = json.loads(value)
    logprobs = tuple(TokenLogprob(t, lp) for t, lp in d["logprobs"]) if d.get("logprobs") is not None else None
    return Completion(text=d["text"], prompt_tokens=d.get("prompt_tokens"),
                      completion_tokens=d.get("completion_tokens"), logprobs=logprobs,
                      latency_s=d.get("latency_s") or 0.0, extra={"cached": True})
