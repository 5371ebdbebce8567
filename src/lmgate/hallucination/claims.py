"""Split an answer into claims: sentences, clauses and bullets, with their character offsets.

Refusals and hedges ("I don't know", "I'm not sure") are not claims: an answer that declines to
answer cannot be a hallucination, so the detectors skip them rather than score them. Nor are the
courtesies chat models open or close with ("Sure!", "Let me work it out:", "I hope this helps!") nor markdown
headings ("### Working"): they say nothing; a frame ("The answer is:", "Based on the information given,")
is cut off the claim it opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CLAIMS = 64
# a boundary: end punctuation then space (lower-cased corpora too), or a line break with an optional bullet
# (each alternative starts with a concrete character: a leading lookbehind made this the hot spot on long contexts)
_SPLIT = re.compile(r"[.!?;。！？]\s+|[。！？]|\n+\s*(?:[-*•]|\d+[.)])?\s*")
_ABBREV = frozenset(["mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "rev", "vs", "etc",
                     "inc", "ltd", "co", "corp", "no", "fig", "u.s", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun",
                     "jul", "aug", "sep", "sept", "oct", "nov", "dec"])
_UNIT_END = re.compile(r"\d\s?[a-zA-Z]\.\s*$")  # a figure and a one-letter unit end a sentence: "1,470 m."
_REFUSAL = re.compile(r"^\W*(i (?:do not|don't|cannot|can't) (?:know|answer|say|tell)|i'?m not sure|unknown|"
                      r"(?:there is )?no (?:answer|information)|not (?:stated|mentioned|provided)|n/?a)\b",
                      re.IGNORECASE)


# a whole sentence that only opens a chat answer (matched on the stripped claim, so "Sure, it is 42" stays a claim)
# ("Certainly!", "Absolutely!" are not among them: to a yes/no question they are the yes)
_COURTESY = re.compile(r"(?:sure|okay|ok|alright|"
                       r"(?:great|good|excellent) question|happy to help|glad to help|"
                       r"here(?:'s| is) (?:the|my|a) (?:answer|calculation|breakdown|working)|"
                       r"let(?:'s| me| us) (?:see|work (?:it|this) out|calculate|compute|break (?:it|this) down|check)|"
                       # and the ones they close with
                       r"(?:i )?hope (?:this|that|it) helps|let me know if [^.!?]{0,80}|feel free to [^.!?]{0,80}|"
                       r"(?:is there )?anything else[^.!?]{0,60}|happy to help further|glad i could help|"
                       # and what they say of their own working
                       r"(?:this|that|it) (?:is|was) (?:calculated|computed|worked out|derived|based) "
                       r"(?:from|on|using) [^.!?]{0,60}|"
                       r"(?:as )?(?:stated|given|shown|mentioned) in the (?:text|context|passage|question))"
                       r"[\s!.:,?]*", re.IGNORECASE)


# how a chat answer frames what it says: the claim is what follows ("The answer is: No" is a "No")
_FRAME = re.compile(r"(?:so|thus|therefore|hence|in short|in summary|to sum up|overall|basically|you asked|"
                    r"to answer (?:your|the|this) question|(?:\*\*)?(?:final |short )?answer(?::(?:\*\*)?|\*\*:)|"
                    r"the (?:short |final |correct )?answer (?:is|would be)|(?:final |short )?answer|"
                    r"(?:based on|according to|from) (?:the|this|that) "
                    r"(?:information|context|text|passage|data|figures)(?: (?:given|provided|above))?)\s*[:,]?\s+",
                    re.IGNORECASE)
# a markdown heading ("### Working", "**Answer:**" alone on its line) structures an answer, it states nothing
_HEADING = re.compile(r"#{1,6}\s|\*\*[^*\d]{1,40}:?\*\*:?$|__[^_\d]{1,40}:?__:?$")


@dataclass(frozen=True)
class Claim:
    text: str
    start: int
    end: int


def is_refusal(text: str) -> bool:
    return bool(_REFUSAL.match(text.strip()))


def _boundaries(text: str) -> list[tuple[int, int]]:
    """(start, end) of each gap between sentences; the end punctuation stays with its sentence."""
    out = []
    for m in _SPLIT.finditer(text):
        start = m.start() if text[m.start()] == "\n" else m.start() + 1
        if text[m.start()] == ".":
            word = text[max(0, start - 6):start].rsplit(None, 1)[-1:] or [""]
            last = word[0].lower().rstrip(".")
            if (last in _ABBREV or (len(last) == 1 and last.isalpha())) \
                    and not _UNIT_END.search(text, max(0, start - 12), start):
                continue  # "Mr. Lu", "J. Smith": not a sentence end ("1,470 m. Tanganyika." is one)
            if last in ("a.m", "p.m") and text[m.end():m.end() + 1].islower():
                continue  # "at 8:00 a.m. the next morning": the sentence goes on
        out.append((start, m.end()))
    return out


def split_claims(answer: str) -> list[Claim]:
    claims: list[Claim] = []
    pos = 0
    for m in [*_boundaries(answer), None]:
        end = m[0] if m else len(answer)
        piece = answer[pos:end]
        stripped = piece.strip(" \t\r\n-*•")
        offset = pos + piece.index(stripped) if stripped else pos
        lead = _COURTESY.match(stripped)
        if lead and stripped[:lead.end()].rstrip().endswith(":"):  # "Let me work it out: 148 + 67 = 215."
            stripped, offset = stripped[lead.end():], offset + lead.end()
        frame = _FRAME.match(stripped)
        if frame and frame.end() < len(stripped):  # "The answer is: Yes", "Based on the information given, 42"
            stripped, offset = stripped[frame.end():], offset + frame.end()
        if stripped and any(ch.isalnum() for ch in stripped) and not is_refusal(stripped) \
                and not _COURTESY.fullmatch(stripped) and not _HEADING.match(stripped) \
                and not stripped.rstrip().endswith("?"):  # a question (the one asked, echoed) states nothing
            claims.append(Claim(stripped, offset, offset + len(stripped)))
        pos = m[1] if m else end
        if len(claims) >= MAX_CLAIMS:
            break
    return claims


def sentences(text: str) -> list[str]:
    """Context sentences for alignment (a context has no hedges to skip)."""
    out, pos = [], 0
    for m in [*_boundaries(text), None]:
        piece = text[pos:m[0] if m else len(text)].strip()
        if piece:
            out.append(piece)
        pos = m[1] if m else len(text)
    return out
