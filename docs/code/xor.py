# --8<-- [start:xor_points]
import matplotlib.pyplot as plt
import numpy as np

points = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
labels = np.array([0, 1, 1, 0])  # XOR: 1 when exactly one input is 1


def draw_points(ax):
    """Output 0 as circles, output 1 as triangles (shape as well as colour)."""
    for label, marker, colour in ((0, "o", "C0"), (1, "^", "C1")):
        chosen = points[labels == label]
        ax.scatter(chosen[:, 0], chosen[:, 1], s=140, marker=marker, color=colour, zorder=3)
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(True, alpha=0.6)


fig, ax = plt.subplots(figsize=(3.6, 3.6))
draw_points(ax)
for x1, x2 in points:
    ax.annotate(f"({x1}, {x2})", (x1, x2), textcoords="offset points", xytext=(0, -24), ha="center")
plt.show()
# --8<-- [end:xor_points]


# --8<-- [start:line_search]
angles = np.linspace(0, 2 * np.pi, 720, endpoint=False)
normals = np.stack([np.cos(angles), np.sin(angles)], axis=1)
offsets = np.linspace(-1.5, 1.5, 801)

scores = points @ normals.T
predicted = scores[None, :, :] + offsets[:, None, None] > 0
correct = (predicted == labels[None, :, None]).sum(axis=1)
print(correct.max())
assert correct.max() == 3
# --8<-- [end:line_search]


# --8<-- [start:xor_linear_vs_network]
# Left: one of the best lines found above (the one farthest from the points).
margin = np.abs(scores[None, :, :] + offsets[:, None, None]).min(axis=1)
margin[correct < correct.max()] = -1
best_offset, best_angle = np.unravel_index(margin.argmax(), margin.shape)
(w1, w2), b = normals[best_angle], offsets[best_offset]


# Right: the 2-2-1 network of the next page, with its hand-set weights.
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def network(x1, x2):
    h1 = sigmoid(10 * x1 + 10 * x2 - 5)
    h2 = sigmoid(-10 * x1 - 10 * x2 + 15)
    return 10 * h1 + 10 * h2 - 15


g1, g2 = np.meshgrid(np.linspace(-0.5, 1.5, 161), np.linspace(-0.5, 1.5, 161))
ink = plt.rcParams["text.color"]  # dark lines on a light background, light ones on a dark one

width, height = plt.rcParams["figure.figsize"]
fig, (left, right) = plt.subplots(1, 2, figsize=(width, 0.6 * width))
for ax, value, title in (
    (left, w1 * g1 + w2 * g2 + b, f"{correct.max()} / 4"),
    (right, network(g1, g2), "4 / 4"),
):
    ax.contourf(g1, g2, value > 0, levels=[-0.5, 0.5, 1.5], colors=["C0", "C1"], alpha=0.18)
    ax.contour(g1, g2, value, levels=[0], colors=[ink], linewidths=2)
    draw_points(ax)
    ax.set_title(title)

# Circle the points the line gets wrong.
wrong = points[(points @ [w1, w2] + b > 0) != labels]
left.scatter(wrong[:, 0], wrong[:, 1], s=520, facecolors="none", edgecolors=ink, linestyles="--")
fig.tight_layout()
plt.show()
# --8<-- [end:xor_linear_vs_network]


# --8<-- [start:exercise_and_or]
for name, targets in (("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("XOR", [0, 1, 1, 0])):
    right = (predicted == np.array(targets)[None, :, None]).sum(axis=1)
    print(f"{name}: at most {right.max()} of 4 points right with one line")
# --8<-- [end:exercise_and_or]


# --8<-- [start:exercise_third_input]
# A third input x3 = x1 * x2 lifts the points into space; try the plane x1 + x2 - 2 x3 = 0.5.
x3 = points[:, 0] * points[:, 1]
side = points[:, 0] + points[:, 1] - 2 * x3 - 0.5 > 0
print(side.astype(int), labels)
assert (side == labels).all()
# --8<-- [end:exercise_third_input]
