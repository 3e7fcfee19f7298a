# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:formula]
x = torch.linspace(-6, 3, 91)
assert torch.allclose(nn.SiLU()(x), x * torch.sigmoid(x))
# --8<-- [end:formula]


# --8<-- [start:silu]
x = torch.linspace(-6, 3, 401)
y = nn.SiLU()(x)

plt.plot(x, y)
plt.xlabel("x")
plt.ylabel("y")
plt.title("SiLU")
plt.grid(True)
plt.show()
# --8<-- [end:silu]
