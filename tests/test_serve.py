"""``make serve``: the asset check is skipped after a prose edit, and only then; what a rebuild
recomputes rarely changes is reused."""

import shutil
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import markdown

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import hooks  # noqa: E402


def test_only_a_prose_edit_skips_the_asset_check(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("generated"))
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "module.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(hooks, "ROOT", tmp_path)
    monkeypatch.setitem(hooks._rebuild, "signature", None)
    page, code = tmp_path / "docs" / "about.en.md", tmp_path / "docs" / "code" / "xor.py"

    def save(path: Path, text: str) -> bool:
        since = time.time()
        time.sleep(0.05)  # file times lag the clock by a tick
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
        return hooks.assets_may_be_stale(tmp_path, hooks.changed_since(since))

    assert hooks.assets_may_be_stale(tmp_path, []), "the first build checks"
    assert not save(page, "\nOne more sentence.\n"), "prose alone"
    assert save(page, "\n![a](generated/figures/new_figure.light.svg)\n"), "a figure link"
    assert save(code, "\n# edited\n"), "page code"
    assert save(tmp_path / "src" / "module.py", ""), "the package"
    assert not save(page, "\nAnd another.\n"), "prose alone again"


def test_a_served_rebuild_redoes_a_pages_search_entries_and_highlighting_only_when_it_changed(
    monkeypatch,
):
    from jinja2 import FileSystemLoader
    from material.plugins.search.plugin import SearchIndex
    from pymdownx.highlight import Highlight

    monkeypatch.setattr(FileSystemLoader, "list_templates", FileSystemLoader.list_templates)
    monkeypatch.setattr(SearchIndex, "add_entry_from_context", SearchIndex.add_entry_from_context)
    monkeypatch.setattr(Highlight, "highlight", Highlight.highlight)

    def highlighted(code: str) -> str:
        extensions = ["pymdownx.highlight", "pymdownx.superfences"]
        return markdown.markdown(f'```python title="Output"\n{code}\n```', extensions=extensions)

    fresh_x, fresh_y = highlighted("x = 1"), highlighted("y = 2")
    assert "x" in fresh_x and "Output" in fresh_x and fresh_x != fresh_y
    html = '<h1 id="x">X</h1><p>One.</p><h2 id="y">Y</h2><p>Two.</p>'
    page = SimpleNamespace(url="en/x/", title="X", meta={}, toc=[], content=html)
    fresh = SearchIndex()
    fresh.add_entry_from_context(page)
    assert len(fresh.entries) == 2
    hooks.memoise_for_serving()
    for _ in range(2):  # the second build reuses the first one's entries
        index = SearchIndex()
        index.add_entry_from_context(page)
        assert index.entries == fresh.entries
    page.content = page.content.replace("Two.", "Three.")
    index = SearchIndex()
    index.add_entry_from_context(page)
    assert index.entries[1]["text"] == "<p>Three.</p>"
    loader = FileSystemLoader(str(ROOT / "docs"))
    assert loader.list_templates() is loader.list_templates()
    assert [highlighted(c) for c in ("x = 1", "x = 1", "y = 2")] == [fresh_x, fresh_x, fresh_y]
