"""Shared fixtures: one generated-and-built site, one local server, one Debian Chromium per run.
Figures are drawn off-screen, never in a window."""

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from chromium import CHROMIUM, CHROMIUM_ARGS
from site_pages import built_pages, page_file, parsed

from activation_tutorial.serving import BASE_PATH
from activation_tutorial.staleness import MANIFEST_NAME, load_manifest, manifest_bytes

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("MPLBACKEND", "Agg")
# One thread per torch process: the run already keeps both cores busy, and torch's thread pool
# only spins waiting for a core (the tests' tensors are small).
os.environ.setdefault("OMP_NUM_THREADS", "1")


@pytest.fixture(scope="session")
def site_url() -> str:
    """The site's address on a free port of 127.0.0.1, chosen before the build names it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}{BASE_PATH}"


def stop_run(what: str, stderr: str) -> NoReturn:
    """Every site test needs the build: its failure ends the run as one message (the build's
    own error lines, which name the file and line), not one error per test."""
    said = [ln for ln in stderr.splitlines() if re.match(r"(error|ERROR|WARNING)\b", ln)]
    lines = "\n".join(said or stderr.splitlines()[-20:])
    pytest.exit(f"{what}; the site tests cannot run:\n{lines}\nFix that, then run make test "
                "again (make check is the quicker loop).", returncode=1)  # fmt: skip


@pytest.fixture(scope="session")
def generated() -> None:
    """docs/generated brought up to date, once per test run."""
    gen = subprocess.run([sys.executable, "scripts/build_assets.py"], cwd=ROOT,
                         capture_output=True, text=True)  # fmt: skip
    if gen.returncode != 0:
        stop_run("generating the assets failed", gen.stderr)


@pytest.fixture(scope="session")
def site(generated: None, tmp_path_factory: pytest.TempPathFactory, site_url: str) -> Path:
    """The site built with --strict from the generated assets, once per test run."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    # -X importtime: test_build_cache reads what the page build imported from its log.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mkdocs", "build", "--strict", "--site-dir",
         str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0 or "WARNING" in result.stderr:
        stop_run("the strict site build failed", result.stderr)
    (out.parent / f"{out.name}-mkdocs.log").write_text(result.stderr)
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
def soups(site: Path, pages: list[str]) -> dict[str, BeautifulSoup]:
    """Each built page parsed once."""
    return {p: parsed(page_file(site, p)) for p in pages}


SERVE = """import functools, sys
from http.server import ThreadingHTTPServer
from activation_tutorial.serving import SiteHandler
handler = functools.partial(SiteHandler, directory=sys.argv[1])
with ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), handler) as httpd:
    print("serving", flush=True)
    httpd.serve_forever()"""
"""Serves a built site under BASE_PATH, as GitHub Pages serves a project site."""


@pytest.fixture(scope="session")
def server(site: Path, site_url: str) -> Iterator[str]:
    """The built site on http://127.0.0.1:<port>/activation-functions/, in a process of its own
    (the background browser pass loads pages while this process runs other tests)."""
    args = ["-c", SERVE, str(site), str(urlparse(site_url).port)]
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True)
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
def warm_context(browser: object) -> Iterator[object]:
    """One browser context shared by the tests of what a page shows: the HTTP cache stays warm
    (tests of a first visit's requests use ``new_page``)."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def warm_page(warm_context: object, site_url: str) -> Iterator[object]:
    """``new_page``'s factory on ``warm_context``: the same arguments; each tab starts with no
    cookies and no localStorage, and closes after the test. A test going back to an older tab
    calls its ``bring_to_front()`` (only the frontmost tab gets frames)."""
    origin = site_url.removesuffix(BASE_PATH)
    pages = []

    def make(width: int = 1280, height: int = 900, scheme: str = "light") -> object:
        page = warm_context.new_page()
        cdp = warm_context.new_cdp_session(page)
        cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        cdp.detach()
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(color_scheme=scheme)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


CLEAN_BUILD_TEST = "test_a_clean_build_makes_the_same_bytes"
SWEEP_TESTS = "test_quality_browser.py"
"""Its tests read the browser pass, which the same file runs as a script."""
SCRIPT_TESTS = ("test_adding_a_function.py", "test_page_code.py", "test_quality_static.py")
"""Each has a test (marked ``waits``) reading the file's run as a script, ``python tests/<file>
DIR SITE``: a slow proof whose subprocesses would otherwise hold the run up."""


NEEDS_SITE = {"site", "browser", "sweep"}
"""Fixtures that build the site or start a browser (a test's fixture names include what its
fixtures depend on; the sweep asks for the site at run time): left out of ``make check``."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the site tests; run the tests that wait for background work (marked ``waits``) last,
    so that work overlaps the other tests instead of holding up the run (their files sort first)."""
    for item in items:
        if NEEDS_SITE & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)
    items.sort(key=lambda item: item.get_closest_marker("waits") is not None)  # stable


def _clean_copy(out: Path) -> int:
    """``out`` as a clean build finds it, but for the warm build's background work (the build's
    longest part), whose keys name only the files it runs: every activation's training but ReLU's,
    every code file's run but the XOR page's, the notebook's run, the explorer's reference runs.
    ReLU and the XOR page are made again, to show such work repeats its bytes. Returns the count."""
    from activation_tutorial.assets import all_assets

    generated, remade = ROOT / "docs" / "generated", {"relu", str(ROOT / "docs/code/xor.py")}
    background = [a for a in all_assets(ROOT / "docs", ROOT) if a.batch is not None]
    assert remade <= {a.item for a in background}, f"none of {remade} to make again"
    copied = {a.path for a in background if a.item not in remade} | {"explorer_reference.json"}
    kept = {p: e for p, e in load_manifest(generated / MANIFEST_NAME)[0].items() if p in copied}
    assert len(kept) > 10, "the warm build holds no background work"
    for path in kept:
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes((generated / path).read_bytes())
    (out / MANIFEST_NAME).write_bytes(manifest_bytes(kept))
    return len(kept)


def _start(out: Path, name: str, args: list[str], **popen: object) -> dict[str, object]:
    """``python <args>`` as a process of its own at the lowest priority, taking what CPU the
    tests leave: stdout in out/<name>.log, stderr in .err; ``ended()`` waits for its exit status
    (far longer than any job takes: only a hang reaches the limit)."""
    log, errors = out / f"{name}.log", out / f"{name}.err"
    with open(log, "w") as stdout, open(errors, "w") as stderr:
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=stdout, stderr=stderr,
                                preexec_fn=lambda: os.nice(19), **popen)  # fmt: skip
    return {"proc": proc, "log": log, "errors": errors, "ended": lambda: proc.wait(timeout=600)}


@pytest.fixture(scope="session", autouse=True)
def background(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The run's longest jobs, each started as a process of its own when a test reading it is
    selected: a clean build of the generated files into a temp folder (``clean``), the browser pass
    of the quality gates (``sweep``), the ``SCRIPT_TESTS`` (by file name). The site is built first,
    before any test: a build that fails ends the run with its one message. The clean build starts
    once the assets are up to date (it copies some), while MkDocs builds the pages."""
    jobs: dict[str, dict] = {}
    clean = any(item.name == CLEAN_BUILD_TEST for item in request.session.items)
    waiting = {item.path.name for item in request.session.items if item.get_closest_marker("waits")}
    sweep, scripts = SWEEP_TESTS in waiting, [name for name in SCRIPT_TESTS if name in waiting]
    if clean or sweep or scripts:
        request.getfixturevalue("generated")
    if clean:
        out = tmp_path_factory.mktemp("clean-generated")
        kept = _clean_copy(out)
        env = dict(os.environ, ACTIVATION_GENERATED_DIR=str(out))
        job = _start(out.parent, "clean", ["scripts/build_assets.py"], env=env)
        jobs["clean"] = {**job, "out": out, "kept": kept}
    site = request.getfixturevalue("site") if clean or sweep or scripts else None
    for name in scripts:
        out = tmp_path_factory.mktemp(name.removesuffix(".py"))
        jobs[name] = _start(out, "script", [f"tests/{name}", str(out), str(site)])
    if sweep:
        url = request.getfixturevalue("server")
        out = tmp_path_factory.mktemp("sweep") / "sweep.json"
        args = [f"tests/{SWEEP_TESTS}", str(site), url, str(out)]
        jobs["sweep"] = {**_start(out.parent, "sweep", args), "out": out}
    yield jobs
    for job in jobs.values():
        if job["proc"].poll() is None:
            job["proc"].kill()
            job["proc"].wait()
