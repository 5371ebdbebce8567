"""Write the labelled set of computed answers: answers that follow from the context by arithmetic.

    .venv/bin/python scripts/make_computed_set.py [--out computed_answers.jsonl]

A sum, a difference, a count, a date difference, a unit conversion, a rounding, a percentage, a
rate (product or ratio), a yes/no and a comparison: ten kinds, ten scenarios each. Then nine kinds
of everyday computations, eight scenarios each: totals of priced counts ("two adult tickets and one
child ticket"), fraction words, parts of a list, complements (the rest of a whole or of 100 %),
percentage points against percentage change, times of day, averages, trends (did it grow?), and
differences of things named by common nouns. All written for lmgate from real or everyday figures
(rounded where the source gives more digits). Every scenario gives two correct answers (two
phrasings) and two wrong ones of the kinds people and models make: off by one, the wrong
operation, the wrong unit, a swapped entity, truncating instead of rounding, a flipped yes/no, the
stated part given for the rest, a relative change given as percentage points. The correct value is
computed here, never typed in.

The split is fixed by scenario: even scenarios are `dev`, odd ones `test`, so the test phrasings
and figures are never seen while tuning. Deterministic: no randomness, the same file every run.
The rows have the shape of ../shared/data/hallucination/*.jsonl (label 1 = hallucinated) plus
`kind` and `error` (what is wrong with a wrong answer). The output is not committed: the accuracy
benchmark builds the set on the fly with `build()`.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date


def num(value: float, decimals: int = 0) -> str:
    """A figure as people write it: thousands separators, a fixed number of decimals."""
    return f"{value:,.{decimals}f}"


def days(a: date, b: date) -> int:
    return (b - a).days


def full_years(a: date, b: date) -> int:
    return b.year - a.year - ((b.month, b.day) < (a.month, a.day))


@dataclass(frozen=True)
class Scenario:
    context: str
    question: str
    right: str  # the correct value as the answer writes it
    wrong: tuple[tuple[str, str], tuple[str, str]]  # (value, what is wrong) twice
    frames: tuple[str, str]  # two phrasings; "{}" is where the value goes
    right_long: str | None = None  # the correct value for the second phrasing, when it differs (a yes/no's reason)


S = Scenario

SUM = [
    S("A standard modern piano has 52 white keys and 36 black keys.",
      "How many keys does a standard piano have in total?", num(52 + 36),
      ((num(52 + 36 + 1), "off by one"), (num(52 - 36), "wrong operation: difference")),
      ("{}", "A standard piano has {} keys in total.")),
    S("The United States Senate has 100 members, while the House of Representatives has 435 voting members.",
      "How many voting members do the two chambers of Congress have together?", num(100 + 435),
      ((num(100 + 435 - 10), "arithmetic slip"), (num(435 - 100), "wrong operation: difference")),
      ("Together they have {} voting members.", "{} voting members")),
    S("Lake Superior has a surface area of 82,100 km2, and Lake Michigan covers 58,000 km2.",
      "What is the combined surface area of Lake Superior and Lake Michigan?", num(82_100 + 58_000) + " km2",
      ((num(82_100 + 58_000 + 1000) + " km2", "arithmetic slip"), (num(82_100 - 58_000) + " km2", "wrong operation")),
      ("{}", "Their combined surface area is {}.")),
    S("At the London 2012 Olympics, Jamaica won 4 gold, 4 silver and 4 bronze medals.",
      "How many medals did Jamaica win altogether at London 2012?", num(12),
      ((num(8), "left out one category"), (num(13), "off by one")),
      ("Jamaica won {} medals altogether.", "{}")),
    S("By road, the distance from Paris to Lyon is 465 km, and from Lyon to Marseille it is 315 km.",
      "How far is it in total from Paris to Marseille by way of Lyon?", num(465 + 315) + " km",
      ((num(465 + 315 - 100) + " km", "arithmetic slip"), (num(465 - 315) + " km", "wrong operation")),
      ("It is {} in total.", "{}")),
    S("By 2023 astronomers had recognised 95 moons of Jupiter and 146 moons of Saturn.",
      "How many recognised moons do Jupiter and Saturn have in all?", num(95 + 146),
      ((num(95 + 146 - 1), "off by one"), (num(146 - 95), "wrong operation: difference")),
      ("{}", "In all the two planets have {} recognised moons.")),
    S("The Hobbit is divided into 19 chapters; The Lord of the Rings has 62 chapters.",
      "How many chapters do the two books have combined?", num(19 + 62),
      ((num(19 + 62 + 10), "arithmetic slip"), (num(62 - 19), "wrong operation: difference")),
      ("The two books have {} chapters combined.", "{} chapters")),
    S("In 2023 Copenhagen had about 660,000 inhabitants and Aarhus about 360,000.",
      "What was the total population of the two cities?", num(660_000 + 360_000),
      ((num(660_000 + 360_000 + 100_000), "arithmetic slip"), (num(660_000 - 360_000), "wrong operation")),
      ("About {} people.", "The two cities had a total of about {} inhabitants.")),
    S("The 2022 World Cup final between Argentina and France ended 3–3 after extra time, and Argentina won "
      "the penalty shoot-out 4–2.",
      "How many goals were scored in the final in total, not counting the shoot-out?", num(3 + 3),
      ((num(3 + 3 + 4 + 2), "counted the shoot-out"), (num(5), "off by one")),
      ("{} goals were scored in total.", "{}")),
    S("The Beatles released 12 studio albums in the United Kingdom, and Queen released 15 studio albums.",
      "How many studio albums did the two bands release altogether?", num(12 + 15),
      ((num(12 + 15 + 1), "off by one"), (num(15 - 12), "wrong operation: difference")),
      ("{}", "Altogether they released {} studio albums.")),
]

DIFFERENCE = [
    S("Mount Everest is 8,849 m high, K2 is 8,611 m and Kangchenjunga is 8,586 m.",
      "How much taller is Everest than K2?", num(8849 - 8611) + " m",
      ((num(8849 - 8586) + " m", "swapped entity"), (num(8849 - 8611 + 10) + " m", "arithmetic slip")),
      ("{}", "Everest is {} taller than K2.")),
    S("The Danube is about 2,850 km long, the Rhine about 1,233 km and the Elbe about 1,094 km.",
      "How much longer is the Danube than the Rhine?", num(2850 - 1233) + " km",
      ((num(2850 - 1094) + " km", "swapped entity"), (num(2850 + 1233) + " km", "wrong operation: sum")),
      ("The Danube is about {} longer.", "About {}.")),
    S("The Burj Khalifa rises 828 m, the Shanghai Tower 632 m and the Makkah Clock Royal Tower 601 m.",
      "How much taller is the Burj Khalifa than the Shanghai Tower?", num(828 - 632) + " metres",
      ((num(828 - 601) + " metres", "swapped entity"), (num(828 - 632 - 1) + " metres", "off by one")),
      ("It is {} taller.", "{}")),
    S("Camp Nou holds 99,354 spectators, Wembley Stadium 90,000 and the Santiago Bernabéu 81,044.",
      "How many more spectators does Camp Nou hold than Wembley?", num(99_354 - 90_000),
      ((num(99_354 - 81_044), "swapped entity"), (num(99_354 - 90_000 + 1000), "arithmetic slip")),
      ("{}", "Camp Nou holds {} more spectators than Wembley.")),
    S("At sea level water boils at 100 °C, ethanol at 78.4 °C and methanol at 64.7 °C.",
      "How many degrees higher is the boiling point of water than that of ethanol?", num(100 - 78.4, 1) + " °C",
      ((num(100 - 64.7, 1) + " °C", "swapped entity"), (num(100 - 78.4 + 1, 1) + " °C", "arithmetic slip")),
      ("Water boils {} higher.", "{}")),
    S("In 2023 the Tokyo metropolitan area had about 37.2 million people and Delhi's about 32.9 million.",
      "By how many people did Tokyo's metropolitan population exceed Delhi's?", num(37.2 - 32.9, 1) + " million",
      ((num(37.2 - 32.9 + 1, 1) + " million", "arithmetic slip"),
       (num(37.2 + 32.9, 1) + " million", "wrong operation")),
      ("About {} people.", "Tokyo's was larger by about {}.")),
    S("The Boeing 747-8 is 76.3 m long, the Boeing 777-9 76.7 m and the Airbus A380 72.7 m.",
      "What is the difference in length between the Boeing 747-8 and the Airbus A380?", num(76.3 - 72.7, 1) + " m",
      ((num(76.7 - 72.7, 1) + " m", "swapped entity"), (num(76.3 - 72.7 + 1, 1) + " m", "arithmetic slip")),
      ("{}", "The difference is {}.")),
    S("Mont Blanc reaches 4,806 m, the Matterhorn 4,478 m and the Eiger 3,967 m.",
      "How much higher is Mont Blanc than the Matterhorn?", num(4806 - 4478) + " m",
      ((num(4806 - 3967) + " m", "swapped entity"), (num(4806 - 4478 - 10) + " m", "arithmetic slip")),
      ("Mont Blanc is {} higher.", "{}")),
    S("Lake Baikal is 1,642 m deep at its deepest point, Lake Tanganyika 1,470 m and the Caspian Sea 1,025 m.",
      "How much deeper is Lake Baikal than Lake Tanganyika?", num(1642 - 1470) + " m",
      ((num(1642 - 1025) + " m", "swapped entity"), (num(1642 - 1470 + 1) + " m", "off by one")),
      ("{}", "Baikal is {} deeper than Tanganyika.")),
    S("Mercury has a diameter of 4,879 km, Mars 6,779 km and Venus 12,104 km.",
      "What is the difference between the diameters of Mars and Mercury?", num(6779 - 4879) + " km",
      ((num(12_104 - 4879) + " km", "swapped entity"), (num(6779 + 4879) + " km", "wrong operation: sum")),
      ("The difference is {}.", "{}")),
]

COUNT = [
    S("The Nordic countries are Denmark, Finland, Iceland, Norway and Sweden.",
      "How many Nordic countries are there?", "five",
      (("four", "off by one"), ("six", "off by one")),
      ("There are {} Nordic countries.", "{}")),
    S("The Great Lakes are Superior, Michigan, Huron, Erie and Ontario. They hold about a fifth of the "
      "world's surface fresh water.",
      "How many Great Lakes are there?", "5",
      (("4", "off by one"), ("6", "off by one")),
      ("{}", "There are {} Great Lakes.")),
    S("The Beatles' best-known line-up was John Lennon, Paul McCartney, George Harrison and Ringo Starr.",
      "How many members did that line-up have?", "four",
      (("three", "off by one"), ("five", "off by one")),
      ("It had {} members.", "{}")),
    S("Newton named the colours of the rainbow red, orange, yellow, green, blue, indigo and violet.",
      "How many colours did Newton name in the rainbow?", "7",
      (("6", "off by one"), ("8", "off by one")),
      ("{}", "Newton named {} colours.")),
    S("Brazil won the FIFA World Cup in 1958, 1962, 1970, 1994 and 2002.",
      "How many times has Brazil won the World Cup?", "5",
      (("4", "off by one"), ("6", "off by one")),
      ("Brazil has won it {} times.", "{} times")),
    S("The Baltic states are Estonia, Latvia and Lithuania; the Nordic countries are Denmark, Finland, "
      "Iceland, Norway and Sweden.",
      "How many Baltic states are there?", "three",
      (("five", "swapped list"), ("two", "off by one")),
      ("{}", "There are {} Baltic states.")),
    S("The naturally occurring noble gases are helium, neon, argon, krypton, xenon and radon.",
      "How many naturally occurring noble gases are listed?", "6",
      (("5", "off by one"), ("7", "off by one")),
      ("{} noble gases are listed.", "{}")),
    S("Belgium, the Netherlands and Luxembourg form the Benelux union, founded in 1944.",
      "How many countries form the Benelux union?", "3",
      (("2", "off by one"), ("4", "off by one")),
      ("{}", "The union is formed by {} countries.")),
    S("The rocky planets of the Solar System are Mercury, Venus, Earth and Mars.",
      "How many rocky planets does the Solar System have?", "four",
      (("three", "off by one"), ("five", "off by one")),
      ("It has {} rocky planets.", "{}")),
    S("The five rings of the Olympic flag are blue, yellow, black, green and red, on a white field; the flag "
      "was first flown at the 1920 Games in Antwerp.",
      "How many colours do the rings have?", "5",
      (("6", "counted the field"), ("4", "off by one")),
      ("{}", "The rings have {} colours.")),
]

_WALL, _REUNIFIED = date(1989, 11, 9), date(1990, 10, 3)
_LOVELACE = (date(1815, 12, 10), date(1852, 11, 27))
_WW2 = (date(1939, 9, 1), date(1945, 5, 8))
_IPHONE, _IPAD = date(2007, 6, 29), date(2010, 4, 3)
_ARMSTRONG = (date(1930, 8, 5), date(1969, 7, 21))
DATE_DIFFERENCE = [
    S("The Berlin Wall fell on 9 November 1989, and Germany was reunified on 3 October 1990.",
      "How many days after the fall of the Berlin Wall was Germany reunified?", num(days(_WALL, _REUNIFIED)),
      ((num(days(_WALL, _REUNIFIED) - 1), "off by one"), (num(days(_WALL, _REUNIFIED) + 30), "miscounted a month")),
      ("{} days", "Germany was reunified {} days later.")),
    S("The Titanic left Southampton on 10 April 1912 and sank in the early hours of 15 April 1912.",
      "How many days after leaving Southampton did the Titanic sink?", "5",
      (("4", "off by one"), ("15", "took the day of the month")),
      ("It sank {} days later.", "{}")),
    S("Apollo 11 was launched on 16 July 1969, landed on the Moon on 20 July and splashed down on 24 July 1969.",
      "How many days passed between launch and splashdown?", "8",
      (("7", "off by one"), ("4", "wrong pair of dates")),
      ("{}", "{} days passed between launch and splashdown.")),
    S("The Eiffel Tower was completed in 1889, and the Empire State Building in 1931.",
      "How many years after the Eiffel Tower was the Empire State Building completed?", num(1931 - 1889),
      ((num(1931 - 1889 + 1), "off by one"), (num(1931 - 1889 + 10), "arithmetic slip")),
      ("{} years later.", "{}")),
    S("Ada Lovelace was born on 10 December 1815 and died on 27 November 1852.",
      "How old was Ada Lovelace when she died?", num(full_years(*_LOVELACE)),
      ((num(_LOVELACE[1].year - _LOVELACE[0].year), "subtracted the years only"),
       (num(full_years(*_LOVELACE) - 1), "off by one")),
      ("{}", "She was {} years old.")),
    S("The Second World War in Europe began on 1 September 1939 and ended on 8 May 1945.",
      "How many full years did the war in Europe last?", num(full_years(*_WW2)),
      ((num(_WW2[1].year - _WW2[0].year), "subtracted the years only"), (num(full_years(*_WW2) - 1), "off by one")),
      ("It lasted {} full years.", "{} years")),
    S("The first iPhone went on sale on 29 June 2007, and the first iPad on 3 April 2010.",
      "How many days separated the two launches?", num(days(_IPHONE, _IPAD)),
      ((num(days(_IPHONE, _IPAD) - 1), "off by one"), (num(days(_IPHONE, _IPAD) - 365), "miscounted a year")),
      ("{}", "The launches were {} days apart.")),
    S("Construction of the Channel Tunnel began in 1988, and the tunnel opened in 1994.",
      "How many years did it take from the start of construction to the opening?", num(1994 - 1988),
      ((num(1994 - 1988 + 1), "off by one"), (num(1994 - 1988 + 10), "arithmetic slip")),
      ("It took {} years.", "{}")),
    S("Neil Armstrong was born on 5 August 1930 and stepped onto the Moon on 21 July 1969.",
      "How old was Armstrong when he stepped onto the Moon?", num(full_years(*_ARMSTRONG)),
      ((num(_ARMSTRONG[1].year - _ARMSTRONG[0].year), "subtracted the years only"),
       (num(full_years(*_ARMSTRONG) - 1), "off by one")),
      ("{}", "He was {} years old.")),
    S("The Titanic sank in 1912, and its wreck was located on the seabed in 1985.",
      "How many years after the sinking was the wreck found?", num(1985 - 1912),
      ((num(1985 - 1912 - 1), "off by one"), (num(1985 - 1912 + 10), "arithmetic slip")),
      ("The wreck was found {} years later.", "{} years")),
]

MI, FT, LB, GAL = 1.609344, 0.3048, 0.45359237, 3.785411784
UNIT_CONVERSION = [
    S("The Pacific Crest Trail is about 2,650 miles long.", "How long is the trail in kilometres?",
      num(2650 * MI) + " km", ((num(2650 / MI) + " km", "divided instead of multiplied"), ("2,650 km", "wrong unit")),
      ("About {}.", "The trail is about {} long.")),
    S("Mount Kilimanjaro rises to 5,895 metres above sea level.", "How high is Kilimanjaro in feet?",
      num(5895 / FT) + " feet", ((num(5895 * FT) + " feet", "multiplied instead of divided"),
                                 ("5,895 feet", "wrong unit")),
      ("Kilimanjaro is about {} high.", "{}")),
    S("The marathon distance is 42.195 km.", "How long is a marathon in miles?",
      num(42.195 / MI, 1) + " miles",
      ((num(42.195 * MI, 1) + " miles", "multiplied instead of divided"), ("42.2 miles", "wrong unit")),
      ("{}", "A marathon is about {} long.")),
    S("Normal human body temperature is about 37 °C.", "What is that in degrees Fahrenheit?",
      num(37 * 9 / 5 + 32, 1) + " °F", ((num(37 * 9 / 5, 1) + " °F", "forgot the 32 degrees"), ("37 °F", "wrong unit")),
      ("That is about {}.", "{}")),
    S("A Boeing 747-400 can carry about 216,840 litres of fuel.", "How many US gallons of fuel can it carry?",
      num(216_840 / GAL) + " gallons",
      ((num(216_840 * GAL) + " gallons", "multiplied instead of divided"), ("216,840 gallons", "wrong unit")),
      ("{}", "It can carry about {} of fuel.")),
    S("An adult male African elephant can weigh up to 6,000 kg.", "What is that in pounds?",
      num(6000 / LB) + " lb", ((num(6000 * LB) + " lb", "multiplied instead of divided"), ("6,000 lb", "wrong unit")),
      ("Up to about {}.", "{}")),
    S("Usain Bolt reached a top speed of about 44.7 km/h.", "What was his top speed in miles per hour?",
      num(44.7 / MI, 1) + " mph", ((num(44.7 * MI, 1) + " mph", "multiplied instead of divided"),
                                   ("44.7 mph", "wrong unit")),
      ("{}", "His top speed was about {}.")),
    S("The main span of the Golden Gate Bridge is 1,280 metres long.", "How long is the main span in feet?",
      num(1280 / FT) + " ft", ((num(1280 * FT) + " ft", "multiplied instead of divided"), ("1,280 ft", "wrong unit")),
      ("The main span is about {} long.", "{}")),
    S("A direct flight from London to New York takes about 8 hours.", "How many minutes is that?",
      num(8 * 60) + " minutes", ((num(8 * 100) + " minutes", "decimal hours"),
                                 (num(8 * 60) + " seconds", "wrong unit")),
      ("{}", "About {}.")),
    S("The average July high in Paris is about 26 °C.", "What is that in Fahrenheit?",
      num(26 * 9 / 5 + 32) + " °F", ((num(26 * 9 / 5 + 32 + 10) + " °F", "arithmetic slip"), ("26 °F", "wrong unit")),
      ("About {}.", "{}")),
]

ROUNDING = [
    S("Iceland's population was 387,758 on 1 January 2023.",
      "What was Iceland's population, to the nearest thousand?", num(388_000),
      ((num(387_000), "truncated instead of rounded"), (num(390_000), "rounded to the wrong place")),
      ("{}", "About {} people.")),
    S("Usain Bolt's 100 m world record is 9.58 seconds.", "What is the record rounded to one decimal place?",
      "9.6 seconds", (("9.5 seconds", "truncated instead of rounded"), ("10 seconds", "rounded to the wrong place")),
      ("{}", "Rounded to one decimal place it is {}.")),
    S("The official height of Mount Everest is 8,848.86 m.", "How high is Everest to the nearest metre?",
      num(8849) + " m", ((num(8848) + " m", "truncated instead of rounded"),
                         (num(8850) + " m", "rounded to the wrong place")),
      ("Everest is {} high.", "{}")),
    S("Pi is approximately 3.14159.", "What is pi to two decimal places?", "3.14",
      (("3.15", "rounded the wrong way"), ("3.1", "rounded to the wrong place")),
      ("{}", "To two decimal places pi is {}.")),
    S("The speed of light in a vacuum is 299,792.458 km/s.",
      "What is the speed of light to the nearest thousand km/s?", num(300_000) + " km/s",
      ((num(299_000) + " km/s", "truncated instead of rounded"),
       (num(299_800) + " km/s", "rounded to the wrong place")),
      ("About {}.", "{}")),
    S("The Moon's mean distance from Earth is 384,400 km.",
      "What is that distance to the nearest ten thousand kilometres?", num(380_000) + " km",
      ((num(390_000) + " km", "rounded the wrong way"), (num(384_000) + " km", "rounded to the wrong place")),
      ("{}", "It is about {}.")),
    S("The 2020 United States census counted 331,449,281 people.",
      "What was the count to the nearest million?", "331 million",
      (("332 million", "rounded the wrong way"), ("331.4 million", "rounded to the wrong place")),
      ("About {} people.", "{}")),
    S("Euler's number e is approximately 2.71828.", "What is e to three decimal places?", "2.718",
      (("2.719", "rounded the wrong way"), ("2.72", "rounded to the wrong place")),
      ("{}", "To three decimal places e is {}.")),
    S("A year on Mars lasts 686.98 Earth days.", "How long is a Martian year to the nearest whole day?",
      "687 days", (("686 days", "truncated instead of rounded"), ("690 days", "rounded to the wrong place")),
      ("A Martian year lasts about {}.", "{}")),
    S("The Amazon's average discharge is about 209,000 cubic metres per second.",
      "What is that to the nearest hundred thousand cubic metres per second?", num(200_000),
      ((num(300_000), "rounded the wrong way"), (num(210_000), "rounded to the wrong place")),
      ("{}", "About {} cubic metres per second.")),
]

PERCENTAGE = [
    S("Of the 193 member states of the United Nations, 54 are in Africa.",
      "What percentage of UN member states are in Africa?", num(54 / 193 * 100) + "%",
      (("54%", "took the count for a percentage"), (num(54 / 193 * 100 - 1) + "%", "truncated")),
      ("{}", "About {} of the member states are in Africa.")),
    S("A jacket priced at €80 is reduced by 25% in the sale.", "What is the sale price?",
      "€" + num(80 * 0.75), (("€" + num(80 - 25), "subtracted the percentage as euros"),
                              ("€" + num(80 * 1.25), "added the percentage")),
      ("The sale price is {}.", "{}")),
    S("In the 2019 UK general election, about 32.0 million of the 47.6 million registered voters cast a ballot.",
      "What was the turnout as a percentage?", num(32.0 / 47.6 * 100, 1) + "%",
      (("32%", "took the count for a percentage"), (num(32.0 / 47.6 * 100 + 1, 1) + "%", "arithmetic slip")),
      ("Turnout was about {}.", "{}")),
    S("Ireland's population grew from 4.76 million in 2016 to 5.15 million in 2022.",
      "By what percentage did the population grow?", num((5.15 - 4.76) / 4.76 * 100, 1) + "%",
      ((num((5.15 - 4.76) / 5.15 * 100, 1) + "%", "divided by the wrong year"),
       (num(5.15 / 4.76 * 100, 1) + "%", "gave the ratio, not the growth")),
      ("{}", "It grew by about {}.")),
    S("About 71% of Earth's surface is covered by water.", "What percentage of Earth's surface is land?",
      "29%", (("71%", "gave the water share"), ("39%", "arithmetic slip")),
      ("About {} of the surface is land.", "{}")),
    S("Of the 206 bones in the adult human body, 54 are in the two hands.",
      "What percentage of the body's bones are in the hands?", num(54 / 206 * 100, 1) + "%",
      (("54%", "took the count for a percentage"), (num(206 / 54, 1) + "%", "inverted the ratio")),
      ("{}", "About {} of the bones are in the hands.")),
    S("The bill at a restaurant came to $64, and the diners added a 15% tip.", "How much was the tip?",
      "$" + num(64 * 0.15, 2), (("$" + num(64 * 0.10, 2), "used the wrong rate"),
                                ("$15.00", "took the rate for the amount")),
      ("The tip was {}.", "{}")),
    S("The Amazon rainforest covers about 5.5 million km2, and about 60% of it lies in Brazil.",
      "How much of the rainforest lies in Brazil?", num(5.5 * 0.6, 1) + " million km2",
      ((num(5.5 * 0.4, 1) + " million km2", "gave the rest"),
       (num(5.5 * 0.6 + 0.3, 1) + " million km2", "arithmetic slip")),
      ("{}", "About {} lies in Brazil.")),
    S("A school class has 30 pupils, and 18 of them are girls.", "What percentage of the class are girls?",
      num(18 / 30 * 100) + "%", (("18%", "took the count for a percentage"), ("0.6%", "forgot to multiply by 100")),
      ("{} of the class are girls.", "{}")),
    S("In 2022 about 3.5 million of the Netherlands' 17.6 million inhabitants were aged 65 or over.",
      "What share of the population was aged 65 or over, as a percentage?", num(3.5 / 17.6 * 100, 1) + "%",
      (("3.5%", "took the count for a percentage"), (num(3.5 / 17.6 * 100 - 2, 1) + "%", "arithmetic slip")),
      ("{}", "About {} of the inhabitants were 65 or over.")),
]

def yes_no(context: str, question: str, truth: bool, because: str, but: str) -> Scenario:
    """A yes/no question: a bare answer and one with its reason, each right and flipped."""
    right, wrong = ("Yes", "No") if truth else ("No", "Yes")
    return S(context, question, right, ((wrong, "flipped"), (f"{wrong}, {but}", "flipped, with a false reason")),
             ("{}.", "{}."), right_long=f"{right}, {because}")


YES_NO = [
    yes_no("The Danube is about 2,850 km long and the Rhine about 1,233 km.", "Is the Danube longer than the Rhine?",
           True, "the Danube is longer than the Rhine", "the Rhine is longer than the Danube"),
    yes_no("K2 is 8,611 m high; Mount Everest is 8,849 m.", "Is K2 taller than Everest?",
           False, "K2 is lower than Everest", "K2 is taller than Everest"),
    yes_no("The Eiffel Tower was completed in 1889 for the World's Fair in Paris.",
           "Was the Eiffel Tower completed before 1900?", True, "it was completed before 1900",
           "it was completed after 1900"),
    yes_no("Lake Baikal holds about 23,600 km3 of water, and Lake Superior about 12,100 km3.",
           "Does Lake Superior hold more water than Lake Baikal?", False,
           "Lake Superior holds less water than Lake Baikal", "Lake Superior holds more water than Lake Baikal"),
    yes_no("The Nordic countries are Denmark, Finland, Iceland, Norway and Sweden.",
           "Are there more than four Nordic countries?", True, "there are five", "there are only four"),
    yes_no("By 2023 astronomers had recognised 95 moons of Jupiter and 146 moons of Saturn.",
           "Does Jupiter have more recognised moons than Saturn?", False,
           "Jupiter has fewer recognised moons than Saturn", "Jupiter has more recognised moons than Saturn"),
    yes_no("Marie Curie was born in 1867 and Albert Einstein in 1879.", "Was Einstein born after Marie Curie?",
           True, "Einstein was born after Marie Curie", "Einstein was born before Marie Curie"),
    yes_no("Mount Kilimanjaro rises to 5,895 m above sea level.", "Is Kilimanjaro higher than 6,000 metres?",
           False, "it is lower than 6,000 metres", "it is higher than 6,000 metres"),
    yes_no("The Titanic sank in 1912; the Lusitania was torpedoed and sank in 1915.",
           "Did the Titanic sink earlier than the Lusitania?", True, "the Titanic sank earlier",
           "the Lusitania sank earlier than the Titanic"),
    yes_no("The Sahara covers about 9.2 million km2, while Australia covers about 7.7 million km2.",
           "Is Australia larger than the Sahara?", False, "Australia is smaller than the Sahara",
           "Australia is larger than the Sahara"),
]

COMPARISON = [
    S("Lake Baikal reaches a depth of 1,642 m, while Lake Tanganyika reaches 1,470 m.",
      "Which lake is deeper, Baikal or Tanganyika?", "Baikal",
      (("Tanganyika", "wrong entity"), ("Tanganyika", "wrong entity")), ("{}.", "Lake {} is deeper.")),
    S("The Nile is about 6,650 km long and the Amazon about 6,400 km.",
      "Which river is longer according to these figures, the Nile or the Amazon?", "the Nile",
      (("the Amazon", "wrong entity"), ("the Amazon", "wrong entity")),
       ("{}", "According to these figures {} is longer.")),
    S("Teaching at Oxford existed by 1096, and the University of Bologna was founded in 1088.",
      "Which university is older, Oxford or Bologna?", "Bologna",
      (("Oxford", "wrong entity"), ("Oxford", "wrong entity")), ("{}.", "{} is older.")),
    S("Canada covers 9,985,000 km2, the United States 9,834,000 km2 and China 9,597,000 km2.",
      "Which is the largest: Canada, China or the United States?", "Canada",
      (("the United States", "wrong entity"), ("China", "wrong entity")), ("{}", "{} is the largest of the three.")),
    S("Ada Lovelace was born in 1815 and Charles Babbage in 1791.",
      "Who was born first, Lovelace or Babbage?", "Babbage",
      (("Lovelace", "wrong entity"), ("Lovelace", "wrong entity")), ("{}.", "{} was born first.")),
    S("The Tokyo Skytree stands 634 m tall, and the CN Tower in Toronto 553 m.",
      "Which is taller, the CN Tower or the Tokyo Skytree?", "the Tokyo Skytree",
      (("the CN Tower", "wrong entity"), ("the CN Tower", "wrong entity")), ("{}.", "{} is taller.")),
    S("Mercury's average surface temperature is about 167 °C, and Venus's about 464 °C.",
      "Which planet is hotter on average, Mercury or Venus?", "Venus",
      (("Mercury", "wrong entity"), ("Mercury", "wrong entity")), ("{}", "{} is hotter on average.")),
    S("The first Harry Potter book was published in 1997 and the first Hunger Games book in 2008.",
      "Which series began later, Harry Potter or The Hunger Games?", "The Hunger Games",
      (("Harry Potter", "wrong entity"), ("Harry Potter", "wrong entity")), ("{}.", "{} began later.")),
    S("Usain Bolt ran the 100 m in 9.58 seconds; Tyson Gay's best time was 9.69 seconds.",
      "Who was faster over 100 m, Bolt or Gay?", "Bolt",
      (("Gay", "wrong entity"), ("Gay", "wrong entity")), ("{}.", "{} was faster.")),
    S("Mount Elbrus is 5,642 m high, and Mont Blanc 4,806 m.",
      "Which mountain is higher, Mont Blanc or Elbrus?", "Elbrus",
      (("Mont Blanc", "wrong entity"), ("Mont Blanc", "wrong entity")), ("{}", "{} is higher.")),
]

RATE = [
    S("The Shinkansen N700 runs at up to 300 km/h.", "At that speed, how far does it travel in 2.5 hours?",
      num(300 * 2.5) + " km", ((num(300 / 2.5) + " km", "divided instead of multiplied"),
                               (num(300 + 2.5, 1) + " km", "added instead of multiplied")),
      ("{}", "It travels {} in 2.5 hours.")),
    S("A ticket to the museum costs $15.", "How much do 4 tickets cost?",
      "$" + num(15 * 4), (("$" + num(15 + 4), "added instead of multiplied"), ("$" + num(15 * 3), "off by one ticket")),
      ("Four tickets cost {}.", "{}")),
    S("A Boeing 787 burns about 5,400 litres of fuel per hour.", "How much fuel does it burn on a 9-hour flight?",
      num(5400 * 9) + " litres", ((num(5400 / 9) + " litres", "divided instead of multiplied"),
                                  (num(5400 * 8) + " litres", "off by one hour")),
      ("About {}.", "{}")),
    S("The 2023 Tour de France covered 3,405 km in 21 stages.", "What was the average length of a stage?",
      num(3405 / 21, 1) + " km", ((num(3405 * 21) + " km", "multiplied instead of divided"),
                                  (num(3405 / 20, 1) + " km", "off by one stage")),
      ("{}", "The average stage was about {} long.")),
    S("Light travels about 300,000 km per second.", "How far does light travel in 8 minutes?",
      num(300_000 * 8 * 60) + " km", ((num(300_000 * 8) + " km", "forgot to convert minutes"),
                                      (num(300_000 * 8 * 60 * 60) + " km", "converted hours")),
      ("About {}.", "{}")),
    S("A resting human heart beats about 70 times per minute.", "How many times does it beat in one hour?",
      num(70 * 60), ((num(70 + 60), "added instead of multiplied"), (num(70 * 24), "multiplied by the hours of a day")),
      ("{}", "About {} times.")),
    S("Petrol costs €1.80 per litre.", "How much do 40 litres cost?",
      "€" + num(1.80 * 40, 2), (("€" + num(40 / 1.80, 2), "divided instead of multiplied"),
                                ("€" + num(1.80 * 4, 2), "dropped a zero")),
      ("Forty litres cost {}.", "{}")),
    S("A cheetah can sprint at about 100 km/h.", "How far would it run in 30 seconds at that speed?",
      num(100_000 / 3600 * 30) + " metres", ((num(100 * 30) + " metres", "forgot to convert the units"),
                                             (num(100_000 / 60 * 30) + " metres", "took minutes for seconds")),
      ("About {}.", "{}")),
    S("A Eurostar train carries up to 900 passengers.", "How many passengers can 18 full trains carry?",
      num(900 * 18), ((num(900 * 18 // 10), "dropped a zero"), (num(900 * 17), "off by one train")),
      ("{}", "They can carry {} passengers.")),
    S("A 500 g bag of coffee makes about 60 cups.", "How many grams of coffee go into one cup?",
      num(500 / 60, 1) + " g", ((num(60 / 500, 2) + " g", "inverted the ratio"),
                                (num(500 / 6, 1) + " g", "dropped a zero")),
      ("{}", "About {} per cup.")),
]

# --- everyday computations beyond one operation on two figures (added for issue 15.8, second pass) ---
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def clock(minutes: int, *, pad: bool = True) -> str:
    """A time of day on the 24-hour clock ("09:05", or "9:05" unpadded), wrapping round midnight."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}" if pad else f"{minutes // 60}:{minutes % 60:02d}"


def clock12(minutes: int) -> str:
    """A time of day on the 12-hour clock: "10:20 pm"."""
    minutes %= 24 * 60
    hour = minutes // 60 % 12 or 12
    return f"{hour}:{minutes % 60:02d} {'am' if minutes < 12 * 60 else 'pm'}"


def duration(minutes: int) -> str:
    """ "1 hour 53 minutes"."""
    h, m = divmod(minutes, 60)
    return " ".join(p for p in (f"{h} hour{'s' * (h != 1)}" if h else "", f"{m} minute{'s' * (m != 1)}" if m else "")
                    if p)


def hm(h: int, m: int = 0) -> int:
    return h * 60 + m


# a total of several priced or weighted counts ("two adult tickets and one child ticket")
PRODUCT_SUM = [
    S("At the zoo an adult ticket costs £24 and a child ticket £16.",
      "How much do two adult tickets and one child ticket cost?", "£" + num(2 * 24 + 16),
      (("£" + num(24 + 16), "one ticket of each"), ("£" + num(2 * 24 + 2 * 16), "counted two child tickets")),
      ("{}", "Two adult tickets and one child ticket cost {}.")),
    S("The museum charges $25 for adults and $18 for students.",
      "What do three adults and two students pay altogether?", "$" + num(3 * 25 + 2 * 18),
      (("$" + num(25 + 18), "one ticket of each"), ("$" + num(5 * 25), "charged the students the adult price")),
      ("They pay {} altogether.", "{}")),
    S("In the 2003–04 Premier League season Arsenal won 26 matches, drew 12 and lost none; a win was worth "
      "3 points and a draw 1.",
      "How many points did Arsenal finish the season with?", num(26 * 3 + 12 * 1),
      ((num(26 + 12), "counted matches, not points"), (num(26 * 3), "left out the draws")),
      ("{}", "Arsenal finished with {} points.")),
    S("A taxi in the city charges a £3.50 pick-up fee plus £2.20 per mile.",
      "What does a 5-mile journey cost?", "£" + num(3.50 + 2.20 * 5, 2),
      (("£" + num(2.20 * 5, 2), "left out the pick-up fee"),
       ("£" + num((3.50 + 2.20) * 5, 2), "multiplied the fee too")),
      ("A 5-mile journey costs {}.", "{}")),
    S("Croissants cost €1.40 each and baguettes €1.10.",
      "How much do four croissants and two baguettes cost?", "€" + num(4 * 1.40 + 2 * 1.10, 2),
      (("€" + num(4 * 1.10 + 2 * 1.40, 2), "swapped the prices"), ("€" + num(1.40 + 1.10, 2), "one of each")),
      ("{}", "Four croissants and two baguettes cost {}.")),
    S("In the 2019 Rugby World Cup final South Africa scored two tries, two conversions and six penalty goals; "
      "a try is worth 5 points, a conversion 2 and a penalty goal 3.",
      "How many points did South Africa score in the final?", num(2 * 5 + 2 * 2 + 6 * 3),
      ((num(2 + 2 + 6), "counted the scores, not the points"), (num(2 * 5 + 6 * 3), "left out the conversions")),
      ("South Africa scored {} points.", "{}")),
    S("A cinema ticket costs $12 and a tub of popcorn $6.50.",
      "What do two friends pay if each buys a ticket and a tub of popcorn?", "$" + num(2 * (12 + 6.50)),
      (("$" + num(12 + 6.50, 2), "paid for one friend"), ("$" + num(2 * 12 + 6.50, 2), "bought only one tub")),
      ("{}", "Together they pay {}.")),
    S("In a game against the New York Knicks in March 1962, Wilt Chamberlain made 36 field goals, worth 2 points "
      "each, and 28 free throws, worth 1 point each.",
      "How many points did Chamberlain score in that game?", num(36 * 2 + 28 * 1),
      ((num(36 + 28), "counted baskets, not points"), (num(36 * 3 + 28), "counted field goals as three-pointers")),
      ("He scored {} points.", "{}")),
]

# fraction words: "a quarter of it", "two thirds", "an hour and a half", "a fifth of a bottle"
FRACTION = [
    S("A school lesson lasts an hour, and the teacher spends a quarter of it on revision.",
      "How many minutes of the lesson are spent on revision?", num(60 / 4) + " minutes",
      ((num(25) + " minutes", "read a quarter as 25"), (num(60 / 3) + " minutes", "took a third")),
      ("{}", "{} are spent on revision.")),
    S("A marathon is 42.195 km long, and a half marathon is half that distance.",
      "How long is a half marathon?", num(42.195 / 2, 1) + " km",
      ((num(42 / 2 + 0.195, 3) + " km", "halved only the whole kilometres"),
       (num(42.195 * 2, 2) + " km", "doubled instead of halved")),
      ("A half marathon is {} long.", "{}")),
    S("There are 24 hours in a day, and an adult spends about a third of them asleep.",
      "How many hours a day does an adult sleep?", num(24 / 3) + " hours",
      ((num(24 / 4) + " hours", "took a quarter"), ("3 hours", "read a third as 3")),
      ("About {}.", "{}")),
    S("A standard bottle of wine holds 750 ml, and a standard glass is a fifth of a bottle.",
      "How much wine is in a standard glass?", num(750 / 5) + " ml",
      ((num(750 / 3) + " ml", "took a third"), (num(750 / 10) + " ml", "took a tenth")),
      ("{}", "A standard glass holds {}.")),
    S("A recipe uses 600 g of flour: two thirds of it for the dough and the rest for the crumble topping.",
      "How much flour goes into the crumble topping?", num(600 / 3) + " g",
      ((num(600 * 2 / 3) + " g", "gave the dough's share"), (num(600 / 2) + " g", "took the rest for half")),
      ("{} goes into the topping.", "{}")),
    S("The airport bus runs every three quarters of an hour.",
      "How many minutes apart are the buses?", num(60 * 3 / 4) + " minutes",
      ((num(60 + 15) + " minutes", "read it as an hour and a quarter"), (num(30) + " minutes", "took half an hour")),
      ("{}", "The buses are {} apart.")),
    S("The ferry from Dover to Calais takes an hour and a half.",
      "How many minutes does the crossing take?", num(90) + " minutes",
      ((num(110) + " minutes", "read 1.5 hours as 1 hour 50"), (num(80) + " minutes", "arithmetic slip")),
      ("The crossing takes {}.", "{}")),
    S("The Solar System has eight planets, and half of them are giant planets.",
      "How many giant planets does the Solar System have?", num(8 // 2),
      ((num(8 // 4), "took a quarter"), (num(8 // 2 + 1), "off by one")),
      ("{}", "It has {} giant planets.")),
]

_NORDIC = ["Denmark", "Finland", "Iceland", "Norway", "Sweden"]
_SCANDINAVIA = ["Denmark", "Norway", "Sweden"]
_PLANETS = ["Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"]
_G7_EUROPE, _G7_OTHER = ["France", "Germany", "Italy", "the United Kingdom"], ["Canada", "Japan", "the United States"]
_PARKS_WALES = ["Eryri", "the Brecon Beacons", "the Pembrokeshire Coast"]
_PARKS_SCOTLAND = ["Loch Lomond and the Trossachs", "the Cairngorms"]
_BIG_FIVE, _BIG_CATS = ["lion", "leopard", "rhinoceros", "elephant", "Cape buffalo"], ["lion", "leopard"]
_NOBLE = ["helium", "neon", "argon", "krypton", "xenon", "radon"]
_BEATLES = ["John Lennon", "Paul McCartney", "George Harrison", "Ringo Starr"]


def series(items: list[str], article: str = "") -> str:
    """ "A, B and C"."""
    items = [article + i for i in items]
    return ", ".join(items[:-1]) + " and " + items[-1]


# counting only part of a list, leaving one out, or adding two lists
SUBSET = [
    S(f"The Nordic countries are {series(_NORDIC)}; of these, only {series(_SCANDINAVIA)} make up Scandinavia.",
      "How many Nordic countries are not part of Scandinavia?", WORDS[len(_NORDIC) - len(_SCANDINAVIA)],
      ((WORDS[len(_SCANDINAVIA)], "counted the Scandinavian ones"), (WORDS[len(_NORDIC)], "counted all of them")),
      ("{}", "{} Nordic countries are not part of Scandinavia.")),
    S(f"The planets of the Solar System are {series(_PLANETS)}.",
      "Besides Earth, how many planets are there in the Solar System?", num(len(_PLANETS) - 1),
      ((num(len(_PLANETS)), "counted Earth too"), (num(len(_PLANETS) - 2), "off by one")),
      ("There are {} others.", "{}")),
    S(f"The G7 is made up of four European countries, {series(_G7_EUROPE)}, plus {series(_G7_OTHER)}.",
      "How many countries are in the G7?", num(len(_G7_EUROPE) + len(_G7_OTHER)),
      ((num(len(_G7_EUROPE)), "counted only the European ones"), (num(len(_G7_OTHER)), "counted only the rest")),
      ("{}", "The G7 has {} member countries.")),
    S(f"The national parks of Wales are {series(_PARKS_WALES)}; those of Scotland are {_PARKS_SCOTLAND[0]}, "
      f"and {_PARKS_SCOTLAND[1]}.",
      "How many national parks do Wales and Scotland have together?", num(len(_PARKS_WALES) + len(_PARKS_SCOTLAND)),
      ((num(len(_PARKS_WALES) + len(_PARKS_SCOTLAND) + 1), "counted Loch Lomond and the Trossachs as two parks"),
       (num(len(_PARKS_WALES)), "counted only Wales")),
      ("Together they have {}.", "{}")),
    S(f"The Big Five game animals are {series(_BIG_FIVE, 'the ')}; the lion and the leopard are big cats.",
      "How many of the Big Five are not big cats?", WORDS[len(_BIG_FIVE) - len(_BIG_CATS)],
      ((WORDS[len(_BIG_CATS)], "counted the cats"), (WORDS[len(_BIG_FIVE)], "counted all five")),
      ("{}", "{} of them are not big cats.")),
    S(f"The noble gases found in nature are {series(_NOBLE)}, and all of them except radon have stable isotopes.",
      "How many of the naturally occurring noble gases have stable isotopes?", num(len(_NOBLE) - 1),
      ((num(len(_NOBLE)), "counted radon too"), (num(len(_NOBLE) - 2), "off by one")),
      ("{} of them.", "{}")),
    S("There are seven continents, and Antarctica is the only one with no permanent population.",
      "How many continents have a permanent population?", WORDS[7 - 1],
      ((WORDS[7], "counted Antarctica too"), (WORDS[1], "counted the one without")),
      ("{}", "{} of the continents have a permanent population.")),
    S(f"The Beatles' classic line-up was {series(_BEATLES)}, who replaced Pete Best on drums in 1962.",
      "How many members of the classic line-up were in the band before Ringo joined?", WORDS[len(_BEATLES) - 1],
      ((WORDS[len(_BEATLES)], "counted Ringo too"), (WORDS[len(_BEATLES) + 1], "counted Pete Best as well")),
      ("{} of them.", "{}")),
]

# the other part: what is left of a whole or of 100 % (the stated part is the classic wrong answer)
COMPLEMENT = [
    S("About 97% of the water on Earth is salt water.", "What percentage of Earth's water is fresh water?",
      num(100 - 97) + "%", (("97%", "gave the salt water share"), (num(100 - 97 + 4) + "%", "arithmetic slip")),
      ("About {}.", "About {} of Earth's water is fresh.")),
    S("The orchestra has 96 players, 58 of whom play string instruments.",
      "How many players do not play a string instrument?", num(96 - 58),
      ((num(58), "gave the string players"), (num(96 - 58 + 10), "arithmetic slip")),
      ("{}", "{} players do not play a string instrument.")),
    S("In the 2016 EU referendum, 51.9% of those who voted chose to leave.",
      "What percentage of voters chose to remain?", num(100 - 51.9, 1) + "%",
      (("51.9%", "gave the leave share"), (num(100 - 51.9 + 1, 1) + "%", "arithmetic slip")),
      ("{} chose to remain.", "{}")),
    S("Of the roughly 11,000 athletes at the Tokyo 2020 Olympics, about 48.8% were women.",
      "What share of the athletes were men?", num(100 - 48.8, 1) + "%",
      (("48.8%", "gave the women's share"), (num(100 - 48.8 + 1, 1) + "%", "arithmetic slip")),
      ("{}", "About {} of the athletes were men.")),
    S("Of the 46,000 seats in the stadium, 38,500 were sold for the final.",
      "How many seats were left unsold?", num(46_000 - 38_500),
      ((num(38_500), "gave the seats sold"), (num(46_000 - 38_500 + 1000), "arithmetic slip")),
      ("{} seats were left unsold.", "{}")),
    S("The phone's battery was at 100% at take-off and at 37% on landing.",
      "What percentage of the charge was used during the flight?", num(100 - 37) + "%",
      (("37%", "gave what was left"), (num(100 - 37 + 10) + "%", "arithmetic slip")),
      ("{}", "{} of the charge was used.")),
    S("About 56% of the world's people live in cities.", "What share of the world's people live outside cities?",
      num(100 - 56) + "%", (("56%", "gave the city share"), (num(100 - 56 + 2) + "%", "arithmetic slip")),
      ("About {}.", "About {} live outside cities.")),
    S("A marathon is 42.2 km long, and the runner dropped out at the 30 km mark.",
      "How far short of the finish did the runner drop out?", num(42.2 - 30, 1) + " km",
      (("30 km", "gave the distance run"), (num(42.2 - 30 + 1, 1) + " km", "arithmetic slip")),
      ("{}", "The runner dropped out {} short of the finish.")),
]

# percentage points (a difference of two rates) against a percentage change (relative to the first)
PERCENT_CHANGE = [
    S("The US unemployment rate was 3.5% in February 2020 and 14.7% in April 2020.",
      "By how many percentage points did the unemployment rate rise?", num(14.7 - 3.5, 1) + " percentage points",
      ((num((14.7 - 3.5) / 3.5 * 100) + " percentage points", "gave the relative change"),
       (num(14.7 + 3.5, 1) + " percentage points", "added the rates")),
      ("{}", "It rose by {}.")),
    S("A loaf of bread cost €2.50 last year and costs €2.80 now.",
      "By what percentage has the price of the loaf risen?", num((2.80 - 2.50) / 2.50 * 100) + "%",
      (("30%", "took the 30 cents for a percentage"),
       (num((2.80 - 2.50) / 2.80 * 100, 1) + "%", "divided by the new price")),
      ("The price has risen by {}.", "{}")),
    S("The town's population grew from 12,000 in 2010 to 15,000 in 2020.",
      "By what percentage did the population grow?", num((15_000 - 12_000) / 12_000 * 100) + "%",
      ((num((15_000 - 12_000) / 15_000 * 100) + "%", "divided by the new figure"),
       (num(15_000 / 12_000 * 100) + "%", "gave the ratio, not the growth")),
      ("It grew by {}.", "{}")),
    S("The Bank of England raised its base rate from 0.1% in December 2021 to 5.25% in August 2023.",
      "By how many percentage points was the base rate raised in that period?",
      num(5.25 - 0.1, 2) + " percentage points",
      (("5.25 percentage points", "took the new rate for the rise"),
       (num(5.25 + 0.1, 2) + " percentage points", "added the rates")),
      ("{}", "It was raised by {}.")),
    S("Wind supplied 20% of the UK's electricity in 2019 and 29% in 2023.",
      "By how many percentage points did wind's share of UK electricity grow?", num(29 - 20) + " percentage points",
      ((num((29 - 20) / 20 * 100) + " percentage points", "gave the relative change"),
       (num(29 + 20) + " percentage points", "added the shares")),
      ("Its share grew by {}.", "{}")),
    S("The savings account paid 2% interest last year and pays 3% this year.",
      "By what percentage has the interest rate increased?", num((3 - 2) / 2 * 100) + "%",
      ((num(3 - 2) + "%", "gave the percentage-point change as a percentage"),
       (num((3 - 2) / 3 * 100) + "%", "divided by the new rate")),
      ("{}", "It has increased by {}.")),
    S("The company's revenue fell from $40 million in 2022 to $30 million in 2023.",
      "By what percentage did revenue fall?", num((40 - 30) / 40 * 100) + "%",
      ((num((40 - 30) / 30 * 100) + "%", "divided by the new figure"),
       (num(40 - 30) + "%", "took the $10 million drop for a percentage")),
      ("Revenue fell by {}.", "{}")),
    S("Turnout at UK general elections was 68.8% in 2017 and 59.7% in 2024.",
      "By how many percentage points did turnout fall between 2017 and 2024?",
      num(68.8 - 59.7, 1) + " percentage points",
      ((num((68.8 - 59.7) / 68.8 * 100, 1) + " percentage points", "gave the relative change"),
       (num(68.8 - 59.7 - 1, 1) + " percentage points", "arithmetic slip")),
      ("{}", "Turnout fell by {}.")),
]

# clock times: an arrival, an end, a span between two times of day
TIME_OF_DAY = [
    S("The train leaves London King's Cross at 09:30, and the journey to Edinburgh takes 4 hours 20 minutes.",
      "At what time does the train arrive in Edinburgh?", clock(hm(9, 30) + hm(4, 20)),
      ((clock(hm(9, 30) + hm(3, 20)), "an hour short"), (clock(hm(9, 30) + hm(4, 40)), "misread the minutes")),
      ("{}", "It arrives at {}.")),
    S("The match kicked off at 19:45, and the final whistle blew at 21:38.",
      "How long after kick-off did the final whistle blow?", duration(hm(21, 38) - hm(19, 45)),
      ((duration(hm(21 - 19, 45 - 38)), "subtracted the minutes the wrong way"),
       (duration(hm(21, 38) - hm(19, 45) - 10), "arithmetic slip")),
      ("{}", "The final whistle blew {} after kick-off.")),
    S("The shop opens at 8:30 a.m. and closes at 6 p.m.",
      "For how many hours is the shop open each day?", num((hm(18) - hm(8, 30)) / 60, 1) + " hours",
      ((num((hm(8, 30) - hm(6)) / 60, 1) + " hours", "ignored a.m. and p.m."),
       (num((hm(18) - hm(8, 30)) / 60 + 1, 1) + " hours", "arithmetic slip")),
      ("{}", "It is open for {} a day.")),
    S("The overnight flight departs at 22:15 and lands 9 hours 40 minutes later.",
      "At what time does it land, on the clock of the departure city?", clock(hm(22, 15) + hm(9, 40)),
      ((clock(hm(22, 15) + hm(10, 40)), "carried an extra hour"),
       (clock(hm(22, 15) - hm(9, 40)), "subtracted instead of added")),
      ("It lands at {}.", "{}")),
    S("The film starts at 7:45 pm and runs for 2 hours 35 minutes.", "When does the film end?",
      clock12(hm(19, 45) + hm(2, 35)),
      ((clock12(hm(19, 45) + hm(1, 35)), "lost the carried hour"),
       (clock12(hm(19, 45) + hm(2, 45)), "arithmetic slip")),
      ("At {}.", "It ends at {}.")),
    S("The bus leaves the station at 08:50, and the trip to the airport takes a quarter of an hour.",
      "When does the bus reach the airport?", clock(hm(8, 50) + 15),
      ((clock(hm(8, 50) + 25), "took a quarter of an hour for 25 minutes"),
       (clock(hm(8, 50) + 30), "took it for half an hour")),
      ("{}", "It reaches the airport at {}.")),
    S("In London on 21 June the sun rises at 04:43 and sets at 21:21.",
      "How long is it from sunrise to sunset?", duration(hm(21, 21) - hm(4, 43)),
      ((duration(hm(21 - 4, 43 - 21)), "subtracted the minutes the wrong way"),
       (duration(hm(21, 21) - hm(4, 43) - 60), "an hour short")),
      ("{}", "The sun is up for {}.")),
    S("The exam began at 9:15 and lasted two and a half hours.", "When did the exam finish?",
      clock(hm(9, 15) + hm(2, 30), pad=False),
      ((clock(hm(9, 15) + hm(2), pad=False), "dropped the half hour"),
       (clock(hm(9, 15) + hm(2, 50), pad=False), "read half an hour as 50 minutes")),
      ("It finished at {}.", "{}")),
]

# means of several figures, and rates over a compound time or per 100
AVERAGE = [
    S("The car used 42 litres of petrol over 600 km.", "What was its fuel consumption per 100 km?",
      num(42 / 600 * 100) + " litres",
      ((num(600 / 42, 1) + " litres", "inverted the ratio"), (num(42 / 600, 2) + " litres", "forgot the 100 km")),
      ("{}", "It used {} per 100 km.")),
    S("In the first four Tests of the series the batter scored 45, 112, 8 and 67 runs.",
      "What was the batter's average per Test?", num((45 + 112 + 8 + 67) / 4),
      ((num(45 + 112 + 8 + 67), "gave the total"), (num((45 + 112 + 8 + 67) / 3, 1), "divided by three")),
      ("The average was {} runs.", "{}")),
    S("A cyclist rode 84 km in 3 hours 30 minutes.", "What was her average speed?", num(84 / 3.5) + " km/h",
      ((num(84 / 3) + " km/h", "ignored the 30 minutes"), (num(84 / 3.3, 1) + " km/h", "took 3 h 30 min as 3.3 hours")),
      ("{}", "Her average speed was {}.")),
    S("Berlin's average rainfall is 42 mm in January, 33 mm in February and 41 mm in March.",
      "What is the average monthly rainfall over those three months?", num((42 + 33 + 41) / 3, 1) + " mm",
      ((num(42 + 33 + 41) + " mm", "gave the total"), (num((42 + 33) / 2, 1) + " mm", "averaged two months")),
      ("About {} a month.", "{}")),
    S("The team's five starters are 1.98 m, 2.03 m, 2.11 m, 1.91 m and 2.06 m tall.",
      "What is the average height of the starters?", num((1.98 + 2.03 + 2.11 + 1.91 + 2.06) / 5, 2) + " m",
      (("2.11 m", "gave the tallest"), (num(1.98 + 2.03 + 2.11 + 1.91 + 2.06, 2) + " m", "gave the total")),
      ("{}", "Their average height is {}.")),
    S("At noon over one week the thermometer read 18, 21, 19, 23, 24, 20 and 22 °C.",
      "What was the average noon temperature that week?", num((18 + 21 + 19 + 23 + 24 + 20 + 22) / 7) + " °C",
      ((num((18 + 21 + 19 + 23 + 24 + 20 + 22) / 6, 1) + " °C", "divided by six days"),
       (num(18 + 21 + 19 + 23 + 24 + 20 + 22) + " °C", "gave the sum")),
      ("The average was {}.", "{}")),
    S("A Boeing 737 flew the 1,380 km from London to Rome in 2 hours 20 minutes.",
      "What was its average speed?", num(1380 / (140 / 60)) + " km/h",
      ((num(1380 / 2) + " km/h", "ignored the 20 minutes"), (num(1380 / 3) + " km/h", "divided by three hours")),
      ("{}", "It averaged about {}.")),
    S("A household spent £320 on food in January, £280 in February and £345 in March.",
      "What was its average monthly spending on food?", "£" + num((320 + 280 + 345) / 3),
      (("£" + num(320 + 280 + 345), "gave the total"), ("£" + num((320 + 280) / 2), "averaged two months")),
      ("{}", "It spent {} a month on average.")),
]

# did a figure grow or fall between two dates?
TREND = [
    yes_no("Japan's population peaked at 128.1 million in 2008 and was 124.5 million in 2023.",
           "Has Japan's population grown since 2008?", False, "it has fallen since 2008",
           "it has grown since 2008"),
    yes_no("The average concentration of CO2 in the atmosphere was 339 ppm in 1980 and 419 ppm in 2023.",
           "Did the CO2 concentration rise between 1980 and 2023?", True, f"it rose by {419 - 339} ppm",
           "it fell between 1980 and 2023"),
    yes_no("Arctic sea ice covered about 7.5 million km2 in September 1980 and about 4.2 million km2 in "
           "September 2023.", "Did the September sea ice extent increase between 1980 and 2023?", False,
           "it shrank", "it increased between 1980 and 2023"),
    yes_no("The school had 640 pupils in 2019 and 612 in 2023.", "Did the school grow between 2019 and 2023?",
           False, f"it had {640 - 612} fewer pupils in 2023", f"it grew by {640 - 612} pupils"),
    yes_no("Life expectancy at birth in India was 62.7 years in 2000 and 70.8 years in 2019.",
           "Did life expectancy in India fall between 2000 and 2019?", False,
           f"it rose by {num(70.8 - 62.7, 1)} years", f"it fell by {num(70.8 - 62.7, 1)} years"),
    yes_no("A first-class stamp in the UK cost £0.76 in 2020 and £1.35 in 2024.",
           "Did the price of a first-class stamp go up between 2020 and 2024?", True, "it went up",
           "it went down"),
    yes_no("Germany generated 171 TWh of electricity from coal in 2018 and 102 TWh in 2023.",
           "Did Germany generate more electricity from coal in 2023 than in 2018?", False,
           "it generated less in 2023", "it generated more in 2023"),
    yes_no("Nvidia's revenue was $27.0 billion in fiscal 2023 and $60.9 billion in fiscal 2024.",
           "Did Nvidia's revenue decline from fiscal 2023 to fiscal 2024?", False, "it more than doubled",
           "it declined"),
]

# differences and ratios of things named by common nouns, not capitalised names: a swapped one is wrong
COMMON_NOUNS = [
    S("A cheetah can reach 110 km/h, a lion 80 km/h and a greyhound 70 km/h.",
      "How much faster can a cheetah run than a lion?", num(110 - 80) + " km/h",
      ((num(110 - 70) + " km/h", "swapped entity: the greyhound"), (num(110 + 80) + " km/h", "wrong operation: sum")),
      ("{}", "A cheetah is {} faster.")),
    S("A litre of petrol weighs about 0.74 kg, a litre of diesel 0.84 kg and a litre of water 1 kg.",
      "How much heavier is a litre of water than a litre of petrol?", num(1 - 0.74, 2) + " kg",
      ((num(1 - 0.84, 2) + " kg", "swapped entity: diesel"),
       (num(0.84 - 0.74, 2) + " kg", "compared diesel with petrol")),
      ("It is {} heavier.", "{}")),
    S("Gold melts at 1,064 °C, silver at 962 °C and copper at 1,085 °C.",
      "How much higher is the melting point of gold than that of silver?", num(1064 - 962) + " °C",
      ((num(1085 - 1064) + " °C", "compared copper with gold"), (num(1085 - 962) + " °C", "swapped entity: copper")),
      ("{}", "Gold melts {} higher.")),
    S("An adult human has 32 teeth, an adult dog 42 and an adult cat 30.",
      "How many more teeth does a dog have than a cat?", num(42 - 30),
      ((num(42 - 32), "swapped entity: the human"), (num(32 - 30), "compared the human with the cat")),
      ("A dog has {} more teeth.", "{}")),
    S("A blue whale can grow to 30 m, a fin whale to 26 m and a sperm whale to 20 m.",
      "How much longer can a blue whale grow than a sperm whale?", num(30 - 20) + " m",
      ((num(30 - 26) + " m", "swapped entity: the fin whale"),
       (num(26 - 20) + " m", "compared the fin and sperm whales")),
      ("{}", "A blue whale can grow {} longer.")),
    S("A teaspoon holds about 5 ml, a dessert spoon 10 ml and a tablespoon 15 ml.",
      "How many teaspoons make a tablespoon?", num(15 / 5),
      ((num(10 / 5), "swapped entity: the dessert spoon"), (num(15 - 5), "gave the difference in ml")),
      ("{} teaspoons.", "{}")),
    S("Sound travels at about 343 m/s in air, 1,480 m/s in water and 5,960 m/s in steel.",
      "How much faster does sound travel in water than in air?", num(1480 - 343) + " m/s",
      ((num(5960 - 343) + " m/s", "swapped entity: steel"), (num(5960 - 1480) + " m/s", "compared steel with water")),
      ("{}", "It travels {} faster in water.")),
    S("A hen's egg weighs about 60 g, a duck egg about 70 g and an ostrich egg about 1,400 g.",
      "How many hen's eggs weigh as much as one ostrich egg?", num(1400 / 60),
      ((num(1400 / 70), "swapped entity: the duck egg"), (num(1400 - 60), "gave the difference in grams")),
      ("About {}.", "About {} hen's eggs.")),
]


KINDS = {"sum": SUM, "difference": DIFFERENCE, "count": COUNT, "date_difference": DATE_DIFFERENCE,
         "unit_conversion": UNIT_CONVERSION, "rounding": ROUNDING, "percentage": PERCENTAGE, "rate": RATE,
         "yes_no": YES_NO, "comparison": COMPARISON, "product_sum": PRODUCT_SUM, "fraction": FRACTION,
         "subset": SUBSET, "complement": COMPLEMENT, "percent_change": PERCENT_CHANGE, "time_of_day": TIME_OF_DAY,
         "average": AVERAGE, "trend": TREND, "common_nouns": COMMON_NOUNS}


def fill(frame: str, value: str) -> str:
    text = frame.format(value)
    return text[0].upper() + text[1:]


def build() -> list[dict]:
    rows = []
    for kind, scenarios in KINDS.items():
        for i, s in enumerate(scenarios):
            split = "dev" if i % 2 == 0 else "test"
            answers = [(fill(s.frames[0], s.right), 0, None), (fill(s.frames[1], s.right_long or s.right), 0, None),
                       (fill(s.frames[0], s.wrong[0][0]), 1, s.wrong[0][1]),
                       (fill(s.frames[1], s.wrong[1][0]), 1, s.wrong[1][1])]
            for n, (response, label, error) in enumerate(answers):
                rows.append({"id": f"computed-{kind}-{i}-{n}", "source": "lmgate/computed-answers", "task": "qa",
                             "kind": kind, "question": s.question, "context": s.context, "response": response,
                             "label": label, "error": error, "split": split})
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
