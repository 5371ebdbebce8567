"""Write the sixth held-out set of computed answers (sums, dates, units, rates, yes/no, …).

Run: `.venv/bin/python scripts/make_computed_heldout6.py [--out computed_heldout6.jsonl]`
(JSON lines on stdout without `--out`).

Why it exists: the `grounding` detector has been tuned on the earlier sets, so its figures on them
flatter it. This set was written apart from the detector, its tests, its fitting script and the bodies
of the earlier sets' scripts, in domains none of them used, to measure it on answers no one tuned it on.

Domains: a beekeeping co-op, a sawmill, a film festival, an auction house, an observatory, two ferry
crossings, a creamery's aging room, a rowing head race, a vineyard harvest, a theatre box office, a
household recycling centre, church bell ringers, a tattoo studio, a watch repairer, a cider press, a
canal lock flight, a glassblowing studio, a fishing charter, riding stables, a coffee roastery, a
lighthouse museum, a water treatment works, a drone survey, a heritage steam railway, a community
choir, a locksmith, a recording studio, a vet practice, hot-air ballooning, a stonemason, a solar
installer, a tree surgeon, a wedding photographer, a 10K road race, a ski lift, an upholsterer, a
letterpress studio and beach lifeguards.

Contexts read like what users paste: logs, notices, invoices, booking notes, small lists, with
figures the question does not need. Each scenario has three correct answers and three wrong ones.
Answers vary in form: a bare figure, a sentence, a worked step ("a + b = c, so ..."), number words,
a hedge ("about", "just under"), another unit than the context's, a reason after a yes/no or a pick.
Mistakes are the ones people and models make: a term left out, a distractor added, the wrong
operation or operand, a unit not converted, truncating instead of rounding, both ends of a date
range counted, day numbers subtracted across months, the rest given for the part, a swapped
comparison, a flipped yes/no, an arithmetic slip, a layover or break added that should not be.

Every figure in a context or an answer is computed here from the variables the context is written
from, and every wrong answer is asserted to differ from the correct value at the precision shown.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

SOURCE = "lmgate/computed-heldout6"
NAME = "heldout6"

D = Decimal

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def words(n: int) -> str:
    """British number words, 0 to 999,999 ("five hundred and ninety-nine")."""
    assert 0 <= n < 1_000_000
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    rest = n % 1000
    joiner = " and " if 0 < rest < 100 else ", " if rest else ""
    return words(n // 1000) + " thousand" + (joiner + words(rest) if rest else "")


def dec(x: int | str | Decimal | Fraction, places: int) -> Decimal:
    """`x` rounded half up to `places` decimals (never banker's rounding)."""
    if isinstance(x, Fraction):
        x = Decimal(x.numerator) / Decimal(x.denominator)
    return Decimal(x).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def trunc(x: int | str | Decimal | Fraction, places: int) -> Decimal:
    if isinstance(x, Fraction):
        x = Decimal(x.numerator) / Decimal(x.denominator)
    return Decimal(x).quantize(Decimal(1).scaleb(-places), rounding=ROUND_FLOOR)


def num(x: int | str | Decimal | Fraction, places: int = 0) -> str:
    """`x` with thousands separators, rounded half up to `places` decimals."""
    return f"{dec(x, places):,.{places}f}"


def money(x: int | Decimal | Fraction, symbol: str = "£") -> str:
    return f"{symbol}{num(x, 2)}"


def frac(f: Fraction) -> str:
    return f"{f.numerator}/{f.denominator}"


def clock(t: datetime) -> str:
    return t.strftime("%H:%M")


def twelve_hour(t: datetime) -> str:
    return f"{t.hour % 12 or 12}:{t.minute:02d} {'am' if t.hour < 12 else 'pm'}"


def long_date(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def differ(right: object, *wrong: object) -> None:
    """Every wrong value differs from the right one as the answers show them."""
    for w in wrong:
        assert w != right, (right, w)


Answers = tuple[str, str, list[str], list[tuple[str, str]]]
SCENARIOS: list[tuple[str, str, Callable[[], Answers]]] = []


def scenario(kind: str, slug: str) -> Callable[[Callable[[], Answers]], Callable[[], Answers]]:
    def register(fn: Callable[[], Answers]) -> Callable[[], Answers]:
        SCENARIOS.append((kind, slug, fn))
        return fn
    return register


# --------------------------------------------------------------------------------------------- sum

@scenario("sum", "beekeeping-extraction")
def _() -> Answers:
    mill, church, corse = D("38.6"), D("52.4"), D("27.9")
    supers, jar_g, jars, members = 11, 340, 420, 14
    total = mill + church + corse
    context = (f"Harvest log, Wealdside Beekeepers' Co-op, August extraction weekend. The Mill Lane apiary "
               f"yielded {mill} kg, Church Field {church} kg and the heather site on Corse Hill {corse} kg. "
               f"A further {supers} supers were left on the hives as winter stores. We bottle into {jar_g} g "
               f"jars and had {jars} empty jars in stock; {members} members helped on the day.")
    question = "How much honey was extracted from the three apiaries altogether?"
    upper = math.ceil(total)
    assert 0 < upper - total < 1
    no_corse, slip = mill + church, total + 10
    differ(total, no_corse, slip)
    return context, question, [
        f"{total} kg.",
        f"{mill} + {church} + {corse} = {total} kg across the three sites.",
        f"The co-op took off {total} kilograms of honey in total, just under {upper} kg.",
    ], [
        (f"{no_corse} kg from the apiaries.", "left out the Corse Hill heather site"),
        (f"{mill} + {church} + {corse} = {slip} kg.", "carried a ten wrongly in the addition"),
        (f"About {total} tonnes of honey in total.", "gave tonnes for kilograms"),
    ]


@scenario("sum", "sawmill-shift")
def _() -> Answers:
    larch_early, larch_late, fir_early = D("14.25"), D("11.8"), D("9.6")
    kiln_cap, kiln_load, blades = 22, D("19.5"), 3
    total = larch_early + larch_late + fir_early
    context = (f"Shift report, Halden Sawmill, Tuesday.\nLarch through the head saw: early shift {larch_early} m³, "
               f"late shift {larch_late} m³.\nDouglas fir: early shift {fir_early} m³ (late shift ran none).\n"
               f"Kiln B holds {kiln_cap} m³ and was loaded to {kiln_load} m³. Blade changes: {blades}.")
    question = "What total volume of logs was sawn on Tuesday, both species and both shifts?"
    larch_only, with_kiln, slip = larch_early + larch_late, total + kiln_load, total + 1
    differ(total, larch_only, with_kiln, slip)
    return context, question, [
        f"{num(total, 2)} m³",
        f"{larch_early} + {larch_late} + {fir_early} = {num(total, 2)} cubic metres sawn on Tuesday.",
        f"Roughly {num(total, 1)} m³ went through the saw ({num(larch_early + larch_late, 2)} m³ larch, "
        f"{fir_early} m³ fir).",
    ], [
        (f"{num(larch_only, 2)} m³.", "counted only the larch"),
        (f"{num(with_kiln, 2)} m³ in total, counting what went into kiln B.", "added the kiln load"),
        (f"About {num(slip, 2)} cubic metres all told.", "addition slip of one cubic metre"),
    ]


@scenario("sum", "film-festival-tickets")
def _() -> Answers:
    salt, shorts, harbour, tide = 212, 87, 236, 64
    comps, ushers = 18, 22
    total = salt + shorts + harbour + tide
    context = (f"Northlight Film Festival, Saturday box office summary:\n"
               f"- Screen 1, 'The Salt Road': {salt} tickets (capacity 240)\n"
               f"- Screen 2, shorts programme: {shorts} tickets (capacity 120)\n"
               f"- Screen 1 evening, 'Harbour Lights': {harbour} tickets\n"
               f"- Screen 3, documentary 'Tidewater': {tide} tickets (capacity 70)\n"
               f"Press comps issued: {comps} (not included above). Volunteer ushers on shift: {ushers}.")
    question = "How many tickets were sold on Saturday in total, not counting press comps?"
    with_comps, no_tide, slip = total + comps, total - tide, total + 10
    differ(total, with_comps, no_tide, slip)
    return context, question, [
        f"{total}",
        f"{salt} + {shorts} + {harbour} + {tide} = {total} tickets, leaving out the {comps} press comps.",
        f"{words(total).capitalize()} tickets were sold on Saturday.",
    ], [
        (f"{with_comps} tickets.", "added the press comps"),
        (f"Saturday sold {no_tide} tickets across the screenings.", "left out the Tidewater screening"),
        (f"{salt} + {shorts} + {harbour} + {tide} = {slip}.", "addition slip"),
    ]


@scenario("sum", "auction-hammer")
def _() -> Answers:
    clock_, sticks, coffer_reserve, watercolour = 1850, 240, 900, 615
    premium = D("0.25")
    total = clock_ + sticks + watercolour
    context = (f"Lot results, Brackley & Sons country house sale, 14 March.\n"
               f"Lot 41 Georgian bracket clock: hammer £{clock_:,} (estimate £1,200-1,800).\n"
               f"Lot 42 pair of brass candlesticks: hammer £{sticks}.\n"
               f"Lot 43 oak coffer: unsold (reserve £{coffer_reserve} not met).\n"
               f"Lot 44 watercolour, 'Ely from the Fens': hammer £{watercolour}.\n"
               f"Buyer's premium of {int(premium * 100)}% is charged on top of the hammer price.")
    question = "What was the total hammer price of the lots that sold among lots 41 to 44?"
    with_reserve, with_premium, slip = total + coffer_reserve, total * (1 + premium), total - 100
    differ(total, with_reserve, with_premium, slip)
    return context, question, [
        f"£{total:,}",
        f"£{clock_:,} + £{sticks} + £{watercolour} = £{total:,} in hammer prices (the coffer didn't sell).",
        f"The three lots that sold made {words(total)} pounds at the hammer.",
    ], [
        (f"£{with_reserve:,}.", "counted the unsold coffer's reserve"),
        (f"{money(with_premium)} with the buyer's premium.", "added the premium to a hammer total"),
        (f"£{clock_:,} + £{sticks} + £{watercolour} = £{slip:,}.", "addition slip of £100"),
    ]


# ------------------------------------------------------------------------------------ difference

@scenario("difference", "observatory-clear-nights")
def _() -> Answers:
    nights_2023, nights_2024, open_evenings, clouded, down = 97, 81, 26, 9, 17
    drop = nights_2023 - nights_2024
    context = (f"Kestrel Hill Observatory, annual report. Clear nights usable for imaging: 2023, {nights_2023}; "
               f"2024, {nights_2024}. Public open evenings held in 2024: {open_evenings} (of which {clouded} "
               f"were clouded out). The 0.5 m telescope was down for maintenance on {down} nights in 2024.")
    question = "How many fewer clear nights were there in 2024 than in 2023?"
    differ(drop, down, nights_2023 + nights_2024)
    return context, question, [
        f"{drop} fewer.",
        f"{nights_2023} − {nights_2024} = {drop}, so {words(drop)} fewer clear nights in 2024.",
        f"2024 had {nights_2024} clear nights against {nights_2023} the year before, a drop of {drop}.",
    ], [
        (f"{down} fewer clear nights.", "used the maintenance nights"),
        (f"2024 had {drop} more clear nights than 2023.", "got the direction of the change backwards"),
        (f"{nights_2023} + {nights_2024} = {nights_2023 + nights_2024} nights.", "added instead of subtracting"),
    ]


@scenario("difference", "ferry-car-deck")
def _() -> Answers:
    deck, cars, coaches, coach_ceu, bikes, bike_ceu = 64, 41, 3, 3, 5, D("0.5")
    foot, foot_cap = 138, 250
    used = cars + coaches * coach_ceu + bikes * bike_ceu
    free = deck - used
    context = (f"MV Islay Venture, 07:40 sailing from Kennacraig, Friday. Car deck: {deck} car-equivalent units "
               f"(CEU). Booked so far: {cars} cars (1 CEU each), {coaches} coaches ({coach_ceu} CEU each) and "
               f"{bikes} motorcycles ({bike_ceu} CEU each). Foot passengers booked: {foot} of {foot_cap}.")
    question = "How many CEU are still free on the car deck for the 07:40 sailing?"
    one_each, cars_only, slip = deck - (cars + coaches + bikes), deck - cars, free + 1
    differ(free, one_each, cars_only, slip)
    assert free == D("11.5")
    return context, question, [
        f"{free} CEU",
        f"Eleven and a half CEU remain ({cars} + {coaches * coach_ceu} + {bikes * bike_ceu} = {used} used of {deck}).",
        f"There's {free} CEU left, room for {int(free)} more cars.",
    ], [
        (f"{one_each} CEU free.", "counted every vehicle as one CEU"),
        (f"{deck} − {cars} = {cars_only} CEU still free.", "left out the coaches and motorcycles"),
        (f"About {slip} CEU are left on the deck.", "subtraction slip"),
    ]


@scenario("difference", "creamery-wheel-loss")
def _() -> Answers:
    start, wheels, sample, temp, humidity = D("24.6"), 12, D("21.85"), 11, 88
    loss = start - sample
    context = (f"Aging room notes, Fellside Creamery. Batch C-17 (clothbound cheddar) went in on 2 February: "
               f"{wheels} wheels at {start} kg each. At the 9-month turn the sample wheel weighed {sample} kg. "
               f"Room held at {temp} °C and {humidity}% humidity.")
    question = "How much weight did the sample wheel lose between going in and the 9-month turn?"
    share = dec(Fraction(loss) / Fraction(start) * 100, 0)
    batch, slip_a, slip_b = loss * wheels, loss + 1, loss + D("0.1")
    differ(loss, batch, slip_a, slip_b)
    return context, question, [
        f"{loss} kg",
        f"{start} − {sample} = {loss} kg lost.",
        f"It lost {num(loss * 1000)} grams, roughly {share}% of its weight.",
    ], [
        (f"{slip_a} kg.", "borrowing slip in the subtraction"),
        (f"The sample wheel lost {slip_b} kg.", "subtraction slip in the tenths"),
        (f"{num(batch)} kg across the batch, so that's the loss.", "multiplied by the twelve wheels"),
    ]


@scenario("difference", "rowing-head-margin")
def _() -> Answers:
    def secs(m: int, s: str) -> Decimal:
        return m * 60 + D(s)
    belles, mavericks, ladies = secs(17, "42.6"), secs(17, "58.1"), secs(18, "5.9")
    margin = mavericks - belles
    context = ("Results, Tamesis Head, Women's Masters C eights:\n"
               "1. Putney Belles 17:42.6\n2. Kingston Mavericks 17:58.1\n3. Thames Ladies 18:05.9\n"
               "Course 6.8 km; headwind 12 km/h.")
    question = "By how many seconds did Putney Belles beat Kingston Mavericks?"
    wrong_crew, slip = ladies - belles, margin + 1
    assert margin == D("15.5")
    differ(margin, wrong_crew, slip)
    return context, question, [
        f"{margin} seconds",
        f"17:58.1 − 17:42.6 = {margin} s.",
        "Putney Belles were fifteen and a half seconds quicker.",
    ], [
        (f"{wrong_crew} seconds.", "used Thames Ladies' time"),
        (f"By {slip} s.", "subtraction slip"),
        (f"Kingston Mavericks beat Putney Belles by {margin} seconds.", "swapped the winner"),
    ]


# ---------------------------------------------------------------------------------------- count

@scenario("count", "vineyard-brix")
def _() -> Answers:
    rows = [(1, D("21.4"), D("0.62")), (2, D("22.8"), D("0.71")), (3, D("23.1"), D("0.58")),
            (4, D("21.9"), D("0.66")), (5, D("22.0"), D("0.69")), (6, D("24.2"), D("0.49")),
            (7, D("20.8"), D("0.74"))]
    threshold = D("22.0")
    still = [n for n, bx, _ in rows if bx >= threshold]
    sparkling = [n for n, bx, _ in rows if bx < threshold]
    strict = [n for n, bx, _ in rows if bx > threshold]
    loose = [n for n, bx, _ in rows if bx >= threshold - D("0.1")]
    lines = "\n".join(f"Row {n}: {bx} °Bx, {t} t" for n, bx, t in rows)
    context = (f"Harvest sheet, Coombe Ridge Vineyard, Pinot Noir block.\n{lines}\n"
               f"Winemaker's rule: pick for sparkling below {threshold} °Bx, for still wine at {threshold} or above.")
    question = "How many rows reached the still-wine threshold?"
    differ(len(still), len(strict), len(loose), len(sparkling))
    assert len(still) == 4
    return context, question, [
        f"{len(still)}",
        f"Four rows: {', '.join(map(str, still[:-1]))} and {still[-1]}.",
        f"{len(still)} of the {len(rows)} rows made {threshold} °Bx or more, so they go to still wine.",
    ], [
        (f"{words(len(strict)).capitalize()} (rows {', '.join(map(str, strict[:-1]))} and {strict[-1]}).",
         "treated exactly 22.0 as below the threshold"),
        (f"{len(loose)} rows reached it.", "counted row 4 at 21.9 as reaching 22.0"),
        (f"Rows {', '.join(map(str, sparkling[:-1]))} and {sparkling[-1]}, so {len(sparkling)} rows.",
         "gave the sparkling rows"),
    ]


@scenario("count", "theatre-sellouts")
def _() -> Answers:
    capacity, returns, avg = 180, 11, D("18.50")
    shows = [("Tue", 180), ("Wed", 171), ("Thu", 180), ("Fri", 180), ("Sat mat", 164), ("Sat eve", 180),
             ("Sun", 152)]
    sold_out = [d for d, n in shows if n >= capacity]
    with_returns = [d for d, n in shows if n + returns >= capacity]
    context = (f"Week 3 sales, The Lyceum Studio (capacity {capacity}): "
               + "; ".join(f"{d} {n}" for d, n in shows)
               + f". Returns resold during the week: {returns}. Average ticket £{avg}.")
    question = "How many performances in week 3 sold out?"
    missed = [d for d in sold_out if d != "Fri"]
    differ(len(sold_out), len(with_returns), len(missed), len(shows))
    return context, question, [
        f"{len(sold_out)}",
        f"Four sold out: {', '.join(sold_out[:-1])} and {sold_out[-1]}, each at {capacity}.",
        f"{words(len(sold_out)).capitalize()} of the {len(shows)} performances hit the {capacity}-seat capacity.",
    ], [
        (f"{len(with_returns)}: Wed sold out too once the {returns} returns were resold.",
         "added the resold returns to a performance"),
        (f"{words(len(missed)).capitalize()} sold out: {', '.join(missed[:-1])} and {missed[-1]}.",
         "missed Friday"),
        (f"All {len(shows)} performances.", "counted every performance"),
    ]


@scenario("count", "recycling-skips")
def _() -> Answers:
    skips = [(1, "garden waste", D("1.84")), (2, "rubble", D("3.10")), (3, "mixed metal", D("0.96")),
             (4, "cardboard", D("0.72")), (5, "rubble", D("2.00")), (6, "wood", D("2.35"))]
    limit, cars = 2, 412
    over = [n for n, _, t in skips if t > limit]
    at_or_over = [n for n, _, t in skips if t >= limit]
    context = ("Weighbridge log, Marsh Road Household Recycling Centre, Monday:\n"
               + "\n".join(f"skip {n} {what}: {t} t" for n, what, t in skips)
               + f"\nHaulage is charged on any skip over {limit} t. Visitors: {cars} cars.")
    question = f"How many skips were over the {limit}-tonne haulage threshold?"
    rest = len(skips) - len(over)
    differ(len(over), len(at_or_over), 1, rest)
    return context, question, [
        f"{len(over)}",
        f"Two skips, {over[0]} and {over[1]}, went over {limit} t.",
        f"Just {words(len(over))}: skip {over[0]} at 3.10 t and skip {over[1]} at 2.35 t; skip 5 is exactly {limit} t.",
    ], [
        (f"{words(len(at_or_over)).capitalize()} (skips {at_or_over[0]}, {at_or_over[1]} and {at_or_over[2]}).",
         "counted the skip at exactly 2 t"),
        ("Just one, the 3.10 t rubble skip.", "missed the wood skip"),
        (f"{rest} skips.", "gave the count of skips not over the threshold"),
    ]


@scenario("count", "bell-ringers-practice")
def _() -> Answers:
    nights = 4
    ringers = [("Margaret", 4), ("Tom", 2), ("Priya", 3), ("Ewan", 4), ("Gwen", 1), ("Rashid", 3),
               ("Alice", 0), ("Joe", 2)]
    regular = [n for n, k in ringers if k >= 3]
    every = [n for n, k in ringers if k == nights]
    two_plus = [n for n, k in ringers if k >= 2]
    context = (f"Practice attendance, St Aldhelm's tower, October ({nights} practice nights): "
               + ", ".join(f"{n} {k}" for n, k in ringers)
               + ". The peal attempt needs 8 ringers, and the band wants those with 3 or more practices.")
    question = "How many ringers came to at least three of the October practices?"
    differ(len(regular), len(every), len(two_plus), 8)
    return context, question, [
        f"{len(regular)} ringers.",
        f"{', '.join(regular[:-1])} and {regular[-1]}: {words(len(regular))}.",
        f"That's {len(regular)} of the {len(ringers)} on the list.",
    ], [
        (f"{len(every)}, {every[0]} and {every[1]}.", "counted only those at every practice"),
        (f"{len(two_plus)} ringers.", "counted two or more practices"),
        ("Eight.", "gave the number the peal needs"),
    ]


# ------------------------------------------------------------------------------ date_difference

@scenario("date_difference", "tattoo-touch-up")
def _() -> Answers:
    s1, s2, touch = date(2025, 2, 14), date(2025, 3, 28), date(2025, 6, 19)
    window, deposit = 90, 80
    days = (touch - s2).days
    context = (f"Booking note, Inkwell Row Tattoo. Client #2291, forearm botanical piece. Session 1: "
               f"{long_date(s1)}, 3 h. Session 2 (shading): {long_date(s2)}, 4 h. Touch-ups are free if booked "
               f"within {window} days of the last session; touch-up booked for {long_date(touch)}. Deposit £{deposit}.")
    question = "How many days after session 2 is the touch-up booked?"
    from_s1, both_ends = (touch - s1).days, days + 1
    thirty = (touch.month - s2.month) * 30 + touch.day - s2.day
    differ(days, from_s1, both_ends, thirty)
    assert days <= window and days // 7 == 11
    return context, question, [
        f"{days} days",
        f"It's {days} days after session 2, so inside the {window}-day free window.",
        f"{words(days).capitalize()} days, just under twelve weeks.",
    ], [
        (f"{from_s1} days.", "measured from session 1"),
        (f"{both_ends} days, counting the session day and the touch-up day.", "counted both ends"),
        (f"About {thirty} days: three months of 30 days, less {s2.day - touch.day}.",
         "counted every month as 30 days"),
    ]


@scenario("date_difference", "watch-service")
def _() -> Answers:
    received, ordered, arrived, returned = date(2024, 12, 9), date(2024, 12, 16), date(2025, 1, 8), date(2025, 1, 24)
    days = (returned - received).days
    context = (f"Job card 5567, Hartley Horology. Received {long_date(received)}: Omega Seamaster, full service, "
               f"quoted £385. Parts ordered {ordered.day} December, arrived {long_date(arrived)}. "
               f"Returned to the customer {long_date(returned)}. Warranty 24 months from return.")
    question = "How many days passed between receiving the watch and returning it?"
    parts, both_ends, naive = (arrived - ordered).days, days + 1, returned.day - received.day
    differ(days, parts, both_ends, naive)
    assert days % 7 in (3, 4)
    return context, question, [
        f"{days}",
        f"{days} days, from {received.day} December to {returned.day} January.",
        f"The watch was in the workshop for {words(days)} days (about {days // 7} and a half weeks).",
    ], [
        (f"{parts} days.", "gave the wait for parts"),
        (f"{both_ends} days, counting the day it came in and the day it went back.", "counted both ends"),
        (f"{returned.day} − {received.day} = {naive} days.", "subtracted day numbers across a month change"),
    ]


@scenario("date_difference", "cider-ferment")
def _() -> Answers:
    pressed, racked, bottled = date(2024, 10, 18), date(2024, 11, 29), date(2025, 3, 3)
    days = (bottled - pressed).days
    context = (f"Pressing diary, Lower Orchard cider press. Pressed 1,150 litres of Dabinett and Kingston Black "
               f"juice on {long_date(pressed)} (SG 1.058). Racked off the lees on {long_date(racked)}. "
               f"Bottled {long_date(bottled)} at SG 0.998. Cellar at 12 °C.")
    question = "How many days passed between pressing and bottling?"
    to_rack, from_rack, both_ends = (racked - pressed).days, (bottled - racked).days, days + 1
    differ(days, to_rack, from_rack, both_ends)
    assert 4 * 30 < days < 5 * 30
    return context, question, [
        f"{days} days.",
        f"From {long_date(pressed)} to {long_date(bottled)} is {days} days.",
        f"{words(days).capitalize()} days, roughly four and a half months.",
    ], [
        (f"{to_rack} days.", "gave pressing to racking"),
        (f"{from_rack} days from racking to bottling, so {from_rack}.", "measured from racking, not pressing"),
        (f"{both_ends} days.", "counted both ends"),
    ]


@scenario("date_difference", "canal-stoppage")
def _() -> Answers:
    closes, opens = date(2025, 1, 6), date(2025, 2, 21)
    days = (opens - closes).days
    context = (f"Stoppage notice, Grand Union Canal, Lock 47 (Hatton flight). The lock closes at 0800 on "
               f"{long_date(closes)} for gate replacement and reopens at 1600 on {long_date(opens)}. The towpath "
               f"stays open. No diversion: boats must wait above Lock 46 or below Lock 48. Contractor crew: 14.")
    question = "How many days is the stoppage, from the closing date to the reopening date?"
    naive, both_ends = opens.day - closes.day, days + 1
    thirty = 30 - closes.day + opens.day
    differ(days, naive, both_ends, thirty)
    assert days % 7 == 4
    return context, question, [
        f"{days} days",
        f"{days} days ({long_date(closes)} to {long_date(opens)}).",
        f"It's {words(days)} days, six and a half weeks or so.",
    ], [
        (f"{naive} days.", "subtracted the day numbers, ignoring the month"),
        (f"{both_ends} days including both the closing and the reopening day.", "counted both ends"),
        (f"A month and {opens.day - closes.day} days, so {thirty} days.", "counted January as 30 days"),
    ]


# ------------------------------------------------------------------------------ unit_conversion

@scenario("unit_conversion", "glass-annealer-fahrenheit")
def _() -> Answers:
    furnace, glory, soak, hours, ramp = 1150, 1080, 482, 2, 60
    f = Fraction(soak) * 9 / 5 + 32
    context = (f"Studio notes, Quayside Glass. The furnace holds the batch at {furnace:,} °C overnight; the glory "
               f"hole works at {glory:,} °C; the annealer soaks at {soak} °C for {hours} hours, then ramps down "
               f"{ramp} °C per hour. Gas bill last month: £1,940.")
    question = "What is the annealer's soak temperature in degrees Fahrenheit?"
    no_32, backwards, furnace_f = Fraction(soak) * 9 / 5, (Fraction(soak) - 32) * 5 / 9, Fraction(furnace) * 9 / 5 + 32
    differ(num(f, 1), num(no_32, 1), num(backwards, 1), num(furnace_f, 1))
    assert dec(f, -2) == 900
    return context, question, [
        f"{num(f, 1)} °F",
        f"About 900 °F ({soak} × 9/5 + 32 = {num(f, 1)}).",
        "The soak is at roughly nine hundred degrees Fahrenheit.",
    ], [
        (f"{num(no_32, 1)} °F.", "forgot to add 32"),
        (f"({soak} − 32) × 5/9 = {num(backwards, 0)} °F.", "used the Fahrenheit-to-Celsius formula"),
        (f"{num(furnace_f, 0)} °F.", "converted the furnace temperature"),
    ]


@scenario("unit_conversion", "charter-nautical-miles")
def _() -> Answers:
    nm, knots, drift, pollack, bass, returned = D("18.5"), 9, D("2.5"), 31, 6, 4
    per_nm, per_mile = D("1.852"), D("1.609")
    km = nm * per_nm
    context = (f"Trip sheet, Saltash Charters, skipper's log: steamed {nm} nautical miles out to the Eddystone reef "
               f"grounds at {knots} knots, drifted {drift} hours, caught {pollack} pollack and {bass} bass "
               f"({returned} bass returned under 42 cm). Fuel used: 96 litres.")
    question = f"How far out is the reef in kilometres? (1 nautical mile = {per_nm} km)"
    statute, divided = nm * per_mile, Fraction(nm) / Fraction(per_nm)
    differ(num(km, 1), num(statute, 1), num(divided, 1), num(nm, 1))
    return context, question, [
        f"{num(km, 3)} km",
        f"About {num(km, 1)} km.",
        f"{nm} × {per_nm} ≈ {num(km, 2)} kilometres out.",
    ], [
        (f"{num(statute, 1)} km.", "used statute miles"),
        (f"{nm} ÷ {per_nm} ≈ {num(divided, 2)} km.", "divided instead of multiplying"),
        (f"It's {nm} km out to the reef.", "did not convert"),
    ]


@scenario("unit_conversion", "stables-hands")
def _() -> Answers:
    cm_per_inch = D("2.54")
    def inches(hh: str) -> int:
        hands, extra = hh.split(".")
        return int(hands) * 4 + int(extra)
    juniper, pepper = "15.2", "13.3"
    cm = inches(juniper) * cm_per_inch
    context = (f"Horse list, Birchwood Riding Stables:\nJuniper, {juniper} hh, 11 yrs, cob cross\n"
               f"Pepper, {pepper} hh, 8 yrs, Welsh D\nMarlow, 16.1 hh, 14 yrs, Irish Sport Horse\n"
               f"Riders over 80 kg go on Marlow only. One hand = 4 inches = {4 * cm_per_inch} cm; the figure "
               "after the point is inches, not tenths.")
    question = "How tall is Juniper in centimetres?"
    decimal_read, pepper_cm = D(juniper) * 4 * cm_per_inch, inches(pepper) * cm_per_inch
    differ(num(cm, 1), num(decimal_read, 1), num(pepper_cm, 1), num(inches(juniper), 1))
    return context, question, [
        f"{cm} cm",
        f"About {num(cm, 0)} cm ({inches(juniper)} inches).",
        f"{juniper} hands is {inches(juniper)} inches, which is {num(cm, 1)} centimetres.",
    ], [
        (f"{decimal_read} cm.", "read .2 as a decimal fraction of a hand"),
        (f"Juniper is {pepper_cm} cm.", "gave Pepper's height"),
        (f"{inches(juniper)} cm.", "gave inches as centimetres"),
    ]


@scenario("unit_conversion", "roastery-sacks-kg")
def _() -> Answers:
    colombia, sacks, guji, yemen, per_lb, loss = 154, 2, 132, 11, D("0.4536"), D("0.15")
    kg = sacks * colombia * per_lb
    context = (f"Green coffee order, Ember & Oak Roasters: {sacks} sacks Colombia Huila ({colombia} lb each), "
               f"1 sack Ethiopia Guji ({guji} lb), 1 box Yemen sample ({yemen} lb). Roast loss is about "
               f"{int(loss * 100)}%. The supplier invoices in USD; shipping $210.")
    question = f"How many kilograms of green coffee are in the two Colombia sacks together? (1 lb = {per_lb} kg)"
    one, divided, roasted = colombia * per_lb, Fraction(sacks * colombia) / Fraction(per_lb), kg * (1 - loss)
    differ(num(kg, 1), num(one, 1), num(divided, 1), num(roasted, 1))
    return context, question, [
        f"{num(kg, 1)} kg",
        f"{sacks * colombia} lb × {per_lb} ≈ {num(kg, 2)} kg.",
        f"Roughly {int(dec(kg / 10, 0)) * 10} kilos of Colombia.",
    ], [
        (f"{num(one, 2)} kg.", "converted one sack only"),
        (f"{sacks * colombia} ÷ {per_lb} ≈ {num(divided, 0)} kg.", "divided by the conversion factor"),
        (f"About {num(roasted, 1)} kg.", "applied the roast loss to green coffee"),
    ]


# ------------------------------------------------------------------------------------- rounding

@scenario("rounding", "lighthouse-visitors")
def _() -> Answers:
    april, may, june, climbs = 3418, 5962, 7245, 2870
    total = april + may + june
    near = int(dec(Fraction(total, 100), 0)) * 100
    context = (f"Season figures, Start Point Lighthouse Museum. Visitors: April {april:,}; May {may:,}; "
               f"June {june:,}. Tower climbs (already included in the visitors): {climbs:,}. "
               f"Gift Aid donations: £4,312.60.")
    question = "What was the April to June visitor total, rounded to the nearest hundred?"
    up = near + 100
    thousand = int(dec(Fraction(total, 1000), 0)) * 1000
    minus = int(dec(Fraction(total - climbs, 100), 0)) * 100
    differ(near, up, thousand, minus)
    return context, question, [
        f"{near:,}",
        f"{april:,} + {may:,} + {june:,} = {total:,}, which rounds to {near:,}.",
        f"About {words(near)} visitors.",
    ], [
        (f"{up:,}.", "rounded up instead of to the nearest hundred"),
        (f"Roughly {thousand:,} visitors.", "rounded to the nearest thousand"),
        (f"{total - climbs:,}, so about {minus:,}.", "subtracted tower climbs that were already included"),
    ]


@scenario("rounding", "water-works-supply")
def _() -> Answers:
    raw, treated, backwash = 48736, 46291, 1884
    near = int(dec(Fraction(treated, 1000), 0)) * 1000
    context = (f"Daily return, Holme Moss Water Treatment Works, 12 July. Raw water abstracted: {raw:,} m³. "
               f"Treated water into supply: {treated:,} m³. Backwash losses: {backwash:,} m³. "
               "Chlorine dose 0.8 mg/l; turbidity 0.12 NTU.")
    question = "How much treated water went into supply, to the nearest thousand cubic metres?"
    up = near + 1000
    raw_near, hundred = int(dec(Fraction(raw, 1000), 0)) * 1000, int(dec(Fraction(treated, 100), 0)) * 100
    differ(near, up, raw_near, hundred)
    return context, question, [
        f"{near:,} m³",
        f"{treated:,} m³ rounds to {near:,} m³.",
        f"About {near // 1000} thousand cubic metres.",
    ], [
        (f"{up:,} m³.", "rounded up"),
        (f"About {raw_near:,} m³ went into supply.", "rounded the raw abstraction"),
        (f"{hundred:,} m³.", "rounded to the nearest hundred"),
    ]


@scenario("rounding", "drone-survey-area")
def _() -> Answers:
    area = D("38.4672")
    one_dp = dec(area, 1)
    context = (f"Survey summary, Skylark Aerial Mapping, job 4471 (Ashby quarry extension): mapped area "
               f"{area} ha at 2.1 cm/px ground sampling distance; 1,326 images over 4 flights; 12 ground control "
               "points; 97 minutes of flight time.")
    question = "What was the mapped area to one decimal place?"
    truncated, whole, shifted = trunc(area, 1), dec(area, 0), dec(area / 10, 1)
    differ(one_dp, truncated, whole, shifted)
    return context, question, [
        f"{one_dp} ha",
        f"{area} ha rounds to {one_dp} hectares.",
        f"Roughly {one_dp} ha, i.e. about {num(one_dp * 10000)} m².",
    ], [
        (f"{truncated} ha.", "truncated instead of rounding"),
        (f"{whole} ha.", "rounded to whole hectares"),
        (f"{shifted} ha to one decimal.", "slipped the decimal point"),
    ]


@scenario("rounding", "steam-railway-takings")
def _() -> Answers:
    adult, child, family = D("21.40"), D("10.70"), D("56.00")
    n_adult, n_child, n_family = 348, 127, 41
    total = adult * n_adult + child * n_child + family * n_family
    near = int(dec(total / 100, 0)) * 100
    context = (f"Fares, Wensley Valley Railway: adult return £{adult}, child £{child}, family ticket £{family}. "
               f"Saturday: {n_adult} adult, {n_child} child and {n_family} family tickets. "
               "Locomotive 'Lady Anne' burnt 2.6 t of coal.")
    question = "What were Saturday's ticket takings, rounded to the nearest £100?"
    no_family = adult * n_adult + child * n_child
    up, thousand, nf = near + 100, int(dec(total / 1000, 0)) * 1000, int(dec(no_family / 100, 0)) * 100
    differ(near, up, thousand, nf)
    return context, question, [
        f"£{near:,}",
        f"{money(total)}, which is £{near:,} to the nearest hundred.",
        f"About {words(near)} pounds.",
    ], [
        (f"£{up:,}.", "rounded up instead of to the nearest hundred"),
        (f"Roughly £{thousand:,}.", "rounded to the nearest thousand"),
        (f"{money(no_family)}, so £{nf:,}.", "left out the family tickets"),
    ]


# ----------------------------------------------------------------------------------- percentage

@scenario("percentage", "choir-attendance")
def _() -> Answers:
    sections = [("sopranos", 18, 22), ("altos", 15, 19), ("tenors", 6, 9), ("basses", 11, 12)]
    folders = 64
    present, members = sum(p for _, p, _ in sections), sum(m for _, _, m in sections)
    pct = Fraction(present, members) * 100
    context = ("Rehearsal register, Valley Voices Community Choir, 3 June: "
               + ", ".join(f"{s} {p} of {m} present" for s, p, m in sections)
               + f". Concert in 26 days; music folders needed: {folders}.")
    question = "What percentage of the choir attended on 3 June?"
    mean_of = sum(Fraction(p, m) for _, p, m in sections) / len(sections) * 100
    folders_pct, absent = Fraction(present, folders) * 100, 100 - pct
    differ(num(pct, 1), num(mean_of, 1), num(folders_pct, 1), num(absent, 1))
    return context, question, [
        f"About {num(pct, 1)}%.",
        f"{present} of {members} singers, so roughly {num(pct, 0)}%.",
        f"Attendance was {num(pct, 2)}%.",
    ], [
        (f"{num(mean_of, 1)}%.", "averaged the four section percentages"),
        (f"{present} of {folders}, so {num(folders_pct, 1)}%.", "divided by the folder count"),
        (f"Roughly {num(absent, 0)}% of the choir.", "gave the absent share"),
    ]


@scenario("percentage", "locksmith-out-of-hours")
def _() -> Answers:
    callouts, ooh, lockouts = 146, 37, 52
    pct = Fraction(ooh, callouts) * 100
    context = (f"Monthly summary, KeyRight Locksmiths, November: {callouts} callouts, of which {ooh} were out of "
               f"hours and {lockouts} were lockouts. Average job value £94; van mileage 2,310 miles.")
    question = "What percentage of November's callouts were out of hours?"
    lock_pct, in_hours = Fraction(lockouts, callouts) * 100, 100 - pct
    differ(num(pct, 1), num(lock_pct, 1), num(in_hours, 1), num(ooh, 1))
    return context, question, [
        f"{num(pct, 1)}%",
        f"{ooh} ÷ {callouts} ≈ {num(Fraction(ooh, callouts), 3)}, so about a quarter ({num(pct, 1)}%).",
        f"Roughly {num(pct, 0)} per cent.",
    ], [
        (f"{num(lock_pct, 1)}%.", "used the lockouts"),
        (f"About {num(in_hours, 1)}% were out of hours.", "gave the in-hours share"),
        (f"{ooh}%.", "took the count as a percentage"),
    ]


@scenario("percentage", "studio-hours-growth")
def _() -> Answers:
    h24, h25, rate_old, rate_new, mastering = 212, 259, 45, 50, 31
    pct = Fraction(h25 - h24, h24) * 100
    context = (f"Bookings, Studio Tamar. Q1 2024: {h24} hours booked. Q1 2025: {h25} hours booked. The live room "
               f"rate went from £{rate_old} to £{rate_new} an hour. Mastering jobs in Q1 2025: {mastering}.")
    question = "By what percentage did booked hours rise from Q1 2024 to Q1 2025?"
    on_new, rate_pct = Fraction(h25 - h24, h25) * 100, Fraction(rate_new - rate_old, rate_old) * 100
    differ(num(pct, 1), num(on_new, 1), num(rate_pct, 1), num(h25 - h24, 1))
    return context, question, [
        f"{num(pct, 1)}%",
        f"({h25} − {h24}) / {h24} ≈ {num(pct, 1)}% more hours.",
        f"Up about {num(pct, 0)} per cent.",
    ], [
        (f"({h25} − {h24}) / {h25} ≈ {num(on_new, 1)}%.", "divided by the new figure"),
        (f"About {num(rate_pct, 1)}%.", "used the rate rise"),
        (f"{h25 - h24}% more hours.", "gave the difference in hours as a percentage"),
    ]


@scenario("percentage", "vet-member-discount")
def _() -> Answers:
    consult, booster, parasite, off = D("48.00"), D("62.50"), D("39.90"), D("0.15")
    discounted = booster + parasite
    total = consult + discounted * (1 - off)
    saving = discounted * off
    context = (f"Invoice, Larkspur Veterinary Practice: consultation £{consult}; booster vaccination £{booster}; "
               f"flea and worm pack £{parasite}. Pet-club members get {int(off * 100)}% off vaccinations and "
               "parasite treatments only (not consultations). Next booster due in 12 months.")
    question = "With the pet-club discount, how much does this member pay in total?"
    all_off = (consult + discounted) * (1 - off)
    vacc_only = consult + booster * (1 - off) + parasite
    slip = total - 3
    differ(money(total), money(all_off), money(vacc_only), money(slip))
    return context, question, [
        f"{money(total)}",
        f"Total {money(total)} ({consult} + 0.85 × {discounted}).",
        f"They'd pay {money(total)}; the discount saves {money(saving)}.",
    ], [
        (f"{money(all_off)}.", "discounted the consultation too"),
        (f"{money(vacc_only)} after the member discount.", "took the discount off the vaccination only"),
        (f"{money(saving)} off, so {money(slip)}.", "arithmetic slip after the discount"),
    ]


# ----------------------------------------------------------------------------------------- rate

@scenario("rate", "balloon-climb")
def _() -> Answers:
    liftoff, at_height, landed = datetime(2025, 5, 6, 6, 12), datetime(2025, 5, 6, 6, 20), datetime(2025, 5, 6, 7, 31)
    height = 2400
    climb_min = (at_height - liftoff).seconds // 60
    rate = Fraction(height, climb_min)
    context = (f"Flight log, Cotswold Skies Ballooning, G-CSKY, 6 May: lift-off {clock(liftoff)} from Bibury; "
               f"climbed to {height:,} ft by {clock(at_height)}; cruised at {height:,} ft; landed {clock(landed)} "
               "near Burford; 11 passengers; propane used 4 of 5 cylinders.")
    question = f"What was the average climb rate from lift-off to {height:,} ft, in feet per minute?"
    flight_min = (landed - liftoff).seconds // 60
    whole, ten = Fraction(height, flight_min), Fraction(height, 10)
    differ(rate, whole, ten)
    assert rate.denominator == 1 and rate / 60 == 5
    return context, question, [
        f"{rate} ft/min",
        f"{height:,} ft in {climb_min} minutes = {rate} feet per minute.",
        f"About five feet per second ({rate} ft/min).",
    ], [
        (f"{num(whole, 1)} ft/min.", "used the whole flight time"),
        (f"{height:,} ft over ten minutes, so {num(ten)} ft/min.", "miscounted the climb time"),
        (f"{rate} ft per second.", "gave seconds for minutes"),
    ]


@scenario("rate", "stonemason-per-metre")
def _() -> Answers:
    length, height, labour, stone, tonnes, waste = D("14.5"), D("1.2"), 2755, 1305, 18, 140
    rate = labour / length
    context = (f"Quote Q-118, Aldred Stonework: rebuild {length} m of dry-stone wall, {height} m high, in local "
               f"gritstone. Labour £{labour:,}; stone (reclaimed, {tonnes} t) £{stone:,}; waste removal £{waste}. "
               "No VAT charged.")
    question = "What is the labour cost per metre of wall?"
    whole, per_m2, per_t = (labour + stone + waste) / length, labour / (length * height), Fraction(labour, tonnes)
    differ(money(rate), money(whole), money(per_m2), money(per_t))
    assert rate == 190
    return context, question, [
        f"£{rate:.0f} per metre",
        f"{labour:,} ÷ {length} = £{rate:.0f}/m.",
        "Labour works out at a hundred and ninety pounds a metre.",
    ], [
        (f"{money(whole)} per metre.", "divided the whole quote"),
        (f"{labour:,} ÷ ({length} × {height}) ≈ {money(per_m2)} a metre.", "divided by the face area"),
        (f"About {money(per_t)} per metre.", "divided by the tonnes of stone"),
    ]


@scenario("rate", "solar-panels-per-day")
def _() -> Answers:
    panels, watts, days, crew, scaffold, commissioning = 186, 430, 6, 4, 2, 1
    rate = Fraction(panels, days)
    context = (f"Site diary, BrightRoof Solar, Elmfield Business Park unit 7 roof: {panels} panels ({watts} W each) "
               f"fitted over {days} working days by a crew of {crew}. Scaffold went up {scaffold} days earlier; "
               "inverter commissioning took a further day.")
    assert commissioning == 1
    question = "How many panels per working day did the crew fit?"
    per_fitter = Fraction(panels, days * crew)
    all_days, plus_one = Fraction(panels, days + scaffold + commissioning), Fraction(panels, days + commissioning)
    differ(num(rate, 2), num(per_fitter, 2), num(all_days, 2), num(plus_one, 2))
    assert rate == 31
    return context, question, [
        f"{rate} panels a day",
        f"{panels} ÷ {days} = {rate} per day.",
        f"Thirty-one a day on average (about {num(per_fitter, 2)} per fitter).",
    ], [
        (f"{num(per_fitter, 2)} panels a day.", "divided by the crew as well"),
        (f"{panels} ÷ {days + scaffold + commissioning} ≈ {num(all_days, 1)} per day.",
         "counted scaffold and commissioning days"),
        (f"About {num(plus_one, 1)} a day.", "added the commissioning day"),
    ]


@scenario("rate", "tree-surgeon-hourly")
def _() -> Answers:
    start, end = datetime(2025, 4, 9, 8, 0), datetime(2025, 4, 9, 14, 30)
    chipper, total, crew = D("95"), D("1040"), 3
    hours = Fraction((end - start).seconds, 3600)
    rate = Fraction(total - chipper) / hours
    context = (f"Invoice, Greenbough Tree Care: crown reduction of a mature oak; 2 climbers and 1 groundsman on "
               f"site {clock(start)}-{clock(end)}; chipper hire £{chipper}; total charged £{total:,} (including the "
               "chipper). Logs left for the client.")
    question = "Leaving out the chipper hire, what did the job cost per hour on site?"
    with_chipper = Fraction(total) / hours
    misread = Fraction(total - chipper) / Fraction(63, 10)
    per_person = rate / crew
    differ(money(rate), money(with_chipper), money(misread), money(per_person))
    return context, question, [
        f"{money(rate)} an hour",
        f"{total - chipper} ÷ {num(hours, 1)} ≈ {money(rate)}/h.",
        f"Roughly £{num(rate, 0)} per hour on site.",
    ], [
        (f"{money(with_chipper)} an hour.", "left the chipper hire in"),
        (f"{total - chipper} ÷ 6.3 = {money(misread)} per hour.", "read 6 h 30 min as 6.3 hours"),
        (f"About {money(per_person)} an hour.", "divided by the crew too"),
    ]


# -------------------------------------------------------------------------------------- average

@scenario("average", "wedding-photos")
def _() -> Answers:
    weddings = [("Hughes", 612, 2840), ("Patel", 745, 3310), ("O'Neill", 538, 2205), ("Ferreira", 689, 3102)]
    delivered = [d for _, d, _ in weddings]
    mean = Fraction(sum(delivered), len(delivered))
    context = ("Delivery log, Lena Morris Photography, 2024 season: "
               + "; ".join(f"{n} wedding {d} images delivered ({s:,} shot)" for n, d, s in weddings)
               + ". The standard package promises 'at least 500'.")
    question = "What was the average number of images delivered per wedding?"
    shot_mean = Fraction(sum(s for *_, s in weddings), len(weddings))
    by_three = Fraction(sum(delivered), 3)
    middle = sorted(delivered)[1:3]
    median = Fraction(sum(middle), 2)
    differ(num(mean, 2), num(shot_mean, 2), num(by_three, 2), num(median, 2))
    assert mean.denominator == 1
    return context, question, [
        f"{mean}",
        f"{sum(delivered):,} ÷ {len(delivered)} = {mean} images per wedding.",
        f"On average {words(int(mean))} images per wedding.",
    ], [
        (f"{num(shot_mean, 2)} images.", "averaged the images shot"),
        (f"{sum(delivered):,} ÷ 3 ≈ {num(by_three, 0)} per wedding.", "divided by three"),
        (f"About {num(median, 1)}, halfway between {middle[0]} and {middle[1]}.", "gave the median"),
    ]


@scenario("average", "10k-age-group")
def _() -> Answers:
    runners = [("A. Kerr", 52, 14), ("B. Osei", 48, 40), ("C. Lund", 55, 31), ("D. Marsh", 47, 55)]
    record = (33, 2)
    secs = [m * 60 + s for _, m, s in runners]
    mean = Fraction(sum(secs), len(secs))
    assert mean.denominator == 1
    mm, ss = divmod(int(mean), 60)
    context = ("Results extract, Riverside 10K, women V50: "
               + "; ".join(f"{n} {m}:{s:02d}" for n, m, s in runners)
               + f". Course record {record[0]}:{record[1]:02d}; 412 finishers overall.")
    question = "What was the average finishing time of these four runners?"
    as_decimals = sum(D(f"{m}.{s:02d}") for _, m, s in runners) / len(runners)
    with_record = Fraction(sum(secs) + record[0] * 60 + record[1], len(secs) + 1)
    wm, ws = divmod(with_record, 60)
    slip = (mm, ss + 45)
    differ((mm, ss), (int(wm), int(ws)), slip)
    assert as_decimals != mean / 60
    return context, question, [
        f"{mm}:{ss:02d}",
        f"Average {mm} minutes {ss} seconds ({sum(secs):,} s ÷ {len(secs)} = {int(mean):,} s).",
        f"About {mm} minutes.",
    ], [
        (f"{as_decimals} minutes.", "averaged mm:ss as decimals"),
        (f"{int(wm)}:{num(ws, 1).zfill(4)} with the course record in.", "included the course record"),
        (f"About {mm} minutes {slip[1]} seconds.", "slip converting the seconds back"),
    ]


@scenario("average", "ski-lift-riders")
def _() -> Answers:
    hours = [("09:00-10:00", 1184), ("10:00-11:00", 1512), ("11:00-12:00", 1466), ("12:00-13:00", 938)]
    counts = [c for _, c in hours]
    mean = Fraction(sum(counts), len(counts))
    context = ("Lift counts, Glen Alder chairlift 'Corrie Quad', Saturday: "
               + "; ".join(f"{h} {c:,} riders" for h, c in hours)
               + " (lift on wind hold for 20 minutes in the last hour). Rated capacity 2,000 riders an hour.")
    question = "Across the four hours, what was the average number of riders per hour?"
    dropped = Fraction(sum(counts[:3]), 3)
    by_three = Fraction(sum(counts), 3)
    slip = mean - 18
    differ(num(mean), num(dropped), num(by_three), num(slip))
    assert int(dec(mean / 100, 0)) * 100 == 1300
    assert mean.denominator == 1
    return context, question, [
        f"{num(mean)} riders per hour",
        f"{sum(counts):,} riders over {len(counts)} hours → {num(mean)}/h.",
        f"Roughly 1,300 an hour; {num(mean)} to be exact.",
    ], [
        (f"{num(dropped, 0)} an hour.", "dropped the wind-hold hour"),
        (f"{sum(counts):,} ÷ 3 = {num(by_three)} riders per hour.", "divided by three"),
        (f"About {num(slip)} per hour.", "transposed digits"),
    ]


@scenario("average", "upholstery-turnaround")
def _() -> Answers:
    jobs = [("wingback chair re-cover", 9), ("chaise longue", 14), ("set of 6 dining seats", 3),
            ("Chesterfield re-button", 21)]
    days = [d for _, d in jobs]
    mean = Fraction(sum(days), len(days))
    context = ("Job book, Thread & Frame Upholstery, March:\n"
               + "\n".join(f"- {j}: {d} days" for j, d in jobs)
               + "\nFabric bought: 38 m at £24/m.")
    question = "What was the mean turnaround per job in March?"
    per_seat = Fraction(sum(days), len(days) - 1 + 6)
    median = Fraction(sorted(days)[1] + sorted(days)[2], 2)
    slip = mean + 1
    differ(num(mean, 2), num(per_seat, 2), num(median, 2), num(slip, 2))
    assert mean == Fraction(47, 4)
    return context, question, [
        f"{num(mean, 2)} days",
        f"{sum(days)} days over {len(days)} jobs = {num(mean, 2)} days on average.",
        "Just under 12 days per job (11¾).",
    ], [
        (f"{sum(days)} ÷ {len(days) - 1 + 6} ≈ {num(per_seat, 2)} days.", "counted the six dining seats as six jobs"),
        (f"{num(median, 1)} days.", "gave the median"),
        (f"About {num(slip, 2)} days per job.", "arithmetic slip"),
    ]


# ------------------------------------------------------------------------------------- fraction

@scenario("fraction", "letterpress-spoilage")
def _() -> Answers:
    fed, makeready, trim, ordered = 450, 36, 18, 375
    f = Fraction(makeready + trim, fed)
    context = (f"Print run, Foxglove Press: wedding invitations, two colours on 600 gsm cotton. {fed} sheets fed; "
               f"{makeready} spoiled on makeready; {trim} rejected at trimming. The client ordered {ordered}.")
    question = "What fraction of the sheets fed were spoiled or rejected? Give it in lowest terms."
    no_trim, by_order = Fraction(makeready, fed), Fraction(makeready + trim, ordered)
    differ(f, no_trim, by_order, Fraction(1, 8))
    assert f == Fraction(3, 25)
    return context, question, [
        frac(f),
        f"{makeready + trim} of {fed} sheets: {frac(f)}, i.e. {num(f * 100)}%.",
        "Three twenty-fifths of the sheets.",
    ], [
        (frac(no_trim) + ".", "left out the trimming rejects"),
        (f"{makeready + trim}/{ordered} = {frac(by_order)}.", "divided by the order, not the sheets fed"),
        (f"{makeready + trim}/{fed} reduces to 1/8.", "reduced the fraction wrongly"),
    ]


@scenario("fraction", "lifeguard-rips")
def _() -> Answers:
    incidents, rescues, rips, first_aid, children, red_flags = 248, 62, 40, 148, 38, 11
    f = Fraction(rips, rescues)
    context = (f"Season return, Polzeath lifeguard unit: {incidents} incidents; {rescues} rescues, of which {rips} "
               f"were caused by rip currents; {first_aid} first-aid cases; {children} lost children reunited. "
               f"Red flags flown on {red_flags} days.")
    question = "What fraction of the rescues were caused by rip currents?"
    all_inc, rest = Fraction(rips, incidents), 1 - f
    differ(f, all_inc, rest, Fraction(10, 13))
    assert f == Fraction(20, 31)
    return context, question, [
        frac(f),
        f"{rips} of {rescues} rescues, i.e. {frac(f)} (about {num(f * 100)}%).",
        "Twenty out of every thirty-one rescues.",
    ], [
        (f"{frac(all_inc)}.", "divided by all incidents"),
        (f"{frac(rest)} of them.", "gave the other rescues"),
        (f"{rips}/{rescues} = 10/13.", "reduced the fraction wrongly"),
    ]


@scenario("fraction", "observatory-cancellations")
def _() -> Answers:
    scheduled, cloud, wind, visitors, hours = 24, 6, 2, 1140, 31
    f = Fraction(cloud + wind, scheduled)
    held = scheduled - cloud - wind
    context = (f"Outreach log, Kestrel Hill Observatory, winter season: {scheduled} public evenings scheduled; "
               f"{cloud} cancelled for cloud and {wind} for high wind; {visitors:,} visitors; telescope time "
               f"booked by schools: {hours} hours.")
    question = "What fraction of the scheduled evenings were cancelled? Lowest terms, please."
    cloud_only, held_f, by_held = Fraction(cloud, scheduled), Fraction(held, scheduled), Fraction(cloud + wind, held)
    differ(f, cloud_only, held_f, by_held)
    assert f == Fraction(1, 3)
    return context, question, [
        frac(f),
        f"{cloud + wind} of {scheduled}: one third.",
        f"A third of them ({cloud} cloud + {wind} wind = {cloud + wind}).",
    ], [
        (f"{frac(cloud_only)}.", "counted only the cloud cancellations"),
        (f"{frac(held_f)} were cancelled.", "gave the evenings held"),
        (f"{cloud + wind}/{held} = {frac(by_held)}.", "divided by the evenings held"),
    ]


@scenario("fraction", "cider-fruit-share")
def _() -> Answers:
    fruit = [("Dabinett", 1860), ("Kingston Black", 620), ("Yarlington Mill", 930), ("Bramley (for blending)", 310)]
    total = sum(k for _, k in fruit)
    f = Fraction(620, total)
    context = ("Fruit intake, Lower Orchard cider press, 2024 season: "
               + "; ".join(f"{n} {k:,} kg" for n, k in fruit)
               + ". Juice yield 62%.")
    question = "What fraction of the fruit was Kingston Black? Lowest terms."
    no_bramley, rest, yarlington = Fraction(620, total - 310), 1 - f, Fraction(930, total)
    differ(f, no_bramley, rest, yarlington)
    assert f == Fraction(1, 6)
    return context, question, [
        frac(f),
        f"620 of {total:,} kg, so {frac(f)}.",
        "One sixth of the fruit by weight.",
    ], [
        (f"{frac(no_bramley)}.", "left out the Bramleys"),
        (f"{frac(rest)} of it.", "gave the rest of the fruit"),
        (f"{frac(yarlington)} of the fruit was Kingston Black.", "used the Yarlington Mill figure"),
    ]


# ----------------------------------------------------------------------------------- comparison

@scenario("comparison", "roastery-per-kg")
def _() -> Answers:
    esp_kg, esp_usd, koc_kg, koc_usd, shipping = 69, 612, 60, 549, 85
    esp, koc = Fraction(esp_usd, esp_kg), Fraction(koc_usd, koc_kg)
    assert esp < koc and koc_usd < esp_usd
    gap = koc - esp
    context = (f"Two green-coffee offers for Ember & Oak Roasters: Finca La Esperanza, {esp_kg} kg sack for "
               f"${esp_usd}; Kochere washed, {koc_kg} kg sack for ${koc_usd}. Shipping is a flat ${shipping} per "
               "order either way.")
    question = "Which offer is cheaper per kilogram, before shipping?"
    assert num(esp, 0) == num(koc, 0)
    return context, question, [
        "Finca La Esperanza",
        f"La Esperanza: ${esp_usd}/{esp_kg} ≈ ${num(esp, 2)} per kg, against ${num(koc, 2)} for Kochere.",
        f"The {esp_kg} kg Esperanza sack, by about {num(gap * 100)} cents a kilo.",
    ], [
        (f"Kochere, the sack is cheaper (${koc_usd}).", "compared sack prices, not price per kilo"),
        (f"Kochere: about ${num(esp, 2)}/kg vs ${num(koc, 2)}/kg for La Esperanza.", "swapped the per-kilo figures"),
        (f"They cost the same per kilo, about ${num(esp, 0)}.", "rounded both to the same figure"),
    ]


@scenario("comparison", "vet-wormer-choice")
def _() -> Answers:
    dog, per_tablet_kg, tablet, spot_on = 32, 10, D("3.20"), D("11.50")
    tablets = math.ceil(dog / per_tablet_kg)
    p_cost = tablets * tablet
    assert spot_on < p_cost
    context = (f"Options for worming a {dog} kg dog at Larkspur Veterinary Practice: Brand P tablets, one tablet "
               f"per {per_tablet_kg} kg of bodyweight (round up), £{tablet} a tablet, every 3 months; Brand S "
               f"spot-on, one pipette per dose, £{spot_on}, every 3 months.")
    question = "Which is cheaper per dose for this dog?"
    exact, down = D(dog) / per_tablet_kg * tablet, (dog // per_tablet_kg) * tablet
    assert exact < spot_on and down < spot_on
    return context, question, [
        "Brand S",
        f"Brand S: £{spot_on} against £{p_cost} for {words(tablets)} P tablets.",
        f"The spot-on is cheaper by {money(p_cost - spot_on)} a dose.",
    ], [
        (f"Brand P at {money(exact)}.", "did not round the tablets up"),
        (f"Brand P: {dog // per_tablet_kg} tablets = {money(down)}.", "rounded the tablets down"),
        (f"Brand P, £{tablet} against £{spot_on}.", "compared one tablet with a dose"),
    ]


@scenario("comparison", "ski-pass-or-tickets")
def _() -> Answers:
    pass_, walk_up, online, days = 209, 44, 39, 5
    tickets = days * online
    assert tickets < pass_ < days * walk_up and (days + 1) * online > pass_
    context = (f"Glen Alder lift prices: 6-day pass £{pass_}; day ticket £{walk_up} at the kiosk, or £{online} if "
               "bought online at least 48 hours ahead. Lessons from £35 a session.")
    question = (f"For one adult skiing {days} days, which is cheaper: the 6-day pass or {days} day tickets "
                "bought online?")
    return context, question, [
        f"The online day tickets (£{tickets}).",
        f"Day tickets bought online: {days} × £{online} = £{tickets}, which beats the £{pass_} pass.",
        f"Online tickets, by £{pass_ - tickets}.",
    ], [
        (f"The 6-day pass: £{pass_} against £{days * walk_up} for {words(days)} day tickets.",
         "used the kiosk price"),
        (f"The pass, since the day tickets would cost £{(days + 1) * online}.", "priced six days, not five"),
        (f"The pass is cheaper; {days} × £{online} = £{tickets + 20}.", "multiplication slip"),
    ]


@scenario("comparison", "charter-boat-choice")
def _() -> Answers:
    anglers, spirit, spirit_max, marlin_each, marlin_max = 9, 540, 10, 58, 12
    marlin = anglers * marlin_each
    assert marlin < spirit
    context = (f"Club trip, {anglers} anglers booked. Two Plymouth boats quoted: Sea Spirit, £{spirit} for the boat, "
               f"up to {spirit_max} anglers; Marlin II, £{marlin_each} per angler, up to {marlin_max}. "
               "Bait and tackle included on both; departure 07:00.")
    question = f"Which boat is cheaper for the {anglers} anglers?"
    head = spirit // spirit_max
    return context, question, [
        "Marlin II",
        f"Marlin II: {anglers} × £{marlin_each} = £{marlin}, against £{spirit} for Sea Spirit.",
        f"Marlin II, saving {words(spirit - marlin)} pounds.",
    ], [
        (f"Sea Spirit, £{head} a head against £{marlin_each}.", "divided Sea Spirit's price by its maximum"),
        (f"Sea Spirit; Marlin II would be £{marlin_max * marlin_each}.", "priced Marlin II at its maximum"),
        (f"Sea Spirit (£{spirit} vs £{spirit_max * marlin_each}).", "priced ten anglers"),
    ]


# --------------------------------------------------------------------------------------- yes_no

@scenario("yes_no", "ferry-van-weight")
def _() -> Answers:
    kerb, load, limit, length, max_len = 2180, 1420, 3500, D("5.98"), D("6.5")
    gross = kerb + load
    assert gross - limit == 100 and length <= max_len
    context = (f"Booking query to the Strangford ferry: \"Hi, I'm bringing a Transit van over on Saturday. The kerb "
               f"weight on the V5 is {kerb:,} kg and I'll have about {load:,} kg of paving slabs on board. The van "
               f"is {length} m long. Will that be OK?\" Ferry rules: vehicles up to {max_len} m long and "
               f"{limit:,} kg gross on the car deck; heavier vehicles use the 11:30 freight slot only.")
    question = f"With the load, is the van within the ferry's {limit:,} kg limit?"
    return context, question, [
        "No.",
        f"No: {kerb:,} + {load:,} = {gross:,} kg, {gross - limit} kg over the limit.",
        "It isn't; it's over by a hundred kilos.",
    ], [
        ("Yes.", "flipped the answer"),
        (f"Yes, it comes to {limit:,} kg, right on the limit.", "addition slip"),
        (f"Yes, the van's {kerb:,} kg is well under {limit:,} kg.", "ignored the load"),
    ]


@scenario("yes_no", "balloon-fuel")
def _() -> Answers:
    minutes, burn, cylinders, per_cyl, reserve = 90, 38, 4, 20, Fraction(1, 4)
    loaded = cylinders * per_cyl
    usable = loaded * (1 - reserve)
    need = Fraction(minutes, 60) * burn
    assert need <= usable and need > loaded - 25
    context = (f"Pre-flight check, Cotswold Skies Ballooning. Planned flight: {minutes} minutes. Burn rate at "
               f"today's load: about {burn} kg of propane an hour. Aboard: {cylinders} cylinders with {per_cyl} kg "
               f"usable each. Landing reserve: {int(reserve * 100)}% of the fuel loaded must be left on landing.")
    question = "Is there enough fuel for the planned flight while keeping the reserve?"
    return context, question, [
        "Yes.",
        f"Yes: the flight needs about {num(need)} kg and {num(usable)} kg is usable after the "
        f"{num(loaded - usable)} kg reserve.",
        f"Yes, with {num(usable - need)} kg to spare beyond the reserve.",
    ], [
        ("No.", "flipped the answer"),
        (f"No: after a 25 kg reserve only {loaded - 25} kg is usable and the flight needs {num(need)} kg.",
         "took the 25% reserve as 25 kg"),
        (f"No, {minutes} minutes burns {2 * burn} kg.", "took the flight as two hours"),
    ]


@scenario("yes_no", "festival-group-seats")
def _() -> Answers:
    seats, held, sold, group = 120, 6, 87, 28
    free = seats - held - sold
    assert free == group - 1
    context = (f"Email to Northlight Film Festival: a sixth-form film class of {group} would like to attend the "
               f"shorts programme in Screen 2 on Saturday. Screen 2 seats {seats}; {held} seats are held for access "
               f"bookings and can't be sold; {sold} tickets have been sold so far. Group rate £4.50 a head.")
    question = f"Can the group of {group} all be sold seats?"
    return context, question, [
        "No.",
        f"No: only {free} seats can still be sold ({seats} − {held} held − {sold}), one short of {group}.",
        "Not quite; they'd be one seat short.",
    ], [
        ("Yes.", "flipped the answer"),
        (f"Yes: {sold} + {group} = {sold + group}, under the {seats} seats.", "forgot the held seats"),
        (f"Yes, {seats} − {held} − {sold} = {free + 10} seats are free.", "subtraction slip"),
    ]


@scenario("yes_no", "bell-peal-band")
def _() -> Answers:
    needed, band, visitors, withdrawn = 8, 6, 3, 2
    have = band - withdrawn + visitors
    assert have == needed - 1
    context = (f"Peal attempt at St Aldhelm's, Saturday 2 pm: the method needs {needed} ringers. Confirmed: {band} "
               f"from the tower band and {visitors} visitors from Wells. Since then {withdrawn} of the tower band "
               "have withdrawn (one ill, one away). Tea afterwards in the church hall.")
    question = f"Do they have the {needed} ringers the peal needs?"
    return context, question, [
        "No.",
        f"No, only {have}: {band} − {withdrawn} + {visitors}.",
        "Not yet; they're one ringer short.",
    ], [
        (f"Yes: {band} + {visitors} = {band + visitors} ringers.", "ignored the withdrawals"),
        ("Yes.", "flipped the answer"),
        (f"Yes, exactly {needed}.", "off by one"),
    ]


# ---------------------------------------------------------------------------------- time_of_day

@scenario("time_of_day", "hatton-flight")
def _() -> Answers:
    locks, per_lock, per_pound, lunch = 21, 12, 2, 45
    pounds = locks - 1
    start = datetime(2025, 6, 14, 9, 40)
    minutes = locks * per_lock + pounds * per_pound
    end = start + timedelta(minutes=minutes)
    context = (f"Boater's plan for the Hatton flight: {locks} locks. Allow {per_lock} minutes per lock plus "
               f"{per_pound} minutes for each of the {pounds} pounds between them. We're setting off at "
               f"{clock(start)}; we may stop for a {lunch}-minute lunch at the top, after the last lock.")
    question = "Starting at 09:40 and not stopping on the way, what time will they clear the top lock?"
    no_pounds = start + timedelta(minutes=locks * per_lock)
    with_lunch = end + timedelta(minutes=lunch)
    extra_pound = end + timedelta(minutes=per_pound)
    h, m = divmod(minutes, 60)
    assert end.hour == 14 and 30 < end.minute < 40
    return context, question, [
        clock(end),
        f"About {twelve_hour(end)} ({locks * per_lock} min of locks + {pounds * per_pound} min of pounds = "
        f"{h} h {m} min).",
        f"Just after half past two, around {clock(end)}.",
    ], [
        (f"{clock(no_pounds)}.", "left out the pounds"),
        (f"{clock(with_lunch)}, counting lunch.", "added a lunch stop taken after the last lock"),
        (f"{locks} × {per_lock} + {locks} × {per_pound} = {minutes + per_pound} min, so {clock(extra_pound)}.",
         "counted 21 pounds instead of 20"),
    ]


@scenario("time_of_day", "steam-arrival")
def _() -> Answers:
    depart, running, water, layover = datetime(2025, 7, 5, 10, 50), 34, 4, 40
    arrive = depart + timedelta(minutes=running)
    context = (f"Timetable note, Wensley Valley Railway: the train leaves Aysgarth at {clock(depart)}. Running time "
               f"to Redmire is {running} minutes, including a {water}-minute water stop at Castle Bolton. The return "
               f"working leaves Redmire {layover} minutes after arrival.")
    question = "What time does the train arrive at Redmire?"
    double = arrive + timedelta(minutes=water)
    layover_t = arrive + timedelta(minutes=layover)
    minus = arrive - timedelta(minutes=water)
    assert clock(arrive) == "11:24"
    return context, question, [
        clock(arrive),
        f"It gets into Redmire at {clock(arrive)} ({clock(depart)} + {running} min).",
        "Twenty-four minutes past eleven.",
    ], [
        (f"{clock(double)}, with the water stop.", "added the water stop twice"),
        (f"{clock(layover_t)}.", "added the layover"),
        (f"{clock(minus)} at Redmire.", "took the water stop off the running time"),
    ]


@scenario("time_of_day", "annealer-cooled")
def _() -> Answers:
    load, soak_h, top, bottom, ramp = datetime(2025, 3, 11, 16, 40), 2, 482, 32, 60
    ramp_h = Fraction(top - bottom, ramp)
    done = load + timedelta(hours=soak_h + float(ramp_h))
    context = (f"Annealing schedule, Quayside Glass: the vase goes into the annealer at {clock(load)}, soaks "
               f"{soak_h} hours at {top} °C, then ramps down {ramp} °C per hour to {bottom} °C, when the door "
               "can be opened. The studio opens at 09:00.")
    question = f"At what time will the annealer reach {bottom} °C?"
    no_soak = done - timedelta(hours=soak_h)
    slip = done - timedelta(hours=1)
    assert clock(done) == "02:10" and done.date() > load.date()
    total_h = soak_h + ramp_h
    return context, question, [
        f"{clock(done)} the next morning",
        f"About {twelve_hour(done)}: {soak_h} h soak plus ({top} − {bottom}) ÷ {ramp} = {num(ramp_h, 1)} h ramp, "
        f"{num(total_h, 1)} h after {clock(load)}.",
        "Ten past two tomorrow morning.",
    ], [
        (f"{clock(no_soak)}.", "forgot the soak"),
        (f"{clock(load)} + {num(total_h, 1)} h = {clock(slip)}.", "clock arithmetic slip"),
        (f"{done.hour}:{done.minute:02d} pm.", "said pm for a time after midnight"),
    ]


@scenario("time_of_day", "studio-tracking-end")
def _() -> Answers:
    load_in, setup, songs, per_song, lunch, close = datetime(2025, 9, 20, 10, 15), 100, 4, 55, 30, "18:00"
    end = load_in + timedelta(minutes=setup + songs * per_song + lunch)
    context = (f"Session plan, Studio Tamar: band load-in {clock(load_in)}; setup and soundcheck 1 h 40 min; "
               f"tracking {songs} songs at {per_song} minutes each; a {lunch}-minute lunch break after the second "
               f"song. The studio must be empty by {close}.")
    question = "If everything runs to plan, what time does tracking finish?"
    no_lunch = end - timedelta(minutes=lunch)
    no_setup = end - timedelta(minutes=setup)
    hour_songs = end + timedelta(minutes=songs * (60 - per_song))
    lock_up = datetime.combine(end.date(), datetime.strptime(close, "%H:%M").time())
    assert timedelta(hours=1, minutes=30) < lock_up - end < timedelta(hours=2)
    return context, question, [
        clock(end),
        f"{twelve_hour(end)}: 100 min setup + {songs} × {per_song} min + {lunch} min lunch after {clock(load_in)}.",
        f"Tracking wraps at {clock(end)}, nearly two hours before the {close} lock-up.",
    ], [
        (f"{clock(no_lunch)}.", "left out the lunch break"),
        (f"Tracking finishes at {clock(no_setup)}.", "left out the setup and soundcheck"),
        (f"{clock(hour_songs)}, allowing an hour per song.", "counted each song as an hour"),
    ]


# ------------------------------------------------------------------------------------------ build

def build() -> list[dict]:
    rows = []
    for kind, slug, make in SCENARIOS:
        context, question, right, wrong = make()
        assert len(right) == len(wrong) == 3, slug
        answers = [(r, None) for r in right] + wrong
        assert len({a for a, _ in answers}) == len(answers), slug
        for i, (response, error) in enumerate(answers, start=1):
            rows.append({"id": f"{NAME}-{kind}-{slug}-{i}", "source": SOURCE, "task": "qa", "kind": kind,
                         "question": question, "context": context, "response": response,
                         "label": 0 if error is None else 1, "error": error, "split": "test"})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write JSON lines here instead of stdout")
    args = parser.parse_args(argv)
    text = "".join(json.dumps(r) + "\n" for r in build())
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as e:
        print(f"error: cannot write --out {args.out}: {e.strerror}. Pass a path in an existing, writable "
              "directory.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
