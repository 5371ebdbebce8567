"""Annotations: findings shown on a file and line, and the rules for which ones GitHub gets to show.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and 50 per job
(docs.github.com "Workflow commands for GitHub Actions"), so the ones on changed lines go first,
then by severity. `Console.annotate` emits them; this module decides order, budget and syntax.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lmgate.errors import Location

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
