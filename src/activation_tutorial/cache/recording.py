"""Which registry entries a maker actually reads, recorded while it runs.

Many builders reach the registry module (the XOR network looks up "sigmoid"),
but read one entry of it. Recording the entries read lets a change to another
entry leave their output alone. Reading an entry means touching any attribute
of its ``Activation``; the recorded keys go into the manifest and the next key.

A maker that keeps results between assets must keep them with
``cached_with_reads`` (or ``BatchedWithReads``), and no module may read entries when it is imported:
either would hide reads from the assets that reuse them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")

_active: list[set[str]] = []


@contextmanager
def registry_reads() -> Iterator[set[str]]:
    """Collect the keys of the registry entries read inside the ``with`` block."""
    from activation_tutorial.activations.registry import Activation

    reads: set[str] = set()
    _active.append(reads)
    had_own = "__getattribute__" in Activation.__dict__
    original = Activation.__getattribute__

    def spy(self: Activation, name: str) -> object:
        key = object.__getattribute__(self, "key")
        for active in _active:
            active.add(key)
        return original(self, name)

    Activation.__getattribute__ = spy  # type: ignore[method-assign]
    try:
        yield reads
    finally:
        # By identity: list.remove compares with ==, and two empty sets are equal,
        # so nested recordings would remove each other's entry.
        del _active[next(i for i, r in enumerate(_active) if r is reads)]
        if had_own:
            Activation.__getattribute__ = original  # type: ignore[method-assign]
        else:
            del Activation.__getattribute__


def note_reads(keys: Iterable[str]) -> None:
    """Count ``keys`` as read by every active recording (a result reused from a cache)."""
    for active in _active:
        active.update(keys)


def cached_with_reads(fn: Callable[..., T]) -> Callable[..., T]:
    """Like ``functools.cache``, but a cached result still counts the entries it read.

    A plain cache would hide those reads from every later asset reusing the result.
    """
    memo: dict[tuple[object, ...], tuple[T, set[str]]] = {}

    @functools.wraps(fn)
    def wrapper(*args: object) -> T:
        if args not in memo:
            with registry_reads() as reads:
                memo[args] = (fn(*args), reads)
        value, reads = memo[args]
        note_reads(reads)
        return value

    return wrapper


class BatchedWithReads(Generic[T]):
    """Results that are cheaper made several at once, each kept with the entries read for it.

    ``make_many(names)`` returns, per name, its result and the registry entries read
    for that name alone (it records them itself: it may run in another process).
    ``start(names, submit)`` makes the names together, in the background when given an
    executor's ``submit``. Calling the object with one name returns its result (waiting
    for a started batch, or making that name alone) and, like ``cached_with_reads``,
    counts only that name's reads for the asset being made.
    """

    def __init__(
        self, make_many: Callable[[tuple[str, ...]], Mapping[str, tuple[T, frozenset[str]]]]
    ) -> None:
        self._make_many = make_many
        self._done: dict[str, tuple[T, frozenset[str]]] = {}
        self._pending: dict[str, Future[Mapping[str, tuple[T, frozenset[str]]]]] = {}
        self.batches: list[tuple[str, ...]] = []
        """The names of every batch made, in order (to show what was trained)."""

    def start(
        self, names: Iterable[str], submit: Callable[..., Future[object]] | None = None
    ) -> None:
        todo = tuple(dict.fromkeys(n for n in names if n not in self._done | self._pending))
        if not todo:
            return
        self.batches.append(todo)
        if submit is None:
            self._done.update(self._make_many(todo))
            return
        future = submit(self._make_many, todo)
        self._pending.update(dict.fromkeys(todo, future))

    def __call__(self, name: str) -> T:
        if name in self._pending:
            future = self._pending[name]
            made = future.result()
            self._done.update(made)
            for n in made:
                self._pending.pop(n, None)
        if name not in self._done:
            self.start((name,))
        value, reads = self._done[name]
        note_reads(reads)
        return value
