"""What the files `lmgate import promptfoo` generates call at eval time, with promptfoo's semantics.

The generated `promptfoo_import/assertions.py` holds one small function per `python` or
translated `javascript` assertion (lmgate's `python` metric calls `fn(output, item)`); they call
`python_assertion` here or `javascript_assertion` (lmgate.importers.javascript), which build promptfoo's `context`
(`vars`, `test`, `config`), run the code as promptfoo does (an inline one-liner is `return <expr>`,
several lines are a function body; `file://x.py:fn` defaults to `get_assert`) and read its result
as promptfoo does: a bool, a number (passing when > 0, or >= `threshold`), `"true"`/`"false"`, a
JSON string or a `{pass, score, reason}` mapping (snake_case `pass_` accepted); `not-` inverts the
verdict, not the score. Script providers go through `call_python_provider` and
`python -m lmgate.importers.promptfoo_runtime exec …` (`exec:` commands get the prompt, options
and context as their last three arguments, and their trimmed stdout is the answer).
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

_LOADED: dict[tuple[str, str], Callable] = {}
_LOCK = threading.Lock()
EXEC_TIMEOUT_S = 300


def item_vars(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if not str(k).startswith("__")}


def context(item: Mapping[str, Any], config: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """promptfoo's assertion `context` (the parts lmgate has: no rendered prompt, no provider)."""
    vars_ = item_vars(item)
    test = {"vars": vars_, "description": item.get("__description")}
    out: dict[str, Any] = {"vars": vars_, "test": test, "prompt": None}
    if config is not None:
        out["config"] = dict(config)
    return out


def normalize(result: Any, threshold: float | None, inverse: bool, label: str = "Python code") -> dict[str, Any]:
    """promptfoo's reading of a script assertion's result -> {score, pass, reason}."""
    if isinstance(result, str):
        lowered = result.lower()
        if lowered in ("true", "false"):
            result = lowered == "true"
        elif result.startswith("{"):
            result = json.loads(result)
    if isinstance(result, bool):
        passed = result != inverse
        return {"score": 1.0 if passed else 0.0, "pass": passed,
                "reason": None if passed else f"{label} returned {'true' if result else 'false'}"}
    if isinstance(result, Mapping):
        data = dict(result)
        if "pass_" in data and "pass" not in data:
            data["pass"] = data["pass_"]
        if not isinstance(data.get("pass"), bool) or not isinstance(data.get("score"), (int, float)):
            raise ValueError(f"{label} must return a boolean, number, or {{pass, score, reason}} object")
        raw_pass = data["pass"]
        if threshold is not None and data["score"] < threshold:
            raw_pass = False
        passed = raw_pass != inverse
        return {"score": float(data["score"]), "pass": passed, "reason": data.get("reason")}
    if isinstance(result, (int, float)):
        number = float(result)
    else:
        try:
            number = float(str(result).strip())
        except ValueError:
            raise ValueError(f"{label} must return a boolean, number, or {{pass, score, reason}} object; "
                             f"got {result!r}") from None
    if math.isnan(number):
        raise ValueError(f"{label} returned NaN")
    raw_pass = number > 0 if threshold is None else number >= threshold
    passed = raw_pass != inverse
    return {"score": number, "pass": passed, "reason": None if passed else f"{label} returned {number:g}"}


def python_assertion(output: str, item: Mapping[str, Any], *, code: str | None = None, file: str | None = None,
                     function: str | None = None, threshold: float | None = None, inverse: bool = False,
                     config: Mapping[str, Any] | None = None) -> dict[str, Any]:
    ctx = context(item, config)
    fn = load_function(Path(file), function or "get_assert") if file is not None else _inline(code or "")
    try:
        result = fn(output, ctx)
    except Exception as exc:  # the user's code failing fails the assertion, as in promptfoo
        return {"score": 0.0, "pass": False, "reason": f"Python code execution failed: {type(exc).__name__}: {exc}"}
    try:
        return normalize(result, threshold, inverse)
    except ValueError as exc:
        return {"score": 0.0, "pass": False, "reason": str(exc)}


def _inline(code: str) -> Callable:
    """`def main(output, context): return <code>`, or the code as the body when it spans lines."""
    with _LOCK:
        key = ("<inline>", code)
        if key not in _LOADED:
            if "\n" in code:
                lines = code.split("\n")
                indent = next((ln[:len(ln) - len(ln.lstrip())] for ln in lines if ln.strip() and ln[:1].isspace()),
                              "    ")
                body = "\n".join(f"{indent}{ln}" for ln in lines)
            else:
                body = f"    return {code}"
            namespace: dict[str, Any] = {"json": json}
            exec(compile(f"import json\n\ndef main(output, context):\n{body}\n", "<python assertion>", "exec"),
                 namespace)
            _LOADED[key] = namespace["main"]
        return _LOADED[key]


def load_function(path: Path, name: str) -> Callable:
    with _LOCK:
        key = (str(path), name)
        if key not in _LOADED:
            spec = importlib.util.spec_from_file_location(f"promptfoo_user_{len(_LOADED)}", path)
            if spec is None or spec.loader is None:
                raise ImportError(f"cannot import {path}")
            module = importlib.util.module_from_spec(spec)
            sys.path.insert(0, str(path.parent))
            try:
                spec.loader.exec_module(module)
            finally:
                sys.path.remove(str(path.parent))
            fn = getattr(module, name, None)
            if not callable(fn):
                raise AttributeError(f"{path.name} defines no function {name!r}")
            _LOADED[key] = fn
        return _LOADED[key]


def python_function_source(name: str, spec: Mapping[str, Any]) -> str:
    """`spec`: `code`, or `file` (relative to the generated module) and `function`; threshold, inverse, config."""
    if spec.get("file"):
        args = [f"file=_here({spec['file']!r})", f"function={spec['function']!r}"]
    else:
        args = [f"code={spec['code']!r}"]
    args += _verdict_args(spec)
    return f"def {name}(output, item):\n    return python_assertion(output, item, {', '.join(args)})\n"


def _verdict_args(spec: Mapping[str, Any]) -> list[str]:
    return [f"threshold={spec.get('threshold')!r}", f"inverse={spec.get('inverse', False)!r}",
            f"config={spec.get('config')!r}"]


def javascript_function_source(name: str, spec: Mapping[str, Any], original: str) -> str:
    comment = "\n".join(f"    # {line}" for line in original.strip().splitlines())
    return (f"def {name}(output, item):\n{comment}\n"
            f"    return javascript_assertion(output, item, lambda output, context: {spec['expression']},\n"
            f"                                {', '.join(_verdict_args(spec))})\n")


MODULE_HEADER = '''"""Assertions imported from promptfoo by `lmgate import promptfoo` (re-importing overwrites them).

Each function is one promptfoo `python` or `javascript` assertion, called by lmgate's `python`
metric as fn(output, item); lmgate.importers.promptfoo_runtime gives them promptfoo's semantics.
"""

from pathlib import Path

from lmgate.importers.javascript import *  # noqa: F401,F403 - helpers of translated JavaScript
from lmgate.importers.javascript import javascript_assertion  # noqa: F401
from lmgate.importers.promptfoo_runtime import python_assertion  # noqa: F401


def _here(relative):
    return str((Path(__file__).parent / relative).resolve())

'''


def assertions_module(functions: Mapping[str, str]) -> str:
    return MODULE_HEADER + "\n\n".join(functions.values())


def exec_adapter_command(command: str, cwd: str) -> list[str]:
    """lmgate's exec provider runs this in the lmgate root; `cwd` (relative to it) is promptfoo's basePath."""
    return ["python3", "-m", "lmgate.importers.promptfoo_runtime", "exec", "--cwd", cwd, "--",
            *script_parts(command)]


def script_parts(command: str) -> list[str]:
    """promptfoo's split of an `exec:` command: whitespace, with "…" and '…' kept whole."""
    return [m.group(1) or m.group(2) or m.group(0) for m in re.finditer(r"""[^\s"']+|"([^"]*)"|'([^']*)'""", command)]


def prompt_string(messages: list[Mapping[str, str]]) -> str:
    """The prompt string promptfoo hands a script provider: the text of a one-message prompt, else
    the messages as JSON (how a chat prompt reaches it)."""
    if len(messages) == 1 and messages[0].get("role") == "user":
        return str(messages[0].get("content", ""))
    return json.dumps([{"role": m.get("role"), "content": m.get("content")} for m in messages], indent=2,
                      ensure_ascii=False)


def call_python_provider(messages: list, item: Mapping[str, Any], *, file: str, function: str,
                         config: Mapping[str, Any]) -> dict[str, Any]:
    fn = load_function(Path(file), function)
    result = fn(prompt_string(messages), {"config": dict(config)}, {"vars": item_vars(item)})
    if isinstance(result, Mapping):
        if result.get("error"):
            raise RuntimeError(str(result["error"]))
        output = result.get("output")
        usage = result.get("tokenUsage") or {}
        return {"output": output if isinstance(output, str) else json.dumps(output),
                "prompt_tokens": usage.get("prompt"), "completion_tokens": usage.get("completion")}
    return {"output": str(result)}


def python_provider_source(relative: str, function: str, config: Mapping[str, Any]) -> str:
    """An adapter module for a `file://provider.py` provider; `relative` is its path from the adapter."""
    return (f'"""promptfoo provider {Path(relative).name}:{function}, called as promptfoo calls it."""\n\n'
            "from pathlib import Path\n\n"
            "from lmgate.importers.promptfoo_runtime import call_python_provider\n\n"
            f"FILE = str((Path(__file__).parent / {relative!r}).resolve())\n\n\n"
            "def call(prompt, messages, item):\n"
            f"    return call_python_provider(messages, item, file=FILE, function={function!r},\n"
            f"                                config={dict(config)!r})\n")


def _exec_main(argv: list[str]) -> int:
    """`… exec --cwd DIR -- CMD…`: lmgate's exec request on stdin -> promptfoo's exec call -> stdout JSON."""
    cwd = argv[argv.index("--cwd") + 1]
    command = argv[argv.index("--") + 1:]
    request = json.loads(sys.stdin.read() or "{}")
    prompt = prompt_string(request.get("messages") or [{"role": "user", "content": request.get("prompt", "")}])
    options = {"config": {"basePath": cwd}}
    ctx = {"vars": item_vars(request.get("item") or {})}
    proc = subprocess.run([*command, prompt, json.dumps(options), json.dumps(ctx)], capture_output=True, text=True,
                          cwd=cwd, timeout=EXEC_TIMEOUT_S)
    out, err = proc.stdout.strip(), proc.stderr.strip()
    if proc.returncode != 0 or (err and not out):
        sys.stderr.write(err or f"exit {proc.returncode}")
        return 1
    sys.stdout.write(json.dumps({"output": out}))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "exec":
        raise SystemExit(_exec_main(sys.argv[2:]))
    sys.stderr.write("usage: python -m lmgate.importers.promptfoo_runtime exec --cwd DIR -- COMMAND …\n")
    raise SystemExit(2)
