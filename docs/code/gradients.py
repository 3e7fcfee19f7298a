# --8<-- [start:plot_helper]
import math

import matplotlib.pyplot as plt
import torch
from torch import nn


def plot_with_derivative(activation, low, high, title):
    x = torch.linspace(low, high, 801, requires_grad=True)
    y = activation(x)
    (dy,) = torch.autograd.grad(y.sum(), x)

    plt.plot(x.detach(), y.detach(), label="f(x)")
    plt.plot(x.detach(), dy, "--", label="f'(x)")
    plt.xlabel("x")
    plt.title(title)
    plt.legend()
    plt.grid(True)
    plt.show()


# --8<-- [end:plot_helper]


# --8<-- [start:grad_sigmoid]
plot_with_derivative(nn.Sigmoid(), -8, 8, "Sigmoid")
# --8<-- [end:grad_sigmoid]


# --8<-- [start:vanishing]
torch.manual_seed(0)
x = torch.randn(10_000, requires_grad=True)
h = x
for _ in range(10):
    h = torch.sigmoid(h)
h.sum().backward()

print(x.grad.abs().max())
assert x.grad.abs().max() <= 0.25**10
# --8<-- [end:vanishing]


# --8<-- [start:grad_tanh]
plot_with_derivative(nn.Tanh(), -4, 4, "Tanh")
# --8<-- [end:grad_tanh]


# --8<-- [start:grad_relu]
plot_with_derivative(nn.ReLU(), -3, 3, "ReLU")
# --8<-- [end:grad_relu]


# --8<-- [start:dead_relu]
torch.manual_seed(0)
unit = nn.Linear(2, 1)
with torch.no_grad():
    unit.bias.fill_(-10.0)

inputs = torch.randn(100, 2)
nn.ReLU()(unit(inputs)).sum().backward()
print(unit.weight.grad, unit.bias.grad)
assert torch.count_nonzero(unit.weight.grad) == 0
assert torch.count_nonzero(unit.bias.grad) == 0
# --8<-- [end:dead_relu]


# --8<-- [start:leaky_relu_revives]
unit.zero_grad()
nn.LeakyReLU()(unit(inputs)).sum().backward()
print(unit.weight.grad, unit.bias.grad)
assert torch.count_nonzero(unit.weight.grad) == 2
assert torch.count_nonzero(unit.bias.grad) == 1
# --8<-- [end:leaky_relu_revives]


# --8<-- [start:grad_leaky_relu]
plot_with_derivative(nn.LeakyReLU(negative_slope=0.1), -3, 3, "LeakyReLU")
# --8<-- [end:grad_leaky_relu]


# --8<-- [start:kink]
x = torch.tensor([-1e-6, 1e-6], requires_grad=True)
for activation in (nn.ReLU(), nn.GELU(), nn.Mish()):
    (grad,) = torch.autograd.grad(activation(x).sum(), x)
    left, right = grad.tolist()
    print(type(activation).__name__, left, right)
    assert (abs(right - left) < 1e-5) == (type(activation) is not nn.ReLU)
# --8<-- [end:kink]


# --8<-- [start:grad_gelu]
plot_with_derivative(nn.GELU(), -4, 3, "GELU")
# --8<-- [end:grad_gelu]


# --8<-- [start:grad_mish]
plot_with_derivative(nn.Mish(), -5, 3, "Mish")
# --8<-- [end:grad_mish]


# --8<-- [start:step_module]
class Step(nn.Module):
    def forward(self, x):
        return torch.sign(x).clamp(min=0)


# --8<-- [end:step_module]


# --8<-- [start:grad_step]
plot_with_derivative(Step(), -3, 3, "Step")
# --8<-- [end:grad_step]


# --8<-- [start:grad_elu]
plot_with_derivative(nn.ELU(), -4, 3, "ELU")
# --8<-- [end:grad_elu]


# --8<-- [start:grad_selu]
plot_with_derivative(nn.SELU(), -4, 3, "SELU")
# --8<-- [end:grad_selu]


# --8<-- [start:grad_softplus]
plot_with_derivative(nn.Softplus(), -5, 5, "Softplus")
# --8<-- [end:grad_softplus]


# --8<-- [start:grad_silu]
plot_with_derivative(nn.SiLU(), -6, 3, "SiLU")
# --8<-- [end:grad_silu]


# --8<-- [start:grad_hardswish]
plot_with_derivative(nn.Hardswish(), -5, 5, "Hardswish")
# --8<-- [end:grad_hardswish]


# --8<-- [start:deep_stack]
def gradient_sizes(activation, depth=10, width=64, seed=0):
    torch.manual_seed(seed)
    h = torch.randn(256, width, requires_grad=True)
    inputs = [h]
    for _ in range(depth):
        weight = torch.randn(width, width) / width**0.5
        h = activation(h @ weight.T)
        h.retain_grad()
        inputs.append(h)
    h.sum().backward()
    return [x.grad.pow(2).mean().sqrt().item() for x in reversed(inputs)]


# Neighbours in this list share a panel of the chart below: related functions go together.
activations = [
    Step(),
    nn.Sigmoid(),
    nn.Tanh(),
    nn.Softplus(),
    nn.ReLU(),
    nn.LeakyReLU(),
    nn.Hardswish(),
    nn.GELU(),
    nn.SiLU(),
    nn.Mish(),
    nn.ELU(),
    nn.SELU(),
]
sizes = {type(f).__name__: gradient_sizes(f) for f in activations}
for name, size in sizes.items():
    print(f"{name:10} after 1: {size[1]:.2e}  after 5: {size[5]:.2e}  after 10: {size[10]:.2e}")

# Observed here; (1/4)**10 bounds only the product of the sigmoid's derivatives.
assert sizes["Sigmoid"][10] < 0.25**10
assert sizes["Step"][10] == 0
assert sizes["Sigmoid"][10] < sizes["ReLU"][10] / 1000
# --8<-- [end:deep_stack]


# --8<-- [start:deep_stack_chart]
# The same sizes on a log scale, in panels of three functions in the list's order; the others
# stay in the background, faint, for comparison. Step's gradient is exactly 0 after one layer,
# which a log scale cannot show: it has no line.
drawn = [name for name, size in sizes.items() if min(size) > 0]
groups = [drawn[i : i + 3] for i in range(0, len(drawn), 3)]
styles = ["-", "--", ":"]
layers = range(len(sizes["ReLU"]))
faint = plt.rcParams["grid.color"]

width, height = plt.rcParams["figure.figsize"]
rows = math.ceil(len(groups) / 2)  # two panels to a row
fig, axes = plt.subplots(
    rows, 2, figsize=(width, 0.75 * rows * height), sharex=True, sharey=True, layout="constrained"
)
for ax in axes.flat[len(groups) :]:  # an odd number of panels leaves one cell empty
    ax.remove()
for ax, group in zip(axes.flat, groups, strict=False):
    for name in drawn:
        if name not in group:
            ax.plot(layers, sizes[name], color=faint, linewidth=1)
    for style, name in zip(styles, group, strict=False):  # colours: the colour cycle in turn
        ax.plot(layers, sizes[name], style, label=name, marker=".")
    ax.set_yscale("log")
    ax.set_xticks(layers[::2])
    ax.set_ylim(1e-8, 10)
    ax.grid(True, which="major")
    ax.legend(loc="lower left", fontsize="small", handlelength=1.8)
fig.supxlabel("$k$")
fig.supylabel("RMS")
plt.show()
# --8<-- [end:deep_stack_chart]


# --8<-- [start:exercise_bounds]
print(f"sigmoid, 10 layers: at most {0.25**10:.2e}")

x = torch.randn(10_000, requires_grad=True)
h = x
for _ in range(10):
    h = torch.tanh(h)
h.sum().backward()
print(f"tanh, 10 layers: largest {x.grad.abs().max():.2e}, median {x.grad.abs().median():.2e}")
# --8<-- [end:exercise_bounds]


# --8<-- [start:exercise_bias]
for bias in (-10.0, -1.0, 0.0):
    with torch.no_grad():
        unit.bias.fill_(bias)
    unit.zero_grad()
    nn.ReLU()(unit(inputs)).sum().backward()
    active = (unit(inputs) > 0).sum().item()
    print(f"bias {bias:5}: {active:3} of 100 inputs active, weight gradient {unit.weight.grad}")
# --8<-- [end:exercise_bias]
