"""Benchmark, not a test: Lighthouse on every page of the built site, mobile, median of 3 runs.

    .venv/bin/python benchmarks/bench_lighthouse.py [--runs 3] [--pages xor/ en/xor/]
        [--server pages-like] [--reports DIR]

Builds the site for a local address, serves it under /activation-functions/ (as GitHub Pages
serves a project site) with Python's plain file server, runs Lighthouse 12 (npm, pinned in
package-lock.json) with Debian's Chromium, and prints per page the median of each category
score and of the total bytes, then every audit that did not pass, marking those that come
from the local server rather than from the site.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from activation_tutorial.serving import BASE_PATH, SiteHandler

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "first-contentful-paint": ("FCP", 1), "largest-contentful-paint": ("LCP", 1),
    "total-blocking-time": ("TBT", 1), "cumulative-layout-shift": ("CLS", 1000),
    "speed-index": ("SI", 1),
}  # fmt: skip
"""The performance metrics printed per page (median, ms; CLS in thousandths)."""
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
LOCAL_SERVER_ONLY = {
    "uses-text-compression": "http.server sends no gzip/brotli; GitHub Pages compresses",
    "document-latency-insight": "includes 'no compression' on the HTML from http.server",
    "uses-http2": "http.server speaks HTTP/1.1; GitHub Pages serves HTTP/2",
}
"""Audits whose finding is the local test server's doing, not the site's."""
_PAGES_TTL = "host: GitHub Pages sends max-age=600 for every file; a site cannot change it"
HOSTING = {"uses-long-cache-ttl": _PAGES_TTL, "cache-insight": _PAGES_TTL}
"""Audits whose finding is the host's doing: they stay on the Pages-like server too."""


class _PagesLikeHandler(SiteHandler):
    """Adds what GitHub Pages adds: gzip for text and ``Cache-Control: max-age=600``."""

    def send_head(self):
        url_path = urlsplit(self.path).path
        path = Path(self.translate_path(url_path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the base class redirects /dir to /dir/
            path = path / "index.html"
        text = path.suffix in TEXT_TYPES and path.is_file()
        if not text or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", TEXT_TYPES[path.suffix])
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


TEXT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".json": "application/json",
    ".svg": "image/svg+xml", ".xml": "application/xml",
}  # fmt: skip
SERVERS = {"plain": SiteHandler, "pages-like": _PagesLikeHandler}
SERVER_NOTES = {
    "plain": "Python's http.server: no compression, no cache headers",
    "pages-like": "the same plus gzip and Cache-Control: max-age=600, as GitHub Pages serves",
}


def build(site_url: str, out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg", SITE_URL=site_url)
    subprocess.run([sys.executable, "scripts/build_assets.py"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--site-dir", str(out)], cwd=ROOT, env=env, check=True)  # fmt: skip


def sitemap_pages(site: Path, site_url: str) -> list[str]:
    """Every page in both languages, from the sitemap's locations and hreflang alternates."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = set()
    for url in ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", ns):
        urls.add(url.findtext("s:loc", namespaces=ns) or "")
        urls |= {a.get("href") or "" for a in url.findall("x:link", ns)}
    return sorted(u.removeprefix(site_url) for u in urls if u.startswith(site_url))


def lighthouse(url: str) -> dict:
    """One mobile Lighthouse run (its default form factor and throttling) as its JSON report."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)


def summarise(reports: list[dict]) -> tuple[dict[str, float], float, set[str]]:
    """Median score per category (0-100), median total bytes, and audits that failed in any run."""
    scores = {
        c: statistics.median(100 * (r["categories"][c]["score"] or 0) for r in reports)
        for c in CATEGORIES
    }
    size = statistics.median(r["audits"]["total-byte-weight"]["numericValue"] for r in reports)
    failed = {
        ref["id"]
        for r in reports
        for category in r["categories"].values()
        for ref in category["auditRefs"]
        if r["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
        and (r["audits"][ref["id"]]["score"] or 0) < 1
    }
    return scores, size, failed


def metrics(reports: list[dict]) -> dict[str, float]:
    """Median of each of METRICS over the runs."""
    return {
        name: statistics.median(r["audits"][audit]["numericValue"] * scale for r in reports)
        for audit, (name, scale) in METRICS.items()
    }


def measure(
    site_url: str, pages: list[str], runs: int, reports_dir: Path | None = None, tag: str = ""
) -> dict[str, list[str]]:
    """Print one line per page; return each audit not passed with the pages where it failed.

    The machine's load average (1 min) before and after each page is printed beside it:
    Lighthouse simulates a slow phone from what it measures, so a busy machine lowers scores.
    """
    print(f"{'page':<16} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'KiB':>7}  "
          + " ".join(f"{name:>5}" for name, _ in METRICS.values()) + "  load")  # fmt: skip
    findings: dict[str, list[str]] = {}
    for page in pages:
        load_before = os.getloadavg()[0]
        reports = [lighthouse(site_url + page) for _ in range(runs)]
        if reports_dir:
            slug = (page.strip("/") or "home").replace("/", "_")
            for i, report in enumerate(reports):
                (reports_dir / f"{slug}.{tag}.{i}.json").write_text(json.dumps(report))
        scores, size, failed = summarise(reports)
        print(f"{page or '/':<16} " + " ".join(f"{scores[c]:>5.0f}" for c in CATEGORIES)
              + f" {size / 1024:>7.1f}  "
              + " ".join(f"{v:>5.0f}" for v in metrics(reports).values())
              + f"  {load_before:.1f}-{os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
        for audit in failed:
            findings.setdefault(audit, []).append(page or "/")
    return findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="paths under the site root (default: all)")
    parser.add_argument("--server", choices=[*SERVERS, "both"], default="both")
    parser.add_argument("--reports", type=Path, help="also write every run's JSON report here")
    args = parser.parse_args()
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    if not LIGHTHOUSE.exists():
        sys.exit("node_modules/.bin/lighthouse missing: run `make node_modules/.ready`")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    site_url = f"http://127.0.0.1:{port}{BASE_PATH}"
    servers = list(SERVERS) if args.server == "both" else [args.server]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site_url, site)
        pages = args.pages or sitemap_pages(site, site_url)
        for name in servers:
            handler = functools.partial(SERVERS[name], directory=str(site))
            httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            print(f"\nLighthouse {lighthouse_version()}, mobile, median of {args.runs}, "
                  f"{name} server ({SERVER_NOTES[name]})")  # fmt: skip
            try:
                findings = measure(site_url, pages, args.runs, args.reports, name)
            finally:
                httpd.shutdown()
                httpd.server_close()
            print("Audits not passed in some run (pages):")
            for audit, where in sorted(findings.items()):
                local = LOCAL_SERVER_ONLY.get(audit) if name == "plain" else None
                note = f"local server only: {local}" if local else HOSTING.get(audit, "")
                print(f"  {audit:<34} {len(where):>3}  {note}")
            if not findings:
                print("  none")


def lighthouse_version() -> str:
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True)
    return version.stdout.strip()


if __name__ == "__main__":
    main()
