"""Shared fixtures: one generated-and-built site, one local server, one Debian Chromium per run."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS
from site_pages import PageFacts, built_pages, page_facts, page_file
from site_server import BASE_PATH

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def site_port() -> int:
    """A free port on 127.0.0.1, chosen before the build so site_url can name it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_url(site_port: int) -> str:
    return f"http://127.0.0.1:{site_port}{BASE_PATH}"


def stop_run(what: str, stderr: str) -> NoReturn:
    """Every site test needs the build: its failure ends the run as one message (the build's
    own error lines, which name the file and line), not one error per test."""
    said = [ln for ln in stderr.splitlines() if re.match(r"(error|ERROR|WARNING)\b", ln)]
    lines = "\n".join(said or stderr.splitlines()[-20:])
    pytest.exit(f"{what}; the site tests cannot run:\n{lines}\nFix that, then run make test "
                "again (make check is the quicker loop).", returncode=1)  # fmt: skip


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, site_url: str) -> Path:
    """Generate the assets and build the site with --strict, once per test run."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg", SITE_URL=site_url)
    gen = subprocess.run([sys.executable, "scripts/build_assets.py"], cwd=ROOT, env=env,
                         capture_output=True, text=True)  # fmt: skip
    if gen.returncode != 0:
        stop_run("generating the assets failed", gen.stderr)
    result = subprocess.run(
        [sys.executable, "tests/mkdocs_build.py", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0 or "WARNING" in result.stderr:
        stop_run("the strict site build failed", result.stderr)
    (out.parent / f"{out.name}-mkdocs.log").write_text(result.stdout)
    # linkchecker and the like may drop privileges: keep the build world-readable.
    for path in [out, *out.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return out


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    """The one list of built pages every site test reads: '', 'xor/', 'en/xor/', '404.html'."""
    found = built_pages(site)
    # Guards the discovery itself: a gate that sees no pages cannot fail.
    assert {"", "en/", "xor/", "en/xor/", "404.html"} <= set(found), found
    return found


@pytest.fixture(scope="session")
def page_html(site: Path, pages: list[str]) -> dict[str, str]:
    """Each built page's HTML, read once."""
    return {p: page_file(site, p).read_text(encoding="utf-8") for p in pages}


@pytest.fixture(scope="session")
def facts(page_html: dict[str, str]) -> dict[str, PageFacts]:
    """Each built page parsed once (site_pages.page_facts)."""
    return {p: page_facts(html) for p, html in page_html.items()}


@pytest.fixture(scope="session")
def site_build_imports(site: Path) -> list[str]:
    """The heavy libraries (torch, matplotlib) the ``site`` fixture's MkDocs build imported."""
    last = (site.parent / f"{site.name}-mkdocs.log").read_text().splitlines()[-1]
    assert last.startswith("HEAVY="), last
    return json.loads(last.removeprefix("HEAVY="))


@pytest.fixture(scope="session")
def server(site: Path, site_port: int, site_url: str) -> Iterator[str]:
    """The built site on http://127.0.0.1:<port>/activation-functions/, in a process of its own
    (the background browser pass loads pages while this process runs other tests)."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "site_server.py"), str(site),
                             str(site_port)], stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stdout.readline().strip() == "serving", "the test server did not start"
        yield site_url
    finally:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for every browser test."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium-headless-shell "
                    "(see .ci/run)")  # fmt: skip
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def new_page(browser: object) -> Iterator[object]:
    """Factory: ``new_page(width=390, scheme="dark")``; contexts close after the test."""
    contexts = []

    def make(width: int = 1280, height: int = 900, scheme: str = "light") -> object:
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def warm_tab(browser: object, site_url: str) -> Iterator[object]:
    """Factory: a tab in one shared browser context, for tests of what a page shows (tests of a
    first visit's requests use ``new_page``). The HTTP cache stays warm; each tab starts with no
    cookies and no localStorage. The caller closes the tab, and calls ``bring_to_front()`` on
    going back to an older one (only the frontmost tab gets frames)."""
    context = browser.new_context()
    origin = site_url.removesuffix(BASE_PATH)

    def make(width: int = 1280, height: int = 900, scheme: str = "light") -> object:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        cdp.detach()
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(color_scheme=scheme)
        return page

    yield make
    context.close()


@pytest.fixture
def warm_page(warm_tab: object) -> Iterator[object]:
    """``new_page``'s factory on ``warm_tab``: the same arguments; tabs close after the test."""
    pages = []

    def make(width: int = 1280, height: int = 900, scheme: str = "light") -> object:
        pages.append(warm_tab(width, height, scheme))
        return pages[-1]

    yield make
    for page in pages:
        page.close()


CLEAN_BUILD_TEST = "test_clean_build_with_unreadable_manifest_rebuilds_identical_bytes"
SWEEP_TESTS = "test_quality_browser.py"
"""Its tests read the browser pass that runs in the background (tests/browser_sweep.py)."""


def _waits_for_background(item: pytest.Item) -> int:
    return 2 if item.name == CLEAN_BUILD_TEST else 1 if item.path.name == SWEEP_TESTS else 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that wait for background work last, so that work overlaps every other
    test instead of holding the run up early (their files sort near the top)."""
    items.sort(key=_waits_for_background)  # stable: the rest keep their order


@pytest.fixture(scope="session", autouse=True)
def background_sweep(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The browser pass of the quality gates (the run's longest job), started as its own process
    as soon as the site is served, when its tests are selected."""
    if not any(item.path.name == SWEEP_TESTS for item in request.session.items):
        yield None
        return
    request.getfixturevalue("clean_build")  # needs no site: it starts before the site is built
    site, url = request.getfixturevalue("site"), request.getfixturevalue("server")
    out = tmp_path_factory.mktemp("sweep")
    errors = out / "sweep.err"
    with open(errors, "w") as stderr:
        proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "browser_sweep.py"),
                                 str(site), url, str(out / "sweep.json")],
                                cwd=ROOT, stdout=stderr, stderr=stderr)  # fmt: skip
    try:
        yield {"proc": proc, "out": out / "sweep.json", "errors": errors}
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _one_core_lowest_priority() -> None:
    """The clean build takes what CPU the rest leaves, on one core."""
    os.nice(19)
    os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})


@pytest.fixture(scope="session", autouse=True)
def clean_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A second, clean generation into a temp folder, started at once in the background at the
    lowest priority (it trains the experiment), when the test comparing it is selected."""
    if not any(item.name == CLEAN_BUILD_TEST for item in request.session.items):
        yield None
        return
    out = tmp_path_factory.mktemp("clean-generated")
    (out / ".manifest.json").write_text("{not json")  # the build must say so, then rebuild
    log = out.parent / "clean-build.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg",
               ACTIVATION_GENERATED_DIR=str(out))  # fmt: skip
    errors = out.parent / "clean-build.err"
    with open(log, "w") as stdout, open(errors, "w") as stderr:
        proc = subprocess.Popen([sys.executable, "scripts/build_assets.py"], cwd=ROOT, env=env,
                                stdout=stdout, stderr=stderr, text=True,
                                preexec_fn=_one_core_lowest_priority)  # fmt: skip
    try:
        yield {"proc": proc, "out": out, "log": log, "errors": errors}
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
