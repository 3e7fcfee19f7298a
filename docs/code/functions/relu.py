# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:gradient]
x = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
nn.ReLU()(x).sum().backward()
print(x.grad)
assert x.grad.tolist() == [0.0, 0.0, 1.0]
# --8<-- [end:gradient]


# --8<-- [start:relu]
x = torch.linspace(-3, 3, 401)
y = nn.ReLU()(x)

plt.plot(x, y)
plt.xlabel("x")
plt.ylabel("y")
plt.title("ReLU")
plt.grid(True)
plt.show()
# --8<-- [end:relu]
