"""The response cache: SQLite in WAL mode under `.lmgate/cache/`, content-addressed.

The key is a SHA-256 of what determines an answer: the provider's identity (type, endpoint,
model, params — never a key or token), the fully rendered messages and the sample index. So the
unchanged side of a base-vs-head comparison, and every item a killed run already answered, cost
no call. Only successes are stored. Answers are committed at most 10 ms after they arrive (one
commit per item costs more than the rest of a cached item's work): WAL with `synchronous=NORMAL`
makes a commit an append to the log without an fsync, which survives a `kill -9` of the process
(not a power cut), and lets several processes read and write at once.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from lmgate.eval.providers.base import Completion, TokenLogprob

FILE = "responses.sqlite3"
COMMIT_EVERY_S = 0.01  # answers are committed within 10 ms: a kill -9 loses at most that much work
_SCHEMA = "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL)"


def cache_key(identity: Mapping[str, Any], messages: Sequence[Mapping[str, str]], sample: int) -> str:
    blob = json.dumps([identity, list(messages), sample], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


class ResponseCache:
    """Thread-safe (one connection behind a lock) and process-safe (SQLite's own locking)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / FILE
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        self._setup()
        self.hits = self.misses = 0
        self._committed = time.monotonic()

    def _setup(self, attempts: int = 100) -> None:
        # Two processes opening a new cache at once race to switch it to WAL; SQLite answers that
        # race with an immediate "database is locked" (its busy timeout does not cover it), so retry.
        for attempt in range(attempts):
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute(_SCHEMA)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == attempts - 1:
                    raise
                time.sleep(0.05)

    def get(self, key: str) -> Completion | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM responses WHERE key = ?", (key,)).fetchone()
            if row is None:
                self.misses += 1
                return None
            self.hits += 1
        return _decode(row[0])

    def get_many(self, keys: Sequence[str]) -> dict[str, Completion]:
        """The stored answers among `keys`, in one query per batch (counted as hits)."""
        found: dict[str, Completion] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                chunk = list(keys[i:i + 500])
                marks = ",".join("?" * len(chunk))
                for key, value in self._db.execute(f"SELECT key, value FROM responses WHERE key IN ({marks})", chunk):
                    found[key] = _decode(value)
            self.hits += len(found)
        return found

    def answered(self, keys: Sequence[str]) -> set[str]:
        """Which of `keys` are stored (for the spend estimate), without counting hits."""
        found: set[str] = set()
        with self._lock:
            for i in range(0, len(keys), 500):
                chunk = list(keys[i:i + 500])
                marks = ",".join("?" * len(chunk))
                found.update(r[0] for r in self._db.execute(f"SELECT key FROM responses WHERE key IN ({marks})", chunk))
        return found

    def put(self, key: str, completion: Completion) -> None:
        value = json.dumps({"text": completion.text, "prompt_tokens": completion.prompt_tokens,
                            "completion_tokens": completion.completion_tokens, "latency_s": completion.latency_s,
                            "logprobs": [[t.token, t.logprob] for t in completion.logprobs]
                            if completion.logprobs is not None else None})
        with self._lock:
            if not self._db.in_transaction:
                self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, strftime('%s','now'))", (key, value))
            now = time.monotonic()
            if now - self._committed >= COMMIT_EVERY_S:
                self._db.execute("COMMIT")
                self._committed = now

    def flush(self) -> None:
        with self._lock:
            if self._db.in_transaction:
                self._db.execute("COMMIT")
            self._committed = time.monotonic()

    def close(self) -> None:
        self.flush()
        with self._lock:
            self._db.close()


def _decode(value: str) -> Completion:
    d = json.loads(value)
    logprobs = tuple(TokenLogprob(t, lp) for t, lp in d["logprobs"]) if d.get("logprobs") is not None else None
    return Completion(text=d["text"], prompt_tokens=d.get("prompt_tokens"),
                      completion_tokens=d.get("completion_tokens"), logprobs=logprobs,
                      latency_s=d.get("latency_s") or 0.0, extra={"cached": True})
