"""What a generated asset is made from, declared next to the function that makes it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_DISTRIBUTIONS: tuple[str, ...] = ("torch", "matplotlib", "numpy")


@dataclass(frozen=True)
class Inputs:
    """Everything that can change an asset's bytes; its cache key is a hash of these.

    ``modules`` are the package modules the maker calls; the modules they import
    (at any depth, within the package) are added when the key is computed.
    """

    modules: tuple[str, ...] = ()
    recipe: tuple[str, ...] = ()
    """Modules that list the asset and call its maker (``assets``): their own text counts, and
    what they import at module level, but not what each of their functions imports for the
    other assets."""
    code: tuple[str, ...] = ()
    """Source of code run to make the asset, in order (a page's blocks up to its figure)."""
    code_origin: str = ""
    """Where ``code`` comes from, for messages: ``docs/functions/relu.md``."""
    entries: tuple[str, ...] = ()
    """Registry entries the asset is about: they count even if the maker never reads them
    (a figure named after an entry). Which entries it reads is recorded (``recording``)."""
    generated: tuple[str, ...] = ()
    """Other generated assets (paths) it is made from: their bytes, as last written, count.
    The maker receives those bytes; the build makes them first."""
    params: Mapping[str, str] = field(default_factory=dict)
    distributions: tuple[str, ...] = DEFAULT_DISTRIBUTIONS
    """Installed distributions whose version counts (looked up without importing them)."""


WHOLE_PACKAGE = Inputs(modules=("*",))
"""For an asset that declares nothing: every module of the package counts."""
