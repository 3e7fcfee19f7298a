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


# --8<-- [start:network_diagram]
import matplotlib.pyplot as plt
import numpy as np

ink = plt.rcParams["text.color"]  # dark lines on a light background, light ones on a dark one

# Where each unit sits: inputs on the left, hidden units in the middle, the output on the right.
place = {"x1": (0, 1), "x2": (0, 0), "h1": (1, 1), "h2": (1, 0), "y": (2, 0.5)}
names = {"x1": "$x_1$", "x2": "$x_2$", "h1": "$h_1$", "h2": "$h_2$", "y": "$y$"}

# Every weight read from the network itself: change one above and the picture follows.
edges = []  # (from, to, label)
for i, unit in enumerate(["h1", "h2"]):
    for j, source in enumerate(["x1", "x2"]):
        edges.append((source, unit, f"$w_{{{i + 1}{j + 1}}} = {net[0].weight[i, j].item():g}$"))
for j, source in enumerate(["h1", "h2"]):
    edges.append((source, "y", f"$w_{{3{j + 1}}} = {net[2].weight[0, j].item():g}$"))
biases = {
    "h1": f"$b_1 = {net[0].bias[0].item():g}$",
    "h2": f"$b_2 = {net[0].bias[1].item():g}$",
    "y": f"$b_3 = {net[2].bias[0].item():g}$",
}

fig, ax = plt.subplots(figsize=(5.0, 3.7))
ax.set_xlim(-0.25, 2.85)
ax.set_ylim(-0.45, 1.45)
for source, target, label in edges:
    (xa, ya), (xb, yb) = place[source], place[target]
    arrow = {"arrowstyle": "-|>", "color": ink, "shrinkA": 15, "shrinkB": 15}
    ax.annotate("", xy=(xb, yb), xytext=(xa, ya), arrowprops=arrow)
    # The label runs along its edge, beside it: the lower edges' labels below them, so that
    # no two labels meet, and the crossing edges' labels short of the crossing.
    along = 0.3 if ya != yb and target != "y" else 0.5
    (sa, ta), (sb, tb) = ax.transData.transform([(xa, ya), (xb, yb)])  # on screen
    angle = np.arctan2(tb - ta, sb - sa)
    side = -1 if source == "x2" else 1
    ax.annotate(
        label,
        (xa + along * (xb - xa), ya + along * (yb - ya)),
        xytext=(-side * 8 * np.sin(angle), side * 8 * np.cos(angle)),
        textcoords="offset points",
        ha="center",
        va="center",
        rotation=np.degrees(angle),
        rotation_mode="anchor",
    )
for unit, (x, y) in place.items():
    ax.scatter(x, y, s=700, facecolor="none", edgecolor=ink, linewidth=1.5)
    ax.text(x, y, names[unit], ha="center", va="center")
for unit, label in biases.items():
    x, y = place[unit]
    above = unit == "h1"  # the output's bias goes below it, clear of the edges' labels
    ax.text(x, y + (0.18 if above else -0.18), label, ha="center", va="bottom" if above else "top")
ax.annotate(
    r"$\sigma(y)$",
    xy=(2.2, 0.5),
    xytext=(2.65, 0.5),
    va="center",
    ha="center",
    arrowprops={"arrowstyle": "<|-", "color": ink, "shrinkA": 12},
)
ax.axis("off")
plt.show()
# --8<-- [end:network_diagram]


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
    # The colour map is near white along the boundary, on a light page and a dark one alike.
    ax.contour(x1, x2, value, levels=[boundary], colors=["black"], linewidths=2, linestyles="--")
    for (a, b), target in zip(inputs.tolist(), [0, 1, 1, 0], strict=True):
        ax.scatter(
            a, b, s=140, marker="^" if target else "o", color=f"C{target}", edgecolors=ink, zorder=3
        )
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


# --8<-- [start:hidden_space]
# The hidden layer alone: each input (x1, x2) becomes (f(z1), f(z2)).
hidden = nn.Sequential(net[0], nn.Sigmoid())
linear_hidden = nn.Sequential(net[0], nn.Identity())  # the same weights, no nonlinearity
w31, w32 = net[2].weight[0].tolist()
b3 = net[2].bias.item()

# Lines of the input plane (x1 fixed, or x2 fixed), to see where the hidden layer puts them.
steps = torch.linspace(-0.5, 1.5, 201)
input_lines = [
    torch.stack([torch.full_like(steps, c), steps], dim=1) for c in (-0.5, 0, 0.5, 1, 1.5)
]
input_lines += [line.flip(1) for line in input_lines]

width, height = plt.rcParams["figure.figsize"]
fig, axes = plt.subplots(1, 2, figsize=(width, 0.6 * width))
for ax, layer, title in ((axes[0], hidden, "sigmoid"), (axes[1], linear_hidden, "identity")):
    with torch.no_grad():
        h = layer(inputs)
        for line in input_lines:
            moved = layer(line)
            ax.plot(moved[:, 0], moved[:, 1], color=ink, alpha=0.25, linewidth=1)
    # Show the four points with a margin of a third of their spread.
    margin = (h.max() - h.min()).item() / 3
    low, high = h.min().item() - margin, h.max().item() + margin
    # The output layer's line y = w31 h1 + w32 h2 + b3 = 0, with y > 0 tinted.
    g1, g2 = torch.meshgrid(
        torch.linspace(low, high, 161), torch.linspace(low, high, 161), indexing="xy"
    )
    y_out = w31 * g1 + w32 * g2 + b3
    ax.contourf(g1, g2, y_out > 0, levels=[-0.5, 0.5, 1.5], colors=["C0", "C1"], alpha=0.18)
    ax.contour(g1, g2, y_out, levels=[0], colors=[ink], linewidths=2)
    for (a, b), target in zip(h.tolist(), [0, 1, 1, 0], strict=True):
        ax.scatter(
            a, b, s=140, marker="^" if target else "o", color=f"C{target}", edgecolors=ink, zorder=3
        )
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_aspect("equal")
    ax.set_title(title)
    ax.set_xlabel("$h_1$")
    ax.set_ylabel("$h_2$")
fig.tight_layout()
plt.show()
# --8<-- [end:hidden_space]


# --8<-- [start:exercise_flip_w31]
import copy

changed = copy.deepcopy(net)  # leave the page's network as it is
with torch.no_grad():
    changed[2].weight[0, 0] = -10.0
    print("y:", changed(inputs).squeeze(1))
    print("prediction:", (changed(inputs).squeeze(1) > 0).int().tolist())
# --8<-- [end:exercise_flip_w31]


# --8<-- [start:exercise_relu_hidden]
with_relu = nn.Sequential(net[0], nn.ReLU(), net[2])  # the same weights, ReLU in the middle
with torch.no_grad():
    print("hidden:", nn.ReLU()(net[0](inputs)).tolist())
    print("prediction:", (with_relu(inputs).squeeze(1) > 0).int().tolist())
# --8<-- [end:exercise_relu_hidden]
