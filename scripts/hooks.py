"""MkDocs hooks: refuse a page that exists in one language only; regenerate assets while serving;
stamp each generated figure with its build key (provenance).

static-i18n's fallback is on so both languages share one copy of each figure,
which would also let a missing translation silently show the Japanese page:
``on_pre_build`` turns that into a build error naming the page. A page that lags behind
its other language says so in its front matter (``translation_pending: true``), and
``on_page_markdown`` shows the reader a banner in the page's language: never silently.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from activation_tutorial.content.pending import with_pending_banner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # the package, without importing torch or matplotlib
_command = {"name": ""}
_figure_keys: dict[str, str] = {}


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
    from activation_tutorial.cache import manifest

    entries, problem = manifest.load(
        Path(config["docs_dir"]) / "generated" / manifest.MANIFEST_NAME
    )
    if problem:
        raise PluginError(f"generated/{manifest.MANIFEST_NAME} {problem}: run make site")
    _figure_keys.clear()
    _figure_keys.update({name: e.key for name, e in entries.items() if name.startswith("figures/")})


def on_page_content(html: str, page, config, files) -> str:  # noqa: ANN001 - MkDocs hook signature
    from activation_tutorial.provenance import stamp_figures

    lang = getattr(page.file, "locale", None) or config["theme"]["language"]
    return stamp_figures(html, _figure_keys, lang)


def on_page_markdown(markdown: str, page, config, files) -> str:  # noqa: ANN001 - MkDocs hook
    pending = page.meta.get("translation_pending", False)
    if pending is not True and pending is not False:
        raise PluginError(f"{page.file.src_uri}: translation_pending must be true or false")
    if not pending:
        return markdown
    # static-i18n builds each language with the theme language set to it.
    return with_pending_banner(markdown, config["theme"]["language"])
