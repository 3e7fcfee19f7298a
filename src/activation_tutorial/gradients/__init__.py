"""Gradients through activation functions: single derivatives and deep stacks."""
