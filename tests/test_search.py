"""Search in a real browser finds pages by Japanese and by English words."""

from __future__ import annotations

import pytest

QUERIES = [
    ("", "活性化関数", "functions/"),
    ("", "勾配消失", "functions/"),
    ("", "排他的論理和", "xor/"),
    ("en/", "activation", "en/"),
    ("en/", "vanishing", "en/functions/"),
    ("en/", "spreadsheet", "en/xor-network/"),
]


@pytest.mark.parametrize(("start", "query", "expected"), QUERIES, ids=[q for _, q, _ in QUERIES])
def test_search_finds_the_page(server, new_page, start, query, expected):
    page = new_page()
    page.goto(server + start)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    # Material listens for key events; fill() of non-ASCII text fires none (see GUIDE.md).
    box.press("End")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(server + expected in (h or "") or (h or "").startswith(server + expected)
               for h in hrefs), f"{query!r} found {hrefs[:5]}"  # fmt: skip
