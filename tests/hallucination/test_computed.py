"""Answers computed from the context: a right one is not flagged, a wrong one is (issue 15.8).

Each case is one kind of computation, written for these tests (not taken from the generated set):
the context, the question, a correct answer the context never writes, and a realistic wrong one.
"""

from __future__ import annotations

import collections
import importlib.util
import sys
from pathlib import Path

import pytest

from lmgate.hallucination import computed
from lmgate.hallucination.detectors import grounding
from lmgate.hallucination.detectors.base import Item

ROOT = Path(__file__).resolve().parents[2]

# kind: (context, question, correct answer, wrong answer)
CASES = {
    "sum": ("The orchestra has 34 violins and 12 cellos.",
            "How many violins and cellos does the orchestra have altogether?", "46", "22"),
    "difference": ("The Shard is 310 m tall, One Canada Square 235 m and the Gherkin 180 m.",
                   "How much taller is the Shard than One Canada Square?", "The Shard is 75 m taller.",
                   "The Shard is 130 m taller."),
    "count": ("The primary colours of light are red, green and blue.",
              "How many primary colours of light are there?", "Three.", "Four."),
    "date_difference": ("The treaty was signed on 28 June 1919 and came into force on 10 January 1920.",
                        "How many days after the signing did the treaty come into force?", "196 days", "206 days"),
    "age_from_dates": ("Born on 2 March 1931, she retired on 15 January 1996.",
                       "How old was she when she retired?", "She was 64.", "She was 65."),
    "unit_conversion": ("The lake is 12 miles long.", "How long is the lake in kilometres?",
                        "About 19.3 km.", "About 7.5 km."),
    "rounding": ("The stadium holds 52,318 people.", "What is its capacity to the nearest thousand?",
                 "52,000", "53,000"),
    "percentage": ("Of the 40 apples in the crate, 10 were bruised.",
                   "What percentage of the apples were bruised?", "25%", "10%"),
    "rate": ("The pump moves 150 litres per minute.", "How much water does it move in 20 minutes?",
             "3,000 litres", "7.5 litres"),
    "yes_no": ("The Amazon is about 6,400 km long, the Mississippi about 3,730 km.",
               "Is the Mississippi longer than the Amazon?", "No.", "Yes, it is longer."),
    "comparison": ("Oslo had 709,000 inhabitants and Bergen 291,000.", "Which city is larger, Oslo or Bergen?",
                   "Oslo.", "Bergen."),
}


def judge(answer: str, context: str, question: str):
    return grounding.score(Item(answer, context, question), {})


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_computed_answer_is_accepted_and_a_wrong_one_flagged(kind):
    context, question, right, wrong = CASES[kind]
    ok, bad = judge(right, context, question), judge(wrong, context, question)
    assert not ok.flagged, (kind, ok)
    assert bad.flagged and bad.spans, (kind, bad)


# correct answers as people phrase them: words for fractions, irregular verbs, the rule of three, a rate over
# "a year", an age from bare years, a yes/no with its reason
PHRASINGS = [
    ("Of the 1,200 employees, 300 work remotely.", "What share of the employees work remotely?",
     ["A quarter of them.", "One in four employees, or 25%.", "25 per cent of the employees work remotely."]),
    ("The exhibition opened on 12 March 2022 and closed on 30 June 2022.", "How long did the exhibition run?",
     ["It ran for 110 days.", "About three and a half months.", "Just under 16 weeks."]),
    ("The plane flies at 900 km/h.", "How long does it take to fly 2,700 km?", ["It takes 3 hours."]),
    ("The recipe needs 250 g of flour for 4 people.", "How much flour is needed for 6 people?", ["375 g"]),
    ("The library lends about 3,400 books a month.", "How many books does it lend in a year?", ["About 40,800."]),
    ("The composer was born in 1756 and died in 1791.", "How old was the composer at his death?",
     ["He died at 35.", "34 or 35"]),
    ("The farm has 120 cows and 45 goats.", "How many animals are on the farm in total?",
     ["120 cows plus 45 goats make 165 animals."]),
    ("The Golden Gate Bridge opened in 1937 and the Bay Bridge in 1936.",
     "Did the Golden Gate Bridge open before the Bay Bridge?",
     ["No, it opened a year later.", "No, the Bay Bridge opened first."]),
    ("Norway has about 5.5 million people and Sweden about 10.5 million.",
     "Does Norway have a larger population than Sweden?", ["No.", "No, Norway has fewer people than Sweden."]),
    ("The Volga is 3,530 km long and the Danube 2,850 km.", "Which is longer, the Volga or the Danube?",
     ["The Volga is the longer of the two.", "The Volga is longer than the Danube by 680 km."]),
]


@pytest.mark.parametrize(("context", "question", "answers"), PHRASINGS, ids=[p[1][:40] for p in PHRASINGS])
def test_correct_answers_in_everyday_phrasings_are_not_flagged(context, question, answers):
    for answer in answers:
        v = judge(answer, context, question)
        assert not v.flagged, (answer, v)


def test_the_reason_names_the_figures_that_decide():
    context = "The Danube is about 2,850 km long and the Rhine about 1,233 km."
    v = judge("No, the Rhine is longer than the Danube.", context, "Is the Danube longer than the Rhine?")
    assert v.flagged and "2,850 km" in v.spans[0].reason and "1,233 km" in v.spans[0].reason
    v = judge("The trail is 12 km long.", "The trail is 12 miles long.", "How long is the trail in kilometres?")
    assert v.flagged and v.spans[0].reason.startswith("12 km: the context gives 12 mi")
    v = judge("206", "A standard piano has 52 white keys and 36 black keys.", "How many keys in total?")
    assert v.flagged and v.spans[0].reason == "206 does not follow from the context"


def test_the_question_narrows_the_operation():
    context = "A standard piano has 52 white keys and 36 black keys."
    assert judge("16", context, "How many more white keys than black keys are there?").score < grounding.THRESHOLD
    assert judge("16", context, "How many keys does it have in total?").flagged  # a difference is no total
    assert judge("88", context, "How many more white keys than black keys are there?").flagged


def test_a_figure_about_something_else_is_no_operand():
    context = "Mount Everest is 8,849 m high, K2 is 8,611 m and Kangchenjunga is 8,586 m."
    assert not judge("238 m", context, "How much taller is Everest than K2?").flagged
    assert judge("263 m", context, "How much taller is Everest than K2?").flagged  # Everest - Kangchenjunga


def test_what_is_not_computed_is_left_to_the_lexical_signals():
    # a bare yes/no whose truth no figure decides restates the question: not a hallucination by itself
    context = "The New Pornographers are a Canadian band; Kings of Leon are from Tennessee."
    assert not judge("no", context, "Are both bands American?").flagged
    # "more than 3,500 soldiers" is a hedge on the claim's own figure, not a comparison of two things
    context = "Kenya has more than 3,500 soldiers in Somalia, the group said."
    assert computed.check("The group says Kenya has more than 3,500 soldiers there.", context).contradiction is None
    assert not judge("Kenya has more than 3,500 soldiers in Somalia.", context, "").flagged
    # a date's day is no figure to compute with
    context = "Her son was born on May 30, 1943 in Meridian."
    assert not judge("May 30, 1943", context, "When was her son born?").flagged


def test_the_day_of_a_date_is_no_answer_to_a_span():
    context = "The festival began on 3 May 2021 and ended on 9 May 2021."
    assert not judge("6 days", context, "How many days did the festival last?").flagged
    assert judge("9", context, "How many days did the festival last?").flagged  # the day of the month


def test_figures_read_units_currency_multipliers_and_codes():
    found = computed.figures("It costs $15 or €1.80 per litre, 1.5 million km2, -5 °C, a 12-mile trail, "
                             "the Boeing 747-8 and an A380, twenty-five people, one hour, a five-year-old, "
                             "two-thirds of a four-time winner.")
    assert [(f.value, f.unit, f.per) for f in found if not f.name] == [
        (15.0, "usd", None), (1.8, "eur", "l"), (1_500_000.0, "km2", None), (-5.0, "degc", None),
        (12.0, "mi", None), (25.0, None, None), (1.0, "h", None), (5.0, "year", None)]
    assert [f.value for f in found if f.name] == [747.0]


def test_lists_count_their_items_not_an_apposition():
    assert computed.list_lengths("The Nordic countries are Denmark, Finland, Iceland, Norway and Sweden.") == [5]
    assert computed.list_lengths("Mars has two moons, Phobos and Deimos.") == [2]


def test_dates_take_the_year_written_next():
    found = computed.dates("Launched on 16 July, it splashed down on 24 July 1969.")
    assert [d.isoformat() for d, _, _ in found] == ["1969-07-16", "1969-07-24"]


def _computed_set():
    spec = importlib.util.spec_from_file_location("make_computed_set", ROOT / "scripts" / "make_computed_set.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.build()


def test_the_generated_set_is_fixed_balanced_and_split_by_scenario():
    rows = _computed_set()
    assert rows == _computed_set()  # deterministic
    assert len(rows) >= 200 and len({r["id"] for r in rows}) == len(rows)
    per_kind = collections.Counter((r["kind"], r["label"], r["split"]) for r in rows)
    for kind in {r["kind"] for r in rows}:
        for label in (0, 1):
            assert per_kind[kind, label, "dev"] and per_kind[kind, label, "test"]
    scenario_split = collections.defaultdict(set)
    for r in rows:
        scenario_split[r["kind"], r["id"].rsplit("-", 1)[0]].add(r["split"])
        assert (r["error"] is None) == (r["label"] == 0)
    assert all(len(splits) == 1 for splits in scenario_split.values())


def test_on_the_generated_dev_split_right_answers_pass_and_wrong_ones_are_flagged():
    rows = [r for r in _computed_set() if r["split"] == "dev"]
    flagged = {0: 0, 1: 0}
    for r in rows:
        flagged[r["label"]] += judge(r["response"], r["context"], r["question"]).flagged
    n = collections.Counter(r["label"] for r in rows)
    assert flagged[0] / n[0] <= 0.05 and flagged[1] / n[1] >= 0.80, flagged
