"""The registry read as source, with ``ast``: its keys without importing it (numpy), and
what makes one entry's ``nn.Module``, so that only that counts for training."""

from __future__ import annotations

import ast
from functools import cache


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
    """The source that makes entry ``key``'s module: its ``MODULE_FIELDS`` (or the defaults),
    the definitions of names they use, the class's methods; the whole source otherwise."""
    tree = _parsed(source)
    cls = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Activation"]
    entry = entries(source).get(key)
    if not cls or entry is None or entry.args:
        return source
    given = {kw.arg: kw.value for kw in entry.keywords}
    defaults = {n.target.id: n.value for n in cls[0].body
                if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}  # fmt: skip
    exprs = [given.get(f) or defaults.get(f) or ast.Constant(None) for f in MODULE_FIELDS]
    used = {n.id for e in exprs for n in ast.walk(e) if isinstance(n, ast.Name)}
    named = [n for n in tree.body if isinstance(n, ast.Assign | ast.AnnAssign)
             and used & {t.id for t in getattr(n, "targets", [getattr(n, "target", None)])
                         if isinstance(t, ast.Name)}]  # fmt: skip
    methods = [n for n in cls[0].body if isinstance(n, ast.FunctionDef)]
    return "\n".join(
        [f"{f} = {ast.unparse(e)}" for f, e in zip(MODULE_FIELDS, exprs, strict=True)]
        + [ast.unparse(n) for n in named + methods]
    )


def package_modules_named(module_source: str) -> list[str]:
    """``activation_tutorial`` modules named as strings (``module_path``) in an entry's source."""
    return [
        n.value
        for n in ast.walk(ast.parse(module_source))
        if isinstance(n, ast.Constant) and str(n.value).startswith("activation_tutorial.")
    ]
