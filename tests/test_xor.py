"""The XOR network reproduces the article's numbers, and no line solves XOR."""

import re

import numpy as np
import pytest

from activation_tutorial.content.tables import minus
from activation_tutorial.content.xor_tables import STEPS_CLASS, steps_markdown
from activation_tutorial.xor.network import ARTICLE_WEIGHTS, xor_target
from activation_tutorial.xor.separability import best_linear_classifier
from activation_tutorial.xor.table import format_number, format_probability, xor_table_rows


@pytest.fixture(scope="module")
def rows():
    return {(r.x1, r.x2): r for r in xor_table_rows()}


def test_rows_reproduce_the_articles_values(rows):
    """Its z for the four inputs give the hidden layer's six weights, its y the output's three."""
    r00, r01, r10, r11 = rows[0, 0], rows[0, 1], rows[1, 0], rows[1, 1]
    assert [(r.z1, r.z2) for r in (r00, r01, r10, r11)] == [(-5, 15), (5, 5), (5, 5), (15, -5)]
    assert r00.f_z1 == pytest.approx(0.0067, abs=5e-5)
    assert r01.f_z1 == pytest.approx(0.9933, abs=5e-5)
    assert r00.f_z2 == pytest.approx(0.9999997, abs=5e-8)
    assert r00.y == pytest.approx(-4.933, abs=5e-4)
    assert r01.y == pytest.approx(4.866, abs=5e-4)
    assert r11.y == pytest.approx(r00.y) and r10.y == pytest.approx(r01.y)


def test_network_classifies_all_four_inputs_with_the_articles_weights_only(rows):
    for (x1, x2), row in rows.items():
        assert row.target == xor_target(x1, x2) == x1 ^ x2
        assert row.predicted == row.target, (x1, x2)
    assert not all(r.correct for r in xor_table_rows(dict(ARTICLE_WEIGHTS, b3=5.0)))


def test_the_best_line_of_a_grid_of_lines_gets_three_of_four():
    assert best_linear_classifier().best_correct == 3  # the site's (its figure: docs/code/xor.py)
    angles, offsets = 36, 30  # no offset puts a line exactly through a corner
    search = best_linear_classifier(angles=angles, offsets=offsets)
    assert search.lines == angles * offsets
    # A line meets the square when its distance from the centre is at most the square's
    # half-width along the line's normal: 0.5 (|cos| + |sin|).
    meeting = 0
    for theta in np.linspace(0, 2 * np.pi, angles, endpoint=False):
        c, s = np.cos(theta), np.sin(theta)
        for b in np.linspace(-1.5, 1.5, offsets):
            meeting += abs(0.5 * c + 0.5 * s + b) <= 0.5 * (abs(c) + abs(s)) + 1e-12
    assert search.lines_meeting_square == meeting < search.lines


def test_probability_formatting_never_rounds_to_0_or_1():
    assert format_probability(0.999999694) == "0.9999997"
    assert format_probability(0.0066928) == "0.0067"
    assert format_probability(3.06e-7) == "0.0000003"
    assert format_number(-5.0) == "-5"
    assert format_number(4.8661429) == "4.866"


def _math_text(cell: str) -> str:
    return re.sub(r"<[^>]+>", "", cell)


def test_each_step_has_its_result_in_a_cell_of_its_own(rows):
    """On a phone the result goes on its own line under its calculation (site.css lays out
    ``math.xor-steps``), which needs it in a third cell of its row: at the end of the calculation
    ("y = 10·0.0067 + … ≈ −4.933") a phone's scroll box cut it at "≈ −4"."""
    ordered = list(rows.values())
    blocks = re.findall(r"<math\b[^>]*>.*?</math>", steps_markdown(ordered), re.S)
    assert len(blocks) == len(ordered) == 4
    for block, r in zip(blocks, ordered, strict=True):
        assert block.startswith(f'<math class="{STEPS_CLASS}" display="block">'), block[:60]
        steps = re.findall(r"<mtr>(.*?)</mtr>", block)
        cells = [re.findall(r"<mtd\b([^>]*)>(.*?)</mtd>", step) for step in steps]
        assert [len(row) for row in cells] == [3] * 6, f"({r.x1}, {r.x2}): three cells a step"
        calculations = [_math_text(row[1][1]) for row in cells]
        # The calculation holds one relation, its own "=" (or "≈"); the result is not at its end.
        assert [c.count("=") + c.count("≈") for c in calculations] == [1] * 6, calculations
        # The result: its relation, then the number (or, last, the prediction).
        results = [_math_text(row[2][1]) for row in cells]
        assert [c[0] for c in results] == ["=", "=", "≈", "≈", "≈", "⇒"], results
        assert results[4] == f"≈{minus(format_number(r.y))}", results
        # Read from its sign on, like the calculation beside it.
        assert {row[2][0] for row in cells} == {' columnalign="left"'}
