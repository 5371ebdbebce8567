"""Which files `lmgate lint` reads: the paths given on the command line, or `lint.paths` globs.

A folder is walked for files some format recognises (by name, then by content, or by a
`lint.formats` glob), skipping `node_modules` and hidden folders (unless a `lint.paths` glob names
one, as `.github/prompts/**`); a file named explicitly is always read (and becomes SYN001 if no
format knows it). `lint.exclude` globs apply to both; symlinks leading out of the folder are skipped.
Every glob (paths, exclude, formats, per_file_ignores) has .gitignore's meaning, through pathspec.
`read_all` then reads and parses each file once, for every rule.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pathspec

from lmgate.errors import InputError, Location
from lmgate.paths import first_link
from lmgate.prompts import formats, reading
from lmgate.prompts.model import ParseProblem, Position, Prompt

SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv"}


@functools.lru_cache(maxsize=256)
def path_spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    """Globs as .gitignore reads them: `*` stays in a folder, `**` spans folders, a glob without `/`
    matches at any depth, `!` re-includes, the last match wins; `./x` is `x` at the lint root."""
    return pathspec.GitIgnoreSpec.from_lines("/" + _rooted(p) if p.startswith("./") else p for p in patterns)


def _rooted(pattern: str) -> str:
    while pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern


def matches(path: str, patterns: Sequence[str]) -> bool:
    return bool(patterns) and path_spec(tuple(patterns)).match_file(path)


def format_override(rel: str, overrides: Mapping[str, str]) -> ModuleType | None:
    """The format a `lint.formats` glob gives the file (the first that matches), or None."""
    name = next((name for pattern, name in overrides.items() if matches(rel, (pattern,))), None)
    return None if name is None else formats.get(name)


def discover(paths: Sequence[str], root: Path, lint: Mapping) -> list[Path]:
    exclude = list(lint.get("exclude") or ())
    overrides = lint.get("formats") or {}
    found: dict[Path, None] = {}
    if paths:
        for raw in paths:
            path = Path(raw) if Path(raw).is_absolute() else Path.cwd() / raw
            _refuse_link_out(raw, path, root)
            if path.is_file():
                found[path] = None
            elif path.is_dir():
                found.update(dict.fromkeys(_walk(path, root, exclude, overrides)))
            else:
                raise InputError("no such file or folder", where=Location(raw),
                                 fix="pass existing prompt files or folders, or none to use lint.paths")
    else:
        patterns = list(lint.get("paths") or ())
        # hidden folders are walked only when a glob names them (`.github/prompts/**`)
        hidden = {part for p in patterns for part in p.split("/") if part.startswith(".") and part.strip(".")}
        for path in _walk(root, root, exclude, overrides, hidden):
            if matches(reading.relative(path, root), patterns):
                found[path] = None
    return sorted(found)


def _refuse_link_out(raw: str, path: Path, root: Path) -> None:
    """A named file or folder inside the repository that leads out of it through a link is bad input.

    A workflow names `prompts/`; a pull request may make it `prompts -> /home/runner/.ssh`."""
    inside = Path(os.path.abspath(root))
    if inside not in Path(os.path.abspath(path)).parents:
        return  # outside the repository: named by whoever runs lmgate, read as given
    if not _escapes(path, inside) or path.resolve() == inside.resolve():
        return
    link = first_link(inside, path) or path
    raise InputError(f"{raw!r} leads out of the repository through the symbolic link "
                     f"{os.path.relpath(link, inside)!r}; it was not read", where=Location(raw),
                     fix="remove the link (`git rm` it if it was committed), or name a real file or folder")


def _walk(top: Path, root: Path, exclude: list[str], overrides: Mapping[str, str],
          hidden: Collection[str] = ()) -> Iterable[Path]:
    """Prompt files under `top` (scandir with plain strings: pathlib on every entry was half the walk)."""
    folders = [str(top)]
    while folders:
        try:
            with os.scandir(folders.pop()) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir():  # a symlinked folder is not followed, as os.walk does not
                if not entry.is_symlink() and entry.name not in SKIP_DIRS and \
                        (not entry.name.startswith(".") or entry.name in hidden):
                    folders.append(entry.path)
                continue
            if not entry.is_file():  # a FIFO would block the read, a socket or broken link has nothing
                continue
            path = Path(entry.path)
            rel = reading.relative(path, root) if exclude or overrides else ""  # relpath is the slow part
            if matches(rel, exclude) or (entry.is_symlink() and _escapes(path, top)):
                continue
            if _is_prompt(path, rel, overrides):
                yield path


def _escapes(path: Path, top: Path) -> bool:
    """A symlink in a PR pointing out of the checkout (`-> /etc/passwd`) is never read."""
    resolved, top = path.resolve(), top.resolve()
    return top not in resolved.parents


def _is_prompt(path: Path, rel: str, overrides: Mapping[str, str]) -> bool:
    if format_override(rel, overrides) is not None:
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(reading.HEAD_CHARS).decode("utf-8", "replace")
    except OSError:
        return False
    return reading.detect(path, head) is not None


@dataclass
class Corpus:
    sources: dict[str, str] = field(default_factory=dict)           # path -> text
    kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)  # path -> suppression syntaxes
    prompts: list[Prompt] = field(default_factory=list)
    problems: list[ParseProblem] = field(default_factory=list)


def read_all(files: Sequence[Path], root: Path, overrides: Mapping[str, str]) -> Corpus:
    corpus = Corpus()
    for path in files:
        rel = reading.relative(path, root)
        text, problem = reading.read_text(path, rel)
        module = None if problem else format_override(rel, overrides) or reading.detect(path, text[:reading.HEAD_CHARS])
        if problem or module is None:
            corpus.problems.append(problem or ParseProblem(rel, reading.UNKNOWN, Position(1)))
            continue
        corpus.sources[rel], corpus.kinds[rel] = text, tuple(getattr(module, "COMMENTS", ()))
        got, bad = reading.parse_text(module, rel, text)
        corpus.prompts += got
        corpus.problems += bad
    return corpus
