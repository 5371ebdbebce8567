"""The conversion report: what was mapped, what was left out and why, what to check by hand.

Nothing is dropped silently: every construct of the source config lands in one of four lists,
each entry with the place it came from (`file:line`). Leaving anything out makes the import exit 1
(the config is still written, with a comment at each such place); an unreadable config is an
InputError (exit 2) raised before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lmgate.errors import Location

MAPPED, UNSUPPORTED, CHECK, IGNORED = "mapped", "not imported", "check by hand", "ignored"
_ORDER = (MAPPED, CHECK, IGNORED, UNSUPPORTED)


@dataclass(frozen=True)
class Entry:
    status: str           # MAPPED | UNSUPPORTED | CHECK | IGNORED
    construct: str        # e.g. "assertion webhook", "provider bedrock:...", "prompt chat.json"
    detail: str           # what it became, or why not
    where: Location | None = None

    def line(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return one_line(f"{place}{self.construct}: {self.detail}")


def one_line(text: str) -> str:
    """`text` with every line break and control character escaped (`\\n`, `\\x1b`).

    Constructs are named after the source's own keys and values, and each entry becomes one
    `# NOT IMPORTED:` comment in the written lmgate.yaml: a key holding a newline (or a YAML 1.1
    line break such as U+2028) would otherwise end the comment and write YAML of its choosing
    into the config (a provider running `os:system`), or move the terminal's cursor in the report.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


@dataclass
class Report:
    source: str
    entries: list[Entry] = field(default_factory=list)

    def add(self, status: str, construct: str, detail: str, where: Location | None = None) -> Entry:
        entry = Entry(status, construct, detail, where)
        if entry not in self.entries:  # the same construct met in many tests is reported once
            self.entries.append(entry)
        return entry

    def mapped(self, construct: str, detail: str, where: Location | None = None) -> Entry:
        return self.add(MAPPED, construct, detail, where)

    def unsupported(self, construct: str, detail: str, where: Location | None = None) -> Entry:
        return self.add(UNSUPPORTED, construct, detail, where)

    def check(self, construct: str, detail: str, where: Location | None = None) -> Entry:
        return self.add(CHECK, construct, detail, where)

    def ignored(self, construct: str, detail: str, where: Location | None = None) -> Entry:
        return self.add(IGNORED, construct, detail, where)

    def of(self, status: str) -> list[Entry]:
        return [e for e in self.entries if e.status == status]

    @property
    def complete(self) -> bool:
        return not self.of(UNSUPPORTED)

    def exit_code(self) -> int:
        return 0 if self.complete else 1

    def render(self, written: Iterable[str] = ()) -> str:
        lines = [f"lmgate import promptfoo: {self.source}"]
        files = list(written)
        if files:
            lines.append("wrote: " + ", ".join(files))
        for status in _ORDER:
            found = self.of(status)
            if found:
                lines.append(f"{status} ({len(found)}):")
                lines += [f"  {e.line()}" for e in found]
        lines.append("everything was imported" if self.complete else
                     f"{len(self.of(UNSUPPORTED))} construct(s) were not imported: they are marked "
                     "`# NOT IMPORTED` in the written config (exit 1)")
        return "\n".join(lines) + "\n"
