"""A share as text, "51 %": the one way the site writes a percentage."""

from __future__ import annotations

NBSP = "\u00a0"  # between a number and "%": no line starts with "%" on a phone


def percent(fraction: float, digits: int = 0) -> str:
    """``0.51`` as ``"51 %"`` (``digits`` after the point), the space a no-break one."""
    return f"{100 * fraction:.{digits}f}{NBSP}%"
