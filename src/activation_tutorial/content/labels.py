"""The few words generated tables and fact boxes need, in each language of the site."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES: tuple[str, ...] = ("ja", "en")


def by_language(pairs: Mapping[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    """``{key: (ja, en)}`` as ``{lang: {key: text}}``."""
    return {lang: {k: texts[i] for k, texts in pairs.items()} for i, lang in enumerate(LANGUAGES)}


LABELS = by_language({
    "predicted": ("予測", "Predicted"),
    "target": ("正解 (XOR)", "Target (XOR)"),
    "correct": ("正解と一致", "matches the target"),
    "wrong": ("不一致", "does not match"),
    "function": ("関数", "Function"),
    "formula": ("定義", "Definition"),
    "range": ("値域", "Range"),
    "pytorch": ("PyTorch", "PyTorch"),
    "derivative": ("導関数", "Derivative"),
    "source": ("出典", "Source"),
    "all_references": ("参考文献", "references"),
    "spreadsheet_caption": ("記事の重みでの各入力の計算結果（PyTorch, float64）",
                            "Every input through the article's weights (PyTorch, float64)"),
    "truth_caption": ("XOR の真理値表", "The XOR truth table"),
})  # fmt: skip


def label(lang: str, key: str) -> str:
    """One shared label; a missing language or key is a KeyError, never a silent fallback."""
    return LABELS[lang][key]
