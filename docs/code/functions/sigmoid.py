# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:max_gradient]
x = torch.linspace(-8, 8, 401, requires_grad=True)
nn.Sigmoid()(x).sum().backward()
print(x.grad.max())
assert torch.isclose(x.grad.max(), torch.tensor(0.25))
# --8<-- [end:max_gradient]


# --8<-- [start:sigmoid]
x = torch.linspace(-8, 8, 401)
y = nn.Sigmoid()(x)

plt.plot(x, y)
plt.xlabel("x")
plt.ylabel("y")
plt.title("Sigmoid")
plt.grid(True)
plt.show()
# --8<-- [end:sigmoid]
