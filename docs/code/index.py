# --8<-- [start:merge]
import torch
from torch import nn

torch.manual_seed(0)
first = nn.Linear(2, 3)
second = nn.Linear(3, 1)

merged = nn.Linear(2, 1)
with torch.no_grad():
    merged.weight.copy_(second.weight @ first.weight)
    merged.bias.copy_(second.weight @ first.bias + second.bias)

x = torch.randn(1000, 2)
assert torch.allclose(second(first(x)), merged(x), atol=1e-6)

# With a ReLU between the two layers, the merged layer no longer gives the same outputs.
assert not torch.allclose(second(torch.relu(first(x))), merged(x), atol=1e-6)
# --8<-- [end:merge]


# --8<-- [start:stacked_surfaces]
import matplotlib.pyplot as plt

# The output over a grid of inputs: its height above the plane of (x1, x2).
x1, x2 = torch.meshgrid(torch.linspace(-3, 3, 41), torch.linspace(-3, 3, 41), indexing="xy")
grid = torch.stack([x1.flatten(), x2.flatten()], dim=1)
with torch.no_grad():
    linear_only = second(first(grid)).reshape(x1.shape)
    relu_between = second(torch.relu(first(grid))).reshape(x1.shape)

ink = plt.rcParams["text.color"]  # dark lines on a light background, light ones on a dark one
width, height = plt.rcParams["figure.figsize"]
fig = plt.figure(figsize=(width, 0.55 * width))
for i, (output, title) in enumerate(
    ((linear_only, "Linear → Linear"), (relu_between, "Linear → ReLU → Linear"))
):
    ax = fig.add_subplot(1, 2, i + 1, projection="3d")
    # One colour, lit from the side: each flat piece gets one shade, so creases show.
    ax.plot_surface(x1, x2, output, color="C0", edgecolor="none", shade=True, rasterized=True)
    ax.plot_wireframe(x1, x2, output, rstride=8, cstride=8, color=ink, linewidth=0.4)
    ax.view_init(elev=25, azim=-110)
    ax.set_title(title, fontsize="medium")
    ax.set_xlabel("$x_1$", labelpad=-12)
    ax.set_ylabel("$x_2$", labelpad=-12)
    ax.set_zlabel("$y$", labelpad=-12)
    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_ticklabels([])  # the shape is the point, not the numbers
        axis.set_pane_color((0, 0, 0, 0))
fig.tight_layout()
plt.show()
# --8<-- [end:stacked_surfaces]


# --8<-- [start:least_squares]
with_relu = nn.Sequential(first, nn.ReLU(), second)
target = with_relu(x).detach()

X = torch.cat([x, torch.ones(len(x), 1)], dim=1)
best_affine = torch.linalg.lstsq(X, target).solution
residual = (X @ best_affine - target).abs().max()
assert residual > 0.01
# --8<-- [end:least_squares]


# --8<-- [start:exercise_three_layers]
torch.manual_seed(1)
layers = [nn.Linear(2, 4), nn.Linear(4, 4), nn.Linear(4, 1)]

weight, bias = torch.eye(2), torch.zeros(2)  # start from "do nothing": x -> x
with torch.no_grad():
    for layer in layers:
        weight, bias = layer.weight @ weight, layer.weight @ bias + layer.bias

    sample = torch.randn(1000, 2)
    stacked = layers[2](layers[1](layers[0](sample)))
    merged = sample @ weight.T + bias
print("same outputs:", torch.allclose(stacked, merged, atol=1e-6))
assert torch.allclose(stacked, merged, atol=1e-6)
# --8<-- [end:exercise_three_layers]


# --8<-- [start:exercise_residuals]
for activation in (nn.ReLU(), nn.Tanh(), nn.Identity()):
    with torch.no_grad():
        target = second(activation(first(x)))
    best_affine = torch.linalg.lstsq(X, target).solution
    residual = (X @ best_affine - target).abs().max()
    # Two decimals: below that, the digits are rounding error and vary with the CPU's threads.
    print(f"{type(activation).__name__:8} largest residual: {residual:.2f}")
# --8<-- [end:exercise_residuals]
