# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:derivative]
x = torch.linspace(-6, 6, 121, requires_grad=True)
nn.Softplus()(x).sum().backward()
assert torch.allclose(x.grad, torch.sigmoid(x.detach()))
# --8<-- [end:derivative]


# --8<-- [start:softplus]
x = torch.linspace(-5, 5, 401)
y = nn.Softplus()(x)

plt.plot(x, y)
plt.xlabel("x")
plt.ylabel("y")
plt.title("Softplus")
plt.grid(True)
plt.show()
# --8<-- [end:softplus]
