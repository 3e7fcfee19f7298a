"""Run every Python code block of every page, in both languages, as a test (Sybil).

Blocks of one page share a namespace, in order, as a reader running them in one
session would. A failure is reported at ``docs/<page>.md:<line>``. ``plt.show()``
closes the figure instead of opening a window.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

os.environ.setdefault("MPLBACKEND", "Agg")


def _setup(namespace: dict) -> None:
    import matplotlib.pyplot as plt

    namespace["_original_show"] = plt.show
    plt.show = lambda *a, **k: plt.close("all")


def _teardown(namespace: dict) -> None:
    import matplotlib.pyplot as plt

    plt.show = namespace["_original_show"]
    plt.close("all")


pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(), SkipParser()],
    path="docs",
    patterns=["*.md"],
    excludes=["generated/*"],
    setup=_setup,
    teardown=_teardown,
).pytest()


@pytest.fixture(scope="session")
def root() -> Path:
    return Path(__file__).resolve().parent
