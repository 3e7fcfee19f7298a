"""The few words generated tables and fact boxes need, in each language of the site."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES: tuple[str, ...] = ("ja", "en")

LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "predicted": "予測",
        "target": "正解 (XOR)",
        "correct": "正解と一致",
        "wrong": "不一致",
        "function": "関数",
        "formula": "定義",
        "range": "値域",
        "pytorch": "PyTorch",
        "defaults": "既定値",
        "derivative": "導関数",
        "source": "出典",
        "all_references": "参考文献",
        "none": "なし",
        "spreadsheet_caption": "記事の重みでの各入力の計算結果（PyTorch, float64）",
        "truth_caption": "XOR の真理値表",
    },
    "en": {
        "predicted": "Predicted",
        "target": "Target (XOR)",
        "correct": "matches the target",
        "wrong": "does not match",
        "function": "Function",
        "formula": "Definition",
        "range": "Range",
        "pytorch": "PyTorch",
        "defaults": "Defaults",
        "derivative": "Derivative",
        "source": "Source",
        "all_references": "references",
        "none": "none",
        "spreadsheet_caption": "Every input through the article's weights (PyTorch, float64)",
        "truth_caption": "The XOR truth table",
    },
}


def label(lang: str, key: str, table: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """One label from ``table`` (the shared LABELS by default); a missing language or key is an
    error, never a silent fallback."""
    try:
        return (LABELS if table is None else table)[lang][key]
    except KeyError:
        raise KeyError(f"no label {key!r} for language {lang!r}") from None
