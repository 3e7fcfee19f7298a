"""Whether a generated file is stale, by sphinx-gallery's rule: its key is a SHA-256 over its
declared input files, library versions, parameters, extra text and the generated files it is
made from. The registry is read as source, with ``ast``: its keys without importing it (numpy),
and what makes one entry's ``nn.Module``, so that only that counts for training. Imports neither
torch nor matplotlib: a warm build stays cheap."""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

PACKAGE = ("src/activation_tutorial/**/*.py",)  # what a cheap asset declares
MANIFEST_NAME = ".manifest.json"  # in the output folder; a dot file, so MkDocs does not publish it


@dataclass(frozen=True)
class Inputs:
    files: tuple[str, ...] = ()  # repo-relative paths or globs whose bytes count
    libraries: tuple[str, ...] = ()  # distributions whose installed version counts
    params: Mapping[str, str] = field(default_factory=dict)
    text: tuple[str, ...] = ()  # extra strings that count (a registry entry's module)
    generated: tuple[str, ...] = ()  # other assets it is made from (made first), by their bytes


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


@cache
def library_version(name: str) -> str:
    """Read from the installed metadata: the library itself is not imported."""
    from importlib import metadata

    return metadata.version(name)


class Keys:
    """Keys of the assets of the tree at ``root``, each file read once; ``written``: SHA-256 of
    each generated file as now written."""

    def __init__(self, root: Path, written: Mapping[str, str]) -> None:
        self.root, self.written = root, written
        self._globs: dict[str, str] = {}

    def _files(self, pattern: str) -> str:
        if pattern not in self._globs:
            paths = sorted(p for p in self.root.glob(pattern) if p.is_file())
            found = [(p.relative_to(self.root).as_posix(), sha256(p.read_bytes())) for p in paths]
            self._globs[pattern] = sha256(json.dumps(found or "no such file"))
        return self._globs[pattern]

    def key(self, path: str, inputs: Inputs) -> str:
        return sha256(json.dumps({
            "path": path,
            "params": dict(inputs.params),
            "files": {f: self._files(f) for f in inputs.files},
            "libraries": {name: library_version(name) for name in inputs.libraries},
            "text": list(inputs.text),
            "generated": {g: self.written.get(g, "not made yet") for g in inputs.generated},
        }, sort_keys=True))  # fmt: skip


def load_manifest(path: Path) -> tuple[dict[str, tuple[str, str]], str | None]:
    """Per asset, its key and the SHA-256 of its bytes; and a problem, if it cannot be used."""
    if not path.exists():
        return {}, None
    try:
        raw = json.loads(path.read_bytes())
        made = {str(p): (str(e["key"]), str(e["sha256"])) for p, e in raw["assets"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return {}, f"is unreadable ({type(exc).__name__}: {why[:60]})"
    return made, None


def manifest_bytes(made: Mapping[str, tuple[str, str]]) -> bytes:
    assets = {p: {"key": k, "sha256": s} for p, (k, s) in sorted(made.items())}
    return (json.dumps({"assets": assets}, indent=1) + "\n").encode()


@cache
def _parsed(source: str) -> ast.Module:
    return ast.parse(source)


@cache
def entries(source: str) -> dict[str, ast.Call]:
    """The registry's ``Activation(key=...)`` calls by key, in order."""
    return {
        kw.value.value: node
        for node in ast.walk(_parsed(source))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Activation"
        for kw in node.keywords
        if kw.arg == "key" and isinstance(kw.value, ast.Constant)
    }


MODULE_FIELDS = ("torch_module", "module_path", "params")  # all training reads of an entry


def entry_module_source(source: str, key: str) -> str:
    """The source that makes entry ``key``'s module: its ``MODULE_FIELDS`` (or the defaults), the
    definitions they use, the class's methods; the whole source for a key it lacks (a test's)."""
    tree = _parsed(source)
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Activation")
    entry = entries(source).get(key)
    if entry is None:
        return source
    given = {kw.arg: kw.value for kw in entry.keywords}
    defaults = {n.target.id: n.value for n in cls.body
                if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}  # fmt: skip
    exprs = [given.get(f) or defaults.get(f) or ast.Constant(None) for f in MODULE_FIELDS]
    used = {n.id for e in exprs for n in ast.walk(e) if isinstance(n, ast.Name)}
    named = [n for n in tree.body if isinstance(n, ast.Assign | ast.AnnAssign)
             and used & {t.id for t in getattr(n, "targets", [getattr(n, "target", None)])
                         if isinstance(t, ast.Name)}]  # fmt: skip
    methods = [n for n in cls.body if isinstance(n, ast.FunctionDef)]
    return "\n".join(
        [f"{f} = {ast.unparse(e)}" for f, e in zip(MODULE_FIELDS, exprs, strict=True)]
        + [ast.unparse(n) for n in named + methods]
    )
