"""The "translation pending" banner, in the page's own language, under the title of a page whose
front matter says ``translation_pending: true`` (scripts/hooks.py)."""

from __future__ import annotations

import re

BANNER_CLASS = "translation-pending"  # so that tests find the banner in the built page

BANNERS: dict[str, tuple[str, str]] = {
    "ja": (
        "翻訳が追いついていません",
        "このページの日本語版は、英語版の更新にまだ追いついていません。"
        "最新の内容は英語版にあります（ページ上部の言語切り替えから English を選べます）。",
    ),
    "en": (
        "Translation pending",
        "This English page has not yet caught up with the Japanese original, which is more "
        "up to date. You can switch to it with the language selector at the top of the page.",
    ),
}

_H1 = re.compile(r"^# .*$", re.M)


def with_pending_banner(markdown: str, lang: str) -> str:
    """``markdown`` with the banner inserted after its title (or first, if it has none)."""
    title, body = BANNERS[lang]
    banner = f'!!! warning {BANNER_CLASS} "{title}"\n\n    {body}\n'
    h1 = _H1.search(markdown)
    at = h1.end() if h1 else 0
    return f"{markdown[:at]}\n\n{banner}\n{markdown[at:].lstrip(chr(10))}"
