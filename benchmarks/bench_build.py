"""Benchmark the build: medians of several runs, each as a ratio to bare MkDocs (the floor).

    .venv/bin/python benchmarks/bench_build.py [--reps 5] [--cold-reps 3]

Measures on this machine, in one run: bare ``mkdocs build`` with generation skipped,
warm ``make site``, cold ``make site`` after ``make clean``, ``make site`` after one
activation's change (its registry entry; its plotting snippet) and after a prose
change; then the heaviest page: every byte a browser loads for it (Debian Chromium), gzip.
Prints figures; checks nothing. Edited files are restored, and the build left warm.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg")
REGISTRY = ROOT / "src" / "activation_tutorial" / "activations" / "registry.py"
FUNCTIONS = ROOT / "docs" / "functions"
"""One page per activation function."""
CODE = ROOT / "docs" / "code"
"""The pages' code, one file per page."""
# Each edit toggles between two texts, so every repetition is a real change.
EDITS = {
    "registry": (REGISTRY, "plot_range=(-4.0, 4.0)", "plot_range=(-4.5, 4.0)"),
    "snippet": (CODE / "functions" / "tanh.py", 'plt.title("Tanh")', 'plt.title("tanh")'),
    "prose": (FUNCTIONS / "sigmoid.md", "押し込む関数で", "押し込む関数であり"),
}
TARGETS = {"warm": 1.2, "cold": 2.0, "prose": 1.2}
COUNTED = ("document", "stylesheet", "script", "image")
"""What a page weighs: HTML, CSS, JS and images (the search index is fetched separately)."""


def run(*cmd: str) -> None:
    result = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def timed(cmd: tuple[str, ...], before: Callable[[], None] = lambda: None) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system of the command and its children)."""
    before()
    cpu0 = _children_cpu()
    start = time.perf_counter()
    run(*cmd)
    return time.perf_counter() - start, _children_cpu() - cpu0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def restored(*paths: Path) -> Iterator[None]:
    """Put the files back as they were, whatever happens."""
    saved = {p: p.read_bytes() for p in paths}
    try:
        yield
    finally:
        for p, data in saved.items():
            p.write_bytes(data)


def toggle(name: str) -> None:
    path, a, b = EDITS[name]
    text = path.read_text(encoding="utf-8")
    old, new = (a, b) if a in text else (b, a)
    assert text.count(old) == 1, f"{path.name}: expected one {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


MAKE_SITE = ("make", "site")
FLOOR = (str(BIN / "mkdocs"), "build", "--strict")


def measure(reps: int, cold_reps: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) per kind of build. Kinds alternate within each repetition, so a
    busy machine slows them alike and the ratios stay meaningful."""
    run(*MAKE_SITE)  # set up and warm
    samples: dict[str, list[tuple[float, float]]] = {}
    with restored(*{path for path, _, _ in EDITS.values()}):
        for rep in range(reps):
            samples.setdefault("floor", []).append(timed(FLOOR))
            samples.setdefault("warm", []).append(timed(MAKE_SITE))
            samples.setdefault("check", []).append(timed(("make", "assets")))
            for name in EDITS:
                samples.setdefault(name, []).append(
                    timed(MAKE_SITE, before=lambda name=name: toggle(name))
                )
            if rep < cold_reps:
                samples.setdefault("cold", []).append(
                    timed(MAKE_SITE, before=lambda: run("make", "clean"))
                )
            print(f"  run {rep + 1}/{reps} done", file=sys.stderr, flush=True)
    run(*MAKE_SITE)  # back to the committed sources, warm
    return {
        kind: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for kind, runs in samples.items()
    }


def page_weights(site: Path) -> list[tuple[int, str, dict[str, int]]]:
    """(total bytes, page, bytes by resource type) for every page, loaded in Chromium; bytes as
    a gzip-serving host transfers them (each response compressed at level 6, as GitHub Pages
    does for text; compressed formats stay about their size)."""
    from playwright.sync_api import sync_playwright

    from activation_tutorial.serving import BASE_PATH, SiteHandler

    # Under the sub-path, as GitHub Pages serves it and as the tests and Lighthouse load it.
    handler = functools.partial(SiteHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}{BASE_PATH}"
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update"],
            )  # fmt: skip
            for page_path in pages:
                context = browser.new_context()  # empty cache: a first visit
                page = context.new_page()
                responses = []
                page.on("response", lambda r, seen=responses: seen.append(r))
                page.goto(base + ("" if page_path == "." else page_path + "/"))
                page.wait_for_load_state("networkidle")
                by_type: dict[str, int] = {}
                for r in responses:
                    kind = r.request.resource_type
                    by_type[kind] = by_type.get(kind, 0) + len(gzip.compress(r.body(), 6))
                total = sum(by_type.get(k, 0) for k in COUNTED)
                out.append((total, page_path, by_type))
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return sorted(out, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--cold-reps", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
          f"Python {platform.python_version()}; load average at start {load:.1f}")  # fmt: skip
    print(f"medians of {args.reps} runs ({args.cold_reps} for cold)", flush=True)
    m = measure(args.reps, args.cold_reps)
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    rows = [
        ("floor", "bare mkdocs build (the floor)"),
        ("warm", "warm make site (nothing changed)"),
        ("check", "  of which: make assets, nothing changed"),
        ("cold", "cold make site after make clean"),
        ("registry", "one activation changed: registry entry"),
        ("snippet", "one activation changed: its snippet"),
        ("prose", "one sentence of prose changed"),
    ]
    print(f"  {'':<40} {'wall':>8} {'ratio':>6}   {'CPU':>7} {'ratio':>6}")
    for key, label in rows:
        wall, cpu = m[key]
        ratio, cpu_ratio = wall / m["floor"][0], cpu / m["floor"][1]
        target = TARGETS.get(key)
        verdict = ""
        if target is not None:
            verdict = f"   target <= {target:.1f}x: {'met' if ratio <= target else 'MISSED'}"
        print(f"  {label:<40} {wall:6.2f} s {ratio:5.2f}x   "
              f"{cpu:5.2f} s {cpu_ratio:5.2f}x{verdict}")  # fmt: skip
    weights = page_weights(ROOT / "site")
    total, page, by_type = weights[0]
    counted = ", ".join(f"{k} {by_type.get(k, 0) / 1000:.0f}" for k in COUNTED)
    others = ", ".join(
        f"{k} {v / 1000:.0f}" for k, v in sorted(by_type.items()) if k not in COUNTED
    )
    # The same budget as tests/test_quality_static.py: bytes transferred, gzip.
    print(f"  heaviest page: /{'' if page == '.' else page + '/'} {total / 1000:.0f} KB "
          f"transferred, gzip ({counted} KB)")  # fmt: skip
    others = f"{others} KB" if others else "nothing"
    print(f"    not counted above, loaded by the search worker: {others}")
    for total, page, _ in weights[1:]:
        print(f"    /{'' if page == '.' else page + '/'} {total / 1000:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
