"""The XOR network page's diagram is drawn from the network's own weights: change a weight
in the code and the picture changes with it."""

from pathlib import Path

from activation_tutorial.figures.style import LIGHT
from activation_tutorial.page_code import Section, run, sections

ROOT = Path(__file__).resolve().parent.parent
PATH = "docs/code/xor-network.py"
CHANGE = Section(
    "change",
    1,
    "with torch.no_grad():\n    net[0].weight[0, 0] = 3.0\n    net[2].bias[0] = -7.5\n",
)


def diagram_labels(*between: Section) -> set[str]:
    """The diagram's texts, drawn after the page's network is built and ``between`` has run."""
    from matplotlib.text import Text

    found = {s.name: s for s in sections((ROOT / PATH).read_text(encoding="utf-8"), PATH)}
    order = [found["pytorch_network"], *between, found["network_diagram"]]
    figure = run(order, PATH, LIGHT, figures={"network_diagram"})[-1].figure
    assert figure is not None
    return {t.get_text() for t in figure.findobj(Text)}


def test_the_diagram_shows_the_weights_and_biases_of_the_network():
    labels = diagram_labels()
    assert {
        "$w_{11} = 10$",
        "$w_{22} = -10$",
        "$w_{31} = 10$",
        "$b_1 = -5$",
        "$b_3 = -15$",
    } <= labels


def test_a_changed_weight_changes_the_diagram():
    labels = diagram_labels(CHANGE)
    assert "$w_{11} = 3$" in labels and "$w_{11} = 10$" not in labels
    assert "$b_3 = -7.5$" in labels
