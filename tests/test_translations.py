"""Both languages are complete: same pages, same code, same figures, same includes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from activation_tutorial.docs_code.blocks import code_blocks

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "scripts"))
from hooks import missing_translations  # noqa: E402

JA_PAGES = sorted(p for p in DOCS.glob("*.md") if not p.name.endswith(".en.md"))


def english(page: Path) -> Path:
    return page.with_name(page.stem + ".en.md")


def test_every_page_exists_in_both_languages():
    assert missing_translations(DOCS) == []


def test_missing_translation_is_named(tmp_path):
    (tmp_path / "a.md").write_text("# a\n")
    (tmp_path / "b.en.md").write_text("# b\n")
    assert missing_translations(tmp_path) == [
        "docs/a.md has no counterpart docs/a.en.md",
        "docs/b.en.md has no counterpart docs/b.md",
    ]


@pytest.mark.parametrize("page", JA_PAGES, ids=lambda p: p.name)
def test_code_blocks_are_identical(page):
    ja = code_blocks(page.read_text(encoding="utf-8"), f"docs/{page.name}")
    en_page = english(page)
    en = code_blocks(en_page.read_text(encoding="utf-8"), f"docs/{en_page.name}")
    for a, b in zip(ja, en, strict=False):
        assert (a.lang, a.source, a.figure) == (b.lang, b.source, b.figure), (
            f"code differs between {a.where} and {b.where}"
        )
    assert len(ja) == len(en), (
        f"docs/{page.name} has {len(ja)} code blocks, docs/{en_page.name} has {len(en)}"
    )


def _structure(text: str, lang: str) -> dict[str, list[str]]:
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    includes = [i.replace(f"-{lang}.", "-LANG.") for i in re.findall(r'--8<-- "([^"]+)"', text)]
    anchors = re.findall(r"\{ #([\w-]+) \}", text)
    values = re.findall(r"\{\{\s*([\w.]+)\s*\}\}", text)
    admonitions = re.findall(r"^\s*(?:!!!|\?\?\?\+?) (\w+)", text, re.M)
    headings = [len(h) for h in re.findall(r"^(#+) ", text, re.M)]
    return {"images": images, "includes": includes, "anchors": anchors,
            "values": sorted(values), "admonitions": admonitions,
            "heading levels": [str(h) for h in headings]}  # fmt: skip


@pytest.mark.parametrize("page", JA_PAGES, ids=lambda p: p.name)
def test_figures_tables_and_structure_match(page):
    ja = _structure(page.read_text(encoding="utf-8"), "ja")
    en = _structure(english(page).read_text(encoding="utf-8"), "en")
    for kind in ja:
        assert ja[kind] == en[kind], f"{kind} differ between docs/{page.name} and its English page"


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_every_image_has_alt_text_in_its_language(page):
    text = page.read_text(encoding="utf-8")
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for alt in re.findall(r"!\[([^\]]*)\]\(", text):
        assert len(alt) >= 20, f"docs/{page.name}: alt text too short: {alt!r}"
        is_ja = bool(japanese.search(alt))
        assert is_ja == (not page.name.endswith(".en.md")), (
            f"docs/{page.name}: alt text in the wrong language: {alt[:40]!r}"
        )


def test_skips_are_visible_and_explained():
    # A skipped block must carry a reason and a visible note above it (see README).
    for page in sorted(DOCS.glob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if "<!-- skip:" in line:
                assert "reason=" in line or "if(" in line, (
                    f"docs/{page.name}:{i + 1}: skip without reason"
                )
                window = "\n".join(lines[max(0, i - 8) : i])
                assert "!!! untested" in window, (
                    f"docs/{page.name}:{i + 1}: skipped block without a visible '!!! untested' note"
                )
