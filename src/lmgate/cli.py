"""`lmgate <command>`: one sub-command per stage.

Only the chosen command's module is imported, so `lmgate --help` stays instant and never loads
requests, jinja2 or huggingface_hub. This is the only place that catches LmgateError, and what it
prints (the error, a traceback) goes through the console, so a secret in a message is redacted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Mapping, Sequence

from lmgate import __version__

# name -> (module under lmgate.commands, one-line help). Order is the order users read in --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", "write lmgate.yaml and copy the workflow templates into .github/workflows"),
    "validate": ("validate", "check lmgate.yaml and print what would run"),
    "lint": ("lint", "lint prompt files (SARIF, annotations, JSON)"),
    "eval": ("eval", "evaluate suites on the head (and the base branch) with paired statistics"),
    "merge": ("merge", "combine sharded eval results into one"),
    "hallucination": ("hallucination", "score answers for hallucination and gate on the rate"),
    "report": ("report", "render every stage's results as Markdown"),
    "comment": ("comment", "upsert the sticky PR comment with the report"),
    "canary": ("canary", "roll a candidate out step by step; promote or roll back on live evidence"),
    "import": ("import_promptfoo", "convert another tool's suite (promptfoo) into lmgate.yaml"),
}

EXIT_PASS, EXIT_GATE_FAILED, EXIT_BAD_INPUT, EXIT_UNEXPECTED = 0, 1, 2, 3


def build_parser(chosen: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lmgate", description="CI/CD for LLM applications: lint prompts, compare evals with the base "
        "branch, gate hallucinations, release canaries.",
        epilog="exit codes: 0 pass, 1 a gate failed, 2 bad input or configuration, 3 unexpected error")
    parser.add_argument("--version", action="version", version=f"lmgate {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="<command>")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            importlib.import_module(f"lmgate.commands.{module}").configure(p)
    return parser


def _chosen(argv: Sequence[str]) -> str | None:
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    env = os.environ if env is None else env
    chosen = _chosen(argv)
    parser = build_parser(chosen if chosen in COMMANDS else None)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_BAD_INPUT
    # Here, not at the top: what runs a command (the console, the error types, the redactor) would
    # double the time of `lmgate --help` (0.05 s -> 0.11 s, benchmarks/startup.py).
    from lmgate.errors import LmgateError
    from lmgate.github.runtime import Console
    from lmgate.secrets import protect, secret_env_values

    protect(secret_env_values(env))  # GITHUB_TOKEN, HF_TOKEN, …: redacted even by commands that load no config
    console = Console(env)
    try:
        module = importlib.import_module(f"lmgate.commands.{COMMANDS[args.command][0]}")
        return int(module.run(args, env, console))
    except LmgateError as exc:
        console.err.write(f"lmgate: {exc.render()}\n")
        if console.in_actions:
            for problem in getattr(exc, "problems", (exc,)):  # one annotation per problem, at its line
                console.error(problem.message + (f" — fix: {problem.fix}" if problem.fix else ""), problem.where,
                              problem.title)
        return exc.exit_code
    except KeyboardInterrupt:
        console.err.write("lmgate: interrupted\n")
        return 130
    except Exception as exc:
        console.err.write(traceback.format_exc())
        if console.in_actions:
            console.error(f"unexpected error: {type(exc).__name__}: {exc} (please report it with the "
                          "traceback)", title="lmgate crashed")
        return EXIT_UNEXPECTED


def entry() -> None:
    """The `lmgate` console script. After `lint`, which holds nothing left to close (its files are
    written atomically and fsynced, its workers joined), the process skips the interpreter's teardown:
    freeing a parsed corpus object by object costs ~0.08 s, 3 % of linting a big repository."""
    code = main()
    if _chosen(sys.argv[1:]) == "lint":
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said anyway
            pass
        os._exit(code)
    raise SystemExit(code)


if __name__ == "__main__":
    raise SystemExit(main())
