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
# --8<-- [end:merge]


# --8<-- [start:least_squares]
with_relu = nn.Sequential(first, nn.ReLU(), second)
target = with_relu(x).detach()

X = torch.cat([x, torch.ones(len(x), 1)], dim=1)
best_affine = torch.linalg.lstsq(X, target).solution
residual = (X @ best_affine - target).abs().max()
assert residual > 0.01
# --8<-- [end:least_squares]
