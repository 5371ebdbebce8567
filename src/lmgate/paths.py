"""Where lmgate reads and writes: inside the repository, and never through a symbolic link.

Everything in a checkout can come from a pull request, symbolic links included: a committed
`.lmgate -> /home/runner/.ssh`, `eval-items.jsonl -> ~/.bashrc` or `lmgate.yaml -> ~/.aws/credentials`
would otherwise make lmgate write (or read and echo) outside the repository. So:

- paths from the config resolve inside the folder of lmgate.yaml (`inside_root`), and lmgate.yaml
  itself inside the workspace (`check_config_file`), before a byte of it is read;
- every file lmgate writes below a root (the workspace, the config's folder) is opened by walking
  each folder from that root with `O_NOFOLLOW | O_DIRECTORY` and the file itself with `O_NOFOLLOW`:
  a link anywhere on the way is refused (exit 2, naming the link), never followed;
- a path outside every root was chosen by whoever runs lmgate (`--out $RUNNER_TEMP/x`,
  `/dev/stdout`, the runner's `GITHUB_OUTPUT`), not by the pull request, and is opened as given;
- whole files are replaced atomically (a temporary file in the same folder, fsynced, renamed),
  so a crash or kill leaves the old file or the new one, never half of one;
- everything written passes through `lmgate.secrets.REDACTOR`, as UTF-8 (a lone surrogate a
  model sent through JSON becomes `?` rather than a crash).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import uuid
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from lmgate.errors import ConfigError, InputError, Location
from lmgate.secrets import REDACTOR

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_LINK_FIX = ("remove the link (`git rm` it if it was committed) and let lmgate create a real folder or file, "
             "or point the option at a path outside the repository")


def workspace(env: Mapping[str, str] | None = None) -> Path:
    """The checkout lmgate works in: $GITHUB_WORKSPACE in Actions, else the current folder."""
    env = os.environ if env is None else env
    return Path(os.path.abspath(env.get("GITHUB_WORKSPACE") or os.getcwd()))


def inside_root(root: Path, relative: str, where: Location | None = None) -> Path:
    """Resolve `relative` under `root`; refuse absolute paths and `..`/symlink escapes.

    Config comes from pull requests, so a path like `../../etc/passwd` or a symlink pointing out
    of the checkout must never be read or written.
    """
    if not relative:
        raise ConfigError("empty path", where=where, fix="give a path relative to lmgate.yaml")
    if "\0" in relative:
        raise ConfigError(f"path {relative!r} holds a NUL character", where=where,
                          fix="give a path relative to lmgate.yaml")
    candidate = Path(relative)
    if candidate.is_absolute():
        raise ConfigError(f"absolute path {relative!r} is not allowed", where=where,
                          fix="use a path relative to the folder of lmgate.yaml")
    root = root.resolve()
    resolved = (root / candidate).resolve()
    if resolved != root and root not in resolved.parents:
        link = first_link(root, root / candidate)
        if link is not None:
            raise ConfigError(f"path {relative!r} leaves the repository through the symbolic link "
                              f"{_shown(link, root)!r}", where=where, fix=_LINK_FIX)
        raise ConfigError(f"path {relative!r} leaves the repository", where=where,
                          fix="keep every path inside the folder of lmgate.yaml (no `..` escapes or "
                              "symlinks pointing outside)")
    return resolved


def check_config_file(path: Path, env: Mapping[str, str] | None = None) -> None:
    """Refuse a config file that is (or lies below) a symbolic link resolving outside its workspace.

    Checked before the file is read: a parse error of `~/.aws/credentials` would echo its keys."""
    path = Path(os.path.abspath(path))
    root = _root_of(path, workspace(env)) or path.parent
    real_root = root.resolve()
    resolved = path.resolve()
    if real_root not in resolved.parents:
        link = first_link(root, path)
        raise ConfigError("the config file leaves the repository through the symbolic link "
                          f"{_shown(link or path, root)!r}; it was not read",
                          where=Location(_shown(path, root)), fix=_LINK_FIX)


def first_link(root: Path, path: Path) -> Path | None:
    """The first component of `path` below `root` that is a symbolic link, if any."""
    current = Path(os.path.abspath(root))
    try:
        parts = Path(os.path.abspath(path)).relative_to(current).parts
    except ValueError:
        return None
    for part in parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def _shown(path: Path, root: Path) -> str:
    try:
        shown = str(Path(os.path.abspath(path)).relative_to(os.path.abspath(root)))
    except ValueError:
        return str(path)
    return str(path) if shown == "." else shown


def _root_of(path: Path, root: Path | None) -> Path | None:
    """`root` (as given or resolved) when `path` lies lexically below it, else None."""
    if root is None:
        return None
    absolute = Path(os.path.abspath(path))
    for candidate in dict.fromkeys((Path(os.path.abspath(root)), Path(os.path.realpath(root)))):
        if absolute != candidate and candidate in absolute.parents:
            return candidate
    return None


def _refuse(path: Path, root: Path, what: str) -> InputError:
    if what != "a symbolic link":
        return InputError(f"{_shown(path, root)!r} is {what}", where=Location(str(path)),
                          fix="remove or rename it, or point the option at another folder")
    return InputError(f"{_shown(path, root)!r} is a symbolic link; lmgate does not follow links inside the "
                      "repository", where=Location(str(path)), fix=_LINK_FIX)


def _open_dir(path: Path, root: Path | None, *, create: bool) -> int:
    """A file descriptor of folder `path`, walked from `root` without following a link (created as needed)."""
    base = _root_of(path, root) if root is not None else None
    if base is None:  # outside the repository: chosen by the caller, not by the pull request
        try:
            if create:
                path.mkdir(parents=True, exist_ok=True)
            return os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except (FileExistsError, NotADirectoryError):
            raise _refuse(path, path.parent, "not a folder") from None
    if create:
        base.mkdir(parents=True, exist_ok=True)
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    current = base
    try:
        for part in Path(os.path.abspath(path)).relative_to(base).parts:
            current = current / part
            try:
                child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                with contextlib.suppress(FileExistsError):  # another process made it meanwhile
                    os.mkdir(part, 0o777, dir_fd=fd)
                child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError as exc:
                if exc.errno not in (errno.ELOOP, errno.ENOTDIR):
                    raise
                kind = stat.S_ISLNK(os.lstat(part, dir_fd=fd).st_mode)
                raise _refuse(current, base, "a symbolic link" if kind else "not a folder") from None
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _default_root(root: Path | None) -> Path:
    return root if root is not None else workspace()


def _check_not_link(name: str, dir_fd: int, path: Path, root: Path | None) -> os.stat_result | None:
    try:
        st = os.lstat(name, dir_fd=dir_fd)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode):
        raise _refuse(path, _root_of(path, root) or path.parent, "a symbolic link")
    return st


def ensure_file_slot(path: Path, *, root: Path | None = None, names: Iterable[str] = ()) -> Path:
    """Make the folders of `path` (no links on the way) and check that `path` and its companion
    files `names` (e.g. SQLite's `-wal`) are absent or real files; for writers that open by name."""
    root = _default_root(root)
    fd = _open_dir(path.parent, root, create=True)
    try:
        for name in (path.name, *names):
            st = _check_not_link(name, fd, path.parent / name, root)
            if st is not None and not stat.S_ISREG(st.st_mode):  # a folder there: the opener would crash
                raise _refuse(path.parent / name, _root_of(path, root) or path.parent,
                              "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file")
    finally:
        os.close(fd)
    return path


class RedactingFile:
    """A text file whose `write` passes every string through the process-wide redactor."""

    def __init__(self, fh: IO[str]) -> None:
        self._fh = fh

    def write(self, text: str) -> int:
        return self._fh.write(REDACTOR(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)

    def __enter__(self) -> RedactingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()


def open_for_write(path: Path, *, root: Path | None = None, append: bool = False, read: bool = False,
                   exclusive: bool = False, perms: int = 0o666) -> RedactingFile:
    """Open `path` for writing (truncating, or appending) without following a link on the way,
    creating its folders; writes are redacted. `read`: also readable (`a+`, for check-then-append);
    `exclusive`: create it or raise FileExistsError."""
    path = Path(path)
    root = _default_root(root)
    fd = _open_dir(path.parent, root, create=True)
    try:
        flags = os.O_CREAT | os.O_CLOEXEC | (os.O_RDWR if read else os.O_WRONLY)
        flags |= os.O_APPEND if append else os.O_TRUNC
        flags |= os.O_EXCL if exclusive else 0
        st = _check_not_link(path.name, fd, path, root)
        if st is None or stat.S_ISREG(st.st_mode):
            flags |= os.O_NOFOLLOW
        try:
            file_fd = os.open(path.name, flags, perms, dir_fd=fd)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise _refuse(path, _root_of(path, root) or path.parent, "a symbolic link") from None
            raise
    finally:
        os.close(fd)
    mode = ("a+" if read else "a") if append else ("w+" if read else "w")
    return RedactingFile(os.fdopen(file_fd, mode, encoding="utf-8", errors="replace"))


def check_write_slot(path: Path, *, root: Path | None = None) -> None:
    """Refuse now what `write_text_atomic` would refuse later: a run whose result file is a committed
    link or a folder learns it before its model calls, not after paying for them."""
    path, root = Path(path), _default_root(root)
    fd = _open_dir(path.parent, root, create=True)
    try:
        _writable_slot(path, fd, root)
    finally:
        os.close(fd)


def _writable_slot(path: Path, dir_fd: int, root: Path) -> os.stat_result | None:
    st = _check_not_link(path.name, dir_fd, path, root) if _root_of(path, root) and path.name else _stat(path)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise _refuse(path, _root_of(path, root) or path.parent, "a folder; a file was expected")
    return st


def write_text_atomic(path: Path, text: str, *, root: Path | None = None, secrets: Iterable[str] = ()) -> Path:
    """Replace `path` with `text` (redacted) in one rename; a device or pipe (`/dev/stdout`) outside
    the repository is written in place."""
    path = Path(path)
    text = REDACTOR(text) if not secrets else _redact_with(text, secrets)
    root = _default_root(root)
    fd = _open_dir(path.parent, root, create=True)
    try:
        st = _writable_slot(path, fd, root)
        if st is not None and not stat.S_ISREG(st.st_mode):
            with open(path, "w", encoding="utf-8", errors="replace") as fh:  # outside the repository (see above)
                fh.write(text)
            return path
        tmp = f".{path.name}.{uuid.uuid4().hex[:12]}.tmp"
        tmp_fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666,
                         dir_fd=fd)
        try:
            with os.fdopen(tmp_fd, "w", encoding="utf-8", errors="replace") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path.name, src_dir_fd=fd, dst_dir_fd=fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=fd)
            raise
    finally:
        os.close(fd)
    return path


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _redact_with(text: str, secrets: Iterable[str]) -> str:
    REDACTOR.add(secrets)
    return REDACTOR(text)


def read_bytes(path: Path, *, root: Path | None = None, limit: int | None = None) -> bytes | None:
    """The file's bytes (None when it does not exist), opened without following a link."""
    fh = open_for_read(path, root=root)
    if fh is None:
        return None
    with fh:
        return fh.read(-1 if limit is None else limit)


def open_for_read(path: Path, *, root: Path | None = None) -> IO[bytes] | None:
    """The regular file `path` opened in binary (None when it does not exist), walked from `root`
    without following a link; a folder, FIFO or device in its place is refused (a committed link to
    /dev/zero would be read forever, a FIFO would block)."""
    path = Path(path)
    root = _default_root(root)
    try:
        fd = _open_dir(path.parent, root, create=False)
    except FileNotFoundError:
        return None
    try:
        # O_NONBLOCK: a FIFO in the way must not hang the run until someone writes to it
        file_fd = os.open(path.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, dir_fd=fd)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _refuse(path, _root_of(path, root) or path.parent, "a symbolic link") from None
        raise
    finally:
        os.close(fd)
    mode = os.fstat(file_fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(file_fd)
        raise _refuse(path, _root_of(path, root) or path.parent, "a folder" if stat.S_ISDIR(mode) else
                      "not a regular file")
    os.set_blocking(file_fd, True)
    return os.fdopen(file_fd, "rb")


@contextlib.contextmanager
def locked(path: Path, *, root: Path | None = None) -> Iterator[None]:
    """Hold an exclusive `flock` on the lock file `path`: created 0600, never truncated, never a link.

    (`open(lock, "w")` truncated whatever a committed link pointed at.)"""
    path = Path(path)
    root = _default_root(root)
    fd = _open_dir(path.parent, root, create=True)
    try:
        try:
            lock_fd = os.open(path.name, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=fd)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise _refuse(path, _root_of(path, root) or path.parent, "a symbolic link") from None
            raise
    finally:
        os.close(fd)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(lock_fd)  # closing releases the lock


def remove_file(path: Path, *, root: Path | None = None) -> None:
    """Delete `path` if it is a file (a link is removed, never its target), walking no link on the way.
    A folder in its place is left for the writer's own check to refuse."""
    path = Path(path)
    fd = _open_dir(path.parent, _default_root(root), create=True)
    try:
        os.unlink(path.name, dir_fd=fd)
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        pass
    finally:
        os.close(fd)
