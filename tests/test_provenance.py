"""Figures prove their origin: the key in the SVG and the stamp on the page match the code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from activation_tutorial.assets import all_assets
from activation_tutorial.provenance import SHORT, key_in_svg, stamp_figures, stamp_svg
from activation_tutorial.staleness import MANIFEST_NAME, Keys, load_manifest

ROOT = Path(__file__).resolve().parent.parent
_IMG = re.compile(  # a figure's image, or its narrow layout's <source> (pictures.py)
    r'<(?:img\b[^>]*\bsrc|source\b[^>]*\bsrcset)="'
    r'(?P<src>[^"#]*generated/figures/(?P<name>[\w.-]+\.svg))[^>]*>'
)
_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.DOTALL)


def current_keys() -> dict[str, str]:
    """The key each figure has for the code as it is now."""
    entries, problem = load_manifest(ROOT / "docs" / "generated" / MANIFEST_NAME)
    assert problem is None, problem
    keys = Keys(ROOT, {name: e[1] for name, e in entries.items()})  # generated inputs, as built
    return {
        a.path: keys.key(a.path, a.inputs)
        for a in all_assets(ROOT / "docs", ROOT)
        if a.path.startswith("figures/")
    }


def stale_figures(site: Path, keys: dict[str, str]) -> list[str]:
    """Every figure a built page shows whose key (tag, caption stamp, SVG) is not ``keys``'."""
    problems = []
    for html in sorted(site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        page = html.relative_to(site).as_posix()
        captions = {m.start(): m.group(0) for m in _FIGURE.finditer(text)}
        for img in _IMG.finditer(text):
            want = keys.get(f"figures/{img['name']}")
            where = f"{page}: {img['name']}"
            shown = re.search(rf'data-build-key="([0-9a-f]{{{SHORT}}})"', img.group(0))
            if want is None or shown is None or shown.group(1) != want[:SHORT]:
                problems.append(f"{where}: page says {shown and shown.group(1)}, code says {want}")
                continue
            svg = (html.parent / img["src"]).resolve()
            if key_in_svg(svg.read_bytes()) != want:
                problems.append(f"{where}: the SVG carries {key_in_svg(svg.read_bytes())}")
            caption = next((c for s, c in captions.items() if s <= img.start() < s + len(c)), "")
            if "<figcaption>" in caption and f"<code>{want[:SHORT]}</code>" not in caption:
                problems.append(f"{where}: caption stamp is not {want[:SHORT]}")
    return problems


def test_every_figure_on_every_page_carries_the_key_of_the_current_code(site):
    keys = current_keys()
    assert stale_figures(site, keys) == []
    shown = {m["name"] for html in site.rglob("*.html") for m in _IMG.finditer(html.read_text())}
    assert {f"figures/{n}" for n in shown} == set(keys), "every figure is shown somewhere"


def test_a_stamp_that_does_not_match_the_code_is_caught(site, tmp_path):
    keys = current_keys()
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "en" / "functions" / "tanh" / "index.html"
    real = keys["figures/tanh.dark.svg"]
    stale = "f" * 64
    text = page.read_text(encoding="utf-8")
    assert text.count(real[:SHORT]) == 2  # the tag and the caption's stamp
    page.write_text(text.replace(real[:SHORT], stale[:SHORT]), encoding="utf-8")
    problems = stale_figures(copy, keys)
    assert problems == [
        f"en/functions/tanh/index.html: tanh.dark.svg: page says {stale[:SHORT]}, code says {real}"
    ]
    # The code changed after the build: every page showing the figure is stale.
    assert len(stale_figures(site, {**keys, "figures/relu.light.svg": stale})) == 2
    (copy / "generated/figures/relu.light.svg").write_bytes(b"<svg/>")
    assert len(stale_figures(copy, keys)) == 3  # tanh above, and relu's SVG on both pages


def test_stamp_marks_images_and_captions_with_their_keys():
    key_l, key_d = "a" * 64, "b" * 64
    html = (
        '<figure><p><img alt="x" src="../generated/figures/f.light.svg#only-light" />\n'
        '<img alt="x" src="../generated/figures/f.dark.svg#only-dark" /></p>\n'
        "<figcaption>\n<p>Caption</p>\n</figcaption>\n</figure>\n"
        '<p><img alt="y" src="../generated/figures/g.light.svg" /></p>'
    )
    out = stamp_figures(html, {"figures/f.light.svg": key_l, "figures/f.dark.svg": key_d}, "en")
    short_l, short_d = key_l[:SHORT], key_d[:SHORT]
    assert f'src="../generated/figures/f.light.svg#only-light" data-build-key="{short_l}" />' in out
    assert f'data-build-key="{short_d}"' in out
    assert '<img alt="y" src="../generated/figures/g.light.svg" />' in out  # unknown: untouched
    stamps = re.findall(
        r'data-scheme="(\w+)" href="([^"]+)"[^>]*>build key <code>(\w+)</code>', out
    )
    assert stamps == [
        ("light", "../generated/figures/f.light.svg", key_l[:SHORT]),
        ("dark", "../generated/figures/f.dark.svg", key_d[:SHORT]),
    ]
    assert out.index("figure-stamps") < out.index("</figcaption>")


def test_a_narrow_layout_gets_its_key_and_a_stamp_for_its_layout():
    from activation_tutorial.pictures import with_narrow_sources

    names = ("f.light.svg", "f.dark.svg", "f.narrow.light.svg", "f.narrow.dark.svg")
    keys = {f"figures/{n}": c * 64 for n, c in zip(names, "abcd", strict=True)}
    html = (
        '<figure><p><img alt="x" src="../generated/figures/f.light.svg#only-light" />\n'
        '<img alt="x" src="../generated/figures/f.dark.svg#only-dark" /></p>\n'
        "<figcaption>\n<p>Caption</p>\n</figcaption>\n</figure>\n"
    )
    twins = {"f.light.svg": "f.narrow.light.svg", "f.dark.svg": "f.narrow.dark.svg"}
    out = stamp_figures(with_narrow_sources(html, twins, lambda _: (300, 600)), keys, "en")
    sources = re.findall(r'<source [^>]*srcset="[^"]*/([\w.]+)"[^>]*data-build-key="(\w+)"', out)
    assert sources == [("f.narrow.light.svg", "c" * SHORT), ("f.narrow.dark.svg", "d" * SHORT)]
    stamps = re.findall(
        r'data-scheme="(\w+)" data-layout="(\w+)" href="[^"]*/([\w.]+)"[^>]*>'
        r"build key <code>(\w+)</code>",
        out,
    )
    assert stamps == [
        ("light", "narrow", "f.narrow.light.svg", "c" * SHORT),
        ("light", "wide", "f.light.svg", "a" * SHORT),
        ("dark", "narrow", "f.narrow.dark.svg", "d" * SHORT),
        ("dark", "wide", "f.dark.svg", "b" * SHORT),
    ]


def test_every_svg_gets_the_key_in_its_metadata():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from activation_tutorial.figures.style import svg_bytes

    fig = plt.figure()
    try:
        plain, described = svg_bytes(fig), svg_bytes(fig, description="made by hand")
    finally:
        plt.close(fig)
    bare = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>\n'
    for svg in (plain, described, bare):
        assert key_in_svg(svg) is None
        stamped = stamp_svg(svg, "c" * 64)
        assert key_in_svg(stamped) == "c" * 64
        assert key_in_svg(stamp_svg(stamped, "d" * 64)) == "d" * 64  # replaced, not added
        assert stamp_svg(stamped, "d" * 64).count(b"build key") == 1
    assert b"made by hand" not in stamp_svg(described, "c" * 64)
    assert stamp_svg(plain, "c" * 64).count(b"<dc:description>") == 1
