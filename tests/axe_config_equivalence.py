"""Does axe as the browser pass configures it judge what plain axe judges? A one-off check.

The pass (browser_sweep.py) runs ``AXE_CONFIG`` in each page after axe loads, to spare work whose
result nothing reads. This script loads every built page at each width in two tabs, one with plain
axe and one configured as the pass does, and compares axe's whole result in both palettes (all
rules light, colour rules dark): every rule's violations, passes and incomplete checks, node by
node (resize_equivalence.view). It prints each difference and exits 1 if there is one.

    python tests/axe_config_equivalence.py SITE URL   # against tests/site_server.py serving SITE
"""

from __future__ import annotations

import sys
from pathlib import Path

from browser_sweep import AXE, AXE_CONFIG, HEIGHT, WIDTHS
from chromium import CHROMIUM, CHROMIUM_ARGS
from resize_equivalence import SETTLE_MS, differences, report, summary, view
from site_pages import built_pages


def main(site: Path, server: str) -> int:
    from playwright.sync_api import sync_playwright

    problems, compared = 0, 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tabs = {}
        for how, config in (("plain", None), ("configured", AXE_CONFIG)):
            context = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT})
            context.add_init_script(path=str(AXE))
            if config:
                context.add_init_script(config)
            tabs[how] = context.new_page()
        for page in built_pages(site):
            for width in WIDTHS:
                views = {}
                for how, tab in tabs.items():
                    tab.set_viewport_size({"width": width, "height": HEIGHT})
                    tab.goto(server + page, wait_until="load")
                    tab.wait_for_timeout(SETTLE_MS)
                    assert tab.evaluate("axe._audit.noHtml") == (how == "configured")
                    views[how] = view(tab)
                found = differences(views["plain"], views["configured"])
                nodes = sum(len(v) for k, v in views["plain"].items() if k != "elements")
                compared += 1
                problems += report(f"{page or '(home)'} @{width}px", found, f"{nodes} axe nodes")
        browser.close()
    return summary(compared, problems)


if __name__ == "__main__":
    site_dir, url = sys.argv[1:]
    sys.exit(main(Path(site_dir), url))
