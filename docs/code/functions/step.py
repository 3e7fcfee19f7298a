# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:module]
class Step(nn.Module):
    def forward(self, x):
        return torch.sign(x).clamp(min=0)


x = torch.linspace(-3, 3, 7, requires_grad=True)
y = Step()(x)
print(y)
assert torch.equal(y, torch.heaviside(x.detach(), torch.tensor(0.0)))

y.sum().backward()
print(x.grad)
assert torch.count_nonzero(x.grad) == 0
# --8<-- [end:module]


# --8<-- [start:step]
x = torch.linspace(-3, 3, 601)
y = Step()(x)

plt.plot(x, y)
plt.xlabel("x")
plt.ylabel("y")
plt.title("Step")
plt.grid(True)
plt.show()
# --8<-- [end:step]
