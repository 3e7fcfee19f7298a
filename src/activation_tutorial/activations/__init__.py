"""Activation functions: the registry and the facts derived from it."""

from activation_tutorial.activations.registry import REGISTRY, Activation, get

__all__ = ["REGISTRY", "Activation", "get"]
