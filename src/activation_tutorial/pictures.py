"""Figure files, named after what draws them (``generated/figures/<name>[.narrow].<palette>.svg``),
and their phone layouts: a ``<picture>`` whose ``<source>`` gives a narrow screen a figure's
narrow twin. The ``<img>`` keeps its ``src`` and fragment, by which Material hides the other
palette (a hidden lazy image is never fetched): one download per figure."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

FOLDER = "generated/figures/"
# A figure's file in a link: its name, layout and palette
FIGURE_FILE = r"(?P<figure>[\w-]+)(?P<narrow>\.narrow)?\.(?P<palette>light|dark)\.svg"
# A figure's <img>: src without its fragment, and the file name
FIGURE_IMG = re.compile(
    rf'<img\b[^>]*?\bsrc="(?P<src>[^"#]*?{FOLDER}(?P<name>{FIGURE_FILE}))'
    r'(?:#only-(?:light|dark))?"[^>]*?/?>'
)
NARROW_MEDIA = "(max-width: 44.9375em)"  # below Material's phone breakpoint


def figure_path(name: str, palette: str, layout: str = "wide") -> str:
    """``figures/a.light.svg``, ``figures/a.narrow.dark.svg`` (under ``docs/generated``)."""
    return f"figures/{name}{'.narrow' if layout == 'narrow' else ''}.{palette}.svg"


def figure_names(text: str) -> set[str]:
    """The names of the figures a page links (``generated/figures/<name>.light.svg``)."""
    return {m["figure"] for m in re.finditer(FOLDER + FIGURE_FILE, text)}


def narrow_twins(names: Iterable[str]) -> dict[str, str]:
    """``{figure file name: its narrow twin's}`` for the figures among ``names`` that have one."""
    present = set(names)
    twins = {n: "{}.narrow.{}.{}".format(*n.rsplit(".", 2)) for n in present}  # as figure_path
    return {n: twins[n] for n in sorted(present) if twins[n] in present}


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
