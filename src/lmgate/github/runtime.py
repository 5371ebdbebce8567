"""The ways we talk back to the GitHub Actions runner: outputs, step summary, annotations and masks.

Outside Actions every call degrades to plain terminal output, so `lmgate` behaves the same on
a laptop. Workflow-command syntax and limits: docs.github.com "Workflow commands for GitHub
Actions" (1 MiB summary). What the runner tells us (the event, the run) is read in `event`.

Annotations (findings shown on a file and line): GitHub shows at most 10 error, 10 warning and 10
notice annotations per step and 50 per job, so the ones on changed lines go first, then by
severity.

Everything the console prints or appends (stdout, stderr, outputs, the step summary, annotations)
passes through `lmgate.secrets.REDACTOR`; `mask` teaches it a secret and, in Actions, also asks
the runner to mask the secret and each of its escaped and encoded forms.

The runner reads every line of stdout and stderr that starts (after blanks) with `::` as a
workflow command, and much of what lmgate prints comes from pull requests and models: a report's
code block holding an answer `::stop-commands::x` (every later annotation ignored), a file named
`::error::…`, an error message quoting a line of YAML. So in Actions the console's streams defuse
such a line start (`:​:`, a zero-width space between the colons: it reads the same); only the
console's own methods (`annotate`, `mask`, `echo_untrusted`) issue commands.

The same text reaches a developer's terminal, which obeys escape sequences: an exception message
or a dataset id holding `ESC]52;c;…` writes the clipboard, `ESC]8;;url` makes a hidden link,
`ESC[2J` clears the screen, `ESC[8m` conceals what follows, a lone `\r` lets the rest of a line
overwrite its start. So the streams show every control character as its escape (`\x1b`), bidi
overrides too; only a `\r` that begins a write (the progress bar's redraw) passes, and colours
through `write_styled`, whose caller escaped the untrusted parts itself.
"""

from __future__ import annotations

import json
import os
import re
import sys
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from lmgate.errors import Location
from lmgate.secrets import MIN_SECRET_LEN, REDACTOR, credential_parts, literal_forms, protect

SUMMARY_LIMIT = 1024 * 1024
PER_STEP = {"error": 10, "warning": 10, "notice": 10}
PER_JOB = 50
_SEVERITY = {"error": 0, "warning": 1, "notice": 2}


@dataclass(frozen=True)
class Annotation:
    level: str  # error | warning | notice
    message: str
    file: str | None = None
    line: int | None = None
    end_line: int | None = None
    col: int | None = None
    title: str | None = None
    on_changed_line: bool = False  # shown first: it is what the reviewer is looking at


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def prioritise(annotations: Iterable[Annotation]) -> list[Annotation]:
    return sorted(annotations, key=lambda a: (not a.on_changed_line, _SEVERITY.get(a.level, 3),
                                              a.file or "", a.line or 0))


class AnnotationBudget:
    """How many more annotations of each level may be shown; a level GitHub does not know gets none."""

    def __init__(self) -> None:
        self._shown = dict.fromkeys(PER_STEP, 0)

    def take(self, level: str) -> bool:
        """Count one `level` annotation as shown, or return False when it would be over a limit."""
        if self._shown.get(level, 0) >= PER_STEP.get(level, 0) or sum(self._shown.values()) >= PER_JOB:
            return False
        self._shown[level] += 1
        return True


def workflow_command(a: Annotation) -> str:
    """`::error file=a.j2,line=3::message`, escaped so the text cannot break out of the command."""
    props = [f"{k}={escape_property(str(v))}" for k, v in (
        ("file", a.file), ("line", a.line), ("endLine", a.end_line), ("col", a.col),
        ("title", a.title)) if v is not None]
    return f"::{a.level} {','.join(props)}::{escape_data(a.message)}\n"


def terminal_line(a: Annotation) -> str:
    """`a.j2:3: error: message` for a terminal outside Actions."""
    where = f"{Location(a.file, a.line, a.col)}: " if a.file else ""
    return f"{where}{a.level}: {a.message}\n"


class Console:
    """Talks to the runner when `GITHUB_ACTIONS=true`, to a terminal otherwise."""

    def __init__(self, env: Mapping[str, str] | None = None, out: TextIO | None = None,
                 err: TextIO | None = None) -> None:
        self.env = os.environ if env is None else env
        self.in_actions = self.env.get("GITHUB_ACTIONS") == "true"
        self._raw_out = out or sys.stdout
        self.out = RedactingStream(self._raw_out, defuse=self.in_actions)
        self.err = RedactingStream(err or sys.stderr, defuse=self.in_actions)
        self._budget = AnnotationBudget()
        self._masked: set[str] = set()

    def mask(self, secrets: Iterable[str]) -> None:
        """Redact `secrets` from everything written from now on; in Actions also `::add-mask::` them
        (each form, each line: the runner matches one line at a time)."""
        values = [str(s) for s in secrets]
        protect(values)
        if not self.in_actions:
            return
        known = REDACTOR.known(values)
        for secret in dict.fromkeys(c for v in values for c in (v, *credential_parts(v)) if c in known):
            if secret in self._masked:
                continue
            self._masked.add(secret)
            for form in literal_forms(secret):
                for line in form.splitlines():
                    if len(line.strip()) >= MIN_SECRET_LEN:
                        self._raw_out.write(f"::add-mask::{line}\n")  # the one place a secret is printed
        self._raw_out.flush()

    def annotate(self, annotations: Iterable[Annotation]) -> int:
        """Emit the most important annotations within the limits; return how many were dropped."""
        dropped = 0
        for a in prioritise(annotations):
            if not self.in_actions:
                self.err.write(terminal_line(a))
            elif self._budget.take(a.level):
                self._command(workflow_command(a))
            else:
                dropped += 1
        self.out.flush()
        return dropped

    def set_output(self, name: str, value: Any) -> None:
        path = self.env.get("GITHUB_OUTPUT")
        if not path:
            return
        text = REDACTOR(value if isinstance(value, str) else json.dumps(value))
        delimiter = f"ghadelim_{uuid.uuid4()}"
        while delimiter in text:  # practically never; a value must not end the heredoc early
            delimiter = f"ghadelim_{uuid.uuid4()}"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{name}<<{delimiter}\n{text}\n{delimiter}\n")

    def add_summary(self, markdown: str) -> bool:
        """Append to the step summary, cut to the 1 MiB limit. False when not in Actions."""
        path = self.env.get("GITHUB_STEP_SUMMARY")
        if not path:
            return False
        used = Path(path).stat().st_size if Path(path).exists() else 0
        room = SUMMARY_LIMIT - used
        data = REDACTOR(markdown).encode("utf-8")
        if len(data) > room:
            note = b"\n\n> lmgate: the summary was cut here to stay within GitHub's 1 MiB limit.\n"
            data = data[: max(0, room - len(note))].decode("utf-8", "ignore").encode() + note
            data = data[:room]
        with open(path, "ab") as fh:
            fh.write(data)
        return True

    def echo_untrusted(self, text: str) -> None:
        """Print text from a PR (prompts, model output) so it cannot issue workflow commands."""
        if not self.in_actions:
            self.out.write(text if text.endswith("\n") else text + "\n")
            return
        token = uuid.uuid4().hex
        # inert between the markers, so shown as it is
        self._command(f"::stop-commands::{token}\n{text}\n::{token}::\n")
        self.out.flush()

    def _command(self, line: str) -> None:
        """A workflow command of lmgate's own (its untrusted parts escaped or fenced by the caller)."""
        self.out.flush()
        self._raw_out.write(terminal_safe(REDACTOR(line)))

    def error(self, message: str, where: Location | None = None, title: str | None = None) -> None:
        self.annotate([Annotation("error", message, file=where.file if where else None,
                                  line=where.line if where else None, col=where.col if where else None,
                                  title=title)])


# C0 and C1 controls but tab and newline, DEL, and the bidi overrides and isolates (Trojan Source)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """`text` with every control character shown as its escape (`\\x1b`, `\\r`, `\\u202e`), so it cannot
    drive the terminal; a `\\r\\n` line end becomes `\\n`."""
    text = text.replace("\r\n", "\n")
    return _CONTROL.sub(_escaped, text) if _CONTROL.search(text) else text


def _escaped(m: re.Match) -> str:
    # from DEL on as `\\uXXXX`: JSON printed with ensure_ascii=False holds those raw and stays valid
    # JSON, meaning the same, with this escape (JSON never holds a raw C0 control)
    ch = m[0]
    return ascii(ch)[1:-1] if ch < "\x7f" else f"\\u{ord(ch):04x}"


# a line start the runner would read as a command: `::` (or the old `##[`) after any blanks; the
# runner splits lines at \r as well as \n
_COMMAND_START = re.compile(r"(^|[\r\n])([^\S\r\n]*)(:(?=:)|#(?=#\[))")


class RedactingStream:
    """A text stream whose `write` passes through the redactor (and, with `defuse`, writes no
    workflow command: see the module docstring); everything else is the stream's."""

    def __init__(self, stream: TextIO, *, defuse: bool = False) -> None:
        self._stream = stream
        self._defuse = defuse
        self._line_start = True   # whether the next character written begins a line

    def write(self, text: str) -> int:
        text = REDACTOR(text)
        redraw = text.startswith("\r") and not text.startswith("\r\n")  # the progress bar's own redraw
        return self._write("\r" + terminal_safe(text[1:]) if redraw else terminal_safe(text))

    def write_styled(self, text: str) -> int:
        """Write text whose escape sequences are lmgate's own colours: the caller made every untrusted
        part of it `terminal_safe`."""
        return self._write(REDACTOR(text))

    def _write(self, text: str) -> int:
        if self._defuse and text:
            text = self._defused(text)
        return self._stream.write(text)

    def _defused(self, text: str) -> str:
        # mid-line (an earlier write began the line): the text's first character starts no line
        head = "" if self._line_start else "x"
        out = _COMMAND_START.sub(lambda m: f"{m[1]}{m[2]}{m[3]}\u200b", head + text)[len(head):]
        stripped = text.rstrip(" \t")
        self._line_start = stripped.endswith(("\n", "\r")) or (self._line_start and not stripped)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
