# --8<-- [start:train_once]
import torch
from torch import nn

inputs = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=torch.float64)
targets = torch.tensor([0.0, 1.0, 1.0, 0.0], dtype=torch.float64)


def train_xor_once(activation, seed, steps, lr=0.05):
    torch.manual_seed(seed)
    net = nn.Sequential(
        nn.Linear(2, 2, dtype=torch.float64), activation, nn.Linear(2, 1, dtype=torch.float64)
    )
    optimizer = torch.optim.Adam(net.parameters(), lr=lr)
    loss_fn = nn.BCEWithLogitsLoss()
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(net(inputs).squeeze(1), targets)
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        logits = net(inputs).squeeze(1)
    solved = bool(((logits > 0) == (targets > 0.5)).all())
    return solved, float(loss_fn(logits, targets)), net


results = [train_xor_once(nn.ReLU(), seed, steps=200) for seed in range(4)]
for seed, (solved, loss, net) in enumerate(results):
    print(f"seed {seed}: solved={solved}, loss={loss:.4f}")
    if not solved:
        with torch.no_grad():
            z = net[0](inputs)  # the hidden units' inputs, before ReLU
        print("  z:", [[round(v, 3) for v in row] for row in z.tolist()])
        print("  dead units:", (z <= 0).all(dim=0).tolist())
# --8<-- [end:train_once]
