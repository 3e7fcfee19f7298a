"""Phone layouts of figures: the narrow layout is the same builder's, and the built pages serve
it with ``<picture>`` (which file a browser fetches: test_lazy_loading.py)."""

import re
from dataclasses import replace
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from site_pages import page_file

from activation_tutorial.figures.style import (
    DARK,
    LIGHT,
    current_layout,
    rc_params,
    svg_bytes,
    themed,
)
from activation_tutorial.pictures import NARROW_MEDIA, narrow_twins, with_narrow_sources

ROOT = Path(__file__).resolve().parent.parent


def test_a_missing_narrow_file_is_named():
    # What a wrapped figure looks like: test_every_figure_with_a_narrow_layout_is_a_picture_...
    img = '<img width="600" alt="A" src="../generated/figures/a.light.svg#only-light" />'
    with pytest.raises(FileNotFoundError, match=r"a\.narrow\.light\.svg"):
        with_narrow_sources(img, {"a.light.svg": "a.narrow.light.svg"}, lambda _: None)


# The same builders draw both layouts


def _columns_and_titles(fig) -> tuple[int, list[str]]:
    shown = [ax for ax in fig.axes if ax.get_visible()]
    columns = {round(ax.get_position().x0, 3) for ax in shown}
    return len(columns), [ax.get_title() for ax in shown]


def test_moons_narrow_layout_has_the_same_panels_in_two_columns():
    import numpy as np

    from activation_tutorial.activations import REGISTRY
    from activation_tutorial.experiment.moons import MoonsRuns, MoonsSettings
    from activation_tutorial.figures.experiment_plots import moons_boundaries

    settings = replace(MoonsSettings(), grid_points=12, n_train=20)
    g = np.linspace(-1, 1, 12)
    runs = [
        MoonsRuns(key, (1.0,), (0.0,), np.add.outer(g, g) + i / 10)
        for i, key in enumerate(REGISTRY)
    ]
    try:
        wide = moons_boundaries(runs, settings, DARK)
        narrow = moons_boundaries(runs, settings, DARK, "narrow")
        wide_columns, wide_titles = _columns_and_titles(wide)
        narrow_columns, narrow_titles = _columns_and_titles(narrow)
    finally:
        plt.close("all")
    assert (wide_columns, narrow_columns) == (4, 2)
    assert narrow_titles == wide_titles == [r.name for r in REGISTRY.values()]
    assert narrow.get_figwidth() < 0.6 * wide.get_figwidth()


def test_a_snippet_calling_a_builder_without_a_layout_draws_the_runs_layout():
    from activation_tutorial.page_code import run_file

    def drawn(layout):
        results = run_file(ROOT / "docs" / "code" / "xor.py", ROOT, LIGHT, layout)
        return next(r.figure for r in results if r.name == "xor_linear_vs_network")

    try:
        wide, narrow = drawn("wide"), drawn("narrow")
        shapes = [_columns_and_titles(f) for f in (wide, narrow)]
        widths = [f.get_figwidth() for f in (wide, narrow)]
    finally:
        plt.close("all")
    # Side by side in both (the captions say left and right), in a figure a phone's column wide.
    assert shapes[0] == shapes[1] == (2, ["3 / 4", "4 / 4"])
    assert widths[1] <= rc_params(LIGHT, "narrow")["figure.figsize"][0] < widths[0]
    assert current_layout() == "wide", "the run's layout ends with the run"
    with pytest.raises(ValueError, match="layout"), themed(LIGHT, "tall"):
        pass


# The built site


_IMG = re.compile(r'<img\b[^>]*\ssrc="[^"#]*generated/figures/([\w.-]+\.svg)#only-\w+"[^>]*>')


def test_every_figure_with_a_narrow_layout_is_a_picture_on_every_page(site: Path, page_html):
    twins = narrow_twins(p.name for p in (site / "generated" / "figures").glob("*.svg"))
    assert {t.split(".")[0] for t in twins} == {
        "compare_derivatives", "compare_functions", "deep_stack_chart", "experiment_moons",
        "experiment_xor_success", "functions_grid", "hidden_space", "notebook_surface",
        "stacked_surfaces",
        "xor_linear_vs_network",
    }  # fmt: skip
    shown: dict[str, int] = {}
    for where, html in page_html.items():
        for img in _IMG.finditer(html):
            if img[1] not in twins:
                wrapped = re.search(r"<source [^>]*>\Z", html[: img.start()])
                assert not wrapped, f"{where}: {img[1]} has a narrow source but no narrow file"
                continue
            source = re.search(r"<picture><source ([^>]*)>\Z", html[: img.start()])
            assert source, f"{where}: {img[1]} has no <picture> with its narrow layout"
            assert f'media="{NARROW_MEDIA}"' in source[1], where
            srcset = re.search(r'srcset="([^"]+)"', source[1])[1]
            assert srcset.endswith("/" + twins[img[1]]), f"{where}: {srcset}"
            assert (page_file(site, where).parent / srcset).resolve().is_file(), where
            assert re.search(r'width="\d+" height="\d+"', source[1]), where
            assert html[img.end() :].startswith("</picture>"), where
            shown[where] = shown.get(where, 0) + 1
    # Both languages, each figure in both palettes.
    per_page = {"": 2, "comparison/": 4, "experiment/": 4, "functions/": 2, "gradients/": 2,
                "xor/": 2, "xor-network/": 2,
                "generated/notebooks/xor-walkthrough/": 2}  # fmt: skip
    assert shown == {lang + page: n for lang in ("", "en/") for page, n in per_page.items()}


# The comparison page's figures: plain matplotlib snippets whose size comes from the style


PHONE_COLUMN_PX = 358
"""The article's width at 390 px (measured in Chromium); at 1280 px it is 688."""
DESKTOP_COLUMN_PX = 688


def _smallest_text_on_screen(fig, column_px: int) -> tuple[float, float]:
    """(the figure's width in CSS px as the page shows it, its smallest text's height in CSS px).

    An SVG's natural size is its size in points at 96 px per inch; a wider one is scaled down
    to the column (``max-width: 100%``)."""
    from matplotlib.text import Text

    width_pt = float(re.search(rb' width="([\d.]+)pt"', svg_bytes(fig))[1])
    natural = width_pt * 96 / 72
    shown = min(natural, column_px)
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    smallest = min(t.get_fontsize() for t in texts) * 96 / 72 * shown / natural
    return shown, smallest


def test_comparison_figures_are_legible_on_a_phone_and_their_legends_cover_no_line():
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from activation_tutorial.page_code import run_file

    try:
        for layout, column in (("narrow", PHONE_COLUMN_PX), ("wide", DESKTOP_COLUMN_PX)):
            results = run_file(ROOT / "docs" / "code" / "comparison.py", ROOT, LIGHT, layout)
            figures = {r.name: r.figure for r in results}
            for name in ("compare_functions", "compare_derivatives"):
                fig = figures[name]
                shown, smallest = _smallest_text_on_screen(fig, column)
                # On a phone the legend's text is about 11 px tall (7 px in the desktop figure);
                # a desktop shows the figure unscaled, as every other figure of the site.
                assert smallest >= (10 if layout == "narrow" else 12), (layout, name, smallest)
                assert layout == "narrow" or shown < column, (layout, name, shown)
                FigureCanvasAgg(fig).draw()  # the run closed it: lay it out again to measure
                for n, ax in enumerate(fig.axes):
                    legend = ax.get_legend()
                    assert legend is not None, f"{name}: panel {n} names its curves"
                    box = legend.get_window_extent()
                    for line in ax.get_lines():
                        points = line.get_transform().transform(line.get_xydata())
                        x, y = points[np.isfinite(points).all(axis=1)].T
                        inside = (x > box.x0) & (x < box.x1) & (y > box.y0) & (y < box.y1)
                        assert not inside.any(), f"{name}: panel {n}'s legend covers a line"
    finally:
        plt.close("all")
