"""Write a second held-out labelled set of computed answers, phrased the way chat models answer.

    .venv/bin/python scripts/make_computed_heldout2.py [--out computed_heldout2.jsonl]

The `grounding` detector was tuned on scripts/make_computed_set.py and then on the first held-out set,
scripts/make_computed_heldout.py, so neither can say any longer how it does on answers it has not seen.
This set was written by another author without looking at the detector, its tests or the bodies of
those two scripts, in other domains (recipes, sports tables, invoices, timetables, medicine doses,
census tables, fuel, loans, shipping, time zones, school grades, elections) and above all in the
phrasing of real chat answers: full sentences, Markdown bold, short worked steps, hedges ("roughly",
"about"), the question's names restated, units written differently from the context, number words,
and figures copied from the context beside the computed one. Contexts are paragraphs with distractor
figures, "Name: value" lines or bullet lists. Every row is `test`.

Each scenario gives three correct answers and three wrong ones of the kinds people and models make:
off by one, the wrong operation, the wrong unit or direction of a conversion, a distractor figure,
truncating instead of rounding, a flipped yes/no, percentage points for a relative change, an
arithmetic slip, the part for the rest, the wrong pair of dates, the right figure given to the wrong
entity. Every figure is computed here from the variables the context is written from, never typed,
and every claim an answer makes about the figures is checked by an assert. Deterministic: no
randomness, the same file every run. Rows have the shape of the first held-out set's (label 1 =
hallucinated, `kind`, `error` = what is wrong with a wrong answer).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP
from decimal import Decimal as D
from fractions import Fraction as F

KINDS = ("sum", "difference", "count", "date_difference", "unit_conversion", "rounding", "percentage", "rate",
         "average", "fraction", "comparison", "yes_no", "time_of_day")


@dataclass(frozen=True)
class Case:
    context: str
    question: str
    right: tuple[str, ...]  # phrasings of the correct answer
    wrong: tuple[tuple[str, str], ...]  # (answer, what is wrong with it), as many as `right`


# ---- how figures are written -------------------------------------------------------------------------------------

def dec(x: F | D | int, places: int = 0, mode: str = ROUND_HALF_UP) -> str:
    """`x` to `places` decimals (half up unless told), with thousands commas."""
    if isinstance(x, F):
        x = D(x.numerator) / D(x.denominator)
    q = D(x).quantize(D(1).scaleb(-places), rounding=mode)
    return f"{q:,}"


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
         90: "ninety"}


def words(n: int) -> str:
    """0 to 99 in words, as a sentence writes them."""
    assert 0 <= n < 100
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens * 10] + (f"-{_ONES[ones]}" if ones else "")


def clock(t: datetime) -> str:
    return t.strftime("%H:%M")


def ampm(t: datetime) -> str:
    return t.strftime("%I:%M %p").lstrip("0")


def day(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


# ---- sums ---------------------------------------------------------------------------------------------------------

def sums() -> list[Case]:
    cases = []
    bread, cake, cookies, sugar = 450, 275, 180, 120
    flour = bread + cake + cookies
    cases.append(Case(
        f"Saturday's baking plan: the sourdough loaf takes {bread} g of flour, the lemon cake base {cake} g and the "
        f"oat cookies {cookies} g. The cake also needs {sugar} g of caster sugar and three eggs. Everything goes "
        "in the oven at 200 °C.",
        "How much flour do I need for all three bakes together?",
        (f"You'll need **{flour:,} g** of flour in total.",
         f"{bread} + {cake} + {cookies} = {flour}, so {flour} grams of flour altogether.",
         f"Roughly {dec(F(flour, 1000), 2)} kg of flour for the sourdough, the cake and the cookies."),
        ((f"You'll need **{flour + sugar:,} g** of flour in total.", "the sugar added to the flour"),
         (f"{bread} + {cake} + {cookies} = {flour - 10}, so {flour - 10} grams of flour.", "arithmetic slip"),
         (f"The loaf and the cake take {bread + cake} g of flour in total.", "one bake left out"))))

    legs = {"Lyon to Turin": 312, "Turin to Milan": 141, "Milan to Verona": 158}
    km = sum(legs.values())
    miles = F(km * 1000, 1609)
    cases.append(Case(
        "Our route for the spring tour: " + ", ".join(f"{k} is {v} km" for k, v in legs.items()) + ". The van "
        "uses about 6.2 litres per 100 km and we plan two nights in Turin.",
        "What's the total driving distance from Lyon to Verona?",
        (f"The total comes to **{km} km**.",
         f"312 + 141 + 158 = {km} km from Lyon to Verona.",
         f"That's roughly {round(miles / 10) * 10} miles ({km} km)."),
        ((f"The total comes to {km - 10} km.", "arithmetic slip"),
         (f"It's {legs['Lyon to Turin'] + legs['Turin to Milan']} km from Lyon to Verona.", "stopped at Milan"),
         (f"The total is about {km} miles.", "kilometres called miles"))))

    consulting, travel, licence, vat = D("1240.00"), D("386.50"), D("99.99"), 20
    subtotal = consulting + travel + licence
    cases.append(Case(
        f"Invoice INV-2291 lists three lines:\n- Consulting (8 h): €{consulting:,}\n- Travel expenses: €{travel}\n"
        f"- Software licence: €{licence}\nVAT at {vat}% is added at the end; payment is due within 30 days.",
        "What is the invoice subtotal before VAT?",
        (f"The subtotal before VAT is **€{subtotal:,}**.",
         f"€{consulting:,} + €{travel} + €{licence} = €{subtotal:,} before VAT.",
         f"Before VAT the three lines add up to {subtotal:,} euros."),
        ((f"The subtotal before VAT is €{dec(subtotal * (100 + vat) / 100, 2)}.", "VAT included"),
         (f"The subtotal before VAT is €{subtotal - 100:,}.", "arithmetic slip"),
         (f"Before VAT it's €{consulting + travel:,}.", "one line left out"))))

    quarters, rebounds = (8, 11, 6, 9), 7
    pts = sum(quarters)
    cases.append(Case(
        f"Okafor scored {quarters[0]} points in the first quarter, {quarters[1]} in the second, {quarters[2]} in "
        f"the third and {quarters[3]} in the fourth. She also pulled down {rebounds} rebounds and played 31 "
        "minutes.",
        "How many points did Okafor score in the game?",
        (f"Okafor finished with **{pts} points**.",
         f"{' + '.join(map(str, quarters))} = {pts}, so {pts} points.",
         f"She scored {words(pts)} points across the four quarters."),
        ((f"Okafor finished with {pts + 1} points.", "off by one"),
         (f"Okafor finished with {pts + rebounds} points.", "rebounds added"),
         (f"She scored {pts - quarters[0]} points.", "first quarter left out"))))
    pallets, payload = {"Pallet 1": 412, "Pallet 2": 388, "Pallet 3": 455}, 1500
    load = sum(pallets.values())
    assert load < payload
    cases.append(Case(
        "Loading list for the Hamburg run (truck payload limit " + f"{payload:,} kg):\n" +
        "\n".join(f"- {k}: {v} kg" for k, v in pallets.items()) + "\nThe driver's break is due after 4.5 hours.",
        "What do the three pallets weigh together?",
        (f"Together the pallets weigh **{load:,} kg**.",
         f"{' + '.join(map(str, pallets.values()))} = {load:,} kg, comfortably under the {payload:,} kg limit.",
         f"Around {dec(F(load, 1000), 1)} tonnes in total ({load:,} kg)."),
        ((f"Together the pallets weigh {load + 100:,} kg.", "arithmetic slip"),
         (f"Together the pallets weigh {payload:,} kg.", "payload limit copied"),
         (f"Pallets 1 and 2 weigh {load - pallets['Pallet 3']:,} kg, so that's the load.", "one pallet left out"))))
    return cases


# ---- differences --------------------------------------------------------------------------------------------------

def differences() -> list[Case]:
    cases = []
    p2011, p2021, households = 48612, 52907, 19340
    grew = p2021 - p2011
    cases.append(Case(
        f"Census figures for Ashby: the population was {p2011:,} in 2011 and {p2021:,} in 2021. In 2021 there "
        f"were {households:,} households, and the median age was 41.",
        "By how many people did Ashby's population grow between 2011 and 2021?",
        (f"It grew by **{grew:,} people**.",
         f"{p2021:,} − {p2011:,} = {grew:,}, so Ashby gained {grew:,} residents.",
         f"Ashby's population rose by about {round(grew, -2):,} (exactly {grew:,})."),
        ((f"It grew by {grew + 100:,} people.", "arithmetic slip"),
         (f"It grew by {p2021 - households:,} people.", "households used as the 2011 population"),
         (f"Ashby's population fell by {grew:,}.", "direction flipped"))))

    votes = {"Marsh": 18432, "Delgado": 16975, "Ibe": 2210}
    margin = votes["Marsh"] - votes["Delgado"]
    cases.append(Case(
        "Results, Northfield ward:\n" + "\n".join(f"{k}: {v:,} votes" for k, v in votes.items()) +
        "\nTurnout was 58%.",
        "What was Marsh's winning margin over the runner-up?",
        (f"Marsh won by **{margin:,} votes**.",
         f"Marsh beat Delgado by {margin:,} votes ({votes['Marsh']:,} to {votes['Delgado']:,}).",
         f"The margin was {margin:,}."),
        ((f"Marsh won by {votes['Marsh'] - votes['Ibe']:,} votes.", "third-placed candidate used"),
         (f"Marsh won by {margin + 90:,} votes.", "arithmetic slip"),
         (f"Marsh won by {votes['Marsh'] + votes['Delgado']:,} votes.", "added instead of subtracted"))))

    gross, tare = D("24.6"), D("1.8")
    net = gross - tare
    cases.append(Case(
        f"The crate of ceramic tiles weighs {gross} kg on the scale. The empty crate itself weighs {tare} kg, and "
        "shipping is charged at €3.10 per kg of gross weight.",
        "What's the net weight of the tiles?",
        (f"The tiles weigh **{net} kg** net.",
         f"{gross} − {tare} = {net} kg of tiles.",
         f"About {dec(net)} kilograms once you take off the crate."),
        ((f"The tiles weigh {gross + tare} kg net.", "added instead of subtracted"),
         (f"The tiles weigh {net - D('0.2')} kg net.", "arithmetic slip"),
         (f"The net weight is {gross} kg.", "gross weight copied"))))

    summit, hut = 3798, 2369
    climb = summit - hut
    cases.append(Case(
        f"The Grossglockner summit stands at {summit:,} m. Most parties start the final ascent at the Erzherzog-"
        f"Johann hut, at {hut:,} m, leaving before 4 a.m.; the route is graded PD.",
        "How much height do you gain from the hut to the summit?",
        (f"You climb about **{climb:,} m** from the hut to the top.",
         f"{summit:,} − {hut:,} = {climb:,} metres of ascent.",
         f"Roughly {round(climb * F(328084, 100000)):,} feet ({climb:,} m)."),
        ((f"You climb about {climb - 100:,} m.", "arithmetic slip"),
         (f"You gain {climb:,} feet from the hut.", "metres called feet"),
         (f"You climb {summit:,} m.", "summit height copied"))))
    quotes = {"Hale Roofing": 8940, "Brook & Sons": 7615}
    saving = quotes["Hale Roofing"] - quotes["Brook & Sons"]
    cases.append(Case(
        "We had two quotes to re-tile the roof: " + " and ".join(f"{k} at £{v:,}" for k, v in quotes.items()) +
        ". Both include £650 of scaffolding, and Hale can start in March.",
        "How much cheaper is Brook & Sons?",
        (f"Brook & Sons is **£{saving:,}** cheaper.",
         f"£{quotes['Hale Roofing']:,} − £{quotes['Brook & Sons']:,} = £{saving:,} in favour of Brook & Sons.",
         f"I make it a difference of about £{round(saving, -2):,} (£{saving:,} exactly)."),
        ((f"Brook & Sons is £{saving - 90:,} cheaper.", "arithmetic slip"),
         (f"Hale Roofing is £{saving:,} cheaper.", "right figure, wrong firm"),
         (f"Brook & Sons is £{saving - 650:,} cheaper.", "scaffolding taken off"))))
    return cases


# ---- counts -------------------------------------------------------------------------------------------------------

def counts() -> list[Case]:
    cases = []
    trains = [("07:12", "Leeds"), ("07:40", "York"), ("08:05", "Leeds"), ("08:31", "Hull"), ("09:02", "Leeds")]
    leeds = [t for t, d in trains if d == "Leeds"]
    cases.append(Case(
        "Departures from platform 4 this morning:\n" + "\n".join(f"- {t} to {d}" for t, d in trains) +
        "\nAll services call at Selby.",
        "How many of these trains go to Leeds?",
        (f"**{len(leeds)}** trains go to Leeds.",
         f"{words(len(leeds)).capitalize()} of them: the {', '.join(leeds[:-1])} and {leeds[-1]}.",
         f"There are {len(leeds)} Leeds departures out of the {len(trains)} listed."),
        ((f"{words(len(trains)).capitalize()} trains go to Leeds.", "all departures counted"),
         (f"{len(leeds) + 1} trains go to Leeds.", "off by one"),
         (f"There are {len(leeds) - 1} Leeds departures: the {leeds[0]} and the {leeds[-1]}.",
          "one departure missed"))))

    squad = {"Alves": "defender", "Brandt": "midfielder", "Cole": "defender", "Dunn": "forward",
             "Eze": "defender", "Faber": "goalkeeper", "Gill": "midfielder", "Hart": "defender"}
    defenders = [k for k, v in squad.items() if v == "defender"]
    cases.append(Case(
        "Matchday squad, with positions:\n" + "\n".join(f"{k}: {v}" for k, v in squad.items()) +
        "\nKick-off is at 15:00 and the squad number limit is 18.",
        "How many defenders are in the squad?",
        (f"There are **{len(defenders)} defenders**: {', '.join(defenders)}.",
         f"{words(len(defenders)).capitalize()} defenders.",
         f"I count {len(defenders)} players listed as defender."),
        ((f"There are {len(defenders) + 1} defenders.", "off by one"),
         (f"There are {len(squad)} defenders.", "the whole squad counted"),
         (f"There are {sum(v == 'midfielder' for v in squad.values())} defenders.", "midfielders counted"))))

    ingredients = ["2 aubergines", "1 onion", "3 cloves garlic", "400 g chopped tomatoes", "150 g mozzarella",
                   "50 g parmesan", "a handful of basil"]
    cases.append(Case(
        "Melanzane for four (about 1 h 15 min, 520 kcal a portion):\n" + "\n".join(f"- {i}" for i in ingredients),
        "How many ingredients does the recipe list?",
        (f"The recipe lists **{len(ingredients)} ingredients**.",
         f"{words(len(ingredients)).capitalize()} ingredients, from the aubergines to the basil.",
         f"It has {len(ingredients)} items in the ingredient list."),
        ((f"The recipe lists {len(ingredients) - 1} ingredients.", "off by one"),
         (f"The recipe lists {len(ingredients) + 1} ingredients.", "off by one"),
         ("The recipe lists four ingredients.", "servings given as the count"))))

    lines = {"Desk lamp": D("34.90"), "Office chair": D("189.00"), "Monitor arm": D("72.50"),
             "Standing desk": D("449.00"), "Cable tray": D("18.75"), "Footrest": D("41.20")}
    over = [k for k, v in lines.items() if v > 100]
    cases.append(Case(
        "Order 5512 (delivered 12 May):\n" + "\n".join(f"- {k}: €{v}" for k, v in lines.items()) +
        "\nDelivery was free above €500.",
        "How many items on the order cost more than €100?",
        (f"Only **{len(over)}** items cost over €100: the {over[0].lower()} and the {over[1].lower()}.",
         f"{words(len(over)).capitalize()} items — the {over[0]} (€{lines[over[0]]}) and the {over[1]} "
         f"(€{lines[over[1]]}).",
         f"{len(over)} of the {len(lines)} items are above €100."),
        ((f"{len(over) + 1} items cost more than €100.", "off by one"),
         (f"{len(lines) - len(over)} items cost more than €100.", "the cheaper items counted"),
         (f"Only one item, the {over[1].lower()}, costs more than €100.", "one item missed"))))
    grades = {"Abebe": "A", "Bianchi": "B", "Chen": "A", "Dlamini": "C", "Evans": "B", "Fischer": "A",
              "Gomez": "B", "Haddad": "C", "Ito": "B", "Jansen": "B"}
    a_grades = [k for k, v in grades.items() if v == "A"]
    b_grades = [k for k, v in grades.items() if v == "B"]
    assert len(b_grades) not in (len(a_grades), len(a_grades) + 1)
    cases.append(Case(
        "Year 11 history, final grades:\n" + "\n".join(f"{k}: {v}" for k, v in grades.items()) +
        "\nThe coursework deadline was 14 March; two students had extensions.",
        "How many students got an A?",
        (f"**{len(a_grades)}** students got an A — {', '.join(a_grades[:-1])} and {a_grades[-1]}.",
         f"{words(len(a_grades)).capitalize()} of the {len(grades)} students.",
         f"Looks like {len(a_grades)} A grades."),
        ((f"{len(b_grades)} students got an A.", "B grades counted"),
         (f"{len(a_grades) + 1} students got an A.", "off by one"),
         (f"{words(len(grades)).capitalize()} students got an A.", "every student counted"))))
    return cases


# ---- dates, ages, durations ---------------------------------------------------------------------------------------

def date_differences() -> list[Case]:
    cases = []
    booked, check_in, check_out = date(2025, 5, 2), date(2025, 6, 27), date(2025, 7, 4)
    nights = (check_out - check_in).days
    cases.append(Case(
        f"Booking confirmed on {day(booked)}: Hotel Miramar, Sea View Double, check-in {day(check_in)} from "
        f"15:00, check-out {day(check_out)} by 11:00. Breakfast is €14 per person.",
        "How many nights is the stay?",
        (f"The stay is **{nights} nights**.",
         f"From 27 June to 4 July is {words(nights)} nights.",
         f"You're booked for {nights} nights, checking out on {day(check_out)}."),
        ((f"The stay is {nights + 1} nights.", "both the first and last day counted"),
         (f"The stay is {nights - 1} nights.", "off by one"),
         (f"The stay is {(check_out - booked).days} nights.", "booking date used"))))

    born, on = date(1987, 11, 9), date(2025, 10, 1)
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    cases.append(Case(
        f"Patient record: Ruth Adeyemi, born {day(born)}, registered with the practice since 2009. Next review "
        f"booked for {day(on)}; current weight 64 kg.",
        f"How old will Ruth be at the review on {day(on)}?",
        (f"She'll be **{age}**.",
         f"Ruth turns {age + 1} in November 2025, so on 1 October she is still {age}.",
         f"{words(age).capitalize()} years old."),
        ((f"She'll be {on.year - born.year}.", "birthday not yet reached"),
         (f"She'll be {on.year - 2009}.", "registration year used"),
         (f"She'll be {age - 1}.", "off by one"))))

    start, end, invoice = date(2024, 1, 28), date(2024, 3, 5), date(2024, 2, 10)
    course = (end - start).days
    assert course == 37  # 2024 is a leap year: February has 29 days
    cases.append(Case(
        f"The antibiotic course began on {day(start)} and the last dose was taken on {day(end)}. The pharmacy "
        f"invoice is dated {day(invoice)}. Dose: 500 mg twice daily.",
        "How many days are there between the first and the last dose?",
        (f"There are **{course} days** between them.",
         f"28 January to 5 March 2024 is {course} days (2024 is a leap year).",
         f"That comes to {course} days."),
        ((f"There are {course - 1} days between them.", "leap day forgotten"),
         (f"There are {(invoice - start).days} days between them.", "invoice date used"),
         (f"There are {(end - invoice).days} days between them.", "wrong pair of dates"))))

    gun = datetime(2025, 4, 27, 8, 45, 0)
    finish = datetime(2025, 4, 27, 12, 21, 37)
    took = finish - gun
    h, rem = divmod(int(took.total_seconds()), 3600)
    m, s = divmod(rem, 60)
    cases.append(Case(
        f"The marathon started at {gun:%H:%M:%S}. Runner 4127, Tomás Reyes, crossed the line at "
        f"{finish:%H:%M:%S}; his half-way split was 1:41:02. The cut-off was six hours.",
        "What was Tomás's finishing time?",
        (f"Tomás finished in **{h}:{m:02d}:{s:02d}**.",
         f"{finish:%H:%M:%S} − {gun:%H:%M:%S} = {h} h {m} min {s} s.",
         f"Just over {h} and a half hours: {h} hours {m} minutes {s} seconds."),
        ((f"Tomás finished in {h}:{m + 1:02d}:{s:02d}.", "off by one minute"),
         (f"Tomás finished in {h + 1}:{m:02d}:{s:02d}.", "off by one hour"),
         (f"Tomás finished in {h}:{m - 14:02d}:{s:02d}.", "arithmetic slip"))))
    today, due, scan = date(2025, 7, 22), date(2025, 10, 14), date(2025, 6, 30)
    days_left = (due - today).days
    assert days_left % 7 == 0
    weeks = days_left // 7
    cases.append(Case(
        f"Today is {day(today)}. Hannah's due date is {day(due)}; her last scan was on {day(scan)} and the "
        "midwife appointment is every two weeks.",
        "How many weeks are left until the due date?",
        (f"There are **{weeks} weeks** to go.",
         f"{days_left} days, which is exactly {words(weeks)} weeks.",
         f"{weeks} weeks until {day(due)}."),
        ((f"There are {weeks - 1} weeks to go.", "off by one"),
         (f"There are {days_left} weeks to go.", "days called weeks"),
         (f"There are {(due - scan).days // 7} weeks to go.", "scan date used"))))
    return cases


# ---- unit conversions ---------------------------------------------------------------------------------------------

def conversions() -> list[Case]:
    cases = []
    usd, eur_rate, gbp_rate = 2450, D("0.92"), D("0.79")
    eur = usd * eur_rate
    cases.append(Case(
        f"The supplier in Austin billed us ${usd:,}. Our bank converts at 1 USD = {eur_rate} EUR today "
        f"(1 USD = {gbp_rate} GBP for the London office). Payment terms are net 45.",
        "How much is the bill in euros?",
        (f"At that rate the bill is **€{dec(eur)}**.",
         f"${usd:,} × {eur_rate} = €{dec(eur, 2)}.",
         f"About {round(eur / 10) * 10:,} euros."),
        ((f"The bill is €{dec(usd / eur_rate, 2)}.", "divided by the rate instead of multiplying"),
         (f"The bill is €{dec(usd * gbp_rate, 2)}.", "pound rate used"),
         (f"The bill is €{usd:,}.", "not converted"))))

    oven_c = 220
    oven_f = F(oven_c * 9, 5) + 32
    cases.append(Case(
        f"Preheat the oven to {oven_c} °C (200 °C fan). Roast the chicken for 20 minutes per 500 g plus 20 "
        "minutes, and rest it for 15 minutes before carving.",
        "What's the oven temperature in Fahrenheit?",
        (f"That's **{dec(oven_f)} °F**.",
         f"{oven_c} × 9/5 + 32 = {dec(oven_f)}, so set it to {dec(oven_f)}°F.",
         f"Around {dec(oven_f)} degrees Fahrenheit for a conventional oven."),
        ((f"That's {dec(F(oven_c * 9, 5))} °F.", "forgot to add 32"),
         (f"That's {dec(F((oven_c - 32) * 5, 9), 1)} °F.", "converted the wrong way"),
         (f"That's {dec(F(200 * 9, 5) + 32)} °F.", "fan temperature used"))))

    lb, kg_per_lb = 18, D("0.4536")
    kg = lb * kg_per_lb
    cases.append(Case(
        f"The parcel to Oslo weighs {lb} lb and measures 40 × 30 × 25 cm. Tracking costs £4.50 extra. The "
        f"carrier's guide says 1 lb = {kg_per_lb} kg.",
        "What does the parcel weigh in kilograms?",
        (f"It weighs about **{dec(kg, 1)} kg**.",
         f"{lb} × {kg_per_lb} = {dec(kg, 2)} kg.",
         f"Roughly {dec(kg, 1)} kilos."),
        ((f"It weighs about {dec(lb / kg_per_lb, 1)} kg.", "divided instead of multiplied"),
         (f"It weighs {lb} kg.", "not converted"),
         (f"It weighs about {dec(kg, 0, ROUND_DOWN)}.0 kg.", "truncated"))))

    gallons, l_per_us, l_per_imp = 500, D("3.785"), D("4.546")
    litres = gallons * l_per_us
    cases.append(Case(
        f"The rainwater tank on the Texas farm holds {gallons} US gallons. For reference, a US gallon is "
        f"{l_per_us} litres and an imperial gallon {l_per_imp} litres. It was installed in 2019 for $1,150.",
        "How many litres does the tank hold?",
        (f"It holds **{dec(litres, 1)} litres**.",
         f"{gallons} × {l_per_us} = {dec(litres, 1)} L, so roughly {round(litres / 10) * 10:,} litres.",
         f"About {dec(litres / 1000, 1)} cubic metres, i.e. {dec(litres)} L."),
        ((f"It holds {dec(gallons * l_per_imp)} litres.", "imperial gallon used"),
         (f"It holds {dec(gallons / l_per_us, 1)} litres.", "divided instead of multiplied"),
         (f"It holds {dec(litres + 100, 1)} litres.", "arithmetic slip"))))
    fever_f = D("102.2")
    fever_c = (fever_f - 32) * 5 / 9
    assert fever_c == 39
    cases.append(Case(
        f"Leo's temperature this evening read {fever_f} °F on the ear thermometer; this morning it was 99.1 °F. "
        "He has had 5 mL of ibuprofen at 6 p.m.",
        "What is Leo's evening temperature in Celsius?",
        (f"That's **{dec(fever_c)} °C**.",
         f"({fever_f} − 32) × 5/9 = {dec(fever_c)}, so {dec(fever_c)}°C — a fever.",
         f"About {dec(fever_c, 1)} degrees Celsius."),
        ((f"That's {dec(fever_f * 5 / 9, 1)} °C.", "forgot to subtract 32"),
         (f"That's {dec(fever_f * 9 / 5 + 32, 1)} °C.", "converted the wrong way"),
         (f"That's {dec((D('99.1') - 32) * 5 / 9, 1)} °C.", "morning reading used"))))
    return cases


# ---- rounding -----------------------------------------------------------------------------------------------------

def roundings() -> list[Case]:
    cases = []
    dose = D("12.46")
    cases.append(Case(
        f"The syringe pump delivered {dose} mL of saline over the first hour. The prescribed rate was 12 mL/h and "
        "the bag holds 500 mL.",
        "What was the delivered volume to the nearest tenth of a millilitre?",
        (f"**{dec(dose, 1)} mL**.",
         f"{dose} rounds to {dec(dose, 1)} mL.",
         f"To one decimal place, {dec(dose, 1)} millilitres."),
        ((f"{dec(dose, 1, ROUND_DOWN)} mL.", "truncated"),
         (f"{dec(dose)} mL.", "rounded to a whole number"),
         ("12.0 mL.", "prescribed rate given"))))

    people = 1748352
    cases.append(Case(
        f"The regional census counted {people:,} residents, {people // 2 + 20311:,} of them women. The previous "
        "count, in 2015, was 1.69 million.",
        "What is the regional population to the nearest thousand?",
        (f"About **{dec(round(people, -3))}**.",
         f"{people:,} rounds to {dec(round(people, -3))}.",
         f"Roughly {dec(round(people, -3) // 1000)} thousand people."),
        ((f"About {dec(round(people, -3) + 1000)}.", "rounded the wrong way"),
         (f"About {dec(round(people, -4))}.", "rounded to the nearest ten thousand"),
         (f"About {dec(people // 100000 * 100000)}.", "truncated to hundred thousands"))))

    sprint, season_best = D("10.486"), D("10.71")
    cases.append(Case(
        f"Photo-finish: Mensah crossed in {sprint} s, with a reaction time of 0.142 s and a tailwind of "
        f"+1.1 m/s. Her season's best coming into the final was {season_best} s.",
        "What is Mensah's time rounded to hundredths of a second?",
        (f"**{dec(sprint, 2)} s**.",
         f"{sprint} rounds up to {dec(sprint, 2)} seconds.",
         f"Her time would be shown as {dec(sprint, 2)}."),
        ((f"{dec(sprint, 2, ROUND_DOWN)} s.", "truncated"),
         (f"{dec(sprint, 1)} s.", "rounded to tenths"),
         (f"{season_best} s.", "season's best given"))))

    price, petrol = D("1.6789"), D("1.7249")
    cases.append(Case(
        f"Diesel at the Route 9 station is listed at €{price} per litre; petrol is €{petrol}. A full 55-litre tank "
        "earns 110 loyalty points.",
        "What's the diesel price per litre rounded to the nearest cent?",
        (f"**€{dec(price, 2)}** a litre.",
         f"€{price} rounds to €{dec(price, 2)}.",
         f"About {dec(price * 100)} cents per litre."),
        ((f"€{dec(price, 2, ROUND_DOWN)} a litre.", "truncated"),
         (f"€{dec(price, 1)}0 a litre.", "rounded to ten cents"),
         (f"€{dec(petrol, 2)} a litre.", "petrol price rounded"))))
    takings, opening = 48572519, 17204330
    cases.append(Case(
        f"'Tidewater' has taken ${takings:,} at the domestic box office after five weekends, ${opening:,} of it "
        "on the opening weekend. It cost a reported $35 million to make.",
        "What are the domestic takings to the nearest million dollars?",
        (f"About **${dec(F(takings, 10**6))} million**.",
         f"${takings:,} rounds up to ${dec(round(takings, -6))}.",
         f"Roughly ${dec(F(takings, 10**6))}M."),
        ((f"About ${takings // 10**6} million.", "truncated"),
         (f"About ${dec(F(opening, 10**6))} million.", "opening weekend rounded"),
         (f"About ${round(takings, -7) // 10**6} million.", "rounded to the nearest ten million"))))
    return cases


# ---- percentages --------------------------------------------------------------------------------------------------

def percentages() -> list[Case]:
    cases = []
    right, total = 42, 56
    pct = F(right * 100, total)
    cases.append(Case(
        f"Jonah got {right} of the {total} questions right on the chemistry mock; the pass mark is 50% and the "
        "class average was 61%.",
        "What percentage did Jonah score?",
        (f"Jonah scored **{dec(pct)}%**.",
         f"{right} ÷ {total} = {dec(pct / 100, 2)}, so {dec(pct)} percent.",
         f"Three quarters, i.e. {dec(pct)}%."),
        ((f"Jonah scored {dec(100 - pct)}%.", "the share he got wrong"),
         (f"Jonah scored {dec(F(total * 100, right), 1)}%.", "divided the wrong way"),
         (f"Jonah scored {right}%.", "the count given as a percentage"))))

    old, new = D("2.40"), D("2.70")
    rise = (new - old) / old * 100
    cases.append(Case(
        f"From 1 April the single bus fare in Harrogate goes up from £{old} to £{new}. Day tickets stay at £6.50 "
        "and under-fives travel free.",
        "By what percentage is the single fare rising?",
        (f"It's a **{dec(rise, 1)}%** increase.",
         f"30p on £{old} is {dec(rise, 1)} percent.",
         f"Roughly {dec(rise, 1)}% — from £{old} to £{new}."),
        ((f"It's a {dec((new - old) / new * 100, 1)}% increase.", "divided by the new fare"),
         (f"It's a {dec((new - old) * 100)}% increase.", "pence taken as percent"),
         (f"It's a {dec(new / old * 100, 1)}% increase.", "ratio given as the increase"))))

    t2019, t2023 = D("61.2"), D("67.5")
    points = t2023 - t2019
    relative = points / t2019 * 100
    assert dec(relative, 1) != f"{points}"
    cases.append(Case(
        f"Turnout in the Valdor municipal election was {t2019}% in 2019 and {t2023}% in 2023, when 84,200 "
        "people were on the register.",
        "How many percentage points higher was Valdor's turnout in 2023 than in 2019?",
        (f"Turnout rose by **{points} percentage points**.",
         f"{t2023} − {t2019} = {points} points.",
         f"About {dec(points)} points (from {t2019}% to {t2023}%)."),
        ((f"Turnout rose by {dec(relative, 1)} percentage points.", "relative change given as points"),
         (f"Turnout rose by {points + 1} percentage points.", "arithmetic slip"),
         (f"Turnout fell by {points} percentage points.", "direction flipped"))))

    jacket, off = 180, 35
    sale = F(jacket * (100 - off), 100)
    cases.append(Case(
        f"The waxed jacket is €{jacket}, and this weekend everything in outerwear is {off}% off. Members get free "
        "returns within 60 days.",
        "What does the jacket cost in the sale?",
        (f"It comes to **€{dec(sale)}**.",
         f"{off}% of €{jacket} is €{dec(F(jacket * off, 100))}, so you pay €{dec(sale)}.",
         f"You'd pay {dec(sale)} euros."),
        ((f"It comes to €{dec(F(jacket * off, 100))}.", "the discount given as the price"),
         (f"It comes to €{jacket - off}.", "percent taken as euros"),
         (f"It comes to €{dec(sale + 10)}.", "arithmetic slip"))))
    bill, tip = D("86.40"), 18
    tip_amount = bill * tip / 100
    cases.append(Case(
        f"Dinner for four at Casa Lupo came to ${bill} before tip; we want to leave {tip}%. Parking was $12 and "
        "two of us had the set menu.",
        "How much is the tip?",
        (f"An {tip}% tip is **${dec(tip_amount, 2)}**.",
         f"${bill} × 0.{tip} = ${dec(tip_amount, 2)}, so about ${dec(tip_amount)}.",
         f"Around ${dec(tip_amount, 2)}, which makes the total ${dec(bill + tip_amount, 2)}."),
        ((f"The tip is ${dec(bill + tip_amount, 2)}.", "total given as the tip"),
         (f"The tip is ${dec(bill / 10, 2)}.", "ten percent used"),
         (f"The tip is ${dec((bill + 12) * tip / 100, 2)}.", "parking included"))))
    return cases


# ---- rates and products -------------------------------------------------------------------------------------------

def rates() -> list[Case]:
    cases = []
    per100, trip = D("7.4"), 385
    fuel = per100 * trip / 100
    cases.append(Case(
        f"The hire car averages {per100} L/100 km. Our trip to the coast is {trip} km one way, and diesel costs "
        "about €1.65 a litre.",
        "How much fuel will the one-way trip use?",
        (f"About **{dec(fuel, 1)} litres**.",
         f"{trip} km × {per100}/100 = {dec(fuel, 2)} L.",
         f"Roughly {dec(fuel)} litres of diesel."),
        ((f"About {dec(trip / per100, 1)} litres.", "divided instead of multiplied"),
         (f"About {dec(fuel * 2, 1)} litres.", "return trip"),
         (f"About {dec(fuel / 10, 2)} litres.", "decimal slip"))))

    principal, rate, years = 12000, D("4.5"), 3
    interest = principal * rate / 100 * years
    cases.append(Case(
        f"Maya borrowed £{principal:,} from the credit union at {rate}% simple interest a year, over {years} "
        "years. There was a £75 arrangement fee.",
        "How much interest will Maya pay in total?",
        (f"Maya pays **£{dec(interest)}** in interest.",
         f"£{principal:,} × {rate}% = £{dec(interest / years)} a year, × {years} = £{dec(interest)}.",
         f"Total interest: {dec(interest)} pounds."),
        ((f"Maya pays £{dec(interest / years)} in interest.", "one year only"),
         (f"Maya pays £{dec(principal + interest)} in interest.", "total repaid given as interest"),
         (f"Maya pays £{dec(interest + 75)} in interest.", "fee added"))))

    hours, wage, standard = D("37.5"), D("22.40"), 40
    pay = hours * wage
    cases.append(Case(
        f"Standard week at the depot is {standard} hours, but last week Leon worked {hours} hours at ${wage} an "
        "hour. Overtime starts after the standard week.",
        "What were Leon's gross earnings last week?",
        (f"Leon earned **${dec(pay, 2)}**.",
         f"{hours} × ${wage} = ${dec(pay, 2)}.",
         f"About ${dec(pay)} before tax."),
        ((f"Leon earned ${dec(standard * wage, 2)}.", "standard hours used"),
         (f"Leon earned ${dec(pay - 40, 2)}.", "arithmetic slip"),
         (f"Leon earned ${dec(hours + wage, 2)}.", "added instead of multiplied"))))

    mg_per_kg, weight, old_weight, cap = 15, 18, 17, 1000
    dose = mg_per_kg * weight
    assert dose < cap
    cases.append(Case(
        f"Paracetamol for children: {mg_per_kg} mg per kg of body weight per dose, no more than {cap:,} mg per "
        f"dose. Amara weighs {weight} kg today (she was {old_weight} kg at her last check-up).",
        "What single dose should Amara get?",
        (f"Amara's dose is **{dose} mg**.",
         f"{mg_per_kg} mg × {weight} kg = {dose} mg.",
         f"{dose} milligrams, well under the {cap:,} mg cap."),
        ((f"Amara's dose is {mg_per_kg * old_weight} mg.", "old weight used"),
         (f"Amara's dose is {cap:,} mg.", "cap given as the dose"),
         (f"Amara's dose is {dec(F(weight, mg_per_kg), 1)} mg.", "divided instead of multiplied"))))
    per_kg, kg, handling = D("2.35"), 14, 6
    cost = per_kg * kg + handling
    cases.append(Case(
        f"Courier rates to Lisbon: €{per_kg} per kg plus a flat €{handling} handling fee per parcel. Our parcel "
        f"weighs {kg} kg; delivery takes 3 to 5 working days and insurance is optional at €4.",
        "What will it cost to ship the parcel, handling included?",
        (f"It will cost **€{dec(cost, 2)}**.",
         f"{kg} × €{per_kg} = €{dec(per_kg * kg, 2)}, plus €{handling} handling = €{dec(cost, 2)}.",
         f"Roughly €{dec(cost)} all in (without insurance)."),
        ((f"It will cost €{dec(per_kg * kg, 2)}.", "handling fee left out"),
         (f"It will cost €{dec(per_kg * (kg + handling), 2)}.", "fee added to the weight"),
         (f"It will cost €{dec(cost + 4, 2)}.", "optional insurance added"))))
    return cases


# ---- averages -----------------------------------------------------------------------------------------------------

def averages() -> list[Case]:
    cases = []
    marks = {"Essay 1": 72, "Essay 2": 85, "Lab report": 91, "Quiz": 66, "Presentation": 88}
    mean = F(sum(marks.values()), len(marks))
    median = sorted(marks.values())[len(marks) // 2]
    assert dec(median) != dec(mean, 1) and mean > 80  # "just above the A boundary" below
    cases.append(Case(
        "Priya's marks this term:\n" + "\n".join(f"{k}: {v}" for k, v in marks.items()) +
        "\nThe department's grade boundary for an A is 80.",
        "What is Priya's average mark?",
        (f"Her average is **{dec(mean, 1)}**.",
         f"{' + '.join(map(str, marks.values()))} = {sum(marks.values())}, ÷ {len(marks)} = {dec(mean, 1)}.",
         f"About {dec(mean)} — just above the A boundary."),
        ((f"Her average is {median}.", "median given"),
         (f"Her average is {dec(F(sum(marks.values()), len(marks) - 1), 1)}.", "divided by one too few"),
         (f"Her average is {max(marks.values())}.", "highest mark given"))))

    temps = (14, 17, 19, 16, 12, 15, 18)
    mean_t = F(sum(temps), len(temps))
    cases.append(Case(
        "Daily highs in Porto last week (Mon–Sun): " + ", ".join(f"{t} °C" for t in temps) + ". Rain fell on two "
        "days, 24 mm in total.",
        "What was the average daily high?",
        (f"The average high was **{dec(mean_t, 1)} °C**.",
         f"{sum(temps)} ÷ {len(temps)} = {dec(mean_t, 1)}, so about {dec(mean_t)}°C.",
         f"Roughly {dec(mean_t)} degrees."),
        ((f"The average high was {dec(F(sum(temps), len(temps) - 1), 1)} °C.", "divided by six"),
         (f"The average high was {dec(F(sum(temps) + 24, len(temps)), 1)} °C.", "rainfall added"),
         (f"The average high was {dec(F(max(temps) + min(temps), 2), 1)} °C.", "midrange given"))))

    goals, games, played_all = 23, 14, 15
    gpg = F(goals, games)
    cases.append(Case(
        f"Rovers have scored {goals} goals in the {games} league games played so far (the schedule has "
        f"{played_all} at this point, one was postponed). They've conceded 19.",
        "How many goals per game are Rovers averaging?",
        (f"About **{dec(gpg, 2)} goals per game**.",
         f"{goals} ÷ {games} ≈ {dec(gpg, 2)}.",
         f"Roughly {dec(gpg, 1)} a game."),
        ((f"About {dec(F(games, goals), 2)} goals per game.", "divided the wrong way"),
         (f"About {dec(F(goals, played_all), 2)} goals per game.", "postponed game counted"),
         (f"About {dec(F(19, games), 2)} goals per game.", "goals conceded used"))))

    weights = {"Box A": D("12.4"), "Box B": D("9.8"), "Box C": D("15.1"), "Box D": D("11.3")}
    mean_w = sum(weights.values()) / len(weights)
    cases.append(Case(
        "Shipment 77 to Rotterdam contains four boxes:\n" + "\n".join(f"- {k}: {v} kg" for k, v in weights.items())
        + "\nThe pallet itself weighs 22 kg.",
        "What's the average weight of a box?",
        (f"The average box weighs **{dec(mean_w, 2)} kg**.",
         f"{sum(weights.values())} kg ÷ {len(weights)} = {dec(mean_w, 2)} kg per box.",
         f"About {dec(mean_w, 1)} kilograms each."),
        ((f"The average box weighs {dec((sum(weights.values()) + 22) / len(weights), 2)} kg.", "pallet added"),
         (f"The average box weighs {dec(sum(weights.values()) / 3, 2)} kg.", "divided by three"),
         (f"The average box weighs {sum(weights.values())} kg.", "total given"))))
    innings = (45, 12, 0, 78, 33)
    mean_runs = F(sum(innings), len(innings))
    cases.append(Case(
        "Patel's scores in the last five innings: " + ", ".join(map(str, innings)) + ". He was out every time, "
        "and his highest first-class score is 161.",
        "What is Patel's average over those five innings?",
        (f"He averages **{dec(mean_runs, 1)}**.",
         f"{sum(innings)} runs in {len(innings)} innings = {dec(mean_runs, 1)} per innings.",
         f"About {dec(mean_runs)} runs an innings."),
        ((f"He averages {dec(F(sum(innings), len(innings) - 1), 1)}.", "the duck left out of the count"),
         (f"He averages {sorted(innings)[2]}.", "median given"),
         (f"He averages {dec(F(sum(innings) + 161, len(innings) + 1), 1)}.", "best score added"))))
    return cases


# ---- fractions ----------------------------------------------------------------------------------------------------

def fractions() -> list[Case]:
    cases = []
    sugar, cocoa = F(3, 4), F(1, 2)
    half = sugar / 2
    doubled = sugar * 2
    assert doubled.numerator > doubled.denominator  # written as a mixed number below
    mixed = f"{doubled.numerator // doubled.denominator} {doubled - doubled.numerator // doubled.denominator}"
    cases.append(Case(
        f"The brownie recipe makes 16 squares and needs {sugar} cup of sugar, {cocoa} cup of cocoa and 2 eggs. "
        "Bake at 180 °C for 25 minutes.",
        "If I halve the recipe, how much sugar do I need?",
        (f"You'll need **{half.numerator}/{half.denominator} cup** of sugar.",
         f"Half of {sugar} is {half.numerator}/{half.denominator}, so {half.numerator}/{half.denominator} cup.",
         f"{half.numerator}/{half.denominator} of a cup (that's 6 tablespoons)."),
        ((f"You'll need {mixed} cups of sugar.", "doubled instead of halved"),
         (f"You'll need {cocoa / 2} cup of sugar.", "cocoa halved"),
         (f"You'll need {sugar} cup of sugar.", "not halved"))))

    pupils, passed, badges = 28, F(3, 4), 6
    n = int(pupils * passed)
    cases.append(Case(
        f"Class 9B has {pupils} pupils. Three quarters of them passed the swimming test, and {badges} of those "
        "also got the lifesaving badge.",
        "How many pupils in 9B passed the swimming test?",
        (f"**{n} pupils** passed.",
         f"3/4 of {pupils} = {n}.",
         f"{words(n).capitalize()} of the {pupils} pupils passed."),
        ((f"{pupils - n} pupils passed.", "those who failed"),
         (f"{n - badges} pupils passed.", "badge holders taken off"),
         (f"{pupils * 3 // 5} pupils passed.", "three fifths used"))))

    slices, eaten = 12, 5
    left = F(slices - eaten, slices)
    cases.append(Case(
        f"We ordered a {slices}-slice pizza for the meeting; Dev and Sam ate {eaten} slices between them before "
        "the others arrived. It cost £18.",
        "What fraction of the pizza was left?",
        (f"**{left.numerator}/{left.denominator}** of the pizza was left.",
         f"{slices} − {eaten} = {slices - eaten} slices, i.e. {left.numerator}/{left.denominator}.",
         f"A little over half — {left.numerator} twelfths."),
        ((f"{eaten}/{slices} of the pizza was left.", "the part eaten"),
         (f"{slices - eaten}/{eaten} of the pizza was left.", "wrong denominator"),
         (f"{slices - eaten - 1}/{slices} of the pizza was left.", "off by one"))))

    budget, rent_share = 2400, F(2, 5)
    rent = budget * rent_share
    cases.append(Case(
        f"Lena's monthly budget is €{budget:,}. Two fifths of it goes on rent, a quarter on food, and she saves "
        "what's left after bills.",
        "How much does Lena spend on rent each month?",
        (f"Lena spends **€{dec(rent)}** on rent.",
         f"2/5 × €{budget:,} = €{dec(rent)}.",
         f"{dec(rent)} euros a month goes on rent."),
        ((f"Lena spends €{dec(budget - rent)} on rent.", "the rest given"),
         (f"Lena spends €{dec(budget * F(1, 4))} on rent.", "food share used"),
         (f"Lena spends €{dec(rent + 100)} on rent.", "arithmetic slip"))))
    ballots, postal = 1240, F(3, 8)
    by_post = ballots * postal
    assert by_post.denominator == 1
    cases.append(Case(
        f"In the Elmfield parish poll {ballots:,} ballots were cast and three eighths of them were postal votes. "
        "The count finished at 1:40 a.m.; 9 ballots were rejected.",
        "How many of the ballots were postal votes?",
        (f"**{by_post}** were postal votes.",
         f"3/8 of {ballots:,} = {by_post}.",
         f"{by_post} of the {ballots:,} ballots came by post."),
        ((f"{ballots - by_post} were postal votes.", "the in-person ballots given"),
         (f"{ballots * 3 // 5} were postal votes.", "three fifths used"),
         (f"{by_post - 9} were postal votes.", "rejected ballots taken off"))))
    return cases


# ---- comparisons --------------------------------------------------------------------------------------------------

def comparisons() -> list[Case]:
    cases = []
    table = {"Harbour FC": (14, 5, 3), "Millers": (15, 0, 7), "Athletic": (12, 8, 2), "Borough": (13, 4, 5)}
    points = {k: 3 * w + d for k, (w, d, _l) in table.items()}
    top = max(points, key=points.get)
    most_wins = max(table, key=lambda k: table[k][0])
    third, second = sorted(points, key=points.get)[-3:-1]
    assert top != most_wins and len(set(points.values())) == len(points)
    cases.append(Case(
        "League table after 22 games (won, drawn, lost; 3 points a win, 1 a draw):\n" +
        "\n".join(f"- {k}: W{w} D{d} L{lost}" for k, (w, d, lost) in table.items()),
        "Which team is top of the league?",
        (f"**{top}** are top with {points[top]} points.",
         f"{top}: {table[top][0]} × 3 + {table[top][1]} = {points[top]} points, more than anyone else.",
         f"It's {top}, ahead of {second} on {points[second]}."),
        ((f"**{most_wins}** are top with {table[most_wins][0]} wins.", "most wins, not most points"),
         (f"{third} are top with {points[third]} points.", "third place given"),
         (f"{second} are top with {points[top]} points.", "right figure, wrong team"))))

    cities = {"Carvell": (210000, 231000), "Ostby": (54000, 62100)}
    abs_growth = {k: b - a for k, (a, b) in cities.items()}
    rel_growth = {k: F(b - a, a) for k, (a, b) in cities.items()}
    fastest = max(rel_growth, key=rel_growth.get)
    biggest = max(abs_growth, key=abs_growth.get)
    assert fastest != biggest
    cases.append(Case(
        "Census 2010 vs 2020: " + "; ".join(f"{k} went from {a:,} to {b:,} residents" for k, (a, b) in
                                           cities.items()) + ". Both cities are in the same county.",
        "Which city grew faster in percentage terms?",
        (f"**{fastest}** grew faster, by {dec(rel_growth[fastest] * 100)}%.",
         f"{fastest}: +{abs_growth[fastest]:,} on {cities[fastest][0]:,} is {dec(rel_growth[fastest] * 100)}%, vs "
         f"{dec(rel_growth[biggest] * 100)}% for {biggest}.",
         f"{fastest}, even though {biggest} added more people."),
        ((f"**{biggest}** grew faster, adding {abs_growth[biggest]:,} people.", "absolute growth compared"),
         (f"{biggest} grew faster, by {dec(rel_growth[fastest] * 100)}%.", "right figure, wrong city"),
         ("They grew at the same rate.", "equal growth claimed"))))

    plans = {"Volta": (D("15.00"), 20), "Nimbus": (D("9.50"), 10), "Pulse": (D("24.00"), 40)}
    per_gb = {k: price / gb for k, (price, gb) in plans.items()}
    cheapest = min(per_gb, key=per_gb.get)
    cheapest_monthly = min(plans, key=lambda k: plans[k][0])
    assert cheapest != cheapest_monthly
    cases.append(Case(
        "Mobile plans on offer:\n" + "\n".join(f"{k}: €{p} a month for {gb} GB" for k, (p, gb) in plans.items()) +
        "\nAll include unlimited calls and a 12-month contract.",
        "Which plan is cheapest per gigabyte?",
        (f"**{cheapest}**, at €{dec(per_gb[cheapest], 2)} per GB.",
         f"{cheapest}: €{plans[cheapest][0]} ÷ {plans[cheapest][1]} = €{dec(per_gb[cheapest], 2)}/GB, the "
         "lowest of the three.",
         f"The {cheapest} plan works out cheapest per GB."),
        ((f"**{cheapest_monthly}**, at €{plans[cheapest_monthly][0]} a month.", "cheapest monthly price"),
         (f"{cheapest_monthly}, at €{dec(per_gb[cheapest], 2)} per GB.", "right figure, wrong plan"),
         (f"Volta, at €{dec(per_gb['Volta'], 2)} per GB.", "middle plan given"))))

    cars = {"Kestrel 1.2": D("5.4"), "Arden Hybrid": D("4.1"), "Soren TDI": D("4.8")}
    best = min(cars, key=cars.get)
    worst = max(cars, key=cars.get)
    cases.append(Case(
        "Official combined consumption: " + ", ".join(f"the {k} uses {v} L/100 km" for k, v in cars.items()) +
        ". The Soren has the biggest boot, at 520 litres.",
        "Which car is the most fuel-efficient?",
        (f"The **{best}**, at {cars[best]} L/100 km.",
         f"The {best} — it uses the least fuel, {cars[best]} litres per 100 km.",
         f"{best}."),
        ((f"The {worst}, at {cars[worst]} L/100 km.", "highest consumption taken as best"),
         (f"The Soren TDI, at {cars[best]} L/100 km.", "right figure, wrong car"),
         ("The Soren TDI, at 520 L/100 km.", "boot volume taken as consumption"))))
    yearly, monthly = D("4.2"), D("0.33")
    monthly_year = monthly * 12
    assert yearly > monthly_year
    cases.append(Case(
        f"Northway Bank's saver pays {yearly}% a year. Cobalt pays {monthly}% a month, paid monthly and not "
        "compounded. Both need a £500 minimum balance; Cobalt allows one free withdrawal a month.",
        "Over a full year, would Northway or Cobalt pay me more interest?",
        (f"**Northway** — {yearly}% against {monthly_year}% a year at Cobalt.",
         f"Cobalt's {monthly}% × 12 = {monthly_year}%, so Northway pays more.",
         "Northway Bank pays a little more."),
        (("Cobalt pays more.", "monthly rate not annualised"),
         (f"Cobalt, at {yearly}% a year.", "right figure, wrong bank"),
         ("They pay the same over a year.", "equal rates claimed"))))
    return cases


# ---- yes/no -------------------------------------------------------------------------------------------------------

def yes_nos() -> list[Case]:
    cases = []
    limit, suitcase, laptop_bag = 23, D("21.7"), D("1.8")
    both = suitcase + laptop_bag
    assert both > limit and suitcase < limit
    cases.append(Case(
        f"Checked-baggage allowance on this fare is one bag of up to {limit} kg. Zoe's suitcase weighs {suitcase} "
        f"kg, and she wants to put her {laptop_bag} kg laptop bag inside it. Cabin bags may be 8 kg.",
        "Will the suitcase still be within the allowance with the laptop bag inside?",
        (f"**No** — {suitcase} + {laptop_bag} = {both} kg, over the {limit} kg limit.",
         f"No, it would come to {both} kg.",
         f"Unfortunately not: that's {dec(both - limit, 1)} kg too heavy."),
        ((f"Yes — {suitcase} kg is within the {limit} kg limit.", "laptop bag not added"),
         (f"Yes, {suitcase} + {laptop_bag} = {both - 1} kg, just under {limit} kg.", "arithmetic slip"),
         ("Yes, it's under the limit.", "flipped yes/no"))))

    max_daily, tablet, taken = 4000, 500, 6
    so_far = tablet * taken
    more = 2
    assert so_far + more * tablet == max_daily  # "exactly the maximum" below
    assert so_far + (more + 1) * tablet > max_daily
    cases.append(Case(
        f"The leaflet says adults may take up to {max_daily:,} mg of paracetamol in 24 hours, in {tablet} mg "
        f"tablets, with at least 4 hours between doses. Since this morning Sam has taken {taken} tablets.",
        f"Can Sam safely take {more} more tablets today without going over the daily maximum?",
        (f"**Yes** — {taken + more} × {tablet} mg = {(taken + more) * tablet:,} mg, which is exactly the maximum.",
         f"Yes, {so_far:,} mg so far plus {more * tablet:,} mg makes {so_far + more * tablet:,} mg, not over "
         f"{max_daily:,}.",
         "Yes, but that would be the limit for the day."),
        ((f"No — {taken + more} tablets would go over {max_daily:,} mg.", "flipped yes/no"),
         (f"No, {taken + more} × {tablet} mg = {(taken + more + 1) * tablet:,} mg, over the limit.",
          "arithmetic slip"),
         (f"No, he's already at {so_far + tablet:,} mg.", "off by one tablet"))))

    arrive = datetime(2025, 3, 14, 14, 52)
    depart = datetime(2025, 3, 14, 15, 5)
    min_transfer = 10
    gap = int((depart - arrive).total_seconds() // 60)
    assert gap >= min_transfer
    cases.append(Case(
        f"The ICE from Cologne reaches Frankfurt Hbf at {clock(arrive)}. The regional train to Darmstadt leaves "
        f"at {clock(depart)}; the station's minimum transfer time is {min_transfer} minutes. The next one is at "
        "15:35.",
        "Can I make the 15:05 connection?",
        (f"**Yes** — you have {gap} minutes, more than the {min_transfer}-minute minimum.",
         f"Yes, {clock(arrive)} to {clock(depart)} is {words(gap)} minutes.",
         f"Yes, with {gap - min_transfer} minutes to spare over the minimum transfer time."),
        ((f"No — you only have {gap - 10} minutes.", "arithmetic slip"),
         (f"No, the {min_transfer}-minute transfer isn't enough.", "flipped yes/no"),
         (f"No, you have {gap} minutes, less than the {min_transfer}-minute minimum.", "comparison reversed"))))

    savings, deposit_pct, price = 31500, 10, 340000
    needed = price * deposit_pct // 100
    assert savings < needed
    cases.append(Case(
        f"The flat is on the market for £{price:,}. The lender wants a {deposit_pct}% deposit, and stamp duty "
        f"would be waived for a first-time buyer. Kofi has £{savings:,} saved.",
        "Does Kofi have enough for the deposit?",
        (f"**No.** The deposit is £{needed:,}, and Kofi has £{savings:,} — £{needed - savings:,} short.",
         f"No: {deposit_pct}% of £{price:,} is £{needed:,}.",
         f"Not quite; he needs another £{needed - savings:,}."),
        ((f"Yes, the deposit is £{needed // 10:,}.", "1% used instead of 10%"),
         ("Yes, he has enough for the deposit.", "flipped yes/no"),
         (f"Yes — £{savings:,} covers the £{needed - 5000:,} deposit.", "arithmetic slip"))))
    in_tank, per100, trip = 38, D("6.5"), 560
    needed = per100 * trip / 100
    assert needed < in_tank
    cases.append(Case(
        f"The tank holds 45 litres and the gauge shows {in_tank} litres left. On the motorway the car uses about "
        f"{per100} L/100 km. It's {trip} km to Montpellier, with a toll of €48.",
        "Can we reach Montpellier without refuelling?",
        (f"**Yes** — you'll need about {dec(needed, 1)} L and have {in_tank} L.",
         f"Yes: {trip} × {per100}/100 = {dec(needed, 1)} litres, just under the {in_tank} in the tank.",
         f"Yes, with roughly {dec(in_tank - needed, 1)} litres to spare."),
        ((f"No — you'd need {dec(trip / per100, 1)} litres.", "divided instead of multiplied"),
         ("No, you'll have to stop for fuel.", "flipped yes/no"),
         (f"No, you need {dec(needed + 2, 1)} litres and only have {in_tank}.", "arithmetic slip"))))
    return cases


# ---- times of day -------------------------------------------------------------------------------------------------

def times_of_day() -> list[Case]:
    cases = []
    ny = datetime(2025, 1, 20, 9, 30)
    ny_utc, berlin_utc = -5, 1
    berlin = ny + timedelta(hours=berlin_utc - ny_utc)
    cases.append(Case(
        f"The kick-off call is at {clock(ny)} in New York (UTC−5 in January). Our Berlin team is on UTC+1 and "
        "the Mumbai office on UTC+5:30; the call is booked for 45 minutes.",
        "What time does the call start in Berlin?",
        (f"It starts at **{clock(berlin)}** in Berlin.",
         f"Berlin is {berlin_utc - ny_utc} hours ahead, so {clock(ny)} + 6 h = {clock(berlin)}.",
         f"{ampm(berlin)} Berlin time."),
        ((f"It starts at {clock(ny - timedelta(hours=6))} in Berlin.", "shifted the wrong way"),
         (f"It starts at {clock(berlin - timedelta(hours=1))} in Berlin.", "off by one hour"),
         (f"It starts at {clock(ny + timedelta(hours=10, minutes=30))} in Berlin.", "Mumbai offset used"))))

    dep = datetime(2025, 6, 3, 22, 40)
    flight = timedelta(hours=7, minutes=35)
    arr = dep + flight
    cases.append(Case(
        f"Flight KL 592 leaves at {clock(dep)} and the flight time is 7 h 35 min; both airports are in the same "
        "time zone. Boarding closes 20 minutes before departure.",
        "What time does the flight land?",
        (f"It lands at **{clock(arr)}** the next morning.",
         f"{clock(dep)} + 7 h 35 min = {clock(arr)} the following day.",
         f"Around {ampm(arr)}."),
        ((f"It lands at {clock(arr - timedelta(hours=1))} the next morning.", "off by one hour"),
         (f"It lands at {clock(dep + timedelta(hours=7, minutes=53))}.", "digits swapped in the minutes"),
         (f"It lands at {clock(dep - flight)}.", "subtracted instead of added"))))

    first, every, nth = datetime(2025, 9, 1, 6, 10), 20, 5
    fifth = first + timedelta(minutes=every * (nth - 1))
    cases.append(Case(
        f"The number 14 bus leaves the depot at {clock(first)} and then every {every} minutes until 23:30. The "
        "ride to the hospital takes 25 minutes.",
        f"What time does the {nth}th bus of the day leave?",
        (f"The {nth}th bus leaves at **{clock(fifth)}**.",
         f"{clock(first)} + {nth - 1} × {every} min = {clock(fifth)}.",
         f"At {ampm(fifth)}."),
        ((f"The {nth}th bus leaves at {clock(fifth + timedelta(minutes=every))}.", "off by one interval"),
         (f"The {nth}th bus leaves at {clock(fifth + timedelta(minutes=25))}.", "ride time added"),
         (f"The {nth}th bus leaves at {clock(fifth - timedelta(minutes=every))}.", "off by one interval"))))

    first_dose, gap_h = datetime(2025, 2, 10, 7, 0), 8
    third = first_dose + timedelta(hours=gap_h * 2)
    cases.append(Case(
        f"Take one capsule every {gap_h} hours; the first today was at {clock(first_dose)}. The course lasts "
        "7 days and capsules are 250 mg.",
        "When is the third capsule of the day due?",
        (f"The third capsule is due at **{clock(third)}**.",
         f"{clock(first_dose)}, then {clock(first_dose + timedelta(hours=gap_h))}, then {clock(third)}.",
         f"At {ampm(third)} tonight."),
        ((f"The third capsule is due at {clock(third + timedelta(hours=gap_h))} tomorrow.", "off by one dose"),
         (f"The third capsule is due at {clock(first_dose + timedelta(hours=gap_h))}.", "second dose given"),
         (f"The third capsule is due at {clock(third - timedelta(hours=1))}.", "off by one hour"))))
    tokyo = datetime(2026, 1, 17, 19, 0)
    tokyo_utc, london_utc = 9, 0
    london = tokyo - timedelta(hours=tokyo_utc - london_utc)
    cases.append(Case(
        f"The match kicks off at {clock(tokyo)} local time in Tokyo (UTC+9). London is on GMT (UTC+0) in "
        "January; the broadcast starts 30 minutes before kick-off.",
        "What time is kick-off in London?",
        (f"Kick-off is at **{clock(london)}** in London.",
         f"Tokyo is 9 hours ahead, so {clock(tokyo)} − 9 h = {clock(london)} GMT.",
         f"{ampm(london)} London time, the same morning."),
        ((f"Kick-off is at {clock(tokyo + timedelta(hours=9))} in London.", "shifted the wrong way"),
         (f"Kick-off is at {clock(london - timedelta(minutes=30))} in London.", "broadcast start given"),
         (f"Kick-off is at {clock(london + timedelta(hours=1))} in London.", "summer time used"))))
    return cases


SCENARIOS = {"sum": sums, "difference": differences, "count": counts, "date_difference": date_differences,
             "unit_conversion": conversions, "rounding": roundings, "percentage": percentages, "rate": rates,
             "average": averages, "fraction": fractions, "comparison": comparisons, "yes_no": yes_nos,
             "time_of_day": times_of_day}
assert tuple(SCENARIOS) == KINDS


def build() -> list[dict]:
    rows = []
    for kind, scenarios in SCENARIOS.items():
        for i, case in enumerate(scenarios()):
            assert len(case.right) == len(case.wrong)
            answers = [(a, 0, None) for a in case.right] + [(a, 1, error) for a, error in case.wrong]
            for n, (response, label, error) in enumerate(answers):
                rows.append({"id": f"heldout2-{kind}-{i}-{n}", "source": "lmgate/computed-heldout2", "task": "qa",
                             "kind": kind, "question": case.question, "context": case.context,
                             "response": response, "label": label, "error": error, "split": "test"})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="write here instead of stdout")
    args = ap.parse_args()
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in build())
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(lines)
    else:
        sys.stdout.write(lines)


if __name__ == "__main__":
    main()
