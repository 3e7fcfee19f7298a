"""``mkdocs build`` with the given arguments; its last line of stdout, ``HEAVY=<json list>``, names
the heavy libraries it imported (a page build reads generated files, never computes them)."""

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
