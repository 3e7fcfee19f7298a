"""One page per activation function: the overview, nav and built site follow the registry."""

import re
import sys
from pathlib import Path

import pytest

from activation_tutorial.activations import REGISTRY
from activation_tutorial.content.activation_facts import OVERVIEW_CLASS

ROOT = Path(__file__).resolve().parent.parent
KEYS = list(REGISTRY)
CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
GROUP = next(n for n, line in enumerate(CONFIG.splitlines(), 1) if "関数ごとのページ" in line)
"""The line of mkdocs.yml that opens the nav group of function pages."""


def test_nav_lists_the_overview_then_every_function_page_in_registry_order():
    # A page of no entry would be in the nav too: the build names a page the nav leaves out.
    nav = re.findall(r"^\s+- (?:[^:\n]+: )?functions/(\w+)\.md$", CONFIG, re.M)
    if nav != ["index", *KEYS]:
        lines = "\n".join(f"  - functions/{key}.md" for key in KEYS)
        pytest.fail(f"mkdocs.yml:{GROUP}: the nav group 関数ごとのページ must list one page per "
                    f"registry entry, in the registry's order:\n{lines}")  # fmt: skip


def test_on_a_function_page_its_nav_group_is_open(server, warm_page):
    """The nav lists the function pages only on those pages (navigation.prune): there the
    group must stay open after load (theme-fixes.js closes only the drawer and search)."""
    page = warm_page(1280, 900, "light")
    page.goto(server + "functions/relu/")
    toggles = page.locator(
        ".md-sidebar--primary li.md-nav__item--active.md-nav__item--nested > input.md-nav__toggle"
    )
    assert toggles.count() == 2  # the section and the group of function pages
    assert all(toggles.nth(i).is_checked() for i in range(2))
    assert page.locator('.md-sidebar--primary a[href="../step/"]').is_visible()


@pytest.mark.parametrize("lang_dir", ["", "en/"])
def test_built_overview_is_one_table_linking_each_page_in_the_wrapper_phones_style(
    page_html, lang_dir
):
    """On a phone site.css shows each row of ``.functions-overview`` as a card (its columns:
    test_reading_layout); the wrapper must reach the built page (md_in_html) around the table."""
    html = page_html[lang_dir + "functions/"]
    found = re.findall(rf'<div class="{OVERVIEW_CLASS}">\s*<table>(.*?)</table>', html, re.S)
    assert len(found) == 1, f'one table inside <div class="{OVERVIEW_CLASS}">'
    # A row per entry, in registry order; old links to /functions/#<key> land on the function's
    # row, which links its page (that the page exists: the link check).
    assert re.findall(r'<a href="(\w+)/" id="\1">', found[0]) == KEYS


def test_a_page_missing_from_the_nav_is_named_with_the_line_of_mkdocs_yml():
    sys.path.insert(0, str(ROOT / "scripts"))
    from hooks import omitted_from_nav

    pages = ["about.md", "functions/relu.md", "functions/softsign.md"]
    assert omitted_from_nav(pages, {"about.md", "functions/relu.md"}, CONFIG) == (
        f"mkdocs.yml:{GROUP}: add functions/softsign.md to the nav under '関数ごとのページ:' "
        "(one line per page: the English page follows its Japanese one)"
    )
    assert omitted_from_nav(pages, set(pages), CONFIG) is None
