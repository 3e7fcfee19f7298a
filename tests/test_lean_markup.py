"""Page weight (issue 3): shorter HTML and SVG that render exactly as before.

Each rewrite is checked where it could go wrong: against the installed theme's stylesheet
(which token classes share a colour), in Chromium (pixels before and after), and on the
built site (the code a reader copies is the code on the page).
"""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

import pytest
from chromium import SET_SCHEME

from activation_tutorial.lean_html import (
    PLAIN_TOKENS,
    SAME_COLOUR,
    collapse_layout_whitespace,
    drop_comments,
    unwrap_plain_tokens,
)

ROOT = Path(__file__).resolve().parent.parent


def _material_css() -> str:
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.min.css")))


def _token_colour(css: str, cls: str) -> str | None:
    """The colour Material gives ``.highlight .<cls>``, as written (a CSS variable), or None."""
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if f".highlight .{cls}" in [s.strip() for s in selectors.split(",")]:
            colour = re.search(r"(?:^|;)color:([^;]+)", body)
            if colour:
                return colour[1]
    return None


def _variable(css: str, name: str) -> set[str]:
    """Every value the theme gives a custom property, in any palette."""
    return set(re.findall(rf"{re.escape(name)}:([^;}}]+)", css))


def test_plain_tokens_have_the_code_blocks_own_colour_in_the_theme():
    css = _material_css()
    assert _token_colour(css, "k") is not None, "the parser no longer finds the theme's rules"
    for cls in PLAIN_TOKENS:
        colour = _token_colour(css, cls)
        if colour is not None:  # only the name colour, which is the block's own
            assert colour == "var(--md-code-hl-name-color)", cls
    assert _variable(css, "--md-code-hl-name-color") == {"var(--md-code-fg-color)"}


def _resolved(css: str, colour: str | None) -> frozenset[str]:
    """A ``var(--x)`` colour as the values the theme gives ``--x`` (one per palette)."""
    name = re.fullmatch(r"var\((--[\w-]+)\)", colour or "")
    return frozenset(_variable(css, name[1]) if name else {str(colour)})


def test_same_colour_groups_share_one_colour_in_the_theme():
    css = _material_css()
    for group in SAME_COLOUR:
        colours = {_resolved(css, _token_colour(css, cls)) for cls in group}
        assert len(colours) == 1 and frozenset({"None"}) not in colours, (sorted(group), colours)


PYGMENTS = (
    '<div class="highlight"><pre><span></span><code>'
    '<span class="n">x</span><span class="w"> </span><span class="o">=</span>'
    '<span class="w"> </span><span class="n">f</span><span class="p">(</span>'
    '<span class="o">-</span><span class="mi">4</span><span class="p">,</span> '
    '<span class="sa">f</span><span class="s2">&quot;a</span><span class="si">{x}</span>'
    '<span class="s2">b&quot;</span><span class="p">)</span>\n</code></pre></div>'
)


def test_plain_spans_go_and_same_colour_neighbours_join():
    assert unwrap_plain_tokens(PYGMENTS) == (
        '<div class="highlight"><pre><code>x <span class="o">=</span> f'
        '<span class="p">(-</span><span class="mi">4</span><span class="p">,</span> '
        'f<span class="s2">&quot;a{x}b&quot;</span><span class="p">)</span>\n</code></pre></div>'
    )
    outside = '<p><span class="n">x</span></p>'
    assert unwrap_plain_tokens(outside) == outside  # only code blocks
    notebook = '<pre><span></span><span class="n">x</span></pre>'  # no <code>: guard stays
    assert unwrap_plain_tokens(notebook) == "<pre><span></span>x</pre>"


def test_whitespace_runs_with_a_line_break_collapse_outside_verbatim_elements():
    page = (
        "<div>\n    <p>a \u3000 b</p>\n\n  </div>\n<pre>  x\n    y</pre>\n"
        '<p><code>a\n   b</code></p>\n<script>\n  var s = "  ";\n</script>'
    )
    assert collapse_layout_whitespace(page) == (
        "<div>\n<p>a \u3000 b</p>\n</div>\n<pre>  x\n    y</pre>\n"
        '<p><code>a\n   b</code></p>\n<script>\n  var s = "  ";\n</script>'
    )


def test_comments_go_except_licences_and_verbatim_text():
    page = "<!-- figure: relu -->\n<p>a</p><!--! licence --><pre><!-- kept --></pre>"
    assert drop_comments(page) == "\n<p>a</p><!--! licence --><pre><!-- kept --></pre>"


def _text_of(code_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", code_html))


def _included_code(page: str) -> list[tuple[str, str]]:
    """Each code block of a page, in order: (where, its text), from the code section or the
    printed output it includes."""
    from activation_tutorial.page_code import sections

    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    blocks = []
    for included in re.findall(r'^ *--8<-- "((?:code|generated/output)/[^"]+)"$', text, re.M):
        file, _, name = included.partition(":")
        body = (ROOT / "docs" / file).read_text(encoding="utf-8")
        if name:
            body = next(s.source for s in sections(body, file) if s.name == name)
        blocks.append((included, body))
    return blocks


def test_built_code_blocks_hold_exactly_the_pages_code(site):
    """What the copy button copies (the text of each <code>) is the page's code, unchanged."""
    for page, built in (("functions/step.md", "functions/step"), ("gradients.md", "gradients")):
        sources = [body for _, body in _included_code(page)]
        text = (site / built / "index.html").read_text(encoding="utf-8")
        shown = [_text_of(m) for m in re.findall(r"<pre><code>(.*?)</code></pre>", text, re.S)]
        assert shown == sources, page
        assert '<span class="n">' not in text, page


_CHARACTERS = """m => {
  const article = document.querySelector('article');
  article.innerHTML = m;
  const walker = document.createTreeWalker(article.querySelector('code'), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const out = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const style = getComputedStyle(n.parentElement);
    for (let i = 0; i < n.data.length; i++) {
      range.setStart(n, i);
      range.setEnd(n, i + 1);
      const r = range.getBoundingClientRect();
      out.push([n.data[i], style.color, style.fontWeight, style.fontStyle, r.x, r.y]);
    }
  }
  return out;
}"""
_COMPARED = f"""([theirs, ours]) => {{
  // Both markups laid out and compared here: sending ~10,000 characters' places to Python took
  // two thirds of the test's time. Returned: both texts, how many characters, what differs.
  const characters = {_CHARACTERS};
  const before = characters(theirs), after = characters(ours);
  const text = [before.map((c) => c[0]).join(""), after.map((c) => c[0]).join("")];
  const differ = text[0] !== text[1] ? [] : before.flatMap((old, i) => {{
    const now = after[i];
    const ink = old[0].trim() !== "";  // a space has no ink: its span may change
    const restyled = ink && [1, 2, 3].some((k) => now[k] !== old[k]);
    const moved = !(Math.abs(now[4] - old[4]) <= 1 / 8 && Math.abs(now[5] - old[5]) <= 1 / 8);
    return restyled || moved ? [[old, now]] : [];
  }});
  return {{ text, checked: before.length, differ: differ.length, first: differ.slice(0, 3) }};
}}"""


@pytest.fixture(scope="module")
def _theme_tab(warm_tab, server):
    """One load of a page of the theme, for both palettes (switched in place, as Material's
    toggle does): the tests replace its article's content with their own markup. The home
    page: it has no figures, so the dark palette fetches none."""
    page = warm_tab(1280, 900, "light")
    page.goto(server)
    yield page
    page.close()


@pytest.fixture
def theme_page(_theme_tab):
    _theme_tab.bring_to_front()  # before any tab opened since, in the same context
    return _theme_tab


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_code_blocks_look_the_same_in_the_browser(theme_page, scheme):
    """Pygments' own markup and ours, in the theme's page: every character keeps its colour,
    weight and style, and its place within 1/8 px. (Not pixel for pixel: where spans join,
    Chromium shapes the text in other runs and may place a letter a few layout units of 1/64 px
    further along: up to 5/64 px seen in DejaVu Sans Mono, the headless shell's monospace font,
    1/64 px in the full browser's Noto Sans Mono CJK JP. A lost space or letter moves the rest
    of its line by a whole character, ~8 px.)"""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    page = theme_page
    page.evaluate(SET_SCHEME, "slate" if scheme == "dark" else "default")
    checked = 0
    for name in ("gradients.md", "xor.md", "experiment.md"):
        for where, source in _included_code(name):
            if not where.startswith("code/"):
                continue
            original = highlight(source, PythonLexer(), HtmlFormatter(wrapcode=True))
            found = page.evaluate(_COMPARED, [original, unwrap_plain_tokens(original)])
            before, after = found["text"]
            assert after == before, where
            # Each: [character, colour, weight, style, x, y] before and after.
            assert found["differ"] == 0, (where, found["differ"], found["first"])
            checked += found["checked"]
    assert checked > 2000


def test_shorter_svg_syntax_draws_the_same_pixels(warm_page):
    """A figure with curves, dashes, a legend, ticks and labels, before and after."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from activation_tutorial.figures.style import LIGHT, round_positions, shorter_syntax, themed

    with themed(LIGHT):
        fig, ax = plt.subplots()
        x = [i / 10 for i in range(-40, 41)]
        ax.plot(x, [max(v, 0) for v in x], label="ReLU")
        ax.plot(x, [v / (1 + abs(v)) for v in x], "--", label="f'(x)")
        ax.set_xlabel("x")
        ax.set_title("Sigmoid")
        ax.legend()
        ax.grid(True)
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    before = round_positions(buf.getvalue())
    after = shorter_syntax(before)
    assert len(after) < 0.9 * len(before)
    assert b"xlink:href" not in after and b"<!DOCTYPE" not in after
    page = warm_page(900, 700, "light")
    shots = []
    for svg in (before, after):
        url = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
        page.set_content(f'<img id="f" src="{url}">')
        page.wait_for_function("document.getElementById('f').complete")
        shots.append(page.locator("#f").screenshot())
    assert shots[1] == shots[0]


def test_shorter_svg_syntax_keeps_what_is_referred_to():
    from activation_tutorial.figures.style import shorter_syntax

    svg = (
        b'<svg xmlns:xlink="http://www.w3.org/1999/xlink"><g id="figure_1"><g id="line2d_1">'
        b'<path d="M 0 0 L 1 1 z" clip-path="url(#p1)" style="fill: none; stroke: red"/></g>'
        b'<defs><path id="g1" d="M 2 2"/></defs>'
        b'<use xlink:href="#g1" transform="translate(3.5 0)"/>'
        b'<clipPath id="p1"><rect/></clipPath></g></svg>'
    )
    assert shorter_syntax(svg) == (
        b'<svg><g><path d="M0 0L1 1z" clip-path="url(#p1)" style="fill:none;stroke:red"/>'
        b'<defs><path id="g1" d="M2 2"/></defs><use href="#g1" x="3.5"/>'
        b'<clipPath id="p1"><rect/></clipPath></g></svg>'
    )
