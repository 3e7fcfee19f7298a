"""Write the generated assets (``activation_tutorial.assets``) whose key changed into
docs/generated/: with nothing changed, neither torch nor matplotlib is imported. Shared work
(training, the notebook) starts first in the background. Two builds of one folder take turns."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import ExitStack, contextmanager
from pathlib import Path

from activation_tutorial.assets import Asset, all_assets
from activation_tutorial.page_code import PageCodeError, die_with_parent
from activation_tutorial.staleness import MANIFEST_NAME, Keys, load_manifest, manifest_bytes, sha256

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# The tests build a clean copy elsewhere to compare bytes
OUT = Path(os.environ.get("ACTIVATION_GENERATED_DIR") or DOCS / "generated")
LOCK_NAME = ".build.lock"


class Unwritable(Exception):
    """The output folder cannot be written: said in one line, with what to do."""


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """An OSError inside becomes ``Unwritable`` naming ``path``."""
    try:
        yield
    except OSError as exc:
        raise Unwritable(f"cannot write {shown(path)} ({exc.strerror or exc})") from None


def write_atomic(target: Path, data: bytes) -> None:
    """Readers (MkDocs serve, a browser) never see half a file."""
    with writing(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                os.fchmod(f.fileno(), 0o644)  # mkstemp's 0600 would hide it from a web server
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def take_lock(out: Path) -> None:
    """Wait for any other build of ``out``: the lock ends with its holder, even killed."""
    with writing(out):
        out.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # a read-only folder: nothing can be written, so nothing to guard
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"  waiting for the other build writing {shown(out)} to finish", flush=True)
        fcntl.flock(fd, fcntl.LOCK_EX)


def in_thread(fn: Callable[..., object], *args: object) -> Callable[[], object]:
    """Runs in a daemon thread: the build can end (a signal) without waiting for it."""
    future: Future[object] = Future()

    def run() -> None:
        try:
            future.set_result(fn(*args))
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=run, daemon=True).start()
    return future.result


def start_batches(assets: list, is_stale: Callable[..., bool], stack: ExitStack) -> None:
    """Start each batch's work for its stale assets' items in the background: a worker process
    per process batch, at most one per core. ``stack`` ends the workers when the build ends."""
    work: dict = {}  # batch: items, in order of first appearance
    for asset in assets:
        if asset.batch is not None and is_stale(asset):
            work.setdefault(asset.batch, []).append(asset.item)
    # The cores this process may use (Linux; macOS has no affinity: all of them)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    processes = min(cores or 1, sum(batch.where == "process" for batch in work))
    if processes:
        import multiprocessing

        # "spawn": a fresh interpreter, not a fork of this one (torch may hold threads).
        pool = multiprocessing.get_context("spawn").Pool(processes, die_with_parent, (os.getpid(),))
        stack.enter_context(pool)  # terminates the workers on the way out

        def in_process(fn: Callable[..., object], *args: object) -> Callable[[], object]:
            return pool.apply_async(fn, args).get

    for batch, items in work.items():
        batch.start(items, in_process if batch.where == "process" else in_thread)


def strays(out: Path, made: set[str]) -> list[str]:
    """Files (and links) under ``out`` that the build did not make: never published."""
    found = (p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_symlink() or p.is_file())
    return sorted(rel for rel in found if rel not in made)


def remove(out: Path, rel: str) -> None:
    """Remove a file, then the folders it leaves empty."""
    path = out / rel
    with writing(path):
        path.unlink(missing_ok=True)
        while path.parent != out and not any(path.parent.iterdir()):
            path = path.parent
            path.rmdir()


STOPPED_BY: list[int] = []  # the signal that stops the build, once one has come


def stop(signum: int, _frame: object) -> None:
    """SIGTERM and Ctrl-C: workers stop and what was made is remembered. A library may swallow
    the exception (torch's start clears any error raised while it imports numpy): the next
    asset raises it again, and an error it leads to still ends the build as stopped."""
    STOPPED_BY.append(signum)
    raise KeyboardInterrupt


def main() -> int:
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    start = time.perf_counter()
    try:
        take_lock(OUT)
    except Unwritable as exc:
        return unwritable(exc)
    manifest = OUT / MANIFEST_NAME
    old, problem = load_manifest(manifest)
    if problem:
        print(f"  manifest {shown(manifest)} {problem}: rebuilding every asset")
    written: dict[str, str] = {}  # SHA-256 of every generated file as it now is
    keys = Keys(ROOT, written)
    new: dict[str, tuple[str, str]] = {}
    counts = {"rebuilt": 0, "up to date": 0, "removed": 0}

    def stale(asset: Asset, key: str) -> str | None:
        entry, target = old.get(asset.path), OUT / asset.path
        if entry is None:
            return "new"
        if entry[0] != key:
            return "inputs changed"
        if not target.is_file():
            return "file missing"
        if sha256(target.read_bytes()) != entry[1]:
            return "file differs from what was made (edited by hand?)"
        return None

    complete, status = False, 0
    try:
        assets = list(all_assets(DOCS, ROOT))  # a malformed code file stops it, named in one line
        with ExitStack() as stack:
            start_batches(assets, lambda a: stale(a, keys.key(a.path, a.inputs)), stack)
            for asset in assets:
                if STOPPED_BY:
                    raise KeyboardInterrupt
                key = keys.key(asset.path, asset.inputs)  # after the assets it is made from
                reason = stale(asset, key)
                if reason is None:
                    new[asset.path] = old[asset.path]
                    counts["up to date"] += 1
                else:
                    sources = {p: (OUT / p).read_bytes() for p in asset.inputs.generated}
                    data = asset.make(sources) if sources else asset.make()
                    write_atomic(OUT / asset.path, data)
                    new[asset.path] = (key, sha256(data))
                    counts["rebuilt"] += 1
                    print(f"  rebuilt  {asset.path}  ({reason})", flush=True)
                written[asset.path] = new[asset.path][1]
        complete = True
        for rel in strays(OUT, {*new, MANIFEST_NAME, LOCK_NAME}):
            remove(OUT, rel)
            counts["removed"] += 1
            why = "no longer made" if rel in old else "not made by the build"
            print(f"  removed  {rel}  ({why})")
    except PageCodeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        for name in exc.assets:  # nothing stale is published from code that fails
            (OUT / name).unlink(missing_ok=True)
        status = 1
    except Unwritable as exc:
        status = unwritable(exc)
    finally:
        if not complete:  # keep what was made before the failure; the rest keeps its old entry
            new = {**old, **new}
        # Rewriting an unchanged manifest would wake `mkdocs serve` for nothing.
        if problem or new != old or not manifest.is_file():
            try:
                with writing(manifest):
                    if manifest.is_dir():  # in the way of the manifest: the build's own folder
                        shutil.rmtree(manifest)
                write_atomic(manifest, manifest_bytes(new))
            except Unwritable as exc:
                status = status or unwritable(exc)
    if status:
        return status
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    print(f"assets: {summary} in {time.perf_counter() - start:.2f} s")
    return 0


def unwritable(exc: Unwritable) -> int:
    print(
        f"error: {exc}: make {shown(OUT)} writable (or delete it, or set "
        "ACTIVATION_GENERATED_DIR to another folder) and build again",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    try:
        status = main()
    except BaseException:  # after main's cleanup
        if not STOPPED_BY:
            raise
        # End at once: Python's shutdown would wait on any thread a library still runs (the
        # notebook's kernel client may be mid-start); the children end with this process.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(128 + STOPPED_BY[0])  # 143 for SIGTERM, 130 for Ctrl-C, as a shell reports
    raise SystemExit(status)
