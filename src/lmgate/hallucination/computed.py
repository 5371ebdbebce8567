"""Answers computed from the context: sums, differences, counts, dates, times, units, rounding, yes/no.

A correct answer to "How many keys does a piano have in total?" over "52 white keys and 36 black
keys" says 88, a number the context never writes; a lexical check calls it invented. This module
reads the context, the question and each claim of the answer as figures, and tells the `grounding`
detector, per claim:

- which tokens a computation explains (the figure, its unit, a yes/no, a factor between two units the
  text names: "7.5 mi × 1.609"), so they are not "missing";
- whether the explained figures answer the question (then only names are left to the lexical signals): a
  figure asked for, a yes/no, a pick, or any figure worked out from the context's figures (not only stated);
- what the context contradicts: a figure that follows from no derivation when the question asks for one
  (not the reasons of a pick, left to the lexical signals, but its margin: "Ella, by about 31 cm"; in a
  worked answer, any step, but the closing result as asked), a figure in the wrong unit, a false
  comparison or yes/no, the stated part where the question asks for the rest (or "how many are not ..."),
  the rest where it asks for the part (or what a "three quarters full" tank holds), one of the figures
  where it asks for their mean (never of a claim before the last that only says a context sentence again);
- working the answer writes out ("8 + 11 + 6 + 9 = 34", "£12,000 × 4.5% = £540, × 3 = £1,620") is checked
  as arithmetic on its own (`worked`): read only where its operands are the context's figures (or its own
  earlier results, small counts, powers of ten), a result that holds verifies itself, its operands and
  the figures that repeat or round it after it ("so about 16") in an operation the question allows; one
  that does not hold is contradicted with the working's value. Other working decides nothing: a step it
  cannot follow is undecided (its figure is no evidence either way), except an operand the context lacks
  ("− 55.1") and a closing result where a derivation works out a figure of the result's kind (then the
  question is read surely enough that a result none gives is wrong).

Reading figures: digits with separators, "1.2 million", "12k", number words as phrases ("one hundred and
twenty", "two million", "a dozen", "half a million"), fractions ("a quarter", "five ninths", "3/4", "× 9/5",
"nine in ten", "4 out of 5"), units and currencies ("£2.20 per mile", "7.2 t per hectare", "12 km/l",
"85p", "USD 40", "nautical miles", "1,340 kWh", "6 kW", "250 mg", "2 tbsp", "64 GB", "40 imperial gallons",
"7.4 L/100 km" (a volume per length: less of it is "more efficient"), "pounds" as money or weight by what the
text and the question are about; energy is power times time), compound
quantities ("3 h 20 min", "2 hours and a half"), race times ("2:07:48"), times of day ("7:45 pm"), UTC
offsets, percentage points, dates (also "27/12/2024" and "06.01.2025", day first unless only month first is a
date); a bare four-digit figure is a year only where the words make it one ("in 1931", "the 2019 season",
"from 1990 to 2005"), so ratings and heights of 1,000 to 2,100 add up and average; the number that labels a
line ("Pallet 1: 412 kg") is no figure, and one of the figures listed a line each is no mean of them; a day
and month with no year written anywhere is a date of a common year ("6 Jan – 34"), "March 2,384" no date;
"one in nine" is a share (beside its two counts); a unit in a heading ("Snow depth (cm)") serves the bare
figures under it, and the sides of a size ("594 × 841 mm") share theirs; a unit
written once serves its series ("61, 58 and 60 seconds"), a period said once serves the figures after it; "Duarte 11
goals" beside "14 goals", "That's 215 trees" and
"..., Ben 92 and Chloe 78" are counts, not names like "Apollo 11"; where a ratio is asked, "21:19" and "21 to
19" are one figure (in the order and the lowest terms asked); series need no "and" when bare ("W, W,
D, L"), and an opening clause with an "and" leads in their first item.

Derivations (bounded: at most MAX_OPERANDS figures, pairs, runs of up to MAX_RUN, weighted totals of up
to MAX_COUNTS kinds): a figure as stated or converted; sum, difference, product, ratio and percentage of
two figures (units must agree or multiply; a ratio of two of one kind is a pure number, in no unit); an
amount over a rate; groups of a size rounded up or down and what is left over; a percentage or fraction
of a figure, the figure moved by it and the figure before the move ("a fifth of the rest" only of a
rest); a fixed part plus a rate times the question's quantity; totals of counts each worth a figure;
everything of a kind added up, prices a head times the heads, and what an amount paid leaves of it (the
change from a note) or a whole once its parts are taken ("how much is left?"); an amount "for 4 people" scaled
to the question's "for 10 people", or "shared among 6" asked what each pays (then alone); amounts in one
currency at a rate "€1 was worth £0.86"; sums and means of runs (the mean of two
too); lengths of listed series, two of them added or one taken from another (a part of a series from
it), one left out, one more ("including the pier" it lacks), tallies of repeats, the lines of a list
("- 09:15 to Skye", "Cole: defender") that say a word of a "how many" question, the days of a week or months
of a year left; days, weeks, months
and years between dates (an age from a birth), a date a duration away, times of day moved the way the
context says ("5 hours behind"). Two steps (MAX_CHAIN_OPERANDS), only where one step gives nothing and
chance matches are rare: a time of day moved again the same way, the time from a worked time to a stated
one, a part of a worked figure, a count over the time between two times of day when asked per hour ("600
croissants between 05:30 and 09:30"), a time of day after a schedule of three or more steps ("doors 18:30, a
95-minute film, a 15-minute break, a 110-minute film"). Where the question asks what was lost or is left, the
gap between two figures of a kind as a share of the larger ("went into winter with 80 hens and came out with
68": 15% lost); a rate times an amount plus a fixed charge ("£0.12 per page plus a flat £3 binding charge");
an amount at a conversion factor the context states ("An imperial gallon is 4.546 litres"); the n-th of a
series "every 15 minutes" from a time of day, the question naming n; a time of day in another zone from the
UTC offsets the context gives and the place the question names; the sum and mean of a whole written series
however long, one figure's share of the total of its kind ("What percentage was glass?"), a change over a
duration ("from 20 °C to 1,240 °C over 8 hours"), a count per hour over the time between two times of day
less a break it names. The question's words narrow them only
where they are plain ("in total", "between them" a sum, "how many more" a difference, "percentage points" a
difference of shares, "twice as" a ratio, "needed" rounds up, "sale" lowers, a price or total is not the
percentage alone and a discount not the price it leaves, a percentage change only where a figure moved,
"counting both ends", "not counting the starters"; a listed "electricity, gas and water" or a "whole"/"full"
sums all, an average takes a whole written series and is none of its figures); otherwise any derivation
counts, and a worked answer (several computed figures; a count in words is none) may take any operation in its steps.
A figure matches a derivation rounded to the precision it shows (19.3 for 19.31; a trailing zero is
exact unless hedged, "about 80", or 5 % for more zeros; "about 23.5" may round to a half), that the
question asks ("to one decimal place" counts from the scale word: "67.1 million"), or to a step in a unit
the question or the context sets ("to the nearest penny", "up to the next half kilogram"). Figures about a
thing the question does not name, of the same kind as those of the things it names ("Kangchenjunga 8,586
m" when comparing Everest and K2; a clause naming nothing speaks of the one before it), and of two figures
of a kind with a unit the one whose clause does not share the question's words ("the 23 kg limit" when it
asks what the suitcase weighed), and figures of clauses dated another year than the one it names, are not
operands.

Comparisons and yes/no: two named things compared by their figures (also in a later claim: "No. Mount
Kenya is higher."), a pick among things the question names or, for a superlative, among the clauses
that each give one figure (or two when it asks per something: "cheaper per kilogram", "goals per game";
or one moved by its percentage: "plus VAT at 20%"; the pick is the name a claim opens with); a trend
between the earliest and latest figure of one quantity; a yes/no against the one figure the context says
is a most or a least ("a maximum load of 630 kg", "has £1,500", "at least two thirds"), the amount being
what the other figures give in its kind, or against one the question writes ("longer than a kilometre"); a
yes/no on two dates (a span from the first, or the full years against an age).

Standard library only, like the rest of the `grounding` detector. Every scan is bounded: figures past
MAX_FACT_CHARS of a context are not read (the lexical signals still are).
"""

from __future__ import annotations

import bisect
import calendar
import collections
import dataclasses
import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from datetime import date, timedelta

from lmgate.hallucination import text
from lmgate.hallucination.claims import sentences

MAX_OPERANDS = 24  # pairs of 24 figures: ~2,000 derivations, a few ms per item at worst
MAX_DATES = 12
MAX_RUN = 6  # sums and means of up to six figures written one after the other
MAX_COUNTS = 3  # "two adult tickets and one child ticket": weighted totals of at most three kinds
MAX_LISTS = 200
MAX_CHAIN_OPERANDS = 12  # two-step derivations: pairs of 12 figures, each with a third (~4,000 values)
MAX_LIST_CHARS = 400  # a series is read back this far from its "and"
MAX_FACT_CHARS = 50_000  # figures past this point of a long context are not read (lexical signals still are)
REL_TOLERANCE = 0.05  # "about 20 km" for 19.3 km, never "100,000" for 140,100

# unit -> (dimension, factor to the dimension's base unit, offset); temperature is the one affine scale
_L, _A, _V, _M, _T, _S = (("L", 1),), (("L", 2),), (("L", 3),), (("M", 1),), (("T", 1),), (("L", 1), ("T", -1))
_P, _E, _B = (("P", 1),), (("P", 1), ("T", 1)), (("B", 1),)
_CLOCK_DIMS = (("clock", 1),)
_MONEY = (("money", 1),)
UNITS: dict[str, tuple[tuple[tuple[str, int], ...], float, float]] = {
    "km": (_L, 1000.0, 0), "m": (_L, 1.0, 0), "cm": (_L, 0.01, 0), "mm": (_L, 0.001, 0), "mi": (_L, 1609.344, 0),
    "nmi": (_L, 1852.0, 0), "ft": (_L, 0.3048, 0), "in": (_L, 0.0254, 0), "yd": (_L, 0.9144, 0),
    "km2": (_A, 1e6, 0), "m2": (_A, 1.0, 0), "mi2": (_A, 2_589_988.110336, 0), "ha": (_A, 1e4, 0),
    "acre": (_A, 4046.8564224, 0),
    "km3": (_V, 1e9, 0), "m3": (_V, 1.0, 0), "l": (_V, 0.001, 0), "ml": (_V, 1e-6, 0), "gal": (_V, 0.003785411784, 0),
    "impgal": (_V, 0.00454609, 0),
    "kg": (_M, 1.0, 0), "g": (_M, 0.001, 0), "t": (_M, 1000.0, 0), "lb": (_M, 0.45359237, 0),
    "oz": (_M, 0.028349523125, 0), "mg": (_M, 1e-6, 0),
    "cup": (_V, 0.0002365882365, 0), "tbsp": (_V, 0.00001478676478125, 0), "tsp": (_V, 0.00000492892159375, 0),
    "floz": (_V, 0.0000295735295625, 0),
    # energy is power times time (a 4 kW array for 3 hours makes 12 kWh), in watt-seconds (joules)
    "w": (_P, 1.0, 0), "kw": (_P, 1e3, 0), "mw": (_P, 1e6, 0), "gw": (_P, 1e9, 0),
    "j": (_E, 1.0, 0), "kj": (_E, 1e3, 0), "mj": (_E, 1e6, 0), "wh": (_E, 3600.0, 0), "kwh": (_E, 3.6e6, 0),
    "mwh": (_E, 3.6e9, 0), "gwh": (_E, 3.6e12, 0), "kcal": (_E, 4184.0, 0),
    # data in decimal multiples, as storage and plans are sold
    "kb": (_B, 1e3, 0), "mb": (_B, 1e6, 0), "gb": (_B, 1e9, 0), "tb": (_B, 1e12, 0),
    "s": (_T, 1.0, 0), "min": (_T, 60.0, 0), "h": (_T, 3600.0, 0), "day": (_T, 86400.0, 0), "week": (_T, 604800.0, 0),
    "month": (_T, 2_629_800.0, 0), "year": (_T, 31_557_600.0, 0), "decade": (_T, 315_576_000.0, 0),
    "century": (_T, 3_155_760_000.0, 0),
    "km/h": (_S, 1 / 3.6, 0), "mph": (_S, 0.44704, 0), "m/s": (_S, 1.0, 0), "knot": (_S, 1852 / 3600, 0),
    "degc": ((("K", 1),), 1.0, 0), "degf": ((("K", 1),), 5 / 9, -160 / 9), "kelvin": ((("K", 1),), 1.0, -273.15),
    "pp": ((("%", 1),), 1.0, 0),  # percentage points: a difference of two percentages, never a relative change
    "%": ((("%", 1),), 1.0, 0),
    # a time of day, in minutes since midnight ("clock12": it may be a.m. or p.m.)
    "clock": ((("clock", 1),), 60.0, 0), "clock12": ((("clock", 1),), 60.0, 0),
    # money is one dimension (a wrong currency of the same amount is still told apart: see `check`); cents and
    # pence are hundredths of whichever currency the text uses
    "usd": (_MONEY, 1.0, 0), "eur": (_MONEY, 1.0, 0), "gbp": (_MONEY, 1.0, 0), "jpy": (_MONEY, 1.0, 0),
    "cent": (_MONEY, 0.01, 0), "penny": (_MONEY, 0.01, 0),
    # "pounds": a weight, or sterling where the text speaks of money (`_pounds`)
    "pound": (_M, 0.45359237, 0),
}
_SPELLINGS = {
    "km/h": "km/h|kph|kmh|kilomet(?:re|er)s? (?:per|an) hour", "mph": "mph|miles? (?:per|an) hour",
    "m/s": "m/s|met(?:re|er)s? per second",
    "km2": "km2|sq\\.? ?km|square kilomet(?:re|er)s?", "mi2": "sq\\.? ?mi|square miles?",
    "m2": "m2|square met(?:re|er)s?",
    "km3": "km3|cubic kilomet(?:re|er)s?", "m3": "m3|cubic met(?:re|er)s?",
    "ha": "hectares?|ha", "acre": "acres?",
    "nmi": "nmi|nautical miles?",
    "km": "km|kms|kilomet(?:re|er)s?", "cm": "cm|centimet(?:re|er)s?", "mm": "mm|millimet(?:re|er)s?",
    "m": "m|met(?:re|er)s?", "mi": "mi|miles?", "ft": "ft|feet|foot", "in": "inch(?:es)?", "yd": "yds?|yards?",
    "ml": "ml|millilit(?:re|er)s?", "l": "l|lit(?:re|er)s?", "impgal": "(?:imperial|uk) gal(?:lon)?s?",
    "gal": "(?:us )?gal(?:lon)?s?",
    "kg": "kg|kgs|kilo(?:gram(?:me)?)?s?", "g": "g|gram(?:me)?s?", "t": "tonnes?|metric tons?", "lb": "lbs?",
    "oz": "oz|ounces?", "mg": "mg|milligram(?:me)?s?",
    "floz": "fl\\.? ?oz|fluid ounces?", "cup": "cups?", "tbsp": "tbsp|tablespoons?", "tsp": "tsp|teaspoons?",
    "kwh": "kwh|kilowatt[- ]hours?", "mwh": "mwh|megawatt[- ]hours?", "gwh": "gwh|gigawatt[- ]hours?",
    "wh": "wh|watt[- ]hours?", "kw": "kw|kilowatts?", "mw": "mw|megawatts?", "gw": "gw|gigawatts?", "w": "watts?",
    "kj": "kj|kilojoules?", "mj": "mj|megajoules?", "j": "joules?", "kcal": "kcal|kilocalories?|calories?",
    "kb": "kb|kilobytes?", "mb": "mb|megabytes?", "gb": "gb|gigabytes?", "tb": "tb|terabytes?",
    "s": "s|secs?|seconds?", "min": "mins?|minutes?", "h": "h|hrs?|hours?", "day": "days?", "week": "weeks?",
    "month": "months?", "year": "years?|yrs?", "decade": "decades?", "century": "centur(?:y|ies)",
    "knot": "knots?",
    "degc": "°c|° c|degrees? c(?:elsius)?|celsius", "degf": "°f|° f|degrees? f(?:ahrenheit)?|fahrenheit",
    "kelvin": "kelvins?",
    "pp": "percentage[ -]points?|% points?", "%": "%|percent|per cent", "usd": "dollars?|usd|us\\$",
    "eur": "euros?|eur", "gbp": "gbp|sterling", "jpy": "yen",
    "cent": "cents?|¢", "penny": "pence|pennies|penny", "pound": "pounds?",
}
UNIT_WORDS = frozenset(text.stem(w) for u, spelt in _SPELLINGS.items() if u != "pp"  # "points" counts too
                       for w in re.findall(r"[a-z]+", spelt) if len(w) > 2)
_UNIT_ALT = "|".join(f"(?P<u{i}>{pat})" for i, pat in enumerate(_SPELLINGS.values()))
_UNIT_NAMES = list(_SPELLINGS)
# unit patterns run on ASCII-lower-cased text (same offsets as the original)
_UNIT = re.compile(rf"[\s-]?(?:{_UNIT_ALT})(?![\w°])")
_UNIT_WORD = re.compile(rf"(?<![\w°])(?:{_UNIT_ALT})(?![\w°])")
_CURRENCY = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "usd": "usd", "eur": "eur", "gbp": "gbp"}
_MULTIPLIERS = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9}
# every scanner starts with a literal class (a digit, a letter): `re` then skips ahead fast; what comes before a
# number (a currency, a sign, a letter that makes it a code) is read in code
_NUM = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                  r"(?:\s?(?P<mult>thousand|million|billion|trillion|bn)\b|(?P<cmult>m|bn|k)\b(?=[^/\w]|$))?")
# "a quarter", "two thirds", "three and a half (months)", "half an hour"
_FRACTION = re.compile(r"\b(?:(?P<whole>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) and )?"
                       r"(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven)[ -]"
                       r"(?P<part>halfs?|halves|quarters?|thirds?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|"
                       r"tenths?|twelfths?)\b"
                       r"(?: of)?"
                       r"|\bhalf (?=an? )|\bhalf(?= (?:of|the)\b)")
# "09:30", "7:45 pm", "6 p.m.": a time of day (never "3:2" or a race time "2:01:09")
_CLOCK = re.compile(r"(?<![\d:.,])(?:(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])"
                    r"|(?P<h2>1[0-2]|0?[1-9])(?=\s?[ap]\.?m\b))(?:\s?(?P<ap>[ap])\.?m\b\.?)?")
# "lasts an hour", "for a day and a half": one of a unit of time, when a verb or a preposition says it is a span
# (never "70 times a minute", a rate, nor "a day has 24 hours")
_ONE_SPAN = re.compile(r"(?:^\W*|\b(?:lasts?|lasted|takes?|took|taken|for|in|within|after|about|around|nearly|almost|"
                       r"over|under|than|spends?|spent|runs?|ran|just|roughly|approximately) )(?P<a>an?) "
                       r"(?=(?:second|minute|hour|day|week|month|year|decade|century)\b)")
_TIME_UNITS = frozenset(["s", "min", "h", "day", "week", "month", "year", "decade", "century"])
_UNIT_AND = re.compile(r"(?:second|minute|hour|day|week|month|year|decade|century)s? and $")
_SCALE_AFTER = re.compile(r"\s*(?:of\s+)?(?:an?\s+)?(hundred|thousand|million|billion|trillion|dozen)\b")
_ONE_THING = re.compile(r"\b(?!(?:only|just|exactly|is|are|was|were|be|to|of|than|about|over|under|and|or)\b)"
                        r"[a-z]+ $")  # "the blue one", "a bigger one": a thing, not a count
_ONE_AND = re.compile(r"\s+[a-z']+(?: [a-z']+){0,2} and (?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b")
_AND_ONE = re.compile(r"[a-z']+(?: [a-z']+){0,2} and ")  # "three pots of tea and (a scone)"
_HEDGES = frozenset(["almost", "around", "circa", "some", "exactly", "approximately", "nearly", "roughly", "about",
                     "over", "under", "just", "only"])
_UTC = re.compile(r"(?:utc|gmt) ?([+−-])$")
_SLASHED = re.compile(r"(?<![\d/.,])([1-9]\d?)/([1-9]\d?)(?![\d/])")
_GROUPS_OF = re.compile(r"\s+[A-Za-z]+\s+of\s+")  # "4 classes of 28 pupils"
_RATIO_NEXT = re.compile(r"\s+(?:in|out of)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a hundred)\b")
_RATIO_GAP = re.compile(r"\s+(?:out of|in)\s+")
_IN_SCALE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)) in $", re.IGNORECASE)
_PENCE = re.compile(r"p(?![\w°]|\.\w)")
_EACH = re.compile(r"\s*(?:each|apiece|(?:per|an?|every) [a-z]+|(?!and\b|or\b)[a-z]+ (?:each|apiece|per [a-z]+))\b")
_REFERENCE = re.compile(r"\b(?:the|these|those|all|both|its|their|our) $")
_VULGAR = re.compile(r"(?P<whole>\d+?)?(?P<n>\d)⁄(?P<d>[1-9]\d?)")
_ENDS = re.compile(r"[\s.!?]*$")
_AND_A_PART = re.compile(r"\s+and (?:a (?P<half>half)|a (?P<quarter>quarter)|(?P<three>three) quarters)\b")
_DIGIT = re.compile(r"\d")
_IN_ALL = re.compile(r"\bin all\b|\bbetween (?:them|the two(?: of them)?|both)\b")  # "scored between them": a sum
_RACE_TIME = re.compile(r"(?<![\d:.,])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:])")
# "to the nearest penny", "up to the next half kilogram", "to the nearest hundred metres": a rounding step in a unit
_STEP_PHRASE = re.compile(r"\b(?:(?P<dir>up|down)\s+)?to\s+the\s+(?P<which>nearest|next)\s+"
                          r"(?:(?P<part>half|quarter|tenth)\s+(?:an?\s+)?|(?P<n>\d+|five|ten|fifteen|thirty|hundred|"
                          r"thousand)\s+)?(?P<unit>[a-z]+)")
_STEP_COUNTS = {"five": 5, "ten": 10, "fifteen": 15, "thirty": 30, "hundred": 100, "thousand": 1000}
_WAY = re.compile(r"\s*(?:[a-z]+\s+){0,2}?(ahead|behind|after|before|later|earlier)\b", re.IGNORECASE)
_IN_SERIES = re.compile(r"\d[^.;\d]{0,25}(?:,|\band|\bor)\s+$")
_BARE_INCH = re.compile(r"\s?in\b\.?")
_INCH_MARK = re.compile(r"\s?(?:in\b\.?(?!\s+[a-z])|[\"″”])")
_AFTER_NUMBER = re.compile(r"\d\s([a-z]{3,})\b")
_LETTERS = re.compile(r"[a-z]+")
_PER_HINT = re.compile(r"\s(?:per|an?|each|every|to the)\s")
_PARTS = {"half": 0.5, "halfs": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3,
          "fourth": 0.25, "fourths": 0.25, "fifth": 0.2, "fifths": 0.2, "sixth": 1 / 6, "sixths": 1 / 6,
          "eighth": 0.125, "eighths": 0.125, "tenth": 0.1, "tenths": 0.1, "seventh": 1 / 7, "sevenths": 1 / 7,
          "ninth": 1 / 9, "ninths": 1 / 9, "twelfth": 1 / 12, "twelfths": 1 / 12}
_WORD_NUMBERS = {w: int(n) for w, n in text.NUMBER_WORDS.items()
                 if w not in ("first", "second", "third", "fourth", "fifth", "half", "hundred", "thousand", "million",
                              "billion")}
# scanners run on ASCII-lower-cased text (same offsets): case-insensitive alternations are several times slower
_TENS = frozenset(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12}
# any word that can start or hold a figure written in words
_NUMBER_WORDS = frozenset([*_WORD_NUMBERS, *_PARTS, *_SCALES])
_WORD_ALT = "|".join(sorted((w for w in _WORD_NUMBERS if w != "dozen"), key=len, reverse=True))
_SCALE_ALT = "|".join(_SCALES)
# "two million", "one hundred and twenty", "thirty-six", "a dozen", "a thousand": one figure, however many words
_AFTER_SCALE = "".join(f"(?<={w})" if i == 0 else f"|(?<={w})" for i, w in enumerate(_SCALES))
_WORD_PHRASE = re.compile(
    rf"(?<![a-z-])(?:an? (?:{_SCALE_ALT})|(?:{_WORD_ALT})(?:-[a-z]+)?)(?![a-z])"
    rf"(?:(?:(?:{_AFTER_SCALE}) and)?[ -](?:{_WORD_ALT}|{_SCALE_ALT})(?:-[a-z]+)?(?![a-z]))*")
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_PER = re.compile(r"(?:\s+[a-z]+){0,3}?\s+(?:per|a|an|each|every|to the)\s+(?P<unit>" + "|".join(
    f"(?:{_SPELLINGS[u]})" for u in ("s", "min", "h", "day", "week", "month", "year", "km", "mi", "m", "l", "kg", "g",
                                      "lb", "pound", "gal", "ha", "acre", "m2", "km2", "t")) + r")\b")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_BARE_SERIES = re.compile(r"\b[A-Za-z]+(?:, [A-Za-z]+(?: [A-Za-z]+)?){3,40}\b(?! [A-Za-z])")
_LEAD = re.compile(r"\W*((?:[\w'’&.-]+ ){0,3}[\w'’&.-]+)\s*[,:]\s")
# what says a figure is a most or a least, before it with no other figure between ("a maximum load of 630 kg",
# "has £1,500 to spend", "at least two thirds")
_MOST = re.compile(r"\b(?:maximum|max|at most|up to|no more than|not more than|limit(?:ed)?|capacity|budget|"
                   r"allowance|cap)\b[^.;\d]*$")
_HAS = re.compile(r"\b(?:has|have|had|saved|raised) (?:only |just )?$")  # "The club has £1,500": money to spend
_LEAST = re.compile(r"\b(?:minimum|min|at least|no (?:less|fewer) than|not (?:less|fewer) than|requires?|needs?)\b"
                    r"[^.;\d]*$")
_OVER_ASKED = frozenset(text.stem(w) for w in ["over", "exceed", "exceeded", "exceeds", "above", "too", "beyond",
                                               "break", "broke", "overload", "overloaded"])
_BY = re.compile(r"\s*(?:[a-z]+\s*)?[×x*]\s*\d")
_QUOTIENT = re.compile(r"[\d.,]+ / [\d.,]+$")  # a share of a count: "70 / 96", not "96 / 70, rounded down"
_TIME_ASKED = re.compile(r"\b(?:what|which) time\b|^\s*when\b|\bby when\b")
_PURE_SUM = re.compile(r"[\d.,]+(?: \+ [\d.,]+)+")
_WHOLE_ASKED = frozenset(text.stem(w) for w in ["whole", "full", "entire", "complete"])
_HEDGED = re.compile(r"\b(?:about|around|roughly|approximately|approx|nearly|almost|some|circa|just over|just under|"
                     r"a little over|a little under|~)\s*\S*$")
_LIST_GAP = re.compile(r"[^.;:\d]{0,30}?(?:,|\band\b)[^.;:\d]{0,30}")
_SHARE_ASKED = frozenset(text.stem(w) for w in ["discount", "tip", "tax", "vat", "surcharge", "interest", "saving",
                                                 "markup", "commission", "deposit", "fee"])
_MOVED_ASKED = frozenset(text.stem(w) for w in ["cost", "after", "with", "new", "sale", "left", "remain", "remaining",
                                                "before", "original", "originally", "now", "owe", "balance"])
_ROOM_ASKED = frozenset(text.stem(w) for w in ["empty", "room", "space", "free", "spare", "left", "remain",
                                                "remaining", "more", "fill", "vacant", "unused", "available"])
_WORKED = re.compile(r"\d\s*(?:[×x*+−÷/]|-(?=\s))\s*[£$€]?\s*\d[^=]{0,40}=\s*[£$€]?\s*\d")
_FOR_COUNT = re.compile(r"\b(?:for|serves?|serving|feeds?|feeding)\s+$", re.IGNORECASE)  # "for 4 people"
_CURRENCIES = frozenset(["usd", "eur", "gbp", "jpy"])
_MARGIN = re.compile(r"\bby (?:about |around |roughly |nearly |almost |just |some |over |under )?$")
_PERCENT_ASKED = frozenset(["percent", "percentage", "point"])
_WHOLE_PRICE = frozenset(text.stem(w) for w in ["total", "price", "including", "included", "inclusive", "final",
                                                 "altogether", "pay", "paid"])
_OF_THE_REST = re.compile(r"\s*(?:of\s+)?(?:the|what(?:'s| is| was)?)\s+(?:rest|remainder|remaining|left)\b")
_BIRTH = frozenset(text.stem(w) for w in ["born", "birth", "birthday"])
_BOTH_ENDS = re.compile(r"\bcounting both\b|\bboth (?:the )?(?:first|start|opening) and\b|\binclusive\b|"
                        r"\b(?:first|opening) and (?:the )?(?:last|closing) days? (?:included|inclusive)\b")
_SPAN_WORDS = frozenset(["under", "over", "within", "before", "after", "beyond", "past"])  # "still under warranty"
_AGE_ASKED = frozenset(text.stem(w) for w in ["old", "age", "aged", "adult"])
_LATE_ASKED = frozenset(text.stem(w) for w in ["expired", "expire", "late", "after", "overdue", "lapsed", "ended",
                                               "over", "out"])
_EXPR_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_STEPPED = re.compile(r" [-+x/] |^mean ")
_PERIOD_AFTER = re.compile(r"\s*(?:a|an|per|each|every)\s+(second|minute|hour|day|week|month|year)\b")
_PER_THING = re.compile(r"\b(?:per|a|each|for each|for every|every) ([a-z]+)\b(?![^?]*\bper\b)")
_LETTER_NAME = re.compile(r"(?<=[A-Za-z] )[A-Z](?![\w'’-])")  # "Plan B", "supermarket A" (not "°C", "5 M")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MON = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DATE = re.compile(rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\.?(?:,?\s+(?P<y1>\d{{4}}))?"
                   rf"|(?P<mon2>{_MON})\.?\s+(?P<d2>\d{{1,2}})(?![,.]\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
                   rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))\b")
# "in a year", "per hour", "each day", "weekly": one of the unit, in a question
_ONE_UNIT = re.compile(r"\b(?:(?:in|for|per|each|every|over|a|an|the first) (?:an? )?"
                       r"(?P<u>second|minute|hour|day|week|month|year)"
                       r"|(?P<adj>hour|dai|week|month|year)ly|annual(?:ly)?)\b")
_PERIODS = {"dai": "day", "annual": "year", "annually": "year"}
_COUNT = re.compile(r"(?<![\w.,-])(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?<=and )an?|"
                    r"an?(?= [a-z']+(?: [a-z']+){0,2} and (?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b))"
                    r"(?![\w.,-]) (?!of\b)")
# one thing set apart from a count: in the context's sentence, or in the question
_ONE_OUT = re.compile(r"\b(?:except|excluding|apart from|other than|besides|aside from|all but|but one|the only one|"
                      r"only one|not counting)\b", re.IGNORECASE)
_SHARED_AMONG = re.compile(r"\b(?:shared|split|divided)(?: equally| evenly)? (?:among|between|by) (?:the )?$")
_EACH_ASKED = frozenset(["each", "apiece"])
_RATIO_PAIR = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\**\s*(?::|to|∶)\s*\**(\d+(?:\.\d+)?)(?![\d:]|\.\d)")
_RATIO_OF = re.compile(r"\bratio of (?:the )?([a-z]+)(?: [a-z]+){0,3}? to (?:the )?([a-z]+)")
_THAN_ONE = re.compile(r"\b(?:than|over|under|above|below|exceed|exceeds|within) an? (?=[a-z])")
_INCLUDING = re.compile(r"\b(?:including|counting|as well as|plus|together with)\b")
_ONE_OUT_ASKED = re.compile(r"\b(?:except|excluding|apart from|other than|besides|aside from|not counting|"
                            r"not including|without)\b")
_RELATIVE = re.compile(r"\bby what (?:percentage|percent)\b|\b(?:percentage|percent) (?:increase|decrease|rise|fall|"
                       r"change|drop|growth|gain|loss)\b")
_YEAR_BEFORE = re.compile(r"(?<!\d)\d{4}–")
_NOUN = re.compile(r"\s+([A-Za-z]+)")
_ELIDED = re.compile(r"\s*(?:[.,;:)]|and\b|or\b|$)")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO = re.compile(r"\d{4}-\d\d-\d\d")
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?![\d/.]\d)")
_CLAUSE = re.compile(r",\s+|;\s*|:\s+|\s+(?:and|but|while|whereas|whilst)\s+|\s+[–—]\s+|[()]", re.IGNORECASE)
_LIST_END = re.compile(r",?\s+(?:and|or)\s+", re.IGNORECASE)
_ITEM_END = re.compile(r"[,;.:()]|\s+(?:and|or|but|which|who|that|are|is|were|was|have|has|make|made|form)\b",
                       re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+\S", re.MULTILINE)
_NAME = re.compile(r"\b(?:[A-Z][\w'’]*|(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]+)\b")
_CAPITALISED_NAME = re.compile(r"[A-Z][\w'’-]*")

AUX = frozenset(["is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "could", "will",
                 "would", "should", "shall", "may", "might", "must"])
YES = frozenset(["yes", "yeah", "yep", "correct", "true", "indeed", "right", "absolutely", "definitely", "certainly",
                 "sure"])
NO = frozenset(["no", "nope", "false", "incorrect", "wrong", "not"])  # "Not at all", "Not quite"
# comparative -> +1 when the larger figure wins, -1 when the smaller; "date" words compare years and dates
MORE = ["longer", "taller", "higher", "larger", "bigger", "greater", "more", "heavier", "deeper", "wider", "hotter",
        "warmer", "farther", "further", "richer", "busier", "louder", "wetter", "rainier", "sunnier", "windier",
        "thicker", "stronger", "brighter", "steeper", "costlier", "pricier", "dearer"]
LESS = ["shorter", "lower", "smaller", "fewer", "less", "lighter", "shallower", "narrower", "colder", "cooler",
        "nearer", "closer", "cheaper", "drier", "poorer", "thinner", "weaker", "quieter", "darker"]
GREATER = [*MORE, "longest", "tallest", "highest", "largest", "biggest", "greatest", "most", "heaviest", "deepest",
           "widest", "hottest", "warmest", "richest", "busiest", "loudest", "wettest", "rainiest", "sunniest",
           "windiest", "thickest", "strongest", "brightest", "steepest", "costliest", "priciest", "dearest", "exceed",
           "exceeds", "above", "over"]
LESSER = [*LESS, "shortest", "lowest", "smallest", "fewest", "least", "lightest", "shallowest", "narrowest", "coldest",
          "coolest", "cheapest", "nearest", "closest", "driest", "poorest", "thinnest", "weakest", "quietest",
          "darkest", "below", "under"]
LATER = ["later", "after", "latest", "newer", "newest", "since"]
EARLIER = ["earlier", "before", "first", "earliest", "sooner", "prior"]
AGE = {"older": 1, "oldest": 1, "younger": -1, "youngest": -1}  # larger age, or earlier year
SPEED = {"faster": 1, "fastest": 1, "quicker": 1, "quickest": 1, "slower": -1, "slowest": -1}  # inverted for times
COMPARATIVES: dict[str, tuple[int, str]] = {
    **{w: (1, "any") for w in GREATER}, **{w: (-1, "any") for w in LESSER}, **{w: (1, "date") for w in LATER},
    **{w: (-1, "date") for w in EARLIER}, **{w: (s, "age") for w in AGE for s in [AGE[w]]},
    **{w: (s, "speed") for w in SPEED for s in [SPEED[w]]}}

# comparatives that are adjectives ("the quickest"), not prepositions ("take over the world", "since 2008")
_ADJECTIVES = frozenset(w for w in COMPARATIVES if w.endswith(("er", "est")) or w in ("most", "least", "more",
                                                                                      "less")) \
    - {"over", "under", "after", "later", "earlier", "sooner", "newer", "closer", "nearer", "further", "farther"} \
    | frozenset(AGE) | frozenset(SPEED)

# how a figure changed over time ("Did the population grow?"), as written (the light stemmer cannot bring them home)
UP = frozenset(["grow", "grows", "grew", "grown", "growing", "rise", "rises", "rose", "risen", "rising", "increase",
                "increases", "increased", "increasing", "climb", "climbed", "gain", "gained", "up", "doubled",
                "tripled", "expand", "expanded", "improve", "improved"])
DOWN = frozenset(["fall", "falls", "fell", "fallen", "falling", "decline", "declines", "declined", "declining",
                  "decrease", "decreases", "decreased", "drop", "drops", "dropped", "shrink", "shrinks", "shrank",
                  "shrunk", "shrinking", "down", "halved", "contracted", "lose", "lost"])
UP_STEMS, DOWN_STEMS = frozenset(map(text.stem, UP)), frozenset(map(text.stem, DOWN))
_CHANGE_ASKED = UP_STEMS | DOWN_STEMS | frozenset(text.stem(w) for w in [
    "change", "changed", "more", "less", "higher", "lower", "bigger", "smaller", "larger", "greater", "difference",
    "cheaper", "dearer", "faster", "slower", "growth", "gain", "loss", "profit", "markup", "discount", "saving"])
SUM, DIFF, PRODUCT, RATIO, PERCENT, MEAN = "sum", "difference", "product", "ratio", "percentage", "mean"
_CUES: dict[str, frozenset[str]] = {
    SUM: frozenset(text.stem(w) for w in ["total", "altogether", "combined", "combine", "sum", "together", "overall",
                                          "both"]),
    # how far apart two figures are, or how one moved ("go up by", "fell", "save"); not "doubled" (a ratio)
    DIFF: frozenset(text.stem(w) for w in [
        "difference", "differ", "apart", "gap", "exceed", "change", "remain", "left", "save", "saving", *MORE, *LESS,
        "older", "younger", "faster", "slower", "raise", "raised", "cut", "reduce", "reduced", "lower", "lowered",
        *(UP | DOWN - {"doubled", "tripled", "halved"})]),
    RATIO: frozenset(text.stem(w) for w in ["ratio", "twice", "thrice", "double", "triple"]),  # ("times": _TIMES_AS)
    PERCENT: frozenset(["percent", "percentage", "%", "share", "proportion", "fraction"]),
    MEAN: frozenset(text.stem(w) for w in ["average", "mean"]),
    PRODUCT: frozenset(text.stem(w) for w in ["each", "per", "every"]),
}
_AGE_WORDS = frozenset(text.stem(w) for w in ["old", "age", "aged"])
# words that ask for a span of time: only then are years operands ("how many years after", "how old was she")
_SPANS = frozenset(text.stem(w) for w in [
    "year", "years", "decade", "century", "long", "old", "age", "after", "before", "since", "between", "ago", "later",
    "earlier", "last", "lasted", "took", "take", "passed", "elapsed", "anniversary", "separated", "apart", "gap",
    "older", "younger"])
# a count of groups asked for: only full ones, or enough for all
_WHOLE_ONLY = frozenset(text.stem(w) for w in ["full", "complete", "whole", "filled"])
_ENOUGH = frozenset(text.stem(w) for w in ["need", "needed", "enough", "required", "require", "least", "minimum"])
# words that say which way a percentage moves a figure
_RAISED = frozenset(text.stem(w) for w in ["rise", "rose", "increase", "grow", "grew", "add", "added", "plus", "gain",
                                           "raise", "tip", "surcharge", "tax", "vat", "interest", "markup",
                                           "inflation"])
_LOWERED = frozenset(text.stem(w) for w in ["reduce", "reduced", "discount", "off", "fall", "fell", "drop", "cut",
                                            "lower", "decrease", "decline", "lose", "lost", "sale", "save"])
# the rest of a whole, asked for ("What is left?") or named by the context ("and the rest for the topping": never
# "the six other countries", an everyday word)
_REST = frozenset(text.stem(w) for w in ["rest", "remainder", "remaining", "remain", "others", "other", "left",
                                         "still", "yet"])
_SPAN_AFTER = re.compile(r"(?:(?:the|that|this|those|these|a|its|their|last|past|next|first|whole|entire|\w+) )*?"
                         r"(?:winter|summer|spring|autumn|fall|year|years|week|weeks|weekend|month|months|day|days|"
                         r"night|nights|period|season|decade|hour|hours|fortnight|holiday|holidays|term)\b")
_PARTICLES = frozenset(["out", "up", "down", "back", "off", "away", "again", "later", "then", "finish", "end", "start",
                        "get", "got", "went", "came", "left"])
_MONEY_ASKED = frozenset(text.stem(w) for w in ["cost", "costs", "pay", "paid", "price", "fee", "spend", "spent",
                                                 "charge", "charged", "earn", "fare", "bill", "owe", "afford", "rent",
                                                 "wage", "salary", "budget", "refund", "change"])
_GAP_ASKED = frozenset(text.stem(w) for w in ["lost", "lose", "loss", "left", "remain", "remaining", "rest", "missing",
                                               "gone", "unused", "spare", "empty", "died", "failed", "unsold"])
_REST_NAMED = frozenset(text.stem(w) for w in ["rest", "remainder", "remaining"])
# a question that asks for a figure: "how many", "what percentage", "what was the survival rate?", "what do three
# adults pay?", "calculate the total"
_MEASURES = ("rate|total|sum|difference|average|mean|ratio|percentage|share|proportion|fraction|number|amount|cost|"
             "price|length|distance|speed|weight|mass|height|area|volume|population|score|duration|age|count|value|"
             "temperature|capacity|size|width|depth|fare|bill|charge|fee|salary|wage|revenue|profit|budget|change|gap")
_QUANTITATIVE = re.compile(r"\bhow (?:many|much|long|far|old|tall|high|big|large|deep|heavy|fast|wide|often)\b|"
                           r"\bwhat (?:percentage|percent|proportion|share|fraction)|\bnearest\b|"
                           r"\bdecimal places?\b|\bby how much\b|\bin total\b|\bas a percentage\b|\bwhat time\b|"
                           rf"\bwhat(?:'s| is| was| are| were| will be| would be)? (?:the |its |their |his |her |a )?"
                           rf"(?:[a-z'-]+ ){{0,3}}?(?:{_MEASURES})s?\b|"
                           r"\bwhat (?:does|do|did|will|would) .{0,60}?\b(?:cost|pay|weigh|earn|measure|come to)\b|"
                           r"^\W*(?:calculate|compute|work out|find|give|estimate|determine)\b", re.IGNORECASE)
_PRECISION = re.compile(r"\bnearest (?P<place>whole number|integer|whole|(?:ten |hundred )?(?:thousand|million|billion)"
                        r"|hundred|ten|tenth|hundredth|thousandth|[a-z]+)\b|\b(?P<dp>one|two|three|four|\d) decimal "
                        r"places?\b", re.IGNORECASE)
_PLACES = {"ten": 1, "hundred": 2, "thousand": 3, "ten thousand": 4, "hundred thousand": 5, "million": 6,
           "ten million": 7, "hundred million": 8, "billion": 9, "tenth": -1, "hundredth": -2, "thousandth": -3}
_DP = {"one": 1, "two": 2, "three": 3, "four": 4}
_VOCABULARY = frozenset(text.stem(w) for w in [
    "total", "altogether", "combined", "together", "sum", "difference", "approximately", "roughly", "around", "nearly",
    "take", "takes", "took", "taken", "last", "lasts", "lasted", "get", "gets", "got",
    "almost", "exactly", "about", "some", "round", "rounded", "percent", "percentage", "later", "earlier", "apart",
    "old", "age", "long", "full", "whole", "time", "times", "more", "less", "fewer", "cost", "costs",
    "per", "each", "every", "average", "until", "place", "decimal", "nearest",
    # what a figure counts, when the answer names it and the context did not ("About 388,000 people.")
    "people", "person", "inhabitants", "residents", "items", "members", "units", "pieces", "points", "degrees",
    # how a figure changed
    "rose", "risen", "fell", "fallen", "grew", "grown", "increased", "decreased", "dropped", "declined", "gained",
    "growth", "turnout", "share", "proportion",
    # how it was computed ("120 cows plus 45 goats make 165 animals")
    "plus", "minus", "make", "makes", "give", "gives", "equal", "equals", "add", "added", "multiplied", "divided",
    "quarter", "half", "third", "thirds", "quarters", "in", "out", "of", "or", "one",
    # how a chat answer frames its figure ("The answer is: £495", "Based on the information given, ...", "So, ...")
    "answer", "result", "based", "information", "given", "according", "context", "text", "passage", "figures",
    "calculation", "calculated", "works", "working", "comes", "come", "so", "therefore", "thus", "hence", "means",
    "that", "which", "would", "be", "final", "i.e", "ie", "approx", "just", "under", "over",
    # when a time of day falls ("8:00 a.m. the next morning", "10:10 in the evening")
    "next", "following", "morning", "afternoon", "evening", "night", "midnight", "noon", "day"])
# how a yes or a no is framed ("Yes, with time to spare", "No, he is 4 kg short", "Yes, comfortably inside the
# limit"): words of the verdict, not claims about the world
_VERDICT_WORDS = frozenset(text.stem(w) for w in [
    "spare", "short", "shortfall", "enough", "plenty", "room", "within", "inside", "under", "over", "limit", "margin",
    "comfortably", "easily", "just", "barely", "still", "left", "remaining", "need", "needed", "needs", "time"])
# past forms the light stemmer cannot bring home ("It ran for 110 days" answers "How long did it run?")
_IRREGULAR = {
    "ran": "run", "took": "take", "taken": "take", "sank": "sink", "sunk": "sink", "rose": "rise", "risen": "rise",
    "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow", "won": "win", "made": "make", "wrote": "write",
    "written": "write", "began": "begin", "begun": "begin", "came": "come", "went": "go", "gone": "go", "gave": "give",
    "given": "give", "held": "hold", "sold": "sell", "bought": "buy", "built": "build", "spent": "spend",
    "paid": "pay", "lost": "lose", "flew": "fly", "flown": "fly", "drove": "drive", "driven": "drive",
    "became": "become", "found": "find", "brought": "bring", "stood": "stand", "kept": "keep", "met": "meet",
    "ate": "eat", "eaten": "eat", "drank": "drink", "swam": "swim", "wore": "wear", "threw": "throw", "chose": "choose",
    "spoke": "speak", "rode": "ride", "told": "tell", "said": "say", "left": "leave", "felt": "feel", "sent": "send",
    "saw": "see", "seen": "see"}


def known(token: str, tokens: frozenset[str] | set[str]) -> bool:
    """Is `token` one of `tokens`, up to an irregular past form or the stemmer's cut ("takes" -> "tak")?"""
    return token in tokens or _IRREGULAR.get(token) in tokens or token + "e" in tokens


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str | None
    precision: int  # the power of ten of the last digit shown: 0 for 19, -1 for 19.3, 3 for 388,000
    start: int
    end: int
    clause: int = -1
    year: bool = False  # a bare year (1000-2100 with no unit and no separator): compared as a date
    in_date: bool = False  # the year of a full date: its arithmetic is the date's
    word: bool = False  # written as a word ("five")
    name: bool = False  # part of a name ("Boeing 747", "Apollo 11"): not a figure at all
    per: str | None = None  # "70 times per minute": the time or length unit it is a rate over
    rate: bool = False  # "per mile", "each", "a month", "per text": a figure for each of something
    scale: int = 0  # the power of ten of a word after it: 6 for "67.1 million" (decimal places count from there)

    @property
    def dims(self) -> tuple[tuple[str, int], ...]:
        dims = dict(UNITS[self.unit][0]) if self.unit else {}
        if self.per:
            for d, e in UNITS[self.per][0]:
                dims[d] = dims.get(d, 0) - e
        return tuple(sorted((d, e) for d, e in dims.items() if e))

    @property
    def base(self) -> float:
        """The value in the dimension's base unit (metres, seconds, kilograms, °C...)."""
        v = self.value
        if self.unit:
            _, factor, offset = UNITS[self.unit]
            v = v * factor + offset
        if self.per:
            v /= UNITS[self.per][1]
        return v


def _precision(digits: str) -> int:
    digits = digits.replace(",", "")
    if "." in digits:
        return -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    return len(digits) - len(stripped) if stripped else 0


def _unit_at(low: str, pos: int) -> tuple[str | None, int]:
    """The unit written at `pos` of a lower-cased text, and where it ends."""
    m = _UNIT.match(low, pos)
    if not m:
        return None, pos
    name = next(_UNIT_NAMES[int(k[1:])] for k, v in m.groupdict().items() if v is not None)
    return name, m.end()


def figures(raw: str) -> list[Figure]:
    """Every figure of a text, with its unit and shown precision (dates are read by `dates`)."""
    out: list[Figure] = []
    low = raw.translate(_LOWER)
    digits_in = _DIGIT.search(low) is not None
    present = _NUMBER_WORDS.intersection(_LETTERS.findall(low))
    spans = (" a" in low or low.lstrip()[:1] == "a") and _ONE_SPAN.search(low) is not None
    if not digits_in and not present and not spans:
        return out  # most claims: nothing to read
    clocks = _clocks(low) if digits_in and (":" in low or "m" in low) else []
    if digits_in and "⁄" in low:  # "2¾ hours", after NFKC "23⁄4 hours"
        clocks = sorted(clocks + [_vulgar(m, low) for m in _VULGAR.finditer(low)], key=lambda f: f.start)
    in_clock = _spans([(c.start, c.end) for c in clocks])
    counted = _counted_nouns(low) if digits_in else frozenset()
    read_to = 0  # the end of the last figure read with what follows it ("per 100 km")
    for m in (_NUM.finditer(low) if digits_in else ()):
        start, digits = m.start(), m.group("num")
        if in_clock(start) or start < read_to:
            continue  # the hour or the minutes of "09:30"; the hundred of "5 litres per 100 miles"
        at = start - 1 if low[start - 1:start] == " " else start  # "US$ 3"
        cur = next((c for c in _CURRENCY if low[max(0, at - len(c)):at] == c
                    and (not c.isalpha() or not low[at - len(c) - 1:at - len(c)].isalpha())), None)
        first = at - len(cur) if cur else start
        lead = low[first - 1:first] if first else ""
        sign = lead in ("-", "−") and (first < 2 or not low[first - 2].isalnum())
        zone = _UTC.search(low, max(0, first - 5), first)  # "UTC−5": an offset in hours
        if zone:
            sign, lead = zone.group(1) != "+", ""
        if lead and (lead.isalnum() or lead in "_.,/" or (lead in "-−" and not sign)):
            continue  # "A380", "v1.2", "747-8": part of a code, not a figure
        if lead == "–" and len(digits) == 2 and _YEAR_BEFORE.match(low, max(0, first - 5)):
            continue  # "the 2003–04 season": the end of a range of years
        value = float(digits.replace(",", "")) * (-1 if sign and not cur else 1)
        precision = _precision(digits)
        mult = m.group("mult") or m.group("cmult") or ""
        if mult == "m" and not cur:
            mult = ""  # "5 m" is five metres; "$5m" five million dollars
        if mult:
            power = {"m": 6, "k": 3}.get(mult, _MULTIPLIERS.get(mult, 0))
            value, precision = value * 10 ** power, precision + power
        end = m.end() if mult else m.end("num")
        unit = _CURRENCY.get(cur or "")
        if zone:
            unit = "h"
        elif unit is None and not mult and _PENCE.match(low, end):  # "89p"
            unit, end = "penny", end + 1
        elif unit is None:
            unit, end = _unit_at(low, end)
        per = None
        p = _PER.match(low, end) if _PER_HINT.search(low, end, end + 40) else None
        if p and unit not in ("km/h", "mph", "m/s", "knot", "%"):
            per, _ = _unit_at(low, p.start("unit") - 1)
            per = per if per and per != unit else None
        elif unit and (hundred := _PER_HUNDRED.match(low, end)):
            # "7.4 L/100 km", "5.2 litres per 100 km": a consumption over a hundred of the distance
            per, _ = _unit_at(low, hundred.start("unit") - 1)
            value, precision, end = value / 100, precision - 2, hundred.end()
            read_to = end
        elif unit and low[end:end + 1] == "/":  # "12 km/l", "$3/kg"
            per, after = _unit_at(low, end + 1)
            per, end = (per, after) if per and per != unit and UNITS[per][2] == 0 else (None, end)
        part = _AND_A_PART.match(low, end) if unit and unit in _TIME_UNITS else None
        if part:  # "2 hours and a half"
            value += 0.5 if part.group("half") else 0.25 if part.group("quarter") else 0.75
            end, precision = part.end(), min(precision, -1)
        if not unit and not cur and not mult and _LABEL_AFTER.match(raw, m.end("num")) \
                and _LABEL_BEFORE.search(raw, max(0, start - 30), start):
            continue  # "Pallet 1: 412 kg", "- Essay 2: 85": the number labels the line, its figure follows
        name = not unit and not cur and not mult and _is_name(raw, start, m.end("num"), digits, counted)
        year = (unit is None and not mult and "," not in digits and "." not in digits and 1000 <= value <= 2100
                and _written_as_year(low, first, end, out))
        out.append(Figure(value, unit, precision, first, end, year=year and not name, name=name, per=per,
                          rate=per is not None or _EACH.match(low, end) is not None,
                          scale=power if mult else 0))
    for m in (_WORD_PHRASE.finditer(low) if present - _PARTS.keys() else ()):
        words, stop = m.group().split(), m.end()
        first, _, rest = words[0].partition("-")
        if len(words) == 1 and (first == "one" or (rest and rest not in _WORD_NUMBERS)):
            stop = m.start() + len(first)
            if not _UNIT.match(low, stop) and not _RATIO_NEXT.match(low, stop) and (
                    rest or not _ENDS.match(low, stop) or _ONE_THING.search(low, 0, m.start())):
                continue  # "one of the", "four-time", "the blue one": no figure without its unit ("one hour"),
                # unless it ends the text ("Only one.")
        elif words[-1].partition("-")[2] and words[-1].partition("-")[2] not in _WORD_NUMBERS:
            words[-1] = words[-1].partition("-")[0]  # "two thousand-year-old": the unit follows the hyphen
            stop = m.start() + len(" ".join(words))
        value = _word_value(words)
        if value is None:
            continue
        unit, end = _unit_at(low, stop)
        out.append(Figure(value, unit, _precision(str(int(value))) if value >= 10 else 0, m.start(), end, word=True))
    for m in (_ONE_SPAN.finditer(low) if spans else ()):
        unit, end = _unit_at(low, m.end("a"))
        part = _AND_A_PART.match(low, end)  # "an hour and a half", "a day and a quarter"
        value = 1.0 + (0.0 if not part else 0.5 if part.group("half") else 0.25 if part.group("quarter") else 0.75)
        out.append(Figure(value, unit, 0, m.start("a"), part.end() if part else end, word=True))
    fractions = []
    for m in (_FRACTION.finditer(low) if present & _PARTS.keys() else ()):
        if _UNIT_AND.search(low, max(0, m.start() - 12), m.start()):
            continue  # "a year and a half": read with its unit (`_ONE_SPAN`, `_AND_A_PART`)
        if m.group("part") is None:  # "half an hour", "half of the 30 pupils"
            value, whole = 0.5, None
        else:
            whole = m.group("whole")
            if whole is not None and not whole.isdigit() and whole not in _WORD_NUMBERS:
                continue
            count = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}[m.group("count")]
            value = count * _PARTS[m.group("part")] + (float(whole if whole.isdigit() else _WORD_NUMBERS[whole])
                                                       if whole else 0.0)
        start = m.start("whole") if whole else m.start()
        precision = 0 if whole else -1  # "three and a half months" is shown to the half; "a quarter" to a tenth
        scale = _SCALE_AFTER.match(low, m.end())
        if scale:  # "half a million", "two and a half thousand"
            value *= _SCALES[scale.group(1)]
            precision = _precision(str(int(_SCALES[scale.group(1)]))) - 1
            m = scale
        after = low[m.end():]
        skip = re.match(r"\s*an? ", after) or re.match(r"\s*(?:of )?(?:the |an? )?", after)
        unit, end = _unit_at(low, m.end() + (skip.end() if skip else 0))
        fractions.append(Figure(value, unit, precision, start, end if unit else m.end(), word=True))
    for m in (_SLASHED.finditer(low) if digits_in and "/" in low else ()):  # "3/4 of a cup", "1/3"
        n, d = int(m.group(1)), int(m.group(2))
        # a proper fraction, or any in working ("180 × 9/5 + 32")
        if n < d <= 32 or (d <= 32 and low[max(0, m.start() - 3):m.start()].rstrip()[-1:] in ("×", "*", "x")):
            skip = re.match(r"\s*(?:of )?(?:the |an? )?", low[m.end():])
            unit, end = _unit_at(low, m.end() + (skip.end() if skip else 0))
            fractions.append(Figure(n / d, unit, -2, m.start(), end if unit else m.end(), word=True))
    if fractions:
        fractions.sort(key=lambda g: g.start)
        in_fraction = _spans([(g.start, g.end) for g in fractions])
        out = [f for f in out if not in_fraction(f.start)] + fractions
    return _pounds(_shared_units(_compound(sorted(out + clocks, key=lambda f: f.start), low), low))


_YEAR_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|since|from|until|till|by|of|during|circa|c\.|ca\.|before|after|between|early|late|mid|year|years|"
    r"founded|built|born|died|opened|closed|established|est\.|launched|released|published|dated|vintage|season|"
    r"fy|fiscal|financial|academic|calendar|model|class|the|[’']s|summer|winter|spring|autumn|fall|census|"
    r"log|report|accounts|budget|review|edition|register|summary|programme|program|festival|harvest|"
    + _MON + r")\s*[:,]?\s*|\b(?:year|founded|built|born|opened|"
    r"established|since|season|vintage)[^\n.;:]{0,12}:\s*)$")
_YEAR_CUE_AFTER = re.compile(r"\s*(?:census|season|election|vintage|budget|edition|model year|olympics|world cup|"
                             r"[’']s\b|s\b|[–-]\s*\d{2,4}\b)")
_YEAR_AFTER_YEAR = re.compile(r"\s*(?:,|and|to|or|until|till|through|[–-])\s*(?:and\s+|or\s+)?")
_SIZE_GAP = re.compile(r"by|[×x]")
# ("594 × 841 mm", "3 by 4 m": the sides of one size share the unit written after the last)
_SERIES_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|to\s+|by\s+|[-–×x]\s*)")
_SERIES_END = re.compile(r"\s*(?:,\s*and\s+|and\s+|or\s+|to\s+|by\s+|[-–×x]\s*)")  # not ", or": "a quarter, or 25%"


def _written_as_year(low: str, start: int, end: int, before: list[Figure]) -> bool:
    """Is a bare four-digit figure a year? Only where the words say so ("in 1931", "since 2010", "the 2019
    season", "March 2024", "from 1990 to 2005"): "rated 1874 and finished at 1931" are ratings, "1720, 1865,
    1790" a series to add or average."""
    if _YEAR_CUE_BEFORE.search(low, max(0, start - 24), start) or _YEAR_CUE_AFTER.match(low, end):
        return True
    if low[:start].rstrip().endswith(("(", "–")) and low[end:end + 1] in (")", "–", "-"):
        return True  # "(1931)", "1931–1940"
    # the second end of a range or series of years: "between 1990 and 2005", "2019, 2020 and 2021"
    return bool(before) and before[-1].year and _YEAR_AFTER_YEAR.fullmatch(low, before[-1].end, start) is not None


def _header_unit(found: list[Figure], raw: str) -> list[Figure]:
    """A unit given once in a heading, "Snow depth (cm)", "Price (£)": the bare figures after it are in it (not
    years, names or figures in words)."""
    m = _HEADER.search(raw)
    if not m:
        return found
    written = m.group("unit").strip().translate(_LOWER)
    unit, end = _unit_at(" " + written, 0)
    unit = unit if end == len(written) + 1 else _CURRENCY.get(written)
    if unit is None:
        return found
    return [dataclasses.replace(f, unit=unit) if f.start > m.end() and f.unit is None and f.per is None
            and not f.year and not f.name and not f.word else f for f in found]


def _one_in(raw: str) -> list[Figure]:
    """ "one in nine was rejected", "3 out of 4 passed": a share (1/9, 0.75) beside its two counts, which stay
    figures of their own ("won 3 out of 5": 2 lost). Read in a context only: an answer's "9 out of 10" is read
    against the scale it names (`check`)."""
    out = []
    for m in _IN_RATIO.finditer(raw.translate(_LOWER)) if " in " in raw or " out of " in raw else ():
        n, d = (int(x) if x.isdigit() else _WORD_NUMBERS.get(x) for x in (m.group("n"), m.group("d")))
        if n is not None and d and 0 < n < d <= 1000:
            out.append(Figure(n / d, None, -3, m.start(), m.end(), word=True))
    return out


def _shared_units(found: list[Figure], low: str) -> list[Figure]:
    """A unit written once for a series: "12, 15, 14 and 16 minutes", "between 40 and 50%", "3 to 5 km": every
    bare figure before it takes it (never a year; the last two joined by "and", "or", "to" or a dash)."""
    out = list(found)
    for i in range(len(out) - 1, 0, -1):
        f = out[i]
        if (not f.unit and not f.per) or not _SERIES_END.fullmatch(low, out[i - 1].end, f.start):
            continue
        j = i - 1
        while j >= 0 and out[j].unit is None and out[j].per is None and not out[j].year and not out[j].name \
                and not _fraction(out[j]) \
                and (gap := _SERIES_GAP.fullmatch(low, out[j].end, out[j + 1].start)) \
                and (f.dims == _L or not _SIZE_GAP.search(gap.group())):  # ("3 x £2.40" is a product)
            out[j] = dataclasses.replace(out[j], unit=f.unit, per=f.per)
            j -= 1
    return out


def _pounds(found: list[Figure], context: list[Figure] | None = None) -> list[Figure]:
    """ "Nine pounds" is a weight where the text speaks of weights, sterling where it speaks of money only; a text
    that speaks of neither ("Nine pounds.") takes the `context` it answers, when given (else it stays undecided,
    "pound", for the caller to settle; a weight unless the context is about money only)."""
    if not any(f.unit == "pound" for f in found):
        return found
    for figs in (found, context):
        if figs is None:
            return found
        money = any(f.dims == _MONEY for f in figs if f.unit != "pound")
        weight = any(f.dims == _M for f in figs if f.unit != "pound")
        if money or weight or figs is context:
            unit = "gbp" if money and not weight else "lb"
            return [dataclasses.replace(f, unit=unit) if f.unit == "pound" else f for f in found]
    return found


def _word_value(words: list[str]) -> float | None:
    """ "one hundred and twenty" 120, "two million" 2,000,000, "thirty-six" 36, "a dozen" 12 (None: not a figure)."""
    total, current = 0.0, 0.0
    for word in words:
        head, _, tail = word.partition("-")
        if head in ("a", "an", "and"):
            continue
        if head in _SCALES:
            if head in ("hundred", "dozen"):
                current = (current or 1) * _SCALES[head]
            else:
                total, current = total + (current or 1) * _SCALES[head], 0.0
        elif head in _WORD_NUMBERS:
            current += _WORD_NUMBERS[head] + (_WORD_NUMBERS[tail] if head in _TENS and tail in _WORD_NUMBERS and
                                              _WORD_NUMBERS[tail] <= 9 else 0)
        else:
            return None
    return total + current


def _spans(spans: list[tuple[int, int]]):
    """A test "is this offset inside one of these (sorted, disjoint) spans?", in log time."""
    starts = [s for s, _ in spans]

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < spans[i][1]
    return inside


def _vulgar(m: re.Match, low: str) -> Figure:
    """A vulgar fraction as NFKC writes it: "23⁄4" is 2¾ (one-digit numerators: ½ ⅓ ¾ ⅝)."""
    value = int(m.group("whole") or 0) + int(m.group("n")) / int(m.group("d"))
    unit, end = _unit_at(low, m.end())
    return Figure(value, unit, -2, m.start(), end, word=True)


def _clocks(low: str) -> list[Figure]:
    """Times of day, in minutes since midnight: "09:30" and "21:38" (unit "clock"), "7:45 pm", "6 p.m.";
    "9:15" with no a.m. or p.m. may be either (unit "clock12": compared modulo twelve hours)."""
    out = []
    for m in _CLOCK.finditer(low):
        ap, hour = m.group("ap"), m.group("h") or m.group("h2")
        h, minutes = int(hour), int(m.group("m") or 0)
        if ap:
            if not 1 <= h <= 12:
                continue  # "13:00 pm": not a time
            h = h % 12 + (12 if ap == "p" else 0)
        either = not ap and h <= 12 and not hour.startswith("0")
        out.append(Figure(float(h * 60 + minutes), "clock12" if either else "clock", 0, m.start(), m.end()))
    for m in _RACE_TIME.finditer(low) if low.count(":") >= 2 else ():  # "finished in 2:07:48": a duration
        h, minutes, secs = (int(g) for g in m.groups())
        out.append(Figure(float(h * 3600 + minutes * 60 + secs), "s", 0, m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


# "4 hours 20 minutes", "5 ft 10 in": one figure in the smaller unit
_COMPOUND = {"h": ("min",), "min": ("s",), "day": ("h",), "week": ("day",), "year": ("month", "day"), "month": ("day",),
             "ft": ("in",), "m": ("cm",), "lb": ("oz",), "pound": ("oz",), "kg": ("g",)}
_JOIN = re.compile(r"\s*,?\s*(?:and\s+)?")


def _compound(found: list[Figure], low: str) -> list[Figure]:
    out: list[Figure] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and prev.unit == "ft" and f.unit is None and _JOIN.fullmatch(low, prev.end, f.start) \
                and (inch := _BARE_INCH.match(low, f.end)):
            f = dataclasses.replace(f, unit="in", end=inch.end())  # "5 ft 5 in": inches, after feet only
        if prev is not None and f.unit in _COMPOUND.get(prev.unit or "", ()) and not prev.per and not f.per \
                and _JOIN.fullmatch(low, prev.end, f.start):
            out[-1] = Figure((prev.base + f.base) / UNITS[f.unit][1], f.unit, 0, prev.start, f.end,
                             word=prev.word and f.word)
            continue
        out.append(f)
    return out


def _counted_nouns(low: str) -> frozenset[str]:
    """The words that follow a number more than once ("14 goals ... 11 goals"): things counted, so "Duarte 11
    goals" is a count, not a name like "Apollo 11"."""
    seen = collections.Counter(m.group(1) for m in _AFTER_NUMBER.finditer(low))
    return frozenset(w for w, n in seen.items() if n > 1)


_LABEL_LINE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•][ \t]*)?[^\n:]{1,40}:[ \t]*[-−£$€]?$")  # "- Essay 2: " before a figure
_OWN_PER = re.compile(r"(?:\s+[a-z]+){0,3}\s+(?:per|each|every)\s+[a-z]+")
_FACTOR_BEFORE = re.compile(r"\b(?:a|an|one|1|each)\s+(?P<unit>(?:us\s+|imperial\s+|uk\s+|metric\s+)?[a-z/]+)\s+"
                            r"(?:is|equals|=|is equal to|makes|is about|is roughly|is around|is approximately)\s+"
                            r"(?:about\s+|roughly\s+|around\s+|approximately\s+)?$")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORDINAL = re.compile(r"\b(?:([1-9]\d?)(?:st|nd|rd|th)|(" + "|".join(_ORDINALS) + r"))\b")
_EVERY = re.compile(r"\bevery\s+$")
_IN_RATIO = re.compile(r"(?<![\d.,])\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                       r"(?:in|out of)\s+"
                       r"(?P<d>\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty)\b")
_HEADER = re.compile(r"[A-Za-z]\s*\((?P<unit>\s*[^()\d\s][^()\d]{0,20})\)")
_RATE_ASKED = frozenset(text.stem(w) for w in ["rate", "fast", "quickly", "speed", "pace"])
_PRECIPITATION = re.compile(r"\b(?:rain|rainfall|snow|snowfall|hail|sleet|precipitation)\b[^?.]{0,40}"
                            r"\b(?:fell|fall|falls|"
                            r"fallen)\b")
_ECONOMY = frozenset(text.stem(w) for w in ["efficient", "economical", "frugal", "thrifty"])
_PER_HUNDRED = re.compile(r"\s*(?:/|per|every|for each)\s*100\s*(?P<unit>km|kilomet(?:re|er)s|mi|miles)\b")
_LABEL_AFTER = re.compile(r"\s*[:=]\s*[-−£$€]?\d")
_LABEL_BEFORE = re.compile(r"(?:^|\n|[-*•]\s|[,;]\s)\s*[A-Z][A-Za-z'’]*\s$")


def _is_name(raw: str, start: int, end: int, digits: str, counted: frozenset[str] = frozenset()) -> bool:
    """ "Boeing 747-8", "Apollo 11 was launched": a number that is part of a name, not a figure."""
    if re.match(r"-[A-Z\d]", raw[end:]) or re.search(r"[A-Za-z\d]-$", raw[max(0, start - 2):start]):
        return True
    prev = re.search(r"([A-Za-z][\w'’]*)\s$", raw[max(0, start - 30):start])
    if not prev or not prev.group(1)[0].isupper() or "," in digits:
        return False
    word = prev.group(1).lower().replace("’", "'")
    word = word[:-2] if word.endswith("'s") and word[:-2] in text.STOP else word  # "That's 215 trees": no name
    after = re.match(r"\s+([a-z]+)", raw[end:])
    if word.endswith("ly") or word in _HEDGES:
        return False  # "Roughly 19 times", "Almost 7 years": a hedge opening the sentence, not a name
    if _IN_SERIES.search(raw, max(0, start - 40), max(0, start - 30) + prev.start(1)):
        return False  # "Anna 87, Ben 92 and Chloe 78": the last of a series of names and figures
    return word not in text.STOP and word not in _MONTHS and bool(after) \
        and after.group(1) not in ("and", "or", "nor") and after.group(1) not in counted


def _month(name: str) -> int | None:
    name = name.lower()
    return next((i + 1 for i, mon in enumerate(_MONTHS) if mon.startswith(name[:3]) and len(name) >= 3), None)


def dates(raw: str) -> list[tuple[date, int, int]]:
    """Full dates (day, month, year) with their spans; a day and month with no year takes the next year written."""
    found: list[tuple[int, int, int | None, int, int]] = []
    low = raw.translate(_LOWER)
    numeric = _NUMERIC_DATE.search(low) is not None
    if not _DIGIT.search(low) or (not any(mon in low for mon in _MONTH_STEMS) and not _ISO.search(low)
                                  and not numeric):
        return []
    for m in (_NUMERIC_DATE.finditer(low) if numeric else ()):
        # "27/12/2024", "06.01.2025": day first, as most of the world writes it, unless only month first can be a
        # date ("12/27/2024")
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        d, mo = (b, a) if b > 12 >= a else (a, b)
        found.append((d, mo, y, m.start(), m.end()))
    for m in _DATE.finditer(low):
        if m.group("y3"):
            y, mo, d = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
        elif m.group("d1"):
            y, mo, d = (int(m.group("y1")) if m.group("y1") else None), _month(m.group("mon")), int(m.group("d1"))
        else:
            mo = _month(m.group("mon2"))
            y, d = (int(m.group("y2")) if m.group("y2") else None), int(m.group("d2"))
        if mo is not None:
            found.append((d, mo, y, m.start(), m.end()))
    out, next_year = [], None
    for d, mo, y, start, end in sorted(found, key=lambda x: x[3], reverse=True):
        next_year = y if y is not None else next_year
        # no year written at all ("6 Jan – 34, 13 Jan – 38"): a common year, so day counts need no leap day unless
        # the text names 29 February
        year = next_year if next_year is not None else (2000 if (d, mo) == (29, 2) else 2001)
        try:
            out.append((date(year, mo, d), start, end))
        except ValueError:
            continue  # "31 February": not a date
    return out[::-1]


def list_lengths(sentence: str) -> list[int]:
    """Lengths of the series in one sentence: "A, B, C and D" is 4 (three items at least)."""
    return [len(items) for items in series(sentence)]


def series(sentence: str, before: list[tuple[tuple[str, ...], ...]] | tuple = ()) \
        -> list[tuple[tuple[str, ...], ...]]:
    """The series of one sentence, each item as its lower-cased words: "A, B, C and D" (three items at least;
    a series ends at a semicolon). "Mars has two moons, Phobos and Deimos" is an apposition: the lead-in counts
    them (two), it is not one of them. Then pairs drawn from a series written before, in this sentence or in
    `before` ("the lion, the leopard, ... and the Cape buffalo; the lion and the leopard are big cats"): a part
    of it, two items long."""
    out: list[tuple[tuple[str, ...], ...]] = []
    pairs = []
    for m in _LIST_END.finditer(sentence):
        if len(out) + len(pairs) >= MAX_LISTS:
            break
        start = max(0, m.start() - MAX_LIST_CHARS)
        start = max(start, sentence.rfind(";", start, m.start()) + 1)
        segments = sentence[start:m.start()].split(", ")
        if len(segments) < 2:
            pairs.append(m)
            continue
        tail = _ITEM_END.search(sentence, m.end())
        items = [sentence[m.end():tail.start() if tail else len(sentence)]]
        for i, seg in enumerate(reversed(segments)):
            if _LIST_END.search(seg):
                if i == len(segments) - 1 and i >= 2:
                    # the sentence's opening clause, not a series before: its last part leads in the first item
                    # ("The bus leaves the depot and calls at A, B, C and D")
                    items.append(_LIST_END.split(seg)[-1])
                break  # the end of the series before ("Italy and the United Kingdom, plus Canada, Japan and ...")
            letters = _LETTERS.findall(seg.lower())
            if letters and text.STOP.issuperset(letters):
                break  # "of these, only A, B and C": no item
            items.append(seg)
            if len(seg.split()) > 4 or i == len(segments) - 1:
                break
        if len(items) < 3:
            pairs.append(m)  # "blue, and red and yellow": the series ended before; a pair may follow
            continue
        # the lead-in ("The Nordic countries are Denmark") holds the first item, unless it counts the items
        lead = items[-1]
        if _WORD_NUMBERS.keys() & lead.lower().split() and any(f.value == len(items) - 1 and f.word
                                                                for f in figures(lead)):
            items.pop()
        out.append(tuple(tuple(_LETTERS.findall(item.lower())) for item in reversed(items)))
    if not out and (bare := _BARE_SERIES.search(sentence)):
        # "the results were W, W, D, L, W": four or more short items and no "and" (a tally, a sequence)
        out.append(tuple(tuple(_LETTERS.findall(seg.lower())) for seg in bare.group().split(",")))
    colon = sentence.find(":")
    if colon >= 0 and not out and not _LIST_END.search(sentence, colon):
        # "Participating schools: Ashfield, Brookside, Carrow, Dunmore": a list after a colon needs no "and"
        segments = sentence[colon + 1:colon + 1 + MAX_LIST_CHARS].rstrip(" .;").split(",")
        if len(segments) >= 3 and all(0 < len(seg.split()) <= 4 for seg in segments):
            out.append(tuple(tuple(_LETTERS.findall(seg.lower())) for seg in segments))
    before_series = list(before)
    for m in pairs:
        words_before, after = _LETTERS.findall(sentence[:m.start()].lower()[-40:]), \
            [w for w in _LETTERS.findall(sentence[m.end():m.end() + 40].lower()) if w not in ("the", "a", "an")]
        if not words_before or not after:
            continue
        for items in [*out, *before_series]:
            last = [i for i, item in enumerate(items) if item and item[-1] == words_before[-1]]
            first = [i for i, item in enumerate(items) if [w for w in item if w not in ("the", "a", "an")][:1]
                     == after[:1]]
            if len(items) > 2 and last and first and last[0] != first[0]:
                out.append((items[last[0]], items[first[0]]))
                break
    return out


def _same_sentence(sentence_of: list[int], a: int, b: int) -> bool:
    return a >= 0 and b >= 0 and sentence_of[a] == sentence_of[b]


def _near(facts: Facts, a: int, b: int) -> bool:
    """Are two clauses in one sentence or in two that follow each other ("...; a win was worth 3 points")?"""
    return a >= 0 and b >= 0 and abs(facts.sentence_of[a] - facts.sentence_of[b]) <= 1


def _names(clause: str, sentence_start: bool, common: frozenset[str]) -> set[str]:
    out = set()
    for m in _NAME.finditer(clause):
        word = m.group()
        low = word.lower()
        if low in text.STOP or low in _MONTHS or low.rstrip("s") in _WEEKDAYS \
                or (m.start() == 0 and sentence_start and text.stem(low) in common) \
                or clause[max(0, m.start() - 2):m.start()].rstrip().endswith("°"):
            continue  # a month, a weekday ("on Friday") or "°C": a time or a unit, not a thing named
        out.update(text.words(word))
    return out


@dataclass
class Facts:
    """A context read as figures, dates, series and clauses (indexed once per context).

    Only the figures, dates and clause spans are read up front: that is all "is this figure stated?"
    needs. Clause words and names, and the series, are read on first use (a question that compares or
    counts), so a summary with a figure costs little more than one without.
    """

    raw: str
    figures: list[Figure]
    dates: list[tuple[date, int]]  # (date, clause)
    spans: list[tuple[int, int]]  # clause -> (start, end)
    sentence_of: list[int]  # clause -> its sentence
    sentences: list[str]
    name_figures: list[Figure]  # "747" of "Boeing 747-8": names, not figures
    common: frozenset[str]
    _said: dict[int, frozenset[str]] = field(default_factory=dict)
    _nouns: dict[str, bool] = field(default_factory=dict)
    memo: dict[str, list[Complement]] = field(default_factory=dict)  # question -> the wholes it may turn round
    series_words: list[tuple[tuple[str, ...], ...]] = field(default_factory=list)  # filled by `lists`: its items
    limits: dict[str, tuple | None] = field(default_factory=dict)  # question -> `_limit`

    @classmethod
    def build(cls, context: str, common: frozenset[str] = frozenset()) -> Facts:
        raw = unicodedata.normalize("NFKC", context[:MAX_FACT_CHARS])
        spans, numbers = dates(raw), figures(raw)
        numbers = sorted(_header_unit(numbers, raw) + _one_in(raw), key=lambda f: f.start)
        marks = sorted([f.start for f in numbers] + [s for _, s, _ in spans])
        clause_spans, sentence_of, texts, pos = [], [], [], 0
        for n_sent, sent in enumerate(sentences(raw)):
            start = raw.find(sent, pos)
            pos = start + len(sent)
            texts.append(sent)
            i = bisect.bisect_left(marks, start)
            if i == len(marks) or marks[i] >= pos:
                continue  # no figure and no date: nothing to compute in this sentence
            cpos = 0
            for piece in _CLAUSE.split(sent):
                if piece:
                    cstart = sent.find(piece, cpos)
                    cpos = cstart + len(piece)
                    clause_spans.append((start + cstart, start + cpos))
                    sentence_of.append(n_sent)
        starts = [c[0] for c in clause_spans]

        def clause_of(pos: int) -> int:
            i = bisect.bisect_right(starts, pos) - 1
            return i if i >= 0 and pos < clause_spans[i][1] else -1

        found: list[Figure] = []
        span_starts = [s for _, s, _ in spans]
        for f in numbers:
            k = bisect.bisect_right(span_starts, f.start) - 1
            in_date = k >= 0 and f.start < spans[k][2]
            if in_date and not f.year:
                continue  # the day of a date
            f = dataclasses.replace(f, clause=clause_of(f.start), in_date=in_date)
            if f.unit is None and f.per is None and not f.year and not f.name and _ELIDED.match(raw, f.end) \
                    and found and (found[-1].unit or found[-1].per) \
                    and _same_sentence(sentence_of, found[-1].clause, f.clause):
                # "Kate is 34 years old and Tom is 29.": 29 years
                f = dataclasses.replace(f, unit=found[-1].unit, per=found[-1].per, rate=found[-1].rate)
            elif f.unit and f.per is None and not f.rate and found and found[-1].unit == f.unit and found[-1].per \
                    and _same_sentence(sentence_of, found[-1].clause, f.clause) \
                    and not _OWN_PER.match(raw.translate(_LOWER), f.end):
                # (not "€2.35 per kg plus a flat €6 handling fee per parcel": that one says what it is per)
                f = dataclasses.replace(f, per=found[-1].per)  # "763 mm of rain a year, Bergen 2,250 mm": a year
            found.append(f)
        found = _pounds(found, [])
        return cls(raw, [f for f in found if not f.name], [(d, clause_of(s)) for d, s, _ in spans[:MAX_DATES]],
                   clause_spans, sentence_of, texts, [f for f in found if f.name], common)

    @functools.cached_property
    def clauses(self) -> list[tuple[int, int, frozenset[str], frozenset[str]]]:
        """(start, end, words, names) of each clause that holds a figure or a date, or neighbours one."""
        out = []
        for i, (start, end) in enumerate(self.spans):
            piece = self.raw[start:end]
            first = i == 0 or self.sentence_of[i - 1] != self.sentence_of[i]
            names = _names(piece, first, self.common)
            names.update(t for f in self.name_figures if f.clause == i for t in text.words(self.raw[f.start:f.end]))
            out.append((start, end, frozenset(text.words(piece)), frozenset(names)))
        return out

    @functools.cached_property
    def lists(self) -> list[tuple[int, frozenset[str], int, tuple[frozenset[str], ...]]]:
        """(length, words of its sentence, the sentence, the stemmed words of each item) of each listed series:
        "A, B, C and D", a part of one ("the lion and the leopard"), or bullet lines (sentence -1)."""
        out: list[tuple[int, frozenset[str], int, tuple[frozenset[str], ...]]] = []
        found: list[tuple[tuple[str, ...], ...]] = []
        for i, sent in enumerate(self.sentences):
            found = series(sent, found)  # a part of a series may follow it in the next sentence
            self.series_words.extend(found)
            if found:
                words = frozenset(text.words(sent[:MAX_LIST_CHARS * 4]))
                # each item by its last two words, the first by its last: its name, not the lead-in ("The Nordic
                # countries are Denmark")
                named = [tuple(frozenset(text.content([text.stem(w) for w in item[-2 if k else -1:]]))
                               for k, item in enumerate(items)) for items in found]
                out += [(len(items), words, i, names) for items, names in zip(found, named, strict=True)]
            if len(out) >= MAX_LISTS:
                break
        bullets = _BULLET.findall(self.raw)
        if len(bullets) >= 2:
            out.append((len(bullets), frozenset(text.words(self.raw[:2000])), -1, ()))
        return out[:MAX_LISTS]

    def noun(self, f: Figure) -> str | None:
        """What a figure counts: the word after it ("26 matches", "3 points"), stemmed; None when none follows."""
        m = _NOUN.match(self.raw, f.end)
        word = text.stem(m.group(1).lower()) if m else None
        return None if word in text.STOP or word in UNIT_WORDS else word

    def counted_by(self, counted: frozenset[str]) -> bool:
        """Does one of the figures read count what a question counts ("3 points")?"""
        key = " ".join(sorted(counted))
        if key not in self._nouns:
            self._nouns[key] = any(self.noun(f) in counted for f in self.figures[:MAX_OPERANDS * 10] if not f.dims)
        return self._nouns[key]

    def said(self, sentence: int) -> frozenset[str]:
        """The words of one sentence (read on first use)."""
        if sentence not in self._said:
            self._said[sentence] = frozenset(text.words(self.sentences[sentence])) if 0 <= sentence < len(
                self.sentences) else frozenset()
        return self._said[sentence]

    @functools.cached_property
    def one_out(self) -> frozenset[int]:
        """The sentences that set one thing apart ("all of them except radon", "Antarctica is the only one")."""
        return frozenset(i for i, sent in enumerate(self.sentences) if _ONE_OUT.search(sent))

    @functools.cached_property
    def distinctive(self) -> dict[int, frozenset[str]]:
        """Clause -> the names it holds that no other clause with a figure or a date holds. A clause that names
        nothing speaks of what the clause before it in its sentence names ("Leeds had a high of 11 °C and a low of
        3 °C": the low is Leeds's too)."""
        with_figures = {f.clause for f in self.figures} | {c for _, c in self.dates}
        with_figures.discard(-1)
        donor = {}
        for i in with_figures:
            j = i
            while not self.clauses[j][3] and j > 0 and self.sentence_of[j - 1] == self.sentence_of[i]:
                j -= 1
            donor[i] = j if self.clauses[j][3] else i
        seen: dict[str, int] = {}
        for j in set(donor.values()):
            for n in self.clauses[j][3]:
                seen[n] = seen.get(n, 0) + 1
        return {i: frozenset(n for n in self.clauses[donor[i]][3] if seen[n] == 1) for i in with_figures}

    @functools.cached_property
    def topics(self) -> dict[int, frozenset[str]]:
        """Clause -> the words (names or not: "cheetah", "silver") it holds that no other clause with a figure or
        a date holds; units, numbers and function words aside."""
        with_figures = {f.clause for f in self.figures} | {c for _, c in self.dates}
        with_figures.discard(-1)
        words = {i: frozenset(t for t in self.clauses[i][2] if len(t) > 2 and not t[:1].isdigit())
                 - text.STOP - UNIT_WORDS for i in with_figures}
        seen = collections.Counter(t for w in words.values() for t in w)
        return {i: frozenset(t for t in w if seen[t] == 1) for i, w in words.items()}

    def unasked(self, asked: Ask) -> frozenset[int]:
        """The starts of figures with a unit the question does not ask about, where it asks about one other of their
        kind: of "weighed 24.5 kg at check-in, over the 23 kg limit", "What did the suitcase weigh?" asks about the
        24.5 kg (its clause alone, of the two, shares a word with the question: "suitcase", "weigh"); the 23 kg is
        no operand. Only where one figure of the kind is asked about: not when the question adds, subtracts,
        averages, compares or asks yes or no (the figures of clauses it does not name may be needed), nor for plain
        counts ("won 21 games and drew 9") or durations (the steps of a schedule: "3 h in the oven, 30 min to
        rest"), nor for a clause that says nothing of its own ("One kilogram is 2.2046 pounds"); times of day
        only when it asks for one ("What time does it close on weekdays?" over "opens at 9:30 on weekdays, at
        11:00 on Sundays")."""
        if asked.compares or asked.yes_no or asked.averaged or (asked.ops or frozenset()) & {SUM, DIFF, PERCENT} \
                or asked.tokens & _GAP_ASKED:  # (a share of one figure in another, a loss: both are operands)
            return frozenset()
        wanted = _roots(asked.tokens - text.STOP)
        kinds: dict[tuple, list[Figure]] = {}
        clock = bool(_TIME_ASKED.search(asked.low))  # "What time does the shop close on weekdays?": one opening time
        for f in self.figures[:MAX_OPERANDS]:
            if f.dims and f.clause >= 0 and not f.year and f.dims != _T and (clock or f.dims != _CLOCK_DIMS):
                kinds.setdefault(f.dims, []).append(f)
        out: set[int] = set()
        years = {f.value for f in asked.figures if f.year}
        if len(years) == 1 and not asked.spans:
            # "What was the 2021 population?" over "1,263,847 in 2021, up from 1,148,422 in 2011": the figures of
            # clauses dated another year are not about it
            dated = {f.clause: f.value for f in self.figures if f.year and f.clause >= 0}
            if list(dated.values()).count(next(iter(years))) == 1:
                out.update(f.start for f in self.figures[:MAX_OPERANDS] if not f.year and f.clause in dated
                           and dated[f.clause] not in years)
        for group in kinds.values():
            clauses = {f.clause for f in group}
            if len(clauses) < 2:
                continue
            words = {i: _roots({t for t in self.clauses[i][2] if not t[:1].isdigit() and not _UNIT_WORD.fullmatch(t)}
                               - text.STOP - UNIT_WORDS) for i in clauses}
            own = {i: w - set().union(*(words[j] for j in clauses if j != i)) for i, w in words.items()}
            sharing = [i for i in clauses if own[i] & wanted]
            # (never a rate of exchange: "€1 was worth £0.86", "one kilogram is 2.2046 pounds")
            rates = {f.clause for f in self.figures if f.value == 1 and f.unit}
            if len(sharing) == 1:
                out.update(f.start for f in group if f.clause != sharing[0] and own[f.clause]
                           and f.clause not in rates)
        return frozenset(out)

    def off_topic(self, asked: frozenset[str], compares: bool = False) -> set[int]:
        """Clauses whose figures are about something else: they name things the question does not (while other
        clauses name what it does) and share no other word with it ("Kangchenjunga is 8,586 m" when the
        question compares Everest and K2). Things named by common nouns ("a cheetah 110 km/h, a lion 80 km/h and
        a greyhound 70 km/h") count only when the question `compares` ("How much faster is a cheetah than a
        lion?") and names two of them: then a third is about something else (a question naming one thing, or
        asking for a total, may need the figures of clauses it does not name: "won 21 games and drew 9"). Only
        figures like those of the clauses it names are set aside: "It is 14:00 in London, and Tokyo is 9 hours
        ahead" keeps London's time of day for a question about Tokyo."""
        if not asked:
            return set()
        named = sum(1 for names in self.distinctive.values() if names & asked)
        if named == 1 and compares:
            return set()  # "How much deeper is the Mariana Trench?": the other side is not named, any may be it
        if not named:
            if not compares:
                return set()
            topics = self.topics
            if sum(1 for w in topics.values() if w & asked) < 2:
                return set()
            # (a clause whose own words are only a verb, "and came out with 31", has its subject elided: it speaks
            # of the clause before it)
            return {i for i, w in topics.items() if w and not w & asked
                    and not all(t in _PARTICLES or t in _IRREGULAR or t in _IRREGULAR.values() or t.endswith("ed")
                                for t in w)}
        kinds = {f.dims for f in self.figures if self.distinctive.get(f.clause, frozenset()) & asked
                 and not (f.year and not f.in_date)}  # (a bare year titles a log: "harvest log 2024")
        # words of the clauses it names ("employees" of "Acme had 40 employees") do not tie another clause to the
        # question: only words of that clause's own do ("member states" of "Of the 193 member states")
        on_topic = {t for i, names in self.distinctive.items() if names & asked for t in self.clauses[i][2]}
        out = set()
        for i, names in self.distinctive.items():
            if names and not names & asked and any(f.dims in kinds for f in self.figures if f.clause == i):
                _, _, tokens, all_names = self.clauses[i]
                words = {t for t in tokens - all_names - on_topic if not t[:1].isdigit()} - text.STOP - UNIT_WORDS
                if not words & asked:
                    out.add(i)
        return out


@functools.lru_cache(maxsize=32)
def read(context: str, common: frozenset[str] = frozenset()) -> Facts:
    return Facts.build(context, common)


def _candidate(phrase: str, *, names_only: bool = False) -> frozenset[str]:
    """The tokens that pick a compared thing out of the context: its capitalised names, else its words."""
    names = [t for m in _CAPITALISED_NAME.finditer(phrase) for t in text.words(m.group())
             if t not in text.STOP and t not in AUX and t not in YES | NO]
    found = names or ([] if names_only else text.content(text.words(phrase)))
    return frozenset(t for t in found if not t[:1].isdigit())  # "the blue one": "one" picks nothing out


def plain(raw: str) -> list[str]:
    """Lower-cased words, unstemmed: "first" must stay a word (the stemmer reads it as the number 1); a
    hyphenated compound is one word ("first-class" compares nothing)."""
    return re.findall(r"[a-z]+(?:['-][a-z]+)*", raw.lower())


def _comparative(tokens: list[str]) -> tuple[int, str, int, str] | None:
    for i, t in enumerate(tokens):
        if t in COMPARATIVES and not (t == "nearest" and tokens[max(0, i - 2):i] == ["to", "the"]) \
                and not (t in ("over", "under", "during") and _SPAN_AFTER.match(" ".join(tokens[i + 1:i + 4]))):
            # ("to the nearest minute" is a rounding, "over winter", "over the last three years" a span of time: not
            # comparisons)
            sign, kind = COMPARATIVES[t]
            return i, t, sign, kind
    return None


def _target_unit(raw: str, taken: list[tuple[int, int]]) -> str | None:
    """ "How long is the trail in kilometres?": the unit the answer is asked in (the last one not on a figure)."""
    unit = None
    low = raw.translate(_LOWER)
    for m in _UNIT_WORD.finditer(low):
        word = m.group()
        if len(word) <= 2 and word not in ("km", "mi", "ft", "kg", "lb", "°c", "°f", "%") and \
                not re.match(r"\s*(?:[/?.,]|$)", raw[m.end():]):
            continue  # a one- or two-letter word in a sentence ("m", "in", "ha") is rarely the unit asked for
        if not any(s <= m.start() < e for s, e in taken) and (m.start() == 0 or not raw[m.start() - 1].isalnum()):
            unit, _ = _unit_at(low, m.start())
    return unit


_TIMES_AS = re.compile(r"\btimes (as|more|less|larger|bigger|smaller|longer|higher|greater|heavier|taller|faster)\b")


def _operations(stems: frozenset[str], low: str, raw: str) -> frozenset[str] | None:
    ops: set[str] = set()
    if stems & _CUES[SUM] or _IN_ALL.search(low):
        ops.update((SUM, PRODUCT))  # a total is a sum, or a count times a price
    times = _TIMES_AS.search(low)  # "how many times longer": the comparative asks for a ratio
    # ("How much rain fell?": rain and snow fall, they do not decrease)
    fallen = {text.stem(w) for w in ("fell", "fall", "falls", "fallen")} if _PRECIPITATION.search(low) else set()
    if (stems - ({text.stem(times.group(1))} if times else set()) - fallen) & _CUES[DIFF]:
        ops.add(DIFF)
    points = "percentage point" in low or "% point" in low  # a difference of two percentages, not a share
    if points:
        ops.add(DIFF)
    if (stems & _CUES[PERCENT] or "%" in raw) and not (points and low.count("percent") + raw.count("%") == 1):
        ops.update((PERCENT, RATIO))  # "25%", or "one in four", "a quarter"
    if stems & _CUES[MEAN]:
        ops.update((MEAN, RATIO))
    if stems & _CUES[PRODUCT]:
        ops.update((PRODUCT, RATIO, MEAN))
    # ("how many times does it beat" counts beats: no cue)
    if stems & _CUES[RATIO] or _TIMES_AS.search(low):
        ops.add(RATIO)
    return frozenset(ops) or None


@dataclass(frozen=True)
class Step:
    """A rounding to a step of a unit: "to the nearest penny" (0.01 of money), "up to the next half kilogram"."""

    base: float  # the step in the dimension's base unit
    dims: tuple[tuple[str, int], ...]
    way: int  # +1 up, -1 down, 0 nearest

    def fits(self, answer: float, value: float, factor: float) -> bool:
        """Is `answer` (in a unit `factor` base units large) `value` rounded to this step?"""
        step = self.base / factor
        if abs(answer / step - round(answer / step)) > 1e-6:
            return False
        gap = (answer - value) * (self.way or 1)
        return -1e-9 <= gap < step * (1 - 1e-9) if self.way else abs(gap) <= step / 2 * (1 + 1e-9)


@functools.lru_cache(maxsize=256)
def rounding_step(raw: str) -> Step | None:
    """The rounding step a text states in a unit, or None ("to the nearest thousand" is a precision, no unit)."""
    low = raw[:MAX_FACT_CHARS].translate(_LOWER)
    if "to the" not in low:
        return None
    for m in _STEP_PHRASE.finditer(low):
        unit = _unit_at(low, m.start("unit") - 1)[0]
        if unit is None or unit in ("%", "pp", "clock", "clock12") or _unit_at(low, m.start("unit") - 1)[1] < m.end():
            continue
        n = m.group("n")
        size = _PARTS.get(m.group("part") or "", 1.0) * (_STEP_COUNTS.get(n, 0) or float(n) if n else 1.0)
        dims, factor, _ = UNITS[unit]
        way = 1 if m.group("dir") == "up" or (m.group("which") == "next" and m.group("dir") != "down") else \
            -1 if m.group("dir") == "down" else 0
        return Step(size * factor, tuple(sorted(dims)), way)
    return None


def _precision_asked(raw: str) -> int | None:
    p = _PRECISION.search(raw)
    if not p:
        return None
    if p.group("dp"):
        dp = p.group("dp").lower()
        return -(int(dp) if dp.isdigit() else _DP[dp])
    return _PLACES.get(p.group("place").lower(), 0)  # "nearest metre", "nearest whole day": units


class Ask:
    """What a question asks for: the operations, the precision, the unit, a comparison, a yes/no.

    Each part is read on first use: most claims need only "is it a yes/no or a comparison?"."""

    def __init__(self, question: str = "") -> None:
        self.raw = unicodedata.normalize("NFKC", question.strip()[:2000])
        self.low = self.raw.translate(_LOWER)

    @functools.cached_property
    def words(self) -> list[str]:
        return plain(self.raw)

    @functools.cached_property
    def tokens(self) -> frozenset[str]:
        return frozenset(text.words(self.raw))

    @functools.cached_property
    def yes_no(self) -> bool:
        return bool(self.words) and self.words[0] in AUX  # unstemmed: the stemmer reads "does" as "doe"

    @functools.cached_property
    def counting_words(self) -> frozenset[str]:
        """The question's words but those of a precision asked ("to the nearest whole ticket" asks no whole boxes)."""
        return frozenset(text.words(_PRECISION.sub(" ", self.raw)))

    @functools.cached_property
    def ops(self) -> frozenset[str] | None:
        """The operations the question names (None: any)."""
        return _operations(self.tokens, self.low, self.raw)

    @functools.cached_property
    def precision(self) -> int | None:
        return _precision_asked(self.raw)

    @functools.cached_property
    def quantitative(self) -> bool:
        """It asks for a figure ("how many", "what percentage", "to the nearest thousand")."""
        ops = self.ops
        return bool(_QUANTITATIVE.search(self.raw) or (ops and ops - {DIFF}) or self.precision is not None)

    @functools.cached_property
    def spans(self) -> bool:
        """It asks for a span of time: years are operands."""
        return bool(self.tokens & _SPANS)

    @functools.cached_property
    def figures(self) -> tuple[Figure, ...]:
        rounding = _PRECISION.search(self.raw)  # "to the nearest ten thousand" is no operand
        found = tuple(f for f in figures(self.raw) if not f.name
                      and not (rounding and rounding.start() <= f.start < rounding.end()))
        for m in _ONE_UNIT.finditer(self.low):
            word = m.group("u") or m.group("adj") or m.group()
            unit, _ = _unit_at(_PERIODS.get(word, word), 0)
            if unit and not any(f.start < m.end() and m.start() < f.end for f in found):
                found += (Figure(1.0, unit, 0, m.start(), m.end(), word=True),)
        for m in _THAN_ONE.finditer(self.low):  # "longer than a kilometre", "over a tonne": one of the unit
            unit, end = _unit_at(self.low, m.end() - 1)
            if unit and unit not in _TIME_UNITS and not any(f.start < end and m.start() < f.end for f in found):
                found += (Figure(1.0, unit, 0, m.end(), end, word=True),)
        return found

    @functools.cached_property
    def relative(self) -> bool:
        """It asks for a change relative to the first figure ("By what percentage did it rise?")."""
        return bool(_RELATIVE.search(self.low))

    @functools.cached_property
    def compares(self) -> bool:
        """It compares two things ("How much faster is a cheetah than a lion?", "the difference between")."""
        return self.comparative is not None or (self.ops is not None and DIFF in self.ops)

    @functools.cached_property
    def averaged(self) -> bool:
        """It asks for an average ("What was the average height?")."""
        return bool(self.tokens & _CUES[MEAN])

    @functools.cached_property
    def counted(self) -> frozenset[str]:
        """What "how many" / "how much" counts ("points", "violins and cellos"): said of the whole and of its parts
        alike."""
        m = re.search(r"\bhow (?:many|much) (?:more |fewer |less )?([a-z]+)(?: (?!and\b|or\b)([a-z]+))?"
                      r"(?: (?:and|or) ([a-z]+))?",
                      self.low)
        if not m:
            return frozenset()
        first, second, other = m.groups()
        # "how many voting members", "how many recognised moons": a participle is no noun, the next word is
        found = [first, second if second and first.endswith(("ing", "ed")) else None, other]
        return frozenset(text.stem(w) for w in found if w and w not in text.STOP and w not in AUX)

    @functools.cached_property
    def trend(self) -> int:
        """ "Did the population grow?" +1, "Has it fallen?" -1: a yes/no on how a figure changed (0: not one)."""
        if not self.yes_no or (self.comparative is not None and self.comparative[0] not in ("since", "after")):
            return 0  # "since 2008" dates the change; "more than" compares
        return _direction(self.words[1:])

    @functools.cached_property
    def complement(self) -> bool:
        """It asks for a figure, and may ask for the other part of a whole: a word like "not", "outside", "the
        rest", an un- word, or a word with an opposite ("fresh", "men"). The context decides (`_part_not_rest`)."""
        toks = self.tokens
        return self.quantitative and bool(toks & _OTHER_PART or toks & _OPPOSITES.keys()
                                          or any(t[:2] == "un" and len(t) > 4 for t in toks))

    @functools.cached_property
    def counts(self) -> tuple[float, ...]:
        """The counts it gives, in order, "one" too: "two adult tickets and one child ticket" is (2, 1). Not a
        quantity with a unit ("a 9-hour flight"), a year, nor the place of a rounding ("to three decimal places")."""
        return tuple(value for value, _ in self.counted_things)

    @functools.cached_property
    def counted_things(self) -> tuple[tuple[float, str], ...]:
        """(count, the word after it) of each count: ((2, "adult"), (1, "child")); "and a muffin" is one when
        another count comes before it ("two coffees and a muffin")."""
        rounding = _PRECISION.search(self.raw)
        out, last = [], 0
        for m in _COUNT.finditer(self.low):
            word = m.group(1)
            if word in ("a", "an") and not (out and _AND_ONE.fullmatch(self.low, last, m.start())) \
                    and not _ONE_AND.match(self.low, m.end(1)):
                continue  # (one, when a count comes before it, or after it: "a family ticket and two adult tickets")
            value = float(word) if word.isdigit() else 1.0 if word in ("a", "an") else float(_WORD_NUMBERS[word])
            if (rounding and rounding.start() <= m.start() < rounding.end()) or _unit_at(self.low, m.end(1))[0] \
                    or 1000 <= value <= 2100:
                continue
            after = _LETTERS.match(self.low, m.end())
            out.append((value, text.stem(after.group()) if after else ""))
            last = m.end()
        return tuple(out[:MAX_COUNTS])

    @functools.cached_property
    def per(self) -> tuple[str, str | None] | None:
        """What a comparison is per ("cheaper per kilogram": ("kilogram", "kg"); "goals per game": ("game",
        None)), else None."""
        m = _PER_THING.search(self.low)
        if not m:
            return None
        return text.stem(m.group(1)), _unit_at(self.low, m.start(1) - 1)[0]

    @functools.cached_property
    def unit(self) -> str | None:
        """The unit the answer is asked in, when the question asks for a figure."""
        if not (self.quantitative or self.ops):
            return None
        return _target_unit(self.raw, [(f.start, f.end) for f in self.figures])

    @functools.cached_property
    def comparative(self) -> tuple[str, int, str] | None:
        """(word, +1 when the larger wins / -1, kind) of the comparison it asks about."""
        comp = _comparative(self.words)
        if comp and comp[3] == "any" and self.tokens & _ECONOMY:
            return comp[1], comp[2], "economy"  # "the most fuel-efficient": see `_order`
        return comp[1:] if comp else None

    @functools.cached_property
    def _compared(self) -> tuple[tuple[frozenset[str], ...], Figure | None]:
        if self.comparative is None:
            return (), None
        word = self.comparative[0]
        m = re.search(rf"\b{re.escape(word)}", self.low)
        at, after = (m.start(), self.raw[m.end():]) if m else (len(self.raw), "")
        if self.yes_no:
            subject = re.sub(r"^\s*\w+\s+", "", self.raw[:at])
            later = [f for f in self.figures if f.start >= at]
            if later:  # "Is Kilimanjaro higher than 6,000 metres?"
                return (_candidate(subject),), later[0]
            obj = re.sub(r"^\s*(?:than|to)\b", "", after).rstrip(" ?.")
            # "than Mars to orbit the Sun": the thing compared, not what both do
            obj = re.split(r"\s(?:to|in|on|at|for|by|from|during|when|while|if|as)\s", obj, maxsplit=1)[0]
            return (_candidate(subject), _candidate(obj)), None
        if re.search(r"\bor\b", self.raw):
            # "Which is longer, the Danube or the Rhine?" / "Which is the largest: Canada, China or the US?"
            head = self.raw.split(":", 1) if ":" in self.raw else self.raw.split(",", 1)
            if len(head) == 2:
                parts = [p for p in re.split(r",\s*|\s+or\s+", head[1].strip().rstrip(" ?.")) if p.strip()]
                return tuple(c for c in map(_candidate, parts) if c), None
        return (), None

    @functools.cached_property
    def names(self) -> frozenset[str]:
        """The tokens of its capitalised words after the first ("before Ringo joined": ringo)."""
        return frozenset(t for m in _CAPITALISED_NAME.finditer(self.raw) if m.start() > 0
                         for t in text.words(m.group()) if t not in text.STOP)

    @functools.cached_property
    def open_pick(self) -> bool:
        """ "Who was the fastest?", "Which planet has the shortest day?", "Counting the wait, which is fastest?": a
        pick among things it does not name."""
        return (not self.yes_no and self.comparative is not None and self.comparative[0] in _ADJECTIVES
                and len(self.candidates) < 2 and bool({"which", "who", "what"} & set(self.words[:3])
                                                      or {"which", "who"} & set(self.words)))

    @property
    def candidates(self) -> tuple[frozenset[str], ...]:
        """The things compared (their name tokens)."""
        return self._compared[0]

    @property
    def threshold(self) -> Figure | None:
        """ "higher than 6,000 metres", "before 1900": the figure a yes/no compares against."""
        return self._compared[1]


@functools.lru_cache(maxsize=256)
def ask(question: str) -> Ask:
    """A question, read once (each part on first use)."""
    return Ask(question or "")


@dataclass(frozen=True)
class Derived:
    raw: float  # the value in the operands' own units ("88", "750" for km/h x h)
    base: float  # in base units (metres, seconds, ...)
    dims: tuple[tuple[str, int], ...]
    expr: str
    percent: bool = False
    points: bool = False  # a difference of two percentages: may be written in percentage points
    delta: bool = False  # a difference of temperatures: no offset when converted
    units: frozenset[str] | None = None  # the only units it may be written in (None: any of its dimension)
    # a figure less a share of it ("975" of "1,500 people, 35% said they cycle"): what the share's clause says of
    # it ("said they cycle to work"), and the share itself
    rest_of: tuple[float, Said] | None = None  # (the share, what the context says around it)
    part_of: tuple[float, Said] | None = None  # a share taken of a figure: (the rest, what is said of the share)


def _fmt(x: float) -> str:
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def _d(f: Figure) -> Derived:
    # an amount in one currency is not the same amount in another ("€1,150" is no "£1,150")
    units = frozenset([f.unit, "cent", "penny"]) if f.unit in _CURRENCIES else None
    return Derived(f.value, f.base, f.dims, _fmt(f.value) + (f" {f.unit}" if f.unit else ""),
                   percent=f.unit == "%", units=units)


def _add_dims(a, b, sign: int) -> tuple[tuple[str, int], ...]:
    dims = dict(a)
    for d, e in b:
        dims[d] = dims.get(d, 0) + sign * e
    return tuple(sorted((d, e) for d, e in dims.items() if e))


def _full_months(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month - (b.day < a.day)


def _full_years(a: date, b: date) -> int:
    return b.year - a.year - ((b.month, b.day) < (a.month, a.day))


def derivations(facts: Facts, asked: Ask, arithmetic: bool = True, any_operation: bool = False) -> list[Derived]:
    """Everything the question could ask to compute from the context's figures (bounded). `arithmetic`: the
    question asks for a figure (else only restatements, counts and date spans: with no question asking for a
    computation, sums and ratios of any two figures of a long article would match small numbers by chance).
    `any_operation`: whatever operation the question's words name (the steps of a worked answer)."""
    ops = None if any_operation else asked.ops
    allow = (lambda op: True) if ops is None else ops.__contains__
    # years only make spans ("how many years after"), never sums or ratios; "one" is no operand (x + 1 = off by one)
    spans = asked.spans
    off_topic = facts.off_topic(asked.tokens, asked.compares)
    aside = facts.unasked(asked)
    stated = [f for f in facts.figures if not f.in_date and not (f.word and f.value == 1 and not f.unit)
              and (spans or not f.year) and (f.clause not in off_topic or _fraction(f)) and f.start not in aside
              ][:MAX_OPERANDS]  # (a part, "two fifths will go into kegs", is of the whole whatever its clause names)
    operands = stated + [f for f in asked.figures[:6] if spans or not f.year]
    # (an average is none of the figures of the series it averages, "80" for one score of 79 either)
    members = set().union(*_written_series(facts)) if asked.averaged and not any_operation else set()
    out = [_d(f) for f in operands if id(f) not in members]
    if arithmetic:
        totals, whole = _weighted_totals(stated, facts, asked, allow)
        if whole:
            # the question gives how many of each ("two adult tickets and one child ticket"), or the context gives
            # what each kind is worth in what the question counts ("How many points?" over "a win is worth 3 points
            # and a draw 1"): the total it asks for is that one, not a sum of prices or one count times one price
            return out + whole
        out += totals + _arithmetic(operands, stated, allow, facts, asked, strict=not any_operation)
        if allow(SUM):
            out += [t for f in {f.dims: f for f in stated if f.rate}.values() for t in _grand_totals(facts, f)]
            if not any_operation:
                out = _whole_sums(out, stated, facts, asked)
        if allow(DIFF):
            out += _left_over(stated, facts)
            if asked.tokens & _REST:  # "How much juice is left?" over "a 2-litre bottle; Ana drank 450 ml, Ben 600 ml"
                kinds: dict[tuple, list[Figure]] = {}
                for f in stated:
                    if f.dims and f.dims != _CLOCK_DIMS and f.unit != "%" and not f.rate:
                        kinds.setdefault(f.dims, []).append(f)
                for group in kinds.values():
                    whole = max(group, key=lambda f: f.base)
                    parts = [f for f in group if f is not whole]
                    if 2 <= len(parts) <= MAX_RUN and sum(f.base for f in parts) < whole.base:
                        base = whole.base - sum(f.base for f in parts)
                        out.append(Derived(base / UNITS[whole.unit][1] if whole.unit else base, base, whole.dims,
                                           f"{_fmt(whole.value)} - ({' + '.join(_fmt(f.value) for f in parts)})"))
    out += _counted(facts, asked, allow, stated)
    out += _stated_factors(facts, stated)
    # spans between dates, whatever the operation words ("how many days in total" asks for one too)
    asked_dates = [(d, -1) for d, _, _ in dates(asked.raw)[:2]]  # "How old was she on 1 January 2024?"
    full = bool(asked.tokens & (_AGE_WORDS | {"full"}))  # an age, "full years": whole years only
    # the dates of things the question does not name are no ends ("their cousin Mateo was born on ..."); an age
    # counts from a birth ("born on 14 October 1948", not "joined on 1 May 1979")
    dated = [(d, c) for d, c in facts.dates if c not in off_topic]
    births = [(d, c) for d, c in dated if c >= 0 and facts.clauses[c][2] & _BIRTH] if asked.tokens & _AGE_WORDS \
        else []
    both_ends = bool(_BOTH_ENDS.search(asked.low))  # "counting both the first and the last day", "inclusive"
    for (a, ca), (b, _) in itertools.combinations(sorted(dated + asked_dates), 2):
        if births and (a, ca) not in births:
            continue
        n = (b - a).days
        for value, unit, expr in (*(() if both_ends else ((n, "day", "days"),)),
                                  (n + 1, "day", "days, counting both ends"),
                                  (n / 7, "week", "weeks"), (n / 30.436875, "month", "months"),
                                  *(() if full else ((n / 365.25, "year", "years"),)),
                                  (_full_months(a, b), "month", "full months"),
                                  (_full_years(a, b), "year", "full years")):
            out.append(Derived(value, value * UNITS[unit][1], _T, f"{_fmt(value)} {expr} from {a} to {b}",
                               units=frozenset([unit])))
    return out


def _stated_factors(facts: Facts, stated: list[Figure]) -> list[Derived]:
    """Amounts converted at a factor the context states ("holds 500 US gallons. A US gallon is 3.785 litres":
    500 x 3.785 = 1,892.5 litres, to the digits of the factor written, not of the exact one)."""
    low = facts.raw.translate(_LOWER)
    out = []
    for g in stated:
        m = _FACTOR_BEFORE.search(low, max(0, g.start - 60), g.start)
        if not g.unit or not m:
            continue
        unit, _ = _unit_at(low, m.start("unit") - 1)
        if unit is None or unit == g.unit:
            continue
        out += [Derived(f.value * g.value, f.value * g.base, g.dims, f"{_fmt(f.value)} x {_fmt(g.value)}",
                        units=frozenset([g.unit]))
                for f in stated if f.unit == unit and f is not g]
    return out


def _whole_sums(out: list[Derived], stated: list[Figure], facts: Facts, asked: Ask) -> list[Derived]:
    """A sum of some of the figures is no answer where the question asks for all of them: it lists the things
    ("for electricity, gas and water together": the sum of the figure of each, when each has one clause of its
    own) or asks for the whole ("the whole walk", "the full year": only the sums of the most figures of a kind)."""
    named: list[Figure] = []
    for items in series(asked.raw)[:1]:
        for k, item in enumerate(items):  # the first by its last words (after the lead-in), the last by its first
            words = _roots(set(text.content([text.stem(w) for w in (item[:1] if k == len(items) - 1 else item[-1:])])))
            found = [f for f in stated if f.clause >= 0 and words and words <= _roots(facts.clauses[f.clause][2])]
            if len(found) != 1:
                return out
            named.append(found[0])
    if len({f.dims for f in named}) == 1 and len(named) == len({id(f) for f in named}) >= 2:
        values = {f.value for f in named}
        total = Derived(sum(f.value for f in named), sum(f.base for f in named), named[0].dims,
                        " + ".join(_fmt(f.value) for f in named))
        return [d for d in out if not (_PURE_SUM.fullmatch(d.expr) and d.dims == total.dims
                                       and {float(v.replace(",", "")) for v in d.expr.split(" + ")} != values)] \
            + [total]
    if not asked.tokens & _WHOLE_ASKED:
        return out
    longest: dict[tuple, int] = {}
    for d in out:
        if _PURE_SUM.fullmatch(d.expr):
            longest[d.dims] = max(longest.get(d.dims, 0), d.expr.count(" + ") + 1)
    return [d for d in out if not (_PURE_SUM.fullmatch(d.expr) and d.expr.count(" + ") + 1 < longest[d.dims])]


def _asked_lists(facts: Facts, asked: Ask) -> list[tuple[int, int]]:
    """(length, sentence) of the series whose sentence shares a word with the question (the first MAX_OPERANDS)."""
    asked_words = _roots(asked.tokens - text.STOP)
    return [(n, i) for n, words, i, _ in facts.lists
            if not asked_words or _roots(words) & asked_words or len(facts.lists) == 1][:MAX_OPERANDS]


# a line of a list: a bullet, or "Name: value" (a lead-in ending in a colon has no value)
_LIST_LINE = re.compile(r"(?m)^[ \t]*(?:[-*•][ \t]+\S[^\n]{0,200}|[^\W\d][^:\n]{0,40}:[ \t]*\S[^\n]{0,200})$")
MAX_LIST_LINES = 60


def _counted(facts: Facts, asked: Ask, allow, stated: list[Figure]) -> list[Derived]:
    """Counts of listed things: a series' length, two series of one sentence added or one taken from the other
    ("the Nordic countries are A, B, C, D and E; of these, only A, B and C make up Scandinavia": 5 - 3), and
    one left out ("all of them except radon", "besides Earth", "seven continents ... the only one", "before Ringo
    joined": a question naming one of the items; n - 1)."""
    lists = _asked_lists(facts, asked)
    # a series the question leaves out ("not counting the starters" over "soup and salad are starters") is no count
    left_out = _roots(text.content(text.words(asked.low[m.end():m.end() + 30]))) \
        if (m := _ONE_OUT_ASKED.search(asked.low)) else set()
    out = [Derived(n, n, (), f"{n} listed items") for n, i in lists
           if not (left_out and i >= 0 and left_out & _roots(facts.said(i)))]
    one_out = bool(_ONE_OUT_ASKED.search(asked.low))
    names = asked.names
    named = {i for _, _, i, items in facts.lists if names and sum(1 for item in items if item & names) == 1}
    # what the question leaves out must be one item of the series, not something else ("not counting the desserts"
    # over "specials A, B, C and D; the desserts are E and F")
    holds = {i for _, _, i, items in facts.lists if any(left_out & _roots(item) for item in items)}
    # "including the park" over "visits A, B, C and D, and ends at the park": one more than the series
    added = _roots(text.content(text.words(asked.low[m.end():m.end() + 30]))) \
        if (m := _INCLUDING.search(asked.low)) else set()
    for n, _, i, items in facts.lists[:MAX_OPERANDS]:
        if added and added & _roots(facts.said(i)) and not any(added & _roots(item) for item in items):
            # (and the series alone is then no answer)
            out = [d for d in out if d.expr != f"{n} listed items"] + [Derived(n + 1, n + 1, (),
                                                                                f"{n} listed items and one more")]
    for n, i in lists:
        if (one_out and (not left_out or i in holds)) or i in facts.one_out or i in named:
            out.append(Derived(n - 1, n - 1, (), f"{n} listed items but one"))
    asked_sentences = {i for _, i in lists}
    for n, _, i, items in facts.lists:  # a part of a series the question names ("soup and salad are starters")
        for m, _, j, part in facts.lists:
            if (i in asked_sentences or j in asked_sentences) and m < n and set(part) < set(items) and allow(DIFF):
                out.append(Derived(n - m, n - m, (), f"{n} - {m} listed items"))
    for (n, i), (m, j) in itertools.combinations(lists, 2):
        if i >= 0 and j >= 0 and abs(i - j) <= 1:
            if allow(SUM):
                out.append(Derived(n + m, n + m, (), f"{n} + {m} listed items"))
            if allow(DIFF) and n != m:
                out.append(Derived(abs(n - m), abs(n - m), (), f"{max(n, m)} - {min(n, m)} listed items"))
    for f in stated:
        if not f.unit and not f.year and f.value.is_integer() and f.value > 1 and (
                one_out or (f.clause >= 0 and facts.sentence_of[f.clause] in facts.one_out)):
            out.append(Derived(f.value - 1, f.value - 1, (), f"{_fmt(f.value)} but one"))
    for items in facts.series_words[:MAX_LISTS]:
        n = len(items)
        # the days of a week and the months of a year are known wholes: "open Monday, Wednesday and Friday" leaves
        # four days closed
        for whole, names in ((7, _WEEKDAYS), (12, _MONTHS)):
            if n < whole and all(item and item[-1] in names for item in items):
                out.append(Derived(whole - n, whole - n, (), f"{whole} - {n} listed"))
        # a tally: "W, W, D, L, W" holds three Ws
        tally = collections.Counter(items)
        if len(tally) < n and all(0 < len(item) <= 2 for item in items):
            out += [Derived(c, c, (), f"{c} x '{' '.join(item)}' of {n} listed") for item, c in tally.most_common(4)]
    # the lines of a list ("- 07:12 to Leeds", "Alves: defender") that say a word of the question: "How many of
    # these trains go to Leeds?" counts the lines naming Leeds (bounded: MAX_LIST_LINES lines)
    lines = [_roots(frozenset(text.words(line))) for line in _LIST_LINE.findall(facts.raw)[:MAX_LIST_LINES]]
    if "how many" in asked.low and len(lines) >= 3:
        for root in sorted(_roots(frozenset(text.content(list(asked.tokens)))))[:MAX_OPERANDS]:
            if 0 < (c := sum(1 for line in lines if root in line)) < len(lines):
                out.append(Derived(c, c, (), f"{c} of {len(lines)} listed lines say '{root}'"))
    return out


def _written_series(facts: Facts) -> list[set[int]]:
    """The ids of the figures of each series written as one ("34, 36, 37, 35 and 38 °C", "42 mm in January, 33 mm
    in February and 41 mm in March"): three or more of one kind, each gap a few words with a comma or an "and"."""
    out, current = [], [facts.figures[0]] if facts.figures else []
    for a, b in itertools.pairwise(facts.figures[:MAX_OPERANDS * 4]):
        if a.dims == b.dims and not a.year and _LIST_GAP.fullmatch(facts.raw, a.end, b.start):
            current.append(b)
            continue
        if len(current) >= 3:
            out.append({id(f) for f in current})
        current = [b]
    if len(current) >= 3:
        out.append({id(f) for f in current})
    return out


def _runs(stated: list[Figure], facts: Facts, k: int) -> list[tuple[Figure, ...]]:
    """Runs of k figures of one unit written one after the other (in one sentence or the next): "£24 and a child
    ticket £16", "won 26 matches, drew 12"."""
    out = []
    for i in range(len(stated) - k + 1):
        run = tuple(stated[i:i + k])
        if all(f.dims == run[0].dims and _near(facts, e.clause, f.clause) for e, f in itertools.pairwise(run)) \
                and run[0].unit != "%" and run[0].dims != _CLOCK_DIMS and not any(f.year for f in run):
            out.append(run)
    return out


def _by_name(asked: Ask, run: tuple[Figure, ...], facts: Facts) -> tuple[Figure, ...] | None:
    """The run's figures in the order of the question's counts, each paired with the one whose clause names what
    the count counts ("two adult tickets" with "an adult ticket costs £24"); None when that is not one-to-one."""
    order = []
    for _, thing in asked.counted_things:
        found = [g for g in run if thing and thing in facts.clauses[g.clause][2]]
        if len(found) != 1 or found[0] in order:
            return None
        order.append(found[0])
    return tuple(order)


def _dot(counts: tuple[float, ...], run: tuple[Figure, ...], expr: str) -> Derived:
    f = run[0]
    return Derived(sum(c * g.value for c, g in zip(counts, run, strict=True)),
                   sum(c * g.base for c, g in zip(counts, run, strict=True)), f.dims, expr)


def _weighted_totals(stated: list[Figure], facts: Facts, asked: Ask, allow) -> tuple[list[Derived], list[Derived]]:
    """Totals of several kinds, each a count times its figure: "two adult tickets and one child ticket" over
    "an adult ticket costs £24 and a child ticket £16" (2 x 24 + 1 x 16), "each buys a ticket and a tub of
    popcorn" (2 x (12 + 6.50)), "won 26 matches, drew 12 ... a win was worth 3 points and a draw 1" (26 x 3 +
    12 x 1). The counts pair with the figures in the order both are written (bounded: runs of two or three
    figures of one unit written one after the other, in one sentence or two that follow each other).
    Returns (all of them, the ones that are the whole answer: see `derivations`)."""
    if not allow(PRODUCT):
        return [], []
    out: list[Derived] = []
    whole: list[Derived] = []
    counts = asked.counts
    if len(counts) >= 2:
        for run in _runs(stated, facts, len(counts)):
            # paired by what they count ("4 tickets and 2 drinks" over "a drink $3 and a ticket $15"), else in order
            run = _by_name(asked, run, facts) or run
            whole.append(_dot(counts, run, " + ".join(f"{_fmt(c)} x {_fmt(g.value)}" for c, g in zip(counts, run,
                                                                                                       strict=True))))
        out += whole
    elif counts:
        for run in _runs(stated, facts, 2):
            out.append(_dot(counts * 2, run, f"{_fmt(counts[0])} x ({_fmt(run[0].value)} + {_fmt(run[1].value)})"))
    if allow(SUM):
        out += _paired_totals(stated, facts, asked, whole)
        for k in (2, 3):
            runs = _runs(stated, facts, k)
            for a, b in itertools.permutations(runs, 2):
                apart = a[-1].start < b[0].start or b[-1].start < a[0].start  # either order
                if apart and not a[0].dims and all(f.value.is_integer() for f in a) and \
                        (_near(facts, a[-1].clause, b[0].clause) or _near(facts, b[-1].clause, a[0].clause)):
                    total = _dot(tuple(f.value for f in a), b, " + ".join(
                        f"{_fmt(x.value)} x {_fmt(y.value)}" for x, y in zip(a, b, strict=True)))
                    out.append(total)
                    # (never when the counts are themselves what it counts: "21 goals in 9 matches" is no 21 wins)
                    if not b[0].dims and any(facts.noun(g) in asked.counted for g in b) and \
                            any(_counts_other(f, facts, asked) for f in a) and \
                            not any(facts.noun(f) in asked.counted for f in a):
                        whole.append(total)  # matches times points: the points
    return out, whole


def _paired_totals(stated: list[Figure], facts: Facts, asked: Ask, whole: list[Derived]) -> list[Derived]:
    """Counts each followed by what one is worth: "36 field goals, worth 2 points each, and 28 free throws, worth 1
    point each" (36 x 2 + 28 x 1), "4 classes of 28 pupils and 2 classes of 30", two or three pairs in one sentence
    or two that follow each other. A total in
    what the question counts ("How many points?") is the whole answer (added to `whole`)."""
    out = []
    for k in (2, 3):
        for i in range(len(stated) - 2 * k + 1):
            seq = stated[i:i + 2 * k]
            counts, worth = seq[0::2], seq[1::2]
            if not all((w.rate or _GROUPS_OF.fullmatch(facts.raw, c.end, w.start)) and not c.rate
                       and w.dims == worth[0].dims and c.dims == counts[0].dims
                       and not c.year and not w.year for c, w in zip(counts, worth, strict=True)) \
                    or not _near(facts, seq[0].clause, seq[-1].clause):
                continue
            total = _dot(tuple(c.value for c in counts), worth, " + ".join(
                f"{_fmt(c.value)} x {_fmt(w.value)}" for c, w in zip(counts, worth, strict=True)))
            out.append(total)
            if asked.counted and facts.noun(worth[0]) in asked.counted:
                whole.append(total)
    return out


def _arithmetic(operands: list[Figure], stated: list[Figure], allow, facts: Facts, asked: Ask, *,
                strict: bool = True) -> list[Derived]:
    """Pairs, the rule of three, and the sum and mean of all: what a question asking for a figure may want."""
    out: list[Derived] = []
    for f in operands:
        if f.unit == "%" and allow(PERCENT):
            out.append(Derived(100 - f.value, 100 - f.value, f.dims, f"100% - {_fmt(f.value)}%", percent=True))
        if _fraction(f):  # "three eighths are oaks": the rest are five eighths
            out.append(Derived(1 - f.value, 1 - f.value, (), f"1 - {_fmt(f.value)}"))
    for a, b in itertools.combinations(operands, 2):
        if not any(f.value == 1 and f.unit in _CURRENCIES for f in (a, b)):
            out += _pair(a, b, allow, facts, asked, strict=strict)  # ("€1" of a rate: x times it is x, in any unit)
    plain_figures = [f for f in stated if not f.year and f.unit != "%" and f.dims != _CLOCK_DIMS][:12]
    scaled = []
    for q in asked.figures[:3]:
        if q.year or q.unit == "%":
            continue
        noun = _NOUN.match(asked.raw, q.end)
        for a, b in itertools.permutations(plain_figures, 2):
            if b.value and b.base and (b.dims == q.dims):  # 250 g for 4 people: for 6 people, 250 / 4 x 6
                d = Derived(a.value / b.value * q.value, a.base / b.base * q.base, a.dims,
                            f"{_fmt(a.value)} / {_fmt(b.value)} x {_fmt(q.value)}")
                out.append(d)
                if strict and noun and not b.dims and facts.noun(b) == text.stem(noun.group(1).lower()) and a.dims \
                        and _FOR_COUNT.search(asked.raw[max(0, q.start - 12):q.start]) \
                        and _FOR_COUNT.search(facts.raw[max(0, b.start - 12):b.start]):
                    scaled.append(d)
    if strict and asked.tokens & _EACH_ASKED:
        # "shared equally among 6 friends", "How much did each pay?": the share, not the total times six
        for f in stated:
            if not f.dims and f.value > 1 and _SHARED_AMONG.search(facts.raw[max(0, f.start - 40):f.start]):
                scaled += [Derived(a.value / f.value, a.base / f.value, a.dims, f"{_fmt(a.value)} / {_fmt(f.value)}")
                           for a in stated if a.dims and a.clause >= 0 and _near(facts, a.clause, f.clause)]
    if scaled:
        # the context gives an amount for so many of what the question counts ("300 g for 4 people", "for 10
        # people?"): the amount for the question's count is the answer, not a product or a sum of the figures
        return [d for d in out if not _STEPPED.search(d.expr)] + scaled
    out += _affine(operands, plain_figures, asked)
    # a rate of exchange written as one of a unit against another ("€1 was worth £0.86"): amounts in the first
    # times it, in the second over it (units of one dimension that `UNITS` cannot convert: currencies)
    for one, r in itertools.permutations(operands, 2):
        if one.value == 1 and one.unit and r.unit and one.unit != r.unit and one.dims == r.dims == _MONEY \
                and one.clause == r.clause >= 0 and r.value:
            for x in operands:
                if x is not one and x is not r and x.unit == one.unit:
                    out.append(Derived(x.value * r.value, x.value * r.value, _MONEY,
                                       f"{_fmt(x.value)} x {_fmt(r.value)}", units=frozenset([r.unit])))
                elif x is not one and x is not r and x.unit == r.unit:
                    out.append(Derived(x.value / r.value, x.value / r.value, _MONEY,
                                       f"{_fmt(x.value)} / {_fmt(r.value)}", units=frozenset([one.unit])))
    # the written series ("72, 85, 90, 64 and 79"): when the question asks for an average, of all of one, not of
    # a part of it (a part is asked for by naming it: "of the first three")
    whole = _written_series(facts) if asked.averaged and strict else []
    for k in range(3, MAX_RUN + 1):  # "scored 68, 74 and 89" (not "three" of "The three exams")
        for run in _runs([f for f in stated if not _counts_other(f, facts, asked)], facts, k):
            total, base, shown = sum(f.value for f in run), sum(f.base for f in run), [_fmt(f.value) for f in run]
            if allow(SUM):
                out.append(Derived(total, base, run[0].dims, " + ".join(shown)))
            ids = {id(f) for f in run}
            if any(ids < series for series in whole):
                continue
            if allow(MEAN):
                out.append(Derived(total / k, base / k, run[0].dims, "mean of " + ", ".join(shown)))
    for series in _written_series(facts):  # a whole series longer than a run: "112, 118, 125, 121, 130, 134, 128"
        members = [f for f in facts.figures if id(f) in series]
        if len(members) > MAX_RUN:
            total, base = sum(f.value for f in members), sum(f.base for f in members)
            if allow(SUM):
                out.append(Derived(total, base, members[0].dims, " + ".join(_fmt(f.value) for f in members)))
            if allow(MEAN):
                out.append(Derived(total / len(members), base / len(members), members[0].dims,
                                   "mean of " + ", ".join(_fmt(f.value) for f in members)))
    groups: dict[tuple, list[Figure]] = {}
    for f in operands:
        if f.unit != "%" and not f.year and f.dims != _CLOCK_DIMS and not _counts_other(f, facts, asked):
            groups.setdefault(f.dims, []).append(f)
    for dims, group in groups.items():
        if len(group) >= 3:
            total, base = sum(f.value for f in group), sum(f.base for f in group)
            if allow(SUM):
                out.append(Derived(total, base, dims, " + ".join(_fmt(f.value) for f in group)))
            if allow(MEAN):
                out.append(Derived(total / len(group), base / len(group), dims, f"mean of {len(group)} figures"))
            if allow(PERCENT) and base:  # "What percentage of the week's recycling was glass?": one of all of them
                for f in group:
                    out += [Derived(f.base / base * 100, f.base / base * 100, (("%", 1),),
                                    f"{_fmt(f.value)} / ({' + '.join(_fmt(g.value) for g in group)})", percent=True),
                            Derived(f.base / base, f.base / base, (), f"{_fmt(f.value)} / {_fmt(total)}",
                                    units=frozenset())]
    return out


@dataclass(frozen=True)
class Said:
    """What a sentence says around a share of a whole (see `_asks_part`)."""

    of_part: frozenset[str]  # its clause after it: "35% said they cycle to work", "a third of it is on the motorway"
    elsewhere: frozenset[str]  # the rest of the sentence but the whole's clause: "and the rest voted in favour"
    topic: frozenset[str]  # the sentence's words but the whole's ("the reservoir holds about 90 million m3")


def _said_after(facts: Facts, f: Figure, whole: Figure) -> Said:
    """What comes after a share in its clause (what comes before says what changes, "reduced by 25%", or who has
    it; unless nothing comes after), what the rest of its sentence says, and what the sentence says of anything but
    the whole."""
    if f.clause < 0:
        return Said(frozenset(), frozenset(), frozenset())
    sentence = facts.said(facts.sentence_of[f.clause])
    whole_words = facts.clauses[whole.clause][2] if 0 <= whole.clause != f.clause else frozenset()
    start, end = facts.clauses[f.clause][:2]
    after = frozenset(text.words(facts.raw[f.end:end]))
    if not text.content(list(after)):  # "the winner received 54%.": what is said of it comes first
        after = frozenset(text.words(facts.raw[start:f.start])) - whole_words
    return Said(after, sentence - facts.clauses[f.clause][2] - whole_words, sentence - whole_words)


def _affine(operands: list[Figure], rates: list[Figure], asked: Ask) -> list[Derived]:
    """A figure times the question's quantity, plus or less another: a fixed part and a rate ("a £3.50 pick-up
    fee plus £2.20 per mile" for a 5-mile journey, "$20 a month plus $0.10 per text" for 150 texts), or what is
    left of a sum paid ("the change from $50 for 3 books at $12"). The fixed part counts in its own unit, whatever
    it is per ("$20 a month" is $20 for the month asked about)."""
    out: list[Derived] = []
    for q in asked.figures[:3]:
        if q.year or q.unit == "%" or q.dims == _CLOCK_DIMS:
            continue
        for r in rates:
            if not r.rate:
                continue
            dims = _add_dims(r.dims, q.dims, 1)
            value, base = r.value * q.value, r.base * q.base
            for c in operands:
                if c is r or c is q or c.year or c.unit == "%" or c.dims == _CLOCK_DIMS:
                    continue
                unit = UNITS[c.unit] if c.unit else ((), 1.0, 0)
                if tuple(sorted(unit[0])) != dims:
                    continue
                fixed = c.value * unit[1] + unit[2]
                out.append(Derived(c.value + value, fixed + base, dims,
                                   f"{_fmt(c.value)} + {_fmt(r.value)} x {_fmt(q.value)}"))
                if q.value > 1:  # "£2.50 for the first hour and £1.50 for each hour after that"
                    out.append(Derived(c.value + value - r.value, fixed + base - r.base * q.base / q.value, dims,
                                       f"{_fmt(c.value)} + {_fmt(r.value)} x ({_fmt(q.value)} - 1)"))
                out.append(Derived(abs(c.value - value), abs(fixed - base), dims,
                                   f"{_fmt(c.value)} - {_fmt(r.value)} x {_fmt(q.value)}"))
    return out


def _pair(a: Figure, b: Figure, allow, facts: Facts, asked: Ask, *, strict: bool = True) -> list[Derived]:
    """What two figures give: sum and difference (same unit), product and ratio (units multiply), percentages.
    `strict`: groups are counted the way the question's words say (not in a worked answer's steps)."""
    out: list[Derived] = []
    if a.unit is not None and a.unit == b.unit and (a.per is None) != (b.per is None):
        # "15 mm of rain a year; the Sahara gets about 76 mm": a period said once is the same for both (and an
        # answer may say it again or not: "61 mm (a year)"); or an amount and a rate ("holds 630 litres", "14
        # litres a minute"): how long it takes
        if allow(RATIO) and not a.year and not b.year:
            amount, rate = (a, b) if b.per else (b, a)
            if rate.base:
                out.append(Derived(amount.value / rate.value, amount.base / rate.base,
                                   _add_dims(amount.dims, rate.dims, -1), f"{_fmt(amount.value)} / {_fmt(rate.value)}"))
        a, b = dataclasses.replace(a, per=None), dataclasses.replace(b, per=None)
    if a.year or b.year:
        if a.year and b.year and allow(DIFF):
            span, year = abs(a.value - b.value), UNITS["year"][1]  # in years: "147 years", "a century and a half"
            out.append(Derived(span, span * year, _T, f"{_fmt(max(a.value, b.value))} - {_fmt(min(a.value, b.value))}"))
            if asked.tokens & _AGE_WORDS and span:  # born in 1902, 1931: 29, or 28 before the birthday
                out.append(Derived(span - 1, (span - 1) * year, _T, f"{_fmt(span)} - 1, before the birthday"))
        return out
    if _CLOCK_DIMS in (a.dims, b.dims):
        # whatever the question's cues ("open each day"): times only add and subtract, the way the context says
        return _clock_pair(a, b, _way(facts, b if a.dims == _CLOCK_DIMS else a))
    if _fraction(a) or _fraction(b):
        # "a quarter of it" takes a part of a figure (or leaves the rest): never a sum, a ratio or a percentage
        p, x = (a, b) if _fraction(a) else (b, a)
        if _fraction(x) or _OF_THE_REST.match(facts.raw.translate(_LOWER), p.end):
            return out  # ("a fifth of the rest" is no fifth of the whole: see `_chained`)
        # the part, and the rest (flagged in `check` when the question restates what the part's clause says)
        said = _said_after(facts, p, x)
        return [Derived(p.value * x.value, p.value * x.base, x.dims, f"{_fmt(p.value)} x {_fmt(x.value)}",
                        part_of=((1 - p.value) * x.value, said)),
                Derived((1 - p.value) * x.value, (1 - p.value) * x.base, x.dims,
                        f"(1 - {_fmt(p.value)}) x {_fmt(x.value)}", rest_of=(p.value * x.value, said))]
    same = a.dims == b.dims
    temperature = a.unit in ("degc", "degf", "kelvin")
    # "How many points?": 26 matches + 12 matches are no points (26 matches x 3 points may be; 23 players less 3
    # goalkeepers are still players)
    other = same and not a.dims and (_counts_other(a, facts, asked) or _counts_other(b, facts, asked))
    if same:
        if allow(SUM) and not temperature and not other:
            out.append(Derived(a.value + b.value, a.base + b.base, a.dims, f"{_fmt(a.value)} + {_fmt(b.value)}",
                               percent=a.unit == "%"))
        if allow(DIFF):
            out.append(Derived(abs(a.value - b.value), abs(a.base - b.base), a.dims,
                               f"{_fmt(max(a.value, b.value))} - {_fmt(min(a.value, b.value))}",
                               percent=a.unit == "%", points=a.unit == "%", delta=temperature))
        if asked.averaged and not other and not any({id(a), id(b)} & series for series in _written_series(facts)):
            # "the average of the two runs" (two of a longer written series average nothing asked)
            out.append(Derived((a.value + b.value) / 2, (a.base + b.base) / 2, a.dims,
                               f"mean of {_fmt(a.value)}, {_fmt(b.value)}", percent=a.unit == "%"))
    for p, x in ((a, b), (b, a)):
        if p.unit == "%" and x.unit != "%":
            share = x.value * p.value / 100
            # the share, and the figure raised or lowered by it: the way the words say (a tip, a tax, a rise; a
            # discount, a cut, a sale), either when they say neither
            said = _said_after(facts, p, x)
            cue = (facts.clauses[p.clause][2] if p.clause >= 0 else frozenset()) | asked.tokens
            up, down = bool(cue & _RAISED), bool(cue & _LOWERED)
            shown = f"{_fmt(x.value)} {{}} {_fmt(p.value)}%"
            if not (strict and asked.tokens & _WHOLE_PRICE and x.dims):  # "the total with VAT" is not the VAT
                out.append(Derived(share, x.base * p.value / 100, x.dims, f"{_fmt(p.value)}% of {_fmt(x.value)}",
                                   part_of=(x.value - share, said)))
            if strict and x.dims and asked.tokens & _SHARE_ASKED and not asked.tokens & (_WHOLE_PRICE | _MOVED_ASKED):
                continue  # "How much is the discount?": the share, not the price it leaves
            if up or not down:
                out.append(Derived(x.value + share, x.base * (1 + p.value / 100), x.dims, shown.format("+")))
            if down or not up:
                out.append(Derived(x.value - share, x.base * (1 - p.value / 100), x.dims, shown.format("-"),
                                   rest_of=(share, said)))
            # the figure before the change ("$600 after a 25% discount": $800)
            for sign in (-1, 1) if p.value < 100 else ():
                if (up if sign > 0 else down) or not (up or down):
                    factor = 1 + sign * p.value / 100
                    out.append(Derived(x.value / factor, x.base / factor, x.dims,
                                       f"{_fmt(x.value)} / (1 {'+' if sign > 0 else '-'} {_fmt(p.value)}%)"))
    if a.unit == b.unit == "%" and a.value and asked.relative:
        # a rate from 2% to 3% rose by 50% (and by 1 percentage point); only when asked "by what percentage": any
        # two shares of a long list make some percentage
        change = abs(b.value - a.value) / abs(a.value) * 100
        out.append(Derived(change, change, a.dims, f"({_fmt(b.value)}% - {_fmt(a.value)}%) / {_fmt(a.value)}%",
                           percent=True))
    if "%" in (a.unit, b.unit) or temperature:
        return out
    money = {f.unit for f in (a, b) if f.unit in _CURRENCIES}
    # (an amount in one currency stays in it: "€1,150 a month" for one month is no "£1,150")
    in_money = frozenset([*money, "cent", "penny"]) if len(money) == 1 else None
    if allow(PRODUCT):
        out.append(Derived(a.value * b.value, a.base * b.base, _add_dims(a.dims, b.dims, 1),
                           f"{_fmt(a.value)} x {_fmt(b.value)}", units=in_money))
    if allow(RATIO) or allow(MEAN):
        for x, y in ((a, b), (b, a)):
            # (a rounding asked, "to the nearest whole ticket", is to the nearest: no groups rounded up or down)
            groups = not x.dims and not y.dims and x.value > y.value > 1 and x.value.is_integer() \
                and y.value.is_integer() and x.value % y.value and not (strict and asked.precision is not None)
            cue = asked.counting_words if strict else frozenset()
            if y.value and y.base and not (groups and cue & (_WHOLE_ONLY | _ENOUGH)):
                # two figures of one kind give a pure number: "140 miles / 1.609 km" is no "87 km"
                out.append(Derived(x.value / y.value, x.base / y.base, _add_dims(x.dims, y.dims, -1),
                                   f"{_fmt(x.value)} / {_fmt(y.value)}",
                                   units=frozenset() if x.dims and x.dims == y.dims else None))
            if groups:
                # "70 people, 16 seats a minibus": 5 minibuses to carry them, 4 full ones, 6 people left over (each
                # only when the question does not ask otherwise: "full boxes" round down, "needed" rounds up)
                q, r = divmod(x.value, y.value)
                if not cue & _WHOLE_ONLY:
                    out.append(Derived(q + 1, q + 1, (), f"{_fmt(x.value)} / {_fmt(y.value)}, rounded up"))
                if not cue & _ENOUGH:
                    out.append(Derived(q, q, (), f"{_fmt(x.value)} / {_fmt(y.value)}, rounded down"))
                if cue & _REST or not strict:
                    out.append(Derived(r, r, (), f"{_fmt(x.value)} mod {_fmt(y.value)}"))
    if same and allow(PERCENT):
        small, large = sorted((a, b), key=lambda f: abs(f.base))
        if large.value:
            out.append(Derived(small.value / large.value * 100, small.base / large.base * 100, (("%", 1),),
                               f"{_fmt(small.value)} / {_fmt(large.value)}", percent=True))
        if large.value and small.value < large.value and asked.tokens & _GAP_ASKED:
            # "went into winter with 40 colonies and came out with 31: what percentage were lost?", "a 25 kg sack,
            # 15 kg used: what fraction is left?": the gap between them as a share of the larger
            gap = (large.base - small.base) / large.base
            out += [Derived(gap * 100, gap * 100, (("%", 1),), f"({_fmt(large.value)} - {_fmt(small.value)}) / "
                                                              f"{_fmt(large.value)}", percent=True),
                    Derived(gap, gap, (), f"({_fmt(large.value)} - {_fmt(small.value)}) / {_fmt(large.value)}",
                            units=frozenset())]
        if a.value and (asked.relative or asked.tokens & _CHANGE_ASKED or not strict):
            # (a change only where the question asks how a figure moved: "What percentage recycle?" asks a share)
            change = abs(b.value - a.value) / abs(a.value) * 100  # against the figure written first: the "from"
            out.append(Derived(change, change, (("%", 1),), f"({_fmt(b.value)} - {_fmt(a.value)}) / {_fmt(a.value)}",
                               percent=True))
    return out


def _counts_other(f: Figure, facts: Facts, asked: Ask) -> bool:
    """Does a plain figure count something else than the question does? Only when the context says what the
    question counts after a figure ("How many points?" over "won 26 matches ... a win was worth 3 points"):
    "26 matches" then counts other things."""
    if f.dims or not asked.counted or f.clause < 0:
        return False
    return facts.counted_by(asked.counted) and facts.noun(f) not in (None, *asked.counted)


def _fraction(f: Figure) -> bool:
    """ "a quarter", "two thirds": a fraction written in words."""
    return f.word and not f.unit and 0 < f.value < 1


def _shifted_dates(facts: Facts, asked: Ask) -> dict[date, str]:
    """The dates a duration reaches from a date of the context or the question, both ways (bounded: MAX_DATES
    dates, MAX_OPERANDS durations); a span of days may count its first day too ("30 days to pay")."""
    bases = [d for d, _ in facts.dates] + [d for d, _, _ in dates(asked.raw)]
    spans = [f for f in (*facts.figures, *asked.figures) if f.unit in ("day", "week", "month", "year")
             and f.value.is_integer() and 0 < f.value <= 10_000][:MAX_OPERANDS]
    out: dict[date, str] = {}
    for base, f in itertools.product(bases[:MAX_DATES], spans):
        for sign in (1, -1):
            n = int(f.value) * sign
            try:
                if f.unit in ("day", "week"):
                    days = n * (7 if f.unit == "week" else 1)
                    found = [base + timedelta(days=days), base + timedelta(days=days - sign)]
                else:
                    months = n * (12 if f.unit == "year" else 1)
                    year, month = divmod(base.month - 1 + months, 12)
                    year += base.year
                    found = [date(year, month + 1, min(base.day, calendar.monthrange(year, month + 1)[1]))]
            except (ValueError, OverflowError):
                continue  # before year 1 or after 9999
            for d in found:
                out.setdefault(d, f"{base} {'+' if sign > 0 else '-'} {_fmt(f.value)} {f.unit}")
    return out


def _way(facts: Facts, f: Figure) -> int:
    """+1 when the words right after a duration say it comes later ("9 hours ahead", "an hour after"), -1 when
    earlier ("5 hours behind", "30 minutes before carving"), 0 when they say neither."""
    m = _WAY.match(facts.raw, f.end) if any(f is g for g in facts.figures) else None  # (not the question's)
    if not m:
        return 0
    return 1 if m.group(1).lower() in ("ahead", "after", "later") else -1


def _clock_pair(a: Figure, b: Figure, way: int = 0) -> list[Derived]:
    """A time of day and a duration give a time of day (the train leaves at 09:30 and takes 4 hours 20 minutes:
    13:50), only later or earlier when the context says which (`way`: "5 hours behind"); two times of day give
    the time from the first written to the second (04:43 to 21:21: 16 h 38 min)."""
    if a.dims == b.dims:
        day = 720 if "clock12" in (a.unit, b.unit) else 1440  # "8:30 ... 6": the next 6 o'clock
        span = (b.value - a.value) % day
        return [Derived(span, span * 60, _T, f"{_clock_text(a.value)} to {_clock_text(b.value)}")]
    clock, spent = (a, b) if a.dims == _CLOCK_DIMS else (b, a)
    if spent.dims != _T:
        return []
    minutes = spent.base / 60
    return [Derived(t % 1440, t % 1440 * 60, _CLOCK_DIMS, f"{_clock_text(clock.value)} {sign} {_fmt(minutes)} min")
            for t, sign, s in ((clock.value + minutes, "+", 1), (clock.value - minutes, "-", -1)) if way in (0, s)]


def _clock_text(minutes: float) -> str:
    return f"{int(minutes) // 60 % 24:02d}:{int(minutes) % 60:02d}"


def _close(answer: float, shown: int, value: float, asked_precision: int | None) -> bool:
    """Is `answer` (shown to 10**shown) `value` rounded, to the precision the answer or the question sets?"""
    if not math.isfinite(value):
        return False
    if abs(answer - value) <= 1e-9 * max(1.0, abs(value)):
        return True
    if asked_precision is not None:
        step = 10.0 ** asked_precision
        multiple = abs(answer / step - round(answer / step)) < 1e-6
        return multiple and abs(answer - value) <= step / 2 * (1 + 1e-9)
    tol = 10.0 ** shown / 2 * (1 + 1e-9)
    if shown > 0:
        tol = min(tol, REL_TOLERANCE * abs(value))
    return abs(answer - value) <= tol


def _as_written(d: Derived, unit: str | None, per: str | None = None) -> float | None:
    """The derived value in the unit the answer writes it in ("km", or "km" per "h"), or None when that unit
    cannot express it."""
    if per is not None:
        dims = _add_dims(tuple(sorted(UNITS[unit][0])) if unit else (), UNITS[per][0], -1)
        if d.percent or dims != d.dims or (unit and UNITS[unit][2]):
            return None
        return d.base / ((UNITS[unit][1] if unit else 1.0) / UNITS[per][1])
    if unit is None:
        return d.base if not d.dims else d.raw  # 70 per minute x 1 hour: the count is the base value, 4,200
    if unit == "%":
        return d.raw if d.percent else None
    if unit == "pp":
        return d.raw if d.points else None
    dims, factor, offset = UNITS[unit]
    if d.percent or (d.units is not None and unit not in d.units):
        return None
    if not d.dims:
        return d.raw  # a plain number (4 tickets x 15) written with a unit ($60)
    if tuple(sorted(dims)) != d.dims:
        return None
    return d.base / factor if d.delta or not offset else (d.base - offset) / factor


def match(f: Figure, derived: Iterable[Derived], asked: Ask, *, exact: bool = False,
          step: Step | None = None, hedged: bool = False) -> Derived | None:
    """The derivation an answer's figure equals, as rounded as the answer shows it (`exact`: to its last digit,
    never "about 2,000" for 1,960; the question's precision still counts), or to the `step` the question or the
    context sets in a unit ("to the nearest penny", "up to the next half kilogram"). A `hedged` figure ending in
    a decimal 5 may be a half rounded to ("about 23.5 years" for 23.56, "roughly 2.5 hours" for 2 h 36 min)."""
    units = [f.unit] if f.unit or f.per else [None] + ([asked.unit] if asked.unit and not f.year else [])
    # "How much does she earn in a week?": a rate per week, answered as the amount of that one week
    periods = [q for q in asked.figures if q.word and q.value == 1 and q.dims == _T]
    for d in derived:
        if f.unit == "clock12" and d.dims == _T and abs(f.value - d.base / 60) < 0.5:
            return d  # "2:08" for a race time of 2 hours 8 minutes
        for unit in units:
            value = _as_written(d, unit, f.per)
            if value is None and f.per:  # "9.5 hours a day", "38.7 mm a month": the period asked about, said again
                value = _as_written(d, unit)
            if value is None and not f.per and asked.per and asked.per[1]:
                value = _as_written(d, unit, asked.per[1])  # "How much is it per litre?": "£1.49" (a litre)
            for q in periods if value is None and _add_dims(d.dims, _T, 1) != d.dims and _add_dims(d.dims, _T, 1) \
                    else ():  # (never into a pure number, which any unit would take)
                value = _as_written(dataclasses.replace(d, base=d.base * q.base, dims=_add_dims(d.dims, q.dims, 1)),
                                    unit, f.per)
                if value is not None:
                    break
            if value is None or (unit is None and d.percent and not d.points and (
                    asked.ops is None or PERCENT not in asked.ops)):
                continue  # a percentage is no count: "3" is not 0.25 / 8 (a difference of two is: "9 points")
            if unit == "%" and d.points and asked.relative:
                continue  # "By what percentage did the rate rise?", from 2% to 3%: 50%, not 1%
            if f.dims == _CLOCK_DIMS:  # a time of day: to the minute, "10:20" for 22:20 unless it says a.m./p.m.
                if abs(f.value - value) % (720 if f.unit == "clock12" else 1440) < 0.5:
                    return d
            elif abs(f.value - value) <= 1e-9 * max(1.0, abs(value)):
                return d  # the exact figure, whatever rounding is asked ("67 kWh (66.6 exactly)")
            elif step is not None and step.dims == (tuple(sorted(UNITS[unit][0])) if unit else d.dims) \
                    and (unit is None or UNITS[unit][2] == 0):
                if step.fits(f.value, value, UNITS[unit][1] if unit else 1.0):
                    return d
            elif _close(f.value, min(f.precision, 0) if exact or (f.precision == 1 and not hedged and not f.word)
                        else f.precision, value, asked.precision
                        if asked.precision is None or asked.precision > 0 else asked.precision + f.scale):
                return d  # ("to one decimal place": 67.1 million)
            elif hedged and asked.precision is None and not exact and _a_half(f, value):
                return d
    return None


def _a_half(f: Figure, value: float) -> bool:
    """Is a decimal figure ending in 5 ("23.5", "2.5") `value` rounded to the nearest half of the digit before?"""
    if f.precision >= 0:
        return False  # "about 25 years" for 23.6 is no rounding: only a decimal half is ("23.5")
    half = 10.0 ** (f.precision + 1) / 2
    if abs(f.value / half - round(f.value / half)) > 1e-6 or abs(f.value / (2 * half) - round(f.value / (2 * half))) \
            < 1e-6:
        return False  # not a multiple of the half, or a whole one ("24")
    return abs(f.value - value) <= half / 2 * (1 + 1e-9)


@dataclass(frozen=True)
class Check:
    """What the computation says about one claim."""

    grounded: frozenset[str] = frozenset()  # tokens it explains: not missing from the context
    contradiction: str | None = None  # why the context contradicts the claim
    explained: tuple[str, ...] = ()  # how each computed figure or comparison follows ("88 = 52 + 36")
    answers: bool = False  # what it explains answers the question (a figure asked for, a yes/no, a pick)


def _value_of(candidate: frozenset[str], facts: Facts, kind: str, taken: frozenset[tuple[float, str | None]]) \
        -> Figure | None:
    """The figure the context gives for one compared thing: the first suitable one in a clause naming it, or
    in the nameless clauses right after it ("the Lusitania was torpedoed and sank in 1915"). A clause naming
    all of it, else the one clause holding the words of it no other clause with a figure holds ("Mars to orbit
    the Sun": "Mars 687 days")."""
    roots = _roots(candidate)
    whole = [i for i, clause in enumerate(facts.clauses) if roots <= _roots(clause[2])]
    if not whole:
        whole = [i for i, words in facts.topics.items() if _roots(words) & roots]
        whole = whole if len(whole) == 1 else []
    for i in whole:
        near = [i]
        for j in range(i + 1, len(facts.clauses)):
            if facts.sentence_of[j] != facts.sentence_of[i] or facts.clauses[j][3]:
                break
            near.append(j)
        pool = [f for j in near for f in facts.figures if f.clause == j and (f.value, f.unit) not in taken]
        if kind in ("date", "age"):
            dated = [f for f in pool if f.year or f.in_date]
            pool = dated if kind == "date" or dated else pool
        else:
            pool = [f for f in pool if not f.year] or pool
        if pool:
            return pool[0]
    return None


def _order(a: Figure, b: Figure, sign: int, kind: str) -> int | None:
    """+1 when `a` wins the comparison, -1 when `b` does, 0 on a tie, None when the context cannot say."""
    if a.unit and b.unit and a.dims != b.dims:
        return None
    if a.year != b.year and (a.unit or b.unit):
        return None  # "a 24-month warranty" against "2022": a span is no year, whichever is larger
    va, vb = (a.base, b.base) if a.unit and b.unit else (a.value, b.value)
    if va == vb:
        return 0
    if kind == "age" and (a.year or a.in_date):
        sign = -sign  # older = born or founded earlier
    if kind == "speed" and a.dims == _T:
        sign = -sign  # faster = less time
    if kind == "economy" and a.dims == _A:
        sign = -sign  # more efficient = less fuel: litres per 100 km are a volume over a length
    return sign if va > vb else -sign


def _shown(f: Figure) -> str:
    return (str(int(f.value)) if f.year else _fmt(f.value)) + (" " + _unit_word(f) if f.unit else "")


def _compare(first: frozenset[str], second: frozenset[str] | Figure, facts: Facts, sign: int, kind: str,
             asked: Ask) -> tuple[bool, str] | None:
    """Is `first` <comparative> `second`? (truth, the figures that decide it), or None when undecided."""
    taken = frozenset((f.value, f.unit) for f in asked.figures if f is not second)
    a = _value_of(first, facts, kind, taken)
    if a is None:
        return None
    if isinstance(second, Figure):
        b = second
        if kind == "date" and not (a.year or a.in_date):
            return None
    else:
        b = _value_of(second, facts, kind, taken | {(a.value, a.unit)})
        if b is None:
            return None
    order = _order(a, b, sign, kind)
    if not order:
        return None  # a tie, or units that do not compare: the context cannot say
    return order > 0, f"{_shown(a)} against {_shown(b)}"


def _winner(candidates: tuple[frozenset[str], ...], facts: Facts, sign: int, kind: str, asked: Ask) \
        -> tuple[int, str] | None:
    """Which of the compared things wins ("Which is longer, the Nile or the Amazon?"), with the figures."""
    taken = frozenset((f.value, f.unit) for f in asked.figures)
    values = []
    for c in candidates:
        f = _value_of(c, facts, kind, taken | {(v.value, v.unit) for v in values})
        if f is None:
            return None
        values.append(f)
    best = 0
    for i in range(1, len(values)):
        order = _order(values[i], values[best], sign, kind)
        if not order:
            return None
        if order > 0:
            best = i
    return best, ", ".join(f"{' '.join(sorted(c))} {_shown(f)}" for c, f in zip(candidates, values, strict=True))


def _compare_count(facts: Facts, asked: Ask, sign: int) -> tuple[bool, str] | None:
    """ "Are there more than four Nordic countries?": the series the question names against the threshold."""
    t = asked.threshold
    lengths = [n for n, words, _, _ in facts.lists if words & (asked.tokens - text.STOP)]
    if t is None or not lengths:
        return None
    truths = {n > t.value if sign > 0 else n < t.value for n in lengths}
    return (truths.pop(), f"{lengths[0]} listed against {_fmt(t.value)}") if len(truths) == 1 else None


def _own_comparison(raw: str, polarity: bool | None, asked: Ask) \
        -> tuple[frozenset[str], frozenset[str], str, int, str] | None:
    """ "The Rhine is longer than the Danube": a comparison of two named things (never "more than 3,500
    soldiers", a hedge on the claim's own figure); or, when the question compares two things, "Lake Superior is
    larger": the one it names against the other."""
    words = plain(raw)
    body = words[1:] if polarity is not None else words
    comp = _comparative(body)
    if comp and "than" not in body and comp[1] in _ADJECTIVES and len(asked.candidates) == 2:
        tokens = frozenset(text.words(raw))
        named = [c for c in asked.candidates if c and c <= tokens]
        if len(named) == 1:
            return named[0], next(c for c in asked.candidates if c is not named[0]), comp[1], comp[2], comp[3]
    if not comp or "than" not in body:
        return None
    m = re.search(rf"\b{re.escape(comp[1])}\b", raw, re.IGNORECASE)
    if not m:
        return None
    left = _candidate(raw[:m.start()], names_only=True)
    right = _candidate(re.sub(r"^\s*than\b", "", raw[m.end():]), names_only=True)
    if not left or not right or any(not f.name for f in figures(raw[m.end():])):
        return None
    return left, right, comp[1], comp[2], comp[3]


def _direction(words: list[str]) -> int:
    """+1 when the words say a figure went up ("it rose", "has grown"), -1 down ("fell", "shrank"), 0 neither or
    both; "did not grow" is down."""
    up, down = any(w in UP for w in words), any(w in DOWN for w in words)
    if up == down:
        return 0
    return (1 if up else -1) * (-1 if text.has_negation(words) else 1)


def _trend(facts: Facts, asked: Ask) -> tuple[int, str] | None:
    """ "Did the population grow between 2010 and 2020?": the direction (+1/-1) between the earliest and the
    latest of one quantity's figures, each in a clause with its year ("128.1 million in 2008 and ... 124.5
    million in 2023"), in a sentence that shares a word with the question; None when the context cannot say."""
    asked_years = {f.value for f in asked.figures if f.year}
    words = asked.tokens - text.STOP - UP_STEMS - DOWN_STEMS
    years_of: dict[int, list[float]] = {}
    for g in facts.figures:
        if g.year:
            years_of.setdefault(g.clause, []).append(g.value)
    dated: dict[tuple, list[tuple[float, Figure]]] = {}
    for f in facts.figures[:MAX_OPERANDS * 10]:
        if f.year or f.clause < 0 or not facts.said(facts.sentence_of[f.clause]) & words:
            continue
        years = years_of.get(f.clause, [])
        if len(years) == 1:
            dated.setdefault((facts.sentence_of[f.clause], f.dims), []).append((years[0], f))
    changes = set()
    for series in dated.values():
        series = sorted(series, key=lambda yf: yf[0])
        if asked_years:
            series = [(y, f) for y, f in series if y >= min(asked_years)
                      and (len(asked_years) == 1 or y <= max(asked_years))]
        if len(series) < 2 or series[0][0] == series[-1][0]:
            continue
        (y0, a), (y1, b) = series[0], series[-1]
        if a.base != b.base:
            changes.add((1 if b.base > a.base else -1, f"{_shown(a)} in {int(y0)}, {_shown(b)} in {int(y1)}"))
    if len({c for c, _ in changes}) != 1:
        return None  # none, or quantities that moved apart
    return min(changes)


def _verdicts(raw: str, toks: list[str], facts: Facts, asked: Ask, polarity: bool | None,
              own: tuple[frozenset[str], frozenset[str], str, int, str] | None) -> list[tuple[bool, str, str]]:
    """(holds, the figures, the comparative) for the claim's own comparison and for its yes/no or its pick."""
    out = []
    if own:
        left, right, word, sign, kind = own
        decided = _compare(left, right, facts, sign, kind, asked)
        if decided:
            negated = text.has_negation(plain(raw)[1:] if polarity is not None else plain(raw))
            out.append((decided[0] != negated, decided[1], word))
    if asked.trend and polarity is not None:
        decided = _trend(facts, asked)
        if decided:
            change, why = decided
            out.append(((change == asked.trend) == polarity, why, "trend"))
            said = _direction(plain(raw)[1:])
            if said:  # "No, it has fallen since 2008": the claim's own direction
                out.append((said == change, why, "trend"))
            return out
    if asked.yes_no and polarity is not None and not out and asked.threshold is None \
            and (decided := _within_limit(facts, asked) or ((asked.comparative or ("under",))[0] in _SPAN_WORDS
                                                            and _dated_limit(facts, asked))):
        out.append((decided[0] == polarity, decided[1], "limit"))
        return out
    if asked.comparative is None:
        return out
    word, sign, kind = asked.comparative
    if asked.yes_no and polarity is not None:
        decided = None
        if asked.threshold is not None:
            subject = asked.candidates[0] if asked.candidates else frozenset()
            subject = subject - text.STOP - {"there"}
            decided = _compare(subject, asked.threshold, facts, sign, kind, asked) if subject else \
                _compare_count(facts, asked, sign)
        elif len(asked.candidates) == 2 and all(asked.candidates):
            decided = _compare(asked.candidates[0], asked.candidates[1], facts, sign, kind, asked)
        if decided:
            out.append((decided[0] == polarity, decided[1], word))
    elif not asked.yes_no and len(asked.candidates) >= 2:
        named = [i for i, c in enumerate(asked.candidates) if c and c <= frozenset(toks)]
        if len(named) > 1 and (lead := _lead(raw)):  # "Oslo, with 709,000 to Bergen's 291,000": the first
            named = [i for i in named if asked.candidates[i] <= lead]
        if len(named) == 1 and not out:
            winner = _winner(asked.candidates, facts, sign, kind, asked)
            if winner is not None:
                out.append((winner[0] == named[0], winner[1], word))
    elif asked.open_pick and not out and (picked := _open_pick(frozenset(toks), facts, sign, kind, asked.per,
                                                               _lead(raw))):
        out.append((*picked, word))
    return out


def _per_value(pool: list[Figure], per: tuple[str, str | None], facts: Facts) -> Figure | None:
    """One thing's figure per what the question names ("cheaper per kilogram" over "a 750 g box for £2.10": £2.80;
    "more goals per game" over "14 goals in 31 games": 0.45): its two figures, the one in that unit or counting
    that thing divided into the other. None when the clause does not hold exactly that."""
    word, unit = per
    by = [f for f in pool if (unit and f.unit and UNITS[f.unit][0] == UNITS[unit][0])
          or _root(facts.noun(f) or "") == _root(word)]
    if len(pool) != 2 or len(by) != 1 or not by[0].base:
        return None
    of = next(f for f in pool if f is not by[0])
    return dataclasses.replace(of, value=of.base / by[0].base * (UNITS[unit][1] if unit else 1.0), unit=None,
                               per=None, precision=-2)


def _lead(raw: str) -> frozenset[str]:
    """The words a claim opens with before a comma or a colon, when they are few ("B, at £2.60 per kg against
    £2.80 at A", "The train: 2 h 14 min"): the pick, where the claim names the others too."""
    m = _LEAD.match(raw)
    return frozenset(text.words(m.group(1))) if m else frozenset()


def _operand_count(expr: str) -> int:
    return len(_EXPR_NUMBER.findall(expr))


def _within_limit(facts: Facts, asked: Ask) -> tuple[bool, str] | None:
    """ "Is the load within the lift's limit?" over "maximum load 630 kg; five men of 82, 95, 77, 104 and 88 kg
    and a 160 kg piano": (the truth of a yes, the figures), or None when the context is not that plain (see
    `_read_limit`). A yes is "within" for a most and "reaches" for a least, turned round when the question asks
    "over", "exceed", "too"; it is decided only when every amount read falls on one side of the limit."""
    found = _limit(facts, asked)
    if found is None:
        return None
    limit, most, amounts = found
    share = _fraction(limit) or limit.unit == "%"
    bound = limit.value / 100 if limit.unit == "%" else limit.base
    within = {d.base <= bound * (1 + 1e-9) if most else d.base >= bound * (1 - 1e-9) for d in amounts}
    if len(within) != 1:
        return None
    truth = within.pop()
    if asked.tokens & _OVER_ASKED:
        truth = not truth
    shown = amounts[0]
    return truth, f"{shown.expr} = {_fmt(shown.base if share else shown.raw)} against {_shown(limit)}"


def _limit(facts: Facts, asked: Ask) -> tuple[Figure, bool, list[Derived]] | None:
    """`_read_limit`, once per context and question."""
    if asked.raw not in facts.limits:
        facts.limits[asked.raw] = _read_limit(facts, asked)
    return facts.limits[asked.raw]


def _read_limit(facts: Facts, asked: Ask) -> tuple[Figure, bool, list[Derived]] | None:
    """(the limit, True for a most / False for a least, the amounts to weigh against it), or None.

    The limit is the one figure the context says is a most or a least ("a maximum load of 630 kg", "a limit of
    60 km/h", "has £1,500", "needs at least three quarters"; never a side of "55 × 40 × 20 cm"); the amounts are
    what the other figures give in its kind, from the derivations that use the most of them (a sum of all, a
    price a head times the heads plus the rest, a distance over a time for a speed, a count over a count for a
    share; never a mean)."""
    limits = []
    low = facts.raw.translate(_LOWER)
    for f in facts.figures[:MAX_OPERANDS]:
        if f.year or f.in_date or f.dims == _CLOCK_DIMS:
            continue
        before = low[max(0, f.start - 40):f.start]
        cue_most = bool(_MOST.search(before)) or (f.dims == _MONEY and bool(_HAS.search(before)))
        cue_least = bool(_LEAST.search(before))
        if cue_most != cue_least:
            limits.append((f, cue_most))
    if len(limits) != 1:
        return None
    limit, most = limits[0]
    if _BY.match(low, limit.end):
        return None  # "at most 55 × 40 × 20 cm": three limits, one per side
    rest = dataclasses.replace(facts, figures=[f for f in facts.figures if f is not limit], memo={}, _said={},
                               _nouns={}, series_words=[], limits={})
    share = _fraction(limit) or limit.unit == "%"
    found = [d for d in derivations(rest, asked, True, True) + _grand_totals(rest, limit)
             if _STEPPED.search(d.expr) and not d.percent and not d.expr.startswith("mean")
             and (d.dims == limit.dims if not share else (not d.dims and 0 < d.base <= 1 and _QUOTIENT.match(d.expr)))]
    if not found:
        return None
    most_used = max(_operand_count(d.expr) for d in found)
    found = [d for d in found if _operand_count(d.expr) == most_used]
    return (limit, most, found) if most_used >= 2 else None


def _dated_limit(facts: Facts, asked: Ask) -> tuple[bool, str] | None:
    """A yes/no about two dates of the context: "Is she old enough to see a film rated 15?" over "born on 20
    November 2009, a ticket for 25 November 2024" (her full years against the age the question or the context
    names: yes when they reach it), or "Was it still under warranty when it broke?" over "bought on 12 August
    2022 with a 24-month warranty; broke on 3 September 2024" (the first date moved by the one span of time the
    context gives, against the second: yes when the second comes no later; "expired", "late", "after" turn it
    round). None unless the context has exactly two dates and that one span, or that one age."""
    if len(facts.dates) != 2:
        return None
    (first, _), (second, _) = sorted(facts.dates)
    if asked.tokens & _AGE_ASKED:
        ages = [f for f in (*asked.figures, *facts.figures) if not f.dims and not f.year and not f.in_date
                and f.value.is_integer() and 0 < f.value < 130]
        if len({f.value for f in ages}) != 1:
            return None
        years = _full_years(first, second)
        return years >= ages[0].value, f"{years} full years from {first} to {second} against {_fmt(ages[0].value)}"
    spans = [f for f in facts.figures if f.unit in ("day", "week", "month", "year") and f.value.is_integer()]
    if len(spans) != 1:
        return None
    n, unit = int(spans[0].value), spans[0].unit
    try:
        if unit in ("day", "week"):
            end = first + timedelta(days=n * (7 if unit == "week" else 1))
        else:
            year, month = divmod(first.month - 1 + n * (12 if unit == "year" else 1), 12)
            year += first.year
            end = date(year, month + 1, min(first.day, calendar.monthrange(year, month + 1)[1]))
    except (ValueError, OverflowError):
        return None
    inside = second <= end
    return inside != bool(asked.tokens & _LATE_ASKED), f"{first} + {_fmt(n)} {unit} = {end} against {second}"


def _left_over(stated: list[Figure], facts: Facts) -> list[Derived]:
    """What one amount leaves once everything else of its kind is paid ("3 notebooks at £2.40 and a pen for £1.85,
    paid with a £20 note": 20 - (3 x 2.40 + 1.85)), and what was paid; only where the others hold a price for
    one (bounded: the kind's figures, at most MAX_RUN)."""
    out = []
    for f in stated[:MAX_OPERANDS]:
        if f.rate or not f.dims or f.year or not any(g.rate and g.dims == f.dims for g in stated):
            continue
        rest = dataclasses.replace(facts, figures=[g for g in facts.figures if g is not f], memo={}, _said={},
                                   _nouns={}, series_words=[], limits={})
        for total in _grand_totals(rest, f):
            if total.base < f.base:  # (and what was spent, a step of a worked answer: "she spent £9.05")
                out += [total, Derived(f.value - total.raw, f.base - total.base, f.dims,
                                       f"{_fmt(f.value)} - ({total.expr})")]
    return out


def _grand_totals(facts: Facts, limit: Figure) -> list[Derived]:
    """Everything of the limit's kind added up, each price for one ("£38 a head") times the count beside it
    ("36 people"): "£38 a head for 36 people and £150 for the DJ" is 38 x 36 + 150."""
    same = [f for f in facts.figures[:MAX_OPERANDS] if f.dims == limit.dims and not f.year]
    counts = [f for f in facts.figures[:MAX_OPERANDS] if not f.dims and not f.year and not f.rate
              and f.value.is_integer() and f.value > 1]
    if not same or len(same) > MAX_RUN:
        return []
    total, base, parts = 0.0, 0.0, []
    for f in same:
        if f.rate:
            near = [c for c in counts if _near(facts, c.clause, f.clause)]
            if len(near) != 1:
                return []
            total, base = total + f.value * near[0].value, base + f.base * near[0].value
            parts.append(f"{_fmt(f.value)} x {_fmt(near[0].value)}")
        else:
            total, base = total + f.value, base + f.base
            parts.append(_fmt(f.value))
    return [Derived(total, base, limit.dims, " + ".join(parts))] if len(parts) > 1 else []


def _open_pick(tokens: frozenset[str], facts: Facts, sign: int, kind: str,
               per: tuple[str, str | None] | None = None, lead: frozenset[str] = frozenset()) \
        -> tuple[bool, str] | None:
    """ "Who was the fastest?" over "Alice ran the course in 52 minutes, Bruno in 47 minutes and Chen in 55
    minutes": the things are the clauses with a name of their own and one figure each, all in one unit (or, when
    the question asks per something, two figures: see `_per_value`); the claim names one of them. A name is a
    capitalised word no other of those clauses holds ("Plan B": a single letter only counts where capitalised,
    not the "a" of "a 1.2 kg bag"). None when the context is not that plain."""
    clauses = sorted({f.clause for f in facts.figures if f.clause >= 0})[:MAX_OPERANDS]
    caps = {i: {t for m in _CAPITALISED_NAME.finditer(facts.raw, *facts.clauses[i][:2]) for t in text.words(m.group())
                if len(t) > 1} | {m.group().lower() for m in _LETTER_NAME.finditer(facts.raw, *facts.clauses[i][:2])}
            for i in clauses}
    candidates = []
    for i in clauses:
        names = {t for t in caps[i] if t not in text.STOP or len(t) == 1}
        names = {t for t in names if not any(t in (caps[j] if len(t) == 1 else facts.clauses[j][2])
                                             for j in clauses if j != i)}
        if names:
            candidates.append((i, frozenset(names)))
    named = [k for k, (_, names) in enumerate(candidates) if names & tokens]
    if len(named) > 1 and lead:
        named = [k for k in named if candidates[k][1] & lead]
    if len(candidates) < 2 or len(named) != 1:
        return None
    values = []
    for i, _ in candidates:
        pool = [f for f in facts.figures if f.clause == i and (f.year or f.in_date) == (kind in ("date", "age"))]
        if per is not None and (worked := _per_value(pool, per, facts)) is not None:
            values.append(worked)
            continue
        if len(pool) == 2 and [f.unit == "%" for f in pool].count(True) == 1:
            # "£8,450 plus VAT at 20%", "£90 less a 10% discount": the figure moved by its percentage
            p, x = sorted(pool, key=lambda f: f.unit != "%")
            cue = facts.clauses[i][2]
            if bool(cue & _RAISED) != bool(cue & _LOWERED) and x.unit != "%":
                factor = 1 + (p.value if cue & _RAISED else -p.value) / 100
                values.append(dataclasses.replace(x, value=x.value * factor, precision=-2))
                continue
        if len(pool) != 1:
            return None
        values.append(pool[0])
    if len({f.dims for f in values}) != 1:
        return None
    periods = {(m.group(1) if (m := _PERIOD_AFTER.match(facts.raw[f.end:f.end + 20].lower())) else None)
               for f in values if f.per is None}
    if len(periods) > 1:
        return None  # "4.1% a year" against "0.35% a month": not comparable as written
    best = 0
    for k in range(1, len(values)):
        order = _order(values[k], values[best], sign, kind)
        if not order:
            return None
        if order > 0:
            best = k
    return best == named[0], f"{' '.join(sorted(candidates[best][1]))} {_shown(values[best])}"


@dataclass(frozen=True)
class Complement:
    """A whole split in two: the part the context states, and the rest a question may ask for instead."""

    rest: float
    parts: tuple[tuple[float, str | None, int], ...]  # (value, unit, sentence) of the stated part and of the whole
    # "two thirds of it for the dough and the rest for the crumble topping": what the part is for (its clause after
    # its figures), and the words of the clause naming the rest
    part_words: frozenset[str] = frozenset()
    rest_words: frozenset[str] = frozenset()


def complements(facts: Facts, asked: Ask) -> list[Complement]:
    """Wholes the context splits (bounded like the derivations): a percentage and the rest of 100 %, a figure
    and a larger one of its sentence ("Of the 46,000 seats, 38,500 were sold"), a fraction of a figure ("two
    thirds of it for the dough and the rest"), and a series with a part of it listed next."""
    off_topic = facts.off_topic(asked.tokens, asked.compares)
    stated = [f for f in facts.figures if not f.year and not f.in_date and f.clause >= 0
              and f.clause not in off_topic and f.dims != _CLOCK_DIMS][:MAX_OPERANDS]
    out = []
    for f in stated:
        if f.unit == "%" and 0 < f.value < 100:
            out.append(Complement(100 - f.value, ((f.value, "%", facts.sentence_of[f.clause]),)))
    rest_named: dict[int, frozenset[str]] = {}  # sentence -> the words of its clause naming the rest

    def named(sentence: int) -> frozenset[str]:
        if sentence not in rest_named:
            rest_named[sentence] = next((words for (_, _, words, _), i in zip(
                facts.clauses, facts.sentence_of, strict=True) if i == sentence and words & _REST_NAMED),
                frozenset()) if facts.said(sentence) & _REST_NAMED else frozenset()
        return rest_named[sentence]

    for a, b in itertools.combinations(stated, 2):
        if not _same_sentence(facts.sentence_of, a.clause, b.clause) or a.value == b.value:
            continue
        sentence = facts.sentence_of[a.clause]
        for part, whole in ((a, b), (b, a)):
            share = part.value / 100 if part.unit == "%" else part.value if _fraction(part) else None
            if share is not None and (not 0 < share < 1 or whole.unit == "%"):
                continue
            if share is None and not (part.dims == whole.dims and part.unit != "%" and 0 < part.value < whole.value):
                continue
            # what the part is for: its clause after its figures ("85% of its £40,000 budget on projects", "12
            # chose French")
            after = max(f.end for f in (part, whole) if f.clause == part.clause)
            said = frozenset(text.words(facts.raw[after:facts.clauses[part.clause][1]]))
            value = share * whole.value if share is not None else part.value
            out.append(Complement(whole.value - value, ((value, whole.unit, sentence),
                                                        (whole.value, whole.unit, sentence)), said, named(sentence)))
    for (n, i), (m, j) in itertools.combinations(_asked_lists(facts, asked), 2):
        if i >= 0 and j >= 0 and abs(i - j) <= 1 and n != m:
            (whole, w), (part, p) = sorted([(n, i), (m, j)], reverse=True)
            out.append(Complement(whole - part, ((part, None, p), (whole, None, w))))
    # one set apart: "only the Great Pyramid still stands", "besides Belgium"
    one_out = bool(_ONE_OUT_ASKED.search(asked.low))
    for n, i in _asked_lists(facts, asked):
        if n > 1 and (one_out or i in facts.one_out):
            out.append(Complement(n - 1, ((1, None, i), (n, None, i))))
    for f in stated:
        if not f.unit and f.value.is_integer() and f.value > 1 and (
                one_out or facts.sentence_of[f.clause] in facts.one_out):
            out.append(Complement(f.value - 1, ((f.value, None, facts.sentence_of[f.clause]),)))
    return out


# a question asks for the other part of a whole: "not", "outside", "the rest", "unsold" (un- + a word the context
# has), or a word whose opposite the context uses ("fresh" water where the context says "salt" water)
_OTHER_PART = frozenset(text.stem(w) for w in [
    "not", "no", "non", "never", "without", "outside", "rest", "remain", "remaining", "remainder", "other", "others",
    "left", "except", "besides", "excluding"])


def _opposites(pairs: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for x, y in pairs:
        out.setdefault(text.stem(x), set()).add(text.stem(y))
        out.setdefault(text.stem(y), set()).add(text.stem(x))
    return {word: frozenset(others) for word, others in out.items()}


_OPPOSITES = _opposites([
    ("fresh", "salt"), ("land", "water"), ("men", "women"), ("male", "female"), ("boys", "girls"), ("remain", "leave"),
    ("won", "lost"), ("win", "lose"), ("urban", "rural"), ("inside", "outside"), ("alive", "dead"), ("pass", "fail"),
    ("public", "private"), ("full", "empty"), ("filled", "empty"), ("occupied", "empty"), ("passed", "failed"),
    ("wins", "losses"), ("passed", "rejected"), ("pass", "reject"), ("accepted", "rejected"), ("accept", "reject"),
    ("sold", "unsold"), ("present", "absent"), ("attended", "missed"), ("survived", "died"), ("on", "off"),
    ("used", "unused"), ("kept", "discarded")])
# (never everyday words such as "for"/"against": "22 centuries for England ... against")
# words a question uses to ask for a figure, whatever the figure is about
_ASKING = frozenset(text.stem(w) for w in ["how", "many", "much", "what", "percentage", "percent", "share",
                                             "proportion", "fraction", "number", "part"])


def _other_part(asked: Ask, said: frozenset[str]) -> set[str]:
    """The question's words that turn round what a sentence says: "not", "outside" it does not use, a word whose
    opposite it uses ("fresh" for "salt"), an un- word for one it uses ("unsold" for "sold")."""
    cue = {w for w in asked.tokens & _OTHER_PART if w not in said}
    cue |= {w for w in asked.tokens if w not in said and _OPPOSITES.get(w, frozenset()) & said}
    cue |= {w for w in asked.tokens if w[:2] == "un" and len(w) > 4 and w[2:] in said and w not in said}
    return cue


def _part_not_rest(f: Figure, facts: Facts, asked: Ask) -> str | None:
    """When the question asks for the rest of a whole ("What share lives outside cities?") and the answer gives
    the part the context states (56 %, of "56 % live in cities") or the whole, the rest it should have given."""
    topic = asked.tokens - text.STOP - _ASKING - asked.counted
    if asked.raw not in facts.memo:
        facts.memo[asked.raw] = complements(facts, asked)
    for c in facts.memo[asked.raw]:
        if _close(f.value, f.precision, c.rest, asked.precision):
            return None  # the rest, as asked
        for value, unit, _ in c.parts:
            if not _close(f.value, f.precision, value, asked.precision) or not (f.unit is None or f.unit == unit):
                continue
            if c.rest_words and topic & (c.rest_words - c.part_words) and not topic & (c.part_words - c.rest_words):
                return _fmt(c.rest)  # it asks about what the clause naming the rest is for
            if not asked.complement:
                continue
            said = frozenset().union(*(facts.said(i) | facts.said(i - 1) for _, _, i in c.parts))
            if said & (text.NEGATIONS | _OTHER_PART):
                continue  # the context states a part in the negative itself ("the only one with no ...")
            cue = _other_part(asked, said)
            if not cue:
                continue
            turned = asked.tokens - text.STOP - _ASKING - cue - _OTHER_PART
            if turned and len(_roots(turned) & _roots(said)) * 3 < len(turned) * 2:
                continue  # the sentence is not the one the question turns round
            return _fmt(c.rest)
    return None


def _out_of(raw: str, f: Figure) -> bool:
    """ "8 out of 10", "nine in ten": the 10 is the scale, not a figure of the series nor an answer."""
    return raw[max(0, f.start - 7):f.start].lower() == "out of " or _IN_SCALE.search(raw, 0, f.start) is not None


def _asks_part(asked: Ask, said: Said) -> bool:
    """Does the question ask for what a share's clause says ("How many people said they cycle to work?" over
    "35% said they cycle to work"), not for the rest nor for a change: of its words the sentence holds, but for
    those of the whole, most are that clause's, none is only in the rest of the sentence ("and the rest voted in
    favour"), and none turns it round?"""
    topic = _roots(asked.tokens - text.STOP - _ASKING) & _roots(said.topic)
    if said.topic & _LOWERED and not asked.tokens & (_LOWERED | _SHARE_ASKED):
        return False  # "members get 15% off": what a member pays is the rest; only "how much is the discount?" the part
    if not topic or asked.tokens & (_OTHER_PART | _REST) or _other_part(asked, said.of_part) \
            or topic & (_roots(said.elsewhere) - _roots(said.of_part) - _roots(asked.counted)):
        return False
    return len(topic & _roots(said.of_part)) * 3 >= len(topic) * 2


def _asks_not(asked: Ask, said: Said) -> bool:
    """Does the question ask for what a share's clause says, turned round by a "not" ("How many are not oaks?"
    over "three eighths are oaks")? Only the words right after the "not" count."""
    words = asked.words
    after = {text.stem(w) for i, w in enumerate(words[:-1]) if w in ("not", "no", "non")
             for w in [v for v in words[i + 1:i + 5] if v not in text.STOP][:2]}
    return bool(_roots(after - text.STOP) & _roots(said.of_part - text.STOP))


def _roots(tokens: Set[str]) -> set[str]:
    """Stems cut further, to compare words the light stemmer leaves apart: "translat" (translated) and
    "translate", "str" (string) and "string" (strings)."""
    return {_root(t) for t in tokens}


@functools.lru_cache(maxsize=65536)
def _root(token: str) -> str:
    token = _IRREGULAR.get(token, token)
    for suffix in ("ing", "ed", "es", "s", "e"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[:-len(suffix)]
    return token


def _member_not_mean(g: Figure, facts: Facts, asked: Ask) -> str | None:
    """ "What is the average height of the starters?" answered by one of the heights listed ("1.98 m, 2.03 m,
    2.11 m, 1.91 m and 2.06 m", or one of two): the mean of that sentence's figures in its unit, unless it is
    itself called an average, the question names its clause ("the average rainfall in February"), or the mean of
    some run of two or more of them through it ("7, 9 and 8 out of 10": 8 is the mean of 7, 9 and 8)."""
    if g.clause < 0 or g.year:
        return None
    sentence = facts.sentence_of[g.clause]
    group = [f for f in facts.figures if f.dims == g.dims and not f.year and f.clause >= 0
             and facts.sentence_of[f.clause] == sentence and not _out_of(facts.raw, f)]
    if len(group) < 2 and _LABEL_LINE.search(facts.raw, 0, g.start):
        # "Essay 1: 72 / Essay 2: 85 / Lab report: 91", one line each: the lines next to it written the same way
        lines = [f for f in facts.figures if f.dims == g.dims and not f.year and f.clause >= 0
                 and _LABEL_LINE.search(facts.raw, 0, f.start)]
        at = lines.index(g)
        lo = hi = at
        while lo > 0 and facts.sentence_of[lines[lo - 1].clause] == facts.sentence_of[lines[lo].clause] - 1:
            lo -= 1
        while hi + 1 < len(lines) \
                and facts.sentence_of[lines[hi + 1].clause] == facts.sentence_of[lines[hi].clause] + 1:
            hi += 1
        group = lines[lo:hi + 1]
    if len(group) < 2 or facts.clauses[g.clause][2] & _CUES[MEAN] or facts.topics.get(g.clause, frozenset()) & \
            asked.tokens:
        return None
    unit = UNITS[g.unit] if g.unit else ((), 1.0, 0)
    if g not in group:  # the scale ("out of 10") given for the mean
        return _fmt((sum(f.base for f in group) / len(group) - unit[2]) / unit[1]) if _out_of(facts.raw, g) else None
    at = group.index(g)
    means = [(sum(f.base for f in group[i:j]) / (j - i) - unit[2]) / unit[1]
             for i in range(at + 1) for j in range(max(at + 1, i + 2), len(group) + 1)]
    if any(_close(g.value, g.precision, m, asked.precision) for m in means):
        return None
    return _fmt((sum(f.base for f in group) / len(group) - unit[2]) / unit[1])


def _factor(f: Figure, claim_figs: list[Figure], asked: Ask, context_figs: Iterable[Figure] = ()) -> str | None:
    """The factor between two units of one kind the claim, the question or the context names ("1.609" beside "mi"
    and "km", "2.54" beside "in" and "cm"), as the figure shows it; None when it is not one."""
    figs = (*claim_figs, *context_figs, *asked.figures)
    units = sorted({g.unit for g in figs if g.unit} | {g.per for g in figs if g.per}
                   | ({asked.unit} if asked.unit else set()))  # ("£32 a month" for "the first year": 12)
    for a, b in itertools.permutations(units, 2):
        (da, fa, oa), (db, fb, ob) = UNITS[a], UNITS[b]
        if da == db and a != b and (_close(f.value, f.precision, fa / fb, None)
                                    or (oa != ob and _close(f.value, f.precision, abs(oa - ob) / fb, None))):
            return f"{a} in {b}"  # (or the offset between two scales: the 32 of °F)
    return None


def _written(value: float) -> str:
    """A value as `text.numbers` writes it: "5400", "19.3"."""
    return str(int(value)) if value.is_integer() else repr(value)


def _unit_word(f: Figure) -> str:
    return {"degc": "°C", "degf": "°F"}.get(f.unit or "", f.unit or "")


def _unit_agrees(answer: Figure, stated: Figure, asked: Ask) -> bool:
    """May the answer's figure be the context's? Same unit, or none on either side ("54" in the context is
    not "54%" though, when the question asks for a percentage)."""
    if answer.dims == _CLOCK_DIMS or stated.dims == _CLOCK_DIMS:
        return answer.dims == stated.dims
    if answer.unit is None and stated.unit == "%" and asked.counted and not asked.tokens & _PERCENT_ASKED:
        return False  # "How many people cycle?": "35" is not the 35% who do ("how many percentage points": it is)
    if answer.unit is None or answer.unit == stated.unit:
        return True
    return stated.unit is None and not (answer.unit == "%" and asked.ops is not None and PERCENT in asked.ops)


@functools.lru_cache(maxsize=64)
def _derived(context: str, question: str, common: frozenset[str], arithmetic: bool,
             any_operation: bool = False) -> list[Derived]:
    return derivations(read(context, common), ask(question), arithmetic, any_operation)


@functools.lru_cache(maxsize=32)
def _chained(context: str, question: str, common: frozenset[str], parts_only: bool = False) -> list[Derived]:
    """Two steps: a figure worked out from two of the context's, then taken with a third (bounded: pairs of
    MAX_CHAIN_OPERANDS figures). "Carve at 17:00 after 3 h 40 min in the oven and 30 min of rest" (17:00 - 3 h 40
    min - 30 min, onwards the way the first step went), "parked at 10:52 with a 3-hour ticket, back at 14:05"
    (10:52 + 3 h to 14:05), "a quarter to members and a fifth of the rest to the away club" ((1 - 1/4) x 1,200 x
    1/5): times of day take durations, a part (a fraction, a percentage) takes its share of a worked figure.
    Nothing else: sums of three figures are runs (`_arithmetic`), and other third steps explain wrong answers by
    chance. Read only for a figure no single step gives, matched to the digits it shows; for a figure with no
    unit only a part of a worked figure (`parts_only`): a bare count would meet one of hundreds of values."""
    facts, asked = read(context, common), ask(question)
    low = facts.raw.translate(_LOWER)
    off_topic, aside = facts.off_topic(asked.tokens, asked.compares), facts.unasked(asked)
    operands = [f for f in facts.figures if not f.in_date and not f.year and (f.clause not in off_topic or _fraction(f))
                and f.start not in aside and not (f.word and f.value == 1 and not f.unit)][:MAX_CHAIN_OPERANDS]
    any_op = lambda op: True  # noqa: E731
    first = [(d, a, b) for a, b in itertools.combinations(operands, 2)
             for d in _pair(a, b, any_op, facts, asked, strict=False) if not d.percent]
    out: list[Derived] = []
    per_time = asked.per[1] if asked.per and asked.per[1] in _TIME_UNITS else None
    rate_asked = per_time is not None or bool(asked.tokens & _RATE_ASKED)
    for d, a, b in first:
        if per_time and a.dims == b.dims == _CLOCK_DIMS and d.base:
            # "baked 432 loaves between 22:00 and 04:00: how many per hour?": a count over the time between them,
            # or over that time less a break it names ("06:00–14:00 with a 30-minute break", "leaving out the break")
            for spent, how in ((d.base, d.expr), *((d.base - t.base, f"{d.expr} - {_fmt(t.value)} {t.unit}")
                                                  for t in operands if t.dims == _T and 0 < t.base < d.base)):
                per = spent / UNITS[per_time][1]
                out += [Derived(g.value / per, g.value / per, (), f"{_fmt(g.value)} / ({how})")
                        for g in operands if not g.dims]
            continue
        for g in operands:
            if g is a or g is b:
                continue
            if g.unit == "%" or _fraction(g):
                part = g.value / 100 if g.unit == "%" else g.value
                if _OF_THE_REST.match(low, g.end):  # "a fifth of the rest": of a rest, and only that fifth
                    out += [Derived(d.raw * part, d.base * part, d.dims, f"{_fmt(part)} x ({d.expr})")] \
                        if d.rest_of else []
                    continue
                out += [Derived(d.raw * part, d.base * part, d.dims, f"{_fmt(part)} x ({d.expr})"),
                        Derived(d.raw * (1 - part), d.base * (1 - part), d.dims, f"(1 - {_fmt(part)}) x ({d.expr})")]
            elif parts_only:
                continue
            elif (a.rate or b.rate) and " x " in d.expr and g.dims == d.dims and d.dims and not g.per:
                # a rate times an amount, plus a fixed charge ("€2.35 per kg plus a flat €6 handling fee; the parcel
                # weighs 14 kg": 14 x 2.35 + 6)
                out.append(Derived(d.raw + g.value, d.base + g.base, d.dims, f"{d.expr} + {_fmt(g.value)}"))
            elif rate_asked and " - " in d.expr and d.dims and d.dims != _T and g.dims == _T and g.base \
                    and a.dims == b.dims:
                # "ramp from 20 °C to 1,240 °C over 8 hours": how fast it changed, a difference over a duration
                out.append(Derived(d.raw / (g.base / 3600), d.base / g.base, _add_dims(d.dims, _T, -1),
                                   f"({d.expr}) / {_fmt(g.value)} {g.unit}", delta=d.delta))
            elif d.dims == _CLOCK_DIMS and g.dims == _T:  # onwards the way the first step went (all before, or after)
                minutes, way = g.base / 60, _way(facts, g)
                out += [Derived(t % 1440, t % 1440 * 60, _CLOCK_DIMS, f"({d.expr}) {sign} {_fmt(minutes)} min")
                        for t, sign, s in ((d.raw + minutes, "+", 1), (d.raw - minutes, "-", -1))
                        if f" {sign} " in d.expr and way in (0, s)]
            elif g.dims == _CLOCK_DIMS and d.dims == _T and " - " not in d.expr:  # durations added, not apart
                minutes = d.base / 60
                out += [Derived(t % 1440, t % 1440 * 60, _CLOCK_DIMS, f"{_clock_text(g.value)} {sign} ({d.expr})")
                        for t, sign in ((g.value + minutes, "+"), (g.value - minutes, "-"))]
            elif g.dims == _CLOCK_DIMS and d.dims == _CLOCK_DIMS:  # a time worked out, to a time stated
                span = (g.value - d.raw) % 1440
                out += [Derived(span, span * 60, _T, f"({d.expr}) to {_clock_text(g.value)}"),
                        Derived(1440 - span, (1440 - span) * 60, _T, f"{_clock_text(g.value)} to ({d.expr})")]
    # a time of day in another time zone: "09:30 in New York (UTC−5)... Berlin is on UTC+1", asked about Berlin
    zones = [f for f in facts.figures if f.unit == "h" and _UTC.search(low, max(0, f.start - 5), f.start)]
    asked_words = asked.tokens - text.STOP
    for clock in (f for f in facts.figures if f.dims == _CLOCK_DIMS and zones and not parts_only):
        source = min(zones, key=lambda z: abs(z.start - clock.start))
        for target in zones:
            if target is not source and target.clause >= 0 and facts.clauses[target.clause][2] & asked_words:
                t = clock.value + (target.value - source.value) * 60
                out.append(Derived(t % 1440, t % 1440 * 60, _CLOCK_DIMS,
                                   f"{_clock_text(clock.value)} + ({_fmt(target.value)} - ({_fmt(source.value)})) h"))
    # the n-th of a series "every 20 minutes" from a time of day, the question naming n ("the 5th bus of the day")
    nth = _ORDINAL.search(asked.low)
    if nth and not parts_only:
        n = int(nth.group(1)) if nth.group(1) else _ORDINALS.index(nth.group(2)) + 1
        for step in (f for f in operands if f.dims == _T and _EVERY.search(low, max(0, f.start - 8), f.start)):
            for clock in (f for f in operands if f.dims == _CLOCK_DIMS and f.start < step.start):
                t = clock.value + (n - 1) * step.base / 60
                out.append(Derived(t % 1440, t % 1440 * 60, _CLOCK_DIMS,
                                   f"{_clock_text(clock.value)} + {n - 1} x {_fmt(step.value)} {step.unit}"))
    # a schedule of three or more steps written one after another ("Curtain up 19:45. Act One runs 70 minutes, the
    # interval 20 minutes and Act Two 55 minutes"): the time of day after (or before) all of them
    spans = [f for f in operands if f.dims == _T]
    for clock in (f for f in operands if f.dims == _CLOCK_DIMS and not parts_only):
        way = _way(facts, spans[0]) if spans else 0
        for i in range(len(spans)):
            for j in range(i + 3, min(len(spans), i + MAX_RUN) + 1):
                minutes = sum(f.base for f in spans[i:j]) / 60
                steps = " + ".join(_fmt(f.value) + (f" {f.unit}" if f.unit else "") for f in spans[i:j])
                out += [Derived(t % 1440, t % 1440 * 60, _CLOCK_DIMS, f"{_clock_text(clock.value)} {sign} ({steps})")
                        for t, sign, s in ((clock.value + minutes, "+", 1), (clock.value - minutes, "-", -1))
                        if way in (0, s)]
    return out


def _restated(toks: list[str], facts: Facts) -> bool:
    """Are a claim's words all in one context sentence, its negation too ("Supermarket A sells a 750 g box for
    £2.10; supermarket B ...", said again before the answer)?"""
    content = set(text.content(toks)) - _VOCABULARY
    return bool(content) and any(content <= facts.said(i) and text.has_negation(toks) == text.has_negation(
        text.words(sent)) for i, sent in enumerate(facts.sentences[:MAX_LISTS]))


# ---- the working an answer shows ----------------------------------------------------------------------------------

# a figure of a worked line: a currency sign, digits with thousands commas, decimals, a percent sign
_WORKED_NUMBER = re.compile(r"(?<![\w.,:])[£$€]?(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?(?![\d:])(\s?%)?")
_GAP_WORD = re.compile(r"[^\W\d_]+\.?")  # a unit or a word between a figure and its operator ("385 km ×")
_SAID_OPERATOR = {"x": "*", "times": "*", "plus": "+", "minus": "-", "makes": "=", "equals": "=", "gives": "="}
_ARITHMETIC = {"+": "+", "-": "-", "−": "-", "–": "-", "×": "*", "*": "*", "·": "*", "/": "/", "÷": "/",
               "(": "(", ")": ")", "=": "=", "≈": "="}
MAX_WORKED = 12  # figures of one worked line
# a figure written as an operand ("− 55.1", "4 × 20 min"): it must be the context's, however the working reads
_OPERAND_BEFORE = re.compile(r"[+\-−–×*/÷]\s*[£$€]?\s*$")
_OPERAND_AFTER = re.compile(r"\s*(?:[^\W\d_]+\.?\s*){0,2}[+\-−–×*/÷]\s*[£$€(]?\s*\d")
# the operations a question may name that each written operator performs (an average adds, then divides)
_SYMBOL_OP = {"+": {SUM, MEAN}, "-": {DIFF}, "*": {PRODUCT, PERCENT}, "/": {RATIO, PERCENT, MEAN}}


def _calculate(tokens: list) -> float | None:
    """The value of `+ - * /` over numbers and parentheses, with the precedence written arithmetic has."""
    pos = 0

    def atom() -> float | None:
        nonlocal pos
        if pos < len(tokens) and tokens[pos] == "(":
            pos += 1
            value = expr()
            if value is None or pos >= len(tokens) or tokens[pos] != ")":
                return None
            pos += 1
            return value
        if pos < len(tokens) and isinstance(tokens[pos], float):
            pos += 1
            return tokens[pos - 1]
        return None

    def term() -> float | None:
        nonlocal pos
        value = atom()
        while value is not None and pos < len(tokens) and tokens[pos] in ("*", "/"):
            op, pos = tokens[pos], pos + 1
            right = atom()
            value = None if right is None or (op == "/" and not right) else value * right if op == "*" \
                else value / right
        return value

    def expr() -> float | None:
        nonlocal pos
        value = term()
        while value is not None and pos < len(tokens) and tokens[pos] in ("+", "-"):
            op, pos = tokens[pos], pos + 1
            right = term()
            value = None if right is None else value + right if op == "+" else value - right
        return value

    value = expr()
    return value if pos == len(tokens) else None


@dataclass(frozen=True)
class Worked:
    """One result of the working a claim writes out ("8 + 11 + 6 + 9 = 34"), checked."""

    start: int  # where the result is written
    shown: float  # the result as written
    value: float  # what the working gives
    holds: bool
    expr: str
    operands: tuple[int, ...] = ()  # where its operands are written


def _derives_kind(f: Figure, facts: Facts, derived: Iterable[Derived]) -> bool:
    """Does some derivation work out a figure of `f`'s kind that the context does not state (a reading that can
    answer the question, so a result it does not give is wrong)?"""
    stated = {round(g.value, 9) for g in facts.figures[:MAX_OPERANDS]}
    return any(d.dims == f.dims and (v := _as_written(d, f.unit, f.per)) is not None and round(v, 9) not in stated
               for d in derived)


def worked(raw: str, stated: Set[float]) -> list[Worked]:
    """The results of the arithmetic a claim writes out ("385 km × 7.4/100 = 28.49 L", "= 402, ÷ 5 = 80.4").

    Read only where every operand is a figure the context states (`stated`), a result worked before it, a small
    count or a power of ten ("÷ 5", "/100"), and at least one is stated: other working decides nothing. A result
    holds when it is the working's value to the last digit it shows. Bounded: MAX_WORKED figures a line."""
    tokens: list = []  # floats, operators, parentheses, "=" and None (anything else: the line breaks)
    spans: list[tuple[int, float, bool]] = []  # per float token: (start, as shown, grounded)
    results: set[float] = set()
    last = 0
    for m in itertools.islice(_WORKED_NUMBER.finditer(raw), 4 * MAX_WORKED):
        gap = _GAP_WORD.sub(lambda w: _SAID_OPERATOR.get(w.group().lower(), " "), raw[last:m.start()].replace("**", ""))
        gap = re.sub(r"[\s,;:]", "", gap)
        tokens += [_ARITHMETIC[c] for c in gap] if gap and all(c in _ARITHMETIC for c in gap) else [None]
        shown = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        tokens.append(shown / 100 if m.group(3) else shown)
        spans.append((m.start(), shown, len(m.group(2) or ".") - 1))
        last = m.end()
    out: list[Worked] = []
    line: list = []
    kept: list[tuple[int, float, int]] = []  # the figures of `line`
    i = 0
    for token in tokens:
        if isinstance(token, float):
            start, shown, places = spans[i]
            i += 1
            if line and line[-1] == "=":
                total = _calculate(line[:-1])
                operands = [s for _, s, _ in kept]
                if total is not None and len(operands) >= 2 \
                        and any(s in stated or s in results for s in operands) and all(
                        s in stated or s in results or round(s * 100, 9) in stated  # 0.18 for "18%"
                        or (s.is_integer() and (s <= 12 or s in (100, 1000))) for s in operands):
                    holds = abs(total - token) <= 0.5 * 10 ** -places + 1e-9 * abs(total)
                    out.append(Worked(start, shown, total, holds,
                                      " ".join(_fmt(t) if isinstance(t, float) else t for t in line[:-1]),
                                      tuple(at for at, _, _ in kept)))
                    results.add(shown)
                line, kept = [], []  # the result may open the next step ("= 402, ÷ 5 = 80.4")
            line.append(token)
            kept.append((start, shown, places))
            if len(kept) > MAX_WORKED:
                line, kept = [], []
        elif token is None:
            line, kept = [], []
        elif token == "(" and line and isinstance(line[-1], float):
            line, kept = [], []  # "34 (8 + 11 ...": a new line opens
            line.append(token)
        else:
            line.append(token)
    return out


def opens_yes_no(claim: str) -> bool:
    """Does a claim open with a yes or a no ("Yes.", "No, it is not")?"""
    words = plain(unicodedata.normalize("NFKC", claim))[:2]
    return bool(words) and (words[0] in YES or (words[0] in NO and (words[0] != "not" or words[1:2] in (
        ["at"], ["really"], ["quite"], ["so"], ["exactly"], ["true"]))))


def check(claim: str, context: str, question: str = "", *, common: frozenset[str] = frozenset(),
          opening: bool = True, written: Set[str] | None = None, closing: bool = False) -> Check:
    """The computed view of one claim of an answer to `question` over `context` (`opening`: its first claim;
    `closing`: its last, whose worked result, after its last "=", is the answer and must follow as asked).

    `written`: the numbers the context (and question) write, as `text.numbers` gives them, when the caller
    has them: a claim whose figures are all written there, with no unit, is not worth reading the context.
    """
    asked = ask(question or "")
    raw = unicodedata.normalize("NFKC", claim)
    words = plain(raw)
    if question and words and not asked.yes_no and set(words) <= YES | {"of", "course", "sure"}:
        return Check(frozenset(text.words(raw)))  # "Certainly." before a figure: a courtesy, unless it answers a yes/no
    polarity = None
    if opening and asked.yes_no and words and (words[0] in YES or words[0] in NO) \
            and (words[0] != "not" or words[1:2] in (["at"], ["really"], ["quite"], ["so"], ["exactly"], ["true"])):
        polarity = words[0] in YES
    picks = asked.comparative is not None and (len(asked.candidates) >= 2 or asked.open_pick) and not asked.yes_no
    if polarity is None and not picks and not _DIGIT.search(raw) \
            and _NUMBER_WORDS.isdisjoint(_LETTERS.findall(raw.translate(_LOWER))) \
            and COMPARATIVES.keys().isdisjoint(words) and not _ONE_SPAN.search(" ".join(words)):
        return Check()  # no figure, no yes/no, no comparison: nothing to compute (most claims)
    toks = text.words(raw)
    tokset = frozenset(toks)
    in_dates = [(s, e) for _, s, e in dates(raw)]
    claim_figs = [f for f in figures(raw) if not f.name and (f.year or not any(s <= f.start < e for s, e in in_dates))]
    if question and _target_unit(asked.raw, [(f.start, f.end) for f in asked.figures]) == "in":
        # asked in inches: "3.31 in", '3.3"' (a bare "in" is a preposition anywhere else)
        claim_figs = [dataclasses.replace(f, unit="in", end=f.end + m.end()) if f.unit is None and not f.year
                      and (m := _INCH_MARK.match(raw, f.end)) else f for f in claim_figs]
    if asked.counted and not asked.counted & _SPANS:
        # "How many pupils?": "1215 pupils" is a count, not a year
        claim_figs = [dataclasses.replace(f, year=False) if f.year else f for f in claim_figs]
    # "the longer of the two", "the two planets have 241 moons": the things spoken of, not a figure
    rounding = [(m.start(), m.end()) for m in _PRECISION.finditer(raw)]  # "3.14 to two decimal places"
    refs = [f for f in claim_figs if any(s <= f.start < e for s, e in rounding) or (question and (_out_of(raw, f) or (
            f.word and not f.unit and f.value <= 12 and (asked.comparative or len(claim_figs) > 1)
            and _REFERENCE.search(raw[max(0, f.start - 7):f.start].lower()))))]
    claim_figs = [f for f in claim_figs if f not in refs]
    if "ratio" in asked.tokens and (pairs := list(_RATIO_PAIR.finditer(raw))):
        # "What is the ratio of girls to boys?": "21:19" and "21 to 19" are one figure, 21 / 19 (no time of day)
        ratios = [d.raw for d in _derived(context, question or "", common, True, True) if " / " in d.expr]
        if (named := _RATIO_OF.search(asked.low)) and (facts := read(context, common)):
            # "the ratio of girls to boys": the girls' figure first
            ends = [[f for f in facts.figures if f.clause >= 0 and _root(text.stem(w)) in _roots(
                {facts.noun(f) or ""})] for w in named.groups()]
            if all(len(e) == 1 for e in ends) and ends[1][0].value:
                ratios = [ends[0][0].value / ends[1][0].value]
        lowest = bool(asked.tokens & {"simplest", "lowest"})
        for m in pairs[:MAX_OPERANDS]:
            a, b = float(m.group(1)), float(m.group(2))
            if lowest and a.is_integer() and b.is_integer() and math.gcd(int(a), int(b)) > 1:
                continue  # "42:38" is not in its simplest form
            if b and any(abs(a / b - r) <= 0.005 * abs(r) for r in ratios):
                claim_figs = [f for f in claim_figs if not m.start() <= f.start < m.end()]
                grounded: set[str] = set(text.words(m.group()))
                return Check(frozenset(grounded | (set(text.words(raw)) - text.name_tokens(raw, common))),
                             None, (f"{m.group()} = {_fmt(a / b)}",), True)
    own = _own_comparison(raw, polarity, asked)
    comparing = own is not None or (asked.trend != 0 and polarity is not None) or (asked.yes_no and polarity is not None
                                                                                and asked.comparative is None) \
        or (asked.comparative is not None and (
        polarity is not None or asked.open_pick or (picks and sum(c <= tokset for c in asked.candidates if c) == 1)))
    # a figure the context writes as it is needs no reading, unless it may be a date's day (no figure at all) or
    # the question may turn it round (the rest of it, their average, a count where the context has a share)
    figures_written = written is not None and all(
        f.unit is None and not (f.value.is_integer() and 1 <= f.value <= 31) and _written(f.value) in written
        for f in claim_figs)
    grounded: set[str] = {toks[0], *(_VERDICT_WORDS & tokset)} if polarity is not None else set()
    grounded.update(t for f in refs for t in text.words(raw[f.start:f.end]))
    reread = asked.complement or asked.averaged or bool(asked.counted)
    if not comparing and not in_dates and (not claim_figs or (figures_written and not reread)):
        # nothing to compute (a yes/no no figure decides restates the question): the context is not even read
        return Check(frozenset(grounded))
    facts = read(context, common)
    if asked.tokens & _MONEY_ASKED and any(g.unit == "gbp" for g in facts.figures[:MAX_OPERANDS]):
        # "What does a member pay?" over "£34.00 per 10 kg tray": "28.90 pounds" is sterling (the kilograms are
        # the tray's)
        claim_figs = [dataclasses.replace(f, unit="gbp") if f.unit == "pound" else f for f in claim_figs]
    claim_figs = _pounds(claim_figs, facts.figures[:MAX_OPERANDS])
    explained: list[str] = []
    contradiction = None
    verdicts = _verdicts(raw, toks, facts, asked, polarity, own) if not (picks and polarity is None and not closing
                                                                      and _restated(toks, facts)) else []
    for holds, why, word in verdicts:  # its words are left to `answers` (the detector grounds all but names)
        if holds:
            explained.append(f"{word}: {why}")
        else:
            contradiction = contradiction or f"the context says otherwise ({why})"
    # an answer that is a figure and little else ("About 205 books.") is wrong when the figure does not follow;
    # in "which is longer?" a figure ("the longer of the two") is not the answer
    words = set(text.content(toks)) - asked.tokens - _VOCABULARY - YES - NO
    figure_answer = bool(question) and not picks and not words - {
        t for f in claim_figs for t in text.words(raw[f.start:f.end])}
    # an answer that shows its working ("52 + 36 = 88", "16 more white keys, 88 in all") may take any operation in
    # its steps; one figure alone must be the operation the question names
    # (a count in words, "over those three months", "the two runs", says what is counted, it is no step)
    working = sum(1 for f in claim_figs if not f.year and not (f.word and f.value.is_integer() and f.value <= 12)
                  and not any(g.value == f.value and _unit_agrees(f, g, asked)
                              for g in (*facts.figures, *asked.figures))) > 1 \
        or (len(claim_figs) > 2 and _WORKED.search(raw) is not None)  # "3 × £2.40 = £7.20": a step, written out
    result = raw.rfind("=") + 1 or None  # where the result of a worked claim starts
    # a stated part where the question asks for the rest, one of the figures where it asks for their mean: wrong,
    # unless the claim also computes the answer ("Of the 60 eggs, 53 were not cracked": 60 is said again)
    turned: list[str] = []
    computed_any = False
    steps: list[Figure] = []  # the claim's figures worked out so far, operands of its next steps
    # a date reached from a date by a duration ("began on 15 March 2023 and lasts 18 months": 15 September 2024)
    shifted = _shifted_dates(facts, asked) if in_dates or any(f.year for f in claim_figs) else {}
    for d, start, end in dates(raw):
        if d in shifted:
            grounded |= set(text.words(raw[start:end]))
            explained.append(f"{raw[start:end]} = {shifted[d]}")
            computed_any = dated = True
    years = {d.year: why for d, why in shifted.items()}
    dated = False
    # a claim before the last that says again what a context sentence says, its words and its figures ("Over five
    # evenings the café took £412, £386 and £455.") answers nothing: its figures are not turned against the question
    content = set(text.content(toks)) - _VOCABULARY
    sentences_of = {facts.sentence_of[g.clause] for g in facts.figures[:MAX_OPERANDS] if g.clause >= 0}
    restates = not closing and bool(claim_figs) and bool(content) and any(
        content <= facts.said(i) | asked.tokens
        and text.has_negation(toks) == text.has_negation(text.words(facts.sentences[i]))  # "9 were not bruised"
        and all(any(g.value == f.value and g.clause >= 0 and facts.sentence_of[g.clause] == i for g in facts.figures)
                for f in claim_figs) for i in sentences_of)
    works = worked(raw, {g.value for g in (*facts.figures[:MAX_OPERANDS], *asked.figures)})
    for f in claim_figs:
        shown = raw[f.start:f.end].strip()
        if asked.quantitative and not restates and (rest := _part_not_rest(f, facts, asked)):
            turned.append(f"{shown} is the part the context states; the question asks for the rest ({rest})")
            continue
        stated = [g for g in (*facts.figures, *asked.figures) if g.value == f.value]
        agreeing = [g for g in stated if _unit_agrees(f, g, asked)]
        if agreeing and asked.averaged and not restates and (mean := _member_not_mean(agreeing[0], facts, asked)):
            turned.append(f"{shown} is one of the figures the question asks to average ({mean})")
            continue
        if agreeing:
            # stated (as written, or in other words: "465 minutes" for "7 hours 45 minutes", "kilometres" for
            # "km"); when the question asks for a figure, the figure answers it
            # (only what its clause does not write: the lexical signals see the rest)
            unwritten = [set(text.words(shown)) - facts.clauses[g.clause][2] for g in agreeing
                         if 0 <= g.clause < len(facts.clauses) and (asked.quantitative or g.unit == f.unit)]
            grounded |= min(unwritten, key=len) if unwritten else set()
            if asked.quantitative:
                explained.append(f"{shown} as stated")
            continue
        if f.year:
            if f.value in years and not any(s <= f.start < e for s, e in in_dates):  # "September 2024"
                grounded |= set(text.words(shown))
                explained.append(f"{shown} = {years[f.value]}")
                dated = True
            continue  # else a year is stated or not (a wrong year is the lexical model's)
        # a time of day only follows from times and durations: no chance match with a long article's figures
        # the reason of a yes/no ("Yes, by 320 pallets") is a computation too
        arithmetic = asked.quantitative or asked.ops is not None or asked.spans or figure_answer \
            or f.dims == _CLOCK_DIMS or polarity is not None or picks
        step = rounding_step(question or "") or rounding_step(context)
        hedged = bool(_HEDGED.search(raw[max(0, f.start - 24):f.start].lower()))
        d = match(f, _derived(context, question or "", common, arithmetic), asked, step=step, hedged=hedged)
        final = result is not None and f.start >= result and (closing or asked.averaged) and not asked.yes_no \
            and not picks  # (a yes/no or a pick is the answer, its working only the reason)
        if d is None and working and not final:
            # (a step may take any operation; the result after the last "=" is the answer, and an average is asked
            # for as one: "(72 + 85 + 90) / 3 = 82" is no step)
            d = match(f, _derived(context, question or "", common, arithmetic, True), asked, step=step)
        if d is None and polarity is not None and (limited := _limit(facts, asked)):
            d = match(f, limited[2], asked)  # "Yes: £875 in all", the amount a yes/no weighs against its limit
        written_in = {g.unit for g in claim_figs if g.unit}
        if d is None and not f.unit and not f.year and len(written_in) == 1:
            # "**950 ml** (2,000 − 450 − 600)": a bare figure of the working is in the unit of the claim's others
            d = match(dataclasses.replace(f, unit=next(iter(written_in))), _derived(
                context, question or "", common, arithmetic, working), asked, step=step)
        if d is None and (asked.quantitative or f.dims == _CLOCK_DIMS) \
                and (not asked.averaged or asked.tokens & _RATE_ASKED):  # two steps ("the average rate": no mean)
            d = match(f, _chained(context, question or "", common, not (f.unit or f.per)), asked, exact=True)
        scale = next((g for g in refs if _RATIO_GAP.fullmatch(raw.lower(), f.end, g.start)), None)
        if d is None and scale is not None and scale.value:  # "nine in ten", "9 out of 10 survived": 0.9
            d = match(dataclasses.replace(f, value=f.value / scale.value, precision=-3, word=True), _derived(
                context, question or "", common, arithmetic), asked)
        operands = facts.figures[:MAX_OPERANDS] + steps
        if d is None and working and steps and not final:  # "5 minibuses (4 would only seat 64)": from a step
            d = match(f, [x for g in steps for h in operands if h is not g
                          for x in _pair(g, h, lambda op: True, facts, asked, strict=False)], asked)
        if d is None and tokset & _REST:  # what the answer says is left over ("12 full boxes, with 6 eggs left over")
            d = match(f, [Derived(a.value % b.value, a.value % b.value, (), f"{_fmt(a.value)} mod {_fmt(b.value)}")
                          for a, b in itertools.permutations(operands, 2) if not a.dims and not b.dims
                          and a.value > b.value > 1 and a.value.is_integer() and b.value.is_integer()], asked)
        if d is None and not f.unit and (factor := _factor(f, claim_figs, asked, facts.figures[:MAX_OPERANDS])):
            grounded |= set(text.words(shown))  # "7.5 mi × 1.609 = 12.07 km": the factor between the units it names
            explained.append(f"{shown} = {factor}")
            continue
        if d is None and any(w.holds and any(f.start <= at < f.end for at in w.operands) for w in works):
            grounded |= set(text.words(shown))  # an operand of working that holds ("× 0.18" for 18 %)
            continue
        if d is None and (work := next((w for w in works if f.start <= w.start < f.end), None)) is not None:
            if not work.holds:
                contradiction = contradiction or f"{shown}: the working gives {_fmt(work.value)} ({work.expr})"
                continue
            if asked.ops is None or asked.ops & set().union(*(_SYMBOL_OP.get(c, ()) for c in work.expr.split())):
                # arithmetic that holds on the context's figures, in an operation the question allows
                d = Derived(work.value, work.value, (), work.expr)
        if d is None and (base := next((w for w in works if w.holds and w.start < f.start and _close(
                f.value, f.precision, w.shown, None)), None)) is not None:
            d = Derived(base.shown, base.shown, (), f"{_fmt(base.shown)}, worked out before")  # "= 34, so 34 points"
        if d is not None and d.rest_of and (_asks_part(asked, d.rest_of[1]) or (
                "full" in d.rest_of[1].of_part and not asked.tokens & _ROOM_ASKED)):
            # ("two-thirds full": what is in it is the part; the rest is room, asked for only as room)
            contradiction = contradiction or f"{shown} is the rest; the question asks for the share the context " \
                                             f"states ({_fmt(d.rest_of[0])})"
        elif d is not None and d.part_of and _asks_not(asked, d.part_of[1]):
            contradiction = contradiction or f"{shown} is the share the context states; the question asks for " \
                                             f"the rest ({_fmt(d.part_of[0])})"
        elif d is not None:
            computed_any = True
            steps.append(f)
            grounded |= set(text.words(shown)) | ((_VOCABULARY | asked.tokens) & tokset)
            explained.append(f"{shown} = {d.expr}")
        elif misread := [g for g in stated if g.unit and g.dims == f.dims]:
            contradiction = contradiction or f"{shown}: the context gives {_shown(misread[0])}"  # 12 km for 12 miles
        elif ((asked.quantitative or figure_answer) and not picks) \
                or (picks and _MARGIN.search(raw[max(0, f.start - 16):f.start].lower())):
            # (a pick's margin, "Ella, by about 31 cm", is a difference it states: it must follow)
            # (in a pick, "Which is cheaper per kg?", the figures are its reasons: one not worked out here is left to
            # the lexical signals, the pick itself to `_verdicts`)
            if working and len(claim_figs) > 2 and not _OPERAND_BEFORE.search(raw, 0, f.start) \
                    and not _OPERAND_AFTER.match(raw, f.end) and not (final and _derives_kind(f, facts, _derived(
                        context, question or "", common, arithmetic))):
                # a step of working (two operands and a result at least) this module cannot read (`worked` reads
                # plain arithmetic on stated figures): undecided, and a figure undecided is no evidence either way
                # (its words are still judged)
                grounded |= set(text.words(shown))
            else:
                contradiction = contradiction or f"{shown} does not follow from the context"
    if turned and not computed_any:
        contradiction = turned[0]
    answers = bool(question) and (bool(verdicts) or (bool(explained) and (
        asked.quantitative or figure_answer or polarity is not None or dated or (picks and not contradiction)
        or (computed_any and not contradiction))))
    return Check(frozenset(grounded), contradiction, tuple(explained), answers)
