# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:self_normalising]
torch.manual_seed(0)
z = torch.randn(1_000_000)
out = nn.SELU()(z)
print(out.mean(), out.var())
assert abs(out.mean()) < 0.01
assert abs(out.var() - 1) < 0.01
# --8<-- [end:self_normalising]


# --8<-- [start:selu]
x = torch.linspace(-4, 3, 401)
y = nn.SELU()(x)

plt.plot(x, y)
plt.xlabel("x")
plt.ylabel("y")
plt.title("SELU")
plt.grid(True)
plt.show()
# --8<-- [end:selu]
