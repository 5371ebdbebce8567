"""Text normalisation shared by the detectors: tokens, light stems, numbers, entities.

Standard library only (the `grounding` detector must run offline with no extra install). NFKC and
casefolding make "Ｄelhi" and "delhi" one token; number words and thousands separators are
normalised so "three" / "3" and "1,200" / "1200" compare equal.
"""

from __future__ import annotations

import functools
import re
import unicodedata

MAX_CHARS = 200_000  # beyond this a context is cut: bounded time on 1 MB inputs
STOP = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "without", "and", "or",
                  "but", "nor", "so", "yet", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does",
                  "did", "done", "has", "have", "had", "having", "it", "its", "it's", "this", "that", "these",
                  "those", "there", "here", "he", "she", "they", "them", "his", "her", "their", "hers", "theirs",
                  "him", "we", "us", "our", "you", "your", "i", "me", "my", "mine", "as", "than", "then", "too",
                  "very", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "not", "no",
                  "also", "just", "only", "about", "into", "over", "under", "up", "down", "out", "off", "again",
                  "further", "once", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such",
                  "own", "same", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "if",
                  "because", "while", "until", "after", "before", "during", "above", "below", "between", "through",
                  "s", "t", "d", "ll", "m", "re", "ve", "y", "one", "one's", "per", "via",
                  # a pronoun and its verb written as one ("She'll be 37.", "You'd pay 117 euros.")
                  *(f"{p}'{v}" for p in ("i", "you", "he", "she", "it", "we", "they", "that", "there", "who", "what")
                    for v in ("ll", "d", "s", "re", "ve", "m"))])
NEGATIONS = frozenset(["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot",
                       "can't", "won't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't",
                       "hasn't", "haven't", "hadn't", "shouldn't", "wouldn't", "couldn't", "n't"])
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80",
                     "ninety": "90", "hundred": "100", "thousand": "1000", "million": "1000000",
                     "billion": "1000000000", "first": "1", "second": "2", "third": "3", "fourth": "4",
                     "fifth": "5", "half": "0.5", "dozen": "12"})
MONTHS = frozenset(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                    "november", "december"])
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_POSSESSIVE = re.compile(r"\b([A-Z][\w-]*)['’]s\b")
_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{3,80})[\"“”«»]")
_ENTITY = re.compile(r"\b(?:[A-Z][\w'’-]*[A-Z]|[A-Z][a-z'’-]+(?:\s+(?:of\s+|de\s+|van\s+)?[A-Z][\w'’-]+)*)\b")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text[:MAX_CHARS]).casefold().replace("’", "'")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light suffix stripper: enough to match "hotels"/"hotel", "played"/"play"."""
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    if word.isdigit() or len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    for suffix in ("'s", "ies", "ing", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def words(text: str, *, normalised: bool = False) -> list[str]:
    """Normalised stemmed tokens, numbers with separators removed; a name's possessive is the name ("Hollins's",
    "Plan B's": "hollins", "b"; only where the name is capitalised, the normalised text has lost that)."""
    if not normalised and ("'" in text or "’" in text):
        text = _POSSESSIVE.sub(r"\1", text)
    return [stem(w) for w in _WORD.findall((text if normalised else normalise(text)).replace(",", ""))]


def content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in STOP]


def numbers(text: str) -> set[str]:
    found = {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}
    lowered = normalise(text)
    found |= {NUMBER_WORDS[w] for w in _WORD.findall(lowered) if w in NUMBER_WORDS and w not in ("one", "first")}
    return {n[:-2] if n.endswith(".0") else n for n in found}


def entities(text: str) -> set[str]:
    """Capitalised names and acronyms not at a sentence start, normalised."""
    return set(entity_names(text))


def entity_names(text: str) -> dict[str, str]:
    """Normalised name -> the name as written (for reasons a reviewer reads)."""
    out: dict[str, str] = {}
    for m in _ENTITY.finditer(text):
        start = m.start()
        before = text[max(0, start - 2):start].strip()
        name = m.group()
        if (start == 0 or before in ("", ".", "!", "?", ":", "\"", "“")) and " " not in name:
            continue  # a capital only because it starts a sentence
        if normalise(name) in STOP or normalise(name) in MONTHS or normalise(name).rstrip("s") in WEEKDAYS:
            continue  # (a month or a day of the week is a time, not a name a context must hold)
        key = " ".join(content(words(name)))
        if key:
            out.setdefault(key, name)
    return out


def name_tokens(text: str, common: frozenset[str]) -> set[str]:
    """The tokens of a text's names: its entities, and capitalised words that are not everyday words (`common`),
    at a sentence start too ("Delhi's was larger")."""
    out = {t for name in entities(text) for t in name.split()}
    out.update(t for m in _CAPITALISED.finditer(text) for t in words(m.group()) if t not in common and t not in STOP)
    return out


def quoted(text: str) -> set[str]:
    return {" ".join(words(m.group(1))) for m in _QUOTED.finditer(text)}


def has_negation(tokens: list[str]) -> bool:
    return not NEGATIONS.isdisjoint(tokens) or "n't" in " ".join(tokens)
