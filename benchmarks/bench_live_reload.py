"""Benchmark live reload: how soon a saved prose edit is served by ``mkdocs serve``.

    .venv/bin/python benchmarks/bench_live_reload.py [--reps 7]

Starts ``mkdocs serve`` as ``make serve`` does, then saves a new sentence into a page several
times; each time it measures from the save to the served page containing it (the server holds
requests while it rebuilds, so this is when a reloading browser shows it) and the server's CPU
time for it, and counts the rebuilds and the lines the server printed. Prints min/median/max;
checks nothing. The page is restored at the end.
"""

from __future__ import annotations

import argparse
import os
import queue
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "about.en.md"
URL_PATH = "en/about/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its finished children so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(map(int, fields[11:15])) / os.sysconf("SC_CLK_TCK")  # its children included


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    subprocess.run(["make", "-s", "assets"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg", SITE_URL=url)
    serve = [str(ROOT / ".venv/bin/mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}",
             "--watch", "src", "--watch", "scripts"]  # fmt: skip
    server = subprocess.Popen(serve, cwd=ROOT, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in server.stdout],
        daemon=True,
    ).start()
    original = PAGE.read_text(encoding="utf-8")
    seen: list[str] = []

    def drain(until: float) -> list[str]:
        out = []
        while True:
            try:
                line = lines.get(timeout=max(0.0, until - time.monotonic()))
            except queue.Empty:
                return out
            out.append(line.rstrip())
            seen.append(out[-1])

    try:
        start = time.monotonic()
        while "Serving on" not in "\n".join(seen):
            if server.poll() is not None or time.monotonic() - start > 300:
                raise SystemExit("mkdocs serve did not start:\n" + "\n".join(seen[-30:]))
            drain(time.monotonic() + 1)
        drain(time.monotonic() + 2)
        delays, cpu, printed, rebuilds = [], [], [], []
        for rep in range(args.reps):
            word = f"livereloadprobe{rep}x{int(time.time())}"
            seen.clear()
            cpu_before = cpu_seconds(server.pid)
            saved = time.monotonic()
            PAGE.write_text(original + f"\n{word}\n", encoding="utf-8")
            while word not in fetch(url + URL_PATH):
                time.sleep(0.02)
            delays.append(time.monotonic() - saved)
            cpu.append(cpu_seconds(server.pid) - cpu_before)
            drain(time.monotonic() + 4)  # a second rebuild, if any, would start by now
            printed.append(len(seen))
            rebuilds.append(sum("Building documentation" in s or "rebuilt" in s for s in seen))
        print(f"prose edit to served page, {args.reps} saves: min {min(delays):.2f} s, "
              f"median {statistics.median(delays):.2f} s, max {max(delays):.2f} s")  # fmt: skip
        print(f"server CPU per rebuild (the wall time of an idle machine): min {min(cpu):.2f} s, "
              f"median {statistics.median(cpu):.2f} s, max {max(cpu):.2f} s")  # fmt: skip
        print(f"lines printed per save: {min(printed)}-{max(printed)}; "
              f"rebuild lines per save: {min(rebuilds)}-{max(rebuilds)}")  # fmt: skip
        print("last save printed:\n  " + "\n  ".join(seen))
        print(f"load average at the end: {os.getloadavg()[0]:.1f}; cpus: {os.cpu_count()}")
    finally:
        PAGE.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
