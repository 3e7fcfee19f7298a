# --8<-- [start:make_mlp]
import torch
from torch import nn


def make_mlp(activation: type[nn.Module]) -> nn.Sequential:
    return nn.Sequential(nn.Linear(2, 16), activation(), nn.Linear(16, 1))


x = torch.randn(8, 2)
for activation in (nn.ReLU, nn.LeakyReLU, nn.GELU, nn.Mish):
    model = make_mlp(activation)
    assert model(x).shape == (8, 1)
# --8<-- [end:make_mlp]


# --8<-- [start:exercise_parameters]
for activation in (nn.ReLU, nn.GELU, nn.Mish, nn.PReLU):
    model = make_mlp(activation)
    count = sum(p.numel() for p in model.parameters())
    print(f"{activation.__name__:6} {count} parameters")
# --8<-- [end:exercise_parameters]
