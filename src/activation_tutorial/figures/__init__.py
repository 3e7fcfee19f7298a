"""Pure figure builders: data in, matplotlib Figure out. Nothing here writes files."""
