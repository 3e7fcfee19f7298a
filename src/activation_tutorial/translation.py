"""The structure a translation must keep (headings, paragraphs, list items, code blocks, figures,
includes, tables, admonitions, blocks, display maths), the first place two translations part
ways, and the "translation pending" banner, in the page's own language, under the title of a
page whose front matter says ``translation_pending: true`` (scripts/hooks.py)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import zip_longest

import yaml

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_ATTR_ANCHOR = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_ANCHOR = re.compile(r"\{ #([\w-]+) \}")
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)[^)]*\)")
INCLUDE = re.compile(r'--8<--\s+"([^"]+)"')  # what snippets includes: a path[:section]
_ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s+([\w-]+)")
_BLOCK = re.compile(r"^\s*///\s*([\w-]+)")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_VALUE = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")  # kana or kanji
_FENCE = re.compile(r"^\s*(`{3,}|~{3,}|\$\$(?=\s*$))\s*([\w-]*)")
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s")
_NOT_PROSE = re.compile(r"^\s*([<|#!?/]|\{(?!\{)|--8<--|\$\$)")  # a "{{ value }}" starts prose


@dataclass(frozen=True)
class Element:
    """One structural element of a page: what it is, what must match, where it is."""

    kind: str
    detail: str
    line: int

    def describe(self) -> str:
        return f"{self.kind} {self.detail}".strip()


def front_matter(text: str) -> dict:
    """The YAML front matter of a page, or an empty dict."""
    m = _FRONT_MATTER.match(text)
    return (yaml.safe_load(m[1]) or {}) if m else {}


def in_language(text: str, lang: str) -> bool:
    """Whether a short text reads as ``lang``: Japanese has kana or kanji, English has none."""
    return bool(_JAPANESE.search(text)) == (lang == "ja") and bool(text.strip())


def title_problem(text: str, path: str, lang: str) -> str | None:
    """A page whose ``# title`` is not in its language, as ``path:line`` and the fix."""
    m = _FRONT_MATTER.match(text)
    first = m[0].count("\n") if m else 0
    for n, line in enumerate(text.splitlines()[first:], first + 1):
        if heading := _HEADING.match(line):
            if len(heading[1]) != 1 or in_language(heading[2], lang):
                return None
            want = ("Japanese, for example ソフトサイン（Softsign）" if lang == "ja"
                    else "English, with no Japanese characters")  # fmt: skip
            return f"{path}:{n}: the title {heading[2]!r} must be in {want}"
    return None


def _include(path: str, lang: str) -> str:
    return f'"{path.replace(f"-{lang}.", "-LANG.")}"'


def structure(text: str, path: str, lang: str) -> list[Element]:
    """The structural elements of a page, in document order."""
    lines = text.splitlines()
    m = _FRONT_MATTER.match(text)
    i = m[0].count("\n") if m else 0
    found: list[Element] = []
    while i < len(lines):
        line, n = lines[i], i + 1
        fence = _FENCE.match(line)
        if fence:  # display maths or a code block; its end is its fence alone on a line
            end = i + 1
            while end < len(lines) and lines[end].strip() != fence[1]:
                end += 1
            if end == len(lines):
                raise ValueError(f"{path}:{n}: {fence[1]} is never closed")
            if fence[1] == "$$":
                found.append(Element("display maths", "", n))
            else:  # with what it includes
                included = [_include(inc, lang) for body in lines[i + 1 : end]
                            for inc in INCLUDE.findall(body)]  # fmt: skip
                detail = " ".join([f"({fence[2] or 'no language'})", *included])
                found.append(Element("code block", detail, n))
            i = end + 1
            continue
        if _TABLE_ROW.match(line) and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
            columns = len(line.strip().strip("|").split("|"))
            found.append(Element("table", f"of {columns} columns", n))
            i += 2
            while i < len(lines) and _TABLE_ROW.match(lines[i]):
                i += 1
            continue
        if heading := _HEADING.match(line):
            anchor = _ATTR_ANCHOR.search(heading[2])
            level = f"heading level {len(heading[1])}"
            found.append(Element(level, f"#{anchor[1]}" if anchor else "", n))
        else:
            found += [Element("anchor", f"#{a}", n) for a in _ANCHOR.findall(line)]
        if "<table" in line:
            found.append(Element("table", "(HTML)", n))
        if admonition := _ADMONITION.match(line):
            found.append(Element("admonition", f"{admonition[1]} {admonition[2]}", n))
        if block := _BLOCK.match(line):
            found.append(Element("block", f"/// {block[1]}", n))
        if item := _LIST_ITEM.match(line):
            found.append(Element("list item", f"at indent {len(item[1])}", n))
        elif (i == 0 or not lines[i - 1].strip()) and line.strip() and not _NOT_PROSE.match(line):
            found.append(Element("paragraph", "", n))
        found += [Element("figure", src, n) for src in _IMAGE.findall(line)]
        found += [Element("include", _include(inc, lang), n) for inc in INCLUDE.findall(line)]
        i += 1
    return found


PENDING_HINT = (
    "; make both languages say it, or, while one lags, mark that page `translation_pending: "
    "true` in its front matter (it then shows a banner)"
)


def first_difference(ja_text: str, ja_path: str, en_text: str, en_path: str) -> str | None:
    """The first structural difference between the two languages of a page, or None."""
    ja = structure(ja_text, ja_path, "ja")
    en = structure(en_text, en_path, "en")
    for a, b in zip_longest(ja, en):
        if b is None:
            problem = f"{en_path}: ends where {ja_path}:{a.line} still has {a.describe()}"
        elif a is None:
            problem = f"{en_path}:{b.line}: found {b.describe()}, which {ja_path} does not have"
        elif (a.kind, a.detail) != (b.kind, b.detail):
            expected = f"expected {a.describe()} (as at {ja_path}:{a.line})"
            problem = f"{en_path}:{b.line}: {expected}, found {b.describe()}"
        else:
            continue
        return problem + PENDING_HINT
    return None


def value_difference(ja_text: str, ja_path: str, en_text: str, en_path: str) -> str | None:
    """The first quoted value ``{{ v.x.y }}`` one language quotes more often than the other."""
    ja, en = Counter(_VALUE.findall(ja_text)), Counter(_VALUE.findall(en_text))
    for name in {**ja, **en}:  # in order of first appearance
        if ja[name] != en[name]:
            return (
                f"{en_path} quotes {{{{ {name} }}}} {en[name]} time(s), "
                f"{ja_path} {ja[name]} time(s)"
            )
    return None


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
