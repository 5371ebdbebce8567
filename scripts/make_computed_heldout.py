"""Write a held-out labelled set of computed answers, written apart from the detector and its tuning set.

    .venv/bin/python scripts/make_computed_heldout.py [--out computed_heldout.jsonl]

scripts/make_computed_set.py was used to tune the `grounding` detector, both of its splits, so it can
no longer say how the detector does on answers it has not seen. This set was written without looking
at the detector or its tests, and shares no scenario, figure or phrasing with that set: every row is
`test`. Thirteen kinds of computation, about seven scenarios each: sums, differences, counts of listed
items, date, age and duration differences, unit conversions (including currency at a stated rate),
rounding, percentages and percentage change, rates and products, averages, fractions, comparisons,
yes/no questions decided by figures, and times of day.

Every scenario gives two correct answers (two phrasings: a bare figure, a sentence, "about", a
restated sum, a short reason) and two wrong ones of the kinds people and models make: off by one,
the wrong operation, the wrong unit or direction of a conversion, a swapped entity or distractor
figure, truncating instead of rounding, a flipped yes/no, the stated part given for the rest,
percentage points for a relative change, the wrong pair of dates. Every figure an answer gives is
computed here from the same variables the context is written from, never typed; a claim an answer
makes about the figures (a "Yes", "under the limit") is checked by an assert. Deterministic: no
randomness, the same file every run. Rows have the shape of make_computed_set.py's (label 1 =
hallucinated, `kind`, `error` = what is wrong with a wrong answer).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D
from fractions import Fraction as F

KINDS = ("sum", "difference", "count", "date_difference", "unit_conversion", "rounding", "percentage", "rate",
         "average", "fraction", "comparison", "yes_no", "time_of_day")


@dataclass(frozen=True)
class Case:
    context: str
    question: str
    right: tuple[str, str]  # two phrasings of the correct answer
    wrong: tuple[tuple[str, str], tuple[str, str]]  # (answer, what is wrong with it) twice


# ---- how figures are written -------------------------------------------------------------------------------------

def nearest(x: F | D | int, step: F | D | int = 1) -> F:
    """Round half up to a multiple of `step`, as people round (every figure here is positive)."""
    step = F(step)
    return math.floor(F(x) / step + F(1, 2)) * step


def down(x: F | D | int, step: F | D | int = 1) -> F:
    """Truncate to a multiple of `step`: the mistake `nearest` is the cure for."""
    step = F(step)
    return math.floor(F(x) / step) * step


def fig(x: F | D | int, places: int = 0) -> str:
    """A figure with thousands separators and `places` decimals, rounded half up."""
    value = nearest(x, F(1, 10**places))
    return f"{D(value.numerator) / D(value.denominator):,.{places}f}"


def cash(x: F | D | int) -> str:
    """Money: whole amounts without pence, others with two decimals."""
    return fig(x, 0 if F(x).denominator == 1 else 2)


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    assert 0 <= n < 100, n
    if n < 20:
        return _ONES[n]
    return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])


def cap(text: str) -> str:
    return text[0].upper() + text[1:]


_PARTS = {F(1, 4): ("¼", "a quarter"), F(1, 2): ("½", "a half"), F(3, 4): ("¾", "three quarters")}
_DENOMINATORS = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
                 9: "ninth", 10: "tenth", 12: "twelfth", 14: "fourteenth"}


def mixed(x: F) -> str:
    """2½: a whole number and a vulgar fraction glyph."""
    whole, part = divmod(x, 1)
    return f"{whole}{_PARTS[part][0]}" if part else str(whole)


def spoken(x: F) -> str:
    """two and a half"""
    whole, part = divmod(x, 1)
    return words(int(whole)) + (f" and {_PARTS[part][1]}" if part else "")


def fraction_words(x: F) -> str:
    """five eighths"""
    name = _DENOMINATORS[x.denominator]
    return f"{words(x.numerator)} {name}" + ("s" if x.numerator > 1 else "")


def series(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1]


def day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def weekday(d: date) -> str:
    return f"{d:%A} {day(d)}"


def full_years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def clock(minutes: int) -> str:
    """24-hour time of day from minutes after a midnight (wraps past the next one)."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def clock12(minutes: int) -> str:
    hour = minutes // 60 % 24
    return f"{hour % 12 or 12}:{minutes % 60:02d} {'am' if hour < 12 else 'pm'}"


def hours_min(minutes: int) -> str:
    """3 h 20 min"""
    return f"{minutes // 60} h {minutes % 60} min"


def hours_min_words(minutes: int) -> str:
    """three hours and twenty minutes"""
    h, m = divmod(minutes, 60)
    return f"{words(h)} hour{'s' * (h != 1)} and {words(m)} minute{'s' * (m != 1)}"


def at(h: int, m: int = 0) -> int:
    return 60 * h + m


# ---- the scenarios, one function per kind --------------------------------------------------------------------------

def sums() -> list[Case]:
    cases = []

    elec, gas, water, council = D("84.20"), D("46.75"), D("31.90"), 142
    bills = elec + gas + water
    cases.append(Case(
        f"In March the Okafor household paid £{elec} for electricity, £{gas} for gas and £{water} for water. "
        f"Their council tax, £{council} a month, is paid by a separate direct debit.",
        "How much did the household pay for electricity, gas and water together in March?",
        (f"£{cash(bills)}", f"£{elec} + £{gas} + £{water} = £{cash(bills)} for the three utilities."),
        ((f"£{cash(bills + council)}", "added the council tax"),
         (f"They paid £{cash(elec + gas)} for the three utilities.", "left out the water bill"))))

    june, july, dvds = 1348, 1176, 214
    books = june + july
    cases.append(Case(
        f"The Millbrook branch library lent {fig(june)} books in June and {fig(july)} in July. Over the same two "
        f"months it also lent {dvds} DVDs.",
        "How many books did the library lend in June and July combined?",
        (f"{fig(books)} books", f"The library lent {fig(books)} books over June and July."),
        ((f"{fig(books + dvds)} books", "counted the DVDs too"),
         (f"The library lent {fig(books - 100)} books over June and July.", "arithmetic slip"))))

    legs = [D("14.5"), D("18.2"), D("11.8")]
    walk = sum(legs)
    cases.append(Case(
        f"Day one of the Ridgeway Trail walk covers {legs[0]} km, day two {legs[1]} km and day three {legs[2]} km. "
        "A minibus takes walkers back to the start in about 50 minutes.",
        "How long is the whole three-day walk?",
        (f"{walk} km", f"The whole walk is {walk} kilometres long."),
        ((f"{legs[0] + legs[1]} km", "left out the third day"),
         (f"The whole walk is {walk + 1} kilometres long.", "arithmetic slip"))))

    shooter, attack, conceded = 312, 187, 455
    goals = shooter + attack
    cases.append(Case(
        f"Over the season the netball club's goal shooter scored {shooter} goals and its goal attack {attack}. "
        f"Opponents scored {conceded} goals against the club.",
        "How many goals did the goal shooter and the goal attack score between them?",
        (f"{goals}", f"Together they scored {shooter} + {attack} = {goals} goals."),
        ((f"{shooter - attack}", "wrong operation: difference"),
         (f"Together they scored {shooter} + {attack} = {goals - 10} goals.", "arithmetic slip"))))

    quarters, costs = [D("4.6"), D("5.1"), D("4.9"), D("6.3")], D("17.2")
    revenue = sum(quarters)
    cases.append(Case(
        f"Harwell Tools reported revenue of €{quarters[0]} million in the first quarter, €{quarters[1]} million in "
        f"the second, €{quarters[2]} million in the third and €{quarters[3]} million in the fourth. Its operating "
        f"costs for the year were €{costs} million.",
        "What was Harwell Tools' revenue for the full year?",
        (f"€{revenue} million", f"Full-year revenue came to about €{revenue} million."),
        ((f"€{sum(quarters[:3])} million", "left out the fourth quarter"),
         (f"Full-year revenue came to about €{revenue - costs} million.", "subtracted the operating costs"))))

    white, rye, water_ml, salt, yeast = 500, 100, 350, 10, 7
    flour = white + rye
    cases.append(Case(
        f"The sourdough loaf uses {white} g of strong white flour, {rye} g of rye flour, {water_ml} ml of water, "
        f"{salt} g of salt and {yeast} g of dried yeast.",
        "How much flour goes into the loaf in total?",
        (f"{flour} g", f"{flour} grams of flour ({white} g white plus {rye} g rye)."),
        ((f"{flour + water_ml} g", "added the water"),
         (f"{white - rye} grams of flour.", "wrong operation: difference"))))

    north, south, buses = D("2.35"), D("1.87"), D("3.1")
    rail = north + south
    cases.append(Case(
        f"Last year Northgate station handled {north} million passenger journeys and Southgate station "
        f"{south} million. The bus interchange beside Northgate handled {buses} million.",
        "How many passenger journeys did the two railway stations handle together?",
        (f"{rail} million", f"About {fig(rail, 1)} million journeys between them."),
        ((f"{north + buses} million", "swapped entity: the bus interchange for Southgate"),
         (f"About {north - south} million journeys between them.", "wrong operation: difference"))))
    return cases


def differences() -> list[Case]:
    cases = []

    inv_high, inv_low, ply_low, ply_high = 11, 3, 7, 16
    cases.append(Case(
        f"Last Tuesday Inverness recorded a high of {inv_high} °C and a low of {inv_low} °C, while temperatures in "
        f"Plymouth ranged from {ply_low} °C to {ply_high} °C.",
        "What was the difference between Plymouth's high and low that day?",
        (f"{ply_high - ply_low} °C", f"Plymouth's temperature varied by {words(ply_high - ply_low)} degrees."),
        ((f"{inv_high - inv_low} °C", "swapped entity: Inverness"),
         (f"Plymouth's temperature varied by {words(ply_high + ply_low)} degrees.", "wrong operation: sum"))))

    saved, price, loan = 2340, 5995, 500
    need = price - saved
    cases.append(Case(
        f"Priya has saved £{fig(saved)} towards a used car priced at £{fig(price)}. Her brother has offered to lend "
        f"her £{loan} if she needs it.",
        "How much more does Priya need to save to buy the car without the loan?",
        (f"£{fig(need)}", f"She still needs £{fig(price)} − £{fig(saved)} = £{fig(need)}."),
        ((f"£{fig(need - loan)}", "subtracted the loan as well"),
         (f"She still needs £{fig(price)} − £{fig(saved)} = £{fig(need + 100)}.", "arithmetic slip"))))

    valley, middle, summit = 1035, 1840, 2962
    cases.append(Case(
        f"The cable car leaves the valley station at {fig(valley)} m, stops at a middle station at {fig(middle)} m "
        f"and ends at the summit station at {fig(summit)} m.",
        "How much height does the cable car gain from the valley station to the summit?",
        (f"{fig(summit - valley)} m", f"It climbs {fig(summit - valley)} metres."),
        ((f"{fig(summit - middle)} m", "wrong pair: middle station to summit"),
         (f"It climbs {fig(summit - valley + 10)} metres.", "arithmetic slip"))))

    raiders, comets, nov_comets, nov_raiders = 104, 97, 88, 79
    margin = raiders - comets
    cases.append(Case(
        f"The Raiders beat the Comets {raiders}–{comets} on Saturday. When the teams met in November, the Comets "
        f"won {nov_comets}–{nov_raiders}.",
        "By how many points did the Raiders win on Saturday?",
        (f"{margin} points", f"The Raiders won by {words(margin)} points."),
        ((f"{nov_comets - nov_raiders} points", "wrong game: the November margin"),
         (f"The Raiders won by {words(margin - 1)} points.", "off by one"))))

    bw_start, bw_end, ks_start, ks_end = 1482, 1619, 940, 1012
    growth = bw_end - bw_start
    cases.append(Case(
        f"Brightwave had {fig(bw_start)} employees at the start of the year and {fig(bw_end)} at the end. Its "
        f"rival Kestrel Labs grew from {ks_start} to {fig(ks_end)} employees over the same period.",
        "By how many employees did Brightwave grow over the year?",
        (f"{growth}", f"Brightwave grew by {growth} employees ({fig(bw_end)} − {fig(bw_start)})."),
        ((f"{ks_end - ks_start}", "swapped entity: Kestrel Labs"),
         (f"Brightwave grew by {growth + 10} employees ({fig(bw_end)} − {fig(bw_start)}).", "arithmetic slip"))))

    small, large, case_price = 899, 1049, 49
    extra = large - small
    cases.append(Case(
        f"The Vela X phone costs ${small} with 128 GB of storage and ${fig(large)} with 256 GB. A leather case "
        f"for either model costs ${case_price}.",
        "How much more does the 256 GB model cost than the 128 GB one?",
        (f"${extra}", f"The 256 GB model costs ${extra} more."),
        ((f"${extra + case_price}", "added the case"),
         (f"The 256 GB model costs ${extra - 10} more.", "arithmetic slip"))))

    monday, wednesday, warning = D("2.84"), D("4.17"), D("4.50")
    rise = wednesday - monday
    cases.append(Case(
        f"After two days of rain, the river gauge at Ashby Bridge read {wednesday} m on Wednesday evening, up from "
        f"{monday} m on Monday morning. The flood warning level there is {warning} m.",
        "How much did the river rise between Monday morning and Wednesday evening?",
        (f"{rise} m", f"It rose by {rise} metres."),
        ((f"{warning - wednesday} m", "wrong pair: the gap to the warning level"),
         (f"It rose by {rise + D('0.1')} metres.", "arithmetic slip"))))
    return cases


def counts() -> list[Case]:
    cases = []

    committee, helpers = ["Ana", "Bilal", "Chloe", "Dev", "Erin"], ["Fatima", "George"]
    n = len(committee)
    cases.append(Case(
        f"The summer fair committee is {series(committee)}; {series(helpers)} help only on the day itself.",
        "How many people are on the committee?",
        (f"{n}", f"There are {words(n)} committee members."),
        ((f"{n + len(helpers)}", "counted the helpers"),
         (f"There are {words(n - 1)} committee members.", "off by one"))))

    specials = ["mushroom risotto", "grilled hake", "lamb shank", "beetroot salad"]
    desserts = ["tiramisu", "lemon tart"]
    n = len(specials)
    cases.append(Case(
        f"Tonight's specials are {series(specials)}; the desserts are {series(desserts)}.",
        "How many specials are there tonight, not counting the desserts?",
        (f"{cap(words(n))} specials.", f"There are {n} specials tonight: {series(specials)}."),
        ((f"{cap(words(n + len(desserts)))} specials.", "counted the desserts"),
         (f"There are {n - 1} specials tonight.", "off by one"))))

    stops = ["Mill Lane", "the hospital", "Station Road", "Oakfield", "Birch Park"]
    n = len(stops)
    cases.append(Case(
        f"The number 12 bus leaves Castle Square and calls at {series(stops)} before terminating at the retail park.",
        "How many stops does the bus call at between Castle Square and the retail park, not counting either end?",
        (f"{n} stops", f"It calls at {words(n)} stops in between."),
        ((f"{n + 2} stops", "counted both ends"),
         (f"It calls at {words(n + 1)} stops in between.", "off by one"))))

    week = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    open_days = ["Monday", "Wednesday", "Thursday", "Saturday"]
    closed = [d for d in week if d not in open_days]
    cases.append(Case(
        f"The outdoor pool is open on {series(open_days)} and closed on the other days of the week.",
        "On how many days a week is the pool closed?",
        (f"{len(closed)}", f"It is closed {words(len(closed))} days a week ({series(closed)})."),
        ((f"{len(open_days)}", "gave the open days for the closed ones"),
         (f"It is closed {words(len(closed) - 1)} days a week.", "off by one"))))

    delivery = {"boxes of A4 paper": 3, "toner cartridges": 2, "stapler": 1, "packs of pens": 5}
    n = len(delivery)
    cases.append(Case(
        "The delivery note lists " + series([f"{q} {item}" for item, q in delivery.items()]) + ".",
        "How many different kinds of item are on the delivery note?",
        (f"{n} kinds", f"{cap(words(n))}: paper, toner cartridges, a stapler and pens."),
        ((f"{sum(delivery.values())} kinds", "counted the units, not the kinds"),
         (f"{cap(words(n + 1))} kinds of item.", "off by one"))))

    results = ["W", "W", "D", "L", "W", "D", "W", "L"]
    wins = results.count("W")
    cases.append(Case(
        f"In order, the team's results in the group stage were {', '.join(results)} (W win, D draw, L loss).",
        "How many group matches did the team win?",
        (f"{wins}", f"They won {words(wins)} of their {words(len(results))} group matches."),
        ((f"{len(results)}", "counted every match"),
         (f"They won {words(wins + 1)} of their {words(len(results))} group matches.", "off by one"))))

    contributors = ["Kim", "Laszlo", "Mei", "Nadia", "Omar", "Pia", "Quentin", "Rosa", "Sven", "Tomasz"]
    maintainers = ["Kim", "Omar"]
    n = len(contributors)
    cases.append(Case(
        f"The release notes thank {series(contributors)} for their contributions. {series(maintainers)} are also "
        "the project's maintainers.",
        "How many contributors do the release notes thank?",
        (f"{n} contributors", f"{cap(words(n))} people are thanked as contributors."),
        ((f"{len(maintainers)} contributors", "gave the maintainers"),
         (f"{cap(words(n - 1))} people are thanked as contributors.", "off by one"))))
    return cases


def date_differences() -> list[Case]:
    cases = []

    born, joined, retired = date(1948, 10, 14), date(1979, 5, 1), date(2011, 9, 30)
    age = full_years(born, retired)
    cases.append(Case(
        f"Margaret Ellison was born on {day(born)}. She joined the county archive on {day(joined)} and retired "
        f"from it on {day(retired)}.",
        "How old was Margaret Ellison when she retired?",
        (f"{age}", f"She was {age} years old when she retired."),
        ((f"{retired.year - born.year}", "subtracted the years, ignoring that her birthday had not come yet"),
         (f"She was {full_years(joined, retired)} years old when she retired.", "gave her years of service"))))

    opens, closes, cafe = date(2025, 4, 18), date(2025, 7, 6), date(2025, 6, 29)
    run = (closes - opens).days + 1
    cases.append(Case(
        f"The exhibition opens on {weekday(opens)} and closes on {weekday(closes)}. The gallery café shuts for "
        f"the summer earlier, on {day(cafe)}.",
        "For how many days is the exhibition on, counting both the first and the last day?",
        (f"{run} days", f"It runs for {run} days, opening and closing days included."),
        ((f"{run - 1} days", "counted only one end"),
         (f"It runs for {(cafe - opens).days + 1} days, opening and closing days included.",
          "wrong pair of dates: the café's closing"))))

    opened, widened, closed = 1874, 1936, 1968
    cases.append(Case(
        f"The Kelby Viaduct opened to trains in {opened}, was widened in {widened} and closed to trains in {closed}; "
        "it now carries a footpath.",
        "For how many years did trains use the viaduct?",
        (f"{closed - opened} years", f"Trains used it for {closed - opened} years, from {opened} to {closed}."),
        ((f"{widened - opened} years", "wrong pair of dates: until it was widened"),
         (f"Trains used it for {closed - opened + 1} years, from {opened} to {closed}.", "off by one"))))

    start, back, partner = date(2025, 2, 3), date(2025, 4, 28), date(2025, 1, 6)
    leave, partner_leave = (back - start).days, (back - partner).days
    assert leave % 7 == 0 and partner_leave % 7 == 0
    cases.append(Case(
        f"Sam's parental leave starts on {weekday(start)} and he is back at work on {weekday(back)}. His "
        f"partner's leave began on {weekday(partner)}.",
        "How many weeks of leave does Sam take?",
        (f"{leave // 7} weeks", f"{cap(words(leave // 7))} weeks ({leave} days)."),
        ((f"{leave // 7 + 1} weeks", "off by one"),
         (f"{cap(words(partner_leave // 7))} weeks ({partner_leave} days).",
          "wrong pair of dates: from the partner's start"))))

    tomas, mateo, lucia = date(2009, 6, 2), date(2011, 8, 9), date(2013, 1, 21)
    gap = full_years(tomas, lucia)
    cases.append(Case(
        f"Tomás was born on {day(tomas)} and his sister Lucía on {day(lucia)}. Their cousin Mateo was born on "
        f"{day(mateo)}.",
        "How many full years older than Lucía is Tomás?",
        (f"{gap} years", f"Tomás is {words(gap)} full years older than Lucía."),
        ((f"{lucia.year - tomas.year} years", "subtracted the years only"),
         (f"Tomás is {words(full_years(tomas, mateo))} full years older than Lucía.", "swapped entity: Mateo"))))

    leaves, stop, arrives = at(21, 40), at(1, 20) + at(24), at(9, 55) + at(24)
    journey = arrives - leaves
    cases.append(Case(
        f"The night train leaves Vienna at {clock(leaves)} on Friday, stops at Villach at {clock(stop)} and "
        f"arrives in Rome at {clock(arrives)} on Saturday.",
        "How long does the journey from Vienna to Rome take?",
        (hours_min(journey), f"The journey takes {hours_min_words(journey)}."),
        ((hours_min(journey - 60), "off by an hour"),
         (f"The journey takes {hours_min_words(stop - leaves)}.", "wrong pair: Vienna to Villach"))))

    issued, paid, term = date(2024, 11, 17), date(2025, 1, 8), 45
    after = (paid - issued).days
    cases.append(Case(
        f"The invoice is dated {day(issued)} and payment is due within {term} days. It was paid on {day(paid)}.",
        "How many days after the invoice date was it paid?",
        (f"{after} days", f"It was paid {after} days after the invoice date, {after - term} days past the "
                          f"{term}-day term."),
        ((f"{term} days", "gave the payment term"),
         (f"It was paid {after - 1} days after the invoice date.", "off by one"))))
    return cases


def unit_conversions() -> list[Case]:
    cases = []

    miles, km_per_mile = 140, D("1.609")
    km = miles * km_per_mile
    cases.append(Case(
        f"The Moorland Way cycle route is {miles} miles long and most riders take four days over it. One mile is "
        f"{km_per_mile} km.",
        "How long is the route in kilometres, to the nearest kilometre?",
        (f"{fig(km)} km", f"About {fig(km)} kilometres ({miles} × {km_per_mile})."),
        ((f"{fig(miles / km_per_mile)} km", "divided instead of multiplying"),
         (f"About {fig(km)} miles ({miles} × {km_per_mile}).", "wrong unit"))))

    zloty, per_euro, per_pound = 420, D("4.30"), D("5.05")
    euros = F(zloty) / F(per_euro)
    cases.append(Case(
        f"The hotel in Kraków charges {zloty} złoty a night. When Anna booked, one euro bought {per_euro} złoty "
        f"and one pound bought {per_pound} złoty.",
        "What is the nightly rate in euros, to the nearest euro?",
        (f"€{fig(euros)}", f"About {fig(euros)} euros a night."),
        ((f"€{fig(F(zloty) / F(per_pound))}", "used the pound's rate"),
         (f"About {fig(zloty * per_euro)} euros a night.", "multiplied by the rate instead of dividing"))))

    full, abridged = 1135, 420
    cases.append(Case(
        f"The unabridged audiobook of the novel runs {fig(full)} minutes; the abridged edition runs {abridged} "
        "minutes.",
        "How long is the unabridged audiobook in hours and minutes?",
        (hours_min(full), cap(hours_min_words(full)) + "."),
        ((f"{full // 100} h {full % 100} min", "read the minutes as hours and minutes"),
         (cap(hours_min_words(full + 60)) + ".", "off by an hour"))))

    fahrenheit = 350
    celsius = F(fahrenheit - 32) * F(5, 9)
    cases.append(Case(
        f"The recipe says to bake the cake at {fahrenheit} °F for 40 minutes. To convert, °C = (°F − 32) × 5/9.",
        "What is the oven temperature in degrees Celsius, to the nearest degree?",
        (f"{fig(celsius)} °C", f"About {fig(celsius)} degrees Celsius."),
        ((f"{fig(fahrenheit * F(5, 9))} °C", "forgot to subtract 32"),
         (f"{fig(down(celsius))} degrees Celsius, to the nearest degree.", "truncated instead of rounding"))))

    litres, us_gallon, imp_gallon = 200, D("3.785"), D("4.546")
    gallons = F(litres) / F(us_gallon)
    cases.append(Case(
        f"The water butt holds {litres} litres. A US gallon is {us_gallon} litres and an imperial gallon "
        f"{imp_gallon} litres.",
        "How many US gallons does the water butt hold, to one decimal place?",
        (f"{fig(gallons, 1)} US gallons", f"It holds about {fig(gallons, 1)} US gallons."),
        ((f"{fig(F(litres) / F(imp_gallon), 1)} US gallons", "used the imperial gallon"),
         (f"It holds about {fig(litres * us_gallon, 1)} US gallons.", "multiplied instead of dividing"))))

    kg, limit, lb_per_kg = D("24.5"), 23, D("2.2046")
    cases.append(Case(
        f"Tom's suitcase weighed {kg} kg at check-in, over the airline's {limit} kg limit. One kilogram is "
        f"{lb_per_kg} pounds.",
        "What did the suitcase weigh in pounds, to the nearest pound?",
        (f"{fig(kg * lb_per_kg)} lb", f"About {fig(kg * lb_per_kg)} pounds."),
        ((f"{fig(limit * lb_per_kg)} lb", "converted the limit, not the weight"),
         (f"About {fig(F(kg) / F(lb_per_kg))} pounds.", "divided instead of multiplying"))))

    kmh, altitude = 900, 11000
    ms = F(kmh * 1000, 3600)
    cases.append(Case(
        f"The airliner cruises at {kmh} km/h at an altitude of {fig(altitude)} m.",
        "What is its cruising speed in metres per second?",
        (f"{fig(ms)} m/s", f"{kmh} km/h is {fig(ms)} metres per second."),
        ((f"{fig(F(kmh, 60))} m/s", "divided by 60 only"),
         (f"{kmh} km/h is {fig(kmh * D('3.6'))} metres per second.", "multiplied by 3.6 instead of dividing"))))
    return cases


def roundings() -> list[Case]:
    cases = []

    winner, runner_up = (2, 7, 48), (2, 8, 31)

    def minutes(t: tuple[int, int, int]) -> F:
        return F(3600 * t[0] + 60 * t[1] + t[2], 60)

    def hm(m: F) -> str:
        return f"{int(m) // 60}:{int(m) % 60:02d}"

    best = nearest(minutes(winner))
    cases.append(Case(
        "The winner of the Harbour City marathon finished in {}:{:02d}:{:02d} and the runner-up in "
        "{}:{:02d}:{:02d}.".format(*winner, *runner_up),
        "What was the winning time, to the nearest minute?",
        (hm(best), f"About {int(best) // 60} hours {int(best) % 60} minutes."),
        ((hm(down(minutes(winner))), "truncated instead of rounding"),
         (f"About {int(nearest(minutes(runner_up))) // 60} hours {int(nearest(minutes(runner_up))) % 60} minutes.",
          "swapped entity: the runner-up"))))

    people, earlier = 1263847, 1148422
    cases.append(Case(
        f"The 2021 census counted {fig(people)} people in the region, up from {fig(earlier)} in 2011.",
        "What was the region's 2021 population, to the nearest hundred thousand?",
        (fig(nearest(people, 100_000)), f"About {fig(nearest(people, 100_000) / 10**6, 1)} million people."),
        ((fig(down(people, 100_000)), "truncated instead of rounding"),
         (f"About {fig(nearest(earlier, 100_000) / 10**6, 1)} million people.", "swapped entity: the 2011 count"))))

    close = D("3.4681")
    cases.append(Case(
        f"Shares in Tallis plc closed at £{close} on Friday, having opened the week at £3.39.",
        "What was Friday's closing price, rounded to the nearest penny?",
        (f"£{fig(close, 2)}", f"To the nearest penny it closed at {fig(close * 100)}p."),
        ((f"£{fig(down(close, D('0.01')), 2)}", "truncated instead of rounding"),
         (f"To the nearest penny it closed at {fig(nearest(close * 100, 10))}p.", "rounded to ten pence"))))

    span, length = 1991, 3911
    cases.append(Case(
        f"The Akashi Kaikyō Bridge in Japan has a central span of {fig(span)} m; the whole bridge is "
        f"{fig(length)} m long.",
        "How long is the central span, to the nearest hundred metres?",
        (f"{fig(nearest(span, 100))} m", f"About {fig(nearest(span, 100) / 1000)} km."),
        ((f"{fig(down(span, 100))} m", "truncated instead of rounding"),
         (f"About {fig(nearest(length, 100) / 1000, 1)} km.", "swapped entity: the whole bridge"))))

    day_tickets, weekend = 48612, 7350
    cases.append(Case(
        f"The folk festival sold {fig(day_tickets)} day tickets and {fig(weekend)} weekend passes this year.",
        "Roughly how many day tickets were sold, to the nearest thousand?",
        (fig(nearest(day_tickets, 1000)), f"About {fig(nearest(day_tickets, 1000) / 1000)} thousand day tickets."),
        ((fig(down(day_tickets, 1000)), "truncated instead of rounding"),
         (f"About {fig(nearest(day_tickets + weekend, 1000) / 1000)} thousand day tickets.",
          "added the weekend passes"))))

    mass = D("0.04786")
    cases.append(Case(
        f"The analyst recorded the mass of the dried sample as {mass} g, measured on a balance in an empty "
        "crucible.",
        "What is the sample's mass to three decimal places?",
        (f"{fig(mass, 3)} g", f"It is about {fig(mass, 3)} grams."),
        ((f"{fig(down(mass, D('0.001')), 3)} g", "truncated instead of rounding"),
         (f"It is about {fig(mass * 10, 3)} grams.", "off by a factor of ten"))))

    parcel, step = D("2.37"), D("0.5")
    charged = math.ceil(F(parcel) / F(step)) * F(step)
    cases.append(Case(
        f"The parcel weighs {parcel} kg. The courier prices parcels by weight, always rounding up to the next "
        "half kilogram.",
        "What weight will the courier charge for?",
        (f"{fig(charged, 1)} kg", f"It will be charged as {spoken(charged)} kilograms."),
        ((f"{fig(parcel, 1)} kg", "rounded to the nearest tenth instead of up to a half"),
         (f"It will be charged as {spoken(down(parcel, step))} kilograms.", "rounded down"))))
    return cases


def percentages() -> list[Case]:
    cases = []

    winner, valid, turnout = 18562, 41077, 38
    share = F(100 * winner, valid)
    assert math.ceil(share) != nearest(share)  # so the rounded-up figure below is wrong
    cases.append(Case(
        f"In the by-election the winning candidate took {fig(winner)} of the {fig(valid)} valid votes. "
        f"Turnout was {turnout}%.",
        "What share of the valid votes did the winner take, to the nearest whole percent?",
        (f"{fig(share)}%", f"Roughly {fig(share)}% of the valid votes."),
        ((f"{math.ceil(share)}%", "rounded up instead of to the nearest"),
         (f"Roughly {fig(100 - share)}% of the valid votes.", "gave the other candidates' share"))))

    before, after = 950, 1045
    rise = F(100 * (after - before), before)
    cases.append(Case(
        f"At renewal the monthly rent on the flat went up from £{before} to £{fig(after)}.",
        "By what percentage did the rent rise?",
        (f"{fig(rise)}%", f"It rose by {fig(rise)}% (£{after - before} on £{before})."),
        ((f"{fig(F(100 * (after - before), after), 1)}%", "divided by the new rent"),
         (f"It rose by {fig(F(100 * after, before))}% (£{fig(after)} against £{before}).",
          "gave the new rent as a percentage of the old"))))

    then, now = 32, 40
    cases.append(Case(
        f"Turnout in the council election was {then}% in 2019 and {now}% in 2023.",
        "By how many percentage points did turnout rise?",
        (f"{now - then} percentage points", f"Turnout rose by {words(now - then)} points, from {then}% to {now}%."),
        ((f"{fig(F(100 * (now - then), then))} percentage points", "gave the relative change as points"),
         (f"Turnout rose by {words(now - then - 1)} points, from {then}% to {now}%.", "off by one"))))

    then, now = 5, 8
    cases.append(Case(
        f"The share of commuters who cycle to work in the city went from {then}% in 2015 to {now}% in 2024.",
        "By what percentage did the cycling share grow relative to 2015?",
        (f"{fig(F(100 * (now - then), then))}%",
         f"It grew by {fig(F(100 * (now - then), then))}% in relative terms ({words(now - then)} points on a "
         f"base of {then}%)."),
        ((f"{now - then}%", "gave the percentage points as the relative change"),
         (f"It grew by {fig(F(100 * (now - then), now), 1)}% in relative terms.", "divided by the later share"))))

    coat, off = 240, 35
    discount = F(coat * off, 100)
    cases.append(Case(
        f"A £{coat} wool coat is reduced by {off}% in the January sale; members also get free delivery.",
        "What is the coat's sale price?",
        (f"£{fig(coat - discount)}", f"£{coat} less {off}% (£{fig(discount)}) is £{fig(coat - discount)}."),
        ((f"£{fig(discount)}", "gave the discount, not the price"),
         (f"£{coat} less {off}% is £{coat - off}.", "took off pounds, not percent"))))

    students, walk, cycle = 1250, 38, 22
    cases.append(Case(
        f"Of the {fig(students)} students surveyed, {walk}% said they walk to campus and {cycle}% that they "
        "cycle; the rest come by bus or car.",
        "How many of the surveyed students cycle to campus?",
        (f"{fig(F(students * cycle, 100))}",
         f"About {fig(F(students * cycle, 100))} students ({cycle}% of {fig(students)})."),
        ((f"{fig(F(students * walk, 100))}", "used the walking share"),
         (f"About {fig(F(students * (walk + cycle), 100))} students ({walk}% + {cycle}% of {fig(students)}).",
          "added both shares"))))

    used_2022, used_2023 = D("4.8"), D("4.1")
    fall = F(used_2022 - used_2023) * 100 / F(used_2022)
    cases.append(Case(
        f"The factory's energy use fell from {used_2022} GWh in 2022 to {used_2023} GWh in 2023.",
        "By what percentage did its energy use fall, to one decimal place?",
        (f"{fig(fall, 1)}%", f"A fall of about {fig(fall, 1)}%."),
        ((f"{fig(F(used_2022 - used_2023) * 100 / F(used_2023), 1)}%", "divided by the later figure"),
         (f"A fall of about {used_2022 - used_2023}%.", "gave the absolute change as a percentage"))))

    net, vat_rate = D("1480"), 21
    vat = net * vat_rate / 100
    cases.append(Case(
        f"The invoice shows a net amount of €{fig(net)} and VAT at {vat_rate}%, with payment due in 30 days.",
        "What is the total including VAT?",
        (f"€{fig(net + vat, 2)}", f"With {vat_rate}% VAT the total is €{fig(net + vat, 2)}."),
        ((f"€{fig(vat, 2)}", "gave the VAT alone"),
         (f"With {vat_rate}% VAT the total is €{fig(net + vat_rate, 2)}.", "added euros, not percent"))))
    return cases


def rates() -> list[Case]:
    cases = []

    reams, ream_price, toners, toner_price = 12, D("4.79"), 3, 38
    paper = reams * ream_price
    cases.append(Case(
        f"The office ordered {reams} reams of printer paper at £{ream_price} a ream and {toners} toner cartridges "
        f"at £{toner_price} each.",
        "How much did the printer paper cost?",
        (f"£{cash(paper)}", f"{reams} × £{ream_price} = £{cash(paper)}."),
        ((f"£{cash(paper + toners * toner_price)}", "included the toner"),
         (f"{reams} × £{ream_price} = £{cash(paper - ream_price)}.", "arithmetic slip: one ream short"))))

    knots, crossing, boarding = 18, at(2, 40), 30
    distance = knots * F(crossing, 60)
    cases.append(Case(
        f"The ferry crosses at an average of {knots} knots (nautical miles per hour). The crossing takes "
        f"{crossing // 60} hours {crossing % 60} minutes, and boarding closes {boarding} minutes before departure.",
        "How long is the crossing in nautical miles?",
        (f"{fig(distance)} nautical miles",
         f"About {fig(distance)} nmi: {knots} knots for {hours_min(crossing)}."),
        ((f"{fig(knots * D(f'{crossing // 60}.{crossing % 60}'), 1)} nautical miles",
          "read 2 h 40 min as 2.4 hours"),
         (f"About {knots * (crossing // 60)} nmi: {knots} knots for {hours_min(crossing)}.", "dropped the minutes"))))

    residents, town, county = 24500, 3185000, 1200000
    cases.append(Case(
        f"The town of Arlen has {fig(residents)} residents and spent £{fig(town)} on its libraries and leisure "
        f"centres last year; the county council spent a further £{fig(F(county, 10**6), 1)} million on them.",
        "How much did the town spend on libraries and leisure centres per resident?",
        (f"£{fig(F(town, residents))} per resident", f"That works out at £{fig(F(town, residents))} a head."),
        ((f"£{fig(F(town + county, residents))} per resident", "added the county's spending"),
         (f"That works out at £{fig(F(town, residents * 10))} a head.", "slipped a factor of ten"))))

    per_100, trip, diesel = D("8.5"), 340, D("1.62")
    fuel = per_100 * trip / 100
    cases.append(Case(
        f"The delivery van uses {per_100} litres of diesel per 100 km, and diesel costs €{diesel} a litre.",
        f"How much diesel does the van use on a {trip} km round?",
        (f"{fuel} litres", f"About {fuel} L of diesel ({per_100} L per 100 km over {trip} km)."),
        ((f"{fig(trip / per_100)} litres", "divided the distance by the consumption"),
         (f"About {fig(per_100 * trip)} L of diesel.", "forgot the consumption is per 100 km"))))

    hours, wage, overtime = D("37.5"), D("13.20"), D("19.80")
    cases.append(Case(
        f"Jo works {hours} hours a week at £{wage} an hour; any overtime is paid at £{overtime} an hour.",
        "What are Jo's weekly earnings before overtime?",
        (f"£{cash(hours * wage)}", f"{hours} × £{wage} = £{cash(hours * wage)} a week."),
        ((f"£{cash(hours * overtime)}", "used the overtime rate"),
         (f"{hours} × £{wage} = £{cash(int(hours) * wage)} a week.", "dropped the half hour"))))

    flow, pool, can = 14, 630, 9
    assert pool % flow == 0 and pool % can == 0
    cases.append(Case(
        f"The garden hose delivers {flow} litres a minute. The paddling pool holds {pool} litres and the watering "
        f"can {can} litres.",
        "How long does the hose take to fill the paddling pool?",
        (f"{pool // flow} minutes", f"It takes {pool} ÷ {flow} = {pool // flow} minutes."),
        ((f"{fig(pool * flow)} minutes", "multiplied instead of dividing"),
         (f"It takes {pool} ÷ {can} = {pool // can} minutes.", "divided by the watering can's size"))))

    wheat_yield, wheat_ha, barley_yield, barley_ha = D("7.2"), 85, D("6.1"), 40
    cases.append(Case(
        f"The farm's wheat yielded {wheat_yield} tonnes per hectare across its {wheat_ha} hectares; its barley "
        f"yielded {barley_yield} tonnes per hectare on {barley_ha} hectares.",
        "How much wheat did the farm harvest in total?",
        (f"{fig(wheat_yield * wheat_ha)} tonnes",
         f"{wheat_yield} t/ha × {wheat_ha} ha = {fig(wheat_yield * wheat_ha)} t."),
        ((f"{fig(barley_yield * barley_ha)} tonnes", "swapped entity: the barley"),
         (f"{wheat_ha} ha ÷ {wheat_yield} t/ha = {fig(wheat_ha / wheat_yield, 1)} t.",
          "divided instead of multiplying"))))
    return cases


def averages() -> list[Case]:
    cases = []

    takings = [412, 386, 455, 398, 429]
    cases.append(Case(
        "Over five evenings the café took " + series([f"£{t}" for t in takings]) + ".",
        "What were the café's average takings per evening?",
        (f"£{fig(F(sum(takings), len(takings)))}", f"On average £{fig(F(sum(takings), len(takings)))} an evening."),
        ((f"£{fig(sum(takings))}", "gave the total"),
         (f"On average £{fig(F(sum(takings), len(takings) - 1))} an evening.", "divided by four"))))

    scores = {"beam": D("13.4"), "floor": D("14.1"), "vault": D("13.9")}
    total = sum(scores.values())
    cases.append(Case(
        "The gymnast scored " + series([f"{s} on {event}" for event, s in scores.items()]) + "; her bars routine "
        "was not scored after a fall.",
        "What was her average score over the events that were scored?",
        (fig(total / 3, 1), f"Her average over the three scored events was {fig(total / 3, 1)}."),
        ((fig(total / 4, 2), "counted the unscored routine as zero"),
         (f"Her average over the three scored events was {max(scores.values())}.", "gave the highest score"))))

    highs = [34, 36, 37, 35, 38, 39, 33]
    cases.append(Case(
        "Daily highs in Seville last week were " + series([str(h) for h in highs]) + " °C.",
        "What was the average daily high over the week?",
        (f"{fig(F(sum(highs), len(highs)))} °C",
         f"The average daily high was {fig(F(sum(highs), len(highs)))} degrees."),
        ((f"{fig(F(sum(highs), len(highs) - 1))} °C", "divided by six"),
         (f"The average daily high was {fig(F(sum(highs), len(highs)) + 1)} degrees.",
          "arithmetic slip"))))

    saturday, sunday = 52, 48
    cases.append(Case(
        f"Kai ran 10 km in {saturday} minutes on Saturday and another 10 km in {sunday} minutes on Sunday.",
        "What was Kai's average time for 10 km over the two runs?",
        (f"{fig(F(saturday + sunday, 2))} minutes", f"His average was {fig(F(saturday + sunday, 2))} min per 10 km."),
        ((f"{saturday + sunday} minutes", "gave the total"),
         (f"His average was {min(saturday, sunday)} min per 10 km.", "gave the faster run"))))

    ages, manager = [29, 34, 41, 56], 62
    cases.append(Case(
        f"The four members of the string quartet are aged {series([str(a) for a in ages])}; their manager is "
        f"{manager}.",
        "What is the average age of the quartet's members?",
        (fig(F(sum(ages), len(ages))), f"Their average age is {fig(F(sum(ages), len(ages)))}."),
        ((fig(F(sum(ages) + manager, len(ages) + 1), 1), "included the manager"),
         (f"Their average age is {fig(F(ages[1] + ages[2], 2), 1)}.", "gave the median"))))

    rain = {"January": 62, "February": 48, "March": 71}
    cases.append(Case(
        "Rainfall at the hill station was " + series([f"{mm} mm in {m}" for m, mm in rain.items()])
        + "; there is no figure for April because the gauge was broken.",
        "What was the average monthly rainfall over the months with a figure?",
        (f"About {fig(F(sum(rain.values()), 3), 1)} mm",
         f"The average over those three months was roughly {fig(F(sum(rain.values()), 3))} mm."),
        ((f"About {fig(F(sum(rain.values()), 4), 1)} mm", "counted the missing month"),
         (f"The average over those three months was roughly {sum(rain.values())} mm.", "gave the total"))))

    shifts = [1260, 1310, 1180]
    mean = F(sum(shifts), len(shifts))
    cases.append(Case(
        f"The warehouse's three shifts picked {series([fig(s) for s in shifts])} orders yesterday.",
        "How many orders did a shift pick on average yesterday?",
        (f"{fig(mean)} orders",
         f"{fig(mean)} on average per shift (({' + '.join(fig(s) for s in shifts)}) ÷ {len(shifts)})."),
        ((f"{fig(F(sum(shifts), 2))} orders", "divided by two"),
         (f"{max(shifts) - min(shifts)} on average per shift.", "gave the range"))))
    return cases


def fractions() -> list[Case]:
    cases = []

    seats, full = 36, F(2, 3)
    cases.append(Case(
        f"The {seats}-seat minibus was {fraction_words(full).replace(' ', '-')} full when it left the depot.",
        "How many passengers were on board?",
        (f"{seats * full}", f"{cap(fraction_words(full))} of {seats} seats means {seats * full} passengers."),
        ((f"{seats * (1 - full)}", "gave the empty seats"),
         (f"{cap(fraction_words(full))} of {seats} seats means {seats // 2} passengers.", "took half"))))

    trees, oaks = 640, F(3, 8)
    cases.append(Case(
        f"Of the {trees} trees planted along the canal, {fraction_words(oaks)} are oaks and the rest are alders "
        "and willows.",
        "How many of the trees are not oaks?",
        (f"{trees * (1 - oaks)}", f"{cap(fraction_words(1 - oaks))} of them, {trees * (1 - oaks)} trees."),
        ((f"{trees * oaks}", "gave the oaks"),
         (f"{cap(fraction_words(1 - oaks))} of them, {trees * (1 - oaks) - 1} trees.", "off by one"))))

    per_loaf, loaves = F(5, 4), 2
    cases.append(Case(
        f"The milk loaf needs {mixed(per_loaf)} cups of milk per loaf, and Nadia is baking {words(loaves)} loaves.",
        "How many cups of milk does Nadia need?",
        (f"{mixed(per_loaf * loaves)} cups", f"{cap(spoken(per_loaf * loaves))} cups of milk."),
        ((f"{mixed(per_loaf + 1)} cups", "doubled only the whole cup"),
         (f"{cap(spoken(per_loaf))} cups of milk.", "gave the amount for one loaf"))))

    tickets, season, away = 1200, F(1, 4), F(1, 5)
    rest = tickets * (1 - season)
    cases.append(Case(
        f"Of the {fig(tickets)} tickets for the cup tie, {fraction_words(season).replace('one', 'a')} went to "
        f"season-ticket holders and {fraction_words(away).replace('one', 'a')} of the rest to the away club.",
        "How many tickets went to the away club?",
        (f"{rest * away}", f"{rest * away} tickets, {fraction_words(away).replace('one', 'a')} of the {rest} left "
                           "after the season-ticket holders."),
        ((f"{tickets * away}", "took a fifth of all the tickets"),
         (f"{tickets * season} tickets went to the away club.", "gave the season-ticket holders' share"))))

    film, asleep = at(2, 15), F(2, 3)
    cases.append(Case(
        f"The film is {film // 60} hours {film % 60} minutes long, and Leo fell asleep "
        f"{fraction_words(asleep).replace(' ', '-')} of the way through.",
        "After how many minutes of the film did Leo fall asleep?",
        (f"{film * asleep} minutes", f"After {hours_min_words(int(film * asleep))}."),
        ((f"{at(film // 60) * asleep} minutes", "left out the 15 minutes"),
         (f"After {words(int(film * (1 - asleep)))} minutes.", "took a third"))))

    members, yes = 28, 21
    share = F(yes, members)
    cases.append(Case(
        f"Of the club's {members} members, {yes} voted in favour of the new constitution and the rest abstained.",
        "What fraction of the members voted in favour, in lowest terms?",
        (f"{share}", f"{cap(fraction_words(share))} of the members."),
        ((f"{1 - share}", "gave those not in favour"),
         (f"{cap(fraction_words(F(2, 3)))} of the members.", "wrong fraction"))))

    pages, notes, read = 420, 60, 150
    cases.append(Case(
        f"The novel has {pages} pages, the last {notes} of which are notes. By Friday Bilal had read {read} pages.",
        "What fraction of the book's pages had Bilal read, in lowest terms?",
        (f"{F(read, pages)}", f"He had read {F(read, pages)} of it ({read} of {pages} pages)."),
        ((f"{F(pages - read, pages)}", "gave the unread part"),
         (f"He had read {F(read, pages - notes)} of it.", "left out the notes from the total"))))
    return cases


def comparisons() -> list[Case]:
    cases = []

    train, flight, airports, coach = at(2, 14), at(0, 55), at(2), at(4, 5)
    by_time = {"train": train, "flight": flight + airports, "coach": coach}
    fastest = min(by_time, key=by_time.get)
    assert fastest == "train"
    cases.append(Case(
        f"From Leeds to London the train takes {hours_min(train)} and costs £89, the coach takes "
        f"{hours_min(coach)} and costs £27, and the flight takes {flight} min but needs about {airports // 60} "
        "hours at the airports.",
        "Counting the time at the airports, which is the fastest way from Leeds to London?",
        (f"The {fastest}", f"The {fastest}: {hours_min(train)}, against {hours_min(flight + airports)} for the "
                           "flight once the airport time is added."),
        (("The coach", "gave the cheapest, not the fastest"),
         (f"The flight: {flight} min, against {hours_min(train)} by train.", "ignored the airport time"))))

    a_grams, a_price, b_kg, b_price = 750, D("2.10"), D("1.2"), D("3.12")
    per_kg = {"A": a_price * 1000 / a_grams, "B": b_price / b_kg}
    cheap = min(per_kg, key=per_kg.get)
    dear = max(per_kg, key=per_kg.get)
    assert a_price < b_price and cheap == "B"  # so comparing pack prices picks the wrong shop
    cases.append(Case(
        f"Supermarket A sells a {a_grams} g box of porridge oats for £{a_price}; supermarket B sells a {b_kg} kg "
        f"bag of the same oats for £{b_price}.",
        "Which supermarket's oats are cheaper per kilogram?",
        (f"Supermarket {cheap}'s", f"{cheap}, at £{cash(per_kg[cheap])} per kg against £{cash(per_kg[dear])} "
                                   f"at {dear}."),
        ((f"Supermarket {dear}'s", "compared pack prices, not prices per kilogram"),
         (f"{dear}, at £{cash(per_kg[cheap])} per kg against £{cash(per_kg[dear])} at {cheap}.",
          "swapped the two shops"))))

    goals = {"Hollins": (14, 31), "Duarte": (11, 19)}
    rate = {name: F(g, games) for name, (g, games) in goals.items()}
    best = max(rate, key=rate.get)
    other = min(rate, key=rate.get)
    assert goals[other][0] > goals[best][0]  # so comparing totals picks the wrong player
    cases.append(Case(
        f"Last season Hollins scored {goals['Hollins'][0]} goals in {goals['Hollins'][1]} games and Duarte "
        f"{goals['Duarte'][0]} goals in {goals['Duarte'][1]} games.",
        "Who scored more goals per game last season?",
        (best, f"{best}, with about {fig(rate[best], 2)} goals per game to {other}'s {fig(rate[other], 2)}."),
        ((other, "compared total goals"),
         (f"{other}, with about {fig(rate[best], 2)} goals per game to {best}'s {fig(rate[other], 2)}.",
          "swapped the players"))))

    x_yearly, y_monthly = D("4.1"), D("0.35")
    y_yearly = ((1 + y_monthly / 100) ** 12 - 1) * 100
    assert y_yearly > x_yearly
    cases.append(Case(
        f"Savings account X pays {x_yearly}% a year. Account Y pays {y_monthly}% a month, compounded monthly.",
        "Which account pays more interest over a year?",
        ("Account Y", f"Y: {y_monthly}% a month compounds to about {fig(y_yearly, 2)}% a year, more than X's "
                      f"{x_yearly}%."),
        (("Account X", "compared a monthly rate with a yearly one"),
         (f"Neither: {y_monthly}% a month is {y_monthly * 12}% a year, about the same as X's {x_yearly}%.",
          "ignored compounding and called them equal"))))

    ella_cm, feet, inches, cm_per_in = 168, 5, 4, D("2.54")
    finn_cm = (12 * feet + inches) * cm_per_in
    assert ella_cm > finn_cm
    cases.append(Case(
        f"Ella is {fig(F(ella_cm, 100), 2)} m tall and her brother Finn is {feet} ft {inches} in. There are 12 "
        f"inches in a foot and one inch is {cm_per_in} cm.",
        "Who is taller, Ella or Finn?",
        ("Ella", f"Ella, by about {fig(ella_cm - finn_cm)} cm ({ella_cm} cm against {fig(finn_cm, 1)} cm)."),
        (("Finn", "flipped the comparison"),
         (f"Ella, by about {fig(ella_cm - (10 * feet + inches) * cm_per_in)} cm.", "read 5 ft 4 in as 54 inches"))))

    adams, brook, carter, vat = 8450, 9900, 8300, F(6, 5)
    with_vat = {"Adams & Co": adams * vat, "Brook Roofing": F(brook), "Carter Ltd": carter * vat}
    ranked = sorted(with_vat, key=with_vat.get)
    assert ranked[0] == "Brook Roofing" and carter < brook  # ignoring VAT would pick Carter
    cases.append(Case(
        f"Three firms bid for the roof repair: Adams & Co £{fig(adams)} plus VAT at 20%, Brook Roofing "
        f"£{fig(brook)} including VAT, and Carter Ltd £{fig(carter)} plus VAT at 20%.",
        "Which bid is the cheapest once VAT is included?",
        (ranked[0], f"{ranked[0]}: £{fig(with_vat[ranked[0]])}, against £{fig(with_vat[ranked[1]])} for "
                    f"{ranked[1]} and £{fig(with_vat[ranked[2]])} for {ranked[2]}, all with VAT."),
        (("Carter Ltd", "compared prices before VAT with one after it"),
         (f"{ranked[1]}: £{fig(with_vat[ranked[1]])}, against £{fig(with_vat[ranked[0]])} for {ranked[0]}.",
          "reversed the comparison"))))

    plans = {"A": (18, 30), "B": (25, 100)}
    pence = {name: F(100 * price, gb) for name, (price, gb) in plans.items()}
    cases.append(Case(
        f"Plan A costs £{plans['A'][0]} a month with {plans['A'][1]} GB of data; Plan B costs £{plans['B'][0]} a "
        f"month with {plans['B'][1]} GB.",
        "How much less per gigabyte does Plan B cost than Plan A?",
        (f"{fig(pence['A'] - pence['B'])}p",
         f"Plan B is {fig(pence['A'] - pence['B'])}p per GB cheaper ({fig(pence['B'])}p against "
         f"{fig(pence['A'])}p)."),
        ((f"£{plans['B'][0] - plans['A'][0]}", "compared the monthly prices"),
         (f"Plan B is {fig(F(100 * (plans['B'][0] - plans['A'][0]), plans['B'][1] - plans['A'][1]))}p per GB "
          "cheaper.", "divided the price difference by the data difference"))))
    return cases


def yes_nos() -> list[Case]:
    cases = []

    movers, piano, limit = [82, 95, 77, 104, 88], 160, 630
    load = sum(movers) + piano
    assert load <= limit < load + 40
    cases.append(Case(
        f"The goods lift's maximum load is {limit} kg. Five removal men weighing "
        f"{series([str(m) for m in movers])} kg get in with a {piano} kg piano.",
        "Is the load within the lift's limit?",
        ("Yes", f"Yes: {sum(movers)} kg of people plus the {piano} kg piano is {load} kg, under the {limit} kg limit."),
        (("No", "flipped yes/no"),
         (f"No: together they weigh {load + 40} kg, over the {limit} kg limit.", "arithmetic slip"))))

    allowed, bag = (55, 40, 20), (54, 41, 19)
    over = [(b, a) for b, a in zip(bag, allowed, strict=True) if b > a]
    assert len(over) == 1 and sum(bag) <= sum(allowed)
    cases.append(Case(
        "Cabin bags may measure at most {} × {} × {} cm. Rosa's bag measures {} × {} × {} cm.".format(*allowed, *bag),
        "Does Rosa's bag meet the cabin size limit?",
        ("No", f"No: it is {over[0][0]} cm wide, {over[0][0] - over[0][1]} cm over the {over[0][1]} cm limit."),
        (("Yes", "flipped yes/no"),
         (f"Yes: its sides add up to {sum(bag)} cm, within the {sum(allowed)} cm allowed.",
          "compared the sum of the sides"))))

    bought, months, broke = date(2022, 8, 12), 24, date(2024, 9, 3)
    ends = date(bought.year + months // 12, bought.month, bought.day)
    assert broke > ends
    cases.append(Case(
        f"The dishwasher was bought on {day(bought)} with a {months}-month warranty. It broke down on {day(broke)}.",
        "Was the dishwasher still under warranty when it broke down?",
        ("No", f"No, the warranty ended on {day(ends)}, {(broke - ends).days} days before it broke."),
        (("Yes", "flipped yes/no"),
         (f"Yes, it broke within {words(months // 12)} years of purchase.", "miscounted the months"))))

    rating, born, show = 15, date(2009, 11, 20), date(2024, 11, 25)
    birthday = date(show.year, born.month, born.day)
    assert full_years(born, show) >= rating and birthday <= show
    cases.append(Case(
        f"The film is rated {rating}. Ana was born on {day(born)} and has a ticket for {day(show)}.",
        f"Is Ana old enough to see a film rated {rating}?",
        ("Yes", f"Yes, she turned {rating} on {born.day} {born:%B}, {(show - birthday).days} days before the "
                "screening."),
        (("No", "flipped yes/no"),
         (f"No, she is still {rating - 1}.", "counted her age wrongly"))))

    budget, per_head, diners, dj = 1500, 38, 36, 150
    dinner = per_head * diners
    assert dinner <= budget < dinner + dj
    cases.append(Case(
        f"The club has £{fig(budget)} for its end-of-season dinner. The venue charges £{per_head} a head and "
        f"{diners} people have signed up; the DJ costs £{dj}.",
        "Can the club pay for the dinner and the DJ within its budget?",
        ("No", f"No: {diners} × £{per_head} = £{fig(dinner)}, plus £{dj} for the DJ, comes to £{fig(dinner + dj)}, "
               f"£{dinner + dj - budget} over budget."),
        (("Yes", "flipped yes/no"),
         (f"Yes, the dinner costs £{fig(dinner)}, within the £{fig(budget)}.", "left out the DJ"))))

    zone, limit_kmh, seconds = D("4.8"), 60, 4 * 60 + 30
    speed = F(zone) * 3600 / seconds
    assert speed > limit_kmh > F(zone) * 60 / 5
    cases.append(Case(
        f"The average-speed camera zone is {zone} km long with a limit of {limit_kmh} km/h. A van passed through "
        f"it in {seconds // 60} minutes {seconds % 60} seconds.",
        "Did the van keep within the speed limit through the zone?",
        ("No", f"No, it averaged {fig(speed)} km/h over the {zone} km zone."),
        (("Yes", "flipped yes/no"),
         (f"Yes, it averaged about {fig(F(zone) * 60 / 5)} km/h.", "rounded the time to five minutes"))))

    present, voted_for, needed = 120, 81, F(2, 3)
    assert voted_for >= present * needed and voted_for < present * F(3, 4)
    cases.append(Case(
        f"A motion passes if at least two thirds of the members present vote for it. {present} members were "
        f"present and {voted_for} voted for the motion.",
        "Did the motion pass?",
        ("Yes", f"Yes: {voted_for} votes is more than the {present * needed} needed."),
        (("No", "flipped yes/no"),
         (f"No, {voted_for} is short of the {present * F(3, 4)} votes needed.",
          "took three quarters, not two thirds"))))
    return cases


def times_of_day() -> list[Case]:
    cases = []

    leaves, journey, stop = at(7, 48), at(4, 27), 20
    arrives = leaves + journey
    cases.append(Case(
        f"The coach leaves Bristol at {clock(leaves)}; the journey to Cambridge takes {hours_min(journey)}, "
        f"including a {stop}-minute stop at Oxford.",
        "What time does the coach reach Cambridge?",
        (clock(arrives), f"It arrives at {clock12(arrives)}."),
        ((clock(arrives + stop), "added the stop again"),
         (f"It arrives at {clock12(arrives - 60)}.", "off by an hour"))))

    carve, roast, rest = at(17), at(3, 40), 30
    into_oven = carve - roast - rest
    cases.append(Case(
        f"The turkey needs {roast // 60} hours {roast % 60} minutes in the oven and must then rest for {rest} "
        f"minutes before carving. The family wants to carve at {clock(carve)}.",
        "By what time must the turkey go into the oven?",
        (clock(into_oven), f"By {clock12(into_oven)}, so it can roast and rest before carving at {clock12(carve)}."),
        ((clock(carve - roast), "forgot the resting time"),
         (f"By {clock12(carve + roast)}, so it can roast and rest before carving.",
          "added the times instead of subtracting"))))

    start, shift = at(19, 30), at(12, 30)
    cases.append(Case(
        f"Nurse Obi's night shift starts at {clock(start)} and lasts {fig(F(shift, 60), 1)} hours, including two "
        "30-minute breaks.",
        "At what time does the shift end?",
        (clock(start + shift), f"At {clock12(start + shift)} the next morning."),
        ((clock(start + at(12)), "dropped the half hour"),
         (f"At {clock12(start + at(12, 50))} the next morning.", "read 12.5 hours as 12 h 50 min"))))

    london, new_york, tokyo = at(16), -5, 9
    cases.append(Case(
        f"A video call is set for {clock(london)} London time. New York is {-new_york} hours behind London and "
        f"Tokyo {tokyo} hours ahead.",
        "What time is the call in New York?",
        (clock(london + at(new_york)), f"{clock12(london + at(new_york))} in New York."),
        ((clock(london - at(new_york)), "added the difference instead of subtracting"),
         (f"{clock12(london + at(tokyo))} in New York.", "used Tokyo's offset"))))

    weekday_open, hours_open, sunday_open = at(9, 30), at(8, 45), at(11)
    cases.append(Case(
        f"On weekdays the shop opens at {clock12(weekday_open)} and stays open for {hours_open // 60} hours "
        f"{hours_open % 60} minutes. On Sundays it opens at {clock12(sunday_open)}.",
        "What time does the shop close on weekdays?",
        (clock12(weekday_open + hours_open), f"It closes at {clock(weekday_open + hours_open)} on weekdays."),
        ((clock12(sunday_open + hours_open), "used the Sunday opening time"),
         (f"It closes at {clock(weekday_open + hours_open - 60)} on weekdays.", "off by an hour"))))

    bought, valid, back = at(10, 52), at(3), at(14, 5)
    expired = back - (bought + valid)
    assert expired > 0
    cases.append(Case(
        f"Ella bought a {valid // 60}-hour car park ticket at {clock(bought)} and got back to the car at "
        f"{clock(back)}.",
        "How many minutes had the ticket been expired when she got back?",
        (f"{expired} minutes", f"It ran out at {clock(bought + valid)}, {expired} minutes before she got back."),
        ((hours_min(back - bought), "gave the whole time away"),
         (f"It ran out at {clock(bought + valid)}, {expired + 10} minutes before she got back.", "arithmetic slip"))))

    first, every = at(22, 15), at(6)
    third = first + 2 * every
    cases.append(Case(
        f"Take one tablet every {every // 60} hours, and no more than four in 24 hours. The first tablet was taken "
        f"at {clock(first)}.",
        "When is the third tablet due?",
        (clock(third), f"At {clock12(third)} the next morning, {2 * every // 60} hours after the first."),
        ((clock(first + 3 * every), "counted three intervals"),
         (f"At {clock12(first + every)} the next morning.", "gave the second tablet's time"))))
    return cases


SCENARIOS = {"sum": sums, "difference": differences, "count": counts, "date_difference": date_differences,
             "unit_conversion": unit_conversions, "rounding": roundings, "percentage": percentages, "rate": rates,
             "average": averages, "fraction": fractions, "comparison": comparisons, "yes_no": yes_nos,
             "time_of_day": times_of_day}
assert tuple(SCENARIOS) == KINDS


def build() -> list[dict]:
    rows = []
    for kind, scenarios in SCENARIOS.items():
        for i, case in enumerate(scenarios()):
            answers = [(case.right[0], 0, None), (case.right[1], 0, None),
                       (case.wrong[0][0], 1, case.wrong[0][1]), (case.wrong[1][0], 1, case.wrong[1][1])]
            for n, (response, label, error) in enumerate(answers):
                rows.append({"id": f"heldout-{kind}-{i}-{n}", "source": "lmgate/computed-heldout", "task": "qa",
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
