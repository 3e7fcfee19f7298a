"""The pages' code (docs/code/**/*.py): it runs, as the build runs it and as plain scripts
without this repository's package; every section is on a page, every include is a section, and
what a section prints is shown under it."""

import re
import subprocess
import sys
from importlib.metadata import distribution
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import activation_tutorial.assets as assets
from activation_tutorial import page_code
from activation_tutorial.figures.style import LIGHT
from activation_tutorial.page_code import PageCodeError, include_problem, run_isolated, sections
from activation_tutorial.translation import structure

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FILES = sorted((DOCS / "code").rglob("*.py"))
PAGES = sorted(p for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] != "generated")
_ONE_INCLUDE = re.compile(r'^\((\w+)\) "([^"]+)"$')
"""A code block's structure (translation.structure) when it includes one file."""


def blocks(page: Path) -> list[tuple[str, str, int]]:
    """The fenced blocks of a page that include one file: (language, included, line), indented
    ones too (an exercise's answer sits in a collapsed ``???`` block)."""
    found = structure(page.read_text(encoding="utf-8"), str(page), "ja")
    return [(m[1], m[2], e.line) for e in found
            if e.kind == "code block" and (m := _ONE_INCLUDE.match(e.detail))]  # fmt: skip


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_output_sits_under_each_section_that_prints(site, page):
    """The build (``site``) ran every file section by section, as the runner does (a failing section
    stops it: docs/code/x.py:LINE (shown on docs/x.md, docs/x.en.md): ...), and wrote the output of
    each section that prints; the runner's contract is tested below. An include of a missing section
    stops the build (``include_problem``), of a missing output too (snippets' ``check_paths``)."""
    where = f"docs/{page.relative_to(DOCS).as_posix()}"
    found = blocks(page)
    for n, (lang, included, line) in enumerate(found):
        code, _, name = included.partition(":")
        output = f"generated/output/{code.removeprefix('code/').removesuffix('.py')}/{name}.txt"
        if lang == "python" and (DOCS / output).is_file():
            under = found[n + 1][:2] if n + 1 < len(found) else None
            assert under == ("text", output), (
                f"{where}:{line}: section {name!r} prints, but no output block is under it"
            )


def test_every_section_is_shown_and_both_languages_link_the_file():
    # Both languages show the same sections: test_translations compares each code block. That
    # the download link reaches the published file: test_quality_static's link check.
    everywhere = {b[1] for page in PAGES for b in blocks(page)}
    for file in FILES:
        code = file.relative_to(DOCS).as_posix()
        for section in sections(file.read_text(encoding="utf-8"), f"docs/{code}"):
            assert f"{code}:{section.name}" in everywhere, (
                f"docs/{code}:{section.line}: section {section.name!r} is on no page"
            )
        page = file.relative_to(DOCS / "code").with_suffix("")
        link = "../" * (len(page.parts) - 1) + code
        for path in (DOCS / f"{page}.md", DOCS / f"{page}.en.md"):
            if path.exists():  # a missing page: the build names it
                text = path.read_text(encoding="utf-8")
                shown = path.relative_to(DOCS.parent)
                assert f"]({link}){{ download }}" in text, f"{shown} does not link {link}"


_DRIVER = """
import importlib.util, runpy, sys
import matplotlib.pyplot as plt
assert importlib.util.find_spec("activation_tutorial") is None, "the package is installed"
for path in sys.argv[1:]:
    runpy.run_path(path, run_name="__main__")
    plt.close("all")
"""


def _clean_venv(where: Path) -> Path:
    """A virtual environment with torch, matplotlib, numpy and what they need, and nothing else:
    created without pip, its site-packages links exactly the files those installed distributions
    own (no install, no download), so this repository's package is not among them."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    (site,) = where.glob("lib/python*/site-packages")
    seen: set[str] = set()
    todo = ["torch", "matplotlib", "numpy"]
    while todo:  # the libraries and what they need (extras left out)
        dist = distribution(todo.pop())
        if (name := dist.metadata["Name"].lower().replace("_", "-")) in seen:
            continue
        seen.add(name)
        todo += [r.name for r in map(Requirement, dist.requires or ())
                 if r.marker is None or r.marker.evaluate({"extra": ""})]  # fmt: skip
        for top in {Path(str(f)).parts[0] for f in dist.files or ()} - {".."}:
            source = Path(str(dist.locate_file(top)))
            if source.exists() and not (site / top).exists():
                (site / top).symlink_to(source)
    return where / "bin" / "python"


def run_plainly(where: Path) -> int:
    """Every code file run in ``where`` by a Python that has only the runtime libraries: what
    ``python tests/test_page_code.py DIR SITE`` does, started by conftest.py with the session."""
    return subprocess.run(
        [str(_clean_venv(where / "venv")), "-I", "-c", _DRIVER, *map(str, FILES)],
        # One thread: the code's tensors are small, and on a loaded machine threads wait.
        cwd=where, env={"MPLBACKEND": "Agg", "HOME": str(where), "PATH": "/usr/bin:/bin",
                        "OMP_NUM_THREADS": "1"}, timeout=600,
    ).returncode  # fmt: skip


@pytest.mark.slow
@pytest.mark.waits
def test_every_file_runs_as_a_plain_script_without_the_package(background):
    job = background[Path(__file__).name]
    code = job["ended"]()
    assert code == 0, job["log"].read_text()[-4000:] + job["errors"].read_text()[-2000:]


def _project(tmp_path: Path, code: str, figures: tuple[str, ...] = ()) -> Path:
    """A throwaway project: docs/code/t.py shown on docs/t.md and docs/t.en.md."""
    (tmp_path / "docs" / "code").mkdir(parents=True)
    file = tmp_path / "docs" / "code" / "t.py"
    file.write_text(code, encoding="utf-8")
    names = [s.name for s in sections(code, "t.py")]
    page = "".join(f'```python\n--8<-- "code/t.py:{n}"\n```\n' for n in names)
    page += "".join(f"![f](generated/figures/{f}.light.svg)\n" for f in figures)
    for name in ("t.md", "t.en.md"):
        (tmp_path / "docs" / name).write_text(page, encoding="utf-8")
    return file


PLOT = """\
# --8<-- [start:setup]
import matplotlib.pyplot as plt
x = 1
# --8<-- [end:setup]

# --8<-- [start:line]
print("drawn", x)
plt.plot([0, 1], [0, 1])
plt.show()
# --8<-- [end:line]
"""


def test_the_isolated_run_writes_each_figure_and_output_and_nothing_else(tmp_path):
    file = _project(tmp_path, PLOT + in_a("open('written.txt', 'w').write('x')\n"), ("line",))
    made = run_isolated([file], tmp_path, narrow=("line",))
    assert not list(tmp_path.rglob("written.txt"))  # it runs in a scratch directory
    assert sorted(made) == [
        "figures/line.dark.svg", "figures/line.light.svg", "figures/line.narrow.dark.svg",
        "figures/line.narrow.light.svg", "output/t/line.txt",
    ]  # fmt: skip
    assert made["output/t/line.txt"] == b"drawn 1\n"
    assert made["figures/line.light.svg"] != made["figures/line.dark.svg"]


def in_a(body: str) -> str:
    return f"# --8<-- [start:a]\n{body}# --8<-- [end:a]\n"


def at(line: int | str) -> str:
    """How a failure in docs/code/t.py is named: its file and line, and the pages showing it."""
    return rf"^docs/code/t\.py:{line} \(shown on docs/t\.en\.md, docs/t\.md\): "


@pytest.mark.parametrize(("code", "figures", "message", "time_limit"), [
    (in_a("x = 1\nraise RuntimeError('boom')\n"), (), at(3) + "RuntimeError: boom", 60),
    (in_a("import sys\nsys.exit(0)\n"), (), at(3) + "SystemExit: 0", None),
    (in_a("def f():\n    return 1 / 0\n\n\nf()\n"), (), at(3) + "ZeroDivisionError", None),
    (in_a("import os\nos._exit(0)\n"), (), "page code failed", 60),  # ends the process
    pytest.param(in_a("x = 0\nwhile True:\n    x += 1\n"), (),
                 at("[34]") + "still running after the CPU time limit", 0.3,
                 marks=pytest.mark.slow),  # works out its CPU time limit, in the loop
    pytest.param(in_a("import time\ntime.sleep(60)\n"), (), at(3) + "still waiting", 0.2,
                 marks=pytest.mark.slow),  # waits out the wall-clock limit
    (PLOT.replace("plt.show()", "plt.show()\nplt.plot([1])\nplt.show()"), ("line",),
     r"docs/code/t\.py:7 .*'line' must show 1 .*showed 2", None),
    (PLOT, (), r"'line' must show 0 .*no page shows", None),
    # Outputs are planned from print(): a section printing another way would lose its block,
    # and one calling print() that prints nothing would leave an empty block.
    (in_a("import sys\nsys.stdout.write('hi\\n')\n"), (),
     r"^docs/code/t\.py:2: section 'a' prints without ", None),
    (in_a("x = 1\nif not x:\n    print(x)\n"), (),
     r"^docs/code/t\.py:2: section 'a' calls print\(\) but ", None),
], ids=["raises", "exits", "raises-in-a-function", "ends-the-process", "hangs", "waits",
        "shows-two", "shows-an-unlisted-figure", "prints-without-print",
        "print-prints-nothing"])  # fmt: skip
def test_a_section_that_fails_hangs_prints_or_shows_wrongly_is_named_by_file_and_line(
    tmp_path, code, figures, message, time_limit
):
    file = _project(tmp_path, code, figures)
    with pytest.raises(PageCodeError, match=message):
        if time_limit:  # through the runner's process: its error line, its end, a hang, a wait
            run_isolated([file], tmp_path, time_limit=time_limit)
        else:  # the message alone, made where the build makes it
            page_code.run_file(file, tmp_path, LIGHT)


@pytest.mark.parametrize(("text", "message"), [
    ("x = 1\n", "t.py:1: code outside a section"),
    ("# --8<-- [start:a]\n", "t.py:1: section 'a' is never closed"),
    ("# --8<-- [start:a]\n# --8<-- [start:b]\n", "t.py:2: section 'b' starts inside 'a'"),
    ("# --8<-- [end:a]\n", "t.py:1: end of 'a', which is not open"),
    ("# --8<-- [start:a]\n# --8<-- [end:a]\n" * 2, "t.py:3: section 'a' is defined twice"),
])  # fmt: skip
def test_sections_are_well_formed(text, message):
    with pytest.raises(PageCodeError, match=re.escape(message)):
        sections(text, "t.py")


def test_an_include_of_a_missing_file_or_section_is_named_by_page_and_line(tmp_path):
    docs = _project(tmp_path, PLOT).parents[1]
    page = (docs / "t.md").read_text(encoding="utf-8")
    assert include_problem(page, "docs/t.md", docs) is None
    # Indented, as an exercise's answer in a collapsed block
    typo = page.replace('--8<-- "code/t.py:line"', '    --8<-- "code/t.py:lines"')
    assert include_problem(typo, "docs/t.md", docs) == (
        "docs/t.md:5: docs/code/t.py has no section 'lines'; its sections: setup, line"
    )
    missing = page.replace("code/t.py:setup", "code/u.py:setup")
    assert include_problem(missing, "docs/t.md", docs) == "docs/t.md:2: no code file docs/code/u.py"


def test_a_failing_file_is_named_and_leaves_nothing_stale_behind(tmp_path):
    """The build removes what a failing file made before (a warm build fails as a clean one)."""
    file = _project(tmp_path, PLOT, figures=("line",))
    listed = [a.path for a in assets.snippet_figure_assets(tmp_path / "docs", tmp_path)]
    assert listed == ["figures/line.light.svg", "figures/line.dark.svg", "output/t/line.txt"]
    file.write_text(PLOT.replace("x = 1", "x = 1 / 0"), encoding="utf-8")
    with pytest.raises(PageCodeError) as caught:
        assets._run_page_code((str(file),))
    assert set(caught.value.assets) == set(listed)


if __name__ == "__main__":
    sys.exit(run_plainly(Path(sys.argv[1])))
