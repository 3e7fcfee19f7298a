"""The article's spreadsheet as a workbook with live formulas (change a weight, the table
follows) and as CSV (computed values)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence

from activation_tutorial.xor.network import ARTICLE_WEIGHTS, INPUTS, xor_target
from activation_tutorial.xor.table import XorRow

SHEET = "XOR"
# Columns A..J; the first input on row 2
COLUMNS: tuple[str, ...] = ("x1", "x2", "z1", "z2", "f(z1)", "f(z2)", "y", "σ(y)", "prediction",
                            "target")  # fmt: skip
WEIGHT_NAMES: tuple[str, ...] = tuple(ARTICLE_WEIGHTS)
WEIGHT_COLUMN = "M"  # names in column L, values in M, rows 2..10

# A fixed timestamp for the document properties and the zip entries: same input, same bytes.
_EPOCH = dt.datetime(2000, 1, 1)


def weight_cell(name: str) -> str:
    """Absolute reference of one weight's value, e.g. ``$M$2`` for w11."""
    return f"${WEIGHT_COLUMN}${WEIGHT_NAMES.index(name) + 2}"


def row_formulas(row: int) -> dict[str, str]:
    """The formulas of one table row (``row`` is the sheet row, 2..5), by column letter."""
    w = weight_cell
    return {
        "C": f"={w('w11')}*A{row}+{w('w12')}*B{row}+{w('b1')}",
        "D": f"={w('w21')}*A{row}+{w('w22')}*B{row}+{w('b2')}",
        "E": f"=1/(1+EXP(-C{row}))",
        "F": f"=1/(1+EXP(-D{row}))",
        "G": f"={w('w31')}*E{row}+{w('w32')}*F{row}+{w('b3')}",
        "H": f"=1/(1+EXP(-G{row}))",
        "I": f"=IF(H{row}>0.5,1,0)",
    }


def xor_workbook() -> bytes:
    """The .xlsx file: inputs, live formulas for every column, the weights in their own cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    for r, (x1, x2) in enumerate(INPUTS, start=2):
        ws.append([x1, x2, *row_formulas(r).values(), xor_target(x1, x2)])
    header = ws[1]
    ws["L1"], ws[f"{WEIGHT_COLUMN}1"] = "weight", "value"
    for cell in (*header, ws["L1"], ws[f"{WEIGHT_COLUMN}1"]):
        cell.font = Font(bold=True)
    for i, name in enumerate(WEIGHT_NAMES, start=2):
        ws[f"L{i}"], ws[f"{WEIGHT_COLUMN}{i}"] = name, ARTICLE_WEIGHTS[name]
    for col in "CDEFGH":
        ws.column_dimensions[col].width = 12
    # No cached results are stored: ask the spreadsheet program to compute on opening.
    wb.calculation.fullCalcOnLoad = True
    wb.properties.created = wb.properties.modified = _EPOCH
    wb.properties.creator = "activation_tutorial"
    buf = io.BytesIO()
    # ExcelWriter, not wb.save(): save() stamps the current time into docProps/core.xml.
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return normalised_zip(buf.getvalue())


def normalised_zip(data: bytes) -> bytes:
    """The same archive with fixed entry timestamps, so identical content gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH.timetuple()[:6])
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def xor_csv(rows: Sequence[XorRow]) -> str:
    """The computed rows at full float64 precision (shortest repr that reads back exactly)."""
    fields = ["x1", "x2", "z1", "z2", "f_z1", "f_z2", "y", "sigma_y", "predicted", "target"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows([getattr(r, field) for field in fields] for r in rows)
    return buf.getvalue()


def sheet_values() -> dict[str, str]:
    """What the pages say about the workbook's layout, taken from the code that builds it."""
    first = row_formulas(2)
    return {
        "formula_z1": first["C"],
        "formula_f_z1": first["E"],
        "formula_p": first["H"],
        "weights": f"{WEIGHT_COLUMN}2:{WEIGHT_COLUMN}{len(WEIGHT_NAMES) + 1}",
    }
