"""A child process of the build that ends when the build does, however the build ends."""

from __future__ import annotations

import os
import signal


def die_with_parent(parent: int) -> None:
    """A child's first step: the kernel kills it when its parent (pid read before the child
    started) dies, SIGKILL included (Linux)."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # no prctl: the build's own exit still ends its children
        pass
    if os.getppid() != parent:
        os._exit(1)
