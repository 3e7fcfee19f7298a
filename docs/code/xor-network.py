# --8<-- [start:pytorch_network]
import torch
from torch import nn

# float64, as the table below and the notebook: the same network prints the same digits.
torch.set_default_dtype(torch.float64)

net = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1))
with torch.no_grad():
    net[0].weight.copy_(torch.tensor([[10.0, 10.0], [-10.0, -10.0]]))
    net[0].bias.copy_(torch.tensor([-5.0, 15.0]))
    net[2].weight.copy_(torch.tensor([[10.0, 10.0]]))
    net[2].bias.copy_(torch.tensor([-15.0]))

inputs = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
with torch.no_grad():
    probability = torch.sigmoid(net(inputs)).squeeze(1)
print(probability)
predicted = (probability > 0.5).int()
assert predicted.tolist() == [0, 1, 1, 0]
# --8<-- [end:pytorch_network]


# --8<-- [start:xor_surface_y]
import matplotlib.pyplot as plt

# Every point of the plane from -0.5 to 1.5, as a batch of inputs for the same network.
grid = torch.linspace(-0.5, 1.5, 201)
x1, x2 = torch.meshgrid(grid, grid, indexing="xy")
with torch.no_grad():
    y = net(torch.stack([x1.flatten(), x2.flatten()], dim=1)).reshape(x1.shape)

ink = plt.rcParams["text.color"]  # dark lines on a light background, light ones on a dark one


def draw_surface(value, levels, boundary, label):
    fig, ax = plt.subplots(figsize=(4.6, 3.8))
    filled = ax.contourf(x1, x2, value, levels=levels, cmap="RdBu_r", extend="both")
    filled.set_rasterized(True)  # a picture, not thousands of vector shapes
    ax.contour(x1, x2, value, levels=[boundary], colors=[ink], linewidths=2, linestyles="--")
    for (a, b), target in zip(inputs.tolist(), [0, 1, 1, 0], strict=True):
        ax.scatter(a, b, s=140, marker="^" if target else "o", color=f"C{target}",
                   edgecolors=ink, zorder=3)  # fmt: skip
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    fig.colorbar(filled, ax=ax, label=label)
    fig.tight_layout()
    plt.show()


draw_surface(y, levels=torch.linspace(-6, 6, 25), boundary=0.0, label="$y$")
# --8<-- [end:xor_surface_y]


# --8<-- [start:xor_surface_p]
draw_surface(torch.sigmoid(y), levels=torch.linspace(0, 1, 21), boundary=0.5, label=r"$\sigma(y)$")
# --8<-- [end:xor_surface_p]
