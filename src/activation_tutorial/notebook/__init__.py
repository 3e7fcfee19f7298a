"""The XOR walk-through notebook: sources in ``notebooks/``, executed once for the site."""
