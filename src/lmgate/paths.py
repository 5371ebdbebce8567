"""Paths from config and pull requests stay inside the repository."""

from __future__ import annotations

from pathlib import Path

from lmgate.errors import ConfigError, Location


def inside_root(root: Path, relative: str, where: Location | None = None) -> Path:
    """Resolve `relative` under `root`; refuse absolute paths and `..`/symlink escapes.

    Config comes from pull requests, so a path like `../../etc/passwd` or a symlink pointing out
    of the checkout must never be read or written.
    """
    if not relative:
        raise ConfigError("empty path", where=where, fix="give a path relative to lmgate.yaml")
    candidate = Path(relative)
    if candidate.is_absolute():
        raise ConfigError(f"absolute path {relative!r} is not allowed", where=where,
                          fix="use a path relative to the folder of lmgate.yaml")
    root = root.resolve()
    resolved = (root / candidate).resolve()
    if resolved != root and root not in resolved.parents:
        raise ConfigError(f"path {relative!r} leaves the repository", where=where,
                          fix="keep every path inside the folder of lmgate.yaml (no `..` escapes or "
                              "symlinks pointing outside)")
    return resolved
