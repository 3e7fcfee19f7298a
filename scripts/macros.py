"""mkdocs-macros module: exposes the generated values as ``v`` to every page.

A page writes ``{{ v.xor.f_15 }}`` instead of typing a number code computed;
``on_undefined: strict`` fails the build on a name that does not exist.
"""

from __future__ import annotations

import json
from pathlib import Path

VALUES = Path(__file__).resolve().parent.parent / "docs" / "generated" / "values.json"


def define_env(env) -> None:  # noqa: ANN001 - mkdocs-macros' own signature
    if not VALUES.exists():
        raise FileNotFoundError(
            f"{VALUES} is missing: run `make site` (or scripts/build_assets.py) first"
        )
    env.variables["v"] = json.loads(VALUES.read_text(encoding="utf-8"))
