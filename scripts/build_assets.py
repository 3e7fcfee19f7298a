"""Write the generated figures, tables and values into docs/generated/ (git ignores it).

The one place in the project that writes generated files; what to write comes
from ``activation_tutorial.assets``. Only assets whose key changed are made again
(see ``activation_tutorial.cache``); with nothing changed, neither torch nor
matplotlib is imported. Prints one line per asset, in a fixed order, and a summary.
Run by ``make``.

Both cores work on a cold build: shared work of stale assets (``Batch``: training the
stale activations, running the notebook) starts first, in a worker process or a thread,
while this process makes the other assets; a batch's assets come last and wait for it.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OUT = Path(os.environ.get("ACTIVATION_GENERATED_DIR") or DOCS / "generated")
"""Where generated files go; the tests build a second, clean copy elsewhere to compare bytes."""


def write_atomic(target: Path, data: bytes) -> None:
    """Readers (MkDocs serve, a browser) never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def start_batches(work: list, stack: ExitStack) -> None:
    """Start each batch's work for its stale items in the background; ``stack`` waits for it.

    One worker process per core (at most 4): on a cold build the XOR and the two-moons
    training run side by side. A batch is not split further: training activations together
    is cheaper than in parts (XOR's cost is mostly per-step overhead). Allowed one core only,
    the build does the work itself, before the rest.
    """
    if not work:
        return  # a warm build imports no executor
    cores = max(1, min(4, len(os.sched_getaffinity(0))))
    if cores == 1:  # nothing runs beside anything: workers would only add their start-up
        for batch, items in work:
            batch.start(items, None)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    # "spawn": a fresh interpreter, not a fork of this one (torch may hold threads).
    processes = ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("spawn"))
    threads = ThreadPoolExecutor(1)
    stack.enter_context(processes)
    stack.enter_context(threads)
    for batch, items in work:
        batch.start(items, (threads if batch.where == "thread" else processes).submit)


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from activation_tutorial.assets import Asset, all_assets, batch_work
    from activation_tutorial.cache import manifest
    from activation_tutorial.cache.keys import key_of, key_parts
    from activation_tutorial.cache.recording import registry_reads
    from activation_tutorial.cache.sources import SourceIndex, sha256
    from activation_tutorial.page_code import PageCodeError

    start = time.perf_counter()
    manifest_path = OUT / manifest.MANIFEST_NAME
    old, known_imports, problem = manifest.load_all(manifest_path)
    if problem:
        shown = (
            manifest_path.relative_to(ROOT) if manifest_path.is_relative_to(ROOT) else manifest_path
        )
        print(f"  manifest {shown} {problem}: rebuilding every asset")
    index = SourceIndex(ROOT / "src", known_imports=known_imports)
    new: dict[str, manifest.Entry] = {}
    counts = {"rebuilt": 0, "up to date": 0, "removed": 0}
    complete = False
    assets = list(all_assets(DOCS, ROOT))
    written: dict[str, str] = {}
    """SHA-256 of every generated file as it now is, for assets made from others."""

    def decision(asset: Asset) -> manifest.Decision:
        entry = old.get(asset.path)
        missing = [p for p in asset.inputs.generated if p not in written]
        assert not missing, f"{asset.path} is listed before {missing[0]}, which it is made from"
        parts = key_parts(asset.inputs, index, entry.reads if entry else None, written)
        return manifest.decide(asset.path, OUT / asset.path, parts, entry)

    stack = ExitStack()
    try:
        start_batches(batch_work(assets, lambda a: not decision(a).fresh), stack)
        for asset in assets:
            target = OUT / asset.path
            decision_ = decision(asset)
            if decision_.fresh:
                new[asset.path] = old[asset.path]
                written[asset.path] = new[asset.path].sha256
                counts["up to date"] += 1
                print(f"  up to date  {asset.path}")
                continue
            sources = {p: (OUT / p).read_bytes() for p in asset.inputs.generated}
            with registry_reads() as reads:
                data = asset.make(sources) if sources else asset.make()
            # The key counts the registry entries the maker read, known only now.
            parts = key_parts(asset.inputs, index, sorted(reads), written)
            key = key_of(parts)
            write_atomic(target, data)
            new[asset.path] = manifest.Entry(key, sha256(data), parts, tuple(sorted(reads)))
            written[asset.path] = new[asset.path].sha256
            counts["rebuilt"] += 1
            print(f"  rebuilt     {asset.path}  ({decision_.reason})", flush=True)
        complete = True
    except PageCodeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        for name in exc.assets:  # nothing stale is published from code that fails
            (OUT / name).unlink(missing_ok=True)
        return 1
    finally:
        stack.close()  # waits for background work still running (after an error)
        if complete:
            for name in sorted(set(old) - set(new)):
                (OUT / name).unlink(missing_ok=True)
                counts["removed"] += 1
                print(f"  removed     {name}  (no longer generated)")
        else:  # keep what was made before the failure; the rest keeps its old entry
            new = {**old, **new}
        # Remember the imports of the modules this run read; older texts are dropped.
        imports = index.used_imports
        # Rewriting an unchanged manifest would wake `mkdocs serve` for nothing.
        if problem or new != old or imports != known_imports or not manifest_path.is_file():
            write_atomic(manifest_path, manifest.dump(new, imports))
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    print(f"assets: {summary} in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
