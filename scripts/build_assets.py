"""Write every generated figure, table and value into docs/generated/ (git ignores it).

The one place in the project that writes generated files; what to write comes
from ``activation_tutorial.assets``. Run by ``make``; safe to run by hand.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OUT = DOCS / "generated"


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from activation_tutorial.assets import all_assets
    from activation_tutorial.docs_code.runner import SnippetError

    start = time.perf_counter()
    written = 0
    try:
        for asset in all_assets(DOCS, ROOT):
            data = asset.make()
            target = OUT / asset.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written += 1
            print(f"  generated  {target.relative_to(ROOT)}  ({len(data):,} bytes)", flush=True)
    except SnippetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"assets: {written} written in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
