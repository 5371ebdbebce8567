"""Write the seventh held-out set of computed answers (sums, dates, units, rates, yes/no, …).

Run: `.venv/bin/python scripts/make_computed_heldout7.py [--out computed_heldout7.jsonl]`
(JSON lines on stdout without `--out`). The benchmark imports this file and calls `build()`.

Why it exists: the `grounding` detector has been tuned on the earlier sets, so its figures on them
flatter it. This set was written apart from the detector: its author did not open
`src/lmgate/hallucination/`, the `tests/hallucination*` files, `scripts/fit_grounding.py` or the
bodies of the earlier `scripts/make_computed_*.py` (only the docstring and imports of the sixth, for
the style and the domains to avoid), did not run the detector or the benchmark on these rows, and
did not look at any benchmark result for computed answers.

Shape: 13 kinds x 4 scenarios x (3 correct + 3 wrong answers) = 312 rows, all `split: test`.

Domains (none used by an earlier set): a food bank, a craft brewery, a data centre, a call centre,
a quarry, a marina, an orchard, a community radio station, a dental clinic, a pharmacy, an escape
room, a chess club, a seed bank, a backpackers' hostel, a self-storage site, a translation agency, a
bike courier firm, a tyre fitter, a garden centre, an event caterer, a bus depot, a commercial
laundry, a removals firm, a mushroom farm, a museum shop, a climbing wall, a florist, a wind farm, a
print shop, a shipping container yard, a taxi firm, a hand car wash, a bowling alley, a dog groomer,
a fish and chip shop, an archery club, a pottery kiln, an allotment society, a cattery, a
bookbinder, a hair salon, a comic shop, a blacksmith's forge, a repair café, a spa's sauna, a
tailor, a farmers' market, a zoo's tropical aviary, a kayak hire, a tea room, a sheep-shearing gang
and a painter-decorator.

Contexts read like what users paste into an LLM app: intake logs, invoices, shift reports, emails,
booking lists, notices and meeting notes, with figures the question does not need and mixed number
formats (1,250; 2.3k; "twelve"; 45%; £12.50; 07:45; 14 March 2026 / 2026-03-14). Correct answers
vary in form: a bare figure, a sentence, a worked step ("a + b = c, so ..."), number words, a hedge
("roughly", "just over"), another unit than the context's, a yes/no with its reason, a pick with its
figure. Wrong answers carry the mistakes people and models make: a term left out, a distractor
added, the wrong operation or operand, a unit not converted (or converted with the wrong factor),
truncating instead of rounding, both ends of a date range counted (or not, when the range is
inclusive), month lengths wrong, the rest given for the part, a swapped comparison, a flipped
yes/no, an arithmetic slip, a percentage of the wrong base, an average over the wrong count, and a
12/24-hour clock slip.

Every figure in a context or an answer is computed here from the scenario's variables (Decimal,
Fraction, datetime; rounding half up), every correct answer is asserted to equal the true value at
the precision it shows, and every wrong answer to differ from it at the precision it shows.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

SOURCE = "lmgate/computed-heldout7"
KINDS = (
    "sum", "difference", "count", "date_difference", "unit_conversion", "rounding", "percentage",
    "rate", "average", "fraction", "comparison", "yes_no", "time_of_day",
)  # fmt: skip

D = Decimal


def q(value: Decimal | int | Fraction, places: int = 0) -> Decimal:
    """Round half up to `places` decimals (negative: to tens, hundreds, ...)."""
    if isinstance(value, Fraction):
        value = D(value.numerator) / D(value.denominator)
    return D(value).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


def cut(value: Decimal | Fraction, places: int = 0) -> Decimal:
    """Truncate to `places` decimals: the mistake of dropping digits instead of rounding."""
    if isinstance(value, Fraction):
        value = D(value.numerator) / D(value.denominator)
    return D(value).quantize(D(1).scaleb(-places), rounding=ROUND_DOWN)


def num(value: Decimal | int) -> str:
    """1234.5 -> '1,234.5'; a rounded-to-hundreds Decimal prints in full ('18,500')."""
    return f"{D(value):,f}"


def gbp(value: Decimal | int) -> str:
    return f"£{q(value, 2):,f}"


_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def words(n: int) -> str:
    """British number words up to 999,999 ('three thousand five hundred and twenty-three')."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    rest = n % 1000
    joiner = "" if rest == 0 else (" and " if rest < 100 else " ")
    return words(n // 1000) + " thousand" + joiner + ("" if rest == 0 else words(rest))


_ORDINALS = {2: "half", 3: "third", 4: "quarter", 8: "eighth", 16: "sixteenth", 20: "twentieth"}


def fraction_words(f: Fraction) -> str:
    """3/8 -> 'three eighths' (for the denominators this set uses)."""
    name = _ORDINALS[f.denominator]
    return f"{words(f.numerator)} {name}{'' if f.numerator == 1 else 's'}"


def money_words(value: Decimal) -> str:
    """54.40 -> 'fifty-four pounds forty'."""
    pounds, pence = divmod(int(q(value, 2) * 100), 100)
    return f"{words(pounds)} pounds" + (f" {words(pence)}" if pence else "")


def listing(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def long_date(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def day_date(d: date) -> str:
    """'Monday 2 March'."""
    return f"{d:%A} {d.day} {d:%B}"


def short_date(d: date) -> str:
    return f"{d.day} {d:%b}"


def hhmm(t: time) -> str:
    return f"{t:%H:%M}"


def clock12(t: time) -> str:
    """15:20 -> '3:20 pm'."""
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'am' if t.hour < 12 else 'pm'}"


def at(t: time, minutes: int | Decimal | Fraction) -> time:
    """The clock time `minutes` after `t` (same day)."""
    start = datetime.combine(date(2026, 1, 1), t)
    return (start + timedelta(minutes=float(minutes))).time()


def minutes_between(a: time, b: time) -> int:
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


def _same(shown: object, truth: object) -> bool:
    """Whether an answer's value equals the truth at the precision the answer shows."""
    if isinstance(shown, tuple):
        assert isinstance(truth, tuple) and len(shown) == len(truth), (shown, truth)
        return all(s is None or _same(s, t) for s, t in zip(shown, truth, strict=True))
    if isinstance(shown, bool) or isinstance(truth, bool):
        return shown == truth
    if isinstance(shown, int):
        shown = D(shown)
    if isinstance(shown, Decimal) and isinstance(truth, (Decimal, int, Fraction)):
        exponent = shown.as_tuple().exponent
        assert isinstance(exponent, int)
        return q(truth, -exponent) == shown
    return shown == truth


def scenario(
    kind: str,
    name: str,
    question: str,
    context: str,
    truth: object,
    right: list[tuple[str, object]],
    wrong: list[tuple[str, object, str]],
) -> list[dict]:
    """Six rows of one scenario, after checking each answer's value against the truth."""
    assert kind in KINDS, kind
    assert len(right) == 3 and len(wrong) == 3, (kind, name)
    answers: list[tuple[str, object, str | None]] = [(t, v, None) for t, v in right]
    answers += wrong
    rows = []
    for n, (response, shown, error) in enumerate(answers, start=1):
        agrees = _same(shown, truth)
        if error is None:
            assert agrees, f"{kind}/{name}#{n}: correct answer shows {shown!r}, truth {truth!r}"
        else:
            assert not agrees, f"{kind}/{name}#{n}: wrong answer equals the truth {truth!r}"
        rows.append(
            {
                "id": f"heldout7-{kind}-{name}-{n}",
                "source": SOURCE,
                "task": "qa",
                "kind": kind,
                "question": question,
                "context": context.strip("\n"),
                "response": response,
                "label": 0 if error is None else 1,
                "error": error,
                "split": "test",
            }
        )
    return rows


# ---------------------------------------------------------------- sum


def sum_food_bank() -> list[dict]:
    mon, wed, sat = 148, 1075, 2300
    parcels, volunteers = 312, 27
    total = mon + wed + sat
    context = f"""
Westgate Food Bank - intake log, week 11
Mon 9 Mar: {mon} tins, 36 kg dried pasta, 12 packs of nappies
Wed 11 Mar: {num(wed)} tins, 18 kg dried pasta
Sat 14 Mar: {sat / 1000}k tins (primary school harvest drive), 41 kg dried pasta
Volunteers on shift this week: {volunteers}. Food parcels handed out: {parcels}.
"""
    return scenario(
        "sum", "food-bank", "How many tins came in across the three intake days?", context, total,
        [
            (f"{num(total)} tins.", total),
            (f"{mon} + {num(wed)} + {num(sat)} = {num(total)}, so just over three and a half "
             "thousand tins.", total),
            (f"{words(total).capitalize()} tins were logged.", total),
        ],
        [
            (f"{num(mon + wed)} tins ({mon} on Monday and {num(wed)} on Wednesday).", mon + wed,
             "left out Saturday's 2.3k tins"),
            (f"{num(total + parcels)} tins in total.", total + parcels,
             "added the 312 parcels handed out"),
            (f"{mon} + {num(wed)} + 230 = {num(mon + wed + 230)} tins.", mon + wed + 230,
             "read 2.3k as 230"),
        ],
    )  # fmt: skip


def sum_brewery() -> list[dict]:
    cascade, citra, fuggles = D("12.5"), D("7.25"), D("4.75")
    malt = 25
    total = cascade + citra + fuggles
    assert total % 1 == D("0.5")  # the answer "... and a half kilos" relies on it
    context = f"""
INVOICE HB-20418 - Hop & Barley Merchants Ltd
To: Kestrel Lane Brewery, Unit 4
  Cascade pellets (T90)   {cascade} kg  @ £14.20/kg
  Citra pellets (T90)     {citra} kg  @ £22.90/kg
  Fuggles whole leaf      {fuggles} kg  @ £11.60/kg
  Maris Otter malt        1 x {malt} kg sack  @ £31.00
  Delivery                £18.00
VAT at 20% applies to all lines. Payment due within 30 days.
"""
    return scenario(
        "sum", "brewery", "I need the combined weight of hops on this invoice.", context, total,
        [
            (f"{total.normalize()} kg of hops.", total),
            (f"About {words(int(total))} and a half kilos ({cascade} + {citra} + {fuggles}).", total),
            (f"{num(q(total * 1000))} g in all.", total),
        ],
        [
            (f"{(cascade + citra).normalize()} kg (Cascade plus Citra).", cascade + citra,
             "left out the Fuggles"),
            (f"{(total + malt).normalize()} kg, counting everything on the invoice.", total + malt,
             "added the 25 kg sack of malt, which is not hops"),
            (f"{cascade} + {citra} + {fuggles} = {(total - 1).normalize()} kg", total - 1, "arithmetic slip"),
        ],
    )  # fmt: skip


def sum_data_centre() -> list[dict]:
    row_a, row_b, row_c, cooling = D("42.6"), D("38.15"), D("51"), D("31")
    total = row_a + row_b + row_c
    context = f"""
From: facilities@northgate-dc.example
Subject: Hall 2 power - weekly readings

Hi all, readings at 08:00 today (14/03/2026):
- Row A: {row_a} kW IT load (22 racks)
- Row B: {row_b} kW IT load (19 racks)
- Row C: {row_c} kW IT load (24 racks)
- CRAC units (cooling): {cooling} kW
PUE for the month so far is 1.4. Generator test is moved to Thursday.
"""
    return scenario(
        "sum", "data-centre", "Work out the total IT load across rows A to C.", context, total,
        [
            (f"{total} kW", total),
            (f"Roughly {q(total)} kW of IT load.", q(total)),
            (f"{row_a} + {row_b} + {row_c} = {total} kW, or about {q(total / 1000, 2)} MW.",
             total),
        ],
        [
            (f"{total + cooling} kW including the CRAC units.", total + cooling,
             "added the cooling load, which is not IT load"),
            (f"{row_a + row_c} kW (rows A and C).", row_a + row_c, "left out row B"),
            (f"{row_a} + 38.5 + {row_c} = {row_a + D('38.5') + row_c} kW",
             row_a + D("38.5") + row_c, "misread row B's 38.15 as 38.5"),
        ],
    )  # fmt: skip


def sum_call_centre() -> list[dict]:
    early, late, night, abandoned = 1482, 967, 214, 88
    total = early + late + night
    context = f"""
Daily shift report - Customer Helpline, Friday 13 March 2026
Early shift (07:00-15:00): {num(early)} calls answered, service level 82%
Late shift (15:00-23:00): {late} calls answered, service level 77%
Night shift (23:00-07:00): {night} calls answered
Abandoned calls (all shifts): {abandoned}
Average handle time: 6m 20s. Agents on rota: forty-one.
"""
    return scenario(
        "sum", "call-centre", "What was the day's total of answered calls?", context, total,
        [
            (num(total), total),
            (f"{num(early)} + {late} + {night} = {num(total)} answered calls.", total),
            (f"Just under {q(D(total) / 1000, 1)}k ({num(total)}).", total),
        ],
        [
            (f"{num(total + abandoned)} calls.", total + abandoned,
             "added the abandoned calls, which were not answered"),
            (f"{num(early + late)} answered calls.", early + late, "left out the night shift"),
            (f"{num(early)} + {late} + {night} = {num(total - 100)}", total - 100,
             "arithmetic slip"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- difference


def difference_quarry() -> list[dict]:
    opening, extracted, hauled = 4820, 1375, 2940
    shrink = hauled - extracted
    closing = opening + extracted - hauled
    context = f"""
Brackenhill Quarry - weighbridge summary, w/e 13 March 2026
Opening stockpile (6F2 crushed):  {num(opening)} t
Extracted and crushed this week:  {num(extracted)} t
Hauled out to customers:          {num(hauled)} t
Lorry movements: 118. Rainfall stopped the crusher on Tuesday afternoon.
"""
    return scenario(
        "difference", "quarry", "By how much did the stockpile shrink this week?", context, shrink,
        [
            (f"{num(shrink)} tonnes", shrink),
            (f"{num(hauled)} hauled - {num(extracted)} extracted = {num(shrink)} t down.", shrink),
            (f"By about {q(D(shrink) / 1000, 1)} thousand tonnes.", q(shrink, -2)),
        ],
        [
            (f"{num(closing)} tonnes.", closing,
             "gave the closing stockpile instead of the change"),
            (f"It went down by {num(hauled)} t.", hauled,
             "ignored the tonnage extracted during the week"),
            (f"{num(hauled)} + {num(extracted)} = {num(hauled + extracted)} t",
             hauled + extracted, "added instead of subtracting"),
        ],
    )  # fmt: skip


def difference_marina() -> list[dict]:
    berths, annual, visitor, repair = 260, 187, 31, 14
    diff = annual - visitor
    context = f"""
Harbourmaster's notes - Pier Point Marina, season 2026
Total berths: {berths}
Let on annual contracts: {annual}
Reserved for visitors: {visitor}
Out of use (pontoon D repairs until May): {repair}
Fuel berth open 08:00-18:00. Pump-out charge £12.50.
"""
    return scenario(
        "difference", "marina", "How many more annual berths than visitor berths are there?",
        context, diff,
        [
            (str(diff), diff),
            (f"{annual} - {visitor} = {diff} more annual berths.", diff),
            (f"{words(diff).capitalize()} more.", diff),
        ],
        [
            (f"{berths - annual} more.", berths - annual,
             "subtracted the annual berths from the total instead of the visitor berths"),
            (f"{annual} - {visitor} - {repair} = {diff - repair}", diff - repair,
             "also took off the berths under repair"),
            (f"{diff + 10} more annual berths.", diff + 10, "arithmetic slip"),
        ],
    )  # fmt: skip


def difference_orchard() -> list[dict]:
    last, this, windfalls = 3412, 2875, 640
    drop = last - this
    context = f"""
Meeting notes - Long Acre Orchard, 12 March 2026
Apple harvest (crates picked): 2025: {num(last)}; 2026: {num(this)}
Windfalls gathered for juicing in 2026 (not crated): {windfalls}
Frost on 28 April cost us most of the Bramley blossom. Pickers hired: 14.
Action: Sam to price replacement ladders.
"""
    return scenario(
        "difference", "orchard",
        "How much lower was this year's crate count than last year's? (This year is 2026.)",
        context, drop,
        [
            (f"{drop} crates fewer.", drop),
            (f"{num(last)} - {num(this)} = {drop}", drop),
            (f"Down by {words(drop)} crates.", drop),
        ],
        [
            (f"{num(last)} - {num(this)} = {drop + 100} crates.", drop + 100, "arithmetic slip"),
            (f"It wasn't lower: {num(this)} + {windfalls} = {num(this + windfalls)}, so 2026 is "
             f"{this + windfalls - last} crates up.", this + windfalls - last,
             "added the windfalls, which were not crated"),
            (f"{num(last - (this - windfalls))} crates lower.", last - (this - windfalls),
             "subtracted the windfalls from this year's crates"),
        ],
    )  # fmt: skip


def difference_radio() -> list[dict]:
    q1, q2, q3 = 48300, 51200, 50650
    rise = q2 - q1
    context = f"""
Riverside Community Radio - audience figures (weekly reach)
Q1 2025: {num(q1)}   avg hours per listener 7.4
Q2 2025: {q2 / 1000}k    avg hours per listener 6.9
Q3 2025: {num(q3)}   avg hours per listener 7.1
Board note: the breakfast show moved to 06:30 in April.
"""
    return scenario(
        "difference", "radio", "Reach went up between Q1 and Q2 - by how many listeners?",
        context, rise,
        [
            (num(rise), rise),
            (f"{num(q2)} - {num(q1)} = {num(rise)} more listeners a week.", rise),
            (f"Up by roughly {words(int(q(rise, -3)))}.", q(rise, -3)),
        ],
        [
            (f"{num(q2)} - {num(q3)} = {q2 - q3}", q2 - q3, "compared Q2 with Q3, not Q1"),
            (f"{num(rise + 1000)} listeners.", rise + 1000, "arithmetic slip"),
            (f"It rose by {num(51020 - q1)}.", 51020 - q1, "read 51.2k as 51,020"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- count


def count_dental() -> list[dict]:
    tuesday = [
        ("09:00", "R. Okafor", "check-up", "attended"),
        ("09:30", "L. Brennan", "hygienist", "attended"),
        ("10:00", "M. Iqbal", "filling", "cancelled"),
        ("10:45", "J. Novak", "check-up", "DNA"),
        ("11:15", "P. Sandhu", "crown fit", "attended"),
        ("13:30", "E. Walsh", "check-up", "attended"),
        ("14:00", "T. Moreau", "extraction", "cancelled"),
        ("14:45", "A. Lindqvist", "hygienist", "attended"),
        ("15:30", "C. Adeyemi", "check-up", "attended"),
    ]
    wednesday = [
        ("09:00", "H. Dunne", "check-up", "attended"),
        ("09:30", "F. Rossi", "filling", "attended"),
    ]
    attended = sum(1 for row in tuesday if row[3] == "attended")
    dna = sum(1 for row in tuesday if row[3] == "DNA")
    cancelled = sum(1 for row in tuesday if row[3] == "cancelled")
    wed_attended = sum(1 for row in wednesday if row[3] == "attended")
    lines = "\n".join(f"{t}  {who:<13} {what:<11} {status}" for t, who, what, status in tuesday)
    wed_lines = "\n".join(f"{t}  {who:<13} {what:<11} {status}" for t, who, what, status in wednesday)
    context = f"""
Brook Street Dental - Surgery 2 day list (DNA = did not attend)
Tuesday 10 March 2026
{lines}
Wednesday 11 March 2026
{wed_lines}
"""
    return scenario(
        "count", "dental", "How many patients actually attended on Tuesday?", context, attended,
        [
            (str(attended), attended),
            (f"{words(attended).capitalize()} - the other {len(tuesday) - attended} were "
             f"{words(cancelled)} cancellations and {words(dna)} DNA.", attended),
            (f"{attended} patients attended on Tuesday 10 March.", attended),
        ],
        [
            (f"{len(tuesday)} patients.", len(tuesday),
             "counted every booking, including cancellations and the DNA"),
            (f"{attended + wed_attended} attended.", attended + wed_attended,
             "included Wednesday's patients"),
            (f"{attended + dna} patients came in.", attended + dna,
             "counted the did-not-attend as attended"),
        ],
    )  # fmt: skip


def count_pharmacy() -> list[dict]:
    queue = [
        ("RX-5521", "ready"), ("RX-5522", "collected"), ("RX-5523", "awaiting stock"),
        ("RX-5524", "ready"), ("RX-5525", "ready"), ("RX-5526", "collected"),
        ("RX-5527", "ready"), ("RX-5528", "awaiting stock"), ("RX-5529", "collected"),
        ("RX-5530", "ready"), ("RX-5531", "collected"), ("RX-5532", "ready"),
    ]  # fmt: skip
    ready = sum(1 for _, s in queue if s == "ready")
    collected = sum(1 for _, s in queue if s == "collected")
    awaiting = sum(1 for _, s in queue if s == "awaiting stock")
    lines = "\n".join(f"{rx}: {status}" for rx, status in queue)
    context = f"""
Meadow Pharmacy - repeat prescriptions, Thursday 12/03/2026 (export from PMR)
{lines}
Note: the amoxicillin delivery is expected tomorrow before 10am.
"""
    return scenario(
        "count", "pharmacy", "How many prescriptions are ready and still waiting to be collected?",
        context, ready,
        [
            (f"{ready} prescriptions are ready for collection.", ready),
            (words(ready).capitalize(), ready),
            (f"{ready} ({listing([rx for rx, s in queue if s == 'ready'])}).", ready),
        ],
        [
            (f"{ready + awaiting} are waiting.", ready + awaiting,
             "added the ones still awaiting stock"),
            (f"{ready + collected} prescriptions.", ready + collected,
             "counted the collected ones too"),
            (f"{ready - 1} are ready to collect.", ready - 1, "miscounted the list"),
        ],
    )  # fmt: skip


def count_escape_room() -> list[dict]:
    bookings = [
        ("Sat 14 Mar", "10:00", "The Vault", 4), ("Sat 14 Mar", "11:30", "Lost Temple", 6),
        ("Sat 14 Mar", "13:00", "The Vault", 5), ("Sat 14 Mar", "14:30", "The Vault", 3),
        ("Sat 14 Mar", "16:00", "Lost Temple", 4), ("Sat 14 Mar", "17:30", "The Vault", 6),
        ("Sun 15 Mar", "11:00", "The Vault", 4), ("Sun 15 Mar", "13:00", "Lost Temple", 2),
    ]  # fmt: skip
    sat_vault = [b for b in bookings if b[0].startswith("Sat") and b[2] == "The Vault"]
    groups = len(sat_vault)
    players = sum(b[3] for b in sat_vault)
    with_sunday = sum(1 for b in bookings if b[2] == "The Vault")
    sat_all = sum(1 for b in bookings if b[0].startswith("Sat"))
    lines = "\n".join(f"{d} {t} | {room} | {n} players" for d, t, room, n in bookings)
    context = f"""
Bookings export - Locked In Escape Rooms (weekend)
{lines}
Reminder: The Vault's keypad battery needs changing before Saturday.
"""
    return scenario(
        "count", "escape-room", "How many groups are booked into The Vault on Saturday?", context,
        groups,
        [
            (f"{groups} groups.", groups),
            (f"{words(groups).capitalize()} ({listing([b[1] for b in sat_vault])}).", groups),
            (f"There are {groups} Vault bookings on Saturday 14 March.", groups),
        ],
        [
            (f"{players} groups.", players, "added up players instead of counting groups"),
            (f"{with_sunday} bookings for The Vault.", with_sunday, "included Sunday's booking"),
            (f"{sat_all} groups on Saturday.", sat_all, "counted the Lost Temple bookings too"),
        ],
    )  # fmt: skip


def count_chess() -> list[dict]:
    members = [
        ("Anand K.", 1912, ""), ("Beth O.", 1800, ""), ("Carl W.", 1764, ""),
        ("Dana M.", 2011, ""), ("Eric S.", 1855, "lapsed"), ("Fay T.", 1799, ""),
        ("Gus P.", 1830, ""), ("Hana Y.", 1650, "junior"), ("Ivo R.", 1800, ""),
    ]  # fmt: skip
    current = [m for m in members if m[2] != "lapsed"]
    at_least = sum(1 for m in current if m[1] >= 1800)
    above = sum(1 for m in current if m[1] > 1800)
    with_lapsed = sum(1 for m in members if m[1] >= 1800)
    lines = "\n".join(f"{n:<9} {r}" + (f"  ({note})" if note else "") for n, r, note in members)
    context = f"""
Hi Jo, here's the grading list for the county team selection (ECF standard, March 2026):
{lines}
Lapsed = hasn't paid the 2026 sub, so can't be picked. Match is on 28/03 at 7.30pm.
"""
    return scenario(
        "count", "chess", "How many current members are rated 1800 or above?", context, at_least,
        [
            (str(at_least), at_least),
            (f"{words(at_least).capitalize()} current members are on 1800 or more.", at_least),
            (f"{at_least} - {listing([m[0].split()[0] for m in current if m[1] >= 1800])} "
             f"(Eric has lapsed).", at_least),
        ],
        [
            (f"{above} members.", above, "used 'above 1800', leaving out the two on exactly 1800"),
            (f"{with_lapsed} are 1800+.", with_lapsed, "counted the lapsed member"),
            (f"{at_least + 1}, counting Fay on 1799.", at_least + 1,
             "counted a 1799 rating as 1800 or above"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- date_difference


def date_seed_bank() -> list[dict]:
    collected, received, tested = date(2026, 2, 17), date(2026, 2, 24), date(2026, 4, 6)
    days = (tested - collected).days
    feb_as_30 = days + 2
    context = f"""
Accession record - Downland Seed Bank
Accession: DSB-2026-0142  Species: Pulsatilla vulgaris (pasqueflower)
Collected in the field: {collected.isoformat()}
Received at the bank:   {received.isoformat()}
Dried to 15% RH, 1,850 seeds counted, cleaned weight 3.2 g
Germination test started: {tested.isoformat()} (50 seeds, 20 degrees C, 8h light)
"""
    return scenario(
        "date_difference", "seed-bank",
        "How many days passed between collection and the start of the germination test?",
        context, days,
        [
            (f"{days} days.", days),
            (f"{words(days).capitalize()} days (just under seven weeks).", days),
            (f"From {long_date(collected)} to {long_date(tested)} is {days} days.", days),
        ],
        [
            (f"{days + 1} days, counting both dates.", days + 1,
             "counted both the collection day and the test day"),
            (f"{feb_as_30} days.", feb_as_30, "took February 2026 as 30 days"),
            (f"{(tested - received).days} days.", (tested - received).days,
             "counted from the date received, not the collection date"),
        ],
    )  # fmt: skip


def date_hostel() -> list[dict]:
    booked, check_in, check_out = date(2026, 3, 14), date(2026, 3, 27), date(2026, 4, 2)
    nights = (check_out - check_in).days
    context = f"""
Booking confirmation #HB77310 - Harbour Lights Backpackers
Booked on: {booked:%a} {booked.day} {booked:%b %Y}
Guest: M. Kowalczyk, 1 bed in 8-bed mixed dorm
Check-in: {day_date(check_in)} {check_in.year} (from 15:00)
Check-out: {day_date(check_out)} {check_out.year} (by 10:30)
Price per night £24.00, breakfast £4.50 extra. Free cancellation up to 48 hours before arrival.
"""
    march_30 = nights - 1
    return scenario(
        "date_difference", "hostel", "How many nights is the booking for?", context, nights,
        [
            (f"{nights} nights.", nights),
            (f"{words(nights).capitalize()} nights, {short_date(check_in)} to "
             f"{short_date(check_out)}.", nights),
            (f"{check_in.day} March to {check_out.day} April: {32 - check_in.day} nights in March "
             f"plus {check_out.day - 1} in April = {nights}.", nights),
        ],
        [
            (f"{nights + 1} nights.", nights + 1, "counted the check-out day as a night"),
            (f"{march_30} nights.", march_30, "took March as 30 days"),
            (f"{(check_out - booked).days} nights.", (check_out - booked).days,
             "counted from the booking date, not check-in"),
        ],
    )  # fmt: skip


def date_self_storage() -> list[dict]:
    start, end = date(2026, 6, 1), date(2026, 8, 31)
    days = (end - start).days + 1
    months_as_30 = 3 * 30
    june_july = (date(2026, 8, 1) - start).days
    context = f"""
Dear Ms Achterberg,
Thank you for choosing SafeBox Self Storage. Your 50 sq ft unit (C-118) is reserved from
{long_date(start)} to {long_date(end)} inclusive, charged per day at £1.35 + VAT.
Your padlock code is 4471. Gate hours: 06:00-22:00, 7 days. Insurance cover up to £5,000.
Kind regards, the SafeBox team
"""
    return scenario(
        "date_difference", "self-storage", "For how many days will the unit be charged?",
        context, days,
        [
            (f"{days} days.", days),
            (f"June (30) + July (31) + August (31) = {days} days, counting both ends.", days),
            (f"{words(days).capitalize()} days.", days),
        ],
        [
            (f"{days - 1} days.", days - 1,
             "subtracted the dates, leaving out a day of an inclusive range"),
            (f"Three months at 30 days = {months_as_30} days.", months_as_30,
             "took every month as 30 days"),
            (f"{june_july} days.", june_july, "left out August"),
        ],
    )  # fmt: skip


def date_translation() -> list[dict]:
    quoted, received, due = date(2026, 1, 21), date(2026, 1, 28), date(2026, 3, 3)
    days = (due - received).days
    feb_as_30 = days + 2
    context = f"""
Job ticket TA-3391 - Lingua Bridge Translations
Client: Hartmann Maschinenbau GmbH    Language pair: DE > EN
Quote sent: {quoted:%d/%m/%Y}   Word count: 18,400   Rate: £0.095/word
Files received (job start): {received:%d/%m/%Y}
Delivery deadline: {due:%d/%m/%Y}
Translator: R. Ferreira. Reviewer: K. Obi (needs 3 working days).
"""
    return scenario(
        "date_difference", "translation",
        "From the job start, how many calendar days are there until the delivery deadline?",
        context, days,
        [
            (f"{days} calendar days.", days),
            (f"{31 - received.day} days left in January, 28 in February, {due.day} in March: "
             f"{days} days.", days),
            (f"{words(days).capitalize()} days.", days),
        ],
        [
            (f"{feb_as_30} days.", feb_as_30, "took February as 30 days"),
            (f"{days + 1} days.", days + 1, "counted both the start date and the deadline"),
            (f"{(due - quoted).days} days.", (due - quoted).days,
             "counted from the quote date, not the job start"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- unit_conversion

KM_PER_MILE = D("1.609344")
BAR_PER_PSI = D("0.0689476")
LITRES_PER_UK_GALLON = D("4.54609")
LITRES_PER_US_GALLON = D("3.785411784")


def units_bike_courier() -> list[dict]:
    rider7, rider4 = D("42.45"), D("38.9")
    miles = rider7 / KM_PER_MILE
    context = f"""
Zip Couriers - Thursday 12 March 2026, rider summary (from the GPS app)
Rider 4: {rider4} km, 31 drops, 2 failed
Rider 7: {rider7} km, 27 drops, 0 failed
Rider 9: 51.0 km, 35 drops, 1 failed (cargo bike)
Longest single leg: Rider 9, 8.6 km to the hospital lab.
"""
    return scenario(
        "unit_conversion", "bike-courier", "Convert rider 7's Thursday distance to miles.",
        context, miles,
        [
            (f"About {q(miles, 1)} miles.", q(miles, 1)),
            (f"{rider7} / 1.609 = {q(miles, 2)} miles", q(miles, 2)),
            (f"Just over {words(int(q(miles)))} miles.", q(miles)),
        ],
        [
            (f"{rider7} miles.", rider7, "did not convert the kilometres"),
            (f"{rider7} x 1.609 = {q(rider7 * KM_PER_MILE, 1)} miles", q(rider7 * KM_PER_MILE, 1),
             "multiplied by the conversion factor instead of dividing"),
            (f"About {q(rider4 / KM_PER_MILE, 1)} miles.", q(rider4 / KM_PER_MILE, 1),
             "converted rider 4's distance"),
        ],
    )  # fmt: skip


def units_tyre_fitter() -> list[dict]:
    front, rear = 36, 42
    bar = front * BAR_PER_PSI
    kpa = bar * 100
    context = f"""
JOB CARD 11862 - QuickFit Tyres, Bay 2
Vehicle: 2019 Skoda Octavia estate, reg. KX19 ***
Fitted: 2 x 205/55 R16 91V (front), balanced, new valves
Pressures (handbook, normal load): front {front} psi, rear {rear} psi. Wheel nuts torqued to 120 Nm.
Tread on rears: 3.1 mm - advised replacement within 6 months.
"""
    return scenario(
        "unit_conversion", "tyre-fitter",
        "The customer's gauge reads in bar. What should the front tyres be set to?", context, bar,
        [
            (f"{q(bar, 1)} bar.", q(bar, 1)),
            (f"About {q(bar, 2)} bar ({front} psi x 0.0689).", q(bar, 2)),
            (f"{front} psi is roughly {q(kpa)} kPa, i.e. {q(bar, 2)} bar.", q(bar, 2)),
        ],
        [
            (f"{q(kpa)} bar.", q(kpa), "gave the kilopascal figure as bar"),
            (f"{front} x 14.5 = {q(front * D('14.5'))} bar", q(front * D("14.5")),
             "multiplied by 14.5 instead of dividing"),
            (f"{q(rear * BAR_PER_PSI, 1)} bar.", q(rear * BAR_PER_PSI, 1),
             "converted the rear pressure, not the front"),
        ],
    )  # fmt: skip


def units_garden_centre() -> list[dict]:
    big, small = 210, 100
    gallons = big / LITRES_PER_UK_GALLON
    context = f"""
Shelf label - Greenfingers Garden Centre, aisle 7
Slimline water butt, {big} litres, with tap and lid - £49.99
Compact water butt, {small} litres - £29.99
Diverter kit (fits 65-68 mm downpipes) sold separately - £12.50
Stand raises butt 40 cm for easier can filling.
"""
    return scenario(
        "unit_conversion", "garden-centre",
        f"How many UK gallons does the {big}-litre butt hold?", context, gallons,
        [
            (f"About {q(gallons)} gallons.", q(gallons)),
            (f"{q(gallons, 1)} UK gallons.", q(gallons, 1)),
            (f"{big} / 4.546 = {q(gallons, 2)}, so a little over {words(int(q(gallons)))} "
             "gallons.", q(gallons, 2)),
        ],
        [
            (f"{q(big / LITRES_PER_US_GALLON, 1)} gallons.", q(big / LITRES_PER_US_GALLON, 1),
             "used US gallons, not UK gallons"),
            (f"{big} x 4.546 = {q(big * LITRES_PER_UK_GALLON, 1)} gallons",
             q(big * LITRES_PER_UK_GALLON, 1), "multiplied instead of dividing"),
            (f"{q(small / LITRES_PER_UK_GALLON, 1)} gallons.", q(small / LITRES_PER_UK_GALLON, 1),
             "converted the 100-litre butt"),
        ],
    )  # fmt: skip


def units_caterer() -> list[dict]:
    lamb, bread = 180, 220
    fahrenheit = D(lamb) * 9 / 5 + 32
    context = f"""
Hi Dev - running order for the Okonjo wedding (Sat 21 March), 140 guests:
- Slow-roast lamb shoulders: oven at {lamb} C (fan), 4.5 hours, rest 30 min
- Flatbreads: {bread} C, 8 minutes a batch
- Rice: 85 g per guest, cooked in 3 batches
The venue's kitchen ovens are American, dials in Fahrenheit only.
"""
    return scenario(
        "unit_conversion", "caterer",
        "What Fahrenheit setting should the oven be on for the lamb?", context, fahrenheit,
        [
            (f"{q(fahrenheit)} F", q(fahrenheit)),
            (f"{lamb} x 9/5 + 32 = {q(fahrenheit)} degrees F.", q(fahrenheit)),
            (f"{words(int(fahrenheit)).capitalize()} degrees Fahrenheit.", q(fahrenheit)),
        ],
        [
            (f"{lamb} x 9/5 = {q(D(lamb) * 9 / 5)} F", q(D(lamb) * 9 / 5), "left out the + 32"),
            (f"{lamb} x 5/9 + 32 = {q(D(lamb) * 5 / 9 + 32)} F", q(D(lamb) * 5 / 9 + 32),
             "used the Fahrenheit-to-Celsius factor the wrong way round"),
            (f"{q(D(bread) * 9 / 5 + 32)} F", q(D(bread) * 9 / 5 + 32),
             "converted the flatbread temperature"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- rounding


def rounding_bus_depot() -> list[dict]:
    diesel, adblue = D("18476.4"), D("1238.5")
    context = f"""
Eastfield Bus Depot - fuel & fluids, week ending Sunday 15 March 2026
Diesel drawn from bulk tank: {num(diesel)} L
AdBlue drawn: {num(adblue)} L
Buses in service: 64 (6 off road). Fleet mileage: 92,310 km.
Bulk tank delivery booked for 17/03, 30,000 L.
"""
    nearest_100 = q(diesel, -2)
    return scenario(
        "rounding", "bus-depot",
        "Round the week's diesel to the nearest hundred litres for the board report.", context,
        diesel,
        [
            (f"{num(nearest_100)} L", nearest_100),
            (f"{q(diesel / 1000, 1)} thousand litres.", nearest_100),
            (f"About {num(nearest_100)} litres ({num(diesel)} rounds up).", nearest_100),
        ],
        [
            (f"{num(cut(diesel, -2))} L", cut(diesel, -2), "truncated instead of rounding"),
            (f"{num(q(diesel, -3))} L", q(q(diesel, -3), -2),
             "rounded to the nearest thousand, not hundred"),
            (f"{num(q(diesel + adblue, -2))} L", q(diesel + adblue, -2), "added the AdBlue"),
        ],
    )  # fmt: skip


def rounding_laundry() -> list[dict]:
    mon, tue, wed = D("11.48"), D("12.63"), D("14.62")
    context = f"""
Spotless Commercial Laundry - client weigh-in log (client: Grand Parade Hotel)
Mon 09/03  load 1: {mon} kg  (sheets, towels)
Tue 10/03  load 1: {tue} kg  (sheets, pillowcases, 18 bathrobes)
Wed 11/03  load 1: {wed} kg  (towels)
Price: £1.85 per kg washed and pressed, billed to the nearest kg per load.
"""
    return scenario(
        "rounding", "laundry", "To the nearest kilogram, how heavy was Tuesday's load?", context,
        tue,
        [
            (f"{q(tue)} kg", q(tue)),
            (f"{tue} kg rounds up to {q(tue)} kg.", q(tue)),
            (f"{words(int(q(tue))).capitalize()} kilos.", q(tue)),
        ],
        [
            (f"{cut(tue)} kg", cut(tue), "truncated instead of rounding"),
            (f"{q(wed)} kg", q(wed), "rounded Wednesday's load"),
            (f"{q(mon + tue + wed)} kg", q(mon + tue + wed), "rounded the total of all three loads"),
        ],
    )  # fmt: skip


def rounding_removals() -> list[dict]:
    rooms = {"Loft": D("4.215"), "Lounge": D("9.8"), "Kitchen": D("6.348"), "Bedrooms": D("7.5")}
    total = sum(rooms.values(), D(0))
    lines = "\n".join(f"  {room:<9} {vol} m3" for room, vol in rooms.items())
    context = f"""
Home survey - Carter & Daughters Removals
Customer: Mrs P. Ngata, 14 Orchard Rise -> 2 Mill Cottages (38 miles)
Volumes by room (surveyor's estimate):
{lines}
  TOTAL     {total} m3
Van: 35 m3 Luton x 1, crew of three. Piano: no. Packing service: kitchen only.
"""
    return scenario(
        "rounding", "removals", "Quote the total volume to one decimal place.", context, total,
        [
            (f"{q(total, 1)} m3", q(total, 1)),
            (f"About {q(total, 1)} cubic metres.", q(total, 1)),
            (f"{total} rounds to {q(total, 1)} m3.", q(total, 1)),
        ],
        [
            (f"{cut(total, 1)} m3", cut(total, 1), "truncated instead of rounding"),
            (f"{q(total - rooms['Loft'], 1)} m3", q(total - rooms["Loft"], 1),
             "left out the loft"),
            (f"{q(total / 10, 1)} m3", q(total / 10, 1), "slipped a decimal place"),
        ],
    )  # fmt: skip


def rounding_mushroom() -> list[dict]:
    week11, week10 = D("3418.648"), D("3386.2")
    context = f"""
Fenland Mushrooms - packhouse tally
Week 10: {num(week10)} kg (chestnut 61%, white 39%)
Week 11: {num(week11)} kg (chestnut 58%, white 42%)
Rejects week 11: 2.4%. Growing rooms in production: 9 of 12.
"""
    three_sf = q(week11, -1)
    return scenario(
        "rounding", "mushroom-farm", "Give week 11's harvest to three significant figures.",
        context, week11,
        [
            (f"{num(three_sf)} kg", three_sf),
            (f"About {q(week11 / 1000, 2)} tonnes.", three_sf),
            (f"{num(week11)} kg -> {num(three_sf)} kg (3 s.f.)", three_sf),
        ],
        [
            (f"{num(cut(week11, -1))} kg", cut(week11, -1), "truncated instead of rounding"),
            (f"{num(q(week10, -1))} kg", q(week10, -1), "rounded week 10's figure"),
            (f"{q(week11 / 1000, 2)} kg", q(week11 / 1000, 2),
             "gave the tonnes figure with kg as the unit"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- percentage


def percent_museum_shop() -> list[dict]:
    items = {"exhibition catalogue": (2, D("22.50")), "tea towel": (1, D("8.00")), "mug": (1, D("11.00"))}
    basket = sum((n * price for n, price in items.values()), D(0))
    member, staff = 15, 25
    pays = basket * (100 - member) / 100
    context = f"""
Till note - Museum of the Moors shop
Basket: {", ".join(f"{n} x {item} @ {gbp(price)}" for item, (n, price) in items.items())}
Subtotal: {gbp(basket)}
Discounts: Friends of the Museum (members) {member}%, staff {staff}%. Not valid on gift aid tickets.
Customer shows Friends card no. 20817.
"""
    return scenario(
        "percentage", "museum-shop", "What does the member pay for this basket?", context, pays,
        [
            (gbp(pays), q(pays, 2)),
            (f"{member}% of {gbp(basket)} is {gbp(basket * member / 100)}, so {gbp(pays)}.", q(pays, 2)),
            (f"{money_words(pays).capitalize()} ({gbp(pays)}).", q(pays, 2)),
        ],
        [
            (gbp(basket * member / 100), q(basket * member / 100, 2),
             "gave the discount, not the price paid"),
            (gbp(basket * (100 - staff) / 100), q(basket * (100 - staff) / 100, 2),
             "applied the staff discount"),
            (f"{gbp(basket)} - {gbp(basket * member / 100)} = {gbp(pays + D('0.20'))}",
             q(pays + D("0.20"), 2), "arithmetic slip"),
        ],
    )  # fmt: skip


def percent_climbing_wall() -> list[dict]:
    january, renewed, joiners = 420, 357, 48
    share = D(renewed) * 100 / january
    context = f"""
Committee update - Overhang Climbing Wall
Members at 31 January: {january}
Of those, renewed by 28 February: {renewed}
New joiners in February: {joiners}
Route setting: 22 new problems on the bouldering wall. Auto-belay 3 back in service.
"""
    return scenario(
        "percentage", "climbing-wall", "What percentage of January's members renewed?", context,
        share,
        [
            (f"{q(share)}%", q(share)),
            (f"{renewed} / {january} = {q(share / 100, 2)}, so {q(share)} per cent.", q(share)),
            (f"{words(int(q(share))).capitalize()} per cent.", q(share)),
        ],
        [
            (f"{q(100 - share)}%", q(100 - share), "gave the share that lapsed"),
            (f"{renewed} / ({january} + {joiners}) = {q(D(renewed) * 100 / (january + joiners))}%",
             q(D(renewed) * 100 / (january + joiners)), "added February's joiners to the base"),
            (f"{q(D(january) * 100 / renewed)}%", q(D(january) * 100 / renewed),
             "divided the wrong way round"),
        ],
    )  # fmt: skip


def percent_florist() -> list[dict]:
    bought, wilted, sold = 1240, 97, 1102
    waste = D(wilted) * 100 / bought
    context = f"""
Petal & Stem - stock sheet, Mother's Day week
Stems bought in: {num(bought)} (roses, tulips, freesias, eucalyptus)
Stems sold: {num(sold)}
Wilted / damaged and binned: {wilted}
Buckets cleaned: twelve. Van mileage: 146.
"""
    return scenario(
        "percentage", "florist", "What share of the stems bought in was wasted?", context, waste,
        [
            (f"{q(waste, 1)}%", q(waste, 1)),
            (f"About {q(waste, 1)} per cent ({wilted} of {num(bought)}).", q(waste, 1)),
            (f"Roughly {q(waste)}%.", q(waste)),
        ],
        [
            (f"{q(D(wilted) * 100 / sold, 1)}%", q(D(wilted) * 100 / sold, 1),
             "used stems sold as the base"),
            (f"{q(100 - waste, 1)}%", q(100 - waste, 1), "gave the share not wasted"),
            (f"{wilted} / 1,000 = {q(D(wilted) / 10, 1)}%", q(D(wilted) / 10, 1),
             "divided by 1,000 instead of 1,240"),
        ],
    )  # fmt: skip


def percent_wind_farm() -> list[dict]:
    feb, mar = 4150, 5208
    rise = D(mar - feb) * 100 / feb
    context = f"""
Monthly ops summary - Hollins Moor Wind Farm (12 turbines, 24 MW)
February: {num(feb)} MWh exported, availability 97.2%
March: {num(mar)} MWh exported, availability 98.6%
Turbine 7 gearbox inspection booked for 2 April. Curtailment hours in March: 31.
"""
    return scenario(
        "percentage", "wind-farm", "By what percentage did exports rise from February to March?",
        context, rise,
        [
            (f"{q(rise, 1)}%", q(rise, 1)),
            (f"About a quarter ({q(rise)}%).", q(rise)),
            (f"({num(mar)} - {num(feb)}) / {num(feb)} = {q(rise, 1)}%", q(rise, 1)),
        ],
        [
            (f"{q(D(mar - feb) * 100 / mar, 1)}%", q(D(mar - feb) * 100 / mar, 1),
             "used March as the base"),
            (f"{q(D(mar) * 100 / feb, 1)}%", q(D(mar) * 100 / feb, 1),
             "gave March as a percentage of February, not the rise"),
            (f"{q(rise - 1, 1)}%", q(rise - 1, 1), "arithmetic slip"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- rate


def rate_print_shop() -> list[dict]:
    good, spoiled = 3600, 240
    start, end = time(9, 10), time(10, 25)
    minutes = minutes_between(start, end)
    per_min = D(good) / minutes
    context = f"""
Press log - Inkwell Print, Heidelberg SM52 #2
Job 4471: A5 flyers, 4/4, 170gsm silk
Run started {hhmm(start)}, finished {hhmm(end)}
Good flyers: {num(good)}   Spoiled (make-ready and wash-up): {spoiled}
Plates changed: 2. Next job: 500 business cards, 350gsm.
"""
    return scenario(
        "rate", "print-shop", "What was the run's rate in good flyers per minute?", context,
        per_min,
        [
            (f"{q(per_min)} flyers per minute.", q(per_min)),
            (f"{num(good)} / {minutes} min = {q(per_min)} a minute.", q(per_min)),
            (f"{words(int(per_min)).capitalize()} a minute, or {num(q(per_min * 60))} an hour.",
             q(per_min)),
        ],
        [
            (f"{q(D(good + spoiled) / minutes, 1)} per minute.",
             q(D(good + spoiled) / minutes, 1), "counted the spoils as good flyers"),
            (f"{num(good)} / 85 = {q(D(good) / 85, 1)} a minute", q(D(good) / 85, 1),
             "took the run as 85 minutes"),
            (f"{num(good)} / 60 = {q(D(good) / 60)} per minute", q(D(good) / 60),
             "took the run as an hour"),
        ],
    )  # fmt: skip


def rate_container_yard() -> list[dict]:
    shift_hours, break_hours, crane3, crane4 = 8, 1, 238, 221
    working = shift_hours - break_hours
    rate = D(crane3) / working
    context = f"""
Berth 2 shift summary - Felsmouth Container Terminal
Shift: 07:00-15:00, one hour's break (crane idle 11:00-12:00)
Crane 3: {crane3} moves (TEU handled: 391)
Crane 4: {crane4} moves (TEU handled: 362)
Vessel: MSC ALDA, 1,140 moves planned, ETD Sunday 06:00.
"""
    return scenario(
        "rate", "container-yard", "Work out crane 3's moves per working hour.", context, rate,
        [
            (f"{q(rate)} moves an hour.", q(rate)),
            (f"{crane3} / {working} working hours = {q(rate)}.", q(rate)),
            (f"{words(int(rate)).capitalize()} per hour.", q(rate)),
        ],
        [
            (f"About {q(D(crane3) / shift_hours, 1)} an hour.", q(D(crane3) / shift_hours, 1),
             "divided by the full 8 hours, break included"),
            (f"{q(D(crane4) / working, 1)} moves per hour.", q(D(crane4) / working, 1),
             "used crane 4's moves"),
            (f"{crane3} / {working} = {q(rate) + 2}", q(rate) + 2, "arithmetic slip"),
        ],
    )  # fmt: skip


def rate_taxi() -> list[dict]:
    fare, fee, miles, km = D("23.40"), D("2.50"), D("7.8"), D("12.55")
    per_mile = (fare - fee) / miles
    context = f"""
Receipt - Apex Cars, booking ref 55102
Pickup 22:41 Station Road -> 9 Larch Close
Distance: {miles} miles ({km} km)   Waiting time: 0 min
Fare: {gbp(fare)} (includes {gbp(fee)} booking fee)
Paid by card. Driver: 118. Tip: none.
"""
    return scenario(
        "rate", "taxi", "What's the per-mile rate, leaving out the booking fee?", context, per_mile,
        [
            (f"{gbp(per_mile)} a mile.", q(per_mile, 2)),
            (f"({gbp(fare)} - {gbp(fee)}) / {miles} = {gbp(per_mile)} per mile.", q(per_mile, 2)),
            (f"About {q(per_mile * 100)}p per mile.", q(per_mile, 2)),
        ],
        [
            (f"{gbp(fare / miles)} a mile.", q(fare / miles, 2), "left the booking fee in"),
            (f"{gbp((fare - fee) / km)} per mile.", q((fare - fee) / km, 2),
             "divided by the kilometres"),
            (f"{gbp(per_mile - D('0.10'))} per mile.", q(per_mile - D("0.10"), 2),
             "arithmetic slip"),
        ],
    )  # fmt: skip


def rate_car_wash() -> list[dict]:
    sat_open, sat_close, sat_cars = time(9, 0), time(17, 30), 153
    sun_open, sun_close, sun_cars = time(10, 0), time(16, 0), 96
    sat_hours = D(minutes_between(sat_open, sat_close)) / 60
    sun_hours = D(minutes_between(sun_open, sun_close)) / 60
    rate = sat_cars / sat_hours
    context = f"""
Sparkle Hand Car Wash - weekend takings
Saturday: open {hhmm(sat_open)}-{hhmm(sat_close)}, {sat_cars} cars, £1,684 taken
Sunday: open {hhmm(sun_open)}-{hhmm(sun_close)}, {sun_cars} cars, £1,032 taken
Staff: 5 on Saturday, 4 on Sunday. Valet upgrades sold: 23.
"""
    return scenario(
        "rate", "car-wash", "How many cars an hour did Saturday average?", context, rate,
        [
            (f"{q(rate)} cars an hour.", q(rate)),
            (f"{sat_cars} / {sat_hours.normalize()} h = {q(rate)}", q(rate)),
            (f"{words(int(q(rate))).capitalize()} per hour, about one every "
             f"{q(60 / rate, 1)} minutes.", q(rate)),
        ],
        [
            (f"About {q(D(sat_cars) / 8)} an hour.", q(D(sat_cars) / 8),
             "took 09:00-17:30 as 8 hours"),
            (f"{q(sun_cars / sun_hours)} cars an hour.", q(sun_cars / sun_hours),
             "worked out Sunday's rate"),
            (f"{sat_cars + sun_cars} / {(sat_hours + sun_hours).normalize()} = "
             f"{q((sat_cars + sun_cars) / (sat_hours + sun_hours))}",
             q((sat_cars + sun_cars) / (sat_hours + sun_hours)),
             "averaged over the whole weekend"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- average


def average_bowling() -> list[dict]:
    scores = {"Priya": 142, "Tom": 118, "Aisha": 167, "Ben": 99}
    total = sum(scores.values())
    mean = D(total) / len(scores)
    ordered = sorted(scores.values())
    median = D(ordered[1] + ordered[2]) / 2
    without_ben = D(total - scores["Ben"]) / 3
    lines = "  ".join(f"{name} {score}" for name, score in scores.items())
    context = f"""
Strikers Bowling - lane 6, game 1 (Fri 13/03, 19:40)
{lines}  Max (bumpers, not scored)
Shoe hire x 5. Game 2 started 20:25. Party package: 2 games + pizza, £14.95 per head.
"""
    return scenario(
        "average", "bowling", "What's the mean score for lane 6's first game?", context, mean,
        [
            (str(mean), mean),
            (f"{total} / {len(scores)} = {mean}", mean),
            (f"About {q(mean)}.", q(mean)),
        ],
        [
            (f"{total} / 5 = {q(D(total) / 5, 1)}", q(D(total) / 5, 1),
             "divided by five, counting Max, who was not scored"),
            (f"{q(without_ben, 1)}", q(without_ben, 1), "left out Ben's score"),
            (f"{q(median)}", q(median), "gave the median, not the mean"),
        ],
    )  # fmt: skip


def average_dog_groomer() -> list[dict]:
    days = {"Mon": 9, "Tue": 11, "Wed": None, "Thu": 14, "Fri": 12, "Sat": 16}
    open_days = {d: n for d, n in days.items() if n is not None}
    total = sum(open_days.values())
    mean = D(total) / len(open_days)
    lines = "\n".join(f"{d}: {'closed (staff training)' if n is None else n}" for d, n in days.items())
    no_sat = D(total - days["Sat"]) / (len(open_days) - 1)
    context = f"""
Waggy Tails Grooming - appointments, week of 9 March 2026
{lines}
Full grooms made up about 60% of the week. Two cancellations were rebooked for next week.
"""
    return scenario(
        "average", "dog-groomer",
        "Across the days we were open, what's the average number of appointments a day?",
        context, mean,
        [
            (str(mean), mean),
            (f"{total} appointments over {len(open_days)} open days = {mean} a day.", mean),
            (f"Just over {words(int(mean))} a day.", q(mean)),
        ],
        [
            (f"{q(D(total) / len(days), 1)} a day.", q(D(total) / len(days), 1),
             "averaged over six days, counting the closed Wednesday"),
            (f"{mean + 1} a day.", mean + 1, "arithmetic slip"),
            (f"{q(no_sat, 1)}", q(no_sat, 1), "left out Saturday"),
        ],
    )  # fmt: skip


def average_chip_shop() -> list[dict]:
    takings = {
        "Mon": D("412.60"), "Tue": D("388.15"), "Wed": D("455.00"), "Thu": D("502.35"),
        "Fri": D("1120.80"),
    }  # fmt: skip
    mon_thu = [takings[d] for d in ("Mon", "Tue", "Wed", "Thu")]
    mean = sum(mon_thu, D(0)) / 4
    lines = "\n".join(f"{d}  {gbp(v)}" for d, v in takings.items())
    context = f"""
The Golden Fry - till Z-readings, week 11
{lines}
Sat: closed for the fryer service. Fish price up 40p from Monday 16th.
"""
    return scenario(
        "average", "chip-shop", "What were the average daily takings from Monday to Thursday?",
        context, mean,
        [
            (gbp(mean), q(mean, 2)),
            (f"About £{num(q(mean, -1))} a day.", q(mean, -1)),
            (f"({' + '.join(str(v) for v in mon_thu)}) / 4 = {gbp(mean)}", q(mean, 2)),
        ],
        [
            (gbp(sum(takings.values(), D(0)) / 5), q(sum(takings.values(), D(0)) / 5, 2),
             "included Friday"),
            (gbp(sum(mon_thu, D(0)) / 5), q(sum(mon_thu, D(0)) / 5, 2),
             "divided the four days' total by five"),
            (f"£{cut(mean, 2)}", cut(mean, 2), "truncated the pence instead of rounding"),
        ],
    )  # fmt: skip


def average_archery() -> list[dict]:
    ends = [48, 52, 45, 57, 50, 54]
    arrows_per_end = 6
    total = sum(ends)
    per_arrow = D(total) / (len(ends) * arrows_per_end)
    assert per_arrow % 1 == D("0.5")  # the answer "... and a half" relies on it
    context = f"""
Score sheet - Kingsmead Bowmen, Portsmouth round practice, 60 cm face at 20 yd
Archer: L. Haworth (recurve)
End totals: {", ".join(str(e) for e in ends)}   ({arrows_per_end} arrows per end)
Golds: 11. Hits: all. Next club shoot: Sunday 22/03, 10am.
"""
    return scenario(
        "average", "archery", "What was the average score per arrow?", context, per_arrow,
        [
            (str(per_arrow), per_arrow),
            (f"{total} over {len(ends) * arrows_per_end} arrows = {per_arrow} per arrow.",
             per_arrow),
            (f"{words(int(per_arrow)).capitalize()} and a half.", per_arrow),
        ],
        [
            (f"{D(total) / len(ends)} per arrow.", D(total) / len(ends),
             "gave the average per end"),
            (f"{total - 10} / 36 = {q(D(total - 10) / 36, 1)}", q(D(total - 10) / 36, 1),
             "slipped adding the end totals"),
            (f"{total} / 30 = {q(D(total) / 30, 1)}", q(D(total) / 30, 1),
             "took five arrows per end"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- fraction


def frac(f: Fraction) -> str:
    return f"{f.numerator}/{f.denominator}"


def fraction_kiln() -> list[dict]:
    loaded, cracked, glaze = 48, 6, 3
    share = Fraction(cracked, loaded)
    context = f"""
Kiln log - Riverside Pottery Studio, electric kiln 2
Firing 118 (glaze, cone 6), loaded Wed 11/03, unloaded Fri 13/03
Pieces loaded: {loaded}
Cracked: {cracked}   Glaze faults (crawling/pinholes): {glaze}
Peak temp 1,222 C, 30 min hold. Elements due for replacement after ~40 more firings.
"""
    return scenario(
        "fraction", "kiln", "What fraction of the load cracked?", context, share,
        [
            (frac(share), share),
            (f"{fraction_words(share).capitalize()}.", share),
            (f"{cracked} of {loaded}, i.e. {frac(share)} ({q(share * 100, 1)}%).", share),
        ],
        [
            (frac(Fraction(cracked + glaze, loaded)), Fraction(cracked + glaze, loaded),
             "counted the glaze faults as cracks"),
            (frac(1 - share), 1 - share, "gave the share that did not crack"),
            (f"{cracked}/{loaded - cracked} = {frac(Fraction(cracked, loaded - cracked))}",
             Fraction(cracked, loaded - cracked), "used the uncracked pieces as the base"),
        ],
    )  # fmt: skip


def fraction_allotment() -> list[dict]:
    plots, let, notice = 64, 52, 4
    vacant = Fraction(plots - let, plots)
    context = f"""
Minutes - Hill End Allotment Society AGM, 7 March 2026
Secretary reported: {plots} full plots on site, {let} let for 2026.
{notice} of the let plots are under a non-cultivation notice.
Waiting list: 23 names. Water troughs to be turned on 1 April. Rent stays at £38 a plot.
"""
    return scenario(
        "fraction", "allotment", "What fraction of the plots are vacant?", context, vacant,
        [
            (frac(vacant), vacant),
            (f"{plots - let} of {plots} plots, which is {fraction_words(vacant)}.", vacant),
            (f"{frac(vacant)} (about {q(vacant * 100)}%).", vacant),
        ],
        [
            (frac(1 - vacant), 1 - vacant, "gave the fraction let"),
            (f"{plots - let}/{let} = {frac(Fraction(plots - let, let))}",
             Fraction(plots - let, let), "used the let plots as the base"),
            (frac(Fraction(plots - let + notice, plots)), Fraction(plots - let + notice, plots),
             "counted the plots under notice as vacant"),
        ],
    )  # fmt: skip


def fraction_cattery() -> list[dict]:
    pens, closed, occupied = 22, 2, 17
    share = Fraction(occupied, pens - closed)
    context = f"""
Whiskers Rest Cattery - Friday board, 13/03
Pens: {pens} (heated, with run)
Closed for deep clean after ringworm case: {closed}
Occupied tonight: {occupied}. Arrivals tomorrow: 3. Departures tomorrow: 5.
Vet visit booked Monday for the Siamese in pen 9.
"""
    return scenario(
        "fraction", "cattery", "What fraction of the pens in use are occupied tonight?", context,
        share,
        [
            (frac(share), share),
            (f"{occupied} of the {pens - closed} usable pens, {q(share * 100)}%.", share),
            (f"{fraction_words(share).capitalize()}.", share),
        ],
        [
            (frac(Fraction(occupied, pens)), Fraction(occupied, pens),
             "counted the closed pens as in use"),
            (frac(1 - share), 1 - share, "gave the fraction empty"),
            (frac(Fraction(pens - closed, pens)), Fraction(pens - closed, pens),
             "gave the share of pens in use, not the share occupied"),
        ],
    )  # fmt: skip


def fraction_bookbinder() -> list[dict]:
    books, per_book, spares, sewn = 40, 6, 10, 90
    signatures = books * per_book
    share = Fraction(sewn, signatures)
    context = f"""
Email from Ruth (bindery), Thursday:
"Progress on the poetry edition - {books} copies, {per_book} signatures each, so {signatures}
signatures to sew, plus {spares} spare signatures printed in case of spoilage. I've sewn {sewn}
so far. Linen for the covers arrived today; headbands are on back order till the 20th."
"""
    return scenario(
        "fraction", "bookbinder", "What fraction of the signatures has Ruth sewn?", context, share,
        [
            (frac(share), share),
            (f"{sewn} of {signatures} = {fraction_words(share)}.", share),
            (f"{frac(share)}, or {q(share * 100, 1)}%.", share),
        ],
        [
            (frac(1 - share), 1 - share, "gave the fraction still to sew"),
            (f"{sewn}/{signatures + spares} = {frac(Fraction(sewn, signatures + spares))}",
             Fraction(sewn, signatures + spares), "added the spare signatures to the total"),
            (f"Roughly a third ({sewn} of {signatures}).", Fraction(1, 3),
             "called 3/8 a third"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- comparison


def comparison_hair_salon() -> list[dict]:
    a_name, a_tube, a_delivery = "Colour Direct", D("5.90"), D("9.50")
    b_name, b_box = "Lustre Supplies", D("71.50")
    boxes, per_box = 3, 12
    a_cost = boxes * per_box * a_tube + a_delivery
    b_cost = boxes * b_box
    assert b_cost < a_cost < b_cost + a_delivery  # leaving out delivery flips the pick
    context = f"""
Quotes for permanent colour tubes (60 ml), salon order for April:
1) {a_name}: {gbp(a_tube)} per tube, sold in boxes of {per_box}, delivery {gbp(a_delivery)} per order
2) {b_name}: {gbp(b_box)} per box of {per_box}, free delivery over £50
We need {boxes} boxes. Developer (1 litre) is £6.25 from either. Trade account with both.
"""
    return scenario(
        "comparison", "hair-salon",
        "Which supplier is cheaper for our order, and what would it cost?", context,
        (b_name, b_cost),
        [
            (f"{b_name}, {gbp(b_cost)}.", (b_name, q(b_cost, 2))),
            (f"{b_name}: {boxes} x {gbp(b_box)} = {gbp(b_cost)}, against {a_name}'s "
             f"{boxes * per_box} x {gbp(a_tube)} + {gbp(a_delivery)} delivery = {gbp(a_cost)}.",
             (b_name, q(b_cost, 2))),
            (f"{b_name} is cheaper, by {gbp(a_cost - b_cost)}, at {gbp(b_cost)}.",
             (b_name, q(b_cost, 2))),
        ],
        [
            (f"{a_name}: {gbp(boxes * per_box * a_tube)} for {boxes} boxes.",
             (a_name, q(boxes * per_box * a_tube, 2)), "left out the delivery charge"),
            (f"{a_name} - {gbp(a_tube)} a tube against {gbp(b_box)}.", (a_name, None),
             "compared a tube price with a box price"),
            (f"{b_name}, {gbp(b_box)}.", (b_name, q(b_box, 2)),
             "gave one box's price as the cost of the order"),
        ],
    )  # fmt: skip


def comparison_comic_shop() -> list[dict]:
    starfall, saints = [14, 9, 22, 11], [18, 12, 8, 15]
    april_starfall, april_saints = 3, 7
    s_total, i_total = sum(starfall), sum(saints)
    assert s_total > i_total and s_total + april_starfall < i_total + april_saints
    weeks = ("w/c 2 Mar", "w/c 9 Mar", "w/c 16 Mar", "w/c 23 Mar")
    lines = "\n".join(
        f"{w:<10} Starfall {s:>2}   Iron Saints {i:>2}" for w, s, i in zip(weeks, starfall, saints, strict=True)
    )
    context = f"""
Panel Beaters Comics - weekly sell-through (copies), from the POS
{lines}
w/c 30 Mar Starfall {april_starfall:>2}   Iron Saints {april_saints:>2}   (week runs into April)
Pull-list subscribers: Starfall 6, Iron Saints 9. FOC for issue 5 is 24/03.
"""
    margin = s_total - i_total
    return scenario(
        "comparison", "comic-shop", "Which title sold more copies in the four March weeks?",
        context, ("Starfall", margin),
        [
            (f"Starfall, by {margin} copies ({s_total} vs {i_total}).", ("Starfall", margin)),
            (f"Starfall sold more: {' + '.join(map(str, starfall))} = {s_total} against "
             f"{i_total} for Iron Saints.", ("Starfall", margin)),
            (f"Starfall - {words(margin)} more than Iron Saints.", ("Starfall", margin)),
        ],
        [
            (f"Iron Saints, {i_total + april_saints} to {s_total + april_starfall}.",
             ("Iron Saints", i_total + april_saints - s_total - april_starfall),
             "included the week that runs into April"),
            (f"Iron Saints, {s_total} to {i_total}.", ("Iron Saints", margin),
             "swapped the two titles' totals"),
            (f"Starfall, by {margin + 10} copies.", ("Starfall", margin + 10), "arithmetic slip"),
        ],
    )  # fmt: skip


def comparison_forge() -> list[dict]:
    bag_price, bag_kg, tonne_price = D("22.50"), 25, D("830")
    bags_per_tonne = 1000 // bag_kg
    anvil_tonne = bags_per_tonne * bag_price
    margin = anvil_tonne - tonne_price
    wrong_bags = 50
    context = f"""
Hi Tom - coal for the forge, two quotes:
* Anvil Fuels: smithing coal (washed singles) {gbp(bag_price)} per {bag_kg} kg bag, collect only.
* Northern Coke & Coal: same grade, £{tonne_price} per tonne, delivered, 1 tonne minimum.
We get through about 1.5 tonnes a quarter. The course on the 28th needs 4 forges lit.
"""
    return scenario(
        "comparison", "forge", "Per tonne, which supplier is cheaper, and by how much?", context,
        ("Northern Coke & Coal", margin),
        [
            (f"Northern Coke & Coal, by £{q(margin)} a tonne.",
             ("Northern Coke & Coal", q(margin))),
            (f"Anvil works out at {bags_per_tonne} x {gbp(bag_price)} = £{q(anvil_tonne)} a "
             f"tonne, so Northern Coke & Coal at £{tonne_price} is £{q(margin)} cheaper.",
             ("Northern Coke & Coal", q(margin))),
            (f"Northern Coke & Coal (£{tonne_price} against £{q(anvil_tonne)}).",
             ("Northern Coke & Coal", None)),
        ],
        [
            (f"Anvil Fuels - {gbp(bag_price)} against £{tonne_price}.", ("Anvil Fuels", None),
             "compared a bag price with a tonne price"),
            (f"Northern Coke & Coal, by £{q(wrong_bags * bag_price - tonne_price)} a tonne "
             f"({wrong_bags} bags x {gbp(bag_price)} = £{num(q(wrong_bags * bag_price))}).",
             ("Northern Coke & Coal", q(wrong_bags * bag_price - tonne_price)),
             "took a tonne as 50 bags of 25 kg"),
            (f"Anvil Fuels, by £{q(margin)} a tonne.", ("Anvil Fuels", q(margin)),
             "swapped which supplier is cheaper"),
        ],
    )  # fmt: skip


def comparison_repair_cafe() -> list[dict]:
    jan_in, jan_fixed, feb_in, feb_fixed = 38, 27, 45, 29
    jan_rate = D(jan_fixed) * 100 / jan_in
    feb_rate = D(feb_fixed) * 100 / feb_in
    assert jan_rate > feb_rate and feb_fixed > jan_fixed
    context = f"""
Repair Café newsletter draft - St Luke's Hall
January: {jan_in} items brought in, {jan_fixed} fixed (lamps, toasters, 4 bikes, a cuckoo clock)
February: {feb_in} items brought in, {feb_fixed} fixed
Volunteer fixers: 11. Tea and cake raised £86.40 for the hall roof.
Next session: Saturday 28 March, 10:00-13:00.
"""
    return scenario(
        "comparison", "repair-cafe", "Which month had the better fix rate?", context,
        ("January", jan_rate),
        [
            (f"January - {q(jan_rate)}% against {q(feb_rate)}%.", ("January", q(jan_rate))),
            (f"January: {jan_fixed}/{jan_in} is about {q(jan_rate)}%, which beats "
             f"{feb_fixed}/{feb_in}, about {q(feb_rate)}%.", ("January", q(jan_rate))),
            ("January had the better fix rate.", ("January", None)),
        ],
        [
            (f"February - {feb_fixed} items fixed against {jan_fixed}.", ("February", None),
             "compared the counts fixed, not the rates"),
            (f"February, with {q(jan_rate)}% to January's {q(feb_rate)}%.", ("February", None),
             "swapped the two months' rates"),
            (f"January, at {jan_fixed}/{feb_in} = {q(D(jan_fixed) * 100 / feb_in)}%.",
             ("January", q(D(jan_fixed) * 100 / feb_in)),
             "divided January's fixes by February's items"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- yes_no


def yes_no_spa() -> list[dict]:
    limit, booked_6pm, booked_7pm, party = 8, 4, 2, 5
    fits = booked_6pm + party <= limit
    context = f"""
Thermal suite - sauna session sheet, Saturday
Maximum in the sauna at once: {limit} (fire certificate)
18:00 session: {booked_6pm} booked
19:00 session: {booked_7pm} booked
Steam room closed for descaling. Towels £3 hire. Last entry 20:30.
"""
    return scenario(
        "yes_no", "spa", "Can we fit a party of five into the 6pm sauna session?", context, fits,
        [
            (f"No - {booked_6pm} + {party} = {booked_6pm + party}, over the limit of {limit}.",
             False),
            ("No.", False),
            (f"No, only {limit - booked_6pm} places are left in the 6pm session.", False),
        ],
        [
            (f"Yes - {booked_7pm} + {party} = {booked_7pm + party}, within the limit of {limit}.",
             True, "used the 19:00 session's bookings"),
            (f"Yes, {party} is under the limit of {limit}.", True,
             "left out the people already booked"),
            (f"Yes: {booked_6pm} + {party} = {limit}, right at the limit.", True,
             "arithmetic slip"),
        ],
    )  # fmt: skip


def working_days_after(start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def yes_no_tailor() -> list[dict]:
    taken, turnaround, wedding = date(2026, 3, 2), 10, date(2026, 3, 14)
    ready = working_days_after(taken, turnaround)
    on_time = ready <= wedding
    calendar_ready = taken + timedelta(days=turnaround)
    slip_ready = working_days_after(taken, turnaround - 1)
    context = f"""
Order slip - Albion Tailoring & Alterations
Taken: {day_date(taken)} {taken.year}. Customer: D. Mensah, tel. on file
Work: take in jacket 2 cm, shorten sleeves 1.5 cm, taper trousers, new hem.
Turnaround: {turnaround} working days (Mon-Fri). Deposit £40 paid, balance £65.
Customer note: needed for a wedding on {day_date(wedding)}.
"""
    return scenario(
        "yes_no", "tailor", "Will the suit be ready in time for the wedding?", context, on_time,
        [
            (f"No - {words(turnaround)} working days from {day_date(taken)} runs to {day_date(ready)}, "
             f"{words((ready - wedding).days)} days after the wedding.", False),
            ("No.", False),
            (f"No, it won't be ready until {long_date(ready)}.", False),
        ],
        [
            (f"Yes - {words(turnaround)} days after {short_date(taken)} is {short_date(calendar_ready)}.", True,
             "counted calendar days, not working days"),
            (f"Yes, it'll be ready on {day_date(slip_ready)}.", True,
             "miscounted the working days by one"),
            (f"Yes, the wedding is {(wedding - taken).days} days after the order, more than the "
             f"{turnaround} needed.", True, "compared calendar days with working days"),
        ],
    )  # fmt: skip


def yes_no_market() -> list[dict]:
    pitch, power, big_pitch, budget = D(28), D(6), D(45), D(150)
    june = [date(2026, 6, d) for d in range(1, 31)]
    saturdays = sum(1 for d in june if d.weekday() == 5)
    cost = saturdays * (pitch + power)
    within = cost <= budget
    context = f"""
Thornbury Farmers' Market - trader fees 2026 (market every Saturday)
3 m pitch: £{pitch} per market day. 6 m pitch: £{big_pitch} per market day.
Electric hook-up: £{power} per day. Gazebo weights compulsory (15 kg per leg).
Hi - it's Nadia from Wild Garlic Pesto. Our budget for June pitches is £{budget}. We'd want a
3 m pitch with power every Saturday that month.
"""
    return scenario(
        "yes_no", "farmers-market", "Does that stay within Nadia's June budget?", context, within,
        [
            (f"Yes - {saturdays} Saturdays x £{pitch + power} = £{cost}, under £{budget}.", True),
            ("Yes.", True),
            (f"Yes, with £{budget - cost} to spare.", True),
        ],
        [
            (f"No - {saturdays + 1} Saturdays x £{pitch + power} = £{(saturdays + 1) * (pitch + power)}.",
             False, "counted five Saturdays in June 2026, which has four"),
            (f"No: £{big_pitch} + £{power} = £{big_pitch + power} a day, x {saturdays} = "
             f"£{saturdays * (big_pitch + power)}.", False, "priced the 6 m pitch"),
            (f"No, {saturdays} x £{pitch + power} = £{cost + 20}.", False, "arithmetic slip"),
        ],
    )  # fmt: skip


def yes_no_aviary() -> list[dict]:
    low, high = D(22), D(28)
    readings = {
        time(6, 0): D("23.4"), time(10, 0): D("26.1"), time(14, 0): D("28.6"),
        time(18, 0): D("25.0"), time(22, 0): D("21.9"),
    }  # fmt: skip
    daytime = {t: v for t, v in readings.items() if time(6, 0) <= t < time(20, 0)}
    ok = all(low <= v <= high for v in daytime.values())
    peak_time = max(daytime, key=daytime.__getitem__)
    mean = sum(daytime.values(), D(0)) / len(daytime)
    lines = "  ".join(f"{hhmm(t)} {v}" for t, v in readings.items())
    context = f"""
Tropical House (aviary) - keeper's temperature log, Tuesday
Target range {low}-{high} C from 06:00 to 20:00; night setback down to 20 C allowed.
Readings (C): {lines}
Humidity 70-78% all day. Misting system serviced. Two sunbird chicks fledged.
"""
    return scenario(
        "yes_no", "aviary", "Did the daytime readings stay within the target range?", context,
        ok,
        [
            (f"No - the {hhmm(peak_time)} reading of {daytime[peak_time]} C is above {high}.",
             False),
            ("No.", False),
            (f"No, it went {daytime[peak_time] - high} degrees over the maximum at "
             f"{clock12(peak_time).replace(':00', '')}.", False),
        ],
        [
            (f"Yes: the daytime average was {q(mean, 1)} C, inside {low}-{high}.", True,
             "checked the average instead of each reading"),
            (f"Yes - every daytime reading was within {low}-{high} C.", True,
             "missed the reading above the range"),
            (f"Yes, the highest was {readings[time(10, 0)]} C.", True,
             "missed the 14:00 reading"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- time_of_day


def time_kayak() -> list[dict]:
    start, hire_minutes, briefing = time(10, 40), 210, 15
    due = at(start, hire_minutes)
    context = f"""
Booking - Estuary Kayak Hire
Double sit-on-top x 1, {hire_minutes / 60} hour hire, £58 (paid)
Safety briefing at the slipway {briefing} min before your start time.
Start time: {hhmm(start)}. Late returns charged £10 per 15 minutes.
High tide 13:52. Buoyancy aids included; wetsuits £8 extra.
"""
    return scenario(
        "time_of_day", "kayak", "What time is the kayak due back?", context, due,
        [
            (hhmm(due), due),
            (clock12(due), due),
            (f"{hhmm(start)} + {hire_minutes // 60} h {hire_minutes % 60} min = {hhmm(due)}.", due),
        ],
        [
            (hhmm(at(start, 230)), at(start, 230), "read 3.5 hours as 3 h 50 min"),
            (f"{due.hour - 10}:{due.minute:02d} pm", time(due.hour + 2, due.minute),
             "12/24-hour slip: read 14:10 as 4:10 pm"),
            (hhmm(at(start, hire_minutes - briefing)), at(start, hire_minutes - briefing),
             "counted from the safety briefing, not the start"),
        ],
    )  # fmt: skip


def time_tea_room() -> list[dict]:
    today, summer_from = date(2026, 3, 14), date(2026, 3, 29)
    winter_close, summer_close, last_orders = time(17, 15), time(18, 0), 45
    close = winter_close if today < summer_from else summer_close
    last = at(close, -last_orders)
    context = f"""
Notice in the window - The Copper Kettle Tea Room
Open daily from 09:30.
Closing: {hhmm(winter_close)} until {summer_from.day - 1} March, {hhmm(summer_close)} from
{summer_from.day} March (summer hours).
Last orders {last_orders} minutes before closing. Cream tea £8.95. Dogs welcome on the terrace.
(Photo taken {today:%d/%m/%Y}.)
"""
    return scenario(
        "time_of_day", "tea-room", "What time are last orders today (the day of the photo)?",
        context, last,
        [
            (hhmm(last), last),
            (f"{last.hour - 12}.{last.minute:02d} pm", last),
            (f"Closing is {hhmm(close)} until the {summer_from.day - 1}th, so last orders at "
             f"{hhmm(last)}.", last),
        ],
        [
            (hhmm(at(summer_close, -last_orders)), at(summer_close, -last_orders),
             "used the summer closing time"),
            (f"{last.hour - 10}.{last.minute:02d} pm", time(last.hour + 2, last.minute),
             "12/24-hour slip: read 16:30 as 6.30 pm"),
            (hhmm(at(close, -35)), at(close, -35), "took 45 minutes off as 35"),
        ],
    )  # fmt: skip


def time_shearing() -> list[dict]:
    ewes, rams, shearers, per_hour = 540, 60, 3, 30
    start, break_minutes = time(6, 30), 30
    work = Fraction(ewes, shearers * per_hour) * 60
    finish = at(start, work + break_minutes)
    context = f"""
Text from Gareth (shearing gang), Tue:
"Right, Wednesday: {shearers} of us, start {hhmm(start)} sharp. {ewes} ewes in the shed pens.
We average {per_hour} a head an hour. {break_minutes} min breakfast at 9. The {rams} rams can wait
till Thursday. Have the wool sheets and the trailer ready please."
"""
    return scenario(
        "time_of_day", "shearing", "When should the ewes be finished, break included?", context,
        finish,
        [
            (hhmm(finish), finish),
            (f"{finish.hour - 12} pm", finish),
            (f"{ewes} / {shearers * per_hour} = {work / 60} hours, plus the {break_minutes}-minute "
             f"break: {clock12(finish)}.", finish),
        ],
        [
            (hhmm(at(start, work)), at(start, work), "left out the breakfast break"),
            (hhmm(at(start, Fraction(ewes + rams, shearers * per_hour) * 60 + break_minutes)),
             at(start, Fraction(ewes + rams, shearers * per_hour) * 60 + break_minutes),
             "added the rams, which are shorn on Thursday"),
            (f"{ewes} / {shearers * per_hour} = {work / 60 + 1} hours, so "
             f"{hhmm(at(start, work + 60 + break_minutes))}.",
             at(start, work + 60 + break_minutes), "arithmetic slip"),
        ],
    )  # fmt: skip


def time_decorator() -> list[dict]:
    started, finished, recoat, touch_dry = time(9, 45), time(11, 20), 4, 1
    earliest = at(finished, recoat * 60)
    context = f"""
Job notes - H. Clarke Painting & Decorating, 7 Beech Road (kitchen ceiling + walls)
First coat (walls, matt emulsion) started {hhmm(started)}, finished {hhmm(finished)}.
Tin says: touch dry {touch_dry} hour, recoat after {recoat} hours (at 20 C).
Used 3.5 L of the 5 L tin. Customer away from 16:30, key under the pot.
"""
    return scenario(
        "time_of_day", "decorator", "What's the earliest I can start the second coat?", context,
        earliest,
        [
            (hhmm(earliest), earliest),
            (f"{earliest.hour - 12}:{earliest.minute:02d} in the afternoon.", earliest),
            (f"{hhmm(finished)} + {recoat} h = {hhmm(earliest)}.", earliest),
        ],
        [
            (hhmm(at(finished, touch_dry * 60)), at(finished, touch_dry * 60),
             "used the touch-dry time, not the recoat time"),
            (f"{earliest.hour - 10}:{earliest.minute:02d} pm", time(earliest.hour + 2, earliest.minute),
             "12/24-hour slip: read 15:20 as 5:20 pm"),
            (hhmm(at(started, recoat * 60)), at(started, recoat * 60),
             "counted from when the first coat started"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- build

SCENARIOS = (
    sum_food_bank, sum_brewery, sum_data_centre, sum_call_centre,
    difference_quarry, difference_marina, difference_orchard, difference_radio,
    count_dental, count_pharmacy, count_escape_room, count_chess,
    date_seed_bank, date_hostel, date_self_storage, date_translation,
    units_bike_courier, units_tyre_fitter, units_garden_centre, units_caterer,
    rounding_bus_depot, rounding_laundry, rounding_removals, rounding_mushroom,
    percent_museum_shop, percent_climbing_wall, percent_florist, percent_wind_farm,
    rate_print_shop, rate_container_yard, rate_taxi, rate_car_wash,
    average_bowling, average_dog_groomer, average_chip_shop, average_archery,
    fraction_kiln, fraction_allotment, fraction_cattery, fraction_bookbinder,
    comparison_hair_salon, comparison_comic_shop, comparison_forge, comparison_repair_cafe,
    yes_no_spa, yes_no_tailor, yes_no_market, yes_no_aviary,
    time_kayak, time_tea_room, time_shearing, time_decorator,
)  # fmt: skip


def build() -> list[dict]:
    rows = [row for make in SCENARIOS for row in make()]
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for kind in KINDS:
        of_kind = [row for row in rows if row["kind"] == kind]
        assert len(of_kind) == 24, (kind, len(of_kind))
        assert sum(row["label"] for row in of_kind) == 12, kind
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write JSON lines here (default: stdout)")
    args = parser.parse_args(argv)
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in build())
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(lines)
    else:
        sys.stdout.write(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
