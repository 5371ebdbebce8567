"""Write a third held-out labelled set of computed answers, in domains the earlier sets do not use.

    .venv/bin/python scripts/make_computed_heldout3.py [--out computed_heldout3.jsonl]

The `grounding` detector has now been developed against scripts/make_computed_set.py and both earlier
held-out sets (scripts/make_computed_heldout.py, scripts/make_computed_heldout2.py), so none of them can
say any longer how it does on answers it has not seen. This set was written apart from the detector,
its tests and the bodies of those scripts, in other domains (aquariums, bakery flour orders, cycling club
logs, library loans, hospital rotas, orchards, river gauges, theatre box offices, solar panels, ferries,
bee colonies, chess tournaments, parking, rainfall) and in the mixed styles real answers come in: terse
figures, plain sentences, chat replies with Markdown bold, a worked step, hedges, number words, units
spelled differently from the context and the question's names restated. Contexts are short paragraphs
with distractor figures or "Label: value" lists. Every row is `test`.

Each scenario gives three correct answers and as many wrong ones of the kinds people and models
make: off by one, the wrong operation, the wrong unit or direction of a conversion, a distractor figure,
truncating instead of rounding, a flipped yes/no, percentage points for a relative change, an arithmetic
slip, the part for the rest, the wrong pair of dates, the right figure given to the wrong entity. Every
figure is computed here from the variables the context is written from, and every claim an answer makes
about them is checked by an assert. Deterministic, standard library only. Rows have the shape of the
earlier sets' (label 1 = hallucinated, `kind`, `error` = what is wrong with a wrong answer).
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
    right: tuple[str, ...]  # ways of giving the correct answer
    wrong: tuple[tuple[str, str], ...]  # (answer, its mistake); as many as `right`


def fmt(x: F | D | int, places: int = 0, mode: str = ROUND_HALF_UP) -> str:
    """`x` to `places` decimals, rounded half up (or cut off with ROUND_DOWN), without separators."""
    if isinstance(x, F):
        x = D(x.numerator) / D(x.denominator)
    return str(D(x).quantize(D(1).scaleb(-places), rounding=mode))


def grouped(n: int) -> str:
    return f"{n:,}"


_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_DECADES = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def spell(n: int) -> str:
    """English words for 0 <= n < 1000."""
    assert 0 <= n < 1000
    if n < 20:
        return _SMALL[n]
    if n < 100:
        return _DECADES[n // 10] + ("" if n % 10 == 0 else "-" + _SMALL[n % 10])
    rest = n % 100
    return _SMALL[n // 100] + " hundred" + ("" if rest == 0 else " and " + spell(rest))


def hm(t: datetime) -> str:
    return t.strftime("%H:%M")


def twelve(t: datetime) -> str:
    return t.strftime("%I:%M %p").lstrip("0").replace("AM", "a.m.").replace("PM", "p.m.")


def long_date(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


# ---- sum -----------------------------------------------------------------------------------------------------------

def sums() -> list[Case]:
    cases = []
    # bakery flour orders
    rye, spelt, wholemeal, white_price = 175, 60, 240, 38
    total = rye + spelt + wholemeal
    cases.append(Case(
        f"Hollin Lane Bakery's flour order for next week: rye {rye} kg, spelt {spelt} kg, wholemeal {wholemeal} kg. "
        f"Strong white flour comes from a different mill at £{white_price} a sack and is ordered separately.",
        "How many kilograms of flour are on the order, not counting the strong white?",
        (f"{total} kg",
         f"Sure! Adding rye, spelt and wholemeal: {rye} + {spelt} + {wholemeal} = **{total} kg** of flour.",
         f"The order comes to {spell(total)} kilograms."),
        ((f"{total - spelt} kg", "left out the spelt"),
         (f"The order is {total + white_price} kg of flour.", "added the white flour's price as kilograms"),
         (f"{rye} + {spelt} + {wholemeal} = {total + 10} kg", "arithmetic slip")),
    ))
    # cycling club log
    rides = {"Tuesday": 42, "Thursday": 37, "Saturday": 88}
    climb = 1240
    km = sum(rides.values())
    cases.append(Case(
        "Riverside Wheelers, week 14 log for Priya: " + "; ".join(f"{d} {v} km" for d, v in rides.items())
        + f". Total climbing that week was {grouped(climb)} m and her longest ride took 3 h 50 min.",
        "What distance did Priya ride in week 14?",
        (f"{km} km", f"Priya covered {km} kilometres across her three rides.",
         f"Roughly {km} km ({' + '.join(str(v) for v in rides.values())})."),
        ((f"{km - rides['Tuesday']} km", "left out Tuesday's ride"),
         (f"Priya rode {rides['Saturday']} km.", "gave the longest ride for the week's total"),
         (f"She rode {km + 1} km in total.", "off by one")),
    ))
    # aquarium stock
    neons, guppies, corydoras, litres, ferns = 24, 9, 6, 180, 4
    fish = neons + guppies + corydoras
    cases.append(Case(
        f"Tank 3 holds {litres} litres. Stock list:\nNeon tetras: {neons}\nGuppies: {guppies}\n"
        f"Corydoras: {corydoras}\nJava ferns: {ferns}",
        "How many fish are in tank 3?",
        (f"{fish}", f"There are {spell(fish)} fish in tank 3.",
         f"{neons} neons + {guppies} guppies + {corydoras} corys = {fish} fish."),
        ((f"{fish + ferns} fish", "counted the java ferns as fish"),
         (f"Tank 3 has {neons + guppies} fish.", "left out the corydoras"),
         (f"About {litres} fish.", "gave the tank's volume")),
    ))
    # theatre ticket sales
    fri, sat, sun, capacity = 312, 398, 254, 420
    sold = fri + sat + sun
    cases.append(Case(
        f"The Lyric's run of 'The Glass Orchard' played to {fri} on Friday, {sat} on Saturday and {sun} at the "
        f"Sunday matinee, in a house that seats {capacity}.",
        "How many tickets were sold over the three performances?",
        (f"{grouped(sold)} tickets", f"**{sold}** tickets in total.",
         f"{fri} + {sat} + {sun} = {sold}, so {grouped(sold)} tickets were sold."),
        ((f"{capacity * 3 - sold} tickets", "gave the unsold seats"),
         (f"{fri + sat} tickets were sold.", "left out the Sunday matinee"),
         (f"{fri} + {sat} + {sun} = {sold - 100}", "arithmetic slip")),
    ))
    return cases


# ---- difference ----------------------------------------------------------------------------------------------------

def differences() -> list[Case]:
    cases = []
    # river gauge
    monday, peak, flood = D("1.42"), D("3.87"), D("3.20")
    rise = peak - monday
    cases.append(Case(
        f"The Ashford gauge on the River Stour read {monday} m on Monday morning and peaked at {peak} m on "
        f"Wednesday night. The flood warning level at that gauge is {flood} m.",
        "By how much did the river rise from Monday morning to the peak?",
        (f"{rise} m", f"It rose by {rise} metres.", f"About {int(rise * 100)} cm ({peak} − {monday})."),
        ((f"{peak - flood} m", "measured the rise from the flood warning level"),
         (f"{monday + peak} m", "added the readings instead of subtracting"),
         (f"The river rose {rise + D('0.1')} m.", "arithmetic slip")),
    ))
    # solar output
    june, december, house = 612, 148, 3100
    diff = june - december
    cases.append(Case(
        f"Our 4.2 kW rooftop array generated {june} kWh in June and {december} kWh in December. "
        f"The house uses about {grouped(house)} kWh a year.",
        "How many more kilowatt-hours did the panels make in June than in December?",
        (f"{diff} kWh", f"June produced {diff} kWh more than December.",
         f"Sure — {june} − {december} = **{diff} kWh** more in June."),
        ((f"{june + december} kWh", "added instead of subtracting"),
         (f"{diff - 10} kWh more.", "arithmetic slip"),
         (f"June produced {house - june} kWh more.", "subtracted from the yearly use")),
    ))
    # chess ratings
    before, after, opponent = 1874, 1931, 2010
    gain = after - before
    cases.append(Case(
        f"Marta started the Hastings Congress rated {before} and finished at {after}. "
        f"Her strongest opponent was rated {opponent}.",
        "How many rating points did Marta gain at the congress?",
        (f"{gain}", f"Marta gained {gain} rating points.", f"She went up {spell(gain)} points."),
        ((f"{opponent - before} points", "used the opponent's rating"),
         (f"Marta gained {gain + 1} points.", "off by one"),
         (f"She lost {gain} points.", "wrong direction")),
    ))
    # library loans
    march, april, new_members = 2384, 2109, 57
    fall = march - april
    cases.append(Case(
        f"Loans at Eastbrook Library: March {grouped(march)}, April {grouped(april)}. "
        f"The branch signed up {new_members} new members in April.",
        "How many fewer loans were there in April than in March?",
        (f"{fall}", f"April had {fall} fewer loans than March.", f"{march} − {april} = {fall} fewer loans."),
        ((f"{fall - new_members} fewer loans", "subtracted the new members too"),
         (f"{march + april} loans", "added instead of subtracting"),
         (f"April had {fall} more loans than March.", "wrong direction")),
    ))
    return cases


# ---- count ---------------------------------------------------------------------------------------------------------

def counts() -> list[Case]:
    cases = []
    # hospital rota
    rota = {"Mon": "Okafor", "Tue": "Lindqvist", "Wed": "Okafor", "Thu": "Brennan", "Fri": "Okafor",
            "Sat": "Lindqvist", "Sun": "Brennan"}
    okafor = sum(1 for v in rota.values() if v == "Okafor")
    lind = sum(1 for v in rota.values() if v == "Lindqvist")
    assert okafor != lind
    okafor_days = ", ".join(d for d, v in rota.items() if v == "Okafor")
    cases.append(Case(
        "Ward 7 night-shift rota, week of 9 March:\n" + "\n".join(f"{d}: Dr {v}" for d, v in rota.items()),
        "How many night shifts does Dr Okafor work that week?",
        (f"{okafor}", f"Dr Okafor works {spell(okafor)} night shifts ({okafor_days}).",
         f"**{okafor} shifts**."),
        ((f"{lind}", "counted Dr Lindqvist's shifts"),
         (f"Dr Okafor works {okafor + 1} nights.", "off by one"),
         (f"{len(rota)} shifts", "counted every night of the week")),
    ))
    # bee colonies
    hives = {"A": "queenright", "B": "queenless", "C": "queenright", "D": "queenright", "E": "queenless",
             "F": "queenright"}
    qr = sum(1 for v in hives.values() if v == "queenright")
    ql = len(hives) - qr
    queenless = " and ".join(h for h, v in hives.items() if v == "queenless")
    cases.append(Case(
        "Apiary inspection, 2 May. " + " ".join(f"Hive {h}: {s}." for h, s in hives.items())
        + " Two supers were added to hive C.",
        "How many hives were queenless at the inspection?",
        (f"{ql}", f"{spell(ql).capitalize()} hives were queenless: {queenless}.", f"There were {ql} queenless hives."),
        ((f"{qr}", "counted the queenright hives"),
         (f"{len(hives)} hives were queenless.", "counted every hive"),
         (f"{ql + 1} hives", "off by one")),
    ))
    # chess tournament results
    results = ["1", "½", "0", "1", "1", "½", "1"]
    wins = results.count("1")
    draws = results.count("½")
    cases.append(Case(
        "Round-by-round results for Tomasz at the Riga Open (1 = win, ½ = draw, 0 = loss): "
        + ", ".join(results) + ".",
        "How many games did Tomasz win?",
        (f"{wins}", f"Tomasz won {spell(wins)} games.", f"He won {wins} of his {len(results)} games."),
        ((f"{wins + draws}", "counted draws as wins"),
         (f"Tomasz won {len(results)} games.", "counted every round"),
         (f"{wins - 1} wins", "off by one")),
    ))
    # ferry departures
    departures = ["06:40", "08:15", "09:50", "11:25", "13:00", "14:35", "16:10", "17:45", "19:20"]
    before_noon = sum(1 for t in departures if t < "12:00")
    cases.append(Case(
        "Weekday sailings from Portaferry to Strangford: " + ", ".join(departures)
        + ". The crossing takes about 8 minutes; a car costs £11.",
        "How many sailings leave Portaferry before noon on a weekday?",
        (f"{before_noon}", f"There are {spell(before_noon)} morning sailings.",
         f"{before_noon} — " + ", ".join(t for t in departures if t < "12:00") + "."),
        ((f"{len(departures)}", "counted the whole day's sailings"),
         (f"{before_noon - 1} sailings", "left out the last morning sailing"),
         (f"{len(departures) - before_noon} sailings leave before noon.", "counted the afternoon sailings")),
    ))
    return cases


# ---- date difference -----------------------------------------------------------------------------------------------

def date_differences() -> list[Case]:
    cases = []
    # library loan
    borrowed, due, returned = date(2025, 3, 4), date(2025, 3, 25), date(2025, 4, 8)
    late = (returned - due).days
    held = (returned - borrowed).days
    cases.append(Case(
        f"'The Salt Path' was borrowed on {long_date(borrowed)}, due back on {long_date(due)}, "
        f"and returned on {long_date(returned)}. Fines are 20p a day.",
        "How many days overdue was the book?",
        (f"{late} days", f"It came back {spell(late)} days late.", f"{late} days overdue."),
        ((f"{held} days", "counted from the borrowing date"),
         (f"{late + 1} days", "off by one"),
         (f"{(due - borrowed).days} days overdue", "gave the loan period")),
    ))
    # orchard harvest
    blossom, harvest, frost = date(2024, 4, 18), date(2024, 9, 2), date(2024, 5, 1)
    days = (harvest - blossom).days
    cases.append(Case(
        f"At Pennard Orchard the Discovery apples reached full blossom on {long_date(blossom)}. "
        f"A late frost hit on {long_date(frost)}, and picking began on {long_date(harvest)}.",
        "How many days were there between full blossom and the start of picking?",
        (f"{days}", f"{days} days.", f"Picking began {days} days after full blossom."),
        ((f"{(harvest - frost).days} days", "counted from the frost"),
         (f"{days - 30} days", "slipped a month"),
         (f"{days + 1} days", "off by one")),
    ))
    # bee colony
    swarm, inspected, frames = date(2025, 6, 11), date(2025, 7, 9), 8
    weeks = (inspected - swarm).days // 7
    assert (inspected - swarm).days % 7 == 0
    cases.append(Case(
        f"The swarm was hived on {swarm:%A} {long_date(swarm)} and the new queen was first seen laying at the "
        f"inspection on {long_date(inspected)}. The colony had {frames} frames of brood by August.",
        "How many weeks after hiving was the queen first seen laying?",
        (f"{weeks} weeks", f"{spell(weeks).capitalize()} weeks — {(inspected - swarm).days} days.",
         f"Exactly {weeks} weeks."),
        ((f"{weeks + 1} weeks", "off by one"),
         (f"{(inspected - swarm).days} weeks", "gave days as weeks"),
         (f"{frames} weeks", "took the frame count")),
    ))
    # hospital stay
    admitted, surgery, discharged = date(2024, 12, 27), date(2024, 12, 30), date(2025, 1, 6)
    stay = (discharged - admitted).days
    cases.append(Case(
        f"Patient admitted {admitted:%d/%m/%Y}, operated on {surgery:%d/%m/%Y}, "
        f"discharged {discharged:%d/%m/%Y}.",
        "How many nights did the patient spend in hospital?",
        (f"{stay} nights", f"The stay was {spell(stay)} nights.", f"{stay}"),
        ((f"{(discharged - surgery).days} nights", "counted from the operation"),
         (f"{stay + 1} nights", "off by one"),
         (f"{(date(admitted.year + 1, 1, 1) - admitted).days} nights", "counted only the nights in the first year")),
    ))
    return cases


# ---- unit conversion -----------------------------------------------------------------------------------------------

def conversions() -> list[Case]:
    cases = []
    # aquarium volume in gallons
    litres, water, per_gal, per_imp = 240, 210, F("3.78541"), F("4.54609")
    us_gal = F(litres) / per_gal
    cases.append(Case(
        f"The new reef tank is {litres} litres gross; with rock and sand in it, about {water} litres of water. "
        "It came with a 40 W LED light.",
        "What is the tank's gross volume in US gallons?",
        (f"About {fmt(us_gal)} US gallons", f"{litres} L ÷ {fmt(per_gal, 3)} ≈ {fmt(us_gal, 1)} gal",
         f"Roughly **{fmt(us_gal)} gallons**."),
        ((f"{fmt(litres * per_gal)} gallons", "multiplied instead of dividing"),
         (f"About {fmt(F(litres) / per_imp)} US gallons", "used imperial gallons"),
         (f"About {fmt(F(water) / per_gal)} gallons", "converted the water volume")),
    ))
    # cycling distance in miles
    km = 160
    miles = F(km) / F("1.609344")
    cases.append(Case(
        f"The club's autumn audax is {km} km with 2,100 m of climbing and a 10-hour limit.",
        "How long is the audax in miles?",
        (f"About {fmt(miles)} miles", f"{fmt(miles, 1)} mi", f"It's roughly {fmt(miles)} miles."),
        ((f"{fmt(km * F('1.609344'))} miles", "multiplied instead of dividing"),
         (f"About {fmt(miles / 10)} miles", "slipped a decimal place"),
         (f"About {int(round(miles, -1))} km", "gave miles as kilometres")),
    ))
    # flour in pounds
    sack_kg, per_lb, sacks = 16, F("0.45359237"), 9
    lb = F(sack_kg) / per_lb
    cases.append(Case(
        f"Our strong white flour comes in {sack_kg} kg sacks at £21.50 each; we go through {sacks} sacks a week.",
        "How many pounds of flour are in one sack?",
        (f"About {fmt(lb, 1)} lb", f"Roughly {fmt(lb)} pounds.", f"{sack_kg} × {fmt(1 / per_lb, 4)} ≈ {fmt(lb, 1)} lb"),
        ((f"About {fmt(sack_kg * per_lb, 1)} lb", "converted in the wrong direction"),
         (f"{fmt(F(sack_kg * sacks) / per_lb)} lb", "converted a week's flour"),
         (f"About {sack_kg * 2} lb", "doubled the kilograms instead of multiplying by 2.2")),
    ))
    # rainfall inches
    mm, wettest = 84, 17
    inches = F(mm) / F("25.4")
    cases.append(Case(
        f"Rain gauge, Tarn Cottage: October total {mm} mm over 19 wet days; wettest day {wettest} mm.",
        "What was October's rainfall in inches?",
        (f"About {fmt(inches, 1)} inches", f"{fmt(inches, 2)} in", f"Roughly {fmt(inches, 1)}\"."),
        ((f"About {fmt(F(mm) / F('2.54'), 1)} inches", "used centimetres per inch"),
         (f"{fmt(mm * F('25.4'))} inches", "multiplied instead of dividing"),
         (f"About {fmt(F(wettest) / F('25.4'), 1)} inches", "converted the wettest day")),
    ))
    return cases


# ---- rounding ------------------------------------------------------------------------------------------------------

def roundings() -> list[Case]:
    cases = []
    # solar output to nearest kWh
    days = [D("18.6"), D("21.3"), D("9.8"), D("16.9")]
    total = sum(days)
    assert fmt(total) != fmt(total, 0, ROUND_DOWN)
    cases.append(Case(
        "Inverter readings, 1–4 July: " + ", ".join(f"{d} kWh" for d in days)
        + ". The battery stores up to 10 kWh.",
        "What did the panels generate over the four days, to the nearest kWh?",
        (f"{fmt(total)} kWh", f"About {fmt(total)} kWh ({total} exactly).", f"**{fmt(total)} kWh**, rounded."),
        ((f"{fmt(total, 0, ROUND_DOWN)} kWh", "truncated instead of rounding"),
         (f"{fmt(total - days[2])} kWh", "left out the cloudy day"),
         (f"{fmt(total)}0 kWh", "slipped a digit")),
    ))
    # river level to one decimal
    level, midnight = D("2.46"), D("1.91")
    cases.append(Case(
        f"At 06:00 the Teme at Tenbury read {level} m, up from {midnight} m at midnight.",
        "What was the 06:00 reading to one decimal place?",
        (f"{fmt(level, 1)} m", f"{fmt(level, 1)} metres", f"Roughly {fmt(level, 1)} m."),
        ((f"{fmt(level, 1, ROUND_DOWN)} m", "truncated instead of rounding"),
         (f"{fmt(midnight, 1)} m", "rounded the midnight reading"),
         (f"{fmt(level)} m", "rounded to a whole metre")),
    ))
    # theatre average per show rounded
    sold, shows, seats = 2917, 8, 412
    per = F(sold, shows)
    assert fmt(per) != fmt(per, 0, ROUND_DOWN)
    cases.append(Case(
        f"'Hedda' sold {grouped(sold)} tickets over its {shows} performances at the Corn Exchange, "
        f"which seats {seats}.",
        "On average how many tickets were sold per performance, to the nearest whole ticket?",
        (f"{fmt(per)}", f"About {fmt(per)} tickets a show.", f"{sold} ÷ {shows} = {fmt(per, 3)} ≈ {fmt(per)}"),
        ((f"{fmt(per, 0, ROUND_DOWN)}", "truncated instead of rounding"),
         (f"About {fmt(F(sold, shows + 1))} tickets a show.", "divided by one show too many"),
         (f"{seats} tickets per show", "gave the capacity")),
    ))
    # parking fee rounded up to hours
    minutes, rate, cap = 155, D("2.40"), 14
    hours = -(-minutes // 60)
    fee = hours * rate
    cases.append(Case(
        f"Pay-on-exit car park: £{rate} per hour or part hour; daily maximum £{cap}. "
        f"A car parked for {minutes} minutes.",
        "How much is the fee?",
        (f"£{fee:.2f}", f"{hours} charged hours × £{rate} = **£{fee:.2f}**",
         f"The fee is {fee:.2f} pounds."),
        ((f"£{(minutes // 60) * rate:.2f}", "rounded the time down instead of up"),
         (f"£{fmt(F(minutes, 60) * F(str(rate)), 2)}", "charged for the exact time"),
         (f"£{cap:.2f}", "charged the daily maximum")),
    ))
    return cases


# ---- percentage ----------------------------------------------------------------------------------------------------

def percentages() -> list[Case]:
    cases = []
    # theatre occupancy
    seats, sold, comps = 640, 512, 24
    pct = F(sold * 100, seats)
    assert pct.denominator == 1  # spelled out below as a whole number
    cases.append(Case(
        f"Opening night at the Alhambra: {sold} tickets sold and {comps} complimentary seats issued, "
        f"in an auditorium of {seats}.",
        "What percentage of seats were sold?",
        (f"{fmt(pct)}%", f"{sold} / {seats} = {fmt(pct / 100, 2)}, so **{fmt(pct)}%** of seats were sold.",
         f"{spell(int(pct)).capitalize()} per cent."),
        ((f"{fmt(F((sold + comps) * 100, seats), 1)}%", "counted complimentary seats as sold"),
         (f"{fmt(100 - pct)}%", "gave the unsold share"),
         (f"{fmt(F(seats * 100, sold))}%", "divided the wrong way")),
    ))
    # bee colony losses
    autumn, spring = 40, 31
    lost = autumn - spring
    pct_lost = F(lost * 100, autumn)
    cases.append(Case(
        f"The county beekeepers' association went into winter with {autumn} colonies and came out with {spring}. "
        "Members reported 3 colonies lost to wasps in September.",
        "What percentage of colonies were lost over winter?",
        (f"{fmt(pct_lost, 1)}%", f"About {fmt(pct_lost)}% of colonies were lost.",
         f"{lost} of {autumn} — {fmt(pct_lost, 1)} percent."),
        ((f"{fmt(F(spring * 100, autumn), 1)}%", "gave the surviving share"),
         (f"{fmt(F(lost * 100, spring), 1)}%", "divided by the spring count"),
         (f"{lost}%", "gave the number lost as a percentage")),
    ))
    # library loans rise: relative vs points
    share_2023, share_2024 = 18, 24  # per cent of loans that were e-books
    rel = F((share_2024 - share_2023) * 100, share_2023)
    cases.append(Case(
        f"E-books made up {share_2023}% of Northgate Library's loans in 2023 and {share_2024}% in 2024, "
        "out of roughly 41,000 loans each year.",
        "By what percentage did the e-book share of loans grow from 2023 to 2024, relative to 2023?",
        (f"{fmt(rel, 1)}%", f"It grew by about {fmt(rel)}% in relative terms.",
         f"({share_2024} − {share_2023}) / {share_2023} = {fmt(rel / 100, 4)}, i.e. {fmt(rel, 1)}%."),
        ((f"{share_2024 - share_2023}%", "gave percentage points for the relative change"),
         (f"{fmt(F((share_2024 - share_2023) * 100, share_2024), 1)}%", "divided by the 2024 share"),
         (f"{fmt(rel + 10, 1)}%", "arithmetic slip")),
    ))
    # orchard discount
    price, pct_off, parking = D("34.00"), 15, 3
    paid = price * (100 - pct_off) / 100
    cases.append(Case(
        f"Pick-your-own plums are £{price} per 10 kg tray; members get {pct_off}% off, and parking is £{parking}.",
        "What does a member pay for one tray?",
        (f"£{paid:.2f}", f"A member pays {paid:.2f} pounds.", f"£{price} less {pct_off}% = **£{paid:.2f}**"),
        ((f"£{price * pct_off / 100:.2f}", "gave the discount for the price"),
         (f"£{price - pct_off:.2f}", "took the percentage off as pounds"),
         (f"£{paid + parking:.2f}", "added the parking")),
    ))
    return cases


# ---- rate ----------------------------------------------------------------------------------------------------------

def rates() -> list[Case]:
    cases = []
    # cycling speed
    km, minutes, stops = 63, 150, 20
    speed = F(km * 60, minutes)
    cases.append(Case(
        f"Sunday club run: {km} km in {minutes // 60} h {minutes % 60} min of riding, plus a {stops}-minute café stop.",
        "What was the average riding speed in km/h?",
        (f"{fmt(speed, 1)} km/h", f"About {fmt(speed)} kilometres an hour.",
         f"{km} km ÷ {fmt(F(minutes, 60), 1)} h = **{fmt(speed, 1)} km/h**"),
        ((f"{fmt(F(km * 60, minutes + stops), 1)} km/h", "counted the café stop as riding time"),
         (f"{fmt(F(km, minutes // 60), 1)} km/h", "dropped the minutes"),
         (f"{fmt(F(minutes, 60) * km, 1)} km/h", "multiplied instead of dividing")),
    ))
    # solar output per panel
    panels, kwh, days, used = 12, 540, 30, 410
    per_panel_day = F(kwh, panels * days)
    cases.append(Case(
        f"The {panels}-panel array on the village hall produced {kwh} kWh in the {days} days of April; "
        f"the hall used {used} kWh.",
        "What did one panel produce per day in April, on average?",
        (f"{fmt(per_panel_day, 1)} kWh", f"About {fmt(per_panel_day, 1)} kWh per panel per day.",
         f"{kwh} ÷ {panels} ÷ {days} = {fmt(per_panel_day, 1)} kWh"),
        ((f"{fmt(F(kwh, panels))} kWh", "gave the month's output per panel"),
         (f"{fmt(F(kwh, days))} kWh per panel per day", "gave the whole array's daily output"),
         (f"{fmt(F(used, panels * days), 1)} kWh", "used the hall's consumption")),
    ))
    # aquarium water change rate
    litres, weeks, tank = 45, 4, 300
    pct_week = F(litres * 100, tank)
    monthly = litres * weeks
    cases.append(Case(
        f"I change {litres} L of water every week in my {tank} L planted tank and dose 5 ml of fertiliser daily.",
        f"How many litres of water do I change over {spell(weeks)} weeks?",
        (f"{monthly} L", f"{litres} × {weeks} = {monthly} litres.", f"That's {spell(monthly)} litres."),
        ((f"{fmt(pct_week * weeks)} L", "gave the percentage as litres"),
         (f"{monthly * 7} L", "treated the weekly change as daily"),
         (f"{litres + weeks} L", "added instead of multiplying")),
    ))
    # bakery loaves per hour
    loaves, ovens = 432, 3
    begin, finish = datetime(2025, 1, 6, 22, 0), datetime(2025, 1, 7, 4, 0)
    hours = (finish - begin).seconds // 3600
    per_hour = F(loaves, hours)
    assert per_hour.denominator == 1
    cases.append(Case(
        f"The night shift baked {loaves} sourdough loaves between {hm(begin)} and {hm(finish)} "
        f"using {ovens} deck ovens.",
        "How many loaves per hour is that?",
        (f"{per_hour}", f"{loaves} ÷ {hours} h = {per_hour} loaves an hour.", f"Around {per_hour} loaves per hour."),
        ((f"{fmt(F(loaves, hours * ovens))}", "gave the rate per oven"),
         (f"{fmt(F(loaves, hours + 1))} loaves an hour", "counted seven hours"),
         (f"{fmt(F(loaves, finish.hour))} per hour", "took the shift as four hours")),
    ))
    return cases


# ---- average -------------------------------------------------------------------------------------------------------

def averages() -> list[Case]:
    cases = []
    # rainfall mean
    months = {"Jan": 112, "Feb": 86, "Mar": 74, "Apr": 51}
    mean = F(sum(months.values()), len(months))
    long_term = 63
    cases.append(Case(
        "Rainfall at Ambleside (mm): " + ", ".join(f"{m} {v}" for m, v in months.items())
        + f". The long-term April mean is {long_term} mm.",
        "What was the mean monthly rainfall from January to April?",
        (f"{fmt(mean, 2)} mm", f"About {fmt(mean)} mm a month.",
         f"({' + '.join(str(v) for v in months.values())}) / {len(months)} = {fmt(mean, 2)} mm"),
        ((f"{fmt(F(sum(months.values()), len(months) - 1), 2)} mm", "divided by three"),
         (f"{sum(months.values())} mm", "gave the total"),
         (f"{fmt(F(sum(months.values()) + long_term, len(months) + 1), 1)} mm", "averaged the long-term mean in")),
    ))
    # chess average opponent rating
    opps = [1720, 1865, 1790, 1912, 1688]
    avg = F(sum(opps), len(opps))
    cases.append(Case(
        "Lena's opponents at the Bunratty weekender were rated " + ", ".join(map(str, opps))
        + ". She scored 3½ points.",
        "What was the average rating of Lena's opponents?",
        (f"{fmt(avg)}", f"Her opponents averaged {fmt(avg)}.", f"**{fmt(avg)}** (sum {sum(opps)} ÷ {len(opps)})."),
        ((f"{fmt(F(sum(opps) - min(opps), len(opps) - 1))}", "left out the lowest-rated opponent"),
         (f"{fmt(F(max(opps) + min(opps), 2))}", "took the midpoint of the highest and lowest"),
         (f"{fmt(avg + 100)}", "arithmetic slip")),
    ))
    # orchard yield per tree
    rows_trees = {"Row 1": (14, 630), "Row 2": (16, 688), "Row 3": (10, 402)}
    trees = sum(t for t, _ in rows_trees.values())
    kg = sum(k for _, k in rows_trees.values())
    per_tree = F(kg, trees)
    naive = sum(F(k, t) for t, k in rows_trees.values()) / len(rows_trees)
    assert fmt(naive, 1) != fmt(per_tree, 1)
    cases.append(Case(
        "Bramley harvest by row:\n" + "\n".join(f"{r}: {t} trees, {k} kg" for r, (t, k) in rows_trees.items()),
        "What was the average yield per tree across the three rows?",
        (f"{fmt(per_tree, 1)} kg", f"About {fmt(per_tree)} kg per tree ({kg} kg from {trees} trees).",
         f"{fmt(per_tree, 1)} kg a tree on average."),
        ((f"{fmt(naive, 1)} kg", "averaged the row averages without weighting"),
         (f"{fmt(F(kg, len(rows_trees)), 1)} kg", "divided by the number of rows"),
         (f"{fmt(F(kg, trees - 1), 1)} kg", "off by one tree")),
    ))
    # hospital average shift length
    shifts = [12, D("12.5"), 8, 12, D("10.5")]
    mean_shift = sum(D(s) for s in shifts) / len(shifts)
    contract = D("37.5")
    cases.append(Case(
        "Nurse Adebayo's shifts this week (hours): " + ", ".join(str(s) for s in shifts)
        + f". Her contract is {contract} hours a week.",
        "How long was her average shift this week?",
        (f"{fmt(mean_shift, 1)} hours", f"{fmt(mean_shift, 1)} h on average.",
         f"Sure — that averages to **{fmt(mean_shift, 1)} hours** per shift."),
        ((f"{fmt(contract / len(shifts), 1)} hours", "divided the contract hours"),
         (f"{fmt(sum(D(s) for s in shifts) / (len(shifts) + 1), 1)} hours", "divided by six"),
         (f"{fmt(sum(D(s) for s in shifts))} hours", "gave the week's total")),
    ))
    return cases


# ---- fraction ------------------------------------------------------------------------------------------------------

def fractions() -> list[Case]:
    cases = []
    # flour order fraction
    sack, used, friday = 25, 15, 8
    left = F(sack - used, sack)
    assert left == F(2, 5)
    cases.append(Case(
        f"We opened a {sack} kg sack of rye on Monday and had used {used} kg of it by Thursday evening. "
        f"Friday's bake needs {friday} kg.",
        "What fraction of the sack is left?",
        (f"{left.numerator}/{left.denominator}", f"{left.numerator}/{left.denominator} of the sack, "
         f"i.e. {sack - used} kg.", "Two-fifths are left."),
        ((f"{F(used, sack).numerator}/{F(used, sack).denominator}", "gave the used part for the rest"),
         (f"{sack - used}/{used}", "divided the rest by the used part"),
         (f"{F(sack - used - friday, sack).numerator}/{F(sack - used - friday, sack).denominator}",
          "took Friday's bake off as well")),
    ))
    # ferry capacity
    cars, deck = 27, 36
    full = F(cars, deck)
    cases.append(Case(
        f"The 07:30 sailing of the MV Loch Riddon carried {cars} cars on a deck with room for {deck}, "
        "plus 112 foot passengers.",
        "What fraction of the car deck was used? Give it in lowest terms.",
        (f"{full.numerator}/{full.denominator}", f"Three-quarters of the deck ({cars} of {deck}).",
         f"{cars}/{deck} = **{full.numerator}/{full.denominator}**"),
        ((f"{F(deck - cars, deck).numerator}/{F(deck - cars, deck).denominator}", "gave the empty part"),
         ("2/3", "simplified wrongly"),
         (f"{F(cars, deck + 4).numerator}/{F(cars, deck + 4).denominator}", "used the wrong deck size")),
    ))
    assert full == F(3, 4)
    # bee frames
    frames, brood, stores = 10, 6, 3
    share = F(brood, frames)
    cases.append(Case(
        f"Hive 4 has {frames} frames: {brood} with brood, {stores} with stores and one empty foundation frame.",
        "What fraction of the frames have brood?",
        (f"{share.numerator}/{share.denominator}", f"{brood}/{frames}, which is {share.numerator}/{share.denominator}.",
         f"{fmt(share * 100)}% — three-fifths of the frames."),
        ((f"{F(stores, frames).numerator}/{F(stores, frames).denominator}", "counted the stores frames"),
         (f"{F(frames - brood, frames).numerator}/{F(frames - brood, frames).denominator}",
          "gave the frames without brood"),
         (f"{frames}/{brood}", "turned the fraction upside down")),
    ))
    assert share == F(3, 5) and brood + stores + 1 == frames
    # chess points fraction
    games, points, winner = 9, F(13, 2), 8
    got = points / games
    cases.append(Case(
        f"At the Ilkley Rapidplay Sam scored {points.numerator // 2}½ points from {games} games; "
        f"the winner scored {winner}.",
        "What fraction of the available points did Sam score?",
        (f"{got.numerator}/{got.denominator}", f"{points.numerator // 2}.5 out of {games}, i.e. "
         f"{got.numerator}/{got.denominator}.", f"About {fmt(got * 100)}% ({got.numerator}/{got.denominator})."),
        ((f"{int(points)}/{games}", "dropped the half point"),
         (f"{F(winner, games).numerator}/{F(winner, games).denominator}", "gave the winner's share"),
         (f"{F(games - points, games).numerator}/{F(games - points, games).denominator}",
          "gave the points Sam did not score")),
    ))
    return cases


# ---- comparison ----------------------------------------------------------------------------------------------------

def comparisons() -> list[Case]:
    cases = []
    # aquarium stocking
    tanks = {"Tank A": (120, 18), "Tank B": (200, 27), "Tank C": (90, 14)}
    density = {k: F(fish, litres) for k, (litres, fish) in tanks.items()}
    most = max(density, key=density.get)
    most_fish = max(tanks, key=lambda k: tanks[k][1])
    second = sorted(density, key=density.get)[-2]
    assert most != most_fish and second not in (most, most_fish)
    cases.append(Case(
        "Shop tanks: " + "; ".join(f"{k} {vol} L with {n} fish" for k, (vol, n) in tanks.items()) + ".",
        "Which tank has the most fish per litre?",
        (most, f"{most}, at {fmt(density[most] * 100, 1)} fish per 100 L.", f"**{most}** is the most densely stocked."),
        ((most_fish, "gave the tank with the most fish"),
         (f"{most_fish}, at {fmt(density[most] * 100, 1)} fish per 100 L.", "right figure given to the wrong tank"),
         (f"{second} — {fmt(density[second] * 100, 1)} fish per 100 L.", "gave the second most densely stocked tank")),
    ))
    # theatre: which show sold more
    shows = {"Macbeth": (1480, 6), "The Rivals": (1290, 4)}
    avg = {k: F(t, n) for k, (t, n) in shows.items()}
    best = max(avg, key=avg.get)
    other = min(avg, key=avg.get)
    assert best != max(shows, key=lambda k: shows[k][0])
    cases.append(Case(
        "Spring season box office: " + "; ".join(f"'{k}' sold {grouped(t)} tickets over {n} nights"
                                                  for k, (t, n) in shows.items()) + ".",
        "Which production sold more tickets per night?",
        (f"'{best}'", f"{best} — about {fmt(avg[best])} a night against {fmt(avg[other])}.",
         f"{best} did better per night."),
        ((f"'{other}'", "compared the totals, not the nightly figures"),
         (f"{other}, about {fmt(avg[best])} a night.", "right figure given to the wrong show"),
         (f"Both sold about the same, {fmt(avg[other])} a night.", "said they were equal")),
    ))
    # river: which gauge rose more
    gauges = {"Bewdley": (D("1.10"), D("3.95")), "Bridgnorth": (D("1.85"), D("4.30")),
              "Ironbridge": (D("2.40"), D("5.02"))}
    rises = {k: b - a for k, (a, b) in gauges.items()}
    top = max(rises, key=rises.get)
    highest = max(gauges, key=lambda k: gauges[k][1])
    assert top != highest
    cases.append(Case(
        "Severn gauges, normal level → flood peak: "
        + "; ".join(f"{k} {a} m → {b} m" for k, (a, b) in gauges.items()) + ".",
        "Which gauge saw the largest rise?",
        (top, f"{top}, up {rises[top]} m.",
         f"The biggest rise was at {top} ({gauges[top][1]} − {gauges[top][0]} = {rises[top]} m)."),
        ((highest, "gave the gauge with the highest peak"),
         (f"{highest}, up {rises[top]} m.", "right figure given to the wrong gauge"),
         (min(rises, key=rises.get), "gave the smallest rise")),
    ))
    # parking: which car park is cheaper for 5 hours
    hours, station_rate, market_rate, market_cap, flat = 5, D("1.80"), D("2.50"), D("10.00"), D("9.50")
    station = station_rate * hours
    market = min(market_rate * hours, market_cap)
    prices = {"Station Road": station, "Market Square": market, "Riverside": flat}
    cheapest = min(prices, key=prices.get)
    dearest = max(prices, key=prices.get)
    assert cheapest == "Station Road" and dearest == "Market Square" and flat < market
    cases.append(Case(
        f"Parking in Ludlow: Station Road £{station_rate} an hour; Market Square £{market_rate} an hour, capped at "
        f"£{market_cap} a day; Riverside a flat £{flat} all day.",
        f"Which car park is cheapest for a {spell(hours)}-hour stay?",
        (cheapest, f"{cheapest}, at £{station:.2f}.",
         f"{cheapest}: {hours} × £{station_rate} = **£{station:.2f}**, the cheapest."),
        (("Riverside", "compared the flat fee with the hourly rates, not the five-hour costs"),
         (f"{dearest}, at £{station:.2f}.", "right figure given to the wrong car park"),
         (f"Market Square, at £{market:.2f}.", "gave the dearest option")),
    ))
    return cases


# ---- yes / no ------------------------------------------------------------------------------------------------------

def yes_nos() -> list[Case]:
    cases = []
    # river above flood level
    warning, reading, yesterday = D("3.20"), D("3.07"), D("3.31")
    above = reading > warning
    assert not above and yesterday > warning
    cases.append(Case(
        f"Flood warnings for the Avon at Evesham are issued at {warning} m. The 09:00 reading was {reading} m "
        f"and rising 4 cm an hour; yesterday's peak was {yesterday} m.",
        "Was the 09:00 reading above the warning level?",
        ("No", f"No — {reading} m is {int((warning - reading) * 100)} cm below the {warning} m warning level.",
         "No, not yet."),
        (("Yes", "flipped the answer"),
         (f"Yes, it was {int((warning - reading) * 100)} cm above the warning level.", "wrong direction"),
         (f"Yes — the river reached {yesterday} m.", "used yesterday's peak")),
    ))
    # bakery: enough flour
    stock, per_batch, batches = 58, 6, 9
    need = per_batch * batches
    enough = stock >= need
    assert enough
    cases.append(Case(
        f"Flour in the store: {stock} kg. Tomorrow's plan is {batches} batches of baguette dough at "
        f"{per_batch} kg of flour a batch, and the next delivery is Thursday.",
        "Is there enough flour for tomorrow's baguettes?",
        ("Yes", f"Yes: {batches} × {per_batch} = {need} kg needed, {stock} kg in stock.",
         f"Yes, with {stock - need} kg to spare."),
        (("No", "flipped the answer"),
         (f"No, {batches} × {per_batch} = {need + per_batch} kg is more than {stock} kg.", "arithmetic slip"),
         (f"No — you'd be {stock - need} kg short.", "read the spare as a shortfall")),
    ))
    # library: can borrow more
    limit, on_loan, wanted = 12, 9, 4
    can = on_loan + wanted <= limit
    assert not can and limit - on_loan < wanted
    cases.append(Case(
        f"Members may hold up to {limit} items at once. Ravi has {on_loan} items on loan, one of them overdue, "
        f"and wants to borrow {wanted} more today.",
        f"Can Ravi take all {wanted} items today?",
        ("No", f"No. {on_loan} + {wanted} = {on_loan + wanted}, over the limit of {limit}.",
         f"No — he can take {limit - on_loan} of them."),
        (("Yes", "flipped the answer"),
         (f"Yes, {on_loan} + {wanted} = {on_loan + wanted - 2}, within the {limit}-item limit.", "arithmetic slip"),
         (f"Yes — {limit - on_loan + 1} more are allowed.", "off by one")),
    ))
    # cycling: under time limit
    limit_h, start, finish = 10, datetime(2025, 9, 13, 7, 0), datetime(2025, 9, 13, 16, 42)
    puncture = timedelta(minutes=35)
    inside = finish - start <= timedelta(hours=limit_h)
    assert inside and finish - start + puncture > timedelta(hours=limit_h)
    cases.append(Case(
        f"The 200 km audax has a {limit_h}-hour limit. Joe set off at {hm(start)} and reached the arrivée at "
        f"{hm(finish)} after a {puncture.seconds // 60}-minute puncture stop.",
        "Did Joe finish within the time limit?",
        ("Yes", f"Yes — {(finish - start).seconds // 3600} h {(finish - start).seconds % 3600 // 60} min, "
         f"inside {limit_h} hours.", "Yes, with time to spare."),
        (("No", "flipped the answer"),
         (f"No, adding the puncture stop puts him at "
          f"{(finish - start + puncture).seconds // 3600} h {(finish - start + puncture).seconds % 3600 // 60} min.",
          "added the stop, which is already inside the elapsed time"),
         (f"No — he took {(finish - start).seconds // 3600 + 1} hours.", "rounded the time up past the limit")),
    ))
    return cases


# ---- time of day ---------------------------------------------------------------------------------------------------

def times_of_day() -> list[Case]:
    cases = []
    # ferry arrival
    dep, crossing, check_in = datetime(2025, 7, 4, 14, 35), timedelta(hours=1, minutes=50), timedelta(minutes=30)
    arr = dep + crossing
    h, m = crossing.seconds // 3600, crossing.seconds % 3600 // 60
    cases.append(Case(
        f"The {hm(dep)} sailing from Oban reaches Craignure after a crossing of {h} h {m} min; "
        f"check-in closes {check_in.seconds // 60} minutes before departure.",
        "What time does the ferry reach Craignure?",
        (hm(arr), f"It arrives at {twelve(arr)}", f"{hm(dep)} + {h}:{m:02d} = **{hm(arr)}**"),
        ((hm(arr - check_in), "took off the check-in time"),
         (hm(dep + timedelta(hours=h, minutes=15)), "read the minutes as a quarter-hour"),
         (f"{twelve(arr - timedelta(hours=12))}", "gave a.m. for p.m.")),
    ))
    # hospital shift end
    start, length, rest = datetime(2025, 2, 10, 19, 30), timedelta(hours=12, minutes=30), timedelta(minutes=45)
    end = start + length
    assert end.date() > start.date() and end.hour < 12 and length.seconds % 3600 == 1800
    cases.append(Case(
        f"Night shift on Ward 3 starts at {hm(start)} and lasts {length.seconds // 3600}½ hours including a "
        f"{rest.seconds // 60}-minute break.",
        "What time does the night shift finish?",
        (hm(end), f"It finishes at {twelve(end)} the next morning.", f"{hm(end)} next day."),
        ((hm(end - rest), "took the break off the shift"),
         (hm(start + timedelta(hours=length.seconds // 3600)), "dropped the half hour"),
         (twelve(end + timedelta(hours=12)), "gave p.m. for a.m.")),
    ))
    # bakery proving
    mixed = datetime(2025, 3, 1, 21, 40)
    bulk, proof, bake = timedelta(hours=3, minutes=30), timedelta(minutes=75), timedelta(minutes=40)
    oven = mixed + bulk + proof
    bulk_h, bulk_m = bulk.seconds // 3600, bulk.seconds % 3600 // 60
    proof_hm = f"{proof.seconds // 3600}:{proof.seconds % 3600 // 60:02d}"
    misread = timedelta(hours=bulk_h, minutes=bulk_m // 10 * 6)  # "3 h 30 min" taken as 3.3 hours
    cases.append(Case(
        f"Dough mixed at {hm(mixed)}. Bulk ferment {bulk_h} h {bulk_m} min, then shape and prove for "
        f"{proof.seconds // 60} minutes; bake for {bake.seconds // 60} minutes at 240 °C.",
        "At what time should the loaves go into the oven?",
        (hm(oven), f"Around {twelve(oven)}", f"{hm(mixed)} + {bulk_h}:{bulk_m:02d} + {proof_hm} → {hm(oven)}"),
        ((hm(oven + bake), "gave the time the loaves come out"),
         (hm(mixed + bulk), "left out the prove"),
         (hm(mixed + misread + proof), f"read {bulk_h} h {bulk_m} min as {bulk_h}.{bulk_m // 10} hours")),
    ))
    # theatre finishing time
    curtain = datetime(2025, 10, 18, 19, 45)
    act1, interval, act2 = timedelta(minutes=70), timedelta(minutes=20), timedelta(minutes=55)
    down = curtain + act1 + interval + act2
    bar = timedelta(hours=1)
    cases.append(Case(
        f"Curtain up {hm(curtain)}. Act One runs {act1.seconds // 60} minutes, the interval is "
        f"{interval.seconds // 60} minutes and Act Two runs {act2.seconds // 60} minutes. The bar opens an hour "
        "before curtain.",
        "What time does the performance end?",
        (hm(down), f"It should come down at about {twelve(down)}", f"The show ends at {hm(down)}."),
        ((hm(down - interval), "left out the interval"),
         (hm(down + bar), "added the bar hour"),
         (hm(down - timedelta(minutes=10)), "arithmetic slip")),
    ))
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
            assert len(case.right) == len(case.wrong) >= 2
            answers = [(a, 0, None) for a in case.right] + [(a, 1, error) for a, error in case.wrong]
            for n, (response, label, error) in enumerate(answers):
                rows.append({"id": f"heldout3-{kind}-{i}-{n}", "source": "lmgate/computed-heldout3", "task": "qa",
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
