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


_INLINE_PNG = re.compile(r'(<img\b[^>]*?\s)src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"')


def png_pixel_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def inline_pngs_as_files(html: str) -> tuple[str, dict[str, bytes]]:
    """Base64 PNGs in ``<img src="data:...">`` moved out to files named by their content, which
    can wait (``loading="lazy"``) and be cached: the HTML and the files to write."""
    import base64
    import hashlib

    files: dict[str, bytes] = {}

    def extract(m: re.Match[str]) -> str:
        png = base64.b64decode("".join(m[2].split()))
        name = hashlib.sha256(png).hexdigest()[:16] + ".png"
        files[name] = png
        width, height = png_pixel_size(png)
        size = "" if _ATTR["width"].search(m[1]) else f'width="{width}" height="{height}" '
        return f'{m[1]}{size}src="{name}"'

    return _INLINE_PNG.sub(extract, html), files
