"""The manifest of generated files: each one's key, the parts of its key, and a hash of its bytes.

The byte hash catches a generated file that was edited by hand or damaged: it is
rebuilt, never served as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from activation_tutorial.cache.keys import Parts, changed_parts, key_of
from activation_tutorial.cache.sources import sha256

FORMAT = 1
MANIFEST_NAME = ".manifest.json"
"""In the output folder; a dot file, so MkDocs does not publish it."""


@dataclass(frozen=True)
class Entry:
    key: str
    sha256: str
    """Of the bytes written."""
    parts: Parts
    reads: tuple[str, ...] = ()
    """Registry entries the maker read (``recording``); part of the next key."""


@dataclass(frozen=True)
class Decision:
    path: str
    key: str
    parts: Parts
    reason: str | None
    """Why the asset must be rebuilt; ``None`` when it is up to date."""

    @property
    def fresh(self) -> bool:
        return self.reason is None


def load(path: Path) -> tuple[dict[str, Entry], str | None]:
    """The entries of a manifest file, and a one-line problem if it cannot be used."""
    entries, _, problem = load_all(path)
    return entries, problem


def load_all(path: Path) -> tuple[dict[str, Entry], dict[str, list[str]], str | None]:
    """Entries, the module imports remembered by text hash, and a one-line problem."""
    if not path.exists():
        return {}, {}, None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            return {}, {}, f"format {raw.get('format')!r} is not {FORMAT}"
        if raw.pop("checksum", None) != _checksum(raw):
            return {}, {}, "checksum does not match (edited by hand?)"
        entries = {
            name: Entry(e["key"], e["sha256"], dict(e["parts"]), tuple(e["reads"]))
            for name, e in raw["assets"].items()
        }
        imports = {str(h): [str(m) for m in mods] for h, mods in raw["imports"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return {}, {}, f"does not parse ({type(exc).__name__}: {exc})"
    for name, entry in entries.items():
        if key_of(entry.parts) != entry.key:
            return {}, {}, f"entry {name} does not match its own parts (edited by hand?)"
    return entries, imports, None


def _checksum(raw: dict[str, object]) -> str:
    return sha256(json.dumps(raw, sort_keys=True, ensure_ascii=False))


def dump(entries: dict[str, Entry], imports: dict[str, list[str]] | None = None) -> bytes:
    """Deterministic bytes of a manifest: sorted, one asset per block, with a checksum."""
    raw: dict[str, object] = {
        "format": FORMAT,
        "imports": dict(sorted((imports or {}).items())),
        "assets": {
            name: {"key": e.key, "sha256": e.sha256, "parts": e.parts, "reads": list(e.reads)}
            for name, e in sorted(entries.items())
        },
    }
    raw["checksum"] = _checksum(raw)
    return (json.dumps(raw, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def decide(path: str, target: Path, parts: Parts, entry: Entry | None) -> Decision:
    """Up to date only if the key is unchanged and the file holds exactly what was written."""
    key = key_of(parts)
    if entry is None:
        reason = "new"
    elif entry.key != key:
        reason = f"changed: {changed_parts(entry.parts, parts)}"
    elif not target.is_file():
        reason = "file missing"
    elif sha256(target.read_bytes()) != entry.sha256:
        reason = "file differs from what was generated (edited by hand or corrupt)"
    else:
        reason = None
    return Decision(path=path, key=key, parts=parts, reason=reason)
