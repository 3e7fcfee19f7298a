"""The Content-Security-Policy: what the module writes into a page, and that each built page has it.
What Chromium makes of it: the browser pass reports any violation (search open too, an inline
script whose hash the policy lacks included) as a console error; the explorer, loaded only near
it, runs under it in test_xor_explorer.py."""

import base64
import hashlib
import re

import pytest

from activation_tutorial.csp import script_hash, with_content_security_policy

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
    '<script>var a = 1;</script><script src="assets/x.js"></script>'
    '<script id="__config" type="application/json">{"a": 1}</script></head>'
    "<body><script>document.body.dataset.b = 2</script><p>text</p></body></html>"
)
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_one_policy_first_in_head_allows_each_inline_script_by_its_hash_and_nothing_else():
    out = with_content_security_policy(PAGE)
    [content] = META.findall(out)
    found = {d.split()[0]: d.split()[1:] for d in content.split("; ")}
    inline = [sha256("var a = 1;"), sha256("document.body.dataset.b = 2")]  # in the page's order
    assert found["script-src"] == ["'self'", *inline]
    assert [s for d in found.values() for s in d if re.match(r"https?:|\*|//", s)] == []
    assert out.index('<meta charset="utf-8">') < out.index("Content-Security-Policy")
    assert out.index("Content-Security-Policy") < out.index("<title>") < out.index("<script")


@pytest.mark.parametrize(
    "bad",
    [
        '<button onclick="go()">go</button>',
        "<img src=x.png onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<script src="https://cdn.example.org/x.js"></script>',
        '<script src="//cdn.example.org/x.js"></script>',
    ],
)
def test_a_script_no_hash_can_allow_stops_the_build(bad):
    with pytest.raises(ValueError, match=r"docs/x\.md: the Content-Security-Policy cannot allow"):
        with_content_security_policy(PAGE.replace("<p>text</p>", bad), "docs/x.md")


def test_text_that_only_looks_like_a_handler_is_fine():
    prose = '<p title="see onclick= in the docs">&lt;a onclick="x"&gt; is refused</p>'
    with_content_security_policy(PAGE.replace("<p>text</p>", prose))


def test_a_carriage_return_is_hashed_as_the_browser_reads_it():
    assert script_hash("a;\r\nb;") == script_hash("a;\nb;") == sha256("a;\nb;")


def test_every_built_page_carries_one_policy(page_html):
    assert [p for p, html in page_html.items() if len(META.findall(html)) != 1] == []
