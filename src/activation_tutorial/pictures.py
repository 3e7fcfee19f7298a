"""Phone layouts of figures: a ``<picture>`` whose ``<source>`` gives a narrow screen a figure's
narrow twin. The ``<img>`` keeps its ``src`` and fragment, by which Material hides the other
palette (a hidden lazy image is never fetched): one download per figure."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

# A figure's <img>: src without its fragment, and the file name
FIGURE_IMG = re.compile(
    r'<img\b[^>]*?\bsrc="(?P<src>[^"#]*?generated/figures/(?P<name>[\w.-]+\.svg))'
    r'(?:#only-(?:light|dark))?"[^>]*?/?>'
)
NARROW_MEDIA = "(max-width: 44.9375em)"  # below Material's phone breakpoint


def narrow_name(name: str) -> str:
    """The narrow layout's file name beside a figure's: ``a.light.svg`` -> ``a.narrow.light.svg``"""
    stem, palette, ext = name.rsplit(".", 2)
    return f"{stem}.narrow.{palette}.{ext}"


def narrow_twins(names: Iterable[str]) -> dict[str, str]:
    """``{figure file name: its narrow twin's}`` for the figures among ``names`` that have one."""
    present = set(names)
    return {n: narrow_name(n) for n in sorted(present) if narrow_name(n) in present}


def with_narrow_sources(
    html: str, twins: Mapping[str, str], size_of: Callable[[str], tuple[int, int] | None]
) -> str:
    """Every ``<img>`` of a figure in ``twins`` wrapped in a ``<picture>`` whose ``<source>``
    names the narrow twin, with its own size (``size_of(url)``)."""

    def wrap(m: re.Match[str]) -> str:
        narrow = twins.get(m["name"])
        if narrow is None:
            return m[0]
        url = m["src"].removesuffix(m["name"]) + narrow
        size = size_of(url)
        if size is None:
            raise FileNotFoundError(f"narrow layout {url} has no size: is it generated?")
        source = (
            f'<source media="{NARROW_MEDIA}" srcset="{url}" width="{size[0]}" height="{size[1]}" />'
        )
        return f"<picture>{source}{m[0]}</picture>"

    return FIGURE_IMG.sub(wrap, html)
