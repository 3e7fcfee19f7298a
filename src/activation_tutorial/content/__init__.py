"""Text the pages include: tables, formulas and values, generated from the package."""
