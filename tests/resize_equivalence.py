"""Does resizing a loaded page show what loading it at that width shows? A one-off check.

The browser pass (browser_sweep.py) loads each page once and reaches its second width by resizing
the viewport in place. This script checks that shortcut on every built page, both ways round: a
page loaded at one width is compared with the page loaded at the other width and resized to it.
It compares every rendered element (box within 1 px, colours, display, opacity, tab order:
browser_sweep.FINGERPRINT) and axe's whole result in both palettes (all rules light, colour rules
dark): every rule's violations, passes and incomplete checks, node by node (by XPath: axe's CSS
selectors name elements by attributes that Material's tooltips move about). Both views are taken
SETTLE_MS after the load or resize, so Material's timed layout work (its sidebar height) has
run. It prints each difference and exits 1 if there is one; the test run checks the home page,
every time (test_quality_browser.py).

    python tests/resize_equivalence.py SITE URL   # against tests/site_server.py serving SITE at URL
"""

from __future__ import annotations

import sys
from pathlib import Path

from browser_sweep import (
    AXE,
    COLOUR_RULES,
    FINGERPRINT,
    HEIGHT,
    SCHEMES,
    WIDTHS,
    resize,
)
from chromium import CHROMIUM, CHROMIUM_ARGS, SET_SCHEME
from site_pages import built_pages

WHOLE_RESULT = {"resultTypes": ["violations", "passes", "incomplete"], "xpath": True}
"""Every node of every outcome, not only violations: a resize must not move a node between them."""
OUTCOMES = ("violations", "passes", "incomplete", "inapplicable")
SETTLE_MS = 500
BACK_TO_TOP = ".md-top"
"""Material's back-to-top button: it gets tabindex=-1 at the first scroll or resize, not on load,
so axe's ``tabindex`` rule passes on it only after a resize (FINGERPRINT masks the attribute)."""


def view(tab: object) -> dict[str, object]:
    """What the pass judges in the page as shown: rendered elements, then axe per palette."""
    seen: dict[str, object] = {"elements": tab.evaluate(FINGERPRINT)}
    for scheme, palette in SCHEMES.items():
        tab.evaluate(SET_SCHEME, palette)
        options = WHOLE_RESULT | ({"runOnly": COLOUR_RULES} if scheme == "dark" else {})
        result = tab.evaluate("o => axe.run(document, o)", options)
        for outcome in OUTCOMES:
            for rule in result[outcome]:
                masked = [BACK_TO_TOP] if rule["id"] == "tabindex" else None
                nodes = sorted(str(n["xpath"]) for n in rule["nodes"] if n["target"] != masked)
                seen[f"{scheme} {outcome} {rule['id']}"] = nodes
    tab.evaluate(SET_SCHEME, SCHEMES["light"])
    return seen


def _close(a: str, b: str) -> bool:
    """The same element, box within 1 px (layout rounds differently after a resize), same style."""
    (*x, box_a, rest_a), (*y, box_b, rest_b) = (_split(a), _split(b))
    return (
        x == y
        and rest_a == rest_b
        and all(abs(i - j) <= 1 for i, j in zip(box_a, box_b, strict=True))
    )


def _split(element: str) -> tuple[str, str, list[int], str]:
    index, name, *box, rest = element.split(" ", 6)
    return index, name, [int(n) for n in box], rest


def differences(loaded: dict[str, object], resized: dict[str, object]) -> list[str]:
    """Each key whose value differs, with what only one side has (elements: the first pair)."""
    found = []
    for key in sorted(set(loaded) | set(resized)):
        a, b = loaded.get(key), resized.get(key)
        if a == b:
            continue
        if key == "elements":
            pairs = [(x, y) for x, y in zip(a, b, strict=False) if not _close(x, y)]
            if pairs or len(a) != len(b):
                found.append(f"elements: {len(a)} on load, {len(b)} resized; "
                             f"{len(pairs)} differ, first: {pairs[:1]}")  # fmt: skip
        else:
            only_a, only_b = (
                sorted(set(a or []) - set(b or [])),
                sorted(set(b or []) - set(a or [])),
            )
            found.append(f"{key}: only on load {only_a[:5]}, only resized {only_b[:5]}")
    return found


def report(where: str, found: list[str], detail: str) -> bool:
    """Print one compared view (same or DIFFERENT, with ``detail``) and each difference; True if
    there is one. Shared with axe_config_equivalence.py."""
    print(f"{where}: {'DIFFERENT' if found else 'same'} ({detail})", flush=True)
    for line in found:
        print("    " + line)
    return bool(found)


def summary(compared: int, problems: int) -> int:
    """The last line, and the exit status: 1 if any view differed."""
    print(f"{compared} views compared, {problems} different")
    return 1 if problems else 0


def main(site: Path, server: str) -> int:
    from playwright.sync_api import sync_playwright

    pages = built_pages(site)
    problems, compared = 0, 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tabs = {}
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": HEIGHT})
            context.add_init_script(path=str(AXE))
            tabs[width] = context.new_page()
        for page in pages:
            views: dict[tuple[int, str], dict[str, object]] = {}
            for width, tab in tabs.items():
                tab.set_viewport_size({"width": width, "height": HEIGHT})
                tab.goto(server + page, wait_until="load")
                tab.wait_for_timeout(SETTLE_MS)
                views[width, "loaded"] = view(tab)
                other = next(w for w in WIDTHS if w != width)
                resize(tab, other)
                tab.wait_for_timeout(SETTLE_MS)
                views[other, "resized"] = view(tab)

            for width in WIDTHS:
                found = differences(views[width, "loaded"], views[width, "resized"])
                axe = {k: v for k, v in views[width, "loaded"].items() if k != "elements"}
                rules = sum(" inapplicable " not in k for k in axe)
                nodes = sum(len(v) for v in axe.values())
                a, b = views[width, "loaded"]["elements"], views[width, "resized"]["elements"]
                rounded = sum(x != y for x, y in zip(a, b, strict=False))  # within 1 px if "same"
                compared += 1
                problems += report(f"{page or '(home)'} @{width}px", found,
                                   f"{len(a)} elements, {rules} rule outcomes, {nodes} axe nodes; "
                                   f"{rounded} boxes not equal to the pixel")  # fmt: skip
        browser.close()
    return summary(compared, problems)


if __name__ == "__main__":
    site_dir, url = sys.argv[1:]
    sys.exit(main(Path(site_dir), url))
