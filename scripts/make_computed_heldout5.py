"""Write the fifth held-out set of computed answers (sums, dates, units, rates, yes/no, …).

Run: `.venv/bin/python scripts/make_computed_heldout5.py [--out computed_heldout5.jsonl]`
(JSON lines on stdout without `--out`).

Why it exists: the `grounding` detector has been tuned on the earlier sets, so its figures on them
flatter it. This set was written apart from the detector, its tests and the bodies of the earlier
sets' scripts, in domains none of them used, to measure it on answers no one tuned it on.

Domains: a bicycle workshop, a food bank, a community radio station, a laundrette, a bookbinder, a
sailing school, a car wash, a newsroom, allotments, a call centre, a bus depot (tyres, duty cards), a
ceramics kiln, a surf school, a removal firm, a mushroom farm, an archery club, a tea room, a
translation agency, a window-cleaning round, a podcast, a language school, a florist, a coworking
space, road gritting, a makerspace, a cargo-bike courier, a swimming pool, a bowling alley, a chimney
sweep, a hackathon, an ice rink, an escape room, kayak hire, a blood donation session, a piano
tuner, an EV charging hub and a dog groomer.

Contexts are written the way users paste them (emails, logs, notices, small text tables, "Label:
value" lines), with figures the question does not need. Answers are written the way people and
chat models reply: a bare figure, a sentence, Markdown bold or a bullet, a short worked step, a
hedge ("about", "roughly"), number words, another unit than the context's, a figure from the
context beside the computed one, a reason after a yes/no or a pick. Each scenario has three correct
answers and three wrong ones (off by one, wrong operation, unit not converted, a distractor used,
truncated instead of rounded, a flipped yes/no, percentage points for a relative change, an
arithmetic slip, the part for the rest, the wrong pair of dates, the right figure for the wrong
entity, a wrong worked step).

Every figure in a context or an answer is computed here from the variables the context is written
from, every claim an answer makes is checked by an assert, and every wrong answer is asserted to
differ from the correct value.
"""

from __future__ import annotations

import argparse
import calendar
import json
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

SOURCE = "lmgate/computed-heldout5"
KINDS = ("sum", "difference", "count", "date_difference", "unit_conversion", "rounding", "percentage", "rate",
         "average", "fraction", "comparison", "yes_no", "time_of_day")

YARD = Decimal("0.9144")  # metres, exactly
ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def words(n: int) -> str:
    """English number words (British 'and'), for answers that spell a figure out."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        head = ONES[n // 100] + " hundred"
        return head if n % 100 == 0 else f"{head} and {words(n % 100)}"
    head = words(n // 1000) + " thousand"
    rest = n % 1000
    return head if rest == 0 else head + (" and " if rest < 100 else " ") + words(rest)


def dec(x: float | int | str | Decimal | Fraction, places: int) -> Decimal:
    """x rounded half up to `places` decimals (how people round, unlike round()'s half-even floats)."""
    if isinstance(x, Fraction):
        x = Decimal(x.numerator) / Decimal(x.denominator)
    return Decimal(str(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def num(x: float | int | Decimal, places: int | None = None) -> str:
    """A figure with thousands separators; trailing zeros dropped unless `places` is given."""
    if places is not None:
        return f"{dec(x, places):,.{places}f}"
    d = Decimal(str(x))
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():,f}"


def gbp(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"


def clock(t: datetime, twelve: bool = False) -> str:
    if twelve:
        return f"{(t.hour - 1) % 12 + 1}:{t.minute:02d} {'am' if t.hour < 12 else 'pm'}"
    return t.strftime("%H:%M")


class Case:
    """One scenario: a context, a question, three correct answers and three wrong ones."""

    def __init__(self, context: str, question: str) -> None:
        self.context = context
        self.question = question
        self.right: list[str] = []
        self.wrong: list[tuple[str, str]] = []

    def ok(self, response: str, *claims: str) -> None:
        """A correct answer; each claim (a computed figure as written) must appear in it."""
        assert claims, response
        for claim in claims:
            assert claim in response, (claim, response)
        self.right.append(response)

    def bad(self, response: str, error: str, claimed: object, correct: object, shown: str) -> None:
        """A wrong answer: it shows `claimed`, which must differ from the correct value."""
        assert claimed != correct, (claimed, correct, response)
        assert shown in response, (shown, response)
        self.wrong.append((response, error))


SCENARIOS: list[tuple[str, str, Callable[[], Case]]] = []


def scenario(kind: str, slug: str):
    def register(fn: Callable[[], Case]) -> Callable[[], Case]:
        assert kind in KINDS
        SCENARIOS.append((kind, slug, fn))
        return fn
    return register


# ---------------------------------------------------------------- sum

@scenario("sum", "bike-workshop")
def _bike_workshop() -> Case:
    booked = {"Tomasz": 14, "Priya": 9, "Dele": 17}
    ebikes, waiting, open_days = 2, 3, 6
    total = sum(booked.values())
    assert total == booked["Tomasz"] + booked["Priya"] + booked["Dele"]
    lines = "".join(f"- {name}: {k} services booked{f' ({ebikes} of them e-bikes)' if name == 'Tomasz' else ''}\n"
                    for name, k in booked.items())
    c = Case(f"Subject: workshop load w/c 3 March\n\nHi all, quick numbers for the week so far:\n{lines}\n"
             f"Still {waiting} bikes parked up waiting on Shimano parts. We're open {open_days} days this week "
             "as usual.\n\nCheers,\nMarta",
             "How many services have the three mechanics got booked between them?")
    c.ok(f"{total}", str(total))
    c.ok(f"There are {total} services booked across Tomasz, Priya and Dele.", str(total))
    c.ok(f"- Tomasz {booked['Tomasz']} + Priya {booked['Priya']} + Dele {booked['Dele']} = **{total}** services",
         f"**{total}**")
    with_waiting = total + waiting
    c.bad(f"{with_waiting} services booked in total.", "added the bikes waiting on parts", with_waiting, total,
          str(with_waiting))
    no_priya = booked["Tomasz"] + booked["Dele"]
    c.bad(f"They've got {no_priya} booked between them.", "left Priya out of the sum", no_priya, total, str(no_priya))
    slip = total + 1
    c.bad(f"{booked['Tomasz']} + {booked['Priya']} + {booked['Dele']} = {slip} services.",
          "arithmetic slip in the addition", slip, total, f"= {slip}")
    return c


@scenario("sum", "food-bank-intake")
def _food_bank_intake() -> Case:
    supermarket, school, walk_in = Decimal("1284.5"), Decimal("967.25"), Decimal("88.75")
    parcels = 212
    total = supermarket + school + walk_in
    assert total == Decimal("2340.5")
    c = Case("FOOD BANK INTAKE - St Anne's hall\n"
             "Date        Source                    Weight\n"
             f"12/04/2024  Supermarket collection    {num(supermarket)} kg\n"
             f"13/04/2024  School harvest drive      {num(school)} kg\n"
             f"13/04/2024  Walk-in donations         {num(walk_in)} kg\n"
             f"Parcels handed out this weekend: {parcels}",
             "what's the total weight that came in over the weekend?")
    c.ok(f"{num(total)} kg", num(total))
    tonnes = dec(total / 1000, 2)
    assert abs(tonnes * 1000 - total) < 5
    c.ok(f"Roughly {tonnes} tonnes — {num(total)} kg to be exact.", f"{tonnes} tonnes", num(total))
    about = int(dec(total, -1))
    assert abs(about - total) < 5
    c.ok(f"About {num(about)} kg came in over the two days.", num(about))
    no_walk = supermarket + school
    c.bad(f"{num(no_walk)} kg", "left out the walk-in donations", no_walk, total, num(no_walk))
    plus_parcels = total + parcels
    c.bad(f"The total intake was {num(plus_parcels)} kg.", "added the parcel count to the weight", plus_parcels,
          total, num(plus_parcels))
    swapped = Decimal("2.43")
    c.bad(f"About **{swapped} tonnes** in total.", "transposed digits when converting to tonnes", swapped, tonnes,
          f"{swapped} tonnes")
    return c


@scenario("sum", "radio-ad-breaks")
def _radio_ad_breaks() -> Case:
    breaks = {"06:00": (7, 30), "07:00": (8, 45), "08:00": (9, 15)}
    cap_minutes = 9
    seconds = sum(m * 60 + s for m, s in breaks.values())
    minutes, rest = divmod(seconds, 60)
    assert (minutes, rest) == (25, 30)
    rows = "\n".join(f"{hour}  ad time {m}m{s:02d}s" for hour, (m, s) in breaks.items())
    c = Case("Breakfast Show - playout log summary (Tue)\n"
             f"{rows}\n"
             f"Ofcom-style house rule: max {cap_minutes} min of ads in any clock hour.",
             "How much advertising went out across the whole breakfast show?")
    c.ok(f"{minutes} min {rest} s", f"{minutes} min {rest} s")
    c.ok(f"{num(seconds)} seconds of ads, i.e. {minutes} minutes {rest} seconds.", num(seconds), f"{minutes} minutes")
    c.ok(f"About {minutes} and a half minutes in total.", f"{minutes} and a half")
    assert rest == 30
    cap_total = 3 * cap_minutes
    c.bad(f"{cap_total} minutes", "multiplied the hourly cap by three instead of adding the log", cap_total * 60,
          seconds, f"{cap_total} minutes")
    two = sum(m * 60 + s for m, s in list(breaks.values())[:2])
    c.bad(f"The show carried {two // 60} min {two % 60} s of ads.", "left out the 08:00 hour", two, seconds,
          f"{two // 60} min {two % 60} s")
    no_carry = (minutes - 1) * 60 + rest
    whole_minutes = "+".join(str(m) for m, _ in breaks.values())
    c.bad(f"{whole_minutes} = {minutes - 1} min and the seconds make {rest}, so {minutes - 1} min {rest} s.",
          "dropped the minute carried from the seconds", no_carry, seconds, f"{minutes - 1} min {rest} s")
    return c


@scenario("sum", "sailing-fleet-hours")
def _sailing_fleet_hours() -> Case:
    hours = {"Toppers": Decimal("142"), "Picos": Decimal("87.5"), "RS Quests": Decimal("63")}
    rib = Decimal("48")
    total = sum(hours.values())
    assert total == Decimal("292.5")
    c = Case("July fleet log (from the booking sheet)\n"
             + "".join(f"{boat}: {num(h)} hrs on the water\n" for boat, h in hours.items())
             + f"Safety RIB: {num(rib)} hrs (engine hours, not a dinghy)\n"
             "Instructor days: 31",
             "How many hours were the sailing dinghies out in July, all classes together?")
    c.ok(f"{num(total)} hours", num(total))
    c.ok(f"{int(total)}½ hours (Toppers {num(hours['Toppers'])} + Picos {num(hours['Picos'])} + Quests "
         f"{num(hours['RS Quests'])}).", f"{int(total)}½")
    c.ok(f"The dinghies did **{num(total)} hrs** in July — the RIB's {num(rib)} engine hours aren't included.",
         num(total), num(rib))
    with_rib = total + rib
    c.bad(f"{num(with_rib)} hours", "counted the safety RIB as a dinghy", with_rib, total, num(with_rib))
    no_quest = hours["Toppers"] + hours["Picos"]
    c.bad(f"Roughly {num(no_quest)} hours across the fleet.", "left out the RS Quests", no_quest, total,
          num(no_quest))
    slip = total - 10
    c.bad(f"{num(hours['Toppers'])} + {num(hours['Picos'])} + {num(hours['RS Quests'])} = {num(slip)} hours",
          "arithmetic slip (ten short)", slip, total, f"= {num(slip)}")
    return c


# ---------------------------------------------------------------- difference

@scenario("difference", "laundrette-water-meter")
def _laundrette_water_meter() -> Case:
    start, end = Decimal("4512.6"), Decimal("4688.1")
    kwh_start, kwh_end = 18204, 19877
    used = end - start
    assert used == Decimal("175.5")
    c = Case("Suds & Spin laundrette — meter readings\n"
             f"Water (m³):        01/05  {num(start)}    31/05  {num(end)}\n"
             f"Electricity (kWh): 01/05  {kwh_start:,}    31/05  {kwh_end:,}\n"
             "Machines in service: 14 washers, 9 dryers",
             "How much water did the laundrette get through in May?")
    c.ok(f"{num(used)} m³", num(used))
    litres = int(used * 1000)
    c.ok(f"That's {num(litres)} litres ({num(used)} cubic metres).", num(litres), num(used))
    assert used % 1 == Decimal("0.5")
    c.ok(f"About {int(used)} and a half cubic metres — **{num(used)} m³** between the two readings.",
         f"{int(used)} and a half", f"**{num(used)} m³**")
    c.bad(f"{num(used)} litres", "kept the figure but changed the unit to litres", used / 1000, used,
          f"{num(used)} litres")
    slip = used + 10
    c.bad(f"{num(end)} − {num(start)} = {num(slip)} m³", "subtraction slip", slip, used, f"{num(slip)} m³")
    c.bad(f"Water usage for May was {num(end)} m³.", "gave the closing reading instead of the difference", end,
          used, num(end))
    return c


@scenario("difference", "newsroom-word-count")
def _newsroom_word_count() -> Case:
    budget, web_limit, filed = 1200, 1250, 1437
    over = filed - budget
    assert over == 237
    c = Case("From: Night desk\nTo: Sam\nRe: council budget piece\n\n"
             f"Sam — your copy's come in at {filed:,} words. Print budget is {budget:,} words; the web "
             f"version can run to {web_limit:,}. Pics: 3. Needs to be on the page by 21:15.\n\nRuth",
             "How far over the print budget is Sam's piece?")
    c.ok(f"{over} words over", str(over))
    c.ok(f"It's {over} words over, so it needs trimming back to {budget:,}.", str(over), f"{budget:,}")
    c.ok(f"**{over}** words ({filed:,} − {budget:,})", f"**{over}**")
    web = filed - web_limit
    c.bad(f"{web} words over.", "measured against the web limit instead of the print budget", web, over, str(web))
    c.bad(f"It's {over} words under budget, so there's room to add.", "flipped over into under", -over, over,
          f"{over} words under")
    slip = over + 100
    c.bad(f"{filed:,} − {budget:,} = {slip}, so about {slip} words need cutting.", "subtraction slip", slip, over,
          f"= {slip}")
    return c


@scenario("difference", "ice-rink-temperature")
def _ice_rink_temperature() -> Case:
    target, reading = Decimal("-5.5"), Decimal("-3.2")
    gap = reading - target
    assert gap == Decimal("2.3")
    c = Case("PLANT ROOM CHECK 14:00\n"
             f"Ice surface target: {target} °C\n"
             f"Ice surface reading: {reading} °C\n"
             "Brine return: -9.1 °C\n"
             "Humidity: 71 %\n"
             "Zamboni last pass: 13:40",
             "How far off target is the ice surface, and which way?")
    c.ok(f"{gap} °C too warm", f"{gap} °C", "warm")
    c.ok(f"The surface is {gap} degrees warmer than the {target} °C target.", f"{gap} degrees warmer", str(target))
    c.ok(f"- **{gap} °C above target** ({reading} vs {target})", f"{gap} °C above")
    c.bad(f"It's {gap} °C colder than it should be.", "got the direction wrong", -gap, gap, f"{gap} °C colder")
    magnitudes = abs(target) + abs(reading)
    c.bad(f"{magnitudes} °C too warm", "added the two readings' sizes instead of subtracting", magnitudes, gap,
          f"{magnitudes} °C")
    slip = gap - 1
    c.bad(f"About {slip} °C warmer than target.", "subtraction slip", slip, gap, f"{slip} °C")
    return c


@scenario("difference", "bus-depot-tread")
def _bus_depot_tread() -> Case:
    legal, new = Decimal("1.6"), Decimal("16")
    tread = {"1 (NSF)": Decimal("6.1"), "2 (OSF)": Decimal("5.9"), "3 (NSR)": Decimal("4.8"), "4 (OSR)": Decimal("5.2")}
    left = tread["3 (NSR)"] - legal
    assert left == Decimal("3.2")
    c = Case("Tyre inspection — bus YN19 KPA, depot bay 7\n"
             + "".join(f"Tyre {pos}: {mm} mm\n" for pos, mm in tread.items())
             + f"New tread depth: {new} mm. Legal minimum: {legal} mm. Company replacement point: 3 mm.",
             "How much tread does tyre 3 have left above the legal minimum?")
    c.ok(f"{left} mm", f"{left} mm")
    c.ok(f"Tyre 3 has {left} mm above the legal {legal} mm ({tread['3 (NSR)']} mm measured).", f"{left} mm")
    c.ok(f"Tyre 3: **{left} mm** to spare above the {legal} mm limit.", f"**{left} mm**", f"{legal} mm")
    other = tread["2 (OSF)"] - legal
    c.bad(f"{other} mm", "used tyre 2's reading", other, left, f"{other} mm")
    worn = new - tread["3 (NSR)"]
    c.bad(f"Tyre 3 has worn {worn} mm, so {worn} mm left before the limit.", "subtracted from the new depth",
          worn, left, f"{worn} mm left")
    c.bad(f"About {left} cm above the legal minimum.", "centimetres instead of millimetres", left * 10, left,
          f"{left} cm")
    return c


# ---------------------------------------------------------------- count

@scenario("count", "call-centre-escalations")
def _call_centre_escalations() -> Case:
    calls = [("09:02", "resolved"), ("09:05", "ESCALATED to tier 2"), ("09:11", "resolved"),
             ("09:14", "callback booked"), ("09:20", "ESCALATED to tier 2"),
             ("09:26", "escalation cancelled, resolved"), ("09:31", "resolved"),
             ("09:38", "ESCALATED to supervisor"), ("09:40", "dropped"),
             ("09:47", "ESCALATED to tier 2"), ("09:52", "resolved")]
    escalated = sum(1 for _, outcome in calls if outcome.startswith("ESCALATED"))
    assert escalated == 4
    c = Case("Queue: Billing   Agent: K. Osei   Shift: early\n"
             + "\n".join(f"{t}  call #{4100 + i}  {outcome}" for i, (t, outcome) in enumerate(calls))
             + "\nAHT target 6:00",
             "How many of Kwame's calls got escalated this morning?")
    c.ok(f"{escalated}", str(escalated))
    c.ok(f"{words(escalated).capitalize()} of his {len(calls)} calls were escalated.", words(escalated).capitalize(),
         str(len(calls)))
    tier2 = sum(o.startswith("ESCALATED") and "tier 2" in o for _, o in calls)
    supervisor = sum(o.startswith("ESCALATED") and "supervisor" in o for _, o in calls)
    assert tier2 + supervisor == escalated
    c.ok(f"- Escalated: **{escalated}** ({tier2} to tier 2, {supervisor} to a supervisor)", f"**{escalated}**",
         f"{tier2} to tier 2", f"{supervisor} to a supervisor")
    with_cancelled = escalated + 1
    c.bad(f"{with_cancelled} calls were escalated.", "counted the cancelled escalation", with_cancelled, escalated,
          str(with_cancelled))
    c.bad(f"{escalated - 1}", "missed one escalated call", escalated - 1, escalated, str(escalated - 1))
    rest = len(calls) - escalated
    c.bad(f"{rest} of them — the rest were fine.", "counted the calls that were not escalated", rest, escalated,
          f"{rest} of them")
    return c


@scenario("count", "allotment-vacant-plots")
def _allotment_vacant_plots() -> Case:
    plots = {"1": "Mrs Adeyemi", "2": "VACANT", "3": "J. Hollis", "4": "J. Hollis", "5a": "VACANT",
             "5b": "VACANT (needs clearing)", "6": "Greenway School", "7": "R. Patel", "8": "VACANT from 1 Oct",
             "9": "VACANT", "10": "T. Nowak", "11": "waiting list offer sent"}
    waiting = 17
    vacant_now = sum(1 for holder in plots.values() if holder.startswith("VACANT") and "from" not in holder)
    assert vacant_now == 4
    c = Case("Meadow Lane Allotments — plot register (Sept)\n"
             + "\n".join(f"Plot {p}: {holder}" for p, holder in plots.items())
             + f"\nRent £38/yr full plot, £21 half plot. Waiting list: {waiting} names.",
             "How many plots are vacant right now?")
    c.ok(f"{vacant_now} plots", str(vacant_now))
    vacant = [p for p, h in plots.items() if h.startswith("VACANT") and "from" not in h]
    c.ok(f"{words(vacant_now).capitalize()} are vacant at the moment ({', '.join(vacant[:-1])} and {vacant[-1]}); "
         "plot 8 only frees up in "
         "October.", words(vacant_now).capitalize())
    c.ok(f"**{vacant_now}** vacant", f"**{vacant_now}**")
    with_8 = vacant_now + 1
    c.bad(f"{with_8} plots", "counted plot 8, which is only vacant from October", with_8, vacant_now, str(with_8))
    missed = [p for p in vacant if p != "5b"]
    c.bad(f"There are {vacant_now - 1} vacant plots ({', '.join(missed[:-1])} and {missed[-1]}).", "missed plot 5b",
          vacant_now - 1, vacant_now,
          f"{vacant_now - 1} vacant")
    c.bad(f"{waiting} plots are free.", "gave the waiting-list figure", waiting, vacant_now, f"{waiting} plots")
    return c


@scenario("count", "kayak-doubles")
def _kayak_doubles() -> Case:
    bookings = [("10:00", "Rahman", "2 x single"), ("10:00", "Li", "1 x double"),
                ("10:30", "Evans", "1 x double, 1 x single"),
                ("11:00", "Marsh", "SUP board"), ("11:00", "O'Neill", "2 x double"), ("12:30", "Kaur", "1 x single"),
                ("13:00", "Brennan", "1 x Canadian canoe"), ("14:00", "Dubois", "1 x double")]
    doubles = 0
    for _, _, kit in bookings:
        for part in kit.split(", "):
            if part.endswith("double"):
                doubles += int(part.split(" x ")[0])
    assert doubles == 5
    fleet_doubles = 7
    c = Case("SAT 8 JUNE — river hire sheet\n"
             + "\n".join(f"{t} | {name:<9}| {kit}" for t, name, kit in bookings)
             + f"\nFleet: 12 singles, {fleet_doubles} doubles, 2 canoes, 4 SUPs",
             "How many double kayaks are booked out on Saturday in total?")
    c.ok(f"{doubles}", str(doubles))
    free = fleet_doubles - doubles
    per_name = ", ".join(f"{name} {part.split(' x ')[0]}" for _, name, kit in bookings for part in kit.split(", ")
                         if part.endswith("double"))
    c.ok(f"{doubles} doubles are booked ({per_name}), leaving {free} of the {fleet_doubles} free.",
         f"{doubles} doubles", per_name, f"{free} of the {fleet_doubles}")
    c.ok(f"{words(doubles).capitalize()} double kayaks.", words(doubles).capitalize())
    lines = sum(1 for _, _, kit in bookings if "double" in kit)
    c.bad(f"{lines} doubles", "counted bookings that include a double, not the boats", lines, doubles, str(lines))
    c.bad(f"{fleet_doubles} — the whole doubles fleet is out.", "gave the fleet size", fleet_doubles, doubles,
          f"{fleet_doubles} —")
    with_canoe = doubles + 1
    c.bad(f"{with_canoe} double boats (counting the Canadian).", "counted the canoe as a double kayak", with_canoe,
          doubles, str(with_canoe))
    return c


@scenario("count", "escape-room-escapes")
def _escape_room_escapes() -> Case:
    limit = 60 * 60
    rule = f"{limit // 60}:00"
    games = [("The Vault", "58:12"), ("The Vault", "61:40"), ("Lab 9", "47:55"), ("Lab 9", "DNF"),
             ("Pharaoh", "59:59"), ("Pharaoh", rule), ("The Vault", "52:03"), ("Lab 9", "66:18")]

    def escaped(time: str) -> bool:
        if time == "DNF":
            return False
        m, s = map(int, time.split(":"))
        return m * 60 + s < limit

    count = sum(escaped(t) for _, t in games)
    assert count == 4
    c = Case("Weekend results (staff sheet)\n"
             + "\n".join(f"Team {i + 1} — {room} — {t}" for i, (room, t) in enumerate(games))
             + f"\nRule: you escape only if the door opens before {rule}. Hints used avg 2.4.",
             "How many teams escaped this weekend?")
    c.ok(f"{count} teams escaped.", f"{count} teams")
    c.ok(f"{count} out of {len(games)}", f"{count} out of {len(games)}")
    teams = [str(i + 1) for i, (_, t) in enumerate(games) if escaped(t)]
    edge = next(i + 1 for i, (_, t) in enumerate(games) if t == rule)
    c.ok(f"{words(count).capitalize()} — teams {', '.join(teams[:-1])} and {teams[-1]}. Team {edge} hit exactly "
         f"{rule}, which doesn't count.", words(count).capitalize(), ", ".join(teams[:-1]), f"Team {edge}")
    with_edge = count + 1
    c.bad(f"{with_edge} teams (including the {rule} one).", "counted the team that finished exactly on the limit",
          with_edge, count, str(with_edge))
    vault = sum(escaped(t) for room, t in games if room == "The Vault")
    c.bad(f"**{vault}** teams", "counted the escapes from one room only", vault, count, f"**{vault}**")
    c.bad(f"Only {count - 1} escaped.", "missed one escape", count - 1, count, str(count - 1))
    return c


# ---------------------------------------------------------------- date_difference

@scenario("date_difference", "bookbinder-turnaround")
def _bookbinder_turnaround() -> Case:
    received, dispatched, quoted = date(2024, 2, 14), date(2024, 4, 2), date(2024, 3, 8)
    days = (dispatched - received).days
    assert days == (29 - 14) + 31 + 2 == 48  # February 2024 has 29 days
    c = Case("Order BB-0417 — leather rebind, family bible\n"
             f"Received: {received:%d %B %Y}\n"
             f"Quoted finish: {quoted:%d %B %Y}\n"
             f"Dispatched: {dispatched:%d %B %Y} (Royal Mail tracked, £14.90)\n"
             "Notes: gold tooling redone twice.",
             "How many days did the rebind take from receipt to dispatch?")
    c.ok(f"{days} days", f"{days} days")
    assert 6 * 7 < days < 7 * 7
    c.ok(f"Just under {words(7)} weeks — {days} days from {received.day} Feb to {dispatched.day} April.",
         f"{days} days", f"{received.day} Feb", f"{dispatched.day} April")
    february = calendar.monthrange(received.year, 2)[1]
    assert calendar.isleap(received.year) and february == 29
    c.ok(f"**{days} days** ({received.year} is a leap year, so February had {february}).", f"**{days} days**",
         f"February had {february}")
    c.bad(f"{days + 1} days", "counted both ends", days + 1, days, f"{days + 1} days")
    no_leap = days - 1
    c.bad(f"{no_leap} days — February has {february - 1} days.", "treated February 2024 as 28 days", no_leap, days,
          f"{no_leap} days")
    quoted_days = (quoted - received).days
    c.bad(f"It took {quoted_days} days.", "used the quoted finish date instead of dispatch", quoted_days, days,
          f"{quoted_days} days")
    return c


@scenario("date_difference", "kiln-firings")
def _kiln_firings() -> Case:
    log = [(date(2023, 11, 27), "bisque", "1000"), (date(2023, 12, 9), "glaze", "1240"),
           (date(2024, 1, 6), "glaze", "1240"), (date(2024, 1, 19), "bisque", "1000")]
    glaze = [d for d, kind, _ in log if kind == "glaze"]
    days = (glaze[1] - glaze[0]).days
    assert days == 31 - 9 + 6 == 28
    c = Case("kiln_log.csv\n"
             "date,type,peak_c,cone\n"
             + "\n".join(f"{d.isoformat()},{kind},{peak},{'04' if kind == 'bisque' else '6'}" for d, kind, peak in log),
             "How many days passed between the two glaze firings?")
    c.ok(f"{days}", str(days))
    c.ok(f"{days} days — exactly four weeks.", f"{days} days", "four weeks")
    assert days == 4 * 7
    c.ok(f"From {glaze[0].day} Dec to {glaze[1].day} Jan is **{days} days**.", f"**{days} days**")
    bisque = [d for d, kind, _ in log if kind == "bisque"]
    wrong_pair = (bisque[1] - bisque[0]).days
    c.bad(f"{wrong_pair} days", "used the two bisque firings", wrong_pair, days, f"{wrong_pair} days")
    short_dec = days - 1
    c.bad(f"{short_dec} days between them.", "off by one (treated December as 30 days)", short_dec, days,
          f"{short_dec} days")
    month_guess = 30
    c.bad(f"About a month — {month_guess} days.", "guessed a month instead of counting", month_guess, days,
          f"{month_guess} days")
    return c


@scenario("date_difference", "piano-tuner-visits")
def _piano_tuner_visits() -> Case:
    visits = [date(2023, 9, 4), date(2023, 11, 27), date(2024, 3, 18)]
    recital = date(2024, 4, 24)
    gap = visits[2] - visits[1]
    weeks, extra = divmod(gap.days, 7)
    assert (gap.days, weeks, extra) == (112, 16, 0)
    c = Case("Hi Gareth,\n\nThanks for coming out. For your records, our Steinway's been tuned on "
             + ", ".join(f"{d:%d/%m/%Y}" for d in visits)
             + ". The school recital is on " + f"{recital:%d/%m/%Y}. Invoice £95 + £12 travel.\n\nBest, Helen",
             "How many weeks were there between the last two tunings?")
    c.ok(f"{weeks} weeks", f"{weeks} weeks")
    c.ok(f"{words(weeks).capitalize()} weeks ({gap.days} days) between {visits[1].day} November and {visits[2].day} "
         "March.", f"{words(weeks).capitalize()} weeks", f"{gap.days} days")
    c.ok(f"- **{weeks} weeks** exactly", f"**{weeks} weeks**")
    first_pair = (visits[1] - visits[0]).days // 7
    c.bad(f"{first_pair} weeks", "used the first two tunings", first_pair, weeks, f"{first_pair} weeks")
    to_recital = (recital - visits[1]).days // 7
    c.bad(f"Roughly {to_recital} weeks.", "used the recital date instead of the last tuning", to_recital, weeks,
          f"{to_recital} weeks")
    c.bad(f"{gap.days} weeks", "gave the day count as weeks", gap.days * 7, gap.days, f"{gap.days} weeks")
    return c


@scenario("date_difference", "blood-donation-gap")
def _blood_donation_gap() -> Case:
    last, session, rule_days = date(2024, 3, 5), date(2024, 6, 20), 112
    days = (session - last).days
    assert days == (31 - 5) + 30 + 31 + 20 == 107
    c = Case("Donor record — A. Fraser\n"
             f"Blood group: O neg\nLast whole-blood donation: Tue {last.day} {last:%b %Y}\n"
             f"Minimum interval (women): {rule_days} days\n"
             f"Next session booked: Thu {session.day} {session:%b %Y}, Guildhall, 14:30\n"
             "Haemoglobin last visit: 131 g/L",
             "How many days will there be between her last donation and the booked session?")
    c.ok(f"{days} days", f"{days} days")
    c.ok(f"{days} days, so she's {rule_days - days} days short of the {rule_days}-day interval.", f"{days} days",
         f"{rule_days - days} days short")
    c.ok(f"Counting from {last.day} March to {session.day} June gives **{days}**.", f"**{days}**")
    c.bad(f"{rule_days} days", "gave the minimum interval", rule_days, days, f"{rule_days} days")
    c.bad(f"{days + 1} days", "counted both end dates", days + 1, days, f"{days + 1} days")
    thirty = 3 * 30 + 15
    c.bad(f"About three and a half months, so {thirty} days.", "treated every month as 30 days", thirty, days,
          f"{thirty} days")
    return c


# ---------------------------------------------------------------- unit_conversion

@scenario("unit_conversion", "surf-swell")
def _surf_swell() -> Case:
    feet, period, wind_mph = 6, 11, 12
    metres = Decimal(feet) * Decimal("0.3048")
    assert metres == Decimal("1.8288")
    c = Case("SURF REPORT — Fistral, Sat AM\n"
             f"Swell: {feet} ft @ {period} s, WNW\nWind: {wind_mph} mph offshore easing\nTide: low 07:42\n"
             "Lessons: 09:00 & 11:30 go ahead.",
             "What's the swell height in metres?")
    m1 = dec(metres, 1)
    c.ok(f"About {m1} m", f"{m1} m")
    c.ok(f"{feet} ft is {num(metres)} metres, so call it {m1} m.", num(metres), f"{m1} m")
    c.ok(f"Roughly **{dec(metres, 2)} m**", f"{dec(metres, 2)} m")
    c.bad(f"{feet} m", "did not convert", feet, m1, f"{feet} m")
    thirds = Decimal(feet) / 3
    c.bad(f"About {dec(thirds, 1)} metres ({3} feet to a metre).", "used 3 ft per metre", dec(thirds, 1), m1,
          f"{dec(thirds, 1)} metres")
    backwards = dec(Decimal(feet) * Decimal("3.2808"), 1)
    c.bad(f"{backwards} m", "converted the wrong way", backwards, m1, f"{backwards} m")
    return c


@scenario("unit_conversion", "removal-van")
def _removal_van() -> Case:
    load_m3, payload_kg, crew, inventory_ft3 = 18, 1150, 3, 540
    ft3_per_m3 = Decimal("35.3147")
    ft3 = load_m3 * ft3_per_m3
    whole = int(dec(ft3, 0))
    assert whole == 636
    c = Case("Quote #R-2291 (3-bed semi, Leeds → York)\n"
             f"Van: Luton box, load space {load_m3} m³, payload {payload_kg:,} kg\nCrew: {crew}\n"
             f"Customer inventory estimate: {inventory_ft3} cu ft\nPrice: £1,240 inc. VAT",
             "What's the van's load space in cubic feet?")
    c.ok(f"About {whole} cu ft", f"{whole} cu ft")
    c.ok(f"{load_m3} m³ × {ft3_per_m3} = {num(dec(ft3, 1))} cubic feet.", f"{num(dec(ft3, 1))} cubic feet")
    c.ok(f"Roughly **{whole} ft³** — a bit more than the {inventory_ft3} cu ft inventory.", f"**{whole} ft³**")
    linear = dec(load_m3 * Decimal("3.2808"), 0)
    c.bad(f"{linear} cubic feet", "used the linear feet-per-metre factor for volume", linear, whole, f"{linear}")
    backwards = dec(load_m3 * Decimal("28.3168"), 0)
    c.bad(f"About {backwards} cu ft.", "multiplied by litres per cubic foot", backwards, whole, f"{backwards} cu ft")
    c.bad(f"{inventory_ft3} cubic feet", "gave the customer's inventory figure", inventory_ft3, whole,
          f"{inventory_ft3}")
    return c


@scenario("unit_conversion", "mushroom-room-temp")
def _mushroom_room_temp() -> Case:
    fahrenheit, rh, co2 = Decimal("64.4"), 92, 850
    celsius = (fahrenheit - 32) * 5 / 9
    assert celsius == 18
    c = Case("Grow room 3 (oyster, fruiting) — controller export 06:00\n"
             f"temp_f={fahrenheit}\nrh_pct={rh}\nco2_ppm={co2}\nfan_cycle=15/45",
             "What's the room temperature in Celsius?")
    c.ok(f"{int(celsius)} °C", f"{int(celsius)} °C")
    c.ok(f"({fahrenheit} − 32) × 5/9 = {int(celsius)}, so {words(int(celsius))} degrees C.", f"= {int(celsius)}",
         words(int(celsius)))
    c.ok(f"It's **{int(celsius)}°C** — right in the usual oyster fruiting range.", f"**{int(celsius)}°C**")
    only32 = fahrenheit - 32
    c.bad(f"{only32} °C", "subtracted 32 but did not scale by 5/9", only32, celsius, f"{only32} °C")
    no32 = dec(fahrenheit * 5 / 9, 1)
    c.bad(f"About {no32} °C.", "scaled by 5/9 without subtracting 32", no32, celsius, f"{no32} °C")
    c.bad(f"The room is at {fahrenheit} °C.", "copied the Fahrenheit figure as Celsius", fahrenheit, celsius,
          f"{fahrenheit} °C")
    return c


@scenario("unit_conversion", "archery-distances")
def _archery_distances() -> Case:
    york = (100, 80, 60)
    target_yd = 60
    metres = target_yd * YARD
    assert metres == Decimal("54.864")
    c = Case("Club notice: Saturday is an imperial round day. Seniors shoot a York ("
             + "/".join(str(y) for y in york)
             + f" yd). Juniors shoot a Short Warwick at {target_yd} yd, 4 dozen arrows. Tea at 4, bring a cake.",
             f"The juniors are on {target_yd} yards — how far is that in metres?")
    c.ok(f"{dec(metres, 1)} m", f"{dec(metres, 1)} m")
    c.ok(f"{target_yd} yd × {YARD} = {num(metres)} metres.", f"{num(metres)} metres")
    ceiling = int(dec(metres, 0))
    assert metres < ceiling
    c.ok(f"Just under {ceiling} metres (about **{dec(metres, 1)} m**).", f"{ceiling} metres", f"{dec(metres, 1)} m")
    wrong_way = dec(target_yd / YARD, 1)
    c.bad(f"{wrong_way} m", f"divided by {YARD} instead of multiplying", wrong_way, dec(metres, 1), f"{wrong_way} m")
    c.bad(f"{target_yd} metres — yards and metres are the same.", "did not convert", target_yd, metres,
          f"{target_yd} metres")
    longest = dec(york[0] * YARD, 1)
    c.bad(f"About {longest} m.", "converted the seniors' longest distance", longest, dec(metres, 1), f"{longest} m")
    return c


# ---------------------------------------------------------------- rounding

@scenario("rounding", "tea-room-per-cover")
def _tea_room_per_cover() -> Case:
    takings_p, covers, tips_p = 203000, 160, 8640
    per = Fraction(takings_p, covers * 100)
    assert per == Fraction("12.6875")
    penny = dec(per, 2)
    assert penny == Decimal("12.69")
    till = Decimal(per.numerator) / Decimal(per.denominator)
    c = Case(f"Z-report Sun 7 Jul\nGross takings: {gbp(takings_p)}\nCovers: {covers}\nTips (card): {gbp(tips_p)}\n"
             f"Avg spend/cover (till): £{till}",
             "What's the average spend per cover to the nearest penny?")
    c.ok(f"£{penny}", f"£{penny}")
    c.ok(f"£{takings_p // 100:,} ÷ {covers} = £{till}, which rounds to £{penny}.", f"£{till}", f"£{penny}")
    c.ok(f"**£{penny}** per head", f"**£{penny}**")
    cut = Decimal("12.68")
    c.bad(f"£{cut}", "truncated instead of rounding", cut, penny, f"£{cut}")
    pound = 13
    c.bad(f"About £{pound} a cover.", "rounded to the nearest pound, not the penny", pound, penny, f"£{pound}")
    with_tips = dec(Fraction(takings_p + tips_p, covers * 100), 2)
    c.bad(f"£{with_tips} per cover", "added the card tips to the takings", with_tips, penny, f"£{with_tips}")
    return c


@scenario("rounding", "translation-word-count")
def _translation_word_count() -> Case:
    words_counted, rate_p, repetitions = 8347, 11, 1208
    hundred = int(dec(Decimal(words_counted), -2))
    assert hundred == 8300
    c = Case("Job TR-5520  DE>EN  user manual (pumps)\n"
             f"Source words (CAT count): {words_counted:,}\nRepetitions: {repetitions:,}\nRate: £0.{rate_p}/word\n"
             "PM note: put the word count in the purchase order to the nearest hundred.",
             "What word count goes on the PO?")
    c.ok(f"{hundred:,}", f"{hundred:,}")
    c.ok(f"{words_counted:,} rounded to the nearest hundred is {hundred:,} words.", f"{hundred:,} words")
    assert words(hundred) == "eight thousand three hundred"
    c.ok(f"{words(hundred).capitalize()} words.", "Eight thousand three hundred")
    up = 8400
    c.bad(f"{up:,}", "rounded up instead of to the nearest hundred", up, hundred, f"{up:,}")
    thousand = 8000
    c.bad(f"About {thousand:,} words.", "rounded to the nearest thousand", thousand, hundred, f"{thousand:,}")
    no_reps = int(dec(Decimal(words_counted - repetitions), -2))
    c.bad(f"{no_reps:,} words (after taking out repetitions)", "subtracted the repetitions", no_reps, hundred,
          f"{no_reps:,}")
    return c


@scenario("rounding", "window-round-distance")
def _window_round_distance() -> Case:
    legs = [Decimal("3.918"), Decimal("7.204"), Decimal("5.66"), Decimal("6.674")]
    total = sum(legs)
    assert total == Decimal("23.456")
    one = dec(total, 1)
    assert one == Decimal("23.5")
    c = Case("Tuesday round — van tracker legs (km)\n"
             + "\n".join(f"Leg {i + 1}: {leg}" for i, leg in enumerate(legs))
             + f"\nTotal: {total} km\nHouses done: 64   Ladder jobs: 9",
             "What's Tuesday's distance to one decimal place?")
    c.ok(f"{one} km", f"{one} km")
    c.ok(f"{total} km rounds to {one} km.", f"{one} km")
    assert one % 1 == Decimal("0.5")
    c.ok(f"{words(int(one)).capitalize()} and a half km — **{one}**.", f"**{one}**")
    cut = Decimal("23.4")
    c.bad(f"{cut} km", "truncated instead of rounding", cut, one, f"{cut} km")
    whole = int(dec(total, 0))
    c.bad(f"{whole} km", "rounded to a whole number", whole, one, f"{whole} km")
    slip = Decimal("23.6")
    c.bad(f"About {slip} km.", "rounded the wrong digit up", slip, one, f"{slip} km")
    return c


@scenario("rounding", "podcast-episode-length")
def _podcast_episode_length() -> Case:
    minutes, seconds = 47, 38
    whole = minutes + (1 if seconds >= 30 else 0)
    assert whole == 48
    c = Case("Ep. 112 — 'Allotment Wars' — final export\nDuration: 00:47:38\nFile: 44.1 kHz / 128 kbps MP3, "
             "45.7 MB\nAd slots: pre-roll 0:30, mid-roll 1:00\nShow notes say: 'runtime to the nearest minute'",
             "What runtime should go in the show notes?")
    c.ok(f"{whole} minutes", f"{whole} minutes")
    c.ok(f"{minutes}:{seconds} rounds up to {whole} min.", f"{whole} min")
    assert words(whole) == "forty-eight"
    c.ok(f"{words(whole).capitalize()} minutes.", "Forty-eight")
    c.bad(f"{minutes} minutes", "truncated instead of rounding", minutes, whole, f"{minutes} minutes")
    c.bad(f"{minutes}.{seconds} min", "wrote seconds as a decimal of minutes", Decimal(f"{minutes}.{seconds}"),
          whole, f"{minutes}.{seconds}")
    fifty = 50
    c.bad(f"About {fifty} minutes.", "rounded to the nearest ten minutes", fifty, whole, f"{fifty} minutes")
    return c


# ---------------------------------------------------------------- percentage

@scenario("percentage", "car-wash-takings")
def _car_wash_takings() -> Case:
    june_p, july_p, june_cars, july_cars = 384000, 441600, 412, 455
    rise = july_p - june_p
    pct = Fraction(rise, june_p) * 100
    assert pct == 15 and rise == 57600
    c = Case("SparkleBay Hand Car Wash — monthly summary\n"
             f"June takings: {gbp(june_p)}   cars: {june_cars}\nJuly takings: {gbp(july_p)}   cars: {july_cars}\n"
             "Valet add-ons: 61 (July)",
             "By what percentage did takings go up from June to July?")
    c.ok(f"{int(pct)}%", f"{int(pct)}%")
    c.ok(f"Takings rose by **{int(pct)}%** ({gbp(rise)} more than June).", f"**{int(pct)}%**", gbp(rise))
    c.ok(f"Up {words(int(pct))} per cent.", f"{words(int(pct))} per cent")
    of_new = dec(Fraction(rise, july_p) * 100, 1)
    c.bad(f"About {of_new}%", "divided the rise by July's takings", of_new, pct, f"{of_new}%")
    ratio = int(Fraction(july_p, june_p) * 100)
    c.bad(f"{ratio}%", "gave July as a percentage of June", ratio, pct, f"{ratio}%")
    cars = dec(Fraction(july_cars - june_cars, june_cars) * 100, 1)
    c.bad(f"Takings went up {cars}%.", "used the car counts instead of takings", cars, pct, f"{cars}%")
    return c


@scenario("percentage", "language-school-pass-rate")
def _language_school_pass_rate() -> Case:
    before, after = 62, 71
    points = after - before
    rel = Fraction(points, before) * 100
    rel1 = dec(rel, 1)
    assert rel1 == Decimal("14.5")
    c = Case("Board report — B2 exam results\n"
             f"2022/23: {before}% pass (n=150)\n2023/24: {after}% pass (n=138)\n"
             "New speaking-practice programme started Sept 2023. Target next year: 75%.",
             "By what percentage did the pass rate improve?")
    c.ok(f"About {rel1}%", f"{rel1}%")
    c.ok(f"It improved by about {rel1}% — that's {points} percentage points, {before}% → {after}%.", f"{rel1}%",
         f"{points} percentage points")
    c.ok(f"{points}/{before} ≈ **{rel1}%** relative improvement", f"**{rel1}%**")
    c.bad(f"{points}%", "gave the percentage-point change as a relative change", points, rel1, f"{points}%")
    of_after = dec(Fraction(points, after) * 100, 1)
    c.bad(f"Roughly {of_after}%.", "divided by the new rate instead of the old one", of_after, rel1, f"{of_after}%")
    slip = Decimal("14.1")
    c.bad(f"The pass rate went up {slip}%.", "arithmetic slip", slip, rel1, f"{slip}%")
    return c


@scenario("percentage", "florist-waste")
def _florist_waste() -> Case:
    bought, binned, sold_bunches = 1350, 162, 118
    pct = Fraction(binned, bought) * 100
    assert pct == 12
    c = Case("Week 32 stock sheet — Petal & Stem\n"
             f"Stems bought in: {bought:,}\nStems binned (wilted/damaged): {binned}\nBunches sold: {sold_bunches}\n"
             "Wedding order Sat: 2 x bridal, 6 x buttonholes",
             "What percentage of the stems bought in were binned?")
    c.ok(f"{int(pct)}%", f"{int(pct)}%")
    c.ok(f"{binned} of {bought:,} is {int(pct)} per cent.", f"{int(pct)} per cent")
    c.ok(f"- Waste: **{int(pct)}%**", f"**{int(pct)}%**")
    kept = dec(Fraction(binned, bought - binned) * 100, 1)
    c.bad(f"About {kept}%", "divided by the stems kept instead of bought", kept, pct, f"{kept}%")
    rest = 100 - int(pct)
    c.bad(f"{rest}% were binned.", "gave the share that was kept", rest, pct, f"{rest}%")
    c.bad(f"{Decimal(int(pct)) / 10}%", "slipped a decimal place", Decimal(int(pct)) / 10, pct,
          f"{Decimal(int(pct)) / 10}%")
    return c


@scenario("percentage", "coworking-discount")
def _coworking_discount() -> Case:
    desk_p, discount_pct, day_pass_p = 24000, 15, 1800
    off = desk_p * discount_pct // 100
    pay = desk_p - off
    assert (off, pay) == (3600, 20400)
    c = Case("The Loom Coworking — pricing\n"
             f"• Hot desk day pass: {gbp(day_pass_p)}\n• Dedicated desk: {gbp(desk_p)}/month\n"
             "• Meeting room: £25/hr\n"
             f"Offer: charities and CICs get {discount_pct}% off any monthly membership.",
             "We're a CIC — what would a dedicated desk cost us per month?")
    c.ok(gbp(pay), gbp(pay))
    c.ok(f"{gbp(pay)} a month ({gbp(off)} off the usual {gbp(desk_p)}).", gbp(pay), gbp(off))
    c.ok(f"**£{pay // 100}/month** after the {discount_pct}% discount", f"**£{pay // 100}/month**")
    pounds_off = desk_p - discount_pct * 100
    c.bad(gbp(pounds_off), "took £15 off instead of 15%", pounds_off, pay, gbp(pounds_off))
    c.bad(f"It would be {gbp(off)} a month.", "gave the discount instead of the price", off, pay, gbp(off))
    slip = pay + 200
    c.bad(f"£{desk_p // 100} − {discount_pct}% = {gbp(slip)}", "arithmetic slip", slip, pay, gbp(slip))
    return c


# ---------------------------------------------------------------- rate

@scenario("rate", "gritter-speed")
def _gritter_speed() -> Case:
    km, minutes, salt_t = 38, 80, Decimal("4.6")
    speed = Fraction(km * 60, minutes)
    assert speed == Fraction(57, 2)
    c = Case("WINTER SERVICE LOG — Route P4 (priority 1)\n"
             f"Out 04:10  Back 05:30  Distance {km} km  Salt {salt_t} t\n"
             "Spread rate 20 g/m²  Road temp -2.5 °C",
             "What was the gritter's average speed on route P4?")
    c.ok(f"{float(speed)} km/h", f"{float(speed)} km/h")
    h, m = divmod(minutes, 60)
    c.ok(f"{km} km in {h} h {m} min is {float(speed)} km per hour.", f"{float(speed)} km per hour")
    c.ok(f"About **{float(speed)} km/h** ({minutes} minutes for {km} km)", f"**{float(speed)} km/h**")
    misread_hours = Decimal(f"{h}.{m // 10}")  # "1 h 20 min" read as 1.2 h
    decimal_mistake = dec(Decimal(km) / misread_hours, 1)
    c.bad(f"{decimal_mistake} km/h", f"read {h} h {m} min as {misread_hours} hours", decimal_mistake, speed,
          f"{decimal_mistake} km/h")
    c.bad(f"{float(speed)} mph", "right figure, wrong unit", float(speed) * 1.609344, float(speed),
          f"{float(speed)} mph")
    inverted = dec(Fraction(minutes, km), 1)
    c.bad(f"About {inverted} km/h", "divided time by distance", inverted, speed, f"{inverted} km/h")
    return c


@scenario("rate", "makerspace-filament")
def _makerspace_filament() -> Case:
    grams, hours, idle_h = 348, Decimal("14.5"), Decimal("2.5")
    rate = Decimal(grams) / hours
    assert rate == 24
    c = Case("[printer-03] job summary\n"
             f"job: drone_frame_v4.gcode\nfilament_used: {grams} g PETG\nprint_time: {hours} h\n"
             f"preheat+idle: {idle_h} h (not printing)\nspool_left: 612 g",
             "How many grams of filament an hour did printer 3 use while printing?")
    c.ok(f"{int(rate)} g/h", f"{int(rate)} g/h")
    c.ok(f"{grams} g over {hours} hours = {int(rate)} grams per hour.", f"{int(rate)} grams per hour")
    assert words(int(rate)) == "twenty-four"
    c.ok(f"About {words(int(rate))} grams an hour.", "twenty-four")
    with_idle = dec(Decimal(grams) / (hours + idle_h), 1)
    c.bad(f"{with_idle} g/h", "added the idle time to the print time", with_idle, rate, f"{with_idle} g/h")
    c.bad(f"{int(rate)} kg per hour", "wrong unit", int(rate) * 1000, int(rate), f"{int(rate)} kg")
    minus = dec(Decimal(grams) / (hours - idle_h), 0)
    c.bad(f"{grams} ÷ {hours - idle_h} = {minus} g an hour", "took the idle time off the print time", minus, rate,
          f"{minus} g")
    return c


@scenario("rate", "courier-drops")
def _courier_drops() -> Case:
    drops, shift_h, break_h, failed = 126, 9, 1, 4
    riding = shift_h - break_h
    rate = Fraction(drops, riding)
    assert rate == Fraction(63, 4)
    c = Case("Rider: Jaz (cargo bike)  Zone: city centre\n"
             f"Shift: 08:00–17:00 ({shift_h} h), unpaid break {break_h} h\nDrops completed: {drops}\n"
             f"Failed drops: {failed}   Distance: 61 km",
             "How many drops an hour did Jaz manage while actually on the road?")
    c.ok(f"{float(rate)} drops an hour", f"{float(rate)} drops an hour")
    about = int(dec(rate, 0))
    c.ok(f"About {about} an hour ({drops} ÷ {riding} riding hours).", f"{about} an hour", f"{drops} ÷ {riding}")
    c.ok(f"**{float(rate)}** per hour on the road", f"**{float(rate)}**")
    whole_shift = drops // shift_h
    assert drops % shift_h == 0
    c.bad(f"{whole_shift} an hour", "divided by the whole shift including the break", whole_shift, rate,
          f"{whole_shift} an hour")
    c.bad(f"{int(rate)} drops an hour", "truncated instead of rounding", int(rate), rate, f"{int(rate)} drops")
    with_failed = Fraction(drops + failed, riding)
    c.bad(f"{float(with_failed)} per hour", "counted the failed drops as done", with_failed, rate,
          f"{float(with_failed)}")
    return c


@scenario("rate", "pool-turnover")
def _pool_turnover() -> Case:
    volume, turnover_h, bathers = 480, 4, 96
    flow = Fraction(volume, turnover_h)
    lps = Fraction(volume * 1000, turnover_h * 3600)
    assert flow == 120 and dec(lps, 1) == Decimal("33.3")
    c = Case("Main pool — plant spec\n"
             f"Volume: {volume} m³\nRequired turnover: every {turnover_h} h\nMax bathing load: {bathers}\n"
             "Backwash: weekly, Mon 06:00",
             "What flow rate does the circulation pump need to hit the turnover?")
    c.ok(f"{int(flow)} m³/h", f"{int(flow)} m³/h")
    c.ok(f"{volume} ÷ {turnover_h} = {int(flow)} cubic metres an hour, roughly {dec(lps, 1)} litres a second.",
         f"{int(flow)} cubic metres", f"{dec(lps, 1)} litres")
    c.ok(f"About {int(dec(lps, 0))} L/s (that's **{int(flow)} m³ per hour**).", f"{int(dec(lps, 0))} L/s",
         f"**{int(flow)} m³")
    times = volume * turnover_h
    c.bad(f"{times:,} m³/h", "multiplied volume by hours", times, flow, f"{times:,}")
    c.bad(f"{int(flow)} L/s", "right figure, wrong unit", int(flow), lps, f"{int(flow)} L/s")
    per_bather = Fraction(volume, bathers)
    c.bad(f"{int(per_bather)} m³ an hour", "divided by the bather load", per_bather, flow, f"{int(per_bather)} m³")
    return c


# ---------------------------------------------------------------- average

@scenario("average", "bowling-scores")
def _bowling_scores() -> Case:
    scores, handicap = [142, 168, 155, 177], 24
    mean = Fraction(sum(scores), len(scores))
    assert mean == Fraction(321, 2)
    c = Case(f"League night — lane 7\nPlayer: Dev M.  Handicap: {handicap}\n"
             + "  ".join(f"G{i + 1}: {s}" for i, s in enumerate(scores))
             + "\nSeason high: 213",
             "What was Dev's average score across his games tonight?")
    c.ok(f"{float(mean)}", f"{float(mean)}")
    c.ok(f"{sum(scores)} ÷ {len(scores)} = {float(mean)}", f"{sum(scores)} ÷ {len(scores)}", f"{float(mean)}")
    about = int(dec(mean, -1))
    c.ok(f"About {about} — **{float(mean)}** exactly.", f"About {about}", f"**{float(mean)}**")
    three = Fraction(sum(scores), 3)
    c.bad(f"{int(three)}", "divided by three games instead of four", three, mean, f"{int(three)}")
    with_hcp = mean + handicap
    c.bad(f"{float(with_hcp)} average.", "added the handicap", with_hcp, mean, f"{float(with_hcp)}")
    slip = mean + 5
    c.bad(f"His average was {float(slip)}.", "arithmetic slip", slip, mean, f"{float(slip)}")
    return c


@scenario("average", "call-centre-waits")
def _call_centre_waits() -> Case:
    waits, target = ["2:15", "3:40", "1:55", "4:10"], "2:00"
    secs = [int(m) * 60 + int(s) for m, s in (w.split(":") for w in waits)]
    mean = Fraction(sum(secs), len(secs))
    assert mean == 180
    c = Case("Queue wait times (mm:ss) for the 4 calls flagged by QA:\n"
             + "\n".join(f"• Ref {5501 + i}: {w}" for i, w in enumerate(waits))
             + f"\nService level target: 80% answered within {target}",
             "What's the average wait across those four calls?")
    assert divmod(int(mean), 60) == (3, 0)
    mean_clock = f"{int(mean) // 60}:{int(mean) % 60:02d}"
    c.ok(mean_clock, mean_clock)
    c.ok(f"{words(int(mean) // 60).capitalize()} minutes ({int(mean)} seconds on average).",
         f"{words(int(mean) // 60).capitalize()} minutes", f"{int(mean)} seconds")
    c.ok(f"{sum(secs)} s ÷ {len(secs)} = **{int(mean)} s**, i.e. {int(mean) // 60} min.", f"**{int(mean)} s**",
         f"{int(mean) // 60} min")
    as_decimal = sum(Decimal(w.replace(":", ".")) for w in waits) / 4
    c.bad(f"{as_decimal} minutes", "averaged mm:ss as decimal minutes", as_decimal, 3, f"{as_decimal} minutes")
    slip = mean - 15
    c.bad(f"{int(slip) // 60}:{int(slip) % 60}", "arithmetic slip", slip, mean, f"{int(slip) // 60}:{int(slip) % 60}")
    c.bad(f"{target} on average.", "gave the target instead of the average", target, mean_clock, target)
    return c


@scenario("average", "laundrette-daily-takings")
def _laundrette_daily_takings() -> Case:
    week = {"Mon": 21450, "Tue": 18820, "Wed": 0, "Thu": 22310, "Fri": 26640, "Sat": 31980, "Sun": 29100}
    open_days = [d for d, p in week.items() if p > 0]
    mean_p = Fraction(sum(week.values()), len(open_days))
    assert mean_p == 25050
    c = Case("Coin box + card takings, w/e 16 June\n"
             + "\n".join(f"{d}: {gbp(p) if p else 'CLOSED (boiler repair)'}" for d, p in week.items())
             + "\nService washes: 37",
             "What were the average daily takings on the days it was open?")
    c.ok(gbp(int(mean_p)), gbp(int(mean_p)))
    c.ok(f"{gbp(sum(week.values()))} over {len(open_days)} open days = {gbp(int(mean_p))} a day.",
         gbp(sum(week.values())), gbp(int(mean_p)))
    c.ok(f"Roughly £{int(mean_p) // 100} a day.", f"£{int(mean_p) // 100}")
    seven = dec(Fraction(sum(week.values()), 7) / 100, 2)
    c.bad(f"£{num(seven, 2)}", "divided by seven days including the closed one", seven, mean_p / 100,
          f"£{num(seven, 2)}")
    c.bad(gbp(week["Sat"]), "gave the best day", week["Sat"], mean_p, gbp(week["Sat"]))
    slip = int(mean_p) - 1000
    c.bad(f"About {gbp(slip)} per open day.", "arithmetic slip", slip, mean_p, gbp(slip))
    return c


@scenario("average", "chimney-sweep-price")
def _chimney_sweep_price() -> Case:
    jobs = {"Standard flue": (12, 8500), "Wood-burner + cowl": (5, 11000)}
    count = sum(n for n, _ in jobs.values())
    revenue = sum(n * p for n, p in jobs.values())
    mean = Fraction(revenue, count)
    assert revenue == 157000 and count == 17 and dec(mean / 100, 2) == Decimal("92.35")
    c = Case("October jobs — Soot & Sons\n"
             + "\n".join(f"{name}: {n} jobs @ {gbp(p)}" for name, (n, p) in jobs.items())
             + "\nCertificates issued: 17   Bird nests removed: 3",
             "What was the average price per job in October?")
    c.ok(f"£{dec(mean / 100, 2)}", f"£{dec(mean / 100, 2)}")
    c.ok(f"{gbp(revenue)} over {count} jobs, so about £{dec(mean / 100, 2)} each.", gbp(revenue),
         f"£{dec(mean / 100, 2)}")
    c.ok(f"Roughly £{int(mean / 100)} a job.", f"£{int(mean / 100)}")
    assert int(mean / 100) == 92
    unweighted = Fraction(sum(p for _, p in jobs.values()), 2)
    c.bad(f"£{dec(unweighted / 100, 2)}", "averaged the two prices without weighting by jobs", unweighted, mean,
          f"£{dec(unweighted / 100, 2)}")
    per_type = Fraction(revenue, 2)
    c.bad(f"{gbp(int(per_type))} per job", "divided by the number of job types", per_type, mean,
          gbp(int(per_type)))
    slip = dec(mean / 100, 2) + 2
    c.bad(f"Average: £{slip}", "arithmetic slip", slip, dec(mean / 100, 2), f"£{slip}")
    return c


# ---------------------------------------------------------------- fraction

@scenario("fraction", "makerspace-inductions")
def _makerspace_inductions() -> Case:
    members, laser, cnc_inducted = 84, 21, 12
    share = Fraction(laser, members)
    assert share == Fraction(1, 4)
    c = Case("Membership stats (Q2)\n"
             f"Active members: {members}\nLaser cutter inductions: {laser}\nCNC router inductions: {cnc_inducted}\n"
             "Wood shop inductions: 40\nNew joiners this quarter: 9",
             "What fraction of active members are inducted on the laser cutter?")
    c.ok(f"{share.numerator}/{share.denominator}", f"{share.numerator}/{share.denominator}")
    c.ok(f"A quarter — {laser} out of {members}.", "A quarter", f"{laser} out of {members}")
    c.ok("One in four members.", "One in four")
    rest = Fraction(laser, members - laser)
    c.bad(f"{rest.numerator}/{rest.denominator}", "divided by the members not inducted", rest, share,
          f"{rest.numerator}/{rest.denominator}")
    comp = 1 - share
    c.bad("Three quarters of members.", "gave the share not inducted", comp, share, "Three quarters")
    cnc = Fraction(cnc_inducted, members)
    c.bad(f"{cnc.numerator}/{cnc.denominator}", "used the CNC router figure", cnc, share,
          f"{cnc.numerator}/{cnc.denominator}")
    return c


@scenario("fraction", "hackathon-students")
def _hackathon_students() -> Case:
    attendees, student_share = 96, Fraction(3, 8)
    students = attendees * student_share
    others = attendees - students
    assert (students, others) == (36, 60) and student_share.denominator == 8
    c = Case("Post-event write-up, HackTheHarbour 2024\n"
             f"- {attendees} attendees across 19 teams\n"
             f"- {words(student_share.numerator)}-eighths of attendees were students\n"
             "- 7 sponsors, 142 pizzas, 1 fire alarm",
             "How many attendees were not students?")
    c.ok(f"{int(others)}", str(int(others)))
    c.ok(f"{attendees} − {int(students)} students = {int(others)}", f"= {int(others)}")
    c.ok(f"{words(int(others)).capitalize()} of them.", words(int(others)).capitalize())
    c.bad(f"{int(students)}", "gave the students instead of the rest", students, others, str(int(students)))
    third = attendees * Fraction(2, 3)
    c.bad(f"About {int(third)} non-students.", "read three-eighths as one third", third, others, str(int(third)))
    slip = others - 2
    c.bad(f"{int(slip)} weren't students.", "arithmetic slip", slip, others, str(int(slip)))
    return c


@scenario("fraction", "ice-rink-sellouts")
def _ice_rink_sellouts() -> Case:
    sessions = [("Mon 18:00", 250, 250), ("Tue 18:00", 250, 198), ("Wed 18:00", 250, 250), ("Thu 18:00", 250, 241),
                ("Fri 19:30", 300, 300), ("Fri 21:30", 300, 300), ("Sat 10:00", 300, 300), ("Sat 14:00", 300, 300),
                ("Sat 19:30", 300, 300), ("Sun 10:00", 300, 276), ("Sun 14:00", 300, 300), ("Sun 17:00", 250, 250)]
    sold_out = sum(1 for _, cap, sold in sessions if sold == cap)
    share = Fraction(sold_out, len(sessions))
    assert (sold_out, share) == (9, Fraction(3, 4))
    c = Case("Public skate sessions, week 48 (capacity / sold)\n"
             + "\n".join(f"{s}: {cap}/{sold}" for s, cap, sold in sessions)
             + "\nSkate hire: £3.50",
             "What fraction of the week's public sessions sold out?")
    c.ok(f"{share}", f"{share}")
    c.ok(f"{sold_out} of the {len(sessions)} sessions, so three quarters.", f"{sold_out} of the {len(sessions)}",
         "three quarters")
    c.ok("**Three-quarters** of them", "**Three-quarters**")
    comp = 1 - share
    c.bad(f"{comp}", "gave the share that did not sell out", comp, share, f"{comp}")
    off = Fraction(sold_out - 1, len(sessions))
    c.bad(f"{sold_out - 1}/{len(sessions)}, i.e. two thirds.", "missed one sell-out", off, share,
          f"{sold_out - 1}/{len(sessions)}")
    weekend = [(cap, sold) for s, cap, sold in sessions if s[:3] in ("Sat", "Sun")]
    wk = Fraction(sum(1 for cap, sold in weekend if sold == cap), len(weekend))
    c.bad(f"{wk.numerator}/{wk.denominator}", "counted only the weekend sessions", wk, share,
          f"{wk.numerator}/{wk.denominator}")
    return c


@scenario("fraction", "window-round-left")
def _window_round_left() -> Case:
    houses, done_frac, tank_frac = 120, Fraction(5, 8), Fraction(2, 3)
    done = houses * done_frac
    left = houses - done
    assert (done, left) == (75, 45)
    c = Case("WhatsApp — Lee (window round)\n"
             f"[12:41] Lee: done {done_frac} of today's {houses} houses, ladder's been playing up\n"
             f"[12:42] Lee: water tank {tank_frac} full still\n[12:44] Jo: how many left?",
             "How many houses has Lee still got to do today?")
    c.ok(f"{int(left)}", str(int(left)))
    c.ok(f"{int(left)} houses left ({1 - done_frac} of {houses}).", f"{int(left)} houses", f"{1 - done_frac}")
    c.ok(f"{words(int(left)).capitalize()} to go.", words(int(left)).capitalize())
    c.bad(f"{int(done)}", "gave the houses done, not the ones left", done, left, str(int(done)))
    tank = houses * (1 - tank_frac)
    c.bad(f"{int(tank)} houses left", "used the water tank fraction", tank, left, f"{int(tank)} houses")
    slip = left + 3
    c.bad(f"About {int(slip)} left.", "arithmetic slip", slip, left, str(int(slip)))
    return c


# ---------------------------------------------------------------- comparison

@scenario("comparison", "ev-charger-output")
def _ev_charger_output() -> Case:
    bays = {"Bay A": (Decimal("312.0"), Decimal("8")), "Bay B": (Decimal("264.6"), Decimal("6.3")),
            "Bay C": (Decimal("187.2"), Decimal("5.2"))}
    per_hour = {b: (kwh / h).normalize() for b, (kwh, h) in bays.items()}
    assert per_hour == {"Bay A": 39, "Bay B": 42, "Bay C": 36}
    best = max(per_hour, key=per_hour.get)
    assert best == "Bay B"
    c = Case("Hub daily export 2024-05-11\nbay,kWh_delivered,hours_in_use,sessions\n"
             + "\n".join(f"{b},{kwh},{h},{n}" for (b, (kwh, h)), n in zip(bays.items(), (14, 9, 11), strict=True)),
             "Which bay delivered the most energy per hour of use?")
    c.ok(best, best)
    c.ok(f"{best}: {per_hour[best]} kWh per hour, ahead of Bay A ({per_hour['Bay A']}) and Bay C "
         f"({per_hour['Bay C']}).", f"{per_hour[best]} kWh", f"({per_hour['Bay A']})", f"({per_hour['Bay C']})")
    c.ok(f"**{best}** — {bays[best][0]} kWh in {bays[best][1]} h = {per_hour[best]} kWh/h", f"**{best}**")
    c.bad("Bay A", "picked the most energy in total, not per hour", "Bay A", best, "Bay A")
    c.bad(f"Bay C, at about {per_hour['Bay C']} kWh an hour.", "picked the lowest rate", "Bay C", best, "Bay C")
    c.bad(f"Bay A — {per_hour['Bay B']} kWh per hour.", "right rate given to the wrong bay", "Bay A", best, "Bay A")
    return c


@scenario("comparison", "radio-listeners")
def _radio_listeners() -> Case:
    shows = {"Breakfast": (4200, 4650), "Drive": (3900, 4480), "Late Jazz": (610, 920)}
    gains = {s: b - a for s, (a, b) in shows.items()}
    rel = {s: Fraction(b - a, a) for s, (a, b) in shows.items()}
    biggest = max(gains, key=gains.get)
    assert biggest == "Drive" and gains == {"Breakfast": 450, "Drive": 580, "Late Jazz": 310}
    assert max(rel, key=rel.get) == "Late Jazz"
    c = Case("Listener survey, spring vs autumn (weekly reach)\n"
             + "\n".join(f"{s}: {a:,} → {b:,}" for s, (a, b) in shows.items())
             + "\nStation total: 11,200 → 12,050",
             "Which show gained the most listeners in absolute numbers?")
    c.ok(biggest, biggest)
    c.ok(f"Drive, up {gains['Drive']} (Breakfast +{gains['Breakfast']}, Late Jazz +{gains['Late Jazz']}).",
         f"up {gains['Drive']}", f"+{gains['Breakfast']}", f"+{gains['Late Jazz']}")
    c.ok(f"- **Drive**: +{gains['Drive']} listeners", f"+{gains['Drive']}")
    c.bad("Late Jazz", "compared relative growth, not absolute numbers", "Late Jazz", biggest, "Late Jazz")
    c.bad("Breakfast — it has the most listeners.", "picked the largest audience, not the largest gain",
          "Breakfast", biggest, "Breakfast")
    c.bad(f"Drive, up {gains['Drive'] - 100}.", "subtraction slip in the gain", gains["Drive"] - 100, gains["Drive"],
          f"up {gains['Drive'] - 100}")
    return c


@scenario("comparison", "tea-price-per-gram")
def _tea_price_per_gram() -> Case:
    packs = {"125 g caddy": (125, 650), "250 g bag": (250, 1180), "1 kg catering tin": (1000, 4900)}
    per100 = {p: Fraction(price * 100, g) for p, (g, price) in packs.items()}
    assert per100 == {"125 g caddy": 520, "250 g bag": 472, "1 kg catering tin": 490}
    cheapest = min(per100, key=per100.get)
    assert cheapest == "250 g bag"
    c = Case("Wholesale list — Assam Gold loose leaf\n"
             + "\n".join(f"  {p} ....... {gbp(price)}" for p, (_, price) in packs.items())
             + "\nFree delivery over £60.",
             "Which pack is the best value per gram?")
    c.ok("The 250 g bag.", "250 g bag")
    c.ok(f"250 g bag — {gbp(int(per100[cheapest]))} per 100 g, vs {gbp(int(per100['1 kg catering tin']))} for the tin "
         f"and {gbp(int(per100['125 g caddy']))} for the caddy.", gbp(int(per100[cheapest])),
         gbp(int(per100["1 kg catering tin"])), gbp(int(per100["125 g caddy"])))
    c.ok(f"**250 g** (about {int(per100[cheapest])}p/100 g)", f"{int(per100[cheapest])}p")
    c.bad("The 1 kg tin — bulk is always cheapest.", "assumed the biggest pack is cheapest", "1 kg catering tin",
          cheapest, "1 kg tin")
    c.bad("125 g caddy", "picked the lowest sticker price", "125 g caddy", cheapest, "125 g caddy")
    c.bad(f"The 250 g bag at {gbp(int(per100['1 kg catering tin']))} per 100 g.",
          "right pick, wrong per-100 g figure", per100["1 kg catering tin"], per100[cheapest],
          gbp(int(per100["1 kg catering tin"])))
    return c


@scenario("comparison", "dog-groomer-speed")
def _dog_groomer_speed() -> Case:
    groomers = {"Nadia": (7, 385), "Rob": (5, 290), "Ffion": (9, 468)}
    per_dog = {g: Fraction(m, n) for g, (n, m) in groomers.items()}
    assert per_dog == {"Nadia": 55, "Rob": 58, "Ffion": 52}
    fastest = min(per_dog, key=per_dog.get)
    assert fastest == "Ffion"
    c = Case("Saturday at Wag & Tidy\n"
             + "\n".join(f"{g}: {n} dogs, {m} min on the table" for g, (n, m) in groomers.items())
             + "\nNo-shows: 2. Nail clips (walk-in): 6.",
             "Which groomer took the least time per dog?")
    c.ok("Ffion", "Ffion")
    c.ok(f"Ffion — {int(per_dog['Ffion'])} min a dog (Nadia {int(per_dog['Nadia'])}, Rob {int(per_dog['Rob'])}).",
         f"{int(per_dog['Ffion'])} min", f"Nadia {int(per_dog['Nadia'])}", f"Rob {int(per_dog['Rob'])}")
    dogs, minutes = groomers["Ffion"]
    c.ok(f"Ffion was quickest: {minutes} ÷ {dogs} = {int(per_dog['Ffion'])} minutes per dog.",
         f"= {int(per_dog['Ffion'])} minutes")
    c.bad("Rob — he spent the least time in total.", "picked the least total time, not per dog", "Rob", fastest,
          "Rob")
    c.bad("Nadia", "arithmetic slip in the per-dog times", "Nadia", fastest, "Nadia")
    c.bad(f"Ffion, at {int(per_dog['Nadia'])} minutes a dog.", "right groomer, another groomer's figure",
          per_dog["Nadia"], per_dog["Ffion"], f"{int(per_dog['Nadia'])} minutes")
    return c


# ---------------------------------------------------------------- yes_no

@scenario("yes_no", "removal-payload")
def _removal_payload() -> Case:
    payload = 1150
    items = {"Sofa (3-seat)": 68, "Piano (upright)": 245, "Wardrobes x2": 190, "Boxes x54": 540, "White goods": 165}
    total = sum(items.values())
    assert total == 1208 and total > payload
    c = Case(f"Van: Luton, payload {payload:,} kg\nInventory weights (surveyor's estimate):\n"
             + "\n".join(f"- {name}: {kg} kg" for name, kg in items.items())
             + "\nCrew of 3 travel in the cab.",
             "Will everything go in one trip without going over the van's payload?")
    over = total - payload
    c.ok(f"No — the load comes to {total:,} kg, {over} kg over the {payload:,} kg payload.", "No", f"{total:,} kg",
         f"{over} kg over")
    c.ok("No.", "No")
    c.ok(f"No, it's about {over} kg too heavy; the piano or some boxes need a second run.", "No", f"{over} kg")
    c.bad(f"Yes — {total:,} kg is under the payload.", "flipped the comparison", "yes", "no", "Yes")
    no_boxes = total - items["Boxes x54"]
    c.bad(f"Yes, only {no_boxes} kg.", "left the boxes out of the sum", no_boxes, total, f"{no_boxes} kg")
    c.bad("Yes.", "wrong answer with no working", "yes", "no", "Yes")
    return c


@scenario("yes_no", "kayak-weight-limit")
def _kayak_weight_limit() -> Case:
    limit_kg, body_st, kit_kg = 110, 17, 6
    body_kg = Decimal(body_st) * Decimal("6.35029")
    total = body_kg + kit_kg
    assert dec(body_kg, 0) == 108 and total > limit_kg
    c = Case("Booking form — single sit-on-top\n"
             f"Paddler weight: {body_st} st\nKit (dry bag, flask): approx {kit_kg} kg\n"
             f"Boat max load: {limit_kg} kg\nExperience: beginner\nTrip: 2 h estuary",
             "Is the paddler plus kit within the kayak's max load?")
    c.ok(f"No — {body_st} st is about {dec(body_kg, 0)} kg, so with the kit it's roughly {dec(total, 0)} kg, over "
         f"the {limit_kg} kg limit.", "No", f"{dec(body_kg, 0)} kg", f"{dec(total, 0)} kg")
    c.ok("No, it's over the limit.", "No")
    c.ok(f"**No.** About {dec(total - limit_kg, 0)} kg over.", "**No.**", f"{dec(total - limit_kg, 0)} kg")
    c.bad(f"Yes — {body_st + kit_kg} is well under {limit_kg}.", "added stone to kilograms without converting",
          body_st + kit_kg, total, f"{body_st + kit_kg}")
    c.bad(f"Yes, {dec(body_kg, 0)} kg is under {limit_kg} kg.", "left the kit out", dec(body_kg, 0), dec(total, 0),
          f"{dec(body_kg, 0)} kg")
    c.bad("Yes", "flipped the answer", "yes", "no", "Yes")
    return c


@scenario("yes_no", "archery-qualifying")
def _archery_qualifying() -> Case:
    rounds = [458, 531, 512, 540, 528]
    needed = 520
    best3 = sorted(rounds, reverse=True)[:3]
    mean = Fraction(sum(best3), 3)
    assert best3 == [540, 531, 528] and mean == 533 and mean >= needed
    all5 = Fraction(sum(rounds), 5)
    assert all5 < needed
    c = Case("County squad selection: an archer qualifies with an average of at least "
             f"{needed} over their best three Portsmouth rounds this season.\nMaya's rounds: "
             + ", ".join(str(r) for r in rounds) + ". Club record: 571.",
             "Does Maya qualify for the county squad?")
    c.ok(f"Yes — her best three ({', '.join(map(str, best3))}) average {int(mean)}, above {needed}.", "Yes",
         ", ".join(map(str, best3)), f"average {int(mean)}")
    c.ok("Yes, she qualifies.", "Yes")
    c.ok(f"Yes: {sum(best3):,} ÷ {len(best3)} = {int(mean)}.", "Yes", f"{sum(best3):,}", f"= {int(mean)}")
    c.bad(f"No — her average is only {dec(all5, 1)}.", "averaged all five rounds instead of the best three",
          dec(all5, 1), mean, f"{dec(all5, 1)}")
    c.bad("No.", "flipped the answer", "no", "yes", "No.")
    c.bad(f"No, her best three average {needed - 2}.", "arithmetic slip", needed - 2, mean, f"{needed - 2}")
    return c


@scenario("yes_no", "car-wash-water-tank")
def _car_wash_water_tank() -> Case:
    tank_l, per_car, per_van, cars, vans = 2500, 140, 230, 12, 4
    need = cars * per_car + vans * per_van
    assert need == 2600 and need > tank_l
    c = Case(f"Reclaim tank level at opening: {tank_l:,} L (full).\nWater per wash (reclaim): car {per_car} L, van "
             f"{per_van} L.\nToday's bookings: {cars} cars, {vans} vans. Mains top-up valve is broken until Thursday.",
             "Is there enough reclaimed water for today's bookings?")
    c.ok(f"No — you need {need:,} L and the tank holds {tank_l:,} L.", "No", f"{need:,} L", f"{tank_l:,} L")
    c.ok(f"Not quite: about {need - tank_l} litres short.", "Not quite", f"{need - tank_l} litres short")
    c.ok("No.", "No")
    cars_only = (cars + vans) * per_car
    c.bad(f"Yes, {cars_only:,} L covers it.", "priced the vans as cars", cars_only, need, f"{cars_only:,} L")
    c.bad("Yes — plenty left over.", "flipped the answer", "yes", "no", "Yes")
    slip = need - 200
    c.bad(f"Yes: {cars}×{per_car} + {vans}×{per_van} = {slip:,} L, under {tank_l:,}.", "arithmetic slip", slip, need,
          f"{slip:,} L")
    return c


# ---------------------------------------------------------------- time_of_day

DAY = datetime(2024, 3, 14)


@scenario("time_of_day", "kiln-glaze-programme")
def _kiln_glaze_programme() -> Case:
    start = DAY.replace(hour=21, minute=30)
    run, cool = timedelta(hours=9, minutes=45), timedelta(hours=8)
    end = start + run
    assert end == DAY.replace(hour=7, minute=15) + timedelta(days=1)
    c = Case("Studio kiln booking\nProgramme: Cone 6 glaze (slow cool)\n"
             f"Start: {clock(start)}\nProgramme time: {run.seconds // 3600} h {run.seconds % 3600 // 60} min\n"
             f"Cool to open (<80 °C): approx. {cool.seconds // 3600} h after programme ends\nBooked by: Hana",
             "What time will the glaze programme finish?")
    c.ok(f"{clock(end)}", clock(end))
    c.ok(f"{clock(end, twelve=True)} tomorrow morning.", clock(end, twelve=True))
    c.ok(f"{clock(start)} + {run.seconds // 3600} h {run.seconds % 3600 // 60} = **{clock(end)}** the next day",
         f"**{clock(end)}**")
    assert clock(end, twelve=True) == "7:15 am"
    with_cool = end + cool
    c.bad(f"{clock(with_cool, twelve=True)}", "added the cooling time too", with_cool, end,
          clock(with_cool, twelve=True))
    flipped = clock(end, twelve=True).replace("am", "pm")
    c.bad(flipped, "am/pm flipped", end + timedelta(hours=12), end, flipped)
    hour_off = end - timedelta(hours=1)
    c.bad(f"It'll finish at {clock(hour_off)}.", "slip of an hour", hour_off, end, clock(hour_off))
    return c


@scenario("time_of_day", "bus-driver-shift")
def _bus_driver_shift() -> Case:
    sign_on = DAY.replace(hour=5, minute=40)
    spread, meal = timedelta(hours=8, minutes=30), timedelta(minutes=45)
    sign_off = sign_on + spread
    assert sign_off == DAY.replace(hour=14, minute=10)
    c = Case("Duty card 214 (Mon–Fri)\n"
             f"Sign on: {clock(sign_on)}  Depot: Elm Park\n"
             f"Spread: {spread.seconds // 3600}h{spread.seconds % 3600 // 60} incl. "
             f"{meal.seconds // 60} min meal relief at Cross St\n"
             "Route: 41 / 41A   Vehicle: allocated at sign-on",
             "What time does duty 214 sign off?")
    c.ok(clock(sign_off), clock(sign_off))
    c.ok(f"It signs off at {clock(sign_off, twelve=True)}.", clock(sign_off, twelve=True))
    c.ok(f"{clock(sign_on)} + {spread.seconds // 3600} h {spread.seconds % 3600 // 60} = {clock(sign_off)}",
         f"= {clock(sign_off)}")
    with_meal = sign_off + meal
    c.bad(clock(with_meal), "added the meal relief on top of the spread", with_meal, sign_off, clock(with_meal))
    point_three = sign_on + timedelta(hours=8, minutes=3)
    c.bad(f"About {clock(point_three)}.", "read 8h30 as 8 h 3 min", point_three, sign_off, clock(point_three))
    flipped = clock(sign_off, twelve=True).replace("pm", "am")
    c.bad(flipped, "am/pm flipped", sign_off - timedelta(hours=12), sign_off, flipped)
    return c


@scenario("time_of_day", "podcast-recording")
def _podcast_recording() -> Case:
    start = DAY.replace(hour=14, minute=50)
    length = timedelta(hours=1, minutes=25)
    setup = timedelta(minutes=20)
    end = start + length
    assert end == DAY.replace(hour=16, minute=15)
    doors = start - setup
    c = Case(f"Hey both!\n\nConfirming the studio for Thursday: doors at {clock(doors, twelve=True)[:-3]} for a "
             f"{setup.seconds // 60}-min setup, we start recording at {clock(start, twelve=True)} and it's booked for "
             f"{length.seconds // 3600} hr {length.seconds % 3600 // 60} min of recording. Guest is on Zoom from "
             f"{clock(start - timedelta(minutes=5), twelve=True)[:-3]}.\n\nta, Mo",
             "When will recording finish?")
    c.ok(clock(end, twelve=True), clock(end, twelve=True))
    c.ok(f"Around {clock(end)}.", clock(end))
    c.ok(f"{clock(start, twelve=True)} + {length.seconds // 3600} h {length.seconds % 3600 // 60} min → "
         f"**{clock(end, twelve=True)}**", f"**{clock(end, twelve=True)}**")
    from_doors = doors + length
    c.bad(clock(from_doors, twelve=True), "counted from the doors time", from_doors, end,
          clock(from_doors, twelve=True))
    slip = end + timedelta(minutes=10)
    c.bad(f"Recording wraps at {clock(slip, twelve=True)}.", "minutes added wrongly", slip, end,
          clock(slip, twelve=True))
    # adds the minutes without carrying: 2:50 + 1:25 written as 3:75, then "fixed" by rounding down the hour
    uncarried = f"{start.hour - 12 + length.seconds // 3600}:{start.minute + length.seconds % 3600 // 60}"
    c.bad(f"{uncarried} pm, so about {clock(end - timedelta(hours=1), twelve=True)[:-3]}.",
          "a wrong worked step (minutes not carried, hour lost)", end - timedelta(hours=1), end, uncarried)
    return c


@scenario("time_of_day", "laundrette-last-wash")
def _laundrette_last_wash() -> Case:
    close = DAY.replace(hour=22)
    wash, dry = timedelta(minutes=38), timedelta(minutes=45)
    latest = close - wash - dry
    assert latest == DAY.replace(hour=20, minute=37)
    service = DAY.replace(hour=18)
    c = Case(f"NOTICE\nWe close at {close.hour - 12}pm sharp — all machines must be FINISHED by then.\n"
             f"Wash cycle (40°): {wash.seconds // 60} mins\nTumble dry (standard): {dry.seconds // 60} mins\n"
             f"Service washes: drop off by {service.hour - 12}pm\nChange machine takes £1 & £2 coins",
             "If I want to wash and then tumble dry, what's the latest I can start the wash?")
    c.ok(clock(latest), clock(latest))
    both = (wash + dry).seconds // 60
    c.ok(f"By {clock(latest, twelve=True)} — {wash.seconds // 60} + {dry.seconds // 60} = {both} minutes before "
         "closing.", clock(latest, twelve=True), f"= {both} minutes")
    c.ok(f"**{clock(latest)}** at the latest", f"**{clock(latest)}**")
    wash_only = close - wash
    c.bad(clock(wash_only), "forgot the drying time", wash_only, latest, clock(wash_only))
    slip = latest + timedelta(minutes=10)
    c.bad(f"Start by {clock(slip, twelve=True)}.", "subtraction slip", slip, latest, clock(slip, twelve=True))
    c.bad(f"{service.hour - 12}pm", "gave the service-wash drop-off time", service, latest, f"{service.hour - 12}pm")
    return c


def build() -> list[dict]:
    rows = []
    for kind, slug, make in SCENARIOS:
        case = make()
        assert len(case.right) == 3 and len(case.wrong) == 3, (kind, slug)
        answers = [(r, 0, None) for r in case.right] + [(r, 1, e) for r, e in case.wrong]
        for n, (response, label, error) in enumerate(answers, start=1):
            rows.append({"id": f"heldout5-{kind}-{slug}-{n}", "source": SOURCE, "task": "qa", "kind": kind,
                         "question": case.question, "context": case.context, "response": response, "label": label,
                         "error": error, "split": "test"})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write JSON lines here instead of stdout")
    args = parser.parse_args(argv)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in build())
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
