"""Light and dark palettes, and a Figure as deterministic SVG bytes. Figures carry symbols, no
prose, so one SVG serves Japanese and English readers."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Palette:
    name: str
    text: str
    grid: str
    lines: tuple[str, ...]  # Okabe-Ito based, apart for colour-blind readers; [:2] mark classes
    cmap: str = "RdBu_r"


LIGHT = Palette("light", text="#1f2328", grid="#c9d1d9", lines=(
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8a6d00", "#56B4E9"))  # fmt: skip
DARK = Palette("dark", text="#e6edf3", grid="#3d444d", lines=(
    "#56B4E9", "#E69F00", "#33d6a6", "#f0a6d0", "#F0E442", "#9ecbff"))  # fmt: skip
PALETTES: tuple[Palette, ...] = (LIGHT, DARK)
PALETTE_NAMED: Mapping[str, Palette] = {p.name: p for p in PALETTES}

Layout = Literal["wide", "narrow"]  # wide: a desktop column (default); narrow: a phone's

# A fixed salt makes SVG element ids repeatable; with Date removed the bytes are.
_DETERMINISTIC = {"svg.hashsalt": "activation-functions", "svg.fonttype": "path"}


# A desktop column's size, or a phone's (text at its own size)
_FIGSIZE: dict[Layout, tuple[float, float]] = {"wide": (5.6, 3.5), "narrow": (3.9, 3.3)}


_TEXT_COLOURED = ("text.color", "axes.labelcolor", "axes.edgecolor", "axes.titlecolor",
                  "xtick.color", "ytick.color")  # fmt: skip


def rc_params(palette: Palette, layout: Layout = "wide") -> Mapping[str, object]:
    """Matplotlib settings for one palette and layout."""
    from cycler import cycler

    return {
        **_DETERMINISTIC,
        "figure.figsize": _FIGSIZE[layout],
        "figure.dpi": 100,
        "savefig.transparent": True,
        "font.size": 11,
        **dict.fromkeys(_TEXT_COLOURED, palette.text),
        "grid.color": palette.grid,
        "axes.prop_cycle": cycler(color=list(palette.lines)),
        "lines.linewidth": 2.0,
        "legend.frameon": False,
    }


@contextmanager
def themed(palette: Palette, layout: Layout = "wide") -> Iterator[None]:
    """Draw with ``palette`` and ``layout``; restores matplotlib's settings afterwards."""
    import matplotlib

    with matplotlib.rc_context(rc_params(palette, layout)):
        yield


_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_POSITIONS = re.compile(rb'( (?:d|x|y|points)="|translate\()([^")]*)([")])')
_LONG_DECIMAL = re.compile(rb"-?\d+\.\d{3,}")
_BETWEEN_TAGS = re.compile(rb">\s+<")
_ID = re.compile(rb' id="([^"]*)"')
_REFERENCE = re.compile(rb'#([\w.-]+)[")]')
_PATH_DATA = re.compile(rb'( d=")([^"]*)(")')
_SPACE_AROUND_COMMAND = re.compile(rb" ?([MLQCZz]) ?")
_STYLE = re.compile(rb'( style=")([^"]*)(")')
_BARE_GROUP = re.compile(rb"<g>(<(?:path|use)\b[^<>]*/>)</g>")
_USE_SHIFT = re.compile(rb'(<use [^<>]*?) transform="translate\((-?[\d.]+) 0\)"')
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>]*>")


def _hundredths(m: re.Match[bytes]) -> bytes:
    text = f"{float(m[0]):.2f}".rstrip("0").rstrip(".")
    return b"0" if text == "-0" else text.encode()


def shorter_syntax(svg: bytes) -> bytes:
    """The same drawing in shorter SVG syntax: ids nothing refers to dropped and the groups
    they left bare unwrapped; no spaces around path commands or in styles; a glyph's
    ``transform="translate(x 0)"`` as ``x="x"``; ``href`` for ``xlink:href``; no DOCTYPE."""
    svg = _DOCTYPE.sub(b"", svg, count=1)
    svg = svg.replace(b" xlink:href=", b" href=")
    svg = svg.replace(b' xmlns:xlink="http://www.w3.org/1999/xlink"', b"")
    referenced = set(_REFERENCE.findall(svg))
    svg = _ID.sub(lambda m: m[0] if m[1] in referenced else b"", svg)
    svg = _PATH_DATA.sub(lambda m: m[1] + _SPACE_AROUND_COMMAND.sub(rb"\1", m[2]) + m[3], svg)
    svg = _STYLE.sub(lambda m: m[1] + m[2].replace(b": ", b":").replace(b"; ", b";") + m[3], svg)
    svg = _USE_SHIFT.sub(rb'\1 x="\2"', svg)
    while (shorter := _BARE_GROUP.sub(rb"\1", svg)) != svg:  # a group may wrap such a group
        svg = shorter
    return svg


def round_positions(svg: bytes) -> bytes:
    """Matplotlib's SVG with positions (not scale factors) to 0.01 pt, far below a screen
    pixel, without indentation or comments."""
    svg = _COMMENT.sub(b"", svg)
    svg = _POSITIONS.sub(lambda m: m[1] + b" ".join(_LONG_DECIMAL.sub(_hundredths, m[2]).split())
                         + m[3], svg)  # fmt: skip
    return _BETWEEN_TAGS.sub(b"><", svg)


def compact_svg(svg: bytes) -> bytes:
    """The same figure at about two thirds of the bytes."""
    return shorter_syntax(round_positions(svg))


_SVG_SIZE = re.compile(rb' width="[\d.]+pt" height="([\d.]+)pt" viewBox="0 0 [\d.]+ [\d.]+"')


def svg_bytes(fig: Figure) -> bytes:
    """The figure as SVG, identical bytes for identical input, cropped as
    ``bbox_inches="tight"`` crops but measured on the one drawing that writes the SVG
    (``"tight"`` draws every figure twice)."""
    import matplotlib
    from matplotlib.layout_engine import PlaceHolderLayoutEngine
    from matplotlib.transforms import Affine2D

    box = []
    engine = fig.get_layout_engine()
    if isinstance(engine, PlaceHolderLayoutEngine):
        # fig.tight_layout() has placed the axes and left this stand-in, which only makes
        # savefig draw the figure once more, for a layout that does nothing.
        fig.set_layout_engine(None)

    def measure(event: object) -> None:  # after the drawing, with the SVG renderer's metrics
        box.append(fig.get_tightbbox(event.renderer))  # type: ignore[attr-defined]

    buf = io.BytesIO()
    listening = fig.canvas.mpl_connect("draw_event", measure)
    try:
        with matplotlib.rc_context(_DETERMINISTIC):
            fig.savefig(
                buf,
                format="svg",
                transparent=True,
                dpi=110,  # only rasterised parts (filled contours) use it
                metadata={"Date": None, "Creator": None},
            )
            pad = matplotlib.rcParams["savefig.pad_inches"]
    finally:
        fig.canvas.mpl_disconnect(listening)
        if isinstance(engine, PlaceHolderLayoutEngine):
            fig.set_layout_engine(engine)
    # The drawing written (a layout engine draws once before), from inches to points, from the
    # bottom left: shown alone by the SVG's size and viewBox
    left, bottom, right, top = box[-1].padded(pad).transformed(Affine2D().scale(72)).extents
    svg = buf.getvalue()
    m = _SVG_SIZE.search(svg)
    w, h = right - left, top - bottom
    view = " ".join(f"{v:.2f}".rstrip("0").rstrip(".") for v in (left, float(m[1]) - top, w, h))
    size = f' width="{w:.2f}pt" height="{h:.2f}pt" viewBox="{view}"'
    return compact_svg(svg[: m.start()] + size.encode() + svg[m.end() :])
