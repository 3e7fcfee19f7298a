"""The package's source files: hashes, the modules each one can import, registry entries.

Dependencies are found statically (every ``import`` statement, also inside
functions and ``TYPE_CHECKING`` blocks), so a key over-approximates what a
builder runs rather than missing something it runs.
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Iterable
from functools import cache, cached_property
from pathlib import Path

PACKAGE = "activation_tutorial"
REGISTRY_MODULE = f"{PACKAGE}.activations.registry"
_ENTRIES_NAME = "_ENTRIES"
_PLAIN_CACHE = re.compile(
    r"\b(?:lru_cache|cached_property)\b|\bfunctools\.cache\b|^\s*@cache\b|\bimport\b[^\n]*\bcache\b",
    re.MULTILINE,
)
"""A cache that is not ``cached_with_reads`` would hide registry reads (see ``recording``)."""


def sha256(data: bytes | str) -> str:
    """Hex SHA-256 of bytes, or of text as UTF-8."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@cache
def imported_modules(source: str, package: str = PACKAGE) -> frozenset[str] | None:
    """Names of ``package`` modules that ``source`` imports; ``None`` if it does not parse.

    ``from a.b import c`` yields ``a.b`` and ``a.b.c`` (c may be a submodule);
    the caller keeps the names that are files.
    """
    if package not in source:  # cannot name the package, so cannot import it
        return frozenset()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == package)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == package:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
    return frozenset(found)


@cache
def top_level_imports(source: str, package: str = PACKAGE) -> frozenset[str]:
    """Package modules that ``source`` imports when it is imported (module body only)."""
    found: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found |= imported_modules(ast.unparse(node), package) or set()
    return frozenset(found)


def registry_parts(source: str) -> tuple[str, dict[str, str]] | None:
    """The registry's source split into its frame and one source segment per entry.

    The frame is the module with every entry cut out (the class, the helpers,
    the order of keys stays in it as ``<entry key>``). ``None`` when the module
    no longer has the ``_ENTRIES = (Activation(key=...), ...)`` shape: the
    caller then hashes the whole file.
    """
    tree = ast.parse(source)
    for node in tree.body:
        if not (isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Tuple)):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if not any(isinstance(t, ast.Name) and t.id == _ENTRIES_NAME for t in targets):
            continue
        lines = source.splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        entries: dict[str, str] = {}
        cuts: list[tuple[int, int, str]] = []
        for element in node.value.elts:
            key = _entry_key(element)
            if key is None or key in entries:
                return None
            start = offsets[element.lineno - 1] + element.col_offset
            end = offsets[element.end_lineno - 1] + element.end_col_offset
            entries[key] = source[start:end]
            cuts.append((start, end, key))
        frame = source
        for start, end, key in reversed(cuts):
            frame = f"{frame[:start]}<entry {key}>{frame[end:]}"
        return frame, entries
    return None


def _entry_key(node: ast.expr) -> str | None:
    if isinstance(node, ast.Call):
        for kw in node.keywords:
            if kw.arg == "key" and isinstance(kw.value, ast.Constant):
                return str(kw.value.value)
    return None


class SourceIndex:
    """The package under ``src``, read lazily and at most once per file."""

    def __init__(
        self, src: Path, package: str = PACKAGE, known_imports: dict[str, list[str]] | None = None
    ) -> None:
        self.src = src
        self.package = package
        self.known_imports = dict(known_imports or {})
        """Package imports of a module by the hash of its text: parsing is the slow part of
        a warm build, and a text imports the same modules every time."""
        self.used_imports: dict[str, list[str]] = {}
        """The part of ``known_imports`` this run needed: what the next run will need."""
        self._rel: dict[str, str] = {}
        self._plain_cache: dict[str, bool] = {}
        self._text: dict[str, str] = {}
        self._hash: dict[str, str] = {}
        self._paths: dict[str, Path | None] = {}
        self._imports: dict[str, set[str]] = {}

    def path(self, module: str) -> Path | None:
        """The file of a module (``pkg/__init__.py`` for a package), or ``None``."""
        if module not in self._paths:
            base = self.src.joinpath(*module.split("."))
            found = [c for c in (base.with_suffix(".py"), base / "__init__.py") if c.is_file()]
            self._paths[module] = found[0] if found else None
        return self._paths[module]

    def rel(self, module: str) -> str:
        if module not in self._rel:
            path = self.path(module)
            assert path is not None, module
            self._rel[module] = path.relative_to(self.src.parent).as_posix()
        return self._rel[module]

    def text(self, module: str) -> str:
        if module not in self._text:
            path = self.path(module)
            assert path is not None, module
            self._text[module] = path.read_text(encoding="utf-8")
        return self._text[module]

    def digest(self, module: str) -> str:
        if module not in self._hash:
            self._hash[module] = sha256(self.text(module))
        return self._hash[module]

    def keeps_plain_cache(self, module: str) -> bool:
        """Whether a module (outside this cache machinery) uses ``functools`` caching."""
        if module.startswith(f"{self.package}.cache"):
            return False
        if module not in self._plain_cache:
            self._plain_cache[module] = _PLAIN_CACHE.search(self.text(module)) is not None
        return self._plain_cache[module]

    @cached_property
    def all_modules(self) -> list[str]:
        """Every module of the package, sorted."""
        root = self.src / self.package
        names = []
        for path in root.rglob("*.py"):
            parts = path.relative_to(self.src).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            names.append(".".join(parts))
        return sorted(names)

    def existing(self, names: Iterable[str]) -> set[str]:
        """The names that are modules of the package, with their parent packages
        (importing ``a.b.c`` runs ``a/__init__.py`` and ``a/b/__init__.py``)."""
        out: set[str] = set()
        for name in names:
            if self.path(name) is None:
                continue
            parts = name.split(".")
            out.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        return out

    def closure(self, roots: Iterable[str]) -> list[str]:
        """``roots`` and every package module they can import, at any depth, sorted."""
        todo = sorted(self.existing(roots))
        seen: set[str] = set()
        while todo:
            module = todo.pop()
            if module in seen:
                continue
            seen.add(module)
            if module not in self._imports:
                digest = self.digest(module)
                if digest not in self.known_imports:
                    found = imported_modules(self.text(module), self.package)
                    # A module that does not parse is hashed anyway; it imports nothing we see.
                    self.known_imports[digest] = sorted(found or ())
                self.used_imports[digest] = self.known_imports[digest]
                self._imports[module] = self.existing(self.known_imports[digest])
            todo.extend(self._imports[module] - seen)
        return sorted(seen)

    @cached_property
    def registry(self) -> tuple[str, dict[str, str]] | None:
        """Frame and per-entry source of the registry, or ``None`` (hash it whole)."""
        if self.path(REGISTRY_MODULE) is None:
            return None
        try:
            return registry_parts(self.text(REGISTRY_MODULE))
        except SyntaxError:
            return None
