"""Both languages are complete: same pages and structure, the first difference named with its
line; a lag is allowed only while it is shown (the ``translation_pending`` banner)."""

import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.exceptions import PluginError

from activation_tutorial.translation import (
    BANNER_CLASS,
    BANNERS,
    PENDING_HINT,
    first_difference,
    front_matter,
    title_problem,
    value_difference,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "scripts"))
from hooks import missing_translations, on_page_markdown  # noqa: E402

JA_PAGES = sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md")
                  and p.relative_to(DOCS).parts[0] != "generated")  # fmt: skip


def rel(page: Path) -> str:
    """How messages name a page; one outside docs/ (a test's) counts as at its top."""
    return f"docs/{page.relative_to(DOCS).as_posix() if page.is_relative_to(DOCS) else page.name}"


def test_missing_translation_is_named(tmp_path):
    (tmp_path / "a.md").write_text("# a\n")
    (tmp_path / "b.en.md").write_text("# b\n")
    assert missing_translations(tmp_path) == [
        "docs/a.md has no counterpart docs/a.en.md",
        "docs/b.en.md has no counterpart docs/b.md",
    ]


def drift(ja_page: Path, en_page: Path) -> list[str]:
    """What is wrong between a page and its translation: structure (its code included) and quoted
    values may differ only while the lagging page is marked ``translation_pending``."""
    ja_text, en_text = ja_page.read_text(encoding="utf-8"), en_page.read_text(encoding="utf-8")
    args = (ja_text, rel(ja_page), en_text, rel(en_page))
    pending = [front_matter(t).get("translation_pending") is True for t in (ja_text, en_text)]
    if all(pending):
        return [f"{args[1]} and {args[3]} both say translation_pending: only the lagging one may"]
    if any(pending):
        return []
    return [p for p in (first_difference(*args), value_difference(*args)) if p]


@pytest.mark.parametrize("page", JA_PAGES, ids=rel)
def test_translations_keep_the_same_structure(page):
    english = page.with_name(page.stem + ".en.md")
    if not english.exists():
        pytest.skip(f"no {rel(english)}: the build names a missing page")
    problems = drift(page, english)
    assert not problems, "\n".join(problems)


JA = """\
---
description: 説明
---

# 題

本文。

## 節 { #section }

--8<-- "facts_relu-ja.html"

```python
--8<-- "code/functions/relu.py:relu"
```

![代替テキスト](generated/figures/relu.light.svg#only-light)
/// caption
図
///

| a | b |
|---|---|
| 1 | 2 |

!!! note "注"

    注記。

$$
x = {{ v.xor.f_15 }}
$$
"""

TRANSLATED = [("説明", "Description"), ("# 題", "# Title"), ("本文。", "Text."),
              ("## 節", "## Section"), ("-ja.html", "-en.html"), ("代替テキスト", "Alt text"),
              ("\n図\n", "\nFigure\n"), ('"注"', '"Note"'), ("注記。", "A note.")]  # fmt: skip
EN = functools.reduce(lambda text, pair: text.replace(*pair), TRANSLATED, JA)
"""The same page with its prose translated: its structure and values are JA's."""


def diff(en: str, check: Callable[..., str | None] = first_difference) -> str | None:
    return check(JA, "docs/p.md", en, "docs/p.en.md")


def test_a_faithful_translation_has_no_difference_and_a_changed_quoted_value_is_named():
    assert diff(EN) is None and diff(EN, value_difference) is None
    assert diff(EN.replace("{{ v.xor.f_15 }}", "{{ v.xor.f_16 }}"), value_difference) == (
        "docs/p.en.md quotes {{ v.xor.f_15 }} 0 time(s), docs/p.md 1 time(s)"
    )


SECTION = "expected heading level 2 #section (as at docs/p.md:9), found "


@pytest.mark.parametrize(("old", "new", "message"), [
    ("## Section { #section }", "### Section { #section }",
     f"docs/p.en.md:9: {SECTION}heading level 3 #section"),
    ("{ #section }", "{ #part }", "expected heading level 2 #section"),
    ('"facts_relu-en.html"', '"facts_gelu-en.html"', 'found include "facts_gelu-LANG.html"'),
    ("relu.light.svg", "relu.dark.svg", "found figure generated/figures/relu.dark.svg"),
    ("/// caption", "/// details", "found block /// details"),
    ("| a | b |\n|---|", "| a | b | c |\n|---|", "found table of 3 columns"),
    ('!!! note "Note"', '!!! tip "Note"', "found admonition !!! tip"),
    ("$$\nx = {{ v.xor.f_15 }}\n$$\n", "",
     "docs/p.en.md: ends where docs/p.md:30 still has display maths"),
    (":relu\"", ":imports\"",
     'docs/p.en.md:13: expected code block (python) "code/functions/relu.py:relu" (as at '
     'docs/p.md:13), found code block (python) "code/functions/relu.py:imports"'),
    ("Text.\n", "Text.\n\n<table><tr><td>1</td></tr></table>\n",
     f"docs/p.en.md:9: {SECTION}table (HTML)"),
    ("Text.\n", "Text.\n\nA sentence only in English.\n", f"docs/p.en.md:9: {SECTION}paragraph"),
    ("Text.\n", "Text.\n\n- an item only in English\n", "found list item at indent 0"),
    ("}}\n$$\n", "}}\n$$\n\n## More\n",
     "docs/p.en.md:34: found heading level 2, which docs/p.md does not have"),
])  # fmt: skip
def test_the_first_difference_is_named_with_its_line(old, new, message):
    en = EN.replace(old, new, 1)
    assert en != EN and message in str(diff(en))


def test_drift_is_tolerated_only_on_a_page_marked_pending(tmp_path):
    pending = "---\ntranslation_pending: true\n"
    lagging = EN.replace("---\n", pending, 1).replace("## Section { #section }\n", "")
    ja, en = tmp_path / "p.md", tmp_path / "p.en.md"
    ja.write_text(JA, encoding="utf-8")
    en.write_text(lagging, encoding="utf-8")
    assert drift(ja, en) == []
    en.write_text(lagging.replace(pending, "---\n"), encoding="utf-8")
    assert drift(ja, en) == [
        f'docs/p.en.md:10: {SECTION}include "facts_relu-LANG.html"{PENDING_HINT}'
    ]
    ja.write_text(JA.replace("---\n", pending, 1), encoding="utf-8")
    en.write_text(lagging, encoding="utf-8")
    assert any("both say translation_pending" in p for p in drift(ja, en))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_build_shows_the_banner_under_a_pending_pages_title_in_its_language(lang):
    """The build's hook (its title check proves on every real page that the language is the one
    built), rendered as the site renders an admonition; a page not marked is left alone."""
    page = SimpleNamespace(meta={"translation_pending": True},
                           file=SimpleNamespace(abs_src_path=None, src_uri="p.md"))  # fmt: skip
    config = {"theme": {"language": lang}}
    text = "# Title\n\nText.\n"
    out = on_page_markdown(text, page, config, None)
    assert out.index("# Title") < out.index(BANNERS[lang][1]) < out.index("Text.")
    html = markdown.markdown(out, extensions=["admonition"])
    assert re.search(rf'class="admonition warning {BANNER_CLASS}">\s*<p class="admonition-title">'
                     rf"{re.escape(BANNERS[lang][0])}</p>", html), html  # fmt: skip
    page.meta = {}
    assert on_page_markdown(text, page, config, None) == text
    page.meta = {"translation_pending": "yes"}
    with pytest.raises(PluginError, match=r"p\.md: translation_pending must be true or false"):
        on_page_markdown(text, page, config, None)


@pytest.mark.parametrize(("title", "lang", "problem"), [
    ("# ReLU 関数", "ja", None), ("# ReLU", "en", None),
    ("# ReLU", "ja", "docs/p.md:5: the title 'ReLU' must be in Japanese, for example"),
    ("# ReLU 関数", "en", "docs/p.md:5: the title 'ReLU 関数' must be in English"),
])  # fmt: skip
def test_a_title_not_in_its_language_is_named_with_its_line(title, lang, problem):
    text = f"---\ndescription: x\n---\n\n{title}\n\n## 節\n"
    found = title_problem(text, "docs/p.md", lang)
    assert found == problem if problem is None else found.startswith(problem)
