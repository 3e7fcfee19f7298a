"""The XOR explorer in a real browser: it agrees with PyTorch, with the page, with its URL.

Uses the shared ``server`` / ``new_page`` / ``warm_page`` / ``browser`` fixtures (one build, one
server, one Debian Chromium). Tests that need no load of their own share one page per language
(``explorer``), handed to each test as it was loaded; tests that need a load of their own make it
in the run's warm context (``warm_page``), except the one about a first visit's requests.
Screenshots go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from chromium import ANIMATIONS_DONE, SET_SCHEME

from activation_tutorial.activations import REGISTRY
from activation_tutorial.content.labels import label
from activation_tutorial.content.xor_explorer import (
    EXPLORER_LABELS,
    explorer_html,
    explorer_values,
    power_of_ten,
)
from activation_tutorial.experiment.xor_runs import XorSettings
from activation_tutorial.explorer.data import PARAMETERS, explorer_data
from activation_tutorial.explorer.reference import TOLERANCE, WEIGHT_SETS, activation_grid
from activation_tutorial.explorer.training import CHECKPOINTS, TRAJECTORY_SEEDS, initial_weights
from activation_tutorial.xor.network import ARTICLE_WEIGHTS, build_network
from activation_tutorial.xor.table import format_number, xor_table_rows

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "generated" / "explorer_reference.json"
ARTIFACTS = ROOT / "test-artifacts"
LANGS = {"ja": "xor-network/", "en": "en/xor-network/"}
EXPLORER_SECTION = "explorer"
"""The id of the heading of the explorer's section, the same in both languages."""
EXPLORER_ASSETS = ("assets/xor-explorer.js", "assets/xor-explorer.css")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@cache
def _reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


# ---- Without a browser ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_markup_embeds_the_registry_data_for_the_script(lang):
    html = explorer_html(lang)
    embedded = re.search(
        r'<script type="application/json" class="xe-data">(.*?)</script>', html, re.S
    )
    data = json.loads(embedded.group(1).replace("<\\/", "</"))
    assert data == explorer_data(EXPLORER_LABELS[lang]["identity"])
    # The registry's entries in its order, then no activation, which the registry does not have.
    assert [a["key"] for a in data["activations"]] == [*REGISTRY, "identity"]
    assert [a["params"] for a in data["activations"][:-1]] == [
        dict(a.params) for a in REGISTRY.values()
    ]
    assert data["activations"][-1]["module"] == "Identity"
    # The optimiser is the experiment's: its learning rate, PyTorch's Adam defaults.
    assert data["training"]["lr"] == XorSettings().lr
    assert data["training"]["seeds"] == len(XorSettings().seeds)
    # Hidden until the script runs: a reader without JavaScript never sees dead controls.
    assert re.search(r'<div class="xor-explorer" id="xor-explorer"[^>]* hidden[ >]', html)
    assert "<noscript>" in html


def test_the_quoted_tolerance_is_the_tested_one():
    assert explorer_values() == {"tolerance": power_of_ten(TOLERANCE)}
    assert power_of_ten(1e-6) == "10⁻⁶"
    assert power_of_ten(1000.0) == "10³"
    with pytest.raises(ValueError, match="not a power of ten"):
        power_of_ten(2e-6)


def test_network_weights_off_the_float32_grid_stay_exact():
    # The reference for "irregular" weights is only as good as the network's copy of them.
    weights = dict(WEIGHT_SETS["irregular"])
    hidden, _, output = build_network(weights)
    assert hidden.weight[0, 0].item() == weights["w11"] == 3.7
    assert output.bias[0].item() == weights["b3"]


# ---- In the browser ---------------------------------------------------------------------------


VIEWPORT = {"width": 1280, "height": 900}


def _watched(page) -> list[str]:
    """The page's errors, a list that keeps growing; a 5 s default timeout."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_default_timeout(5000)
    return errors


def _load(page, server, lang="ja", query=""):
    """Open the page with its explorer running, on ``page``. The explorer loads when the reader
    comes near it, as here by scrolling to its section; an address with explorer state
    (``query``) loads it at once. Returns the list of page errors, which keeps growing."""
    errors = _watched(page)
    page.goto(server + LANGS[lang] + query, wait_until="domcontentloaded")
    if not query:
        page.locator(f"#{EXPLORER_SECTION}").scroll_into_view_if_needed()
    page.locator("#xor-explorer").wait_for(state="visible")
    return errors


def _open(warm_page, server, lang="ja", query="", width=1280, scheme="light"):
    """A page of its own, for a test that needs a load of its own (an address, a palette)."""
    page = warm_page(width=width, scheme=scheme)
    return page, _load(page, server, lang, query)


STATE = """() => ({
    url: location.href,
    scheme: document.body.getAttribute("data-md-color-scheme"),
    toggle: [...document.querySelectorAll('[data-md-component="palette"] label')]
        .filter((l) => !l.hidden).map((l) => l.htmlFor),
    focus: document.activeElement === document.body,
    sheets: document.styleSheets.length,
    scroll: [scrollX, scrollY],
    activation: document.getElementById("xe-activation").value,
    weights: [...document.querySelectorAll("#xor-explorer input[type=range]")]
        .map((s) => [s.id, s.value]),
    shown: document.getElementById("xor-explorer").innerText,
    canvas: document.getElementById("xe-canvas").toDataURL(),
})"""
"""Everything a test of the shared page may read or change: address, palette, focus, scroll,
controls, what the explorer shows and draws."""


def _state(page) -> dict:
    return dict(page.evaluate(STATE), viewport=page.viewport_size)


@pytest.fixture(scope="module")
def _shared_explorers():
    opened: dict[str, tuple] = {}  # lang -> (page, errors, state as loaded)
    yield opened
    for page, *_ in opened.values():
        page.close()


@pytest.fixture
def explorer(_shared_explorers, warm_tab, server):
    """``page, errors = explorer("en")``: one loaded page per language, explorer running, shared
    by the tests that read it or that its own reset puts back (a load costs more than any such
    test), handed to each as it was loaded."""

    def page_of(lang: str):
        if lang not in _shared_explorers:
            page = warm_tab(VIEWPORT["width"], VIEWPORT["height"], "light")
            errors = _load(page, server, lang)
            _shared_explorers[lang] = (page, errors, _state(page))
            return page, errors
        page, errors, loaded = _shared_explorers[lang]
        page.bring_to_front()  # tabs opened since, in the same context, came in front of it
        errors.clear()  # the previous test has asserted on its own
        now = _state(page)
        if now != loaded:
            if now["viewport"] != loaded["viewport"]:
                page.set_viewport_size(loaded["viewport"])
            if [now[k] for k in ("activation", "weights")] != [
                loaded[k] for k in ("activation", "weights")
            ]:
                page.locator("#xe-reset").dispatch_event("click")  # its own way back; no hover
            page.evaluate(
                """([url, [x, y]]) => {
                    history.replaceState(history.state, "", url);
                    document.activeElement.blur();
                    scrollTo(x, y);
                }""",
                [loaded["url"], loaded["scroll"]],
            )
            # Palettes are put back by the tests that switch them: here they are only checked.
            now = _state(page)
            assert now == loaded, f"the shared {lang} page is not as loaded: " + ", ".join(
                k for k in loaded if now[k] != loaded[k]
            )
        return page, errors

    return page_of


def _cells(table) -> list[list[str]]:
    # One round trip for the whole table: the URL test reads it once per activation.
    rows = table.locator("tbody tr").evaluate_all(
        "rows => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.innerText))"
    )
    return [[c.strip() for c in row] for row in rows]


def _canvas_hash(page) -> str:
    url = page.evaluate("document.getElementById('xe-canvas').toDataURL()")
    return hashlib.sha256(url.encode()).hexdigest()


def _explorer_table(page):
    return page.locator("#xor-explorer table")


def _number(text: str) -> float:
    return float(text.split()[0].replace("\u2212", "-"))


@pytest.mark.parametrize("lang", LANGS)
def test_initial_state_equals_the_generated_table(explorer, lang):
    page, errors = explorer(lang)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    static = page.locator("table").filter(has_text=label(lang, "spreadsheet_caption"))
    expected = _cells(static)
    assert len(expected) == 4
    assert _cells(_explorer_table(page)) == expected
    assert page.locator("#xe-activation").input_value() == "sigmoid"
    for name, value in ARTICLE_WEIGHTS.items():
        assert float(page.locator(f"#xe-{name}").input_value()) == value
    assert page.locator("#xe-status").inner_text() == EXPLORER_LABELS[lang]["solved"]
    assert errors == []


def test_browser_numbers_equal_pytorch_for_every_activation(explorer):
    page, errors = explorer("ja")
    reference = _reference()
    assert list(reference["activations"]) == list(REGISTRY)
    assert page.evaluate("window.xorExplorer.missing") == []
    worst = page.evaluate(
        """([ref, names]) => {
            const api = window.xorExplorer;
            const worst = {};
            for (const [key, values] of Object.entries(ref.activations)) {
                const f = api.activation(key);
                let err = 0;
                ref.x.forEach((x, i) => { err = Math.max(err, Math.abs(f(x) - values[i])); });
                worst["activation " + key] = err;
            }
            for (const [set, {weights, rows}] of Object.entries(ref.xor)) {
                for (const [key, expected] of Object.entries(rows)) {
                    let err = 0;
                    for (const row of expected) {
                        const got = api.forward(weights, key, row.x1, row.x2);
                        for (const n of names) err = Math.max(err, Math.abs(got[n] - row[n]));
                        if ((got.p > 0.5 ? 1 : 0) !== row.predicted) err = Infinity;
                    }
                    worst["xor " + set + " " + key] = err;
                }
            }
            return worst;
        }""",
        [reference, ["z1", "z2", "f1", "f2", "y", "p"]],
    )
    assert len(worst) == len(REGISTRY) * (1 + len(WEIGHT_SETS))
    print("largest |browser - PyTorch|:", max(worst.values()), max(worst, key=worst.get))
    too_far = {k: v for k, v in worst.items() if not v <= TOLERANCE}
    assert too_far == {}, f"browser and PyTorch differ by more than {TOLERANCE}: {too_far}"
    # GELU rests on the explorer's own erf: hold it to Python's far more tightly.
    xs = [i / 200 for i in range(-1400, 1401)]
    erf = page.evaluate("xs => xs.map(window.xorExplorer.erf)", xs)
    assert max(abs(a - math.erf(x)) for a, x in zip(erf, xs, strict=True)) < 1e-13
    assert errors == []


def test_every_formula_the_script_knows_equals_pytorch(explorer):
    # Entries other engineers add to the registry (SiLU, ELU, Softplus, ...) must already be
    # right when they arrive: each formula against its torch.nn module with PyTorch's defaults.
    import torch
    from torch import nn

    page, errors = explorer("ja")
    modules = page.evaluate("window.xorExplorer.modules")
    assert {"SiLU", "ELU", "SELU", "Softplus", "Hardswish"} <= set(modules)
    xs = activation_grid()
    x = torch.tensor(xs, dtype=torch.float64)
    with torch.no_grad():
        expected = {m: getattr(nn, m)()(x).tolist() for m in modules}
        expected["step"] = (x > 0).double().tolist()
        expected["ELU alpha=0.5"] = nn.ELU(alpha=0.5)(x).tolist()
        expected["Softplus beta=2"] = nn.Softplus(beta=2.0, threshold=10.0)(x).tolist()
        expected["GELU tanh"] = nn.GELU(approximate="tanh")(x).tolist()
    got = page.evaluate(
        """([modules, xs]) => {
            const api = window.xorExplorer;
            const out = Object.fromEntries(modules.map((m) => [m, xs.map(api.formula(m))]));
            out["step"] = xs.map(api.step);
            out["ELU alpha=0.5"] = xs.map(api.formula("ELU", { alpha: 0.5 }));
            out["Softplus beta=2"] = xs.map(api.formula("Softplus", { beta: 2, threshold: 10 }));
            out["GELU tanh"] = xs.map(api.formula("GELU", { approximate: "tanh" }));
            return out;
        }""",
        [modules, xs],
    )
    assert got.keys() == expected.keys()
    worst = {k: max(abs(a - b) for a, b in zip(got[k], expected[k], strict=True)) for k in got}
    print("largest |formula - torch.nn|:", max(worst.values()), max(worst, key=worst.get))
    assert {k: v for k, v in worst.items() if not v <= TOLERANCE} == {}
    with pytest.raises(Exception, match="parameter negative_slope, not implemented"):
        page.evaluate("window.xorExplorer.formula('ReLU', { negative_slope: 0.1 })")
    # inplace changes where PyTorch writes, not what it computes.
    assert page.evaluate("window.xorExplorer.formula('ReLU', { inplace: true })(-2)") == 0
    assert errors == []


def test_moving_a_control_changes_heatmap_table_status_and_url(explorer):
    page, errors = explorer("en")
    before_pixels, before_table = _canvas_hash(page), _cells(_explorer_table(page))
    # Mid-drag ("input" only) the view follows, the address bar waits for "change".
    page.locator("#xe-b1").evaluate(
        "el => { el.value = '-4'; el.dispatchEvent(new Event('input', { bubbles: true })); }"
    )
    assert _cells(_explorer_table(page))[0][2] == "\u22124"
    assert urlparse(page.url).query == ""
    page.locator("#xe-b1").fill("-5")
    assert "b1=-5" in page.url
    page.locator("#xe-w31").fill("-10")
    assert _canvas_hash(page) != before_pixels
    after = _cells(_explorer_table(page))
    assert after != before_table
    assert page.locator("#xe-w31-exact").input_value() == "-10"
    expected = xor_table_rows(dict(ARTICLE_WEIGHTS, w31=-10.0))
    assert [_number(r[6]) for r in after] == pytest.approx([r.y for r in expected], abs=6e-4)
    page.locator("#xe-w32").fill("-10")
    page.locator("#xe-b3").fill("15")
    status = page.locator("#xe-status").inner_text()
    assert status == EXPLORER_LABELS["en"]["unsolved"].format(correct=0)
    assert page.locator("#xor-explorer tr.xe-wrong").count() == 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#xor-explorer").screenshot(
        path=ARTIFACTS / "xor-explorer-en-1280-light-unsolved.png", style=".md-header{opacity:0}"
    )
    query = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
    assert {k: float(query[k]) for k in PARAMETERS} == dict(WEIGHT_SETS["negated_output"])
    assert errors == []


def test_url_restores_the_state_and_tables_follow_pytorch(server, warm_page):
    reference = _reference()["xor"]["fifth"]
    query = "?" + urlencode({"act": "tanh", **reference["weights"]})
    page, errors = _open(warm_page, server, "ja", query)
    assert page.locator("#xe-activation").input_value() == "tanh"
    for name, value in reference["weights"].items():
        assert float(page.locator(f"#xe-{name}").input_value()) == value
    # Every activation through the select: the shown, rounded numbers are PyTorch's.
    for key in REGISTRY:
        page.locator("#xe-activation").select_option(key)
        for shown, row in zip(_cells(_explorer_table(page)), reference["rows"][key], strict=True):
            for col, name in ((2, "z1"), (3, "z2"), (4, "f1"), (5, "f2"), (6, "y"), (7, "p")):
                assert _number(shown[col]) == pytest.approx(row[name], abs=6e-4), (key, name)
            assert shown[8].startswith(str(row["predicted"])), key
    # The address bar now names the last state; opening it again shows the very same thing.
    page.locator("#xe-w12").fill("3.5")
    shared, pixels, table = page.url, _canvas_hash(page), _cells(_explorer_table(page))
    assert (
        page.locator("#xe-link")
        .get_attribute("href")
        .endswith(urlparse(shared).query + "#explorer")
    )
    # Opened again in the same tab, as a reader pasting the link does: a new document (not a
    # reload or a step back, which may restore the controls' values without the address).
    page.goto("about:blank")
    more_errors = _load(page, server, "ja", shared.split("xor-network/", 1)[1])
    assert page.locator("#xe-activation").input_value() == list(REGISTRY)[-1]
    assert page.locator("#xe-w12").input_value() == "3.5"
    assert (_canvas_hash(page), _cells(_explorer_table(page))) == (pixels, table)
    assert errors == more_errors == []


def test_keyboard_alone_operates_the_explorer_with_visible_focus(explorer):
    page, errors = explorer("en")
    initial = _cells(_explorer_table(page))
    # Tab through the page until focus reaches the explorer (the focus order is a cycle: on a
    # page shared with other tests Tab starts where the last focus was, not at the top).
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "xe-activation":
            break
    else:
        pytest.fail("Tab never reached the activation select")

    def focus_ring() -> float:
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
        )
        return style[1] if style[0] != "none" else 0.0

    assert focus_ring() >= 2
    keys = list(REGISTRY)
    after_sigmoid = keys[keys.index("sigmoid") + 1]
    page.keyboard.press("ArrowDown")
    assert page.locator("#xe-activation").input_value() == after_sigmoid
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "xe-w11"
    assert focus_ring() >= 2
    page.keyboard.press("ArrowRight")
    assert page.locator("#xe-w11").input_value() == "10.5"
    assert "w11=10.5" in page.url
    moved = xor_table_rows(dict(ARTICLE_WEIGHTS, w11=10.5), after_sigmoid)
    shown = [r[2] for r in _cells(_explorer_table(page))]
    assert shown == [format_number(r.z1).replace("-", "\u2212") for r in moved]
    page.keyboard.press("End")
    assert page.locator("#xe-w11").input_value() == "20"
    page.keyboard.press("Tab")  # the exact value beside the slider, editable
    assert page.evaluate("document.activeElement.id") == "xe-w11-exact"
    assert page.locator("#xe-w11-exact").input_value() == "20"
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("3.25")
    page.keyboard.press("Enter")
    assert page.locator("#xe-w11").input_value() == "3.5"  # the slider shows it coarsely
    assert page.evaluate("xorExplorer.state().weights[0]") == 3.25  # the state holds it exactly
    for _ in range(2 * len(PARAMETERS) - 1):  # on to the reset button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "xe-reset"
    assert focus_ring() >= 2
    page.keyboard.press("Enter")
    assert page.locator("#xe-activation").input_value() == "sigmoid"
    assert _cells(_explorer_table(page)) == initial
    assert urlparse(page.url).query == ""
    # On past the link to training: a seed, its starting weights, one step, back to step 0.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "xe-link"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "xe-seed"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "xe-from-seed"
    assert focus_ring() >= 2
    page.keyboard.press("Enter")
    page.wait_for_function("() => xorExplorer.state().seed === 1")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "xe-play"
    page.keyboard.press("Enter")
    page.wait_for_function("() => xorExplorer.state().step > 0")
    page.keyboard.press("Enter")
    assert page.locator("#xe-play").get_attribute("aria-pressed") == "false"
    assert not page.evaluate("xorExplorer.state().playing")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "xe-one-step"
    played = page.evaluate("xorExplorer.state().step")
    page.keyboard.press("Enter")
    assert page.evaluate("xorExplorer.state().step") == played + 1
    assert page.locator("#xe-step-count").inner_text() == str(played + 1)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "xe-restart"
    page.keyboard.press("Space")
    assert page.evaluate("xorExplorer.state().step") == 0
    # On to the table, whose box scrolls on a phone: arrow keys must reach it.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('xe-table')")
    assert focus_ring() >= 2
    assert errors == []


def test_without_javascript_the_static_figures_and_table_remain(server, warm_page):
    page = warm_page()
    # What Playwright's java_script_enabled=False does to each page of a context, here for this
    # tab alone (in the warm context); it lasts while this session stays attached.
    no_scripts = page.context.new_cdp_session(page)
    no_scripts.send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.goto(server + LANGS["en"])
    assert page.evaluate("typeof __md_scope") == "undefined"  # the theme's first script never ran
    assert not page.locator("#xor-explorer").is_visible()
    assert page.locator(".xe-noscript").is_visible()
    static = page.locator("table").filter(has_text=label("en", "spreadsheet_caption"))
    assert static.locator("tbody tr").count() == 4
    figure = page.locator('img[src*="xor_surface_p.light.svg"]')
    assert figure.is_visible()
    # Wait rather than look once: a lazy figure may still be decoding after "load".
    figure.evaluate(
        "img => img.complete && img.naturalWidth > 0 || new Promise((ok, fail) => {"
        " img.onload = () => ok(true); img.onerror = () => fail(new Error('broken')); })"
    )
    assert figure.evaluate("img => img.complete && img.naturalWidth > 0")


def test_an_activation_without_a_formula_fails_loudly(server, warm_page):
    page = warm_page()
    errors = _watched(page)

    def add_unknown(route) -> None:
        html = route.fetch().text()
        fake = '{"key": "mystery", "module": "Mystery", "name": "Mystery", "params": {}}, '
        route.fulfill(body=html.replace('"activations": [', '"activations": [' + fake, 1),
                      content_type="text/html")  # fmt: skip

    page.route("**/xor-network/", add_unknown)
    page.goto(server + LANGS["en"] + f"#{EXPLORER_SECTION}")  # an anchor there: loads at once
    alert = page.locator("#xor-explorer [role=alert]")
    assert alert.inner_text() == EXPLORER_LABELS["en"]["missing"].format(names="Mystery")
    assert page.evaluate("window.xorExplorer.missing") == ["mystery"]
    assert any("no formula for Mystery" in e for e in errors), errors
    assert page.locator('#xe-activation option[value="mystery"]').is_disabled()


@pytest.mark.parametrize("lang", LANGS)
def test_screenshots_at_phone_and_desktop_width_in_both_palettes(server, warm_page, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    # One load, on a phone, by a reader whose system prefers dark (the shared pages are light);
    # then Material's toggle to light. Switched in place or loaded in a palette, the pixels
    # are the same (compared once, byte for byte: 2 languages x 2 widths x 2 palettes).
    page, errors = _open(warm_page, server, lang, width=390, scheme="dark")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    pixels = {}
    for scheme in ("dark", "light"):
        if scheme == "light":
            page.locator('label[for="__palette_0"]').first.click()
            page.wait_for_function(
                "() => document.body.getAttribute('data-md-color-scheme') === 'default'"
            )
        for width in (390, 1280):  # the layout follows the viewport
            page.set_viewport_size({"width": width, "height": 900})
            box = page.locator("#xe-canvas").bounding_box()
            assert box["width"] >= min(280, width - 60)
            pixels[width, scheme] = _canvas_hash(page)
            shot = ARTIFACTS / f"xor-explorer-{lang}-{width}-{scheme}.png"
            # Sticky parts (the header, the heatmap on a phone) would land mid-picture; the
            # palette's colour fade is finished, not caught halfway.
            unstick = ".md-header{opacity:0} .xe-view{position:static !important}"
            page.locator("#xor-explorer").screenshot(
                path=shot, style=unstick, animations="disabled"
            )
            assert shot.stat().st_size > 10_000
    assert errors == []
    # The palette is read from the page: dark and light canvases differ, widths do not matter.
    assert pixels[390, "light"] == pixels[1280, "light"] != pixels[1280, "dark"]
    assert pixels[390, "dark"] == pixels[1280, "dark"]


def _explorer_requests(requested: list[str]) -> list[str]:
    return sorted(url.rsplit("/", 1)[1] for url in requested if url.endswith(EXPLORER_ASSETS))


def test_the_first_view_neither_downloads_nor_runs_the_explorer(server, new_page):
    # A phone, as Lighthouse's mobile run: the explorer is many screens below the first view.
    # A first visit, in a context of its own: nothing cached, every request seen.
    page = new_page(width=390, height=844)
    page.set_default_timeout(5000)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(urlparse(r.url).path))
    page.goto(server + LANGS["ja"])
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("assets/xor-explorer-loader.js") for url in requested), requested
    assert _explorer_requests(requested) == []
    assert page.evaluate("window.xorExplorer === undefined")
    assert page.locator("#xor-explorer").is_hidden()
    # Coming near it: its styles and script, each once, and the explorer runs.
    page.locator(f"#{EXPLORER_SECTION}").scroll_into_view_if_needed()
    page.locator("#xor-explorer").wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    assert _explorer_requests(requested) == ["xor-explorer.css", "xor-explorer.js"]
    assert page.evaluate("window.xorExplorer.missing") == []


# ---- Any address leaves a working explorer ---------------------------------------------------

PWNED = "window.__xe_pwned = 1"
BAD_ADDRESSES = {
    # suffix: (message expected, state the explorer must show: activation and changed weights)
    "?act=constructor": (True, "sigmoid", {}),
    "?act=toString": (True, "sigmoid", {}),
    "?act=__proto__": (True, "sigmoid", {}),
    "?act=valueOf": (True, "sigmoid", {}),
    "?act=hasOwnProperty&w12=2": (True, "sigmoid", {"w12": 2.0}),
    "?act=": (True, "sigmoid", {}),
    "#%": (False, "sigmoid", {}),
    "#%E0%A4%A": (False, "sigmoid", {}),
    "?w11=%": (True, "sigmoid", {}),
    "?w11=%25&act=tanh#%": (True, "tanh", {}),
    "?w11=": (True, "sigmoid", {}),
    "?w11=NaN": (True, "sigmoid", {}),
    "?w11=Infinity": (True, "sigmoid", {}),
    "?w11=-Infinity": (True, "sigmoid", {}),
    "?w11=1e309": (True, "sigmoid", {}),
    "?w11=0x10": (True, "sigmoid", {}),
    "?w11=%20": (True, "sigmoid", {}),
    "?w11=1&w11=2": (True, "sigmoid", {"w11": 1.0}),
    "?act=tanh&act=relu": (True, "tanh", {}),
    "?act=tanh": (False, "tanh", {}),  # missing parameters: the article's weights
    "?seed=-1": (True, "sigmoid", {}),
    "?seed=100": (True, "sigmoid", {}),
    "?seed=1e1": (True, "sigmoid", {}),
    "?step=abc&w11=3": (True, "sigmoid", {"w11": 3.0}),
    "?step=99999999999": (True, "sigmoid", {}),
    "?w11=" + "9" * 100_000: (True, "sigmoid", {}),
    "?act=" + "x" * 100_000: (True, "sigmoid", {}),
    f"?act=<img src=x onerror='{PWNED}'>": (True, "sigmoid", {}),
    f"?w11=<script>{PWNED}</script>&w22=-7": (True, "sigmoid", {"w22": -7.0}),
    f"#<img src=x onerror='{PWNED}'>": (False, "sigmoid", {}),
    "?__proto__=1&constructor=2&toString=3": (False, "sigmoid", {}),
    # Off the sliders: the exact values are kept (the sliders show them coarsely).
    "?act=nope&w11=999&w12=abc&b1=-2.3": (True, "sigmoid", {"w11": 999.0, "b1": -2.3}),
}


@pytest.mark.parametrize("suffix", BAD_ADDRESSES, ids=lambda s: s[:40])
def test_any_address_leaves_a_working_explorer_with_the_articles_values(server, warm_page, suffix):
    notice, activation, changed = BAD_ADDRESSES[suffix]
    page = warm_page()
    errors = _watched(page)
    if len(suffix) < 8000:
        page.goto(server + LANGS["en"] + suffix, wait_until="domcontentloaded")
    else:  # more than servers take in a request line (Python's: 64 KB); a script can set it
        page.goto(server + LANGS["en"], wait_until="domcontentloaded")
        page.evaluate("s => history.replaceState(null, '', s)", suffix)
    page.locator(f"#{EXPLORER_SECTION}").scroll_into_view_if_needed()
    page.locator("#xor-explorer").wait_for(state="visible")
    assert page.locator("#xe-activation").input_value() == activation
    weights = dict(zip(PARAMETERS, page.evaluate("xorExplorer.state().weights"), strict=True))
    assert weights == dict(ARTICLE_WEIGHTS, **changed)
    shown = {p: float(page.locator(f"#xe-{p}-exact").input_value()) for p in PARAMETERS}
    assert shown == weights
    assert page.locator("#xe-notice").is_visible() == notice
    if notice:
        text = page.locator("#xe-notice").inner_text()
        assert text.startswith(EXPLORER_LABELS["en"]["address"].split("{")[0]), text
        assert len(text) < 400  # names what it could not use, not all of it
    # Nothing from the address became markup or ran.
    assert page.evaluate("window.__xe_pwned") is None
    assert page.locator('img[src="x"], #xor-explorer script:not(.xe-data)').count() == 0
    # And the explorer works: a moved weight changes the table, the status and the address.
    before = _cells(_explorer_table(page))
    assert len(before) == 4 and all(all(row) for row in before)
    page.locator("#xe-w31").fill("-10")
    page.locator("#xe-w32").fill("-10")
    page.locator("#xe-b3").fill("15")
    assert _cells(_explorer_table(page)) != before
    assert "w31=-10" in page.url
    assert page.locator("#xe-status").inner_text() != ""
    assert errors == []


# ---- Training --------------------------------------------------------------------------------


def test_reference_runs_are_the_experiments_runs(site):  # site: the build made the data
    # The reference runs use the experiment's code: after its 2,000 steps, each seed's loss is
    # the experiment's own final loss for that seed (its generated data, trained in a batch).
    from activation_tutorial.experiment.data import xor_from_bytes

    training = _conditioned(_reference()["training"])
    assert list(training) == [*REGISTRY, "identity"]
    for key in REGISTRY:
        data = ROOT / "docs" / "generated" / "data" / "experiment" / f"xor-{key}.json"
        runs = xor_from_bytes(data.read_bytes())
        assert runs.steps == max(CHECKPOINTS)
        assert set(training[key]) <= {str(s) for s in TRAJECTORY_SEEDS}
        for seed in map(int, training[key]):
            got = training[key][str(seed)][str(runs.steps)]["loss"]
            assert got == pytest.approx(runs.final_loss[seed], abs=1e-9), (key, seed)


def test_the_seeds_file_holds_the_experiments_starting_weights(site):
    published = json.loads((site / "generated" / "xor_explorer_seeds.json").read_text())
    assert published["parameters"] == list(PARAMETERS)
    assert published["seeds"] == initial_weights()
    assert len(published["seeds"]) == len(XorSettings().seeds)


def _conditioned(training: dict) -> dict:
    """The runs that a rounding-level change does not move (``training.trajectories``)."""
    return {
        key: {seed: run for seed, run in runs.items() if run["conditioned"]}
        for key, runs in training.items()
    }


def test_training_in_the_browser_equals_pytorch_for_every_activation(explorer):
    page, errors = explorer("en")
    reference = _conditioned(_reference()["training"])
    assert min(len(runs) for runs in reference.values()) >= 3, reference.keys()
    worst = page.evaluate(
        """async ([ref, at]) => {
            const api = window.xorExplorer;
            const seeds = await api.seeds();
            const worst = {};
            for (const [key, runs] of Object.entries(ref)) {
                for (const [seed, points] of Object.entries(runs)) {
                    const got = api.trajectory(key, seeds[Number(seed)], at);
                    let err = 0;
                    for (const k of at) {
                        const want = points[k];
                        err = Math.max(err, Math.abs(got[k].loss - want.loss),
                            ...want.weights.map((w, i) => Math.abs(got[k].weights[i] - w)));
                    }
                    worst[key + " seed " + seed] = err;
                }
            }
            return worst;
        }""",
        [reference, list(CHECKPOINTS)],
    )
    assert len(worst) == sum(len(runs) for runs in reference.values())
    print(
        f"{len(worst)} runs; largest |browser - PyTorch| after training:",
        max(worst.values()),
        max(worst, key=worst.get),
    )
    assert {k: v for k, v in worst.items() if not v <= TOLERANCE} == {}
    assert errors == []


def test_without_an_activation_no_seed_solves_xor(explorer):
    page, errors = explorer("en")
    correct = page.evaluate(
        """async (steps) => {
            const api = window.xorExplorer;
            const names = ["w11", "w12", "b1", "w21", "w22", "b2", "w31", "w32", "b3"];
            return (await api.seeds()).map((start) => {
                const w = api.trajectory("identity", start, [steps])[steps].weights;
                const weights = Object.fromEntries(names.map((n, i) => [n, w[i]]));
                return [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]].filter(([a, b, t]) =>
                    (api.forward(weights, "identity", a, b).p > 0.5 ? 1 : 0) === t).length;
            });
        }""",
        XorSettings().steps,
    )
    assert len(correct) == len(XorSettings().seeds)
    assert max(correct) < 4
    assert errors == []


def test_play_pause_and_the_address_reproduce_the_same_numbers(server, warm_page):
    page, errors = _open(warm_page, server, "en", "?act=tanh&seed=3")
    page.wait_for_function("() => xorExplorer.state().seed === 3")
    curve = page.evaluate("document.getElementById('xe-loss-curve').toDataURL()")
    page.locator("#xe-play").click()
    assert page.locator("#xe-play").get_attribute("aria-pressed") == "true"
    page.wait_for_function("() => xorExplorer.state().step >= 200")
    page.locator("#xe-play").click()
    state = page.evaluate("xorExplorer.state()")
    assert not state["playing"] and state["step"] >= 200
    assert page.locator("#xe-step-count").inner_text() == str(state["step"])
    assert float(page.locator("#xe-loss").inner_text()) == pytest.approx(state["loss"], rel=1e-5)
    assert page.evaluate("document.getElementById('xe-loss-curve').toDataURL()") != curve
    query = parse_qs(urlparse(page.url).query)
    assert query == {"act": ["tanh"], "seed": ["3"], "step": [str(state["step"])]}
    # The exact values, not the sliders' steps, are shown and kept.
    exact = [float(page.locator(f"#xe-{p}-exact").input_value()) for p in PARAMETERS]
    assert exact == state["weights"]
    shared = page.url
    page.goto("about:blank")
    _load(page, server, "en", shared.split("xor-network/", 1)[1])
    page.wait_for_function("() => xorExplorer.state().seed === 3")
    assert page.evaluate("xorExplorer.state()") == state
    # One step, then back to step 0: the seed's starting weights.
    page.locator("#xe-one-step").click()
    assert page.evaluate("xorExplorer.state().step") == state["step"] + 1
    page.locator("#xe-restart").click()
    assert page.evaluate("xorExplorer.state().weights") == initial_weights([3])[0]
    assert errors == []


def test_switching_language_keeps_the_state(server, warm_page):
    page, errors = _open(warm_page, server, "en", "?act=relu&seed=5&step=40")
    page.wait_for_function("() => xorExplorer.state().step === 40")
    page.locator("#xe-b3-exact").fill("0.125")
    page.locator("#xe-b3-exact").press("Enter")
    state = page.evaluate("xorExplorer.state()")
    switch = page.locator('a.md-select__link[hreflang="ja"]')
    page.goto(switch.get_attribute("href"))  # as the reader's click on the language menu
    assert urlparse(page.url).path.endswith("/xor-network/")
    assert "/en/" not in page.url
    page.locator("#xor-explorer").wait_for(state="visible")
    assert page.evaluate("xorExplorer.state()") == state
    assert page.locator("#xe-activation").input_value() == "relu"
    # Back to the article's weights: the language menu no longer carries a state.
    page.locator("#xe-reset").click()
    assert urlparse(page.url).query == ""
    switch = page.locator('a.md-select__link[hreflang="en"]').get_attribute("href")
    assert urlparse(switch).query == "" and urlparse(switch).path.endswith("/en/xor-network/")
    assert errors == []


def test_layout_at_phone_and_desktop_width_covers_nothing(server, warm_page):
    page, errors = _open(warm_page, server, "ja", "?act=relu&seed=0", width=390)
    page.wait_for_function("() => xorExplorer.state().seed === 0")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        # The theme's search panel changes width with a transition when the layout changes:
        # measure the page once it has settled, as a reader sees it.
        page.evaluate(ANIMATIONS_DONE)
        overlaps = page.evaluate(
            """() => {
                const parts = [...document.querySelectorAll('#xor-explorer :is(fieldset,'
                    + ' .xe-activation, .xe-actions, canvas, .xe-status, .xe-legend,'
                    + ' figcaption, .xe-table, .xe-progress)')];
                const found = [];
                parts.forEach((a, i) => parts.slice(i + 1).forEach((b) => {
                    if (a.contains(b) || b.contains(a)) return;
                    const p = a.getBoundingClientRect();
                    const q = b.getBoundingClientRect();
                    const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
                    const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
                    if (w > 1 && h > 1) found.push([a.id || a.className, b.id || b.className]);
                }));
                return found;
            }"""
        )
        assert overlaps == [], f"{width} px"
        # sigma(y), the prediction and the target are in sight without scrolling sideways.
        seen = page.evaluate(
            """() => {
                const box = document.querySelector('#xor-explorer .xe-table');
                box.scrollIntoView({ block: "center" });
                const frame = box.getBoundingClientRect();
                return [...box.querySelectorAll('thead th')].slice(-3).map((th) => {
                    const r = th.getBoundingClientRect();
                    const top = document.elementFromPoint((r.left + r.right) / 2,
                                                          (r.top + r.bottom) / 2);
                    return r.left >= frame.left && r.right <= frame.right + 0.5
                        && r.right <= innerWidth && th.contains(top);
                });
            }"""
        )
        assert seen == [True, True, True], f"{width} px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # A vertical swipe that starts on a slider scrolls the page.
        assert page.locator("#xe-w11").evaluate("el => getComputedStyle(el).touchAction") == (
            "pan-y"
        )
        # Nothing is sticky over the table.
        assert page.locator(".xe-view").evaluate("el => getComputedStyle(el).position") == (
            "static"
        )
    assert errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_while_training_runs(server, warm_page, lang):
    page, errors = _open(warm_page, server, lang, "?act=gelu&seed=7", width=390)
    page.wait_for_function("() => xorExplorer.state().seed === 7")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # the page's CSP refuses add_script_tag
    page.locator("#xe-play").click()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for scheme in ("default", "slate"):
            page.evaluate(SET_SCHEME, scheme)
            assert page.evaluate("xorExplorer.state().playing")
            result = page.evaluate(
                "() => axe.run('#xor-explorer', { resultTypes: ['violations'] })"
            )
            found = [(v["id"], n["target"]) for v in result["violations"] for n in v["nodes"]]
            assert found == [], f"{lang} {width} {scheme}: {found}"
    assert page.evaluate("xorExplorer.state().step") > 0
    assert errors == []


def test_the_script_stays_small():
    import gzip

    script = ROOT / "docs" / "assets" / "xor-explorer.js"
    assert len(gzip.compress(script.read_bytes(), 9)) <= 12 * 1024


# ---- From the experiment to the explorer -----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_experiment_links_failing_and_solving_runs_to_the_explorer(server, warm_page, lang):
    from activation_tutorial.experiment.data import xor_from_bytes

    page = warm_page()
    errors = _watched(page)
    page.goto(server + LANGS[lang].replace("xor-network", "experiment"))
    links = page.locator('a[href*="xor-network/?act="]').evaluate_all(
        "links => links.map((a) => [a.href, a.closest('td').cellIndex])"
    )
    linked = {}
    for href, column in links:
        query = parse_qs(urlparse(href).query)
        linked[query["act"][0], column] = int(query["seed"][0])
        assert urlparse(href).fragment == EXPLORER_SECTION
    data = ROOT / "docs" / "generated" / "data" / "experiment"
    for key in REGISTRY:
        solved_at = xor_from_bytes((data / f"xor-{key}.json").read_bytes()).solved_at
        failed = [s for s, step in enumerate(solved_at) if step is None]
        solved = [s for s, step in enumerate(solved_at) if step is not None]
        assert linked.get((key, 1)) == (failed[0] if failed else None), key
        assert linked.get((key, 2)) == (solved[0] if solved else None), key
    # A failing ReLU run, and a solving one, replayed to the experiment's last step.
    for column, verdict in ((1, "unsolved"), (2, "solved")):
        seed = linked["relu", column]
        href = next(h for h, c in links if c == column and "act=relu&" in h)
        page.goto(href.replace("#", f"&step={XorSettings().steps}#"))
        page.wait_for_function(f"xorExplorer.state().seed === {seed}")
        page.wait_for_function(f"xorExplorer.state().step === {XorSettings().steps}")
        status = page.locator("#xe-status").inner_text()
        if verdict == "solved":
            assert status == EXPLORER_LABELS[lang]["solved"]
        else:
            assert status != EXPLORER_LABELS[lang]["solved"]
    assert errors == []


def test_a_wrong_prediction_is_ringed_in_black_and_white_in_both_palettes(server, warm_page):
    # ReLU from seed 0 after 300 steps: (0, 0) and (0, 1) wrong, (1, 0) and (1, 1) right.
    page, errors = _open(warm_page, server, "en", "?act=relu&seed=0&step=300")
    page.wait_for_function("() => xorExplorer.state().step === 300")
    wrong = [r[8].startswith("0") != (r[9] == "0") for r in _cells(_explorer_table(page))]
    assert wrong == [True, True, False, False]
    ring = """([x1, x2]) => {
        const [cx, cy, r] = xorExplorer.at(x1, x2);
        const ctx = document.getElementById("xe-canvas").getContext("2d");
        const tones = { black: 0, white: 0 };
        for (let k = 0; k < 72; k++) {
            for (const d of [1.9 * r, 2.1 * r, 2.3 * r]) {
                const x = Math.round(cx + d * Math.cos(k * Math.PI / 36));
                const y = Math.round(cy + d * Math.sin(k * Math.PI / 36));
                const [red, green, blue] = ctx.getImageData(x, y, 1, 1).data;
                if (red + green + blue < 60) tones.black += 1;
                if (red + green + blue > 720) tones.white += 1;
            }
        }
        return tones;
    }"""
    for scheme in ("default", "slate"):
        page.evaluate(SET_SCHEME, scheme)
        for (x1, x2), is_wrong in zip([(0, 0), (0, 1), (1, 0), (1, 1)], wrong, strict=True):
            tones = page.evaluate(ring, [x1, x2])
            if is_wrong:  # a full ring of both: seen on any colour of either palette
                assert tones["black"] >= 60 and tones["white"] >= 60, (scheme, x1, x2, tones)
            else:
                assert tones["black"] < 10, (scheme, x1, x2, tones)
    assert errors == []
