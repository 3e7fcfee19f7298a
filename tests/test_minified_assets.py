"""Our own stylesheets and scripts reach the built site minified, under their own names
(activation_tutorial.theme): comments and indentation are bytes that gzip cannot remove."""

from pathlib import Path

from site_pages import transferred

from activation_tutorial.theme import minified, own_assets

ROOT = Path(__file__).resolve().parent.parent


def test_our_css_and_js_are_served_minified_and_transfer_fewer_bytes(site):
    sources = own_assets(ROOT / "docs")
    assert {p.name for p in sources} >= {"site.css", "theme-fixes.js", "lazy-search.js"}
    for source in sources:
        built = site / "assets" / source.name
        assert built.read_text(encoding="utf-8") == minified(
            source.read_text(encoding="utf-8"), source.suffix
        ), f"{source.name} is not minified in the site"
        assert transferred(built) < 0.8 * transferred(source), source.name


def test_minified_keeps_template_literals_and_strings():
    js = "// why\nconst a = `x  ${b}  y`; /* c */ const s = '  //  ';\n"
    assert minified(js, ".js") == "const a=`x  ${b}  y`;const s='  //  ';"
    assert minified("a { color : red ; } /* c */", ".css") == "a{color:red}"
