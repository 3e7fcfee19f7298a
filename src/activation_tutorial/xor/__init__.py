"""The XOR problem and the hand-weighted two-layer sigmoid network that solves it."""
