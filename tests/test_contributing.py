"""CONTRIBUTING in both languages: same structure, linked from the site, its CI messages current."""

import re
from pathlib import Path

import pytest

from activation_tutorial.translation import first_difference

ROOT = Path(__file__).resolve().parent.parent
GUIDES = {"en": ROOT / "CONTRIBUTING.md", "ja": ROOT / "CONTRIBUTING.ja.md"}

# Each example message the guides quote: a phrase of it, and the same phrase in its emitter.
EMITTERS = [
    ("has no counterpart docs/", "has no counterpart docs/", "scripts/hooks.py"),
    ("expected heading level 2 (as at", "expected {a.describe()} (as at", "translation.py"),
    ("0 time(s), docs/", " time(s), ", "translation.py"),
    ("(shown on docs/functions/sigmoid.en.md", " (shown on ", "page_code.py"),
    ("has no section 'xor_pointz'; its sections:", " has no section {name!r}; its sections: ",
     "page_code.py"),
    ("no page for Softsign (one page", ": no page for {act.name} (one page",
     "tests/test_registry.py"),
    ("its page (CONTRIBUTING.md: Add an activation", "its page (CONTRIBUTING.md: Add an activation",
     "src/activation_tutorial/assets.py"),
    ("not pinned to a commit SHA", "not pinned to a commit SHA", "tests/test_workflows.py"),
    (": trailing whitespace", ": trailing whitespace", "tests/test_hygiene.py"),
]  # fmt: skip


def test_both_guides_have_the_same_structure():
    ja, en = (GUIDES[lang].read_text(encoding="utf-8") for lang in ("ja", "en"))
    assert first_difference(ja, "CONTRIBUTING.ja.md", en, "CONTRIBUTING.md") is None


@pytest.mark.parametrize(("quoted", "emitted", "emitter"), EMITTERS, ids=[e[0] for e in EMITTERS])
def test_quoted_ci_messages_are_still_what_the_checks_say(quoted, emitted, emitter):
    path = ROOT / ("src/activation_tutorial/" + emitter if "/" not in emitter else emitter)
    assert emitted in path.read_text(encoding="utf-8"), f"{emitter} no longer says {emitted!r}"
    for guide in GUIDES.values():
        assert quoted in guide.read_text(encoding="utf-8"), f"{guide.name} lacks {quoted!r}"


@pytest.mark.parametrize(
    ("lang", "page"), [("ja", "about/index.html"), ("en", "en/about/index.html")]
)
def test_about_page_links_the_guide_in_its_language_first(site, lang, page):
    html = (site / page).read_text(encoding="utf-8")
    guides = re.findall(r'href="https://github\.com/[^"]+/blob/main/(CONTRIBUTING[^"]*)"', html)
    assert guides and guides[0] == GUIDES[lang].name, guides
    for name in guides:
        assert (ROOT / name).exists(), name
