# --8<-- [start:modules]
import matplotlib.pyplot as plt
import torch
from torch import nn


class Step(nn.Module):
    def forward(self, x):
        return torch.sign(x).clamp(min=0)


activations = [
    Step(),
    nn.Sigmoid(),
    nn.Tanh(),
    nn.ReLU(),
    nn.LeakyReLU(),
    nn.ELU(),
    nn.SELU(),
    nn.Softplus(),
    nn.GELU(),
    nn.SiLU(),
    nn.Mish(),
    nn.Hardswish(),
]
styles = ["-", "--", ":"]
# --8<-- [end:modules]


# --8<-- [start:compare_functions]
x = torch.linspace(-4, 3, 701)

width, height = plt.rcParams["figure.figsize"]
fig = plt.figure(figsize=(width, 1.5 * height), layout="constrained")
for i, activation in enumerate(activations):
    plt.plot(x, activation(x), styles[i // 6], label=type(activation).__name__)
plt.ylim(-2, 3)
plt.xlabel("x")
plt.ylabel("y")
plt.grid(True)
fig.legend(loc="outside lower center", ncol=3, fontsize="small")
plt.show()
# --8<-- [end:compare_functions]


# --8<-- [start:compare_derivatives]
fig = plt.figure(figsize=(width, 1.5 * height), layout="constrained")
for i, activation in enumerate(activations):
    x = torch.linspace(-4, 3, 701, requires_grad=True)
    (dy,) = torch.autograd.grad(activation(x).sum(), x)
    plt.plot(x.detach(), dy, styles[i // 6], label=type(activation).__name__)
plt.xlabel("x")
plt.ylabel("f'(x)")
plt.grid(True)
fig.legend(loc="outside lower center", ncol=3, fontsize="small")
plt.show()
# --8<-- [end:compare_derivatives]


# --8<-- [start:means]
torch.manual_seed(0)
z = torch.randn(1_000_000)
for activation in (nn.Tanh(), nn.ReLU(), nn.SELU()):
    print(type(activation).__name__, activation(z).mean().item())
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
