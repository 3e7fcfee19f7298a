"""MkDocs hooks: refuse a page that exists in one language only; regenerate assets while serving.

static-i18n's fallback is on so both languages share one copy of each figure,
which would also let a missing translation silently show the Japanese page:
``on_files`` turns that into a build error naming the page.

The theme corrections (valid HTML, a named search dialog, absolute ``hreflang`` links, a
404 page whose switcher leads somewhere) are pure functions in ``activation_tutorial.theme``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from activation_tutorial.theme import (
    absolute_alternates,
    fix_theme_html,
    home_alternates,
    lazy_images,
)

ROOT = Path(__file__).resolve().parent.parent
_command = {"name": ""}


def missing_translations(docs: Path) -> list[str]:
    """Pages present in one language only, as messages naming the missing file."""
    problems = []
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs)
        if rel.parts[0] == "generated":
            continue
        if page.name.endswith(".en.md"):
            partner = page.with_name(page.name.removesuffix(".en.md") + ".md")
        else:
            partner = page.with_name(page.stem + ".en.md")
        if not partner.exists():
            problems.append(f"docs/{rel} has no counterpart docs/{partner.relative_to(docs)}")
    return problems


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def on_pre_build(config) -> None:  # noqa: ANN001 - MkDocs hook signature
    problems = missing_translations(Path(config["docs_dir"]))
    if problems:
        raise PluginError("missing translation:\n  " + "\n  ".join(problems))
    if _command["name"] == "serve":
        # Live reload: an edit under src/ or docs/ regenerates what it feeds.
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_assets.py")])
        if result.returncode != 0:
            raise PluginError("generating assets failed (see the error above)")


# Quality fixes (accessibility, validity, SEO) that Material's template blocks cannot reach.
# They run after static-i18n (priority 50), which sets each page's language links.


@event_priority(-50)  # after static-i18n has set this page's links
def on_page_context(context, page, config, nav):  # noqa: ANN001, ANN201 - MkDocs hook signature
    # static-i18n sets the attribute (which the theme reads), not the mapping item.
    config.extra.alternate = absolute_alternates(config.extra.alternate, config["site_url"])
    return context


def on_template_context(context, template_name, config):  # noqa: ANN001, ANN201
    if template_name == "404.html":
        # No page, so static-i18n leaves the last page's links here: offer each language's home.
        languages = config.plugins["i18n"].config.languages
        triples = [(lang.locale, lang.name, lang.link) for lang in languages if lang.build]
        config.extra.alternate = home_alternates(triples, config["site_url"])
    return context


def on_post_page(output, page, config):  # noqa: ANN001, ANN201
    return lazy_images(fix_theme_html(output))


def on_post_template(output_content, template_name, config):  # noqa: ANN001, ANN201
    return fix_theme_html(output_content) if template_name.endswith(".html") else output_content
