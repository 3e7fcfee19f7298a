# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:formula]
x = torch.linspace(-4, 4, 401)
assert torch.allclose(torch.tanh(x), 2 * torch.sigmoid(2 * x) - 1, atol=1e-6)
# --8<-- [end:formula]


# --8<-- [start:tanh]
x = torch.linspace(-4, 4, 401)
y = nn.Tanh()(x)

plt.plot(x, y)
plt.xlabel("x")
plt.ylabel("y")
plt.title("Tanh")
plt.grid(True)
plt.show()
# --8<-- [end:tanh]
