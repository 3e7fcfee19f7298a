"""The downloadable spreadsheet: its formulas, evaluated by an independent engine, match PyTorch."""

import csv
import io
import math
import re

import pytest

from activation_tutorial.xor.network import ARTICLE_WEIGHTS
from activation_tutorial.xor.spreadsheet import SHEET, WEIGHT_NAMES, xor_csv, xor_workbook
from activation_tutorial.xor.table import xor_table_rows

FIELDS = ("z1", "z2", "f_z1", "f_z2", "y", "sigma_y")
COLUMN_OF = dict(zip(FIELDS, "CDEFGH", strict=True))


def test_formulas_evaluate_to_pytorchs_values_and_follow_the_weight_cells(tmp_path):
    """Each cell as the `formulas` package computes it from the workbook's formulas; changing
    every weight cell (not rebuilding the file) must move every computed cell with it, a
    prediction included (its bytes are the same each time: the clean-build test)."""
    import formulas

    path = tmp_path / "xor.xlsx"
    path.write_bytes(xor_workbook())
    model = formulas.ExcelModel().loads(str(path)).finish()
    book = f"'[{path.name}]{SHEET.upper()}'"
    # The hidden layer's weights 10 % larger, the output layer's negated: every prediction flips.
    changed = {k: -v if k[1] == "3" else 1.1 * v for k, v in ARTICLE_WEIGHTS.items()}
    for weights in (ARTICLE_WEIGHTS, changed):
        moved = {k: v for k, v in weights.items() if v != ARTICLE_WEIGHTS[k]}
        typed = {f"{book}!M{WEIGHT_NAMES.index(k) + 2}": v for k, v in moved.items()}
        solution = model.calculate(inputs=typed)
        cells = {ref: solution[f"{book}!{ref}"].value for ref in
                 (f"{c}{r}" for c in "ABCDEFGHIJ" for r in range(2, 6))}  # fmt: skip
        cells = {ref: v.item() if hasattr(v, "item") else v[0][0] for ref, v in cells.items()}
        for r, row in enumerate(xor_table_rows(weights), start=2):  # the first input on row 2
            assert (cells[f"A{r}"], cells[f"B{r}"]) == (row.x1, row.x2)
            for field in FIELDS:
                got = cells[f"{COLUMN_OF[field]}{r}"]
                assert math.isclose(got, getattr(row, field), rel_tol=1e-12, abs_tol=1e-12), (
                    f"{COLUMN_OF[field]}{r} ({field}) = {got}, PyTorch says {getattr(row, field)}"
                )
            assert cells[f"I{r}"] == row.predicted
            assert cells[f"J{r}"] == row.target


def test_csv_reads_back_to_pytorchs_values_exactly():
    rows = xor_table_rows()
    read = csv.DictReader(io.StringIO(xor_csv(rows)))
    for r, back in zip(rows, read, strict=True):
        for field in FIELDS:
            assert float(back[field]) == getattr(r, field)
        assert (int(back["predicted"]), int(back["target"])) == (r.predicted, r.target)


@pytest.mark.parametrize("base", ["", "en/"])
def test_xor_page_offers_both_files(site, base):
    # Each resolves: the link check; each is what the code makes now: the clean-build test.
    page = (site / base / "xor-network" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+\.(?:xlsx|csv))"', page)
    assert sorted(link.rsplit(".", 1)[1] for link in links) == ["csv", "xlsx"], links
