"""`--shard I/N`: split a suite's items across matrix jobs, deterministically by item id.

An item belongs to shard I when sha256(id) mod N == I − 1: stable across machines, Python
versions and dataset order (unlike `hash()`), so every job picks the same disjoint slice. The
dataset fingerprint is taken before sharding; `lmgate merge` uses it to prove no item is missing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from lmgate.errors import ConfigError

_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """"2/4" -> (2, 4); None or "" -> None (no sharding)."""
    if text is None or not str(text).strip():
        return None
    m = _SHARD.fullmatch(str(text))
    if not m:
        raise ConfigError(f"--shard {text!r} is not of the form I/N", key="shard",
                          fix="write the 1-based shard index and the shard count, e.g. --shard 2/4")
    index, count = int(m.group(1)), int(m.group(2))
    if count < 1 or not 1 <= index <= count:
        raise ConfigError(f"--shard {text!r}: the index must be between 1 and the count ({count})", key="shard",
                          fix="in a matrix write `--shard ${{ matrix.shard }}/N` with shard: [1, 2, …, N]")
    return index, count


def _bucket(item_id: Any, count: int) -> int:
    return int.from_bytes(hashlib.sha256(str(item_id).encode("utf-8")).digest()[:8], "big") % count


def belongs(item_id: Any, index: int, count: int) -> bool:
    return _bucket(item_id, count) == index - 1


def dataset_fingerprint(ids: Iterable[Any]) -> dict[str, Any]:
    """{n_total, ids_sha256} of the full dataset's ids (order-independent)."""
    keys = sorted(str(i) for i in ids)
    return {"n_total": len(keys), "ids_sha256": hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()}
