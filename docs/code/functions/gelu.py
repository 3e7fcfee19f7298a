# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:gelu]
x = torch.linspace(-4, 3, 401)
y = nn.GELU()(x)

plt.plot(x, y)
plt.xlabel("x")
plt.ylabel("y")
plt.title("GELU")
plt.grid(True)
plt.show()
# --8<-- [end:gelu]
