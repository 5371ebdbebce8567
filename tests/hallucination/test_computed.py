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
        (12.0, "mi", None), (25.0, None, None), (1.0, "h", None), (5.0, "year", None), (2 / 3, None, None)]
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
        (3.0, None), (2.0, None), (7269.0, "s"), (12.5, "pp"), (70.0, "in"), (2.75, "h"), (1.25, "day")]


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


def test_figures_read_number_words_scales_hyphenated_fractions_and_codes():
    said = ("roughly two million people, one hundred and twenty seats, a dozen eggs, half a million visitors, "
            "two-thirds full, three-quarters of them, 12k fans, USD 40, between two and three hours")
    found = computed.figures(said)
    assert [(f.value, f.unit) for f in found] == [
        (2_000_000.0, None), (120.0, None), (12.0, None), (500_000.0, None), (2 / 3, None), (0.75, None),
        (12_000.0, None), (40.0, "usd"), (2.0, "h"), (3.0, "h")]
    assert found[0].precision == 6  # "two million" is shown to the million


def test_figures_read_cents_and_pounds_by_what_the_text_is_about():
    assert [(f.value, f.unit) for f in computed.figures("Pens cost 80 cents each.")] == [(80.0, "cent")]
    assert [f.unit for f in computed.figures("It costs £5, or five pounds.")] == ["gbp", "gbp"]
    assert [f.unit for f in computed.figures("A 5 kg sack, or about eleven pounds.")] == ["kg", "lb"]
    assert [f.unit for f in computed.figures("Nine pounds.")] == ["pound"]  # the context it answers decides


def test_a_unit_written_once_serves_the_whole_series():
    found = computed.figures("The laps took 61, 58, 63 and 60 seconds; the gap was 40 to 45 m.")
    assert [(f.value, f.unit) for f in found] == [(61.0, "s"), (58.0, "s"), (63.0, "s"), (60.0, "s"), (40.0, "m"),
                                                   (45.0, "m")]
    # a comma alone joins no series ("a time of 2:01:09, 12.5 points"), a year never takes the unit
    assert [f.unit for f in computed.figures("In 1990, 2000 tonnes were shipped.")] == [None, "t"]


# answers no earlier rule was written for: (context, question, correct answers, wrong answers). Each needs the
# derivation or reading its name gives; written for these tests, not taken from any generated set.
GENERAL = {
    "number words with a scale": (
        "The region had 2,140,000 inhabitants in 2021.", "What was its population to the nearest million?",
        ["Roughly two million.", "About 2 million people."], ["Three million.", "2.1 million"]),
    "hundreds in words": (
        "The hall has 85 seats downstairs and 35 in the balcony.", "How many seats does the hall have in total?",
        ["One hundred and twenty.", "120 seats"], ["Fifty.", "110"]),
    "a hyphenated fraction of a figure": (
        "The water butt holds 180 litres and is two-thirds full.", "How much water is in the butt?",
        ["120 litres", "It holds 120 L of water."], ["90 litres", "100 litres"]),
    "prices in cents beside dollars": (
        "Stamps cost 65 cents each and envelopes $1.20 each.", "How much do 4 stamps and 2 envelopes cost?",
        ["$5", "$5.00", "They cost $5 altogether."], ["$1.85", "$7.40"]),
    "pounds that are money": (
        "The bill came to £48 and they added a 12.5% service charge.", "How much was the service charge?",
        ["£6", "Six pounds."], ["£60", "£12.50"]),
    "the mean of a series with its unit at the end": (
        "Her four practice runs took 31, 29, 30 and 34 minutes.", "What was her average time?",
        ["31 minutes", "31 min on average."], ["124 minutes", "34 minutes"]),
    "a fixed part plus a rate times the asked quantity": (
        "The plumber charges a $60 call-out fee plus $45 per hour.", "What does a 3-hour job cost?",
        ["$195", "A 3-hour job costs $195."], ["$205", "$315"]),
    "what is left of a sum paid": (
        "Notebooks cost £3 each.", "How much change does Sam get from £20 after buying 4 notebooks?",
        ["£8", "He gets £8 change."], ["£12", "£5"]),
    "a percentage added, named by no cue word": (
        "The coat costs €120 before 20% VAT.", "What does the coat cost with VAT?",
        ["€144", "It costs €144 with VAT."], ["€150", "€164"]),
    "the reason of a yes/no": (
        "The lift is rated for 630 kg; the load in it weighs 700 kg.", "Is the lift overloaded?",
        ["Yes, by 70 kg.", "Yes, it is 70 kg over its limit."], ["Yes, by 170 kg."]),
    "a worked answer takes any operation in its steps": (
        "The school has 312 girls and 287 boys.", "How many pupils does the school have in total?",
        ["There are 25 more girls than boys, and 599 pupils in total.", "312 + 287 = 599"], ["25", "609"]),
    "things referred to by their number": (
        "The museum had 41,200 visitors in June and 38,900 in July.",
        "How many visitors did the museum have in the two months together?",
        ["The two months brought 80,100 visitors together."], ["The two months brought 2,300 visitors."]),
    "a count named by a participle and its noun": (
        "The council has 45 elected members and 12 appointed members.",
        "How many elected members and appointed members does the council have altogether?",
        ["57"], ["33"]),
    "everyday words around a computed figure": (
        "The old bridge is 240 m long and the new one 415 m.", "How much longer is the new bridge?",
        ["The new bridge stretches 175 m further, nearly double the length."], ["The new bridge is 655 m longer."]),
    "a rate over the period the question names": (
        "A cleaner earns £12.40 per hour and works 25 hours a week.", "How much does the cleaner earn in a week?",
        ["£310", "She earns £310 a week."], ["£37.40", "£300.40"]),
    "a speed written with its per": (
        "The coach covered 360 km in 4 hours 30 minutes.", "What was the coach's average speed?",
        ["80 km per hour", "80 kilometres an hour", "80 km/h"], ["90 km per hour", "1,620 km per hour"]),
    "a comparison whose other side is not named": (
        "The Atacama receives about 15 mm of rain a year; the Sahara gets about 76 mm.",
        "How much more rain does the Sahara get?", ["About 61 mm a year.", "61 mm"], ["91 mm", "71 mm"]),
    "a hyphenated size is a figure, not a name": (
        "The 480-page manual has been translated up to page 300.", "How many pages are left to translate?",
        ["180", "180 pages remain."], ["300", "190"]),
    "pence written after the figure": (
        "A first-class stamp cost 85p in 2022 and £1.10 in 2023.", "How much did the stamp go up by?",
        ["25p", "It rose by 25 pence.", "£0.25"], ["£1.95", "35p"]),
    "an age on a date the question gives": (
        "The pianist was born on 30 September 1998.", "How old was the pianist on 1 June 2023?",
        ["24", "He was 24 years old."], ["25", "26"]),
    "a mean that equals one of the figures": (
        "The four judges gave 6, 9, 7 and 8 out of 10.", "What was the mean score?",
        ["7.5", "The mean was 7.5 out of 10."], ["30", "10"]),
    "the whole said again beside the rest": (
        "Of the 75 apples picked, 9 were bruised.", "How many apples were not bruised?",
        ["Of the 75 apples, 66 were not bruised.", "75 - 9 = 66"], ["Of the 75 apples, 9 were not bruised."]),
    "a count of one after another count": (
        "A pot of tea costs $4.50 and a scone $3.25.", "How much do three pots of tea and a scone cost?",
        ["$16.75", "Three pots of tea and a scone cost $16.75."], ["$7.75", "$23.25"]),
    "a pick among things the question does not name": (
        "Ana swam the length in 41 seconds, Ben in 38 seconds and Caro in 44 seconds.", "Who was the quickest?",
        ["Ben.", "Ben was quickest, in 38 seconds."], ["Caro.", "Ana was the quickest."]),
    "a yes/no whose other side ends before a shared phrase": (
        "Mercury takes 88 days to orbit the Sun and Venus 225 days.",
        "Does Mercury take longer than Venus to orbit the Sun?", ["No.", "No, Venus takes longer."], ["Yes."]),
    "a pick named by a common noun and 'one'": (
        "The green jacket costs £85 and the grey jacket £72.",
        "Which jacket is cheaper, the green one or the grey one?",
        ["The grey one.", "The grey jacket."], ["The green one."]),
    "the rest of a fraction with no word for the rest": (
        "The pilgrimage route is 800 km long and she has walked three quarters of it.",
        "How far does she still have to walk?", ["200 km", "She has 200 km to go."], ["300 km", "160 km"]),
    "a figure with a scale beside a capitalised name": (
        "Lyon has about 0.52 million inhabitants, Marseille 0.87 million and Nice 0.34 million.",
        "Which of these cities has the most inhabitants?", ["Marseille."], ["Lyon.", "Nice"]),
    "a rate asked for by its measure word": (
        "Of the 650 seedlings planted, 520 took root.", "What was the rooting rate?",
        ["80%", "Eight in ten took root (80%).", "4 out of 5 seedlings took root."], ["65%", "52%"]),
    "a unit over a unit with a slash": (
        "The van covered 630 km on 70 litres of diesel.", "How many kilometres per litre did the van do?",
        ["9 km/l", "9 km per litre", "It did 9 kilometres to the litre."], ["11 km/l", "0.11 km/l"]),
    "a first unit priced apart from the rest": (
        "The boat hire costs €20 for the first hour and €12 for each hour after that.",
        "How much does a 5-hour hire cost?", ["€68", "A 5-hour hire costs €68."], ["€72", "€56"]),
    "a fraction after a plural noun and 'and'": (
        "The choir has 45 singers and three-fifths of them are sopranos.", "How many sopranos are there?",
        ["27", "27 sopranos."], ["18", "25"]),
    "series matched by a word the stemmer cuts differently": (
        "The strings play violin, viola and cello; the winds play flute, oboe and bassoon.",
        "How many string and wind parts are there in all?", ["6", "Six."], ["5", "7"]),
    "hours and a half after the figure": (
        "The workshop runs from 10:00 to 12:30.", "How long is the workshop?",
        ["2 hours and a half", "2.5 hours"], ["3 hours and a half", "1.5 hours"]),
    "decimal places counted from the scale word": (
        "The region had 4,862,300 inhabitants.", "What is its population in millions, to one decimal place?",
        ["4.9 million", "About 4.9 million people."], ["4.8 million", "48.6 million"]),
    "percentage points name a difference": (
        "Approval of the mayor went from 38% in March to 45% in May.",
        "How many percentage points separated approval in March and May?", ["7 percentage points", "7 points."],
        ["18.4 percentage points", "83 percentage points"]),
    "a hyphenated compound is no comparison": (
        "A first-class stamp cost 95p in 2022 and £1.10 in 2023.", "Did the price of a first-class stamp go up?",
        ["Yes.", "Yes, it went up by 15p."], ["No.", "No, it went down."]),
    "counts each followed by what one is worth": (
        "The quiz team answered 14 easy questions, worth 1 point each, and 6 hard ones, worth 3 points each.",
        "How many points did the quiz team score?", ["32", "They scored 32 points."], ["20", "46"]),
    "one named member left out of a listed group": (
        "The quintet is Ada, Bea, Cyd, Dot and Eve.", "How many of the quintet played together before Eve arrived?",
        ["4", "Four."], ["6", "3"]),
    "a pick whose name opens the sentence": (
        "Oslo gets 763 mm of rain a year, Bergen 2,250 mm and Tromsø 1,031 mm.", "Which city is the wettest?",
        ["Bergen.", "Bergen, with 2,250 mm."], ["Oslo.", "Tromsø."]),
    "a cue word says which way a percentage moves": (
        "A sofa priced at £900 is 20% off in the sale.", "What does the sofa cost in the sale?",
        ["£720", "It costs £720 in the sale."], ["£1,080", "£880"]),
    "a list after a colon with no 'and'": (
        "Finalists: Oakwood, Pinecrest, Riverside, Stonebridge, Willowdale.", "How many finalists are there?",
        ["5", "Five finalists."], ["4", "6"]),
    "a span of years in centuries": (
        "The abbey was founded in 1132 and dissolved in 1539.", "How long did the abbey exist?",
        ["407 years", "About four centuries (407 years)."], ["417 years", "397 years"]),
    "a span in years between two dates, an age in whole years": (
        "He started the job on 1 March 2015 and retired on 28 February 2025.",
        "How many years did he work there?", ["10 years", "Almost ten years."], ["11 years", "8 years"]),
    "a no that opens with 'not'": (
        "The Thames is 346 km long and the Severn 354 km.", "Is the Thames longer than the Severn?",
        ["Not at all; the Severn is longer.", "Not quite: 346 km against 354 km."], ["Yes.", "Yes, the Thames is."]),
    "a second claim saying which of the two wins": (
        "Mount Kenya is 5,199 m high and Mount Stanley 5,109 m.", "Is Mount Stanley higher than Mount Kenya?",
        ["No. Mount Kenya is higher."], ["No. Mount Stanley is higher."]),
    "the whole named in the question is not where the rest lies": (
        "The reservoir holds about 90 million m3, and about 40% of it comes from the river.",
        "How much of the reservoir's water comes from the river?", ["36 million m3"], ["54 million m3"]),
    "groups needed rounds up": (
        "Each table seats 8 guests and 90 guests are coming.", "How many tables are needed?",
        ["12", "12 tables (11 would seat only 88)."], ["11", "13"]),
    "full groups round down, what is left over": (
        "Pencils come in packs of 10, and the school has 137 pencils.", "How many full packs can be made?",
        ["13", "13 full packs, with 7 pencils left over."], ["14", "1,500"]),
    "groups of a size, two kinds": (
        "The hotel has 12 floors of 20 rooms and 3 floors of 8 suites.", "How many rooms and suites are there in all?",
        ["264", "264 in all."], ["43", "35"]),
    "the figure before a percentage change": (
        "After a 20% pay rise, Sam earns £36,000.", "What did Sam earn before the rise?",
        ["£30,000", "He earned £30,000."], ["£28,800", "£45,000"]),
    "a fraction written with a slash, scaled": (
        "The recipe needs 2/3 of a cup of milk for 8 pancakes.", "How much milk is needed for 24 pancakes?",
        ["2 cups", "Two cups of milk."], ["3 cups", "6 cups"]),
    "a date a duration after a date": (
        "The lease started on 1 October 2022 and runs for 30 months.", "When does the lease end?",
        ["1 April 2025", "It ends on 1 April 2025.", "April 2025"], ["1 April 2024", "1 October 2025"]),
    "a time of day about one place, a duration about another": (
        "It is 09:30 in Paris, and Dubai is 2 hours ahead.", "What time is it in Dubai?",
        ["11:30", "It is 11:30 in Dubai."], ["10:30", "12:30"]),
    "'times longer' asks for a ratio": (
        "The Nile is about 6,650 km long and the Thames 346 km.", "How many times longer is the Nile?",
        ["About 19 times.", "Roughly 19 times longer."], ["6,304 times", "6,304 km"]),
    "a share whose clause says who has it first": (
        "Of the 2,500 tickets, the home fans bought 64%.", "How many tickets did the home fans buy?",
        ["1,600", "They bought 1,600 tickets."], ["900", "64"]),
    "time zones as UTC offsets": (
        "Chicago is on UTC−6 and Berlin on UTC+1.", "How many hours ahead of Chicago is Berlin?",
        ["7 hours", "Berlin is 7 hours ahead."], ["5 hours", "8 hours"]),
    "a stated figure in other units": (
        "The opera lasts 3 hours 10 minutes.", "How many minutes does the opera last?",
        ["190", "It runs for 190 minutes."], ["310", "180"]),
}


@pytest.mark.parametrize("name", sorted(GENERAL))
def test_answers_in_phrasings_no_rule_was_written_for(name):
    context, question, rights, wrongs = GENERAL[name]
    for answer in rights:
        v = judge(answer, context, question)
        assert not v.flagged, (answer, v)
    for answer in wrongs:
        v = judge(answer, context, question)
        assert v.flagged and v.spans, (answer, v)


def test_the_rest_of_a_share_is_no_answer_to_the_share():
    context = "Of the 2,000 households surveyed, 15% own an electric car."
    v = judge("1,700", context, "How many households own an electric car?")
    assert v.flagged and "the question asks for the share" in v.spans[0].reason
    assert not judge("300", context, "How many households own an electric car?").flagged
    assert not judge("1,700", context, "How many households do not own an electric car?").flagged


# behaviours that generalise beyond one phrasing (issue 15.8, held-out review): context, question, right, wrong
READING = {
    "a clause naming nothing speaks of the thing named before it in its sentence": (
        "Rainfall at Leeds was 40 mm in March, 25 mm in April and 31 mm in May, while Hull recorded 22 mm in March "
        "and 35 mm in April.", "How much more rain fell in Hull in April than in March?", ["13 mm"],
        ["6 mm", "15 mm"]),
    "a rival's figures are not operands though the question shares a measure word with the named clause": (
        "Norland Foods had 820 staff in January and 905 staff in December. Its rival Vesta Farms grew from 410 to "
        "463 staff over the same months.", "By how many staff did Norland Foods grow?",
        ["85", "It grew by 85 staff."], ["53"]),
    "a span is not compared with a year": (
        "The boiler was installed on 3 March 2021 with a 36-month guarantee. It failed on 9 May 2024.",
        "Was the boiler still under guarantee when it failed?", ["No"], []),
    "nautical miles from knots and a duration": (
        "The patrol boat cruises at 24 knots and was out for 3 hours 30 minutes.",
        "How far did the patrol boat go, in nautical miles?", ["84 nautical miles", "About 84 nmi."],
        ["72 nautical miles"]),
    "a rate per hectare times the hectares": (
        "The vineyard produced 6.5 tonnes of grapes per hectare over its 12 hectares.",
        "How many tonnes of grapes did the vineyard produce?", ["78 tonnes"], ["18.5 tonnes"]),
    "'between them' is a sum; counts of the counted thing are no wins worth points": (
        "This season Moreno scored 21 goals in 9 matches and Lindqvist 15 goals in 5 matches.",
        "How many goals did Moreno and Lindqvist score between them?", ["36 goals"], ["6 goals", "30 goals"]),
    "an opening clause with 'and' leads in the first item of a series": (
        "The tour coach leaves the hotel and stops at the cathedral, the old bridge, the castle and the harbour "
        "before returning.", "How many places does the coach stop at?", ["4", "It stops at four places."],
        ["3", "5"]),
    "the days of a week are a known whole": (
        "The library is open on Tuesday, Thursday and Friday and closed on the other days of the week.",
        "On how many days a week is the library closed?", ["4"], ["5"]),
    "a tally of a sequence written without 'and'": (
        "Over the fortnight the weather log reads S, R, S, S, C, R, S, C, S, S (S sun, R rain, C cloud).",
        "On how many days was it sunny?", ["6"], ["5", "7"]),
    "two steps: a time of day less two durations": (
        "The cake needs 1 hour 25 minutes in the oven and 20 minutes to cool before the party starts at 16:00.",
        "By what time must the cake go into the oven?", ["14:15", "By 2:15 pm."], ["14:55"]),
    "two steps: the time from a worked time of day to a stated one": (
        "Sam parked at 09:40 with a 2-hour ticket and returned to the car at 12:05.",
        "By how many minutes had the ticket run out when Sam returned?", ["25 minutes"], ["35 minutes"]),
    "two steps: a part of the rest": (
        "Of the 900 seats, a third are reserved for members and a quarter of the rest for schools.",
        "How many seats are for schools?", ["150", "150 seats"], ["300"]),
    "a pick per unit: each thing's two figures divided, single-letter names": (
        "Shop K sells a 400 g jar of honey for £3.20; shop M sells a 1 kg tub of the same honey for £7.50.",
        "Which shop's honey is cheaper per kilogram?", ["Shop M's", "M, at £7.50 per kg against £8 at K."],
        ["Shop K's", "K, at £7.50 per kg against £8 at M."]),
    "a pick per thing counted; the pick is the name the claim opens with": (
        "This year Okoro took 45 wickets in 15 matches and Brandt 52 wickets in 20 matches.",
        "Who took more wickets per match?", ["Okoro", "Okoro, with 3 wickets a match to Brandt's 2.6."],
        ["Brandt", "Brandt, with 3 wickets a match to Okoro's 2.6."]),
    "a pick among prices moved by their percentage; its worked reasons are no invention": (
        "Two builders quoted for the extension: Hale Ltd £20,000 plus VAT at 20%, and Ford & Sons £23,500 "
        "including VAT.", "Which quote is cheaper once VAT is included?",
        ["Ford & Sons: £23,500, against £24,000 for Hale Ltd with VAT.", "Ford & Sons"], ["Hale Ltd"]),
    "two figures of one kind divide into a pure number, never one in their unit": (
        "The canal path is 45 miles long. One mile is 1.609 km.",
        "How long is the canal path in kilometres, to the nearest kilometre?", ["72 km", "About 72 kilometres."],
        ["28 km"]),
    "an amount over a rate is a time; over another amount, a pure number": (
        "The pump moves 25 litres a minute. The tank holds 900 litres and the bucket 10 litres.",
        "How long does the pump take to fill the tank?", ["36 minutes", "It takes 900 ÷ 25 = 36 minutes."],
        ["90 minutes"]),
    "of two figures of a kind, the one whose clause shares the question's words is the operand": (
        "The school bought 15 boxes of pencils at £3.40 a box and 4 staplers at £12 each.",
        "How much did the pencils cost?", ["£51", "15 × £3.40 = £51."], ["£99", "£48"]),
    "the figure asked about is converted, not the limit beside it": (
        "The crate weighed 38.5 kg on the scales, under the courier's 40 kg limit. One kilogram is 2.2046 pounds.",
        "What did the crate weigh in pounds, to the nearest pound?", ["85 lb", "About 85 pounds."], ["88 lb"]),
    "'to the nearest' rounds, it compares nothing": (
        "The winning jump was 8.347 m and the second best 8.291 m.",
        "What was the winning jump, to the nearest hundredth?", ["8.35 m"], ["8.34 m", "8.29 m"]),
    "rates over different periods are not compared as written": (
        "Bond P pays 5.2% a year. Bond Q pays 0.45% a month.", "Which bond pays more over a year?",
        ["Bond Q"], []),
    "a yes/no weighs the sum of the rest against the one figure said to be a most": (
        "The trailer's maximum payload is 750 kg. We loaded four pallets of 180, 190, 170 and 160 kg and a 90 kg "
        "mower.", "Is the load within the trailer's payload?",
        ["No", "No: 700 kg of pallets plus the 90 kg mower is 790 kg."], ["Yes"]),
    "a yes/no asking 'over' turns the limit round": (
        "The trailer's maximum payload is 750 kg. We loaded four pallets of 180, 190, 170 and 160 kg and a 90 kg "
        "mower.", "Is the trailer overloaded?", ["Yes"], ["No"]),
    "a budget against a price a head times the heads plus the rest": (
        "The choir has £900 for its trip. The coach firm charges £21 a seat and 40 singers are going; the driver's "
        "meal costs £35.", "Can the choir cover the coach and the driver's meal within its budget?",
        ["Yes", "Yes: £875 in all."], ["No"]),
    "a speed limit against a distance over a time": (
        "The cycle path section is 3.6 km long with a limit of 20 km/h. Tom rode it in 9 minutes.",
        "Did Tom stay within the limit?", ["No"], ["Yes"]),
    "a share at least against a count over a count": (
        "A resolution needs at least three quarters of the votes cast. 96 votes were cast and 70 were in favour.",
        "Was the resolution carried?", ["No"], ["Yes"]),
    "a race time is a duration, rounded to the step the question names in a unit": (
        "The winner of the 10 km race finished in 0:31:42 and the second runner in 0:32:05.",
        "What was the winning time, to the nearest minute?", ["32 minutes", "About 32 min."], ["31 minutes"]),
    "rounding to a step in a unit: pennies, hundreds of metres": (
        "The tunnel is 2,463 m long and its ventilation shaft 188 m deep.",
        "How long is the tunnel, to the nearest hundred metres?", ["About 2.5 km.", "2,500 m"], ["2,400 m"]),
    "rounding to the nearest penny": (
        "That day diesel cost £1.4866 a litre and petrol £1.3921.",
        "What did diesel cost per litre, to the nearest penny?", ["£1.49", "£1.49 a litre"], ["£1.48", "£1.39"]),
    "rounding to a step the context sets": (
        "The parcel weighs 3.12 kg. The carrier charges by weight, rounding up to the next half kilogram.",
        "What weight will the carrier charge for?", ["3.5 kg"], ["3.1 kg", "3 kg"]),
    "a share of a figure is no answer when the question asks what is not that share": (
        "Of the 720 members polled, five ninths are retired and the rest still work.",
        "How many of the members are not retired?", ["320", "320 members"], ["400"]),
    "a duration said to come before or behind moves a time of day one way only": (
        "The webinar starts at 15:00 in Madrid. Lisbon is one hour behind Madrid and Athens one hour ahead.",
        "What time does the webinar start in Lisbon?", ["14:00", "2 pm"], ["16:00"]),
    "a yes/no on a span from a date: the first date moved by it, against the second": (
        "The boiler was serviced on 14 March 2023 with a 12-month parts guarantee. The pump failed on 2 February "
        "2024.", "Was the pump still covered by the guarantee when it failed?", ["Yes"], ["No"]),
    "a yes/no on an age: the full years between the dates against the age named": (
        "Priya was born on 30 June 2006. The election is held on 4 July 2024.",
        "Is Priya old enough to vote at 18?", ["Yes", "Yes, she turned 18 on 30 June 2024."], ["No"]),
    "an age counts from a birth, not from another date of the life": (
        "Joan Pike was born on 3 May 1950. She joined the county library on 1 September 1976 and retired on 31 "
        "August 2015.", "How old was Joan Pike when she retired?", ["65", "She was 65."], ["38", "She was 38."]),
    "'counting both the first and the last day' counts one more than the span": (
        "The fair opens on 4 August 2025 and closes on 17 August 2025.",
        "For how many days is the fair on, counting both the first and the last day?", ["14 days"], ["13 days"]),
    "the date of someone the question does not name is no end of the span": (
        "Noor was born on 5 March 2010 and her brother Sami on 20 October 2013. Their cousin Rafi was born on 1 "
        "June 2012.", "How many full years older than Sami is Noor?", ["3", "Noor is three full years older."],
        ["2", "1"]),
    "a price or total with a percentage is not the percentage's amount alone": (
        "The builder's invoice is £2,400 before VAT at 20%.", "What is the total including VAT?",
        ["£2,880", "£2,400 plus 20% (£480) is £2,880."], ["£480"]),
    "'a fifth of the rest' is no fifth of the whole": (
        "Of the 600 bulbs, a quarter were tulips and a fifth of the rest daffodils.",
        "How many bulbs were daffodils?", ["90", "90 bulbs"], ["120"]),
    "a time of day asked about: the opening time of the day the question names": (
        "On weekdays the museum opens at 10:00 am and stays open for 7 hours 30 minutes. On Sundays it opens at "
        "12:00 pm.", "What time does the museum close on weekdays?", ["5:30 pm", "17:30"], ["7:30 pm"]),
    "a total of the things the question lists is the sum of each one's figure, not of some": (
        "Last month the café spent £212.40 on coffee beans, £96.15 on milk and £58.70 on cups; rent was £900.",
        "How much did the café spend on coffee beans, milk and cups together?", ["£367.25"], ["£308.55", "£270.85"]),
    "a whole asks for the sum of every figure of its kind, not of some": (
        "The relay legs took 11.2 s, 10.8 s, 10.9 s and 10.6 s.", "How long did the whole relay take?",
        ["43.5 s", "43.5 seconds"], ["32.9 s", "22 s"]),
    "an average of two is neither of them": (
        "Mia swam 400 m in 7 minutes 40 seconds on Monday and 400 m in 8 minutes 20 seconds on Thursday.",
        "What was Mia's average time for 400 m?", ["8 minutes", "8 min per 400 m"],
        ["8 minutes 20 seconds", "Her average over those two swims was 16 minutes."]),
    "a count in words ('those three months') is no step that lets a sum pass for an average": (
        "Snowfall was 34 cm in December, 51 cm in January and 27 cm in February; March's gauge failed.",
        "What was the average monthly snowfall over the months with a reading?",
        ["About 37 cm.", "The average over those three months was 37.3 cm."],
        ["The average over those three months was 112 cm."]),
    "chat phrasings: 'That's' before a figure is no name, a unit factor in the working is no invention": (
        "The reservoir walk is 7.5 miles long, and the café at its start opens at 9 am.",
        "How long is the reservoir walk in kilometres?",
        ["That's about 12.1 km.", "That's approximately 12 km (7.5 mi × 1.609 = 12.07 km)."],
        ["That's about 4.7 km.", "That's approximately 13 km (7.5 mi × 1.75 = 13.1 km)."]),
    "'That's 215 trees' is a count, not a name like 'Apollo 11'": (
        "The orchard has 148 apple trees and 67 pear trees.", "How many fruit trees does the orchard have in total?",
        ["That's 215 trees altogether."], ["That's 205 trees altogether."]),
    "an average is over the whole written series, never one of its figures nor a part of it": (
        "The five exam scores were 72, 85, 90, 64 and 79.", "What was the average score?",
        ["The average score was **78**.", "(72 + 85 + 90 + 64 + 79) / 5 = 78"],
        ["The average score was 80.", "(72 + 85 + 90 + 64 + 79) / 5 = 82", "79.5"]),
    "the average of two figures": (
        "Ola ran 5 km in 26 minutes on Monday and 5 km in 30 minutes on Friday.",
        "What was Ola's average time for 5 km?", ["28 minutes"], ["30 minutes", "56 minutes"]),
    "a hedged decimal half is a rounding; a round figure with no hedge is exact": (
        "The museum opened on 12 March 1998 and closed for renovation on 3 October 2021.",
        "How many years was the museum open before it closed for renovation?",
        ["About 23.5 years.", "Roughly 23 and a half years."], ["About 25 years.", "It was open for 20 years."]),
    "a rate per minute times the amount is no time; the amount over the rate is": (
        "A printer prints 24 pages per minute. The report has 312 pages.",
        "How long does the printer take to print the report?", ["13 minutes", "312 ÷ 24 = **13 minutes**."],
        ["7,488 minutes"]),
    "a worked conversion between scales: the factor and the offset are no invention": (
        "The oven was set to 200 °C.", "What is the oven temperature in Fahrenheit?",
        ["392 °F", "That's **392°F** (200 × 9/5 + 32).", "200 × 1.8 + 32 = 392 °F."],
        ["360 °F", "200 × 1.8 = 360 °F."]),
    "percentage points worked from the two shares, written without their %": (
        "Turnout was 58.4% in 2019 and 63.1% in 2024.", "By how many percentage points did turnout rise?",
        ["It rose by **4.7 points** (63.1 − 58.4).", "4.7 percentage points."], ["It rose by 8 points (63.1 − 55.1)."]),
    "a share is asked, not a change: 'what percentage recycle' is no percentage change": (
        "Of the 2,000 homes surveyed, 1,500 said they recycle weekly.",
        "What percentage of homes recycle weekly?", ["75%", "**75 %** of them (1,500 / 2,000)."], ["25%", "33.3%"]),
    "the last name of a series of names and figures holds a figure, not a name": (
        "Anna scored 87, Ben 92 and Chloe 78 in the final test.", "Who scored highest in the final test?",
        ["**Ben**, with 92.", "Ben"], ["Chloe", "**Anna**, with 87."]),
    "not counting a part of a series the context names: the rest of the series": (
        "The menu lists soup, salad, pasta, risotto and steak; soup and salad are starters.",
        "How many main courses are there, not counting the starters?",
        ["3", "**Three** main courses: pasta, risotto and steak."], ["5", "Two"]),
    "'twice as long' asks for a ratio": (
        "The Danube is 2,850 km long and the Rhine 1,233 km.", "Is the Danube more than twice as long as the Rhine?",
        ["Yes. It is about 2.3 times as long."], ["Yes. It is about 2.8 times as long."]),
    "asked for the discount, the price it leaves is no answer": (
        "A £360 bike is offered with 15% off.", "How much is the discount?",
        ["£54", "The discount is **£54** (15% of £360)."], ["£306"]),
    "'three quarters full': what is in it is the part, the rest is room": (
        "The water tank holds 80 litres and is three quarters full.", "How much water is in the tank?",
        ["60 litres", "**60 L** (¾ of 80)."], ["20 litres"]),
    "'a family ticket and two adult tickets': the 'a' counts one": (
        "A family ticket costs £48 and a single adult ticket £18.",
        "How much do a family ticket and two adult tickets cost?",
        ["£84", "£48 + 2 × £18 = **£84**.", "That comes to 84 pounds."], ["£66", "£132"]),
    "change from a note: the note less everything bought, worked in steps under markdown headings": (
        "Leo bought 4 pencils at £0.65 each and a ruler for £1.20. He paid with a £10 note.",
        "How much change did Leo get?",
        ["Leo got **£6.20** in change.",
         "### Answer\n£6.20\n\n### Working\n- Pencils: 4 × £0.65 = £2.60\n- Ruler: £1.20\n- Total: £3.80\n"
         "- Change: £10 − £3.80 = £6.20",
         "He spent £3.80 (four pencils at £0.65 plus a £1.20 ruler), so from £10 he got £6.20 back."],
        ["Leo got £7.40 in change.", "Step 1: 4 × £0.65 = £2.60.\nStep 2: £10 − £2.60 = £7.40."]),
    "an amount for so many, asked for another count: the rule of three, not a product": (
        "A soup recipe for 4 people uses 600 ml of stock.", "How much stock is needed for 10 people?",
        ["1,500 ml", "You need **1.5 litres** (600 ml ÷ 4 × 10)."], ["2,400 ml", "6,000 ml"]),
    "a rate of exchange written as one of a currency against another": (
        "The flat costs €1,150 a month. On the day the lease was signed, €1 was worth £0.84.",
        "What is the monthly rent in pounds?", ["£966", "About **£966** a month (1,150 × 0.84)."],
        ["£1,369", "£1,150"]),
    "the figure of the year the question names, not of another year": (
        "The town counted 48,326 residents in 2022, up from 45,871 in 2012.",
        "What was the town's 2022 population, to the nearest thousand?", ["48,000", "About 48 thousand."],
        ["46,000"]),
    "the rest of a fraction is a fraction too; the days it names are no invented names": (
        "Of the 560 seats, three eighths are in the stalls and the rest in the circle. The box office is open on "
        "Monday, Wednesday and Friday.", "How many seats are not in the stalls?",
        ["Five eighths of them, 350 seats.", "350"], ["210"]),
    "days of the week an answer lists are no names the context lacks": (
        "The swimming pool is open on Monday, Wednesday, Friday and Saturday and closed on the other days of "
        "the week.", "On how many days a week is the pool closed?",
        ["It is closed three days a week (Tuesday, Thursday and Sunday)."], ["It is closed two days a week."]),
    "a pick whose reasons all follow: the words around them are not judged": (
        "From York to Leeds the train takes 25 min and costs £9, the bus takes 55 min and costs £4, and a taxi "
        "takes 35 min but needs about 15 min to arrive.", "Counting the wait for the taxi, which is the fastest?",
        ["The train: 25 min, against 50 min for the taxi once the wait is added."], []),
    "'not counting' something that is no item of the series takes none of it away": (
        "The guided walks this week are the castle, the harbour, the old town and the gardens; the talks are on "
        "birds and bats.", "How many guided walks are there this week, not counting the talks?",
        ["4", "There are four guided walks."], ["3", "There are six."]),
    "'except' an item of the series takes that one away": (
        "The guided walks this week are the castle, the harbour, the old town and the gardens.",
        "How many guided walks are there, except the harbour walk?", ["3"], ["4"]),
    "a pick's margin ('by about 5 cm') is a difference that must follow": (
        "Nia is 1.71 m tall and her brother Owen is 5 ft 5 in.", "Who is taller, Nia or Owen?",
        ["Nia, by about 6 cm.", "Nia"], ["Nia, by about 30 cm.", "Owen"]),
    "answers framed as chat models frame them": (
        "The trailer's maximum payload is 750 kg. We loaded four pallets of 180, 190, 170 and 160 kg and a 90 kg "
        "mower.", "Is the load within the trailer's payload?",
        ["The answer is: No", "**Answer:** No, 790 kg is over the limit.\n\nI hope this helps!",
         "Based on the information given, no."], ["The answer is: Yes", "**Answer:** Yes"]),
    "'Certainly.' before a figure that answers no yes/no is a courtesy": (
        "The orchard has 148 apple trees and 67 pear trees.", "How many fruit trees does the orchard have?",
        ["Certainly. The orchard has 215 fruit trees."], ["Certainly. The orchard has 205 fruit trees."]),
    "the context said again before the answer: its figures answer nothing, the yes comes after it": (
        "About 64% of the village's 1,450 residents voted. The rest stayed at home.",
        "What share of the residents did not vote?",
        ["About 64% of the village's 1,450 residents voted. So about 36% did not.",
         "About 64% of the village's 1,450 residents voted. 36%"],
        ["About 64% of the village's 1,450 residents voted. So 64% did not."]),
    "a pick after the context said again": (
        "Loch Ness is 227 m deep at most, while Loch Morar reaches 310 m.", "Which loch is deeper, Ness or Morar?",
        ["Loch Ness is 227 m deep at most, while Loch Morar reaches 310 m. Morar."],
        ["Loch Ness is 227 m deep at most, while Loch Morar reaches 310 m. Ness."]),
    "a time of day asked without 'how': two steps still": (
        "A train leaves Paris at 08:40 local time and reaches Athens 9 hours later. Athens is 1 hour ahead of "
        "Paris.", "What is the local time in Athens when the train arrives?",
        ["18:40", "It arrives at **6:40 pm** Athens time."], ["16:40"]),
    "what is left of a whole once the parts are taken, worked with bare figures": (
        "A 3-litre jug of lemonade was shared: Sam drank 750 ml and Mo 900 ml.", "How much lemonade is left?",
        ["1,350 ml", "**1,350 ml** (3,000 − 750 − 900)."], ["1,650 ml"]),
    "'including' what the series does not hold counts one more": (
        "The tour stops at the abbey, the mill, the bridge and the market hall, and finishes at the pier.",
        "How many places does the tour visit, including the pier?", ["5", "Five places."], ["6", "4", "Three"]),
    "'than a kilometre' is one kilometre": (
        "The pier is 1,340 m long.", "Is the pier longer than a kilometre?",
        ["Yes", "Yes — at 1,340 m it is 340 m longer than a kilometre."], ["No"]),
    "a bill shared among friends, asked what each paid: the share": (
        "The taxi fare came to £54, split equally between 4 friends.", "How much did each friend pay?",
        ["£13.50", "Each paid **£13.50** (£54 ÷ 4)."], ["£216", "£50"]),
    "a ratio asked: 'a:b' and 'a to b' are one figure, in the order and the form the question asks": (
        "The choir has 360 sopranos and altos and 240 tenors and basses.",
        "What is the ratio of sopranos and altos to tenors and basses, in simplest form?",
        ["3:2", "**3 : 2**", "The ratio is 3 to 2."], ["2:3", "36:24"]),
    "the first year of a monthly fee: twelve months, a calendar fact in the working": (
        "The club charges a £40 joining fee and £15 a month.", "How much does the first year cost, with the fee?",
        ["£220", "£220 (£40 + 12 × £15)."], ["£230", "£220 (£40 + 13 × £15)."]),
    "energy and power are units: kWh figures subtract, a kW rating is no operand of them": (
        "The 6 kW heat pump used 1,340 kWh in January and 890 kWh in March; the tariff is 28p per kWh.",
        "How much less electricity did the heat pump use in March than in January?",
        ["450 kWh", "It used **450 kWh** less in March."], ["2,230 kWh", "1,334 kWh less"]),
    "milligrams, gigabytes and teaspoons are units too": (
        "Each tablet holds 250 mg; the child takes 3 tablets a day.", "How much does the child take a day, in grams?",
        ["0.75 g", "0.75 grams a day"], ["750 g", "7.5 g"]),
    "a four-digit figure is a year only where the words make it one": (
        "Stefan's club rating was 1642 in January and 1718 in June; the club was founded in 1901.",
        "By how many points did Stefan's rating rise?",
        ["76", "He gained 76 points."], ["77", "817 points"]),
    "an average of four-digit figures that are no years": (
        "The five peaks on the ridge walk are 1085, 1042, 998, 1113 and 1027 metres high.",
        "What is the average height of the five peaks?", ["1053 m", "They average 1,053 metres."],
        ["1056 m", "1070 m"]),
    "dates written with slashes or dots, day first": (
        "Booked in: 28/02/2025. Checked out: 03.03.2025. Invoice sent 10/03/2025.",
        "How many nights was the stay?", ["3 nights", "Three nights."], ["5 nights", "13 nights"]),
    "the exact figure beside the rounded one the question asks for": (
        "Distances walked this week: 12.4 km, 9.7 km, 15.2 km and 8.9 km.",
        "How far was walked in all, to the nearest km?", ["46 km (46.2 exactly)"],
        ["46 km (46.9 exactly)", "47 km"]),
    "a yes framed with the margin it leaves (words of the verdict, not claims the context lacks)": (
        "The exam allows 2 hours. Mia started at 09:10 and handed in her paper at 10:55.",
        "Did Mia finish within the time allowed?", ["Yes, with time to spare.", "Yes, comfortably."], []),
    "a time of day with 'a.m.' and the words after it": (
        "The ferry leaves at 22:15 and the crossing takes 9 hours 30 minutes.", "When does the ferry arrive?",
        ["It arrives at 7:45 a.m. the next morning.", "At 07:45 the following day."], ["8:45 a.m. the next day"]),
    "inches, when the question asks for them, written 'in' or with a double prime": (
        "The monitor's screen measures 68.6 cm across the diagonal and weighs 4.1 kg.",
        "How big is the screen in inches?", ["27 in", 'About 27".', "27 inches"], ["68.6 in", '174"']),
    "a discount: what someone pays is the rest, not the share taken off": (
        "A yoga class costs €18.00; students get 20% off, and a mat costs €2 to hire.",
        "What does a student pay for one class?", ["€14.40", "A student pays 14.40 euros."], ["€3.60", "€16.00"]),
    "pounds are sterling where the question asks about money and the weights are metric": (
        "Seed potatoes cost £6.50 per 2.5 kg bag at the garden centre.", "What do four bags cost?",
        ["26 pounds", "£26.00"], ["10 pounds", "£32.50"]),
    "the share that went, of a figure that fell over a span of time (no comparison), the subject elided": (
        "The allotment society went into winter with 80 hens and came out with 68. Members reported 3 hens lost to "
        "a fox in May.", "What percentage of the hens were lost over the winter?", ["15%", "About 15 percent."],
        ["17.6%", "22%"]),
    "the fraction left of a whole once a part is used": (
        "We opened a 2-litre carton of milk at breakfast and had used 1.5 litres by the evening.",
        "What fraction of the carton is left?", ["1/4", "A quarter of it."], ["1/3", "2/5"]),
    "an average per something with a precision asked: rounded to the nearest, not truncated": (
        "The choir sang 7 concerts this year to 2,455 people in all; the hall seats 500.",
        "On average how many people came per concert, to the nearest whole person?",
        ["351", "About 351 people a concert."], ["350", "491"]),
    "a count per hour between two times of day": (
        "The bakery baked 600 croissants between 05:30 and 09:30 with 2 ovens.", "How many croissants per hour?",
        ["150", "About 150 an hour."], ["120", "125"]),
    "a schedule of three or more steps after a time of day": (
        "Doors open at 18:30. The first film runs 95 minutes, the break is 15 minutes and the second film runs "
        "110 minutes.", "What time does the second film end?", ["22:10", "It should end around 10:10 p.m."],
        ["22:25", "21:40"]),
    "a number that labels a line is no figure: the lines' figures add up": (
        "Weigh-in for the van:\n- Crate 1: 36 kg\n- Crate 2: 41 kg\n- Crate 3: 29 kg\nThe van carries up to 900 kg.",
        "What do the three crates weigh together?", ["106 kg", "Together they weigh **106 kg**."],
        ["112 kg", "116 kg"]),
    "one of the figures listed a line each is no average of them": (
        "Ravi's lap times:\nLap 1: 64 s\nLap 2: 61 s\nLap 3: 66 s\nLap 4: 61 s\nHis best ever lap is 58 s.",
        "What was Ravi's average lap time?", ["63 s", "He averaged 63 seconds a lap."], ["66 s", "61 s"]),
    "a pronoun and its verb written as one claim nothing": (
        "Tom was born on 3 May 1990.", "How old will Tom be on 1 June 2031?", ["He'll be 41.", "She'd say 41."],
        []),
    "litres per 100 km are a consumption: times a distance, and less of it is more efficient": (
        "The van uses 8.2 L/100 km; the estate car uses 6.5 L/100 km. The depot is 240 km away, diesel €1.70 a litre.",
        "How much fuel does the estate car use to reach the depot?", ["15.6 litres", "About 16 L."],
        ["19.7 litres", "36.9 litres"]),
    "the most fuel-efficient uses the least fuel per distance": (
        "Combined consumption: the Vela uses 6.1 L/100 km, the Orsa 4.7 L/100 km and the Lumo 5.3 L/100 km.",
        "Which car is the most fuel-efficient?", ["The Orsa.", "The **Orsa**, at 4.7 L/100 km."], ["The Vela."]),
    "a rate times an amount plus a fixed charge that says what it is per": (
        "Printing costs £0.12 per page plus a flat £3 binding charge per report. Our report has 85 pages; a cover "
        "costs £2 extra.", "What does the report cost to print and bind?", ["£13.20", "It costs **£13.20**."],
        ["£13.40", "£13.30"]),
    "a conversion factor the context states is the one to use": (
        "The old boiler holds 40 imperial gallons. An imperial gallon is 4.546 litres; a US gallon 3.785 litres.",
        "How many litres does the boiler hold?", ["181.84 litres", "About 181.8 L."], ["151.4 litres", "8.8 litres"]),
    "the n-th of a series every so many minutes from a time of day": (
        "The shuttle leaves the terminal at 05:45 and then every 15 minutes until midnight. The ride takes 12 minutes.",
        "When does the 7th shuttle of the day leave?", ["07:15", "At 7:15 a.m."], ["07:30", "07:27"]),
    "a time of day in another time zone, from the offsets the context gives": (
        "The webinar starts at 14:00 in London (UTC+1 in summer). The Toronto team is on UTC−4 and the Tokyo team on "
        "UTC+9.",
        "What time does the webinar start for the Toronto team?", ["09:00", "9 a.m. in Toronto."], ["08:00", "09:30"]),
    "a bare year that titles a log is no reason to set the log's lines aside": (
        "Millbrook Allotments, produce log 2023\nBean bed: 42 kg from 18 plants\nOnion bed: 37 kg\nPotato bed: 118 kg\n"
        "Volunteers: 9",
        "How many kilograms did Millbrook's three beds produce?", ["197 kg", "About **197 kg** in all."],
        ["187 kg", "206 kg"]),
    "a loss as a share of what there was, both figures of one kind": (
        "Roast log, batch R-7: green weight 15.00 kg, roasted weight 12.36 kg, roast time 13 min.",
        "What was the weight loss during the roast, as a percentage to one decimal place?",
        ["17.6%", "About 17.6 percent."], ["18.6%", "21.4%"]),
    "days and months with no year written are dates, their day numbers no figures": (
        "Choir attendance (32 members): 3 Mar – 27, 10 Mar – 30, 17 Mar – 24, 24 Mar – 29, 31 Mar – 31. Concert: "
        "12 April.", "What was the average attendance over the five rehearsals?", ["28.2", "Attendance averaged 28.2."],
        ["29.2", "26.4"]),
    "a month followed by a figure with a thousands separator is no date": (
        "Visitors to Harbour Museum: June 3,412, July 4,080. The café served 950 lunches in July.",
        "How many more visitors came in July than in June?", ["668", "668 more in July."], ["678", "658"]),
    "a part is of the whole whatever its own clause names; 'the rest' is what is left": (
        "Batch 9 at the cider press yields 900 litres. Two thirds will go into 20-litre bags-in-box and the rest "
        "into 750 ml bottles.", "How many litres of batch 9 will be bottled?", ["300 litres", "Three hundred litres."],
        ["350 litres", "450 litres"]),
    "'one in nine' is a share of the whole; passing is the opposite of being rejected": (
        "Of the 72 bowls thrown this week at the pottery, one in eight was rejected at the glaze check.",
        "How many of this week's bowls passed the glaze check?", ["63", "63 bowls passed."], ["9", "62"]),
    "a size written 'a × b mm' gives both sides the unit": (
        "Print quote: 40 copies, A2 (420 × 594 mm), 200 gsm, £2.10 per copy.",
        "What size are the prints in centimetres?", ["42 cm × 59.4 cm", "42 by 59.4 centimetres."],
        ["4.2 cm × 5.94 cm", "420 cm × 594 cm"]),
    "a unit given once in a heading applies to the bare figures under it": (
        "Rainfall (mm), Glen Station, week 32\nMon 4, Tue 12, Wed 0.5, Thu 7, Fri 18, Sat 2, Sun 9",
        "How much rain fell at Glen Station that week?", ["52.5 mm", "About 5.3 cm in all."], ["52.5 cm", "58 mm"]),
    "the mean of a whole series longer than a run, beside another": (
        "Daily footfall, week 3. Kiosk A: 212, 198, 240, 225, 187, 260, 233. Kiosk B: 90, 85, 102, 96, 88, 110, 99.",
        "What was Kiosk A's average daily footfall?", ["222.1", "About 222 a day."], ["233", "236.1"]),
    "one figure's share of the total of its list": (
        "Donations sorted at the food bank, week 9:\n- Tins: 1,380 kg\n- Dry goods: 960 kg\n- Fresh: 660 kg\n"
        "Volunteer hours: 212",
        "What percentage of the week's donations by weight were tins?", ["46%", "Tins were 46% of the 3,000 kg."],
        ["42%", "51%"]),
    "how fast a figure changed over a duration: the change over the time": (
        "The oven heats from 18 °C to 242 °C in 16 minutes; the bake then takes 35 minutes.",
        "At what average rate did the oven's temperature rise while heating?", ["14 °C per minute", "14 °C a minute"],
        ["16.25 °C per minute", "15 °C per minute"]),
    "a count per hour between two times of day, less the break it names": (
        "Shift report, J. Okoro: 07:00–15:00 with a 45-minute break; 1,740 parcels scanned on 3 belts.",
        "How many parcels per hour did J. Okoro scan, leaving out the break?", ["240", "240 parcels an hour."],
        ["250", "232"]),
    "a possessive names its owner": (
        "Team A sold 120 raffle tickets at £2 each; team B sold 90 tickets at £3 each.",
        "Which team raised more money from the raffle?", ["Team B's"], []),
}


@pytest.mark.parametrize("name", sorted(READING))
def test_reading_that_does_not_depend_on_phrasing(name):
    context, question, rights, wrongs = READING[name]
    for answer in rights:
        v = judge(answer, context, question)
        assert not v.flagged, (answer, v)
    for answer in wrongs:
        v = judge(answer, context, question)
        assert v.flagged and v.spans, (answer, v)


def test_a_number_after_a_name_is_a_count_when_the_text_counts_that_thing_again():
    # "Apollo 11 landed" is a name; "Lindqvist 15 goals", beside "21 goals", is a count
    found = computed.figures("Moreno 21 goals, Lindqvist 15 goals")
    assert [(f.value, f.name) for f in found] == [(21, False), (15, False)]
    assert [f.name for f in computed.figures("Apollo 11 landed in July")] == [True]


# working written out over the context's figures is checked as arithmetic, whatever words the question uses
WORKED_CONTEXT = "Ines ran 7 km on Monday, 12 km on Wednesday and 9 km on Saturday; she also swam twice."


def test_working_that_adds_up_verifies_its_result_and_the_figures_after_it():
    question = "What distance did Ines cover running that week?"  # no operation named: no derivation is sure
    for answer in ("7 + 12 + 9 = 28, so 28 km.", "She ran 7 + 12 + 9 = 28 km.", "(7 + 12 + 9) / 1 = 28 km"):
        v = judge(answer, WORKED_CONTEXT, question)
        assert not v.flagged, (answer, v)
    assert computed.worked("7 + 12 + 9 = 28, then ÷ 3 = 9.3", {7.0, 12.0, 9.0})[-1].holds  # a step from a result


def test_working_that_does_not_add_up_is_flagged_with_its_arithmetic():
    v = judge("7 + 12 + 9 = 29 km.", WORKED_CONTEXT, "What distance did Ines cover running that week?")
    assert v.flagged and v.spans[0].reason == "29 km: the working gives 28 (7 + 12 + 9)"


def test_working_on_figures_the_context_lacks_decides_nothing():
    # 40 is not the context's: the line is not read, so it is neither verified nor contradicted by its arithmetic
    assert computed.worked("7 + 40 = 47", {7.0, 12.0, 9.0}) == []
    assert computed.worked("06:10 + 4 × 20 min = 07:30", {6.0, 10.0, 20.0}) == []  # times of day are no operands
    assert computed.worked("£86.40 × 0.18 = £15.55", {86.4, 18.0})[0].holds  # 18 % written as 0.18
    # working in another operation than the question names verifies nothing ("how many more" is a difference)
    v = judge("7 + 12 = 19 km.", WORKED_CONTEXT, "How many more km did she run on Wednesday than on Monday?")
    assert v.flagged


@pytest.mark.parametrize(("context", "question", "answer"), [
    ("Each crate holds 24 bottles and costs €18. The shop ordered 5 crates and paid €6 for delivery.",
     "What did the order cost?", "5 × €18 = €90, and €90 + €6 delivery makes €96."),
    ("The tank held 60 litres. The pump drains 4 litres a minute for 9 minutes, then 2 litres a minute for 5 "
     "minutes.", "How much water is left?", "After 9 minutes 24 litres remain, and after 5 more minutes 14 litres."),
], ids=["steps-in-words", "two-stages"])
def test_working_that_cannot_be_read_is_undecided_not_contradicted(context, question, answer):
    # steps this module does not follow (a step said in words, a stage after a stage) decide nothing
    v = judge(answer, context, question)
    assert not v.flagged, v


def test_a_worked_result_is_wrong_where_the_reading_derives_a_figure_of_its_kind():
    # the question asks a conversion the context allows (392 °F): a result it does not give is contradicted, and an
    # operand the context lacks ("− 55.1") is never undecided
    v = judge("200 × 1.8 = 360 °F.", "The oven was set to 200 °C.", "What is the oven temperature in Fahrenheit?")
    assert v.flagged and v.spans[0].reason == "360 °F does not follow from the context"
    v = judge("It rose by 8 points (63.1 − 55.1).", "Turnout was 58.4% in 2019 and 63.1% in 2024.",
              "By how many percentage points did turnout rise?")
    assert v.flagged and "55.1" in v.spans[0].reason


def test_a_figure_worked_out_from_the_context_answers_whatever_the_question_asks_it_in():
    # "winning margin" names no operation the reader knows; 340 is still worked out (5,210 - 4,870), so the words
    # around it ("won") describe the computation and are not judged; a figure that follows from nothing still is
    context = "Final count for the ward seat: Patel 5,210 votes, Ono 4,870 votes, Reyes 1,120 votes. Turnout was 41%."
    question = "What was Patel's winning margin over the runner-up?"
    assert not judge("Patel won by 340 votes.", context, question).flagged
    assert judge("Patel won by 440 votes.", context, question).flagged


def test_the_lines_of_a_list_that_say_a_word_of_the_question_are_counted():
    context = ("Ferries from the north pier today:\n- 09:15 to Skye\n- 10:40 to Mull\n- 12:05 to Skye\n"
               "- 14:30 to Iona\nTickets are sold on board.")
    question = "How many of the ferries sail to Skye?"
    assert not judge("Two ferries sail to Skye.", context, question).flagged
    assert not judge("2 of them go to Skye.", context, question).flagged
    assert judge("Three ferries sail to Skye.", context, question).flagged
    squad = "Squad, with positions:\nAlves: defender\nBrandt: midfielder\nCole: defender\nDunn: forward"
    assert not judge("There are 2 defenders.", squad, "How many defenders are there?").flagged
