"""Both languages are complete: same pages and structure; a lag is shown, never hidden."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from activation_tutorial.content.pending import BANNER_CLASS, BANNERS
from activation_tutorial.translation import first_difference, translation_pending, value_difference

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "scripts"))
from hooks import missing_translations  # noqa: E402

PAGES = sorted(p for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] != "generated")
"""Every page, in both languages, at any depth (``functions/relu.md``)."""
JA_PAGES = [p for p in PAGES if not p.name.endswith(".en.md")]


def in_docs(page: Path) -> str:
    """``functions/relu.md``: the page's path under docs/ (a page elsewhere, e.g. in a test's
    temporary folder, counts as sitting at the top of docs/)."""
    return page.relative_to(DOCS).as_posix() if page.is_relative_to(DOCS) else page.name


def rel(page: Path) -> str:
    """``docs/functions/relu.md``: how messages name a page."""
    return f"docs/{in_docs(page)}"


def english(page: Path) -> Path:
    return page.with_name(page.stem + ".en.md")


def test_missing_translation_is_named(tmp_path):
    (tmp_path / "a.md").write_text("# a\n")
    (tmp_path / "b.en.md").write_text("# b\n")
    assert missing_translations(tmp_path) == [
        "docs/a.md has no counterpart docs/a.en.md",
        "docs/b.en.md has no counterpart docs/b.md",
    ]


def built_page(site: Path, page: Path) -> Path:
    """Where ``docs/<page>`` lands in the built site (Japanese at /, English under /en/)."""
    lang_dir = "en" if page.name.endswith(".en.md") else ""
    stem = in_docs(page).removesuffix(".md").removesuffix(".en")
    return site / lang_dir / stem.removesuffix("index") / "index.html"


def shows_pending_banner(html: str, lang: str) -> bool:
    title = BANNERS[lang][0]
    return re.search(rf'class="admonition warning {BANNER_CLASS}">\s*<p class="admonition-title">'
                     rf"{re.escape(title)}</p>", html) is not None  # fmt: skip


def drift(ja_page: Path, en_page: Path, site: Path | None) -> list[str]:
    """What is wrong between a page and its translation; empty when nothing is.

    Structure (the code a page includes too) and quoted values may differ only while the
    lagging page is marked ``translation_pending`` AND its built page shows the banner in its
    language (``site`` is the built site, needed only for a pending page).
    """
    ja_text, en_text = ja_page.read_text(encoding="utf-8"), en_page.read_text(encoding="utf-8")
    ja_path, en_path = rel(ja_page), rel(en_page)
    problems: list[str | None] = []
    pending = [(p, lang) for p, text, lang in ((ja_page, ja_text, "ja"), (en_page, en_text, "en"))
               if translation_pending(text)]  # fmt: skip
    if len(pending) == 2:
        problems.append(
            f"{ja_path} and {en_path} both say translation_pending: only the lagging one may"
        )
    elif pending:
        page, lang = pending[0]
        assert site is not None, "a pending page needs the built site to check its banner"
        html = built_page(site, page)
        if not shows_pending_banner(html.read_text(encoding="utf-8"), lang):
            where = html.relative_to(site)
            problems.append(f"{rel(page)} says translation_pending but {where} shows no banner")
    else:
        problems.append(first_difference(ja_text, ja_path, en_text, en_path))
        problems.append(value_difference(ja_text, ja_path, en_text, en_path))
    return [p for p in problems if p]


@pytest.mark.parametrize("page", JA_PAGES, ids=rel)
def test_translations_keep_the_same_structure(page, request):
    en_page = english(page)
    pending = any(translation_pending(p.read_text(encoding="utf-8")) for p in (page, en_page))
    site = request.getfixturevalue("site") if pending else None
    problems = drift(page, en_page, site)
    assert not problems, "\n".join(problems)
