"""Incremental generation: what each generated file depends on, and whether it is up to date.

Nothing here imports torch or matplotlib: deciding that nothing changed must stay cheap.
"""
