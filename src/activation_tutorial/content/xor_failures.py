"""Why a 2-2-1 network failed to learn XOR, read from its hidden layer at the end of training, so
the page can say how many failures each cause explains."""

from __future__ import annotations

from dataclasses import dataclass

from activation_tutorial.experiment.xor_runs import XorRuns

# Each failed seed gets the first that applies
CAUSES = ("dead_unit", "all_active", "input_cut_off", "other")


@dataclass(frozen=True)
class FailureCauses:
    failed: int  # seeds that did not get all four inputs right
    by_cause: dict[str, tuple[int, ...]]  # per cause, the failed seeds it applies to first


def cause_of(hidden: tuple[tuple[float, ...], ...]) -> str:
    """The cause for one network, from its hidden pre-activations (one row per input):
    ``dead_unit``, a unit has z <= 0 on every input (for ReLU: output and gradient 0);
    ``all_active``, every z > 0, so a ReLU network is one affine map on the four points (a
    line, which cannot separate XOR); ``input_cut_off``, an input has z <= 0 on every unit,
    so its error reaches no hidden weight; ``other``, none of these."""
    units = range(len(hidden[0]))
    if any(all(point[u] <= 0 for point in hidden) for u in units):
        return "dead_unit"
    if all(z > 0 for point in hidden for z in point):
        return "all_active"
    if any(all(z <= 0 for z in point) for point in hidden):
        return "input_cut_off"
    return "other"


def failure_causes(runs: XorRuns) -> FailureCauses:
    """The failed seeds of ``runs`` sorted by cause."""
    failed_seeds = [seed for seed, solved in enumerate(runs.solved_at) if solved is None]
    if failed_seeds and len(runs.hidden_inputs) != len(runs.solved_at):
        raise ValueError(f"{runs.activation}: no hidden-layer values per seed to diagnose")
    by_cause: dict[str, list[int]] = {cause: [] for cause in CAUSES}
    for seed in failed_seeds:
        by_cause[cause_of(runs.hidden_inputs[seed])].append(seed)
    return FailureCauses(len(failed_seeds), {c: tuple(seeds) for c, seeds in by_cause.items()})
