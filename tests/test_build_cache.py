"""The asset cache: keys follow their inputs exactly; stale, corrupt, unreadable entries rebuild."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from activation_tutorial.assets import (
    all_assets,
    batch_work,
    experiment_data_path,
    registry_keys,
)
from activation_tutorial.cache import keys as keys_module
from activation_tutorial.cache import manifest
from activation_tutorial.cache.inputs import Inputs
from activation_tutorial.cache.keys import changed_parts, key_of, key_parts
from activation_tutorial.cache.recording import (
    BatchedWithReads,
    cached_with_reads,
    registry_reads,
)
from activation_tutorial.cache.sources import SourceIndex, registry_parts, sha256

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "docs" / "generated"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg")

TOY_REGISTRY = """HELPER = 1
_ENTRIES = (
    Activation(key="sig", latex="s"),
    Activation(key="tanh", latex="t"),
)
"""
TOY = {
    "activation_tutorial/__init__.py": '"""toy"""\n',
    "activation_tutorial/a.py": "from activation_tutorial.b import B\n\nA = 1\n",
    # A function-level import counts as much as a top-level one.
    "activation_tutorial/b.py": (
        "def f():\n    from activation_tutorial.activations import REGISTRY\n\n\nB = 2\n"
    ),
    "activation_tutorial/c.py": "C = 3\n",
    "activation_tutorial/activations/__init__.py": (
        "from activation_tutorial.activations.registry import REGISTRY\n"
    ),
    "activation_tutorial/activations/registry.py": TOY_REGISTRY,
}


@pytest.fixture
def toy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    for name, text in TOY.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)
    return src


def _key(src: Path, inputs: Inputs, reads: list[str] | None = None) -> str:
    return key_of(key_parts(inputs, SourceIndex(src), reads))


def _edit(src: Path, name: str, old: str, new: str) -> None:
    path = src / "activation_tutorial" / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


A = Inputs(modules=("activation_tutorial.a",))
ENTRY_SIG = Inputs(modules=("activation_tutorial.activations",), entries=("sig",))
ABOUT_SIG = Inputs(modules=("activation_tutorial.c",), entries=("sig",))


@pytest.mark.parametrize(
    ("inputs", "reads", "name", "old", "new", "changes"),
    [
        (A, None, "c.py", "C = 3", "C = 4", False),  # not reachable from a
        (A, None, "a.py", "A = 1", "A = 2", True),
        (A, None, "b.py", "B = 2", "B = 3", True),  # imported by a
        (A, None, "__init__.py", "toy", "toy!", True),  # runs on every import
        (A, None, "activations/registry.py", 'latex="t"', 'latex="T"', True),  # via b, all of it
        (A, ["sig"], "activations/registry.py", 'latex="t"', 'latex="T"', False),  # read sig only
        (A, ["sig"], "activations/registry.py", 'latex="s"', 'latex="S"', True),
        (ENTRY_SIG, ["sig"], "activations/registry.py", 'latex="t"', 'latex="T"', False),
        (ENTRY_SIG, ["sig"], "activations/registry.py", 'latex="s"', 'latex="S"', True),
        (ENTRY_SIG, ["sig"], "activations/registry.py", "HELPER = 1", "HELPER = 2", True),
        # A new entry changes the list of keys, which a reader of the registry may iterate.
        (
            ENTRY_SIG,
            ["sig"],
            "activations/registry.py",
            ")\n",
            '    Activation(key="x"),\n)\n',
            True,
        ),
        # Reads not known yet (never built): all of the registry counts.
        (ENTRY_SIG, None, "activations/registry.py", 'latex="t"', 'latex="T"', True),
        # Named after an entry it never reads (like a function page's figure): that entry counts.
        (ABOUT_SIG, None, "activations/registry.py", 'latex="s"', 'latex="S"', True),
        (ABOUT_SIG, None, "activations/registry.py", 'latex="t"', 'latex="T"', False),
    ],
)
def test_key_follows_exactly_the_sources_it_depends_on(toy, inputs, reads, name, old, new, changes):
    before = _key(toy, inputs, reads)
    assert _key(toy, inputs, reads) == before, "same sources, same key"
    _edit(toy, name, old, new)
    assert (_key(toy, inputs, reads) != before) is changes


@pytest.mark.parametrize(
    "cache_line",
    [
        "from functools import cache",
        "import functools\n_f = functools.cache(len)",
        "@lru_cache\ndef g():\n    pass",
    ],
)
def test_recorded_reads_are_not_trusted_past_a_plain_cache(toy, cache_line):
    # A plain cache may hand a later asset a result without its reads being recorded.
    _edit(toy, "b.py", "B = 2", f"{cache_line}\nB = 2")
    before = _key(toy, A, ["sig"])
    _edit(toy, "activations/registry.py", 'latex="t"', 'latex="T"')
    assert _key(toy, A, ["sig"]) != before
    # ... and an asset that declares nothing depends on all of the registry.
    whole = Inputs(modules=("*",))
    before = _key(toy, whole, ["sig"])
    _edit(toy, "activations/registry.py", 'latex="T"', 'latex="t"')
    assert _key(toy, whole, ["sig"]) != before


def test_key_follows_code_parameters_and_versions(toy, monkeypatch):
    base = Inputs(
        modules=("activation_tutorial.c",), code=("x = 1\n",), params={"palette": "light"}
    )
    key = _key(toy, base)
    assert _key(toy, replace(base, code=("x = 2\n",))) != key
    assert _key(toy, replace(base, params={"palette": "dark"})) != key
    monkeypatch.setattr(keys_module, "distribution_version", lambda name: f"{name}-9.9")
    assert _key(toy, base) != key


@pytest.mark.parametrize("name", ["torch", "matplotlib", "numpy", "latex2mathml", "no-such-dist"])
def test_versions_read_from_folder_names_agree_with_importlib_metadata(name):
    from importlib import metadata

    try:
        expected = metadata.version(name)
    except metadata.PackageNotFoundError:
        expected = "not installed"
    assert keys_module.distribution_version.__wrapped__(name) == expected


def test_code_blocks_bring_in_the_modules_they_import(toy):
    imports_c = Inputs(code=("from activation_tutorial.c import C\n",))
    plain = Inputs(code=("x = 1\n",))
    # Names the package but does not parse: its imports cannot be seen, so everything counts.
    unparsable = Inputs(code=("from activation_tutorial import (\n",))
    broken_plain = Inputs(code=("x = (\n",))  # never names the package: cannot import it
    cases = (imports_c, plain, unparsable, broken_plain)
    before = [_key(toy, i) for i in cases]
    _edit(toy, "c.py", "C = 3", "C = 4")
    after = [_key(toy, i) for i in cases]
    assert [b != a for b, a in zip(before, after, strict=True)] == [True, False, True, False]


def test_registry_is_split_into_frame_and_entries():
    frame, entries = registry_parts(TOY_REGISTRY)
    assert entries == {"sig": 'Activation(key="sig", latex="s")',
                       "tanh": 'Activation(key="tanh", latex="t")'}  # fmt: skip
    assert "<entry sig>" in frame and 'latex="s"' not in frame
    assert registry_parts("REGISTRY = {}\n") is None  # another shape: hashed whole


def test_registry_keys_read_from_source_match_the_imported_registry():
    from activation_tutorial.activations import REGISTRY

    assert registry_keys() == tuple(REGISTRY)


def test_changed_parts_names_what_changed():
    old = {"a.py": "1", "torch version": "2.13.0", "gone": "x"}
    new = {"a.py": "2", "torch version": "2.14.0", "added": "y"}
    assert changed_parts(old, new) == "a.py, added added, gone no longer used, 1 more"
    assert changed_parts({"torch version": "1"}, {"torch version": "2"}) == "torch 1 -> 2"


def test_recording_sees_entry_reads_also_through_a_cache():
    from activation_tutorial.activations import REGISTRY

    @cached_with_reads
    def tanh_latex() -> str:
        return REGISTRY["tanh"].latex

    with registry_reads() as first:
        tanh_latex()
    with registry_reads() as second:
        tanh_latex()  # cached: the read must still count
        _ = REGISTRY["relu"]  # looked up, not read
    assert first == second == {"tanh"}


# --- decisions on one asset: new, changed, missing, edited, fresh ---------------------------


def test_decide_rebuilds_stale_missing_and_corrupt_files(tmp_path):
    target = tmp_path / "f.svg"
    target.write_bytes(b"<svg/>")
    parts = {"a.py": "1"}
    entry = manifest.Entry(key_of(parts), sha256(b"<svg/>"), parts)
    assert manifest.decide("f.svg", target, parts, entry).fresh
    assert manifest.decide("f.svg", target, parts, None).reason == "new"
    assert manifest.decide("f.svg", target, {"a.py": "2"}, entry).reason == "changed: a.py"
    target.write_bytes(b"<svg>edited</svg>")
    assert "edited by hand or corrupt" in manifest.decide("f.svg", target, parts, entry).reason
    target.unlink()
    assert manifest.decide("f.svg", target, parts, entry).reason == "file missing"


def test_manifest_round_trips_and_rejects_garbage(tmp_path):
    parts = {"a.py": "1"}
    entries = {"f.svg": manifest.Entry(key_of(parts), "ab", parts, ("sig",))}
    path = tmp_path / ".manifest.json"
    path.write_bytes(manifest.dump(entries))
    assert manifest.load(path) == (entries, None)
    assert manifest.load(tmp_path / "none.json") == ({}, None)
    path.write_text("{not json")
    assert manifest.load(path)[1].startswith("does not parse")
    raw = json.loads(manifest.dump(entries))
    raw["assets"]["f.svg"]["parts"]["a.py"] = "2"  # edited by hand
    path.write_text(json.dumps(raw))
    assert manifest.load(path)[1] == "checksum does not match (edited by hand?)"
    raw = json.loads(manifest.dump(entries, {"ab": ["activation_tutorial.c"]}))
    raw["imports"]["ab"] = []  # a forgotten import would hide a dependency
    path.write_text(json.dumps(raw))
    assert manifest.load(path)[1] == "checksum does not match (edited by hand?)"


# --- the real pages and package ---------------------------------------------------------------


def _real_keys(docs: Path, root: Path, src: Path, reads: dict[str, tuple[str, ...]]) -> dict:
    """Every asset's key as a build would compute it, with generated files as they are now."""
    index, written = SourceIndex(src), _written()
    return {
        a.path: key_of(key_parts(a.inputs, index, reads.get(a.path), written))
        for a in all_assets(docs, root)
    }


def _written() -> dict[str, str]:
    entries, problem = manifest.load(GENERATED / manifest.MANIFEST_NAME)
    assert problem is None
    return {name: e.sha256 for name, e in entries.items()}


def _copy_pages(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")  # notebook sources are inputs
    return tmp_path


def _readers(reads: dict[str, tuple[str, ...]], key: str) -> set[str]:
    """Assets whose recorded run read registry entry ``key`` (e.g. every-entry tables)."""
    return {name for name, r in reads.items() if key in r}


def _reads(site: Path) -> dict[str, tuple[str, ...]]:
    entries, problem = manifest.load(GENERATED / manifest.MANIFEST_NAME)
    assert problem is None
    return {name: e.reads for name, e in entries.items()}


def test_prose_edit_changes_no_key(tmp_path, site):
    root = _copy_pages(tmp_path)
    page = root / "docs" / "functions" / "sigmoid.md"
    text = page.read_text(encoding="utf-8")
    assert "押し込む関数で" in text
    page.write_text(text.replace("押し込む関数で", "押し込む関数であり"), encoding="utf-8")
    reads = _reads(site)
    before = _real_keys(ROOT / "docs", ROOT, ROOT / "src", reads)
    assert _real_keys(root / "docs", root, ROOT / "src", reads) == before


XOR_READERS = {  # what runs the article's network, which uses the sigmoid entry
    "includes/xor_steps.md", "includes/xor_spreadsheet-ja.html", "includes/xor_spreadsheet-en.html",
    *(f"figures/xor_{f}.{p}.svg" for f in ("points", "linear_vs_network", "surface_y", "surface_p")
      for p in ("light", "dark")),
}  # fmt: skip


@pytest.mark.parametrize(
    ("key", "old", "new", "also"),
    [
        ("tanh", "plot_range=(-4.0, 4.0)", "plot_range=(-4.5, 4.0)", set()),
        ("sigmoid", "plot_range=(-8.0, 8.0)", "plot_range=(-8.5, 8.0)", XOR_READERS),
    ],
)
def test_registry_entry_edit_changes_only_assets_reading_it(tmp_path, site, key, old, new, also):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "activation_tutorial", src / "activation_tutorial",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    reads = _reads(site)
    before = _real_keys(ROOT / "docs", ROOT, src, reads)
    registry = src / "activation_tutorial/activations/registry.py"
    assert registry.read_text().count(old) == 1
    _edit(src, "activations/registry.py", old, new)
    assert registry_parts(registry.read_text())[1][key].count(new) == 1
    after = _real_keys(ROOT / "docs", ROOT, src, reads)
    changed = {name for name in before if before[name] != after[name]}
    must = {
        f"includes/facts_{key}-ja.html", f"includes/facts_{key}-en.html", "values.json",
        f"figures/{key}.light.svg", f"figures/{key}.dark.svg", *also,
        experiment_data_path("xor", key), experiment_data_path("moons", key),
    }  # fmt: skip
    # Everything it must touch, and beyond that only assets whose run read this entry.
    assert must <= changed, must - changed
    assert changed <= must | _readers(reads, key), changed - must - _readers(reads, key)
    assert len(changed) < len(before) / 2, "an entry edit should leave most assets alone"
    # Of the experiment's data, only this activation's: no other activation retrains.
    data = {name for name in changed if name.startswith("data/")}
    assert data == {experiment_data_path("xor", key), experiment_data_path("moons", key)}


def test_an_entry_edit_trains_that_activation_alone(tmp_path, site):
    """What the build starts in the background after one entry edit: that activation's
    training, for each problem, and nothing else (``batch_work`` is what the build uses)."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "activation_tutorial", src / "activation_tutorial",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    _edit(src, "activations/registry.py", "plot_range=(-4.0, 4.0)", "plot_range=(-4.5, 4.0)")
    entries, _ = manifest.load(GENERATED / manifest.MANIFEST_NAME)
    assets = list(all_assets(ROOT / "docs", ROOT))
    written = _written()

    def stale(asset) -> bool:
        entry = entries[asset.path]
        parts = key_parts(asset.inputs, SourceIndex(src), entry.reads, written)
        return key_of(parts) != entry.key

    work = [(batch.name, items) for batch, items in batch_work(assets, stale)]
    assert work == [("training xor", ("tanh",)), ("training moons", ("tanh",))]
    # Unedited, nothing at all would start.
    assert batch_work(assets, lambda a: key_of(key_parts(a.inputs, SourceIndex(ROOT / "src"),
                      entries[a.path].reads, written)) != entries[a.path].key) == []  # fmt: skip


def test_batched_results_make_started_names_together_once_and_count_each_ones_reads():
    from concurrent.futures import ThreadPoolExecutor

    calls = []

    def make_many(names: tuple[str, ...]) -> dict[str, tuple[str, frozenset[str]]]:
        calls.append(names)
        return {n: (n.upper(), frozenset({n})) for n in names}

    batched = BatchedWithReads(make_many)
    batched.start(["a", "b", "a"])
    with registry_reads() as reads:
        assert batched("b") == "B"
    assert reads == {"b"}, "only the asking name's reads count"
    assert batched("c") == "C"  # never started: made alone
    batched.start(["a", "c"])  # all made already: nothing to do
    with ThreadPoolExecutor(1) as pool:
        batched.start(["d", "e"], pool.submit)
        with registry_reads() as reads:
            assert batched("e") == "E"
        assert batched("d") == "D"
    assert reads == {"e"}
    assert calls == [("a", "b"), ("c",), ("d", "e")]
    assert batched.batches == calls


FIGURES = {a.path for a in all_assets(ROOT / "docs", ROOT) if a.path.startswith("figures/")}
OUTPUTS = {a.path for a in all_assets(ROOT / "docs", ROOT) if a.path.startswith("output/")}
EXPLORER = {
    "explorer_reference.json",
    "includes/xor_explorer-ja.html",
    "includes/xor_explorer-en.html",
}
FACTS = {f"includes/facts_{k}-{lang}.html" for k in registry_keys() for lang in ("ja", "en")}
OVERVIEW = {f"includes/functions_overview-{lang}.md" for lang in ("ja", "en")}
XOR_TABLES = {
    "includes/xor_steps.md",
    *(
        f"includes/xor_{t}-{lang}.html"
        for t in ("truth_table", "spreadsheet")
        for lang in ("ja", "en")
    ),
}

EXPERIMENT_TABLES = {
    f"includes/experiment_{p}-{lang}.html" for p in ("xor", "moons") for lang in ("ja", "en")
}
EXPERIMENT_FIGURES = {  # each in both palettes and both layouts
    f"figures/{name}{layout}.{p}.svg"
    for name in ("experiment_xor_success", "experiment_moons")
    for layout in ("", ".narrow")
    for p in ("light", "dark")
}


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        # The explorer takes its palettes from style, and values.json quotes the explorer's data.
        # The pages' code runs in the style too: its printed outputs count it as well.
        ("figures/style.py", FIGURES | OUTPUTS | EXPLORER | {"values.json"}),
        ("content/xor_tables.py", XOR_TABLES),
        # The overview of the function pages shows each function's PyTorch call, as facts do.
        ("content/activation_facts.py", FACTS | OVERVIEW),
        ("content/values.py", {"values.json"}),
        # The experiment's tables are made from the data files: a table edit retrains nothing.
        ("content/experiment_tables.py", EXPERIMENT_TABLES),
        # Their figures, in both layouts, are drawn from the same files: nothing retrains.
        ("figures/experiment_plots.py", EXPERIMENT_FIGURES),
        # What the prose quotes from the experiment: its values, no training data.
        ("content/experiment_values.py", {"values.json", "experiment_values.json"}),
    ],
)
def test_module_edit_changes_exactly_the_assets_it_feeds(tmp_path, site, module, expected):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "activation_tutorial", src / "activation_tutorial",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    reads = _reads(site)
    before = _real_keys(ROOT / "docs", ROOT, src, reads)
    path = src / "activation_tutorial" / module
    path.write_text(path.read_text() + "# edited\n")
    after = _real_keys(ROOT / "docs", ROOT, src, reads)
    assert {name for name in before if before[name] != after[name]} == expected


@pytest.mark.parametrize("code", ["functions/tanh.py", "gradients.py", "xor.py"])
def test_code_edit_changes_what_that_file_makes_only(tmp_path, site, code):
    """A page's code file is the input of its figures (both layouts) and outputs, alone."""
    from activation_tutorial.assets import _MADE_FROM

    root = _copy_pages(tmp_path)
    file = root / "docs" / "code" / code
    file.write_text(file.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    reads = _reads(site)
    before = _real_keys(ROOT / "docs", ROOT, ROOT / "src", reads)
    after = _real_keys(root / "docs", root, ROOT / "src", reads)
    changed = {name for name in before if before[name] != after[name]}
    made = set(_MADE_FROM[str(ROOT / "docs" / "code" / code)])
    assert any(".narrow." in m for m in made) == (code in ("xor.py", "gradients.py"))
    assert changed == made


# --- the build script itself ------------------------------------------------------------------


def _build() -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "scripts/build_assets.py"], cwd=ROOT, env=ENV,
                          capture_output=True, text=True)  # fmt: skip


def test_warm_build_imports_neither_torch_nor_matplotlib(site, site_build_imports):
    """The whole warm path of `make site`: generation with nothing stale, then MkDocs with our
    hooks and macros (the ``site`` fixture's build, run by tests/mkdocs_build.py, says)."""
    script = """
import json, runpy, sys
sys.argv = ["build_assets.py"]
try:
    runpy.run_path("scripts/build_assets.py", run_name="__main__")
except SystemExit as exc:
    assert exc.code == 0, exc.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"torch", "matplotlib"})
print("HEAVY=" + json.dumps(heavy))
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=ENV,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "assets: 0 rebuilt," in result.stdout, result.stdout[-3000:]
    assert "HEAVY=[]" in result.stdout, result.stdout.splitlines()[-1]
    assert site_build_imports == []


def test_corrupt_generated_file_is_rebuilt_with_a_message(site):
    target = GENERATED / "includes" / "facts_relu-en.html"
    good = target.read_bytes()
    target.write_bytes(good.replace(b"ReLU", b"ReLu"))
    result = _build()
    assert result.returncode == 0, result.stderr
    lines = [ln for ln in result.stdout.splitlines() if "facts_relu-en.html" in ln]
    assert lines == [
        "  rebuilt     includes/facts_relu-en.html  "
        "(file differs from what was generated (edited by hand or corrupt))"
    ]
    assert target.read_bytes() == good
    assert "assets: 1 rebuilt," in result.stdout


def test_clean_build_with_unreadable_manifest_rebuilds_identical_bytes(site, clean_build):
    """Two clean builds give the same bytes; a manifest that does not parse is said once.

    The second build (tests/conftest.py ``clean_build``) ran into a temp folder from an
    unparsable manifest while the other tests ran; ``site`` made docs/generated.
    """
    assert clean_build is not None
    assert clean_build["proc"].wait(timeout=600) == 0, clean_build["errors"].read_text()[-3000:]
    out = clean_build["log"].read_text().splitlines()
    assert "does not parse" in out[0] and out[0].endswith("rebuilding every asset"), out[0]
    assert sum("rebuilt" in ln for ln in out[1:-1]) == len(out) - 2
    clean = clean_build["out"]
    old = {p.relative_to(GENERATED): p.read_bytes() for p in GENERATED.rglob("*") if p.is_file()}
    new = {p.relative_to(clean): p.read_bytes() for p in clean.rglob("*") if p.is_file()}
    assert sorted(new) == sorted(old)
    assert [name for name in old if old[name] != new[name]] == []
