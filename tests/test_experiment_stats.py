"""What the experiment page says about its numbers: intervals, and why ReLU's networks failed."""

import math

import pytest

from activation_tutorial.content.binomial import (
    differ,
    difference_interval,
    rate_groups,
    wilson_interval,
)
from activation_tutorial.content.experiment_values import (
    failure_causes,
    relu_failure_values,
    xor_rate_values,
)
from activation_tutorial.experiment.xor_runs import XorRuns


def test_wilson_interval_matches_its_formula_and_the_known_ends():
    low, high = wilson_interval(51, 100)
    assert (low, high) == pytest.approx((0.41348, 0.60578), abs=1e-5)
    # 0 of 100: [0, 3.7 %], not the degenerate [0, 0] of p ± 1.96 se.
    assert wilson_interval(0, 100) == pytest.approx((0.0, 0.036993), abs=1e-6)
    assert wilson_interval(100, 100)[1] == 1.0
    with pytest.raises(ValueError):
        wilson_interval(5, 4)


def test_a_few_points_apart_on_100_seeds_is_not_a_difference():
    assert not differ(51, 100, 49, 100)
    assert not differ(61, 100, 72, 100)
    low, high = difference_interval(51, 100, 49, 100)
    assert low < 0 < high and math.isclose(low + high, 2 * 0.02, abs_tol=0.02)


def test_rates_fall_into_groups_that_differ_from_each_other():
    counts = [("step", 0), ("sigmoid", 51), ("tanh", 49), ("relu", 18), ("leaky_relu", 61),
              ("elu", 69), ("selu", 79), ("softplus", 72), ("gelu", 100),
              ("silu", 100)]  # fmt: skip
    groups = rate_groups(counts, 100)
    assert groups == [["step"], ["relu"],
                      ["tanh", "sigmoid", "leaky_relu", "elu", "softplus", "selu"],
                      ["gelu", "silu"]]  # fmt: skip
    rate = dict(counts)
    for i, lower in enumerate(groups):
        for upper in groups[i + 1 :]:
            assert all(differ(rate[a], 100, rate[b], 100) for a in lower for b in upper)


def _runs(hidden: list[list[tuple[float, float]]], solved: list[int | None]) -> XorRuns:
    return XorRuns("relu", 100, tuple(solved), tuple(0.5 for _ in solved),
                   tuple(tuple(p) for p in hidden))  # fmt: skip


DEAD = [(1.0, -0.5), (2.0, -0.1), (0.5, -2.0), (1.5, 0.0)]  # unit 2: z <= 0 on every input
ACTIVE = [(0.1, 0.3), (0.2, 0.4), (0.3, 0.1), (0.3, 0.2)]  # every unit positive everywhere
CUT_OFF = [(2.0, -0.1), (-0.4, -2.4), (-0.1, 2.3), (-2.5, 0.5)]  # input 2: both units off
SOLVED = [(1.0, -1.0), (-1.0, 1.0), (1.0, 1.0), (-1.0, -1.0)]


def test_each_failed_network_gets_one_cause():
    causes = failure_causes(
        _runs([ACTIVE, DEAD, SOLVED, CUT_OFF, DEAD], [None, None, 40, None, None])
    )
    assert causes == {"dead_unit": (1, 4), "all_active": (0,), "input_cut_off": (3,), "other": ()}


def test_the_page_quotes_the_counts():
    values = relu_failure_values([_runs([ACTIVE, DEAD, SOLVED], [None, None, 12])])
    assert values["relu_failed"] == "2" and values["relu_dead"] == "1"
    assert values["relu_all_active"] == "1" and values["relu_all_active_seed"] == "0"
    assert values["relu_no_dead"] == "1"


def test_rate_values_say_how_wide_the_intervals_are():
    runs = [XorRuns("sigmoid", 100, (1,) * 51 + (None,) * 49, (0.1,) * 100),
            XorRuns("relu", 100, (1,) * 18 + (None,) * 82, (0.1,) * 100)]  # fmt: skip
    values = xor_rate_values(runs)
    assert values["xor_interval_half"] == "10"
    assert [g["names"] for g in values["xor_groups"]] == [["ReLU"], ["Sigmoid"]]
    assert values["xor_groups"][0]["rates"] == "18"
