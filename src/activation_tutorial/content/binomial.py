"""How far a success rate measured on a few seeds can be trusted: binomial intervals (about ten
points either way at 50 % with 100 seeds), so a few points' difference is not read as a ranking."""

from __future__ import annotations

import math
from collections.abc import Sequence

Z95 = 1.959963984540054  # the standard normal's 97.5 % quantile: two-sided 95 % intervals


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval for a binomial rate (sound at 0 % and 100 %, unlike p ± z·se)."""
    if not 0 <= successes <= trials or trials == 0:
        raise ValueError(f"need 0 <= successes <= trials, trials > 0; got {successes}/{trials}")
    p = successes / trials
    denominator = 1.0 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    # Exact at the ends: rounding must not put 0 or 1 outside the interval.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


def difference_interval(k1: int, n1: int, k2: int, n2: int, z: float = Z95) -> tuple[float, float]:
    """95 % interval for rate 1 minus rate 2 from the two Wilson intervals (Newcombe 1998)."""
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson_interval(k1, n1, z)
    l2, u2 = wilson_interval(k2, n2, z)
    d = p1 - p2
    return d - math.hypot(p1 - l1, u2 - p2), d + math.hypot(u1 - p1, p2 - l2)


def differ(k1: int, n1: int, k2: int, n2: int) -> bool:
    """Whether two rates differ beyond chance in the seeds: 0 lies outside their interval."""
    low, high = difference_interval(k1, n1, k2, n2)
    return low > 0 or high < 0


def rate_groups(counts: Sequence[tuple[str, int]], trials: int) -> list[list[str]]:
    """Names sorted by rate, cut into the most groups such that every rate differs from every
    rate in another group: two rates that do not differ keep all between them in one group.
    Inside a group the order is not established."""
    ranked = sorted(counts, key=lambda c: c[1])
    groups: list[list[str]] = []
    reach = -1  # the furthest rank that must share the current group
    for i, (name, k) in enumerate(ranked):
        if i > reach:
            groups.append([])
        groups[-1].append(name)
        tied = [j for j, (_, b) in enumerate(ranked) if not differ(k, trials, b, trials)]
        reach = max(reach, *tied)  # k itself is tied: never empty
    return groups
