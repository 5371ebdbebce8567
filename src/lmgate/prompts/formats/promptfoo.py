"""promptfoo prompt files: `.txt` holding several prompts separated by lines of `---`.

promptfoo renders each with Nunjucks (`{{var}}`); each piece is one user prompt named `<stem>#<n>`.
(promptfoo's JSON chat prompts are read by the openai-chat format.)
"""

from __future__ import annotations

import re
from pathlib import Path

from lmgate.prompts.model import Message, ParseProblem, Position, Prompt

NAME = "promptfoo"
COMMENTS = ("jinja",)
_SEPARATOR = re.compile(r"^---[ \t]*\r?$\n?", re.MULTILINE)


def detect(path: Path, head_text: str) -> bool:
    return path.suffix == ".txt" and _SEPARATOR.search(head_text) is not None


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    stem = path_rel.rsplit("/", 1)[-1].split(".", 1)[0]
    prompts, start = [], 0
    cuts = [*_SEPARATOR.finditer(text), None]
    for n, cut in enumerate(cuts, 1):
        end = cut.start() if cut else len(text)
        piece = text[start:end]
        line = text.count("\n", 0, start) + 1
        if piece.strip():
            message = Message("user", piece, Position(line, 1), "jinja2")
            prompts.append(Prompt(path=path_rel, format=NAME, name=f"{stem}#{n}", messages=(message,),
                                  start=Position(line, 1)))
        start = cut.end() if cut else end
    return prompts, []
