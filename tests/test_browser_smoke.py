"""The site in a real browser: the switcher works and nothing is requested from another host."""

from __future__ import annotations

from urllib.parse import urlparse


def test_pages_load_and_switch_language_without_outside_requests(server, new_page):
    page = new_page()
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    page.goto(server + "functions/")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text().startswith("代表的な活性化関数")
    page.locator('a.md-select__link[hreflang="en"]').first.dispatch_event("click")
    page.wait_for_url("**/en/functions/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert hosts == {urlparse(server).netloc}
