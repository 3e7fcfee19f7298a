"""The interactive XOR explorer: what the browser needs, and PyTorch's numbers to test it."""
