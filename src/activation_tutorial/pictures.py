"""How pages show figures (named by ``page_code``): each ``<img>`` with the width and height its
SVG states (its box reserved at once: no layout shift), and in a ``<picture>`` whose ``<source>``
gives a narrow screen the figure's narrow twin. The ``<img>`` keeps its ``src`` and fragment, by
which Material hides the other palette (a hidden lazy image is not fetched): one download each."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from activation_tutorial.page_code import FIGURE_FILE, FOLDER

# A figure's <img>: src without its fragment, and the file name
FIGURE_IMG = re.compile(
    rf'<img\b[^>]*?\bsrc="(?P<src>[^"#]*?{FOLDER}(?P<name>{FIGURE_FILE}))'
    r'(?:#only-(?:light|dark))?"[^>]*?/?>'
)
NARROW_MEDIA = "(max-width: 44.9375em)"  # below Material's phone breakpoint
# Its size as matplotlib writes it: width, then height, in points
_SVG_SIZE = re.compile(rb'<svg\b[^>]*?\swidth="([\d.]+)pt"[^>]*?\sheight="([\d.]+)pt"')
_IMG = re.compile(r'<img\b[^>]*\ssrc="([^"]+)"[^>]*>')
_ATTR = {name: re.compile(rf'\s{name}="(\d+)"') for name in ("width", "height")}


def narrow_twins(names: Iterable[str]) -> dict[str, str]:
    """``{figure file name: its narrow twin's}`` for the figures among ``names`` that have one."""
    present = set(names)
    twins = {n: "{}.narrow.{}.{}".format(*n.rsplit(".", 2)) for n in present}  # as figure_path
    return {n: twins[n] for n in sorted(present) if twins[n] in present}


def with_narrow_sources(
    html: str, twins: Mapping[str, str], size_of: Callable[[str], tuple[int, int] | None]
) -> str:
    """Every ``<img>`` of a figure in ``twins`` (each twin a file that exists) wrapped in a
    ``<picture>`` whose ``<source>`` names the narrow twin, with its own size (``size_of(url)``)."""

    def wrap(m: re.Match[str]) -> str:
        narrow = twins.get(m["name"])
        if narrow is None:
            return m[0]
        url = m["src"].removesuffix(m["name"]) + narrow
        w, h = size_of(url)
        source = f'<source media="{NARROW_MEDIA}" srcset="{url}" width="{w}" height="{h}" />'
        return f"<picture>{source}{m[0]}</picture>"

    return FIGURE_IMG.sub(wrap, html)


def svg_pixel_size(svg: bytes) -> tuple[int, int]:
    """A matplotlib SVG's intrinsic size in CSS pixels (96 per inch; it states points)."""
    width, height = _SVG_SIZE.search(svg).groups()
    return round(float(width) * 96 / 72), round(float(height) * 96 / 72)


def sized_images(html: str, size_of: Callable[[str], tuple[int, int] | None]) -> str:
    """Give each ``<img>`` the size ``size_of(src)`` finds (``None``: leave it); a width the page
    chose gets the height of the same aspect ratio; an image that states both is left alone."""

    def add(m: re.Match[str]) -> str:
        width, height = (_ATTR[name].search(m[0]) for name in ("width", "height"))
        size = None if height else size_of(m[1])
        if size is None:
            return m[0]
        if width:
            return f'<img height="{round(int(width[1]) * size[1] / size[0])}"' + m[0][4:]
        return f'<img width="{size[0]}" height="{size[1]}"' + m[0][4:]

    return _IMG.sub(add, html)
