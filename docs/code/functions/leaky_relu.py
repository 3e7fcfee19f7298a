# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:leaky_relu]
x = torch.linspace(-3, 3, 401)

plt.plot(x, nn.LeakyReLU()(x), label="negative_slope=0.01")
plt.plot(x, nn.LeakyReLU(negative_slope=0.1)(x), "--", label="negative_slope=0.1")
plt.xlabel("x")
plt.ylabel("y")
plt.title("LeakyReLU")
plt.legend()
plt.grid(True)
plt.show()
# --8<-- [end:leaky_relu]
