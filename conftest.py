"""Settings every test shares: figures are drawn off-screen, never in a window."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def root() -> Path:
    return Path(__file__).resolve().parent


NEEDS_SITE = {"site", "browser", "sweep"}
"""Fixtures that build the site or start a browser (a test's fixture names include what its
fixtures depend on; the sweep asks for the site at run time): left out of ``make check``."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if NEEDS_SITE & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)
