# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:mish]
x = torch.linspace(-5, 3, 401)
y = nn.Mish()(x)

plt.plot(x, y)
plt.xlabel("x")
plt.ylabel("y")
plt.title("Mish")
plt.grid(True)
plt.show()
# --8<-- [end:mish]
