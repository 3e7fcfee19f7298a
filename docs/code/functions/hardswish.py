# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:relu6]
x = torch.linspace(-5, 5, 101)
assert torch.allclose(nn.Hardswish()(x), x * nn.ReLU6()(x + 3) / 6)
# --8<-- [end:relu6]


# --8<-- [start:hardswish]
x = torch.linspace(-5, 5, 401)

plt.plot(x, nn.Hardswish()(x), label="Hardswish")
plt.plot(x, nn.SiLU()(x), "--", label="SiLU")
plt.xlabel("x")
plt.ylabel("y")
plt.title("Hardswish")
plt.legend()
plt.grid(True)
plt.show()
# --8<-- [end:hardswish]
