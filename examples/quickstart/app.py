"""The quickstart's "LLM app": a tiny extractive QA function, deterministic and offline.

lmgate's `python` provider calls `answer(prompt)` with the rendered prompt, and the app reads
nothing else, so editing prompts/qa.j2 changes its answers: it finds the context between the
triple quotes and the `Question:` line, picks the context sentence sharing most words with the
question, and answers with that whole sentence, or, when the prompt asks for "a short phrase",
with the words of it the question does not already contain. A prompt that invites "general
knowledge" makes it add invented details to some answers, like an over-eager model.
"""

from __future__ import annotations

import re

_STOP = {"the", "a", "an", "of", "in", "on", "is", "was", "what", "which", "who", "how", "when",
         "where", "does", "did", "do", "with", "for", "to", "and", "by", "year", "many"}
_FILLER = {"is", "was", "are", "it", "its", "has", "have", "by", "with", "in", "on", "of", "at", "the", "a",
           "an", "about", "covers", "lies", "won", "near"}
_BOUNDARY = {"in", "for", "and", "at"}
_NUMERIC = re.compile(r"^(how (many|much|high|deep|large|long|old|far)|when|in which year|what year)", re.I)
_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}


def _stem(word: str) -> str:
    return re.sub(r"[^a-z0-9]", "", word.lower())[:5]


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
    sentence = best.rstrip(".")
    if "short phrase" in prompt.lower():
        sentence = _short(sentence, question.group(1)) or sentence
    if "general knowledge" in prompt.lower():
        sentence = _embellish(sentence, question.group(1))
    return sentence


# What an over-eager model does when a prompt invites "general knowledge": it adds confident
# details the retrieved context never gave. Deterministic, so the demo's figures are stable.
_INVENTED = (
    ", first recorded in 1850 by the explorer Hans Keller",
    ", according to a 2019 survey by the Royal Geographic Institute",
    ", a figure revised in 1972 after the Oslo conference",
)


def _embellish(sentence: str, question: str) -> str:
    key = sum(map(ord, question))
    return sentence if key % 3 else sentence + _INVENTED[key // 3 % len(_INVENTED)]


def _short(sentence: str, question: str) -> str:
    """The part of the sentence the question does not contain: a number for how-many/when questions."""
    asked = {_stem(w) for w in _words(question)}
    runs, run = [], []
    for token in sentence.split():
        if _stem(token) in asked:
            runs, run = [*runs, run] if run else runs, []
        else:
            run.append(token)
    runs += [run] if run else []
    chunks = [c for r in runs for c in _chunks(r)]
    if _NUMERIC.match(question.strip()):
        numeric = [c for c in chunks if any(ch.isdigit() for ch in " ".join(c)) or _NUMBER_WORDS & set(c)]
        return " ".join(numeric[-1]) if numeric else ""
    return " ".join(_chunks(runs[-1])[0]) if runs and _chunks(runs[-1]) else ""


def _chunks(run: list[str]) -> list[list[str]]:
    """Split a run at prepositions/commas, and drop leading filler words of each piece."""
    out, cur = [], []
    for token in run:
        if cur and token.lower() in _BOUNDARY:
            out.append(cur)
            cur = []
        cur.append(token)
        if token.endswith((",", ":")):
            out.append(cur)
            cur = []
    out += [cur] if cur else []
    cleaned = []
    for chunk in out:
        words = [t.rstrip(",:") for t in chunk]
        while words and words[0].lower() in _FILLER:
            words.pop(0)
        if words:
            cleaned.append(words)
    return cleaned
