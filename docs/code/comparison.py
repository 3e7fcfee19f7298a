# --8<-- [start:modules]
import math

import matplotlib.pyplot as plt
import torch
from torch import nn


class Step(nn.Module):
    def forward(self, x):
        return torch.sign(x).clamp(min=0)


# In panels of three, in this order: neighbours in the list share a panel, so similar
# shapes go together and each panel has few enough curves to tell apart.
activations = [
    Step(),
    nn.Sigmoid(),
    nn.Tanh(),
    nn.ReLU(),
    nn.LeakyReLU(),
    nn.Hardswish(),
    nn.ELU(),
    nn.SELU(),
    nn.Softplus(),
    nn.GELU(),
    nn.SiLU(),
    nn.Mish(),
]
groups = [activations[i : i + 3] for i in range(0, len(activations), 3)]
styles = ["-", "--", ":"]  # colour and line style both tell the curves of a panel apart
# --8<-- [end:modules]


# --8<-- [start:compare_functions]
x = torch.linspace(-4, 3, 701)

width, height = plt.rcParams["figure.figsize"]


def draw_panels(curve, ylim, ylabel):
    """One panel per group; curve(activation) gives the (x, y) to plot."""
    rows = math.ceil(len(groups) / 2)  # two panels to a row
    fig, axes = plt.subplots(
        rows,
        2,
        figsize=(width, 0.75 * rows * height),
        sharex=True,
        sharey=True,
        layout="constrained",
        squeeze=False,
    )
    if len(groups) % 2:  # an odd number of panels leaves the last cell empty
        axes[-1, -1].remove()
        axes[-2, -1].tick_params(labelbottom=True)  # so the panel above it shows its x values
    for ax, group in zip(axes.flat, groups, strict=False):
        for style, activation in zip(styles, group, strict=False):
            ax.plot(*curve(activation), style, label=type(activation).__name__)
        ax.set_ylim(*ylim)
        ax.grid(True)
        ax.legend(loc="upper left", fontsize="small", handlelength=1.8)
    fig.supxlabel("x")
    fig.supylabel(ylabel)
    plt.show()


draw_panels(lambda f: (x, f(x)), ylim=(-2, 4), ylabel="y")
# --8<-- [end:compare_functions]


# --8<-- [start:compare_derivatives]
def derivative(f):
    x = torch.linspace(-4, 3, 701, requires_grad=True)
    (dy,) = torch.autograd.grad(f(x).sum(), x)
    return x.detach(), dy


draw_panels(derivative, ylim=(-0.6, 3.2), ylabel="f'(x)")
# --8<-- [end:compare_derivatives]


# --8<-- [start:means]
torch.manual_seed(0)
z = torch.randn(1_000_000)
for activation in (nn.Tanh(), nn.ReLU(), nn.SELU()):
    print(f"{type(activation).__name__:5} {activation(z).mean().item():+.4f}")
assert abs(nn.Tanh()(z).mean()) < 0.01
assert nn.ReLU()(z).mean() > 0.3
# --8<-- [end:means]


# --8<-- [start:exercise_means]
for activation in (nn.ELU(), nn.GELU(), nn.SiLU(), nn.Softplus()):
    print(f"{type(activation).__name__:9} {activation(z).mean().item():.3f}")
# --8<-- [end:exercise_means]


# --8<-- [start:exercise_large_x]
x = torch.tensor([-5.0, 5.0])
for activation in (nn.Softplus(), nn.GELU(), nn.SiLU(), nn.Mish()):
    gap = activation(x) - nn.ReLU()(x)
    print(f"{type(activation).__name__:9} minus ReLU at -5: {gap[0]:+.1e}, at 5: {gap[1]:+.1e}")
# --8<-- [end:exercise_large_x]
