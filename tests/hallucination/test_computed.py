"""Answers computed from the context: a right one is not flagged, a wrong one is (issue 15.8).

Each case is one kind of computation, written for these tests (not taken from the generated set):
the context, the question, a correct answer the context never writes, and a realistic wrong one.
"""

from __future__ import annotations

import collections
import importlib.util
import sys
import unicodedata
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


# everyday computations beyond one operation on two figures: (context, question, correct answers, wrong answers).
# Written for these tests, not taken from the generated set; each needs one derivation or rule of its own.
EVERYDAY = {
    "time of day plus a duration": (
        "The meeting starts at 2:15 pm and lasts 1 hour 50 minutes.", "When does the meeting end?",
        ["4:05 pm", "It ends at 4:05 pm."], ["3:05 pm", "4:15 pm"]),
    "a time of day past midnight": (
        "The night bus leaves at 23:40 and the ride takes 50 minutes.", "When does the bus arrive?",
        ["00:30", "It arrives at 00:30."], ["00:20", "01:30"]),
    "time between two times of day": (
        "The flight left at 06:10 and landed at 09:55.", "How long was the flight?",
        ["3 hours 45 minutes", "225 minutes", "It took 3 h 45 min."], ["3 hours 15 minutes", "4 hours 45 minutes"]),
    "opening hours, a.m. to p.m.": (
        "The library is open from 9 am to 5:30 pm.", "How many hours a day is the library open?",
        ["8.5 hours", "Eight and a half hours."], ["7.5 hours", "3.5 hours"]),
    "a speed over a compound time": (
        "She cycled 45 km in 2 hours 30 minutes.", "What was her average speed?",
        ["18 km/h", "Her average speed was 18 km/h."], ["22.5 km/h", "15 km/h"]),
    "one of a unit, and a half": (
        "The guided tour takes an hour and a half.", "How many minutes does the tour take?",
        ["90 minutes", "It takes 90 minutes."], ["150 minutes", "110 minutes"]),
    "a fraction of an hour": (
        "The film festival's short films last an hour in all, and the first takes a fifth of it.",
        "How many minutes does the first short film last?", ["12 minutes"], ["20 minutes", "5 minutes"]),
    "an hour and a quarter": (
        "The walk takes an hour and a quarter.", "How many minutes does the walk take?", ["75 minutes"],
        ["125 minutes", "65 minutes"]),
    "a time in fraction glyphs": (
        "The concert began at 8 pm and ended at 10:45 pm.", "How long did the concert last?",
        ["2¾ hours", "2 hours and 45 minutes", "165 minutes"], ["3 hours 45 minutes", "2 hours 15 minutes"]),
    "the empty part, by its opposite": (
        "Three quarters of the 200 seats were filled.", "How many seats were empty?", ["50", "50 seats were empty."],
        ["150", "25"]),
    "the rest of a whole, the rest named": (
        "Of the 30 students, 12 chose French, and the rest chose Spanish.", "How many students chose Spanish?",
        ["18", "18 students chose Spanish."], ["12", "20"]),
    "an average of the figures listed, not of their count": (
        "The three exams were scored 68, 74 and 89.", "What was the average score?", ["77", "About 77."],
        ["231", "89"]),
    "a count, not the share stated": (
        "Of the 1,500 people surveyed, 35% said they cycle to work.", "How many people said they cycle to work?",
        ["525", "525 people."], ["35", "975"]),
    "a count that looks like a year": (
        "The school has 412 pupils in Year 7, 398 in Year 8 and 405 in Year 9.",
        "How many pupils are there in the three years together?", ["1,215", "1215 pupils"], ["1,205", "1225"]),
    "a race time written like a clock": (
        "The marathon started at 9:00 and the winner crossed the line at 11:08.", "What was the winner's time?",
        ["2 hours 8 minutes", "128 minutes", "2:08"], ["2 hours 18 minutes", "2:18"]),
    "half of a count": (
        "Half of the 30 pupils walk to school.", "How many pupils walk to school?", ["15", "15 pupils walk."],
        ["10", "20"]),
    "a fraction is no percentage": (
        "A pizza is cut into 8 slices, and Tom eats a quarter of it.", "How many slices does Tom eat?",
        ["2", "He eats 2 slices."], ["3", "4"]),
    "the rest of a fraction": (
        "A third of the 120 members voted against the plan and the rest voted in favour.",
        "How many members voted in favour?", ["80", "80 members voted in favour."], ["40", "60"]),
    "the rest of a percentage": (
        "The charity spent 85% of its £40,000 budget on projects and the rest on administration.",
        "How much did the charity spend on administration?", ["£6,000"], ["£34,000", "£15,000"]),
    "counts given by the question, prices by the context": (
        "A concert ticket costs €45 and a programme €8.", "How much do three tickets and two programmes cost?",
        ["€151", "Three tickets and two programmes cost €151."], ["€53", "€98"]),
    "counts paired by what they count": (
        "A drink costs $3 and a ticket $15.", "How much do 4 tickets and 2 drinks cost?", ["$66"], ["$42", "$18"]),
    "counts and sizes a sentence apart": (
        "A box holds 12 eggs; a tray holds 30 eggs.", "How many eggs are in 3 boxes and 2 trays?", ["96"],
        ["42", "84"]),
    "one count times a sum": (
        "A sandwich costs $4.50 and a juice $2.", "What do three children pay if each buys a sandwich and a juice?",
        ["$19.50"], ["$6.50", "$15.50"]),
    "counts and weights both in the context": (
        "Last season the team won 21 games and drew 9; a win earns 3 points and a draw 1.",
        "How many points did the team earn last season?", ["72", "The team earned 72 points."], ["30", "63"]),
    "a part of a listed series": (
        "The primary colours are red, yellow and blue; red and yellow are warm colours.",
        "How many primary colours are not warm colours?", ["One.", "Only one."], ["Two.", "Three."]),
    "a series less the series named next": (
        "The Baltic Sea borders Denmark, Estonia, Finland, Germany, Latvia, Lithuania, Poland, Russia and Sweden. "
        "Of these, Estonia, Latvia and Lithuania are the Baltic states.",
        "How many countries on the Baltic Sea are not Baltic states?", ["6", "Six."], ["3", "9"]),
    "two series added": (
        "The course has compulsory modules in statistics, ethics and methods; its optional modules are design, "
        "law, history and economics.",
        "How many modules does the course offer in all?", ["7", "Seven modules."], ["6", "8"]),
    "all but one": (
        "The team's eleven players all wear red shirts except the goalkeeper.",
        "How many of the team's players wear red shirts?", ["10", "Ten of them."], ["9", "12"]),
    "one set apart from a count": (
        "The zoo keeps eight big cats, and the snow leopard is the only one born in the wild.",
        "How many of the zoo's big cats were born in captivity?", ["7", "Seven."], ["6", "9"]),
    "the other share of 100 %": (
        "About 61% of voters backed the proposal.", "What percentage of voters did not back the proposal?",
        ["39%", "About 39%."], ["61%", "49%"]),
    "the other share, named by its opposite": (
        "Of the 800 students at the school, 350 are boys.", "How many of the students are girls?",
        ["450", "450 students are girls."], ["350", "800"]),
    "the rest of a whole, an un- word": (
        "Of the 2,400 tickets printed, 1,950 were sold.", "How many tickets were unsold?", ["450"], ["1,950", "550"]),
    "percentage points": (
        "Support for the plan was 42% in May and 51% in June.", "How much did support rise from May to June?",
        ["9 percentage points", "It rose by 9 points.", "It rose by 9 percentage points."],
        ["21.4 percentage points", "93 percentage points"]),
    "a percentage change of a percentage": (
        "Inflation was 4% in 2022 and 6% in 2023.", "By what percentage did the inflation rate rise?",
        ["50%", "It rose by 50%.", "By 50%, or 2 percentage points."], ["2%", "33%"]),
    "a trend, up": (
        "The city had 1.2 million residents in 2000 and 1.5 million in 2020.", "Has the city shrunk since 2000?",
        ["No.", "No, it has grown."], ["Yes.", "Yes, it has shrunk."]),
    "a trend, down": (
        "Unemployment was 5.2% in 2019 and 4.1% in 2023.", "Did unemployment fall between 2019 and 2023?",
        ["Yes.", "Yes, it fell by 1.1 percentage points."], ["No.", "No, it rose."]),
    "things named by common nouns": (
        "A horse weighs about 500 kg, a cow 700 kg and a sheep 80 kg.", "How much heavier is a cow than a horse?",
        ["200 kg", "A cow is about 200 kg heavier."], ["620 kg", "420 kg"]),
    "an average of listed figures": (
        "The rainfall was 40 mm in April, 55 mm in May and 61 mm in June.", "What was the average monthly rainfall?",
        ["52 mm", "About 52 mm a month."], ["156 mm", "61 mm"]),
}


@pytest.mark.parametrize("name", sorted(EVERYDAY))
def test_everyday_computed_answers(name):
    context, question, rights, wrongs = EVERYDAY[name]
    for answer in rights:
        v = judge(answer, context, question)
        assert not v.flagged, (answer, v)
    for answer in wrongs:
        v = judge(answer, context, question)
        assert v.flagged and v.spans, (answer, v)


def test_figures_read_times_of_day_compound_quantities_and_spans():
    # read after NFKC, as the detector reads every text: "2¾" is then "23⁄4"
    said = ("It left at 09:30 and took 4 hours 20 minutes; the shop opens at 8:30 a.m., closes at 6 p.m. or 9:15, "
            "and the talk lasts an hour and a half, a 3:2 ratio, a time of 2:01:09, 12.5 percentage points, a 5 ft "
            "10 inches man, 2¾ hours, for a day and a quarter")
    found = computed.figures(unicodedata.normalize("NFKC", said))
    assert [(f.value, f.unit) for f in found] == [
        (570.0, "clock"), (260.0, "min"), (510.0, "clock"), (1080.0, "clock"), (555.0, "clock12"), (1.5, "h"),
        (3.0, None), (2.0, None), (2.0, None), (1.0, None), (9.0, None), (12.5, "pp"), (70.0, "in"), (2.75, "h"),
        (1.25, "day")]


def test_series_end_at_a_semicolon_and_a_part_of_one_counts_two():
    assert computed.list_lengths("The Nordic countries are Denmark, Finland, Iceland, Norway and Sweden; of these, "
                                 "only Denmark, Norway and Sweden make up Scandinavia.") == [5, 3]
    assert computed.list_lengths("The G7 is made up of four European countries, France, Germany, Italy and the "
                                 "United Kingdom, plus Canada, Japan and the United States.") == [4, 3]
    assert computed.list_lengths("The colours are red, yellow and blue, and red and yellow are warm.") == [3, 2]


def test_the_reason_names_the_rest_and_the_average():
    v = judge("61%", "About 61% of voters backed the proposal.", "What percentage of voters did not back it?")
    assert v.flagged and v.spans[0].reason.startswith("61% is the part the context states") and "(39)" in \
        v.spans[0].reason
    v = judge("61 mm", "The rainfall was 40 mm in April, 55 mm in May and 61 mm in June.",
              "What was the average monthly rainfall?")
    assert v.flagged and "average (52)" in v.spans[0].reason


def test_a_part_asked_for_by_name_is_not_the_rest():
    # the question names the clause of the stated figure: its own value is the answer
    assert not judge("61 mm", "The rainfall was 40 mm in April, 55 mm in May and 61 mm in June.",
                     "What was the average rainfall in June?").flagged
    # a negative part stated by the context itself ("the only one with no ...") is left alone
    assert not judge("56%", "About 56% of the world's people do not live in cities.",
                     "What share of the world's people do not live in cities?").flagged
