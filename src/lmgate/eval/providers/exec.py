"""`exec`: runs a command that reads one JSON request on stdin and writes one JSON answer on stdout.

`command` is a list (`["python3", "bot.py"]`) or a string split like a shell would (never run
through a shell); it runs in the repository root. stdin gets
`{"prompt": ..., "messages": [...], "item": {...}, "sample": n}`; stdout must be
`{"output": "..."}` (optionally `prompt_tokens`, `completion_tokens`) or plain text. A non-zero
exit, a timeout (`timeout`, seconds) or unreadable output is recorded on the item.

Its answers are not cached unless `cache: true`. lmgate cannot see what a command runs: a cache keyed
on the command line gave a pull request that edited `bot.py` the base's answers for its head, and
the eval compared the base with itself, green whatever the edit broke. `cache: true` is for a command
whose answers no file of the repository can change (a pinned remote model behind a fixed script),
and such a command is given no `item` (its answer must follow from the messages, the cache's key).
"""

from __future__ import annotations

import json
import shlex
import subprocess
import time
from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.errors import ConfigError
from lmgate.eval.providers.base import BuildContext, Completion, ProviderCallError
from lmgate.spec import REQUIRED, Opt

NAME = "exec"
CONF = {
    "command": Opt("any", REQUIRED, 'the command: a list (["python3", "bot.py"]) or a string split like a shell'),
    "timeout": Opt("number", 60, "seconds one run of the command may take", minimum=0.001),
    "cache": Opt("bool", False, "reuse cached answers of the same command and messages: only for a command "
                 "whose answers no file of the repository can change; it then gets no `item`"),
}


class ExecProvider:
    def __init__(self, name: str, argv: list[str], cwd: str, timeout: float, cache: bool = False) -> None:
        self.name, self.argv, self.cwd, self.timeout = name, argv, cwd, timeout
        self.cacheable = cache  # see the module docstring: off unless the config vouches for the command

    def identity(self) -> Mapping[str, Any]:
        return {"type": NAME, "command": self.argv}

    def complete(self, messages: Sequence[Mapping[str, str]], *, sample: int = 0,
                 item: Mapping[str, Any] | None = None) -> Completion:
        request = {"prompt": "\n\n".join(str(m.get("content", "")) for m in messages),
                   "messages": [dict(m) for m in messages], "item": dict(item or {}), "sample": sample}
        start = time.perf_counter()
        try:
            proc = subprocess.run(self.argv, input=json.dumps(request), capture_output=True, text=True,
                                  cwd=self.cwd, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise ProviderCallError(f"command timed out after {self.timeout:g} s") from None
        except OSError as exc:
            raise ProviderCallError(f"cannot run {self.argv[0]!r}: {exc.strerror}") from None
        if proc.returncode != 0:
            tail = proc.stderr.strip().splitlines()[-1:] or [""]
            raise ProviderCallError(f"command exited {proc.returncode}: {tail[0][:200]}")
        out = proc.stdout.strip()
        try:
            data = json.loads(out)
        except ValueError:
            data = out
        latency = time.perf_counter() - start
        if isinstance(data, Mapping):
            if "output" not in data:
                raise ProviderCallError('command output has no "output" field')
            return Completion(text=str(data["output"]), prompt_tokens=data.get("prompt_tokens"),
                              completion_tokens=data.get("completion_tokens"), latency_s=latency)
        return Completion(text=out, latency_s=latency)

    def close(self) -> None:
        pass


def build(name: str, spec: Mapping[str, Any], ctx: BuildContext) -> ExecProvider:
    command = spec.get("command")
    argv = shlex.split(command) if isinstance(command, str) else [str(a) for a in command or []]
    if not argv:
        raise ConfigError(f"provider {name!r} needs a command", where=ctx.where,
                          fix='command: ["python3", "bot.py"]')
    return ExecProvider(name, argv, str(ctx.root), float(spec.get("timeout") or 60), cache=bool(spec.get("cache")))
