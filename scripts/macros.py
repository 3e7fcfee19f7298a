"""mkdocs-macros module: the generated values as ``v`` (``{{ v.xor.f_15 }}``) on every page;
``on_undefined: strict`` fails the build on a name that does not exist."""

from __future__ import annotations

import json
from pathlib import Path

GENERATED = Path(__file__).resolve().parent.parent / "docs" / "generated"


def define_env(env) -> None:  # noqa: ANN001 - mkdocs-macros' own signature
    values = {}
    # The experiment's values are a file of their own, so other values never wait for training
    for path in (GENERATED / "values.json", GENERATED / "experiment_values.json"):
        if not path.exists():
            raise FileNotFoundError(
                f"{path} is missing: run `make site` (or scripts/build_assets.py) first"
            )
        values.update(json.loads(path.read_text(encoding="utf-8")))
    env.variables["v"] = values
