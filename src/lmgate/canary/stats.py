"""Anytime-valid statistics for canary decisions (standard library only).

Bad-event metrics (errors, hallucination flags, thumbs-down, slow requests) test the rate ratio
θ = rate_canary / rate_stable. Within a tick, given the observed exposures n_c and n_s, the
canary's share of the tick's bad events is binomial with ρ(θ) = θ·r_c / (θ·r_c + r_s), so the
product of per-tick likelihood ratios is a test martingale under θ = θ0 however the weights move.
A uniform mixture over θ ∈ θ0·{1.1, 1.25, 1.5, 2, 3} is an e-process; by Ville's inequality it
crosses 1/α with probability ≤ α over the whole rollout, however often we look (docs/canary.md).
Non-inferiority mirrors it with alternatives θ0/{…} against θ0 = the margin.
With per-request (Bernoulli) outcomes the exact law of the canary's share under θ = 1 is
hypergeometric, dominated in convex order by the binomial (Hoeffding 1963); each factor is convex
in the count, so its mean stays ≤ 1 and the harm test's guarantee holds, conservatively. For the
non-inferiority null (θ = margin) the binomial is the usual Poisson approximation.

Bounded scores use the Gaussian mSPRT (Johari, Pekelis & Walsh 2022) on inverse-variance-weighted
per-tick differences, so changing allocations keep independent increments.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

FACTORS = (1.1, 1.25, 1.5, 2.0, 3.0)
UB_GRID = tuple(round(1.0 + 0.05 * i, 2) for i in range(41))  # 1.00 … 3.00: reported upper bound


def rho(theta: float, r_c: float) -> float:
    return theta * r_c / (theta * r_c + (1.0 - r_c))


def log_mean_exp(logs: Sequence[float]) -> float:
    top = max(logs)
    return top + math.log(sum(math.exp(x - top) for x in logs) / len(logs))


def rate_increments(bad_c: int, n_c: int, bad_s: int, n_s: int, null: float,
                    alternatives: Sequence[float]) -> list[float]:
    """Per-alternative log likelihood ratios of one tick (zero when the tick carries no information)."""
    if n_c <= 0 or n_s <= 0 or bad_c + bad_s == 0:
        return [0.0] * len(alternatives)
    r_c = n_c / (n_c + n_s)
    p0 = rho(null, r_c)
    return [bad_c * math.log(p1 / p0) + bad_s * math.log((1.0 - p1) / (1.0 - p0))
            for p1 in (rho(a, r_c) for a in alternatives)]


class RateTest:
    """Harm e-process (θ > null) and non-inferiority e-process (θ < margin), updated per tick."""

    def __init__(self, null: float = 1.0, margin: float = 1.25, bounds: bool = True,
                 logs: dict | None = None) -> None:
        self.null, self.margin, self.bounds = null, margin, bounds
        self.harm_alts = [null * f for f in FACTORS]
        self.ni_alts = [margin / f for f in FACTORS]
        logs = logs or {}
        self.harm = list(logs.get("harm") or [0.0] * len(FACTORS))
        self.ni = list(logs.get("ni") or [0.0] * len(FACTORS))
        self.grid = [list(g) for g in logs.get("grid") or [[0.0] * len(FACTORS) for _ in UB_GRID]] \
            if bounds else []

    def update(self, bad_c: int, n_c: int, bad_s: int, n_s: int) -> None:
        for i, x in enumerate(rate_increments(bad_c, n_c, bad_s, n_s, self.null, self.harm_alts)):
            self.harm[i] += x
        for i, x in enumerate(rate_increments(bad_c, n_c, bad_s, n_s, self.margin, self.ni_alts)):
            self.ni[i] += x
        for theta0, logs in zip(UB_GRID, self.grid, strict=False):
            for i, x in enumerate(rate_increments(bad_c, n_c, bad_s, n_s, theta0, [theta0 / f for f in FACTORS])):
                logs[i] += x

    def harm_evidence(self) -> float:
        return math.exp(min(700.0, log_mean_exp(self.harm)))

    def ni_evidence(self) -> float:
        return math.exp(min(700.0, log_mean_exp(self.ni)))

    def upper_bound(self, threshold: float) -> float | None:
        """Always-valid upper bound on θ: the smallest grid value the data already reject as too high."""
        for theta0, logs in zip(UB_GRID, self.grid, strict=False):
            if log_mean_exp(logs) >= math.log(threshold):
                return theta0
        return None

    def to_json(self) -> dict:
        return {"harm": self.harm, "ni": self.ni, "grid": self.grid}


class ScoreTest:
    """mSPRT on the mean difference canary − stable of a score in [0, 1] (higher is better)."""

    def __init__(self, margin: float = 0.05, tau2: float = 0.01, logs: dict | None = None) -> None:
        self.margin, self.tau2 = margin, tau2
        logs = logs or {}
        self.s, self.info = float(logs.get("s", 0.0)), float(logs.get("info", 0.0))

    def update(self, c: Sequence[float], s: Sequence[float]) -> None:
        """c and s are (sum, sum of squares, n) of each side's scores in the tick."""
        if c[2] < 2 or s[2] < 2:
            return
        (mc, vc), (ms, vs) = _moments(c), _moments(s)
        var = vc / c[2] + vs / s[2]
        self.s += (mc - ms) / var
        self.info += 1.0 / var

    def estimate(self) -> float:
        return self.s / self.info if self.info else 0.0

    def harm_evidence(self) -> float:
        """Λ_n against Δ = 0, counted only when the canary looks worse (one-sided)."""
        if self.info == 0 or self.s >= 0:
            return 1.0
        t = self.tau2
        log_l = -0.5 * math.log1p(t * self.info) + t * self.s ** 2 / (2.0 * (1.0 + t * self.info))
        return math.exp(min(700.0, log_l))

    def lower_bound(self, threshold: float) -> float | None:
        """Always-valid lower bound on Δ from the mSPRT confidence sequence."""
        if self.info == 0:
            return None
        t, i = self.tau2, self.info
        half = math.sqrt((1.0 + t * i) / (t * i * i) * (2.0 * math.log(threshold) + math.log1p(t * i)))
        return self.estimate() - half

    def to_json(self) -> dict:
        return {"s": self.s, "info": self.info}


def _moments(side: Sequence[float]) -> tuple[float, float]:
    total, squares, n = side
    mean = total / n
    return mean, max(1e-4, (squares - n * mean * mean) / (n - 1))
