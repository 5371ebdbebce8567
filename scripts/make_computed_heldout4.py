"""Write the fourth held-out set of "computed answers": answers that follow from their context only by
arithmetic, counting, dates, units, rounding or a yes/no decided by figures, half of them right and half
wrong.

Run it with `.venv/bin/python scripts/make_computed_heldout4.py [--out computed_heldout4.jsonl]`; without
`--out` the rows go to stdout, one JSON object a line.

Why it exists: the `grounding` detector was tuned on the earlier computed sets, so its scores there no longer
say how it does on answers nobody looked at while tuning it. This set was written apart from the detector,
its tests and the bodies of the other sets' scripts, in domains none of them use, so it can measure the
detector honestly.

What is in it: 13 kinds (sum, difference, count, date_difference, unit_conversion, rounding, percentage,
rate, average, fraction, comparison, yes_no, time_of_day), four scenarios each, every scenario one context
and one question answered three times correctly (label 0) and three times wrongly (label 1). Domains:
vineyard harvest, a print shop, a marathon relay, museums, wind and hydro power, a dental practice, a
fishing cooperative, an observatory, a seed bank and a wildflower nursery, a choir, ski lifts and snow
depths, hill trails, a brewery and a gin distillery, a campsite, a hotel, a zoo and a wildlife park, a
botanical garden, a coffee roaster, a dairy farm, a recycling centre, a climbing gym, a distribution
centre, trams, a pottery, a glass studio, a rowing club, a vet practice, a glasshouse, a hedgerow project,
a record office, a data centre and a forge. Contexts carry figures the question does not need and write
numbers the ways documents do (thousands separators, decimals, number words, units spelled out or
abbreviated, £ $ €, ISO and written dates, 24- and 12-hour clocks).

Answer styles, mixed within each scenario: a terse figure, a sentence restating the question, a chat reply
with Markdown bold, a worked step, a hedge ("about") with correct rounding, number words, a unit other than
the context's, a figure copied from the context beside the computed one. Wrong answers carry the mistakes
people and models make: off by one, the wrong operation, a conversion the wrong way or not at all, a
distractor figure used, truncation for rounding, a flipped yes/no, percentage points for a relative change,
an arithmetic slip, the part for the rest, the wrong pair of dates, the right figure on the wrong entity,
a wrong worked step, am for pm.

Every figure is computed here from the variables the context is written from, and every claim an answer
makes (yes/no, "the most", "under the limit") and every wrong answer's difference from the right value is
checked by an assert, so the labels cannot drift from the text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

SOURCE = "lmgate/computed-heldout4"
KINDS = ("sum", "difference", "count", "date_difference", "unit_conversion", "rounding", "percentage", "rate",
         "average", "fraction", "comparison", "yes_no", "time_of_day")
D = Decimal


@dataclass(frozen=True)
class Scenario:
    kind: str
    name: str
    context: str
    question: str
    right: tuple[str, ...]
    wrong: tuple[tuple[str, str], ...]  # (response, what is wrong with it)


# --- how figures are written ---------------------------------------------------------------------------

def num(x: int | Decimal, places: int | None = None) -> str:
    """12400 -> '12,400'; a Decimal without trailing zeros unless `places` fixes them (half up)."""
    if isinstance(x, int):
        return f"{x:,}"
    if places is not None:
        return f"{round_to(x, places):,f}"
    return f"{x.normalize():,f}"


def round_to(x: Decimal, places: int) -> Decimal:
    return x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


def cut_to(x: Decimal, places: int) -> Decimal:
    return x.quantize(D(1).scaleb(-places), rounding=ROUND_DOWN)


def nearest(n: int, step: int) -> int:
    return (n + step // 2) // step * step


def money(symbol: str, x: Decimal | int, places: int = 2) -> str:
    return f"{symbol}{num(D(x), places)}"


def temp(x: Decimal) -> str:
    return f"{'−' if x < 0 else ''}{abs(x)} °C"


ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def words(n: int) -> str:
    """British number words: 187 -> 'one hundred and eighty-seven'."""
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + (f"-{ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{ONES[hundreds]} hundred" + (f" and {words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    tail = "" if not rest else f" and {words(rest)}" if rest < 100 else f" {words(rest)}"
    return f"{words(thousands)} thousand{tail}"


def cap(text: str) -> str:
    return text[0].upper() + text[1:]


PARTS = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 8: "eighth", 9: "ninth"}


def fraction_words(f: Fraction) -> str:
    part = PARTS[f.denominator]
    if f.numerator == 1:
        return f"one {part}"
    return f"{words(f.numerator)} {'halves' if part == 'half' else part + 's'}"


def listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def long_date(d: date) -> str:
    return f"{d.day} {d:%B} {d.year}"


def us_date(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def clock24(minutes: int) -> str:
    hours, mins = divmod(minutes % 1440, 60)
    return f"{hours:02d}:{mins:02d}"


def clock12(minutes: int) -> str:
    hours, mins = divmod(minutes % 1440, 60)
    return f"{(hours - 1) % 12 + 1}:{mins:02d} {'am' if hours < 12 else 'pm'}"


def hm(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60} min"


def mmss(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def hms(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


# --- sum -----------------------------------------------------------------------------------------------

def sum_vineyard() -> Scenario:
    riesling, pinot, gamay = 1840, 2315, 975
    pickers, price, brix = 14, D("1.60"), D("23.5")
    total = riesling + pinot + gamay
    tonnes = round_to(D(total) / 1000, 1)
    slip, two_blocks, bad_tonnes = total + 100, riesling + pinot, tonnes + D("0.2")
    assert len({total, slip, two_blocks}) == 3 and bad_tonnes != round_to(D(total) / 1000, 1)
    return Scenario(
        "sum", "vineyard",
        f"Hollowmere Vineyard, harvest log 2024\nRiesling terrace: {num(riesling)} kg at {brix} °Brix\n"
        f"Pinot slope: {num(pinot)} kg\nOld Gamay block: {num(gamay)} kg\n"
        f"Picking crew: {pickers}; co-op price €{price} per kg",
        "How many kilograms of grapes came in from Hollowmere's three blocks?",
        (f"{num(total)} kg",
         f"{num(riesling)} + {num(pinot)} + {num(gamay)} = {num(total)} kg",
         f"About **{tonnes} tonnes** in total ({num(total)} kg)."),
        ((f"{num(riesling)} + {num(pinot)} + {num(gamay)} = {num(slip)} kg", "arithmetic slip in the sum"),
         (f"The three blocks brought in {num(two_blocks)} kg of grapes.", "left out the Old Gamay block"),
         (f"About {bad_tonnes} tonnes in total.", "tonnage rounded wrongly")))


def sum_print_order() -> Scenario:
    cards, card_price = 250, D("0.12")
    posters, poster_price = 40, D("3.50")
    delivery, order_no, gsm, days = D("8.00"), 4471, 350, 3
    cards_cost, posters_cost = cards * card_price, posters * poster_price
    total = cards_cost + posters_cost + delivery
    assert total == total.to_integral_value()
    no_delivery = cards_cost + posters_cost
    slipped_cards = cards_cost / 10
    unit_prices = card_price + poster_price + delivery
    assert len({total, no_delivery, slipped_cards + posters_cost + delivery, unit_prices}) == 4
    return Scenario(
        "sum", "print_order",
        f"Order #{order_no} — Inkwell Print Co.\n- {cards} business cards, {gsm} gsm, £{card_price} each\n"
        f"- {posters} A2 posters, £{poster_price} each\n- Delivery: £{delivery} flat\n"
        f"Ready in {words(days)} working days.",
        f"What does order #{order_no} cost in total, delivery included?",
        (money("£", total),
         f"{cards} × £{card_price} = {money('£', cards_cost)}, {posters} × £{poster_price} = "
         f"{money('£', posters_cost)}, plus {money('£', delivery)} delivery: {money('£', total)} in total.",
         f"The order comes to **{money('£', total, 0)}** including delivery."),
        ((money("£", no_delivery), "left out the delivery charge"),
         (f"{cards} × £{card_price} = {money('£', slipped_cards)}, {posters} × £{poster_price} = "
          f"{money('£', posters_cost)}, plus {money('£', delivery)} delivery: "
          f"{money('£', slipped_cards + posters_cost + delivery)} in total.",
          "decimal slip in the business-card line"),
         (f"£{card_price} + £{poster_price} + £{delivery} = {money('£', unit_prices)}",
          "added the unit prices without multiplying by the quantities")))


def sum_relay() -> Scenario:
    legs = {"Ana": 38 * 60 + 45, "Bilal": 41 * 60 + 12, "Chen": 39 * 60 + 58, "Dervla": 44 * 60 + 7}
    winners, bib = 2 * 3600 + 21 * 60 + 36, 217
    total = sum(legs.values())
    first_three = total - legs["Dervla"]
    assert len({total, total - 60, first_three, winners}) == 4
    times = [mmss(t) for t in legs.values()]
    return Scenario(
        "sum", "relay",
        f"Harbour Harriers, city marathon relay (bib {bib}). Leg times: "
        + ", ".join(f"{name} {mmss(t)}" for name, t in legs.items())
        + f". Each leg is roughly 10.5 km; the winning team finished in {hms(winners)}.",
        "What was the Harbour Harriers' total time over the four legs?",
        (hms(total),
         f"The team's four legs add up to {total // 3600} hours {total % 3600 // 60} minutes {total % 60} seconds.",
         f"{' + '.join(times)} = {total // 60} min {total % 60} s, i.e. {hms(total)}."),
        ((hms(total - 60), "dropped a carried minute"),
         (f"{' + '.join(times[:3])} = {hms(first_three)}", "left out the last leg"),
         (f"The Harriers finished in {hms(winners)}.", "gave the winning team's time")))


def sum_museum_weekend() -> Scenario:
    friday, saturday, sunday, fee, opened = 1875, 3412, 2968, 14, 1891
    total = saturday + sunday
    assert len({total, total + friday, saturday - sunday, total - 10}) == 4
    return Scenario(
        "sum", "museum_weekend",
        f"Visitor figures, Museum of Rope and Sail, week 32: Friday {num(friday)} (including a dozen school "
        f"groups), Saturday {num(saturday)}, Sunday {num(sunday)}. Adult entry €{fee}; the museum opened in "
        f"{opened}.",
        "How many people visited the Museum of Rope and Sail over the weekend?",
        (f"{num(total)} visitors.",
         f"Over the weekend the museum had {num(total)} visitors ({num(saturday)} on Saturday and {num(sunday)} "
         "on Sunday).",
         f"{cap(words(total))} people visited over the weekend."),
        ((f"{num(total + friday)} visitors", "counted Friday as part of the weekend"),
         (f"**{num(saturday - sunday)}** visitors", "subtracted Sunday from Saturday instead of adding"),
         (f"Over the weekend the museum had {num(total - 10)} visitors.", "arithmetic slip")))


# --- difference ----------------------------------------------------------------------------------------

def difference_wind_farm() -> Scenario:
    march, april, turbines, capacity_factor = 21075, 18420, 42, 31
    diff = march - april
    gwh = round_to(D(diff) / 1000, 1)
    assert len({diff, diff - 10, march + april}) == 3
    return Scenario(
        "difference", "wind_farm",
        f"Brackenfell Wind Farm ({turbines} turbines), monthly generation: March {num(march)} MWh; April "
        f"{num(april)} MWh (capacity factor {capacity_factor}%).",
        "How much less electricity did Brackenfell generate in April than in March?",
        (f"{num(diff)} MWh less.",
         f"April's output was {num(diff)} MWh below March's ({num(march)} − {num(april)}).",
         f"About {gwh} GWh less ({num(diff)} MWh)."),
        ((f"{num(diff - 10)} MWh less.", "arithmetic slip"),
         (f"April generated {num(diff)} MWh more than March.", "got the direction of the change backwards"),
         (f"{num(march + april)} MWh", "added the months instead of subtracting")))


def difference_dental_register() -> Scenario:
    january, june, dentists, hygiene = 1204, 1391, 6, 1050
    diff = june - january
    assert len({diff, diff + 10, january - hygiene}) == 3
    return Scenario(
        "difference", "dental_register",
        f"Kestrel Dental Practice had {num(january)} registered patients on 1 January and {num(june)} on 30 June. "
        f"{cap(words(dentists))} dentists work there, and {num(hygiene)} hygiene appointments were booked in the "
        "half-year.",
        "By how many patients did Kestrel's register grow between January and June?",
        (f"{diff}",
         f"The register grew by {words(diff)} patients.",
         f"{num(june)} − {num(january)} = {diff} more patients."),
        ((f"{num(june)} − {num(january)} = {diff + 10} more patients.", "wrong subtraction in the worked step"),
         (f"It grew by {january - hygiene} patients.", "used the hygiene-appointment figure"),
         (f"The register shrank by {diff} patients.", "got the direction of the change backwards")))


def difference_fishery_quota() -> Scenario:
    quota, landed, vessels, price = D("48.5"), D("36.75"), 3, 2340
    left = quota - landed
    assert len({left, left + D("0.5"), quota + landed}) == 3
    return Scenario(
        "difference", "fishery_quota",
        f"Skerry Bay Fishers' cooperative: pollack quota for 2025 is {quota} tonnes. Its {words(vessels)} vessels "
        f"have landed {landed} tonnes so far, at an average first-sale price of £{num(price)} per tonne.",
        "How much of the cooperative's pollack quota is still left to land?",
        (f"{num(left)} tonnes",
         f"{num(left * 1000)} kg of the quota remain.",
         f"**{num(left)} t** left ({quota} − {landed})."),
        ((f"{num(left + D('0.5'))} tonnes", "arithmetic slip"),
         (f"{num(left)} kg", "right figure in the wrong unit"),
         (f"{num(quota + landed)} tonnes", "added the landings to the quota")))


def difference_observatory_temperature() -> Scenario:
    noon, dawn, altitude, humidity = D("6.5"), D("-11.0"), 2390, 18
    drop = noon - dawn
    no_sign = abs(dawn) - noon
    miscopied = dawn - D("0.5")
    assert len({drop, no_sign, drop - 1}) == 3 and miscopied != dawn
    return Scenario(
        "difference", "observatory_temperature",
        f"Sierra Alta Observatory weather mast ({num(altitude)} m): air temperature {temp(noon)} at 12:00 and "
        f"{temp(dawn)} at 05:30 the next morning; relative humidity {humidity}%.",
        "By how much did the air temperature fall between the noon reading and the 05:30 one?",
        (f"{drop} °C",
         f"It fell by {drop} degrees, from {temp(noon)} to {temp(dawn)}.",
         f"A drop of {drop} °C ({noon} − ({'−' if dawn < 0 else ''}{abs(dawn)}))."),
        ((f"{no_sign} °C", "ignored the minus sign of the 05:30 reading"),
         (f"{drop - 1} °C", "off by one degree"),
         (f"It fell by {drop} °C, down to {temp(miscopied)}.", "copied the 05:30 reading wrongly")))


# --- count ---------------------------------------------------------------------------------------------

def count_seed_bank() -> Scenario:
    results = [("SB-0113", "Lathyrus sylvestris", 92), ("SB-0121", "Vicia cracca", 78),
               ("SB-0138", "Trifolium medium", 88), ("SB-0142", "Lotus pedunculatus", 85),
               ("SB-0157", "Medicago lupulina", 96), ("SB-0163", "Onobrychis viciifolia", 61),
               ("SB-0170", "Melilotus albus", 87)]
    threshold, strict_bar, stored_at, tested = 85, 90, D("-18"), 50
    above = [code for code, _, rate in results if rate > threshold]
    at_least = [code for code, _, rate in results if rate >= threshold]
    over_90 = [code for code, _, rate in results if rate > strict_bar]
    assert len({len(above), len(at_least), len(above) - 1, len(over_90)}) == 4
    return Scenario(
        "count", "seed_bank",
        f"Germination tests, Fernhill Seed Bank (stored at {temp(stored_at)}; {tested} seeds tested per "
        "accession):\n" + "\n".join(f"{code} {species}: {rate}%" for code, species, rate in results),
        f"How many accessions germinated at a rate above {threshold}%?",
        (f"{len(above)}",
         f"{cap(words(len(above)))} accessions: {listing(above)}.",
         f"**{len(above)}** of the {len(results)} accessions are above {threshold}%."),
        ((f"{len(at_least)}", f"counted the accession at exactly {threshold}% as above it"),
         (f"{cap(words(len(above) - 1))} accessions: {listing(above[:-1])}.", "missed one accession"),
         (f"Only {len(over_90)} — {listing(over_90)} (above {strict_bar}%).", "applied the wrong threshold")))


def count_choir() -> Scenario:
    roster = [("Agnes", "S"), ("Owen", "T"), ("Ines", "A"), ("Gareth", "B"), ("Morag", "A"), ("Bea", "S"),
              ("Piotr", "T"), ("Priya", "A"), ("Carmen", "S"), ("Hamish", "B"), ("Delphine", "A"),
              ("Sean", "T"), ("Dilys", "S"), ("Ruth", "A")]
    subs, rehearsal = 4, 19 * 60 + 30
    altos = [name for name, part in roster if part == "A"]
    sopranos = [name for name, part in roster if part == "S"]
    assert len({len(altos), len(sopranos), len(altos) + 1, len(roster)}) == 4
    return Scenario(
        "count", "choir",
        "St Brannock Community Choir, roster for the spring concert: "
        + ", ".join(f"{name} {part}" for name, part in roster)
        + f". (S = soprano, A = alto, T = tenor, B = bass.) Rehearsals Thursdays at {clock24(rehearsal)}; subs "
        f"£{subs} a month.",
        "How many altos are on the spring concert roster?",
        (f"{len(altos)}",
         f"There are {words(len(altos))} altos.",
         f"The altos are {listing(altos)} — {len(altos)} in all."),
        ((f"There are {words(len(sopranos))} altos.", "gave the number of sopranos"),
         (f"{len(altos) + 1}", "off by one"),
         (f"{len(roster)} altos", "counted the whole roster")))


def count_ski_lifts() -> Scenario:
    lifts = [("Edelweiss chair", "open", 2400), ("Gams T-bar", "closed", 900),
             ("Panorama gondola", "open", 2800), ("Murmel drag lift", "open", 720),
             ("Gletscher chair", "on hold (wind)", 2000), ("Kinderland carpet", "open", 600),
             ("Nordwand chair", "closed", 1800), ("Sonnenhang chair", "open", 2200)]
    open_lifts = [name for name, status, _ in lifts if status == "open"]
    on_hold = [name for name, status, _ in lifts if status.startswith("on hold")]
    not_open = len(lifts) - len(open_lifts)
    assert len({len(open_lifts), len(open_lifts) + len(on_hold), not_open, len(open_lifts) - 1}) == 4
    return Scenario(
        "count", "ski_lifts",
        "Lift status at 09:15, Hochalm ski area (capacity in persons per hour):\n"
        + "\n".join(f"- {name}: {status}, {num(capacity)} p/h" for name, status, capacity in lifts),
        "How many lifts are open right now?",
        (f"{len(open_lifts)}",
         f"{cap(words(len(open_lifts)))} lifts are running.",
         f"{len(open_lifts)} of the {len(lifts)} lifts are open: {listing(open_lifts)}."),
        ((f"{len(open_lifts) + len(on_hold)}", "counted the lift on wind hold as open"),
         (f"{cap(words(not_open))} lifts are running.", "counted the lifts that are not open"),
         (f"{len(open_lifts) - 1} of the {len(lifts)} lifts are open: {listing(open_lifts[:-1])}.",
          "missed one open lift")))


def count_trails() -> Scenario:
    trails = [("Beck Walk", D("7.4"), 210), ("Fell Gate Loop", D("10.0"), 480), ("Ridge Traverse", D("12.8"), 760),
              ("Tarn Circuit", D("15.5"), 690), ("Mill Path", D("9.9"), 150), ("High Moss Round", D("21.3"), 1140),
              ("Quarry Track", D("10.6"), 320)]
    limit = 10
    longer = [(name, km) for name, km, _ in trails if km > limit]
    at_least = [name for name, km, _ in trails if km >= limit]
    missed = [name for name, km in longer if km >= 11]
    length = sum(km for _, km in longer)
    assert len({len(longer), len(at_least), len(missed)}) == 3
    return Scenario(
        "count", "trails",
        "Waymarked trails from Langdale Head:\nTrail | Distance | Ascent\n"
        + "\n".join(f"{name} | {km} km | {num(ascent)} m" for name, km, ascent in trails),
        f"How many of these trails are longer than {limit} km?",
        (f"{len(longer)}",
         f"{cap(words(len(longer)))} trails are longer than {limit} km: {listing([n for n, _ in longer])}.",
         f"**{len(longer)}** — " + ", ".join(f"{name} ({km} km)" for name, km in longer) + "."),
        ((f"{len(at_least)}", f"counted the trail of exactly {limit} km"),
         (f"{cap(words(len(missed)))}: {listing(missed)}.", "missed the trail just over the limit"),
         (f"{len(longer)} trails, {num(length - 10)} km of walking between them.",
          "added up the trails' lengths wrongly")))


# --- date_difference -----------------------------------------------------------------------------------

def date_difference_brewery() -> Scenario:
    brewed, bottled, tasting = date(2025, 3, 3), date(2025, 4, 14), date(2025, 5, 1)
    batch, gravity = 118, D("1.048")
    days = (bottled - brewed).days
    assert days % 7 == 0
    wrong_pair, month_ignored = (tasting - brewed).days, bottled.day - brewed.day
    assert len({days, days - 1, wrong_pair, month_ignored}) == 4
    return Scenario(
        "date_difference", "brewery",
        f"Batch {batch} (amber ale, OG {gravity})\nBrewed: {brewed.isoformat()}\nBottled: {bottled.isoformat()}\n"
        f"Tasting panel: {tasting.isoformat()}",
        f"How many days passed between brewing and bottling batch {batch}?",
        (f"{days} days",
         f"{cap(words(days // 7))} weeks — {days} days.",
         f"From {long_date(brewed)} to {long_date(bottled)} is {days} days."),
        ((f"{days - 1} days", "off by one"),
         (f"{wrong_pair} days", "measured to the tasting panel instead of bottling"),
         (f"{month_ignored} days", "subtracted the day numbers and ignored the month")))


def date_difference_hotel() -> Scenario:
    booked, check_in, check_out, rate = date(2024, 1, 19), date(2024, 2, 28), date(2024, 3, 4), 96
    nights = (check_out - check_in).days
    assert date(2024, 2, 29) - date(2024, 2, 28) == timedelta(days=1)  # a leap year: 29 February counts
    day_before = check_out - timedelta(days=1)
    assert len({nights, nights - 1, nights + 1}) == 3 and day_before != check_out
    return Scenario(
        "date_difference", "hotel",
        f"Booking HG-5521 at the Harbourgate Hotel, made {long_date(booked)}: check-in {check_in:%A} "
        f"{long_date(check_in)}, check-out {check_out:%A} {long_date(check_out)}; double room at £{rate} per night.",
        "How many nights is booking HG-5521 for?",
        (f"{nights} nights",
         f"The guest is booked for {words(nights)} nights — {check_in.year} is a leap year, so 29 February counts.",
         f"**{nights}** nights ({check_in.day} {check_in:%b} to {check_out.day} {check_out:%b} {check_out.year})"),
        ((f"{nights - 1} nights", "forgot the leap day"),
         (f"The stay is {nights + 1} nights.", "counted days instead of nights"),
         (f"{cap(words(nights))} nights, checking out on {day_before:%A} {long_date(day_before)}.",
          "gave the wrong check-out date")))


def date_difference_giraffe() -> Scenario:
    born, check, second_check, weight = date(2024, 6, 9), date(2024, 9, 1), date(2024, 10, 15), 62
    days = (check - born).days
    assert days % 7 == 0
    weeks = days // 7
    wrong_pair = round((second_check - born).days / 7)
    assert len({weeks, weeks + 1, weeks - 1, wrong_pair}) == 4
    return Scenario(
        "date_difference", "giraffe",
        f"Keeper notes, Westmarsh Zoo: giraffe calf Nia was born {us_date(born)} ({weight} kg, 1.8 m tall). Her "
        f"first full vet check was on {us_date(check)}; a second is booked for {us_date(second_check)}.",
        "How many weeks old was Nia at her first vet check?",
        (f"{weeks} weeks",
         f"She was {words(weeks)} weeks old ({days} days).",
         f"{days} days ÷ 7 = {weeks} weeks"),
        ((f"{weeks + 1} weeks", "off by one week"),
         (f"About {wrong_pair} weeks old.", "measured to the second vet check"),
         (f"{days} days ÷ 7 = {weeks - 1} weeks", "wrong division in the worked step")))


def date_difference_tram_closure() -> Scenario:
    start = date(2025, 7, 14)
    end = start + timedelta(days=39)
    reduced_from = date(2025, 7, 7)
    days = (end - start).days + 1  # "inclusive": both the first and the last day are closed
    july = 31 - start.day + 1
    assert end.month == 8 and july + end.day == days
    from_reduced = (end - reduced_from).days + 1
    assert len({days, days - 1, from_reduced}) == 3
    return Scenario(
        "date_difference", "tram_closure",
        f"Line 4 (Docks – University) closes for track renewal from {start:%A} {long_date(start)} to {end:%A} "
        f"{long_date(end)} inclusive. Replacement buses run every 10 minutes; a reduced evening service starts "
        f"on {long_date(reduced_from)}.",
        "For how many days will Line 4 be closed?",
        (f"{days} days",
         f"The closure lasts {words(days)} days, both end dates included.",
         f"{july} days in July + {end.day} in August = {days} days."),
        ((f"{days - 1} days", "left out one end of an inclusive range"),
         (f"{july - 1} days in July + {end.day} in August = {days - 1} days.", "miscounted the July days"),
         (f"{from_reduced} days", "counted from the start of the reduced service")))


# --- unit_conversion -----------------------------------------------------------------------------------

def unit_conversion_elephant_feed() -> Scenario:
    hay, pellets_g, carrots, supplement_g = 60, 2750, D("4.5"), 35
    pellets_kg = D(pellets_g) / 1000
    assert len({pellets_kg, pellets_kg * 10, D(pellets_g), D(pellets_g * 1000)}) == 4
    return Scenario(
        "unit_conversion", "elephant_feed",
        f"Daily ration, Asian elephant Kamala, Thornbury Wildlife Park\nHay: {hay} kg\nPellets: {num(pellets_g)} g\n"
        f"Carrots: {carrots} kg\nVitamin E supplement: {supplement_g} g",
        "How many kilograms of pellets does Kamala get a day?",
        (f"{num(pellets_kg)} kg",
         f"Kamala gets {num(pellets_kg)} kilograms of pellets a day.",
         f"{num(pellets_g)} g ÷ 1,000 = **{num(pellets_kg)} kg**"),
        ((f"{num(pellets_kg * 10)} kg", "misplaced the decimal point"),
         (f"{num(pellets_g)} kg", "kept the gram figure and called it kilograms"),
         (f"{num(pellets_g)} g × 1,000 = {num(pellets_g * 1000)} kg", "converted in the wrong direction")))


def unit_conversion_fingerpost() -> Scenario:
    miles, factor, ashby = 8, D("1.609"), 3
    km = miles * factor
    about = round_to(km, 1)
    assert km < 13
    divided = round_to(miles / factor, 2)
    assert len({km, divided, about + 1}) == 3
    return Scenario(
        "unit_conversion", "fingerpost",
        f"Fingerpost at Crag End: Cairn Ridge {miles} miles, Ashby {ashby} miles, youth hostel 5½ miles. "
        f"(1 mile = {factor} km.)",
        "How far is it to Cairn Ridge in kilometres?",
        (f"{num(km)} km",
         f"About {about} km.",
         f"{miles} miles × {factor} = {num(km)} km, so just under 13 km."),
        ((f"{divided} km", "divided by the conversion factor instead of multiplying"),
         (f"{about} miles", "right figure, wrong unit"),
         (f"About {about + 1} km.", "arithmetic slip")))


def unit_conversion_poster() -> Scenario:
    width, height, copies, gsm, price = 594, 841, 25, 170, D("3.20")
    width_cm, height_cm = D(width) / 10, D(height) / 10
    digits = str(height)
    transposed = D(int(digits[0] + digits[2] + digits[1])) / 10
    assert transposed != height_cm
    return Scenario(
        "unit_conversion", "poster",
        f"Quote for the Orchid Week posters, Glasshouse Botanical Garden: {copies} copies, A1 ({width} × {height} "
        f"mm), {gsm} gsm silk, £{price} per copy.",
        "What size are the Orchid Week posters in centimetres?",
        (f"{num(width_cm)} cm × {num(height_cm)} cm",
         f"The posters are {num(width_cm)} by {num(height_cm)} centimetres.",
         f"{width} mm = {num(width_cm)} cm and {height} mm = {num(height_cm)} cm."),
        ((f"{num(D(width) / 100)} cm × {num(D(height) / 100)} cm", "divided by 100 instead of 10"),
         (f"{width} cm × {height} cm", "left the millimetre figures unconverted"),
         (f"{num(width_cm)} cm × {num(transposed)} cm", "transposed two digits of the height")))


def unit_conversion_exposure() -> Scenario:
    frames, frame_s, darks, focal = 36, 150, 20, 1000
    total_s = frames * frame_s
    hours = D(total_s) / 3600
    whole, minutes = divmod(total_s // 60, 60)
    assert (whole, minutes) == (1, 30)
    misread = int((hours - whole) * 100)  # 1.5 h read as 1 h 50 min
    assert D(total_s // 60) != hours and total_s // 100 != total_s // 60 and misread != minutes
    return Scenario(
        "unit_conversion", "exposure",
        f"Imaging log, Sierra Alta Observatory, target M51: {frames} light frames of {frame_s} s each, {darks} dark "
        f"frames of {frame_s} s, telescope focal length {num(focal)} mm, camera cooled to −10 °C.",
        "How many hours of light-frame exposure were collected on M51?",
        (f"{num(hours)} hours",
         f"{frames} × {frame_s} s = {num(total_s)} s, which is {whole} h {minutes} min.",
         "An hour and a half."),
        ((f"{total_s // 60} hours", "gave the minutes as hours"),
         (f"{num(total_s)} s is {total_s // 100} min", "divided by 100 instead of 60"),
         (f"{whole} h {misread} min", "read the decimal hours as minutes")))


# --- rounding ------------------------------------------------------------------------------------------

def rounding_mining_museum() -> Scenario:
    visitors, last_year, shop = 48962, 45310, 212480
    rounded = nearest(visitors, 1000)
    truncated = visitors // 1000 * 1000
    ten_thousands = nearest(visitors, 10000)
    other_year = nearest(last_year, 1000)
    assert len({rounded, truncated, ten_thousands, other_year}) == 4
    return Scenario(
        "rounding", "mining_museum",
        f"Annual report, Coalbrook Mining Museum: {num(visitors)} visitors in 2024 ({num(last_year)} in 2023); "
        f"gift shop takings £{num(shop)}.",
        "To the nearest thousand, how many visitors did the Coalbrook Mining Museum have in 2024?",
        (num(rounded),
         f"About {num(rounded)} visitors.",
         f"{cap(words(rounded))}, to the nearest thousand."),
        ((num(truncated), "truncated instead of rounding"),
         (f"About {num(ten_thousands)} visitors.", "rounded to the nearest ten thousand"),
         (f"{cap(words(other_year))}, to the nearest thousand.", "rounded the 2023 figure")))


def rounding_roast_loss() -> Scenario:
    green, roasted, roast_min, drop_temp = D("12.00"), D("9.758"), 14, 212
    share = (green - roasted) / green
    pct = round_to(share * 100, 1)
    truncated = cut_to(share * 100, 1)
    kept = round_to(roasted / green * 100, 1)
    of_roasted = round_to((green - roasted) / roasted * 100, 1)
    assert len({pct, truncated, kept, of_roasted}) == 4
    return Scenario(
        "rounding", "roast_loss",
        f"Roast log, Ember & Oak Coffee, batch R-0932: green weight {green} kg, roasted weight {roasted} kg, roast "
        f"time {roast_min} min, drop temperature {drop_temp} °C.",
        "What was the weight loss during the roast, as a percentage to one decimal place?",
        (f"{pct}%",
         f"({green} − {roasted}) ÷ {green} = {cut_to(share, 5)}…, which rounds to **{pct}%**.",
         f"About {pct} per cent of the weight was lost."),
        ((f"{truncated}%", "truncated instead of rounding"),
         (f"{kept}%", "gave the share of weight kept instead of lost"),
         (f"About {of_roasted} per cent of the weight was lost.", "divided by the roasted weight")))


def rounding_city_tax() -> Scenario:
    room, rate, breakfast, guests = D("127.40"), D("3.5"), D("14.50"), 2
    exact = room * rate / 100
    tax = round_to(exact, 2)
    pounds, pence = int(tax), int(tax * 100) % 100
    truncated, tenfold = cut_to(exact, 2), round_to(exact * 10, 2)
    with_breakfast = round_to((room + breakfast) * rate / 100, 2)
    assert len({tax, truncated, tenfold, with_breakfast}) == 4
    return Scenario(
        "rounding", "city_tax",
        f"Folio, The Quayside Hotel: room charge for one night £{room}; breakfast £{breakfast} per person, "
        f"{guests} guests. City tax: {rate}% of the room charge.",
        "How much city tax is due on the room charge, to the nearest penny?",
        (money("£", tax),
         f"{rate}% × £{room} = £{exact.normalize()}, i.e. {money('£', tax)}.",
         f"It comes to {words(pounds)} pounds {words(pence)} ({money('£', tax)})."),
        ((money("£", truncated), "truncated instead of rounding"),
         (money("£", tenfold), "misplaced the decimal point"),
         (f"{rate}% × (£{room} + £{breakfast}) = {money('£', with_breakfast)}", "taxed the breakfast too")))


def rounding_marathon_speed() -> Scenario:
    distance, bib = D("42.195"), 3318
    chip_s, gun_s, half_s = 3 * 3600 + 15 * 60, 3 * 3600 + 21 * 60 + 40, 3600 + 36 * 60 + 12
    chip_h = D(chip_s) / 3600
    speed = distance / chip_h
    rounded, truncated = round_to(speed, 1), cut_to(speed, 1)
    misread_h = D(f"{chip_s // 3600}.{chip_s % 3600 // 60}")  # 3 h 15 min read as 3.15 h
    misread = round_to(distance / misread_h, 1)
    gun = round_to(distance / (D(gun_s) / 3600), 1)
    assert len({rounded, truncated, misread, gun}) == 4
    return Scenario(
        "rounding", "marathon_speed",
        f"Result, Riverside Marathon, bib {bib} (M. Okonjo): distance {distance} km, gun time {hms(gun_s)}, chip "
        f"time {hms(chip_s)}, half-way split {hms(half_s)}.",
        "Based on her chip time, what was her average speed in km/h, to one decimal place?",
        (f"{rounded} km/h",
         f"{distance} ÷ {num(chip_h)} = {cut_to(speed, 2)}…, so {rounded} km/h.",
         f"About {rounded} kilometres per hour."),
        ((f"{truncated} km/h", "truncated instead of rounding"),
         (f"{distance} ÷ {misread_h} = {misread} km/h", "read 3 h 15 min as 3.15 hours"),
         (f"About {gun} kilometres per hour.", "used the gun time")))


# --- percentage ----------------------------------------------------------------------------------------

def percentage_recycling() -> Scenario:
    loads = {"Glass": 2376, "Paper and card": 3110, "Mixed plastics": 1954, "Metal cans": 1200}
    visits, gate_fee = 6, 48
    glass, total = loads["Glass"], sum(loads.values())
    share = round_to(D(glass) / total * 100, 1)
    assert share == D(glass) / total * 100  # exact, so the terse answer needs no "about"
    rest = 100 - share
    of_others = round_to(D(glass) / (total - glass) * 100, 1)
    paper = round_to(D(loads["Paper and card"]) / total * 100, 1)
    assert len({share, rest, of_others, paper}) == 4
    return Scenario(
        "percentage", "recycling",
        "Weighbridge totals, Millbrook Recycling Centre, week 12:\n"
        + "\n".join(f"{material}: {num(kg)} kg" for material, kg in loads.items())
        + f"\nCollection lorry visits: {visits}; gate fee £{gate_fee} per tonne.",
        "What percentage of the week's recycling by weight was glass?",
        (f"{share}%",
         f"Glass made up {share}% of the {num(total)} kg collected.",
         f"{num(glass)} ÷ {num(total)} = {num(D(glass) / total)}, so **{share}%**."),
        ((f"{rest}%", "gave the share of everything but glass"),
         (f"Glass made up {paper}% of the {num(total)} kg collected.", "gave paper and card's share"),
         (f"{num(glass)} ÷ {num(total - glass)} = {of_others}%", "divided by the other materials, not the total")))


def percentage_campsite() -> Scenario:
    pitches, nights, sold_2023, sold_2024, fee = 80, 31, 1488, 1860, 32
    available = pitches * nights
    occ_2023, occ_2024 = D(sold_2023) / available * 100, D(sold_2024) / available * 100
    points = occ_2024 - occ_2023
    relative = (occ_2024 - occ_2023) / occ_2023 * 100
    assert points == int(points) and relative == int(relative) and occ_2023 == int(occ_2023)
    thirty = (D(sold_2024) - sold_2023) / (pitches * 30) * 100
    assert len({points, relative, thirty}) == 3 and points > 0
    return Scenario(
        "percentage", "campsite",
        f"Gorse Point Campsite has {pitches} pitches. Pitch-nights sold in August: {num(sold_2023)} in 2023 and "
        f"{num(sold_2024)} in 2024 (August has {nights} nights). Standard pitch fee: £{fee} a night.",
        "By how many percentage points did the campsite's August occupancy change from 2023 to 2024?",
        (f"Up {num(points)} percentage points",
         f"Occupancy rose by {words(int(points))} points, from {num(occ_2023)}% to {num(occ_2024)}%.",
         f"{num(sold_2023)} ÷ {num(available)} = {num(occ_2023)}% and {num(sold_2024)} ÷ {num(available)} = "
         f"{num(occ_2024)}%, so **+{num(points)} points**."),
        ((f"Up **{num(relative)}** percentage points", "gave the relative change as percentage points"),
         (f"Occupancy fell by {words(int(points))} points.", "got the direction of the change backwards"),
         (f"Up {num(thirty)} percentage points", "assumed 30 nights in August")))


def percentage_milk_price() -> Scenario:
    old, new, herd, daily = D("38.0"), D("41.8"), 212, D("28.5")
    rise = new - old
    pct = rise / old * 100
    assert pct == int(pct)
    on_new = round_to(rise / new * 100, 1)
    ratio = new / old * 100
    assert len({pct, rise, on_new, ratio}) == 4
    return Scenario(
        "percentage", "milk_price",
        f"Hollins Farm milk statement: the base price rose from {old}p to {new}p per litre in October. Herd: "
        f"{herd} cows averaging {daily} litres a day.",
        "By what percentage did the base milk price rise?",
        (f"{num(pct)}%",
         f"It rose by {words(int(pct))} per cent ({rise}p on {old}p).",
         f"({new} − {old}) ÷ {old} = {num(pct / 100, 2)} → **{num(pct)}%**"),
        ((f"{rise}%", "took the rise in pence as a percentage"),
         (f"{on_new}%", "divided by the new price"),
         (f"It rose by {num(ratio)}%.", "gave the ratio of the prices, not the rise")))


def percentage_climbing_gym() -> Scenario:
    fee, discount_pct, day_pass, founded = 540, 15, 18, 2016
    discount = D(fee) * discount_pct / 100
    pay = fee - discount
    assert pay == int(pay) and discount == int(discount)
    assert len({pay, discount, D(fee - discount_pct), pay + 10}) == 4
    return Scenario(
        "percentage", "climbing_gym",
        f"Cragline Climbing Gym (est. {founded}), annual membership ${fee}; day pass ${day_pass}. Students get "
        f"{discount_pct}% off the annual fee.",
        "How much does a student pay for an annual membership?",
        (f"${num(pay)}",
         f"{discount_pct}% of ${fee} is ${num(discount)}, so a student pays ${num(pay)}.",
         f"A student pays **{money('$', pay)}** a year."),
        ((f"${num(discount)}", "gave the discount instead of the price paid"),
         (f"${fee - discount_pct}", f"took {discount_pct} dollars off instead of {discount_pct}%"),
         (f"{discount_pct}% of ${fee} is ${num(discount - 10)}, so a student pays ${num(pay + 10)}.",
          "slip working out the discount")))


# --- rate ----------------------------------------------------------------------------------------------

def rate_picking() -> Scenario:
    lines, orders, totes = 1386, 62, 148
    shift_start, shift_end, break_min = 6 * 60, 14 * 60, 30
    picking_h = D(shift_end - shift_start - break_min) / 60
    rate = D(lines) / picking_h
    shift_rate = D(lines) / (D(shift_end - shift_start) / 60)
    digits = str(rate)
    transposed = D(digits[0] + digits[2] + digits[1] + digits[3:])
    per_order = round(lines / orders)
    assert len({rate, shift_rate, transposed, per_order}) == 4 and rate == round_to(rate, 1)
    return Scenario(
        "rate", "picking",
        f"Picker report, D. Marsh, Unit 3 distribution centre: shift {clock24(shift_start)}–{clock24(shift_end)} "
        f"with a {break_min}-minute break; {num(lines)} order lines picked across {orders} orders, {totes} totes "
        "filled.",
        "How many lines per hour did D. Marsh pick during picking time, leaving out the break?",
        (f"{rate} lines per hour",
         f"{num(lines)} ÷ {picking_h} h = {rate} lines/h",
         f"About {round_to(rate, 0)} lines an hour."),
        ((f"{num(shift_rate)} lines per hour", "divided by the whole shift, break included"),
         (f"{num(lines)} ÷ {picking_h} h = {transposed} lines/h", "transposed two digits of the result"),
         (f"About {per_order} lines an hour.", "divided by the number of orders")))


def rate_hydro() -> Scenario:
    energy, hours, rated, head = D("86.4"), 24, D("4.2"), 105
    power = energy / hours
    assert len({power, energy * hours, rated, power / 10}) == 4
    return Scenario(
        "rate", "hydro",
        f"Linn Mill hydro scheme (rated {rated} MW, {head} m head) exported {energy} MWh in the {hours} hours to "
        "midnight on 2 November.",
        f"What was Linn Mill's average power output over those {hours} hours?",
        (f"{num(power)} MW",
         f"{energy} MWh ÷ {hours} h = {num(power)} MW",
         f"{num(power * 1000)} kW on average."),
        ((f"{num(energy * hours)} MW", "multiplied by the hours instead of dividing"),
         (f"{rated} MW", "gave the rated capacity"),
         (f"{num(power / 10)} MW", "misplaced the decimal point")))


def rate_tram_speed() -> Scenario:
    length, minutes, stops, headway = D("13.2"), 44, 26, 8
    speed = length / minutes * 60
    per_minute = length / minutes
    misread = length / (D(minutes) / 100)
    assert speed == int(speed)
    assert len({speed, per_minute, misread, speed - 1}) == 4
    return Scenario(
        "rate", "tram_speed",
        f"Route 7, Lowgate – Airport: {length} km, {stops} stops, end-to-end journey {minutes} minutes; trams every "
        f"{headway} minutes at peak.",
        "What is a Route 7 tram's average speed from end to end, in km/h?",
        (f"{num(speed)} km/h",
         f"{length} km in {minutes} min is {num(per_minute)} km a minute, or {num(speed)} km/h.",
         f"{cap(words(int(speed)))} kilometres per hour on average."),
        ((f"{num(per_minute)} km/h", "gave the per-minute figure as per hour"),
         (f"{length} ÷ {D(minutes) / 100} = {num(misread)} km/h", f"treated {minutes} minutes as 0.{minutes} hours"),
         (f"{cap(words(int(speed) - 1))} kilometres per hour on average.", "arithmetic slip")))


def rate_kiln() -> Scenario:
    start, top, hours, hold, pots = D(20), D(1240), 8, 15, 38
    rate = (top - start) / hours
    per_minute = round_to(rate / 60, 2)
    no_start = top / hours
    added = (top + start) / hours
    assert len({rate, no_start, added}) == 3
    return Scenario(
        "rate", "kiln",
        f"Firing schedule, Saltmarsh Pottery gas kiln: ramp from {start} °C to {num(top)} °C over {hours} hours, "
        f"hold {hold} minutes; {pots} pots loaded.",
        "At what average rate did the kiln's temperature climb during the ramp?",
        (f"{num(rate)} °C per hour",
         f"({num(top)} − {start}) ÷ {hours} = {num(rate)} °C/h",
         f"About {per_minute} °C a minute ({num(rate)} °C an hour)."),
        ((f"{num(no_start)} °C per hour", "ignored the starting temperature"),
         (f"{num(rate)} °C per minute", "right figure, wrong time unit"),
         (f"({num(top)} + {start}) ÷ {hours} = {num(added)} °C/h", "added the start temperature instead of "
                                                                    "subtracting it")))


# --- average -------------------------------------------------------------------------------------------

def average_rowing_turnout() -> Scenario:
    sessions = {"6 Jan": 34, "13 Jan": 38, "20 Jan": 29, "27 Jan": 41, "3 Feb": 36}
    members = 44
    total = sum(sessions.values())
    mean = D(total) / len(sessions)
    by_four = D(total) / (len(sessions) - 1)
    assert len({mean, by_four, mean + 1, D(total)}) == 4
    return Scenario(
        "average", "rowing_turnout",
        f"Training register, Riverside Rowing Club ({members} members): "
        + ", ".join(f"{day} – {n}" for day, n in sessions.items()) + ". Head of the River race: 22 March.",
        "What was the average turnout across the five training sessions?",
        (f"{num(mean)}",
         f"Average turnout was {num(mean)} rowers.",
         f"({' + '.join(str(n) for n in sessions.values())}) ÷ {len(sessions)} = {total} ÷ {len(sessions)} = "
         f"{num(mean)}, so roughly {round_to(mean, 0)} rowers."),
        ((f"{num(by_four)}", "divided by four instead of five"),
         (f"**{num(mean + 1)}**", "arithmetic slip"),
         (f"{total} rowers", "gave the total instead of the average")))


def average_snow_depth() -> Scenario:
    summit = [112, 118, 125, 121, 130, 134, 128]
    valley = [38, 41, 45, 44, 50, 52, 46]
    total = sum(summit)
    mean = D(total) / len(summit)
    assert mean == int(mean)
    valley_mean = round_to(D(sum(valley)) / len(valley), 0)
    by_six = round_to(D(total) / (len(summit) - 1), 1)
    ends = D(summit[0] + summit[-1]) / 2
    assert len({mean, valley_mean, by_six, ends}) == 4
    return Scenario(
        "average", "snow_depth",
        "Snow depth (cm), Grauspitz ski area, 10–16 February\n"
        f"Summit station: {', '.join(map(str, summit))}\nValley station: {', '.join(map(str, valley))}",
        "What was the average snow depth at the summit station that week?",
        (f"{num(mean)} cm",
         f"{num(mean / 100)} m on average.",
         f"{total} ÷ {len(summit)} = {num(mean)} cm"),
        ((f"About {valley_mean} cm.", "gave the valley station's average"),
         (f"{by_six} cm", "divided by six days instead of seven"),
         (f"({summit[0]} + {summit[-1]}) ÷ 2 = {num(ends)} cm", "averaged only the first and last days")))


def average_vet_consults() -> Scenario:
    okafor = [22, 35, 18, 41, 27, 25]
    hale = [15, 20, 30, 19]
    total = sum(okafor)
    mean = D(total) / len(okafor)
    assert mean == int(mean)
    ordered = sorted(okafor)
    median = D(ordered[2] + ordered[3]) / 2
    by_five = round_to(D(total) / (len(okafor) - 1), 1)
    assert len({mean, median, by_five, D(total)}) == 4
    return Scenario(
        "average", "vet_consults",
        f"Consult times today, Ashgrove Vets. Dr Okafor: {', '.join(map(str, okafor[:-1]))} and {okafor[-1]} min. "
        f"Dr Hale: {', '.join(map(str, hale[:-1]))} and {hale[-1]} min.",
        "What was Dr Okafor's average consult length today?",
        (f"{num(mean)} minutes",
         f"Her consults averaged {words(int(mean))} minutes.",
         f"{total} min ÷ {len(okafor)} = {num(mean)} min"),
        ((f"{by_five} minutes", "divided by five consults instead of six"),
         (f"Her consults averaged {words(int(median))} minutes.", "took the median instead of the mean"),
         (f"{total // 60} hours {total % 60} minutes", "gave the total time instead of the average")))


def average_glasshouse() -> Scenario:
    rows = [("Row A", 12, D("42.0")), ("Row B", 10, D("28.0")), ("Row C", 8, D("26.0"))]
    feed_ml = 2
    plants = sum(n for _, n, _ in rows)
    total = sum(kg for _, _, kg in rows)
    mean = total / plants
    row_means = round_to(sum(kg / n for _, n, kg in rows) / len(rows), 2)
    per_row = total / len(rows)
    assert len({mean, row_means, per_row, mean + D("0.2")}) == 4
    return Scenario(
        "average", "glasshouse",
        "Tomato harvest to date, Glasshouse 2 (Sungold)\n"
        + "\n".join(f"{name} — {n} plants — {kg} kg" for name, n, kg in rows)
        + f"\nFeed: {feed_ml} ml per litre at every watering.",
        "What is the average yield per plant across the whole glasshouse?",
        (f"{num(mean)} kg per plant",
         f"{num(total)} kg ÷ {plants} plants = {num(mean)} kg",
         f"About {num(mean * 1000)} g of tomatoes per plant."),
        ((f"{row_means} kg per plant", "averaged the row averages without weighting by plants"),
         (f"{num(per_row)} kg per plant", "divided by the number of rows"),
         (f"{num(total)} kg ÷ {plants} plants = {num(mean + D('0.2'))} kg", "wrong division in the worked step")))


# --- fraction ------------------------------------------------------------------------------------------

def fraction_germination() -> Scenario:
    sown, germinated, reserve, trays, temperature = 240, 180, 60, 12, 20
    share = Fraction(germinated, sown)
    with_reserve = Fraction(germinated, sown + reserve)
    misreduced = Fraction(share.numerator + 1, share.denominator + 1)
    assert len({share, 1 - share, with_reserve, misreduced}) == 4
    return Scenario(
        "fraction", "germination",
        f"Germination trial, Meadowsweet Wildflower Nursery, cowslip (Primula veris): {sown} seeds sown in "
        f"{trays} trays at {temperature} °C, {germinated} germinated. A further {reserve} seeds are held back in "
        "reserve.",
        "What fraction of the sown cowslip seeds germinated?",
        (f"{share}",
         f"{cap(fraction_words(share))} of them ({germinated} of {sown}).",
         f"{germinated}/{sown} = **{share}**, i.e. {num(D(share.numerator) / share.denominator * 100)}%."),
        ((f"{1 - share}", "gave the fraction that did not germinate"),
         (f"{cap(fraction_words(with_reserve))} of them.", "counted the reserve seeds as sown"),
         (f"{germinated}/{sown} = {misreduced}", "reduced the fraction wrongly")))


def fraction_kegging() -> Scenario:
    batch, brew, bottle_ml, keg_l = 1200, 41, 330, 30
    kegged_share = Fraction(2, 5)
    bottled_share = 1 - kegged_share
    bottled = int(batch * bottled_share)
    kegged = int(batch * kegged_share)
    fifth = batch // 5
    assert bottled == batch * bottled_share and len({bottled, kegged, fifth, bottled + 40}) == 4
    return Scenario(
        "fraction", "kegging",
        f"Brew {brew} at Tollgate Brewery yields {num(batch)} litres. {cap(fraction_words(kegged_share))} will go "
        f"into {keg_l}-litre kegs and the rest into {bottle_ml} ml bottles.",
        f"How many litres of brew {brew} will be bottled?",
        (f"{bottled} litres",
         f"{bottled_share} × {num(batch)} = {bottled} L",
         f"{cap(words(bottled))} litres go into bottles."),
        ((f"{kegged} litres", "gave the kegged part instead of the bottled rest"),
         (f"{fifth} litres", "took one fifth"),
         (f"{bottled_share} × {num(batch)} = {bottled + 40} L", "multiplication slip")))


def fraction_glass_studio() -> Scenario:
    blown, price, furnace = 45, 28, 1150
    rejected_share = Fraction(1, 9)
    rejected = int(blown * rejected_share)
    assert rejected == blown * rejected_share
    passed = blown - rejected
    assert len({passed, rejected, blown - 9, passed + 1}) == 4
    return Scenario(
        "fraction", "glass_studio",
        f"Of the {blown} tumblers blown on Friday at Driftwood Glass Studio, one in nine was rejected at "
        f"inspection. Tumblers sell for €{price} each; the furnace runs at {num(furnace)} °C.",
        "How many of Friday's tumblers passed inspection?",
        (f"{passed}",
         f"{cap(words(passed))} passed; {words(rejected)} were rejected.",
         f"{blown} − {blown} ÷ 9 = {blown} − {rejected} = {passed}"),
        ((f"{rejected}", "gave the number rejected"),
         (f"{blown - 9} tumblers passed.", "subtracted nine instead of one ninth"),
         (f"{blown} − {blown} ÷ 9 = {blown} − {rejected} = {passed + 1}", "subtraction slip in the worked step")))


def fraction_hedgerow() -> Scenario:
    length, volunteers, whips = 24, 37, 6
    planted_share = Fraction(5, 8)
    left_share = 1 - planted_share
    left = int(length * left_share)
    planted = int(length * planted_share)
    eighth = length // 8
    assert left == length * left_share and len({left, planted, eighth, left - 1}) == 4
    return Scenario(
        "fraction", "hedgerow",
        f"The Ferrybridge hedgerow project will plant {length} km of new hedge. Its volunteers ({volunteers} so "
        f"far) have planted {fraction_words(planted_share)} of it, at {words(whips)} whips per metre.",
        "How many kilometres of hedge are still to be planted?",
        (f"{left} km",
         f"{left_share} × {length} = {left} km to go.",
         f"{cap(words(left))} kilometres are left."),
        ((f"{planted} km", "gave the part already planted"),
         (f"{eighth} km", "took one eighth"),
         (f"{length} − {planted} = {left - 1} km", "subtraction slip")))


# --- comparison ----------------------------------------------------------------------------------------

def comparison_dairy_cows() -> Scenario:
    cows = [("Bramble", D("31.4"), D("4.1")), ("Clover", D("28.9"), D("4.4")), ("Dottie", D("33.1"), D("3.9")),
            ("Hazel", D("32.7"), D("4.2")), ("Maple", D("30.2"), D("4.6"))]
    by_yield = sorted(cows, key=lambda c: c[1], reverse=True)
    (best, best_l, _), (second, second_l, _) = by_yield[0], by_yield[1]
    richest = max(cows, key=lambda c: c[2])
    assert best_l > second_l and richest[0] != best
    return Scenario(
        "comparison", "dairy_cows",
        "Milk recording, Hollins Farm, 14 May (litres a day, butterfat):\n"
        + "\n".join(f"{name}: {litres} L ({fat}%)" for name, litres, fat in cows),
        "Which cow at Hollins Farm gave the most milk per day?",
        (best,
         f"{best} gave the most, {best_l} litres a day.",
         f"**{best}** ({best_l} L), ahead of {second} ({second_l} L)."),
        ((second, "picked the runner-up"),
         (f"{best}, with {second_l} litres a day.", "right cow, the runner-up's figure"),
         (f"{richest[0]} — her {richest[2]}% butterfat is the highest.", "ranked by butterfat instead of volume")))


def comparison_scanning() -> Scenario:
    team = {"Amira": (1800, 6), "Ben": (1400, 4), "Carys": (2000, 8)}
    rates = {name: pages // hours for name, (pages, hours) in team.items()}
    assert all(pages % hours == 0 for pages, hours in team.values())
    fastest = max(rates, key=rates.get)
    most_pages = max(team, key=lambda name: team[name][0])
    runner_up = sorted(rates, key=rates.get)[-2]
    slip = rates[fastest] + 50
    assert fastest != most_pages and runner_up != fastest and slip != rates[fastest]
    others = [name for name in rates if name != fastest]
    pages, hours = team[fastest]
    return Scenario(
        "comparison", "scanning",
        "Digitisation log, County Record Office, parish registers project: "
        + "; ".join(f"{name} scanned {num(p)} pages in {h} hours" for name, (p, h) in team.items())
        + ". A dozen volumes remain to be scanned.",
        "Who on the parish registers project scanned the most pages per hour?",
        (fastest,
         f"{fastest} — {num(pages)} pages in {hours} hours is {rates[fastest]} an hour, more than "
         f"{others[0]}'s {rates[others[0]]} and {others[1]}'s {rates[others[1]]}.",
         f"{fastest} scanned the most per hour ({rates[fastest]} pages/h)."),
        ((most_pages, "picked the most pages in total, not per hour"),
         (f"{runner_up}, at {rates[runner_up]} pages an hour.", "picked the second-fastest"),
         (f"{fastest}, at {slip} pages an hour.", "right person, wrong rate")))


def comparison_coffee_bags() -> Scenario:
    small_g, small_price, large_kg, large_price = 250, D("6.50"), 1, D("22.00")
    decaf, free_delivery = D("7.20"), 30
    small_per_kg = small_price * 1000 / small_g
    large_per_kg = large_price / large_kg
    saving = small_per_kg - large_per_kg
    assert large_per_kg < small_per_kg
    shelf_gap = large_price - small_price
    bad_small = small_price * D("2.5")  # as if 250 g were 0.4 kg
    assert bad_small < large_per_kg and shelf_gap != saving
    return Scenario(
        "comparison", "coffee_bags",
        f"Ember & Oak Coffee price list: House Espresso {small_g} g bag £{small_price}; House Espresso "
        f"{large_kg} kg bag £{large_price}; Decaf {small_g} g £{decaf}. Free delivery over £{free_delivery}.",
        "Which size of House Espresso is cheaper per kilogram, and by how much?",
        (f"The {large_kg} kg bag, by {money('£', saving)} per kg.",
         f"{small_g} g at £{small_price} is {money('£', small_per_kg)}/kg, so the {large_kg} kg bag "
         f"({money('£', large_per_kg)}/kg) is {money('£', saving, 0)} a kilo cheaper.",
         f"**{large_kg} kg bag** — {money('£', large_per_kg)}/kg against {money('£', small_per_kg)}/kg."),
        ((f"The {small_g} g bag — it costs only £{small_price}.", "compared shelf prices without converting to per kg"),
         (f"The **{large_kg} kg bag**, by {money('£', shelf_gap)} per kg.", "subtracted the shelf prices"),
         (f"{small_g} g at £{small_price} is {money('£', bad_small)}/kg, so the {small_g} g bag is cheaper.",
          "scaled 250 g up to a kilogram by the wrong factor")))


def comparison_runners() -> Scenario:
    keiko_km, keiko_s, keiko_best_s = D("21.1"), 3600 + 42 * 60 + 30, 3600 + 44 * 60 + 5
    tomas_km, tomas_s = 10, 47 * 60 + 10

    def pace(seconds: int, km: Decimal | int) -> str:
        return mmss(int(round_to(D(seconds) / km, 0)))

    keiko_pace, tomas_pace = D(keiko_s) / keiko_km, D(tomas_s) / tomas_km
    assert tomas_pace < keiko_pace and keiko_km > tomas_km
    best_pace = pace(keiko_best_s, keiko_km)
    assert best_pace != pace(keiko_s, keiko_km)
    return Scenario(
        "comparison", "runners",
        f"Parkside Running Club results, Sunday 6 April: Keiko ran the half marathon ({keiko_km} km) in "
        f"{hms(keiko_s)}; Tomás ran the {tomas_km} km in {mmss(tomas_s)}. Keiko's previous best for the half is "
        f"{hms(keiko_best_s)}.",
        "Which of the two held the faster average pace per kilometre?",
        ("Tomás",
         f"Tomás: {pace(tomas_s, tomas_km)} per km against Keiko's {pace(keiko_s, keiko_km)} per km.",
         f"**Tomás** — {mmss(tomas_s)} ÷ {tomas_km} km = {pace(tomas_s, tomas_km)}/km."),
        (("Keiko", "picked the runner who ran further"),
         (f"Keiko, at {pace(tomas_s, tomas_km)} per km.", "gave Tomás's pace to Keiko"),
         (f"Tomás: {pace(tomas_s, tomas_km)} per km against Keiko's {best_pace} per km.",
          "used Keiko's previous best for her pace")))


# --- yes_no --------------------------------------------------------------------------------------------

def yes_no_gondola() -> Scenario:
    limit_kg, limit_people, group, each_kg, gear_kg = 1200, 15, 14, 82, 100
    load = group * each_kg + gear_kg
    assert load > limit_kg and group <= limit_people  # the weight, not the head count, rules them out
    without_gear = group * each_kg
    assert without_gear < limit_kg
    return Scenario(
        "yes_no", "gondola",
        f"Cabin plate, Grauspitz gondola: max. {limit_people} persons / {num(limit_kg)} kg. A group of "
        f"{words(group)} ski tourers, averaging {each_kg} kg each, carries {gear_kg} kg of packs and skis between "
        "them.",
        "Can the whole group ride in one cabin, gear included, without going over the load limit?",
        ("No.",
         f"No — {group} × {each_kg} kg + {gear_kg} kg = {num(load)} kg, which is over the {num(limit_kg)} kg limit.",
         f"**No**, they would be {load - limit_kg} kg over."),
        (("Yes.", "flipped the answer"),
         (f"**Yes** — {group} × {each_kg} kg = {num(without_gear)} kg, under the {num(limit_kg)} kg limit.",
          "left out the gear"),
         (f"No, the load would be {num(load + 100)} kg.", "right verdict, wrong load")))


def yes_no_gin_strength() -> Scenario:
    label, tolerance, measured, bottles, size_cl = D("41.5"), D("0.3"), D("41.7"), 1150, 70
    gap = measured - label
    assert abs(gap) <= tolerance and measured != label
    low, high = label - tolerance, label + tolerance
    bad_gap = gap + D("0.1")
    assert bad_gap != gap
    return Scenario(
        "yes_no", "gin_strength",
        f"Quality check, Heron Point gin, batch 22 ({num(bottles)} bottles of {size_cl} cl): label strength "
        f"{label}% ABV; permitted tolerance ±{tolerance} percentage points; measured strength {measured}% ABV.",
        "Is batch 22's measured strength within the permitted tolerance?",
        ("Yes.",
         f"Yes: {measured}% is {gap} points above the {label}% label, inside the ±{tolerance} tolerance.",
         f"**Yes** — the allowed range is {low}–{high}% ABV."),
        (("No.", "flipped the answer"),
         (f"No — {measured}% is above the {label}% on the label.", "ignored the tolerance"),
         (f"Yes, it is {bad_gap} points above the label.", "right verdict, wrong gap")))


def yes_no_rack_power() -> Scenario:
    budget_kw, servers, server_w, switch_w, pdus = D("7.5"), 12, 450, 180, 2
    draw_w = servers * server_w + switch_w
    draw_kw = D(draw_w) / 1000
    assert draw_kw < budget_kw
    spare = budget_kw - draw_kw
    inflated = draw_w + 2000
    assert D(inflated) / 1000 > budget_kw
    return Scenario(
        "yes_no", "rack_power",
        f"Rack B07, Northgate data hall: power budget {budget_kw} kW. Installed: {servers} servers drawing "
        f"{server_w} W each and a top-of-rack switch drawing {switch_w} W; 42U rack, {pdus} PDUs.",
        "Is rack B07's total draw within its power budget?",
        ("Yes.",
         f"Yes — {servers} × {server_w} W + {switch_w} W = {num(draw_w)} W, about {round_to(draw_kw, 1)} kW, "
         f"under the {budget_kw} kW budget.",
         f"Yes, with {num(spare)} kW to spare."),
        (("No.", "flipped the answer"),
         (f"No — {servers} × {server_w} W + {switch_w} W = {num(inflated)} W, over the budget.",
          "wrong sum in the worked step"),
         (f"Yes, with {num(spare + 1)} kW to spare.", "right verdict, wrong headroom")))


def yes_no_tram_load() -> Scenario:
    capacity, seated, aboard, off, on = 210, 64, 184, 12, 37
    leaving = aboard - off + on
    assert leaving <= capacity
    added_off = aboard + on + off
    assert added_off > capacity
    return Scenario(
        "yes_no", "tram_load",
        f"Tram 3012 (rated capacity {capacity} passengers, {seated} seated) arrived at Market Cross with {aboard} "
        f"passengers on board; {off} got off and {on} got on.",
        "Leaving Market Cross, is the tram carrying more passengers than its rated capacity?",
        ("No.",
         f"No: {aboard} − {off} + {on} = {leaving} passengers, {words(capacity - leaving)} under the {capacity} "
         "limit.",
         f"**No**, {leaving} on board against a capacity of {capacity}."),
        (("Yes.", "flipped the answer"),
         (f"Yes — {aboard} + {on} + {off} = {added_off} passengers, over {capacity}.",
          "added the passengers who got off"),
         (f"No, {leaving - 10} passengers on board.", "right verdict, wrong head count")))


# --- time_of_day ---------------------------------------------------------------------------------------

def time_of_day_forge() -> Scenario:
    start, cycle, cooling, load = 6 * 60 + 45, 9 * 60 + 40, 12 * 60, 340
    end = start + cycle
    no_carry = end - 60
    assert len({end % 1440, no_carry, (end + cooling) % 1440, end + 10}) == 4
    return Scenario(
        "time_of_day", "forge",
        f"Heat-treatment order HT-88, Barrow Forge: the furnace cycle starts at {clock24(start)} and runs "
        f"{hm(cycle)}; the parts then cool in the furnace for {cooling // 60} h before unloading. Load: {load} kg of "
        "spring steel.",
        "At what time does the furnace cycle finish?",
        (clock24(end),
         f"It finishes at {clock12(end)}.",
         f"{clock24(start)} + {hm(cycle)} = **{clock24(end)}**"),
        ((clock24(no_carry), "dropped the carried hour"),
         (f"It finishes at {clock12(end + cooling)} the next morning.", "added the cooling time too"),
         (f"{clock24(start)} + {hm(cycle)} = **{clock24(end + 10)}**", "addition slip in the worked step")))


def time_of_day_last_tram() -> Scenario:
    depart, journey, first, fare = 23 * 60 + 20, 55, 5 * 60 + 40, D("2.10")
    arrive = depart + journey
    assert arrive >= 1440  # after midnight
    pm_label = clock12(arrive + 720)
    assert len({clock24(arrive), clock24(arrive - 10), clock24(depart - journey)}) == 3
    return Scenario(
        "time_of_day", "last_tram",
        f"Last tram of the night: departs Lowgate at {clock24(depart)} and reaches Harbour Quay {journey} minutes "
        f"later. First tram next morning: {clock24(first)}. Fare £{fare}.",
        "What time does the last tram reach Harbour Quay?",
        (clock24(arrive),
         f"It gets in at {clock12(arrive)}, just after midnight.",
         f"{clock24(depart)} + {journey} min = {clock24(arrive)} the next day."),
        ((clock24(arrive - 10), "addition slip"),
         (clock24(depart - journey), "subtracted the journey time"),
         (f"It gets in at {pm_label}.", "am and pm confused")))


def time_of_day_darkness() -> Scenario:
    sunset, delay, moonrise, lit = 19 * 60 + 52, 60 + 38, 23 * 60 + 14, 82
    dark = sunset + delay
    no_carry = dark - 60
    before = sunset - delay
    assert len({dark, no_carry, before}) == 3
    return Scenario(
        "time_of_day", "darkness",
        f"Sierra Alta Observatory, 18 September: sunset {clock24(sunset)}; astronomical darkness begins {hm(delay)} "
        f"after sunset; moonrise {clock24(moonrise)} (waning gibbous, {lit}% lit).",
        "At what time does astronomical darkness begin at Sierra Alta on 18 September?",
        (clock24(dark),
         f"{clock12(dark)}.",
         f"{clock24(sunset)} + {hm(delay)} = {clock24(dark)}"),
        ((clock24(no_carry), "dropped the carried hour"),
         (f"It begins at {clock12(dark + 720)}.", "am and pm confused"),
         (f"{clock24(sunset)} − {hm(delay)} = {clock24(before)}", "subtracted instead of adding")))


def time_of_day_checkups() -> Scenario:
    start, checkups, each, pause, review = 14 * 60 + 30, 4, 25, 10, 35
    end = start + checkups * each + pause
    span = end - start
    assert len({end, end - pause, end + review, end + 10}) == 4
    return Scenario(
        "time_of_day", "checkups",
        f"Dr Ferreira's afternoon list, Kestrel Dental Practice: {words(checkups)} check-ups of {each} minutes each "
        f"from {clock12(start)}, back to back apart from a {pause}-minute break after the second; then a "
        f"{review}-minute root-canal review.",
        f"What time does the {'fourth' if checkups == 4 else checkups} check-up end?",
        (clock12(end),
         f"The fourth check-up finishes at {clock24(end)}.",
         f"{checkups} × {each} min + {pause} min = {hm(span)} after {clock12(start)}, so **{clock12(end)}**."),
        ((clock12(end - pause), "forgot the break"),
         (f"The fourth check-up finishes at {clock24(end + review)}.", "added the root-canal review"),
         (f"{checkups} × {each} min + {pause} min = {hm(span)} after {clock12(start)}, so **{clock12(end + 10)}**.",
          "added the span to the start time wrongly")))


SCENARIOS: tuple[Callable[[], Scenario], ...] = (
    sum_vineyard, sum_print_order, sum_relay, sum_museum_weekend,
    difference_wind_farm, difference_dental_register, difference_fishery_quota, difference_observatory_temperature,
    count_seed_bank, count_choir, count_ski_lifts, count_trails,
    date_difference_brewery, date_difference_hotel, date_difference_giraffe, date_difference_tram_closure,
    unit_conversion_elephant_feed, unit_conversion_fingerpost, unit_conversion_poster, unit_conversion_exposure,
    rounding_mining_museum, rounding_roast_loss, rounding_city_tax, rounding_marathon_speed,
    percentage_recycling, percentage_campsite, percentage_milk_price, percentage_climbing_gym,
    rate_picking, rate_hydro, rate_tram_speed, rate_kiln,
    average_rowing_turnout, average_snow_depth, average_vet_consults, average_glasshouse,
    fraction_germination, fraction_kegging, fraction_glass_studio, fraction_hedgerow,
    comparison_dairy_cows, comparison_scanning, comparison_coffee_bags, comparison_runners,
    yes_no_gondola, yes_no_gin_strength, yes_no_rack_power, yes_no_tram_load,
    time_of_day_forge, time_of_day_last_tram, time_of_day_darkness, time_of_day_checkups,
)


def rows_of(scenario: Scenario) -> list[dict]:
    assert scenario.kind in KINDS and len(scenario.right) == 3 and len(scenario.wrong) == 3, scenario.name
    responses = [*scenario.right, *(response for response, _ in scenario.wrong)]
    assert len(set(responses)) == len(responses), scenario.name
    labelled = [(r, 0, None) for r in scenario.right] + [(r, 1, error) for r, error in scenario.wrong]
    return [{"id": f"heldout4-{scenario.kind}-{scenario.name}-{n}", "source": SOURCE, "task": "qa",
             "kind": scenario.kind, "question": scenario.question, "context": scenario.context, "response": response,
             "label": label, "error": error, "split": "test"}
            for n, (response, label, error) in enumerate(labelled, start=1)]


def build() -> list[dict]:
    scenarios = [make() for make in SCENARIOS]
    assert len({(s.kind, s.name) for s in scenarios}) == len(scenarios)
    assert all(sum(s.kind == kind for s in scenarios) >= 4 for kind in KINDS)
    return [row for scenario in scenarios for row in rows_of(scenario)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the JSONL here instead of stdout")
    args = parser.parse_args(argv)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in build())
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
