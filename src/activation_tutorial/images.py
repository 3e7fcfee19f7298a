"""Width and height for the figures on a page, read from the SVG files, so the browser reserves
each figure's box at once (no layout shift)."""

from __future__ import annotations

import re
from collections.abc import Callable

_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")
_LENGTH = {b"width": re.compile(rb'\swidth="([\d.]+)(pt|px)?"'),
           b"height": re.compile(rb'\sheight="([\d.]+)(pt|px)?"')}  # fmt: skip
_PX_PER = {b"pt": 96 / 72, b"px": 1.0, None: 1.0}
_IMG = re.compile(r'<img\b[^>]*\ssrc="([^"]+)"[^>]*>')
_ATTR = {name: re.compile(rf'\s{name}="(\d+)"') for name in ("width", "height")}


def svg_pixel_size(svg: bytes) -> tuple[int, int] | None:
    """The SVG's intrinsic size in CSS pixels (matplotlib writes points), if it states one."""
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        return None
    size = []
    for name in (b"width", b"height"):
        m = _LENGTH[name].search(opening[0])
        if m is None:
            return None
        size.append(round(float(m[1]) * _PX_PER[m[2]]))
    return size[0], size[1]


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
