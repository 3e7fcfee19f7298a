"""Run a command; print its wall time and the CPU time of its whole process tree.

``/usr/bin/time`` counts only the children that were waited for, all the way down. Chromium
under Playwright is not: its processes end up orphaned and reaped by init, so a browser test
run looks several times cheaper than it is (a 3-second busy loop in a page: 1.1 CPU-s by
``/usr/bin/time``, 3.9-4.2 here). This script makes itself the tree's subreaper, so every orphan
is reparented to it and waited for, and reports what the kernel accounted for all of them.

    .venv/bin/python benchmarks/cpu_time.py .venv/bin/python -m pytest -q tests/test_notebook.py

A benchmark helper: it prints, nothing asserts. Linux only (prctl).
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def run(command: list[str]) -> tuple[int, float, float, float]:
    """Return code, wall seconds, user and system CPU-s of ``command`` and all it started."""
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")
    start = time.monotonic()
    code = subprocess.call(command)
    while True:  # the orphans it left, adopted by this process: wait for each
        try:
            os.wait()
        except ChildProcessError:
            break
    wall = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return code, wall, usage.ru_utime, usage.ru_stime


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    code, wall, user, system = run(sys.argv[1:])
    print(
        f"{wall:.2f} s wall, {user:.2f}+{system:.2f} = {user + system:.2f} CPU-s (whole tree)",
        file=sys.stderr,
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
