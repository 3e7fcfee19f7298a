"""The build keyed on files: what makes an asset stale, and a build that survives its faults
(``DRIVER`` runs the real ``scripts/build_assets.py`` on a few tiny assets)."""

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from modulefinder import ModuleFinder
from pathlib import Path

import psutil
import pytest

from activation_tutorial.activations import REGISTRY as REGISTRY_IMPORTED
from activation_tutorial.assets import (
    _MADE_FROM,
    REFERENCE_FILES,
    TRAINING_FILES,
    all_assets,
    registry_keys,
    training_inputs,
)
from activation_tutorial.staleness import (
    MANIFEST_NAME,
    Inputs,
    Keys,
    entry_module_source,
    load_manifest,
)

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "docs" / "generated"
REGISTRY = (ROOT / "src/activation_tutorial/activations/registry.py").read_text(encoding="utf-8")


def test_key_follows_the_parameters_text_libraries_and_generated_inputs(monkeypatch):
    """Its files: test_an_edit_changes_the_keys_of_what_its_file_makes_only."""
    inputs = Inputs(libraries=("numpy",), params={"lang": "ja"}, text=("t",), generated=("g",))

    def key(inputs: Inputs = inputs, written: str = "1") -> str:
        return Keys(ROOT, {"g": written}).key("out.html", inputs)

    before = key()
    for changed in (replace(inputs, params={}), replace(inputs, text=("u",)),
                    replace(inputs, libraries=()), replace(inputs, generated=())):  # fmt: skip
        assert key(changed) != before
    assert key(written="2") != before
    monkeypatch.setattr("activation_tutorial.staleness.library_version", lambda name: "9.9")
    assert key() != before


def test_an_entry_counts_for_training_only_by_its_module(monkeypatch):
    def sources(text: str) -> dict[str, str]:
        return {k: entry_module_source(text, k) for k in registry_keys()}

    before = sources(REGISTRY)
    changed = sources(REGISTRY.replace('"negative_slope": 0.01', '"negative_slope": 0.02'))
    assert [k for k in before if before[k] != changed[k]] == ["leaky_relu"]
    prose_edit = REGISTRY  # a plot range, a source, the formula shown
    for old, new in (("plot_range=(-4.0, 4.0)", "plot_range=(-4.5, 4.0)"),
                     ('key="nair2010"', 'key="nair2010b"'),
                     ("sp.Max(0, x)", "sp.Max(0, 2 * x)")):  # fmt: skip
        assert old in prose_edit
        prose_edit = prose_edit.replace(old, new, 1)
    assert sources(prose_edit) == before
    # The step function's module is a file of the package: it counts as one.
    step = training_inputs("xor", "step", REGISTRY).files
    assert "src/activation_tutorial/activations/step.py" in step
    # The keys come from the source, the registry module not imported (as in a warm build).
    monkeypatch.delitem(sys.modules, "activation_tutorial.activations.registry")
    assert registry_keys() == tuple(REGISTRY_IMPORTED)


@pytest.mark.parametrize(
    ("module", "files"),
    [("experiment.data", TRAINING_FILES), ("explorer.training", TRAINING_FILES + REFERENCE_FILES)],
)
def test_training_files_cover_every_module_training_imports(module, files):
    """At any depth, also inside functions (ModuleFinder reads the bytecode, nothing runs), the
    package's own modules only; the registry counts by entry instead."""
    finder = ModuleFinder(path=[str(ROOT / "src")])
    finder.import_hook(f"activation_tutorial.{module}")
    found = {Path(m.__file__).relative_to(ROOT).as_posix() for m in finder.modules.values()
             if m.__file__}  # fmt: skip
    extra = {name.removeprefix("src/activation_tutorial/") for name in found - set(files)}
    assert extra == {"__init__.py", "activations/registry.py"}


def test_warm_build_imports_neither_torch_nor_matplotlib_and_prints_only_its_summary(site):
    """The whole warm path of `make site`: generation with nothing stale, then MkDocs with our
    hooks and macros (the ``site`` fixture's build, whose -X importtime log says)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "scripts/build_assets.py"],
                            cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("assets: 0 rebuilt,"), lines[:5]
    for stderr in (result.stderr, (site.parent / f"{site.name}-mkdocs.log").read_text()):
        imported = {ln.rpartition("|")[2].strip().split(".")[0] for ln in stderr.splitlines()}
        assert "activation_tutorial" in imported and not imported & {"torch", "matplotlib"}


def _keys(root: Path) -> dict[str, str]:
    return {a.path: Keys(root, {}).key(a.path, a.inputs) for a in all_assets(root / "docs", root)}


def test_an_edit_changes_the_keys_of_what_its_file_makes_only(tmp_path):
    """A prose edit changes no key; a page's code file is the input of its figures (both
    layouts) and outputs, alone; a notebook, of the notebook in both languages."""
    for name in ("docs", "notebooks", "src"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("generated"))
    before = _keys(ROOT)
    page = tmp_path / "docs/functions/sigmoid.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n追記。\n", encoding="utf-8")
    assert _keys(tmp_path) == before
    notebooks = ("notebooks/xor-walkthrough.ipynb", "notebooks/xor-walkthrough.en.ipynb")
    for edited in ("docs/code/functions/tanh.py", "docs/code/gradients.py", "docs/code/xor.py",
                   notebooks[1]):  # fmt: skip
        with (tmp_path / edited).open("a", encoding="utf-8") as f:
            f.write("\n")
        after = _keys(tmp_path)
        made = set(_MADE_FROM.get(str(tmp_path / edited), notebooks))
        assert any(".narrow." in m for m in made) == edited.endswith(("gradients.py", "xor.py"))
        assert {name for name in before if before[name] != after[name]} == made, edited
        before = after


@pytest.mark.waits
def test_a_clean_build_makes_the_same_bytes(site, background):
    """Every generated file, made again in a clean folder (conftest.py ``background``: with most
    of the warm build's background work copied), is the warm build's byte for byte."""
    job = background["clean"]
    assert job["ended"]() == 0, job["errors"].read_text()[-3000:]
    clean = job["out"]
    new = {p.relative_to(clean): p.read_bytes() for p in clean.rglob("*") if p.is_file()}
    old = {p.relative_to(GENERATED): p.read_bytes() for p in GENERATED.rglob("*") if p.is_file()}
    assert sorted(new) == sorted(old)
    assert [name for name in old if old[name] != new[name]] == []
    made, kept = len(load_manifest(clean / MANIFEST_NAME)[0]), job["kept"]
    lines = job["log"].read_text().splitlines()
    assert lines[-1].startswith(f"assets: {made - kept} rebuilt, {kept} up to date, 0 removed")
    assert len(lines) == made - kept + 1 and all(" rebuilt " in line for line in lines[:-1])


def _proc(pid: int, name: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/{name}").read_bytes()
    except OSError:
        return b""


def _alive(pids: set[int]) -> set[int]:
    """Of ``pids``, those still running (a zombie has ended: it only waits to be reaped)."""
    return {p for p in pids if _proc(p, "stat").rpartition(b")")[2].split()[:1] not in ([], [b"Z"])}


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_a_cold_build_stopped_by_a_signal_leaves_no_process(tmp_path, sig):
    """Training workers and their resource tracker end with the build, and so does the
    notebook's kernel (waited for once: it starts seconds later)."""
    # PYTHONFAULTHANDLER: a build that does not stop prints where each thread is on SIGABRT.
    env = dict(os.environ, ACTIVATION_GENERATED_DIR=str(tmp_path), PYTHONFAULTHANDLER="1")
    with (tmp_path / "stderr.txt").open("w") as stderr:
        proc = subprocess.Popen([sys.executable, "scripts/build_assets.py"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=stderr)  # fmt: skip
    seen: set[int] = set()
    deadline = time.monotonic() + 90
    # Two workers training (torch loaded), the tracker; for SIGKILL also the kernel.
    while sum(b"libtorch" in _proc(p, "maps") for p in seen) < 2 or (
        sig == signal.SIGKILL and not any(b"ipykernel" in _proc(p, "cmdline") for p in seen)
    ):
        assert time.monotonic() < deadline and proc.poll() is None, seen
        seen |= {child.pid for child in psutil.Process(proc.pid).children(recursive=True)}
        time.sleep(0.05)
    proc.send_signal(sig)
    try:
        assert proc.wait(timeout=30) == (143 if sig == signal.SIGTERM else -signal.SIGKILL)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)
        proc.wait()
        pytest.fail("the build did not stop:\n" + (tmp_path / "stderr.txt").read_text()[-6000:])
    deadline = time.monotonic() + 10  # the kernel checks on its parent once a second
    while _alive(seen) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _alive(seen)
    for pid in left:  # not to leave them training after a failure
        os.kill(pid, signal.SIGKILL)
    assert left == set(), [_proc(p, "cmdline") for p in left]


DRIVER = """
import os, runpy, signal, sys, time
from functools import partial
import activation_tutorial.assets as assets
from activation_tutorial.staleness import Inputs
TAG, PAUSE = sys.argv[1], float(sys.argv[2])  # a pause per asset lets two builds overlap
def make(i):
    time.sleep(PAUSE)
    if TAG == "swallowed" and i == 3:  # a library swallows the exit (torch importing numpy)
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        except BaseException:
            pass
    return f"{TAG} {i}\\n".encode()
assets.all_assets = lambda docs, root: [
    assets.Asset(f"includes/t{i}.txt", partial(make, i), Inputs(params={"tag": TAG}))
    for i in range(20)
]
sys.argv = ["build_assets.py"]
runpy.run_path("scripts/build_assets.py", run_name="__main__")
"""


def _run_tiny(out: Path, tag: str = "a", pause: float = 0, **kw: object) -> tuple[int, list, str]:
    env = dict(os.environ, ACTIVATION_GENERATED_DIR=str(out))
    done = subprocess.run([sys.executable, "-c", DRIVER, tag, str(pause)], cwd=ROOT, env=env,
                          text=True, capture_output=True, timeout=60, **kw)  # fmt: skip
    return done.returncode, done.stdout.splitlines(), done.stderr


@pytest.mark.slow
def test_two_builds_at_once_take_turns(tmp_path):
    waited = 0
    for tag in ("a", "b", "c", "d"):  # each round makes every asset again
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(_run_tiny, [tmp_path] * 2, [tag] * 2, [0.01] * 2))
        for code, lines, stderr in results:
            assert code == 0 and stderr == "", stderr[-2000:]
            waited += any("waiting for the other build writing" in line for line in lines)
        made = {i: (tmp_path / f"includes/t{i}.txt").read_text() for i in range(20)}
        assert made == {i: f"{tag} {i}\n" for i in range(20)}
        assert len(load_manifest(tmp_path / MANIFEST_NAME)[0]) == 20
    assert waited >= 1, "the builds never overlapped: nothing was tested"
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.slow
def test_a_stop_a_library_swallows_still_stops_the_build(tmp_path):
    code, lines, stderr = _run_tiny(tmp_path, "swallowed")
    assert code == 143 and stderr == "" and len(lines) == 4, (code, lines, stderr[-2000:])


@pytest.mark.slow
def test_an_unreadable_manifest_is_named_and_everything_is_rebuilt(tmp_path):
    assert _run_tiny(tmp_path)[0] == 0
    manifest = tmp_path / MANIFEST_NAME
    good = manifest.read_text()
    # One per exception load_manifest catches (a directory: OSError)
    broken = {"truncated": good[: len(good) // 2], "no assets": "{}",
              "assets a list": '{"assets": []}', "wrong types": '{"assets": {"x": [1]}}',
              "deeply nested": "[" * 100_000 + "]" * 100_000}  # fmt: skip
    for shape in [*broken, "a directory"]:  # one after another, each rebuilt from the last
        if shape == "a directory":
            manifest.unlink()
            (manifest / "inside").mkdir(parents=True)
        else:
            manifest.write_text(broken[shape])
        code, lines, stderr = _run_tiny(tmp_path)
        assert code == 0 and stderr == "", (shape, stderr[-2000:])
        assert lines[0].startswith(f"  manifest {manifest} is unreadable ("), shape
        assert lines[0].endswith("): rebuilding every asset"), shape
        assert lines[-1].startswith("assets: 20 rebuilt, 0 up to date, 0 removed"), shape
        assert load_manifest(manifest)[1] is None and manifest.is_file(), shape


def _without_root_override() -> None:
    """Root writes anywhere: drop that power (CAP_DAC_OVERRIDE), so file modes apply."""
    if os.geteuid() == 0:
        assert ctypes.CDLL(None, use_errno=True).prctl(24, 1, 0, 0, 0) == 0  # PR_CAPBSET_DROP


def test_an_edited_a_stray_and_an_unwritable_file_are_each_named(tmp_path):
    out = tmp_path / "generated"
    assert _run_tiny(out)[0] == 0
    (out / "includes" / "t3.txt").write_text("edited")
    (out / "figures").mkdir()
    (out / "figures" / "evil.svg").write_text("<svg><script>alert(1)</script></svg>")
    code, lines, _ = _run_tiny(out)
    assert code == 0 and lines[:2] == [
        "  rebuilt  includes/t3.txt  (file differs from what was made (edited by hand?))",
        "  removed  figures/evil.svg  (not made by the build)",
    ], lines
    assert lines[2].startswith("assets: 1 rebuilt, 19 up to date, 1 removed"), lines
    assert (out / "includes" / "t3.txt").read_text() == "a 3\n"
    assert not (out / "figures").exists()
    for path in [out, *out.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        code, lines, _ = _run_tiny(out, preexec_fn=_without_root_override)
        assert code == 0, "nothing to write: the build can proceed"
        code, lines, stderr = _run_tiny(out, "b", preexec_fn=_without_root_override)
    finally:
        for path in [out, *out.rglob("*")]:
            path.chmod(0o755)
    assert code == 1 and lines == []
    assert stderr.splitlines() == [
        f"error: cannot write {out}/includes/t0.txt (Permission denied): make {out} writable "
        "(or delete it, or set ACTIVATION_GENERATED_DIR to another folder) and build again"
    ]
