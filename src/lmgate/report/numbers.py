"""Number formats shared by the report templates: one place decides how many digits a reader sees."""

from __future__ import annotations

import math


def num(value: object, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:.{digits}f}"


def signed(value: object, digits: int = 3) -> str:
    text = num(value, digits)
    return text if text == "–" or text.startswith("-") else "+" + text


def pct(value: object, digits: int = 1) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return "–"
    return f"{100 * value:.{digits}f} %"


def points(value: object) -> str:
    """A difference of two rates, in percentage points."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return "–"
    return f"{100 * value:+.1f}\u00a0pts"


def pvalue(value: object) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return "–"
    return "<\u00a00.001" if value < 0.001 else f"{value:.3f}"  # no-break space: one line in a cell


def interval(diff: dict | None, digits: int = 3) -> str:
    if not diff or diff.get("mean") is None:  # no item in both sides: nothing was compared
        return "–"
    return f"{signed(diff.get('mean'), digits)}\u00a0[{signed(diff.get('ci_low'), digits)},\u00a0" \
           f"{signed(diff.get('ci_high'), digits)}]"


def plural(count: object, word: str) -> str:
    return f"{num(count)} {word}{'' if count == 1 else 's'}"


def weight(value: object) -> str:
    """Traffic weight: a fraction (0.25) or a percentage (25) in the result, always shown as 25 %."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return "–"
    return f"{100 * value:g} %" if 0 < value < 1 or (isinstance(value, float) and value == 1.0) else f"{value:g} %"


FILTERS = {"weight": weight, "plural": plural, "points": points, "num": num, "signed": signed, "pct": pct,
           "pvalue": pvalue, "interval": interval}
