"""An asset's cache key: a hash over named parts, each part one input that can change its bytes.

Keeping the parts (not only their hash) in the manifest lets the build say *why*
an asset is rebuilt: which file, which registry entry, which library version.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from activation_tutorial.cache.inputs import Inputs
from activation_tutorial.cache.sources import (
    REGISTRY_MODULE,
    SourceIndex,
    imported_modules,
    sha256,
    top_level_imports,
)

Parts = dict[str, str]


@cache
def distribution_version(name: str) -> str:
    """Installed version of a distribution, read from its metadata (no import).

    The ``<name>-<version>.dist-info`` folder name says it; importing
    ``importlib.metadata`` alone would cost a warm build a tenth of its time.
    """
    wanted = re.sub(r"[-_.]+", "_", name).lower()
    for entry in sys.path:
        folder = Path(entry or ".")
        if not folder.is_dir():
            continue
        for info in folder.glob("*.dist-info"):
            dist, _, version = info.name.removesuffix(".dist-info").partition("-")
            if re.sub(r"[-_.]+", "_", dist).lower() == wanted and version:
                return version
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def key_parts(
    inputs: Inputs,
    index: SourceIndex,
    reads: Iterable[str] | None = None,
    generated: Mapping[str, str] | None = None,
) -> Parts:
    """Every input of an asset, by name: source hashes, parameters, versions.

    ``reads`` are the registry entries the maker read when it last ran (see
    ``recording``). They are not trusted for an asset that declares nothing, or whose
    modules keep a plain ``functools`` cache: then all of the registry counts.
    ``generated`` maps generated files to the SHA-256 of their bytes as now written;
    those of ``inputs.generated`` count, so an unchanged file (a retrained activation
    that gave the same numbers) changes nothing downstream.
    """
    parts: Parts = {}
    roots = set(inputs.modules)
    whole = "*" in roots
    for module in inputs.recipe:
        parts[index.rel(module)] = index.digest(module)
        roots.update(top_level_imports(index.text(module), index.package))
    if inputs.code:
        parts[f"code {inputs.code_origin}"] = sha256(json.dumps(list(inputs.code)))
        for block in inputs.code:
            found = imported_modules(block, index.package)
            if found is None:  # cannot see what it imports: everything counts
                whole = True
            else:
                roots.update(found)
    modules = index.all_modules if whole else index.closure(roots - {"*"})
    registry = index.registry
    if whole or any(index.keeps_plain_cache(m) for m in modules):
        reads = None  # recorded reads may be incomplete: all of the registry counts
    entries = list(inputs.entries)
    for module in modules:
        if module == REGISTRY_MODULE and registry is not None and reads is not None:
            # Only the entries read count, and the code around them
            # (which holds the list of keys: a new entry still counts).
            parts[f"{index.rel(module)} (all but the entries)"] = sha256(registry[0])
            entries.extend(k for k in sorted(reads) if k not in entries)
        else:
            parts[index.rel(module)] = index.digest(module)
    for key in entries:
        if registry is None:
            rel = index.rel(REGISTRY_MODULE)
            parts[rel] = index.digest(REGISTRY_MODULE)
        else:
            parts[f"registry entry {key}"] = sha256(registry[1].get(key, "<missing>"))
    for path in inputs.generated:
        parts[f"generated {path}"] = (generated or {}).get(path, "<not generated yet>")
    if inputs.params:
        parts["parameters"] = json.dumps(dict(inputs.params), sort_keys=True)
    for dist in inputs.distributions:
        parts[f"{dist} version"] = distribution_version(dist)
    parts["python version"] = f"{sys.version_info.major}.{sys.version_info.minor}"
    return parts


def key_of(parts: Parts) -> str:
    """The cache key: one hash over all parts."""
    return sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False))


def changed_parts(old: Parts, new: Parts, limit: int = 3) -> str:
    """What differs between two part lists, briefly: ``docs/x.md code, torch 2.1 -> 2.2``."""
    names = sorted(set(old) | set(new))
    changes = []
    for name in names:
        if old.get(name) == new.get(name):
            continue
        if name.endswith(" version") and name in old and name in new:
            changes.append(f"{name.removesuffix(' version')} {old[name]} -> {new[name]}")
        elif name not in old:
            changes.append(f"{name} added")
        elif name not in new:
            changes.append(f"{name} no longer used")
        else:
            changes.append(name)
    if len(changes) > limit:
        changes = [*changes[:limit], f"{len(changes) - limit} more"]
    return ", ".join(changes) or "key changed"
