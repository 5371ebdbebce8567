"""The quickstart's "LLM app": a tiny extractive QA function, deterministic and offline.

It reads the rendered prompt (so editing the prompt changes its answers): it finds the context
between the triple quotes and the question line, then answers with the span of the best-matching
context sentence that follows the question's key words.
"""

from __future__ import annotations

import re

_STOP = {"the", "a", "an", "of", "in", "on", "is", "was", "what", "which", "who", "how", "when",
         "where", "does", "did", "do", "with", "for", "to", "and", "by", "year", "many"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in _STOP}


def answer(prompt: str) -> str:
    context = re.search(r'"""\n(.*?)\n"""', prompt, re.S)
    question = re.search(r"Question:\s*(.+)", prompt)
    if not context or not question:
        return "I don't know"
    sentences = re.split(r"(?<=[.!?])\s+", context.group(1).strip())
    asked = _words(question.group(1))
    best = max(sentences, key=lambda s: len(asked & _words(s)))
    if not asked & _words(best):
        return "I don't know"
    return best.rstrip(".")
