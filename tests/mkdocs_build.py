"""Run ``mkdocs build`` with the given arguments, then say which heavy libraries it imported.

The ``site`` fixture builds with it (``python tests/mkdocs_build.py --strict --site-dir DIR``), so
every test run checks that MkDocs, our hooks and macros import neither torch nor matplotlib:
a page build reads generated files and must never compute them. The last line of stdout is
``HEAVY=<json list>``.
"""

from __future__ import annotations

import atexit
import json
import sys

HEAVY = {"torch", "matplotlib"}


def _report() -> None:
    imported = sorted({name.split(".")[0] for name in sys.modules} & HEAVY)
    print("HEAVY=" + json.dumps(imported), flush=True)


if __name__ == "__main__":
    from mkdocs.__main__ import cli

    atexit.register(_report)  # cli() ends with sys.exit, even on success
    cli(["build", *sys.argv[1:]])
