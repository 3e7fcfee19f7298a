"""Run a page's code file (``docs/code/<page>.py``) section by section, as a reader would: its
named sections (``# --8<-- [start:name]`` ... ``[end:name]``; a notebook's code cells, named by
id) run in one ``__main__`` namespace with the file's line numbers, in the site's style applied
from outside. What a section prints is shown under it; the figure it shows is named after it.
The build runs files in a subprocess with a time limit (``run_isolated``)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import re
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from activation_tutorial.figures.style import Layout, Palette

_MARKER = re.compile(r"^# --8<-- \[(start|end):([\w-]+)\]\s*$")
# A figure is named after the section drawing it: its folder, and its file in a link
FOLDER = "generated/figures/"
FIGURE_FILE = r"(?P<figure>[\w-]+)(?P<narrow>\.narrow)?\.(?P<palette>light|dark)\.svg"
# CPU seconds a file may run, all palettes and layouts: CPU time, because a loaded machine (two
# builds at once, the tests beside a background build) stretches wall time, not work
TIME_LIMIT = 120.0
# A file that waits (on a sleep, on input) uses no CPU: the wall clock stops it at this multiple
WAITING_FACTOR = 5


class PageCodeError(RuntimeError):
    """A code file failed or broke its contract; the message starts with ``file:line``."""

    assets: tuple[str, ...] = ()  # made from the failed code: the build removes them


@dataclass(frozen=True)
class Section:
    name: str
    line: int  # the section's first line of code
    source: str


def sections(text: str, path: str) -> list[Section]:
    """The sections of a code file in order. Code outside a section (readers would run it
    but no page would show it), unclosed, nested or repeated sections are errors."""
    found: list[Section] = []
    current: tuple[str, int, list[str]] | None = None
    for n, line in enumerate(text.splitlines(), start=1):
        m = _MARKER.match(line)
        if m and m[1] == "start":
            if current is not None:
                raise PageCodeError(f"{path}:{n}: section {m[2]!r} starts inside {current[0]!r}")
            if any(s.name == m[2] for s in found):
                raise PageCodeError(f"{path}:{n}: section {m[2]!r} is defined twice")
            current = (m[2], n + 1, [])
        elif m:
            if current is None or current[0] != m[2]:
                raise PageCodeError(f"{path}:{n}: end of {m[2]!r}, which is not open")
            source = "".join(current[2]).rstrip("\n") + "\n"  # as the page shows it
            found.append(Section(current[0], current[1], source))
            current = None
        elif current is not None:
            current[2].append(line + "\n")
        elif line.strip() and not line.lstrip().startswith("#"):
            raise PageCodeError(f"{path}:{n}: code outside a section: no page shows it")
    if current is not None:
        raise PageCodeError(f"{path}:{current[1] - 1}: section {current[0]!r} is never closed")
    return found


def _pages(docs: Path) -> Iterator[tuple[str, str]]:
    """Every page (``docs/x.md``) and its text; the generated includes are no pages."""
    for page in sorted(docs.rglob("*.md")):
        if page.relative_to(docs).parts[0] != "generated":
            yield f"docs/{page.relative_to(docs).as_posix()}", page.read_text(encoding="utf-8")


def pages_showing(code: str, docs: Path) -> list[str]:
    """The pages (``docs/x.md``, ``docs/x.en.md``) that include ``code`` (``code/x.py``)."""
    return sorted(page for page, text in _pages(docs) if f'"{code}:' in text)


def include_problem(text: str, page: str, docs: Path) -> str | None:
    """The first include in a page's ``text`` of a code file or section that does not exist, as
    ``docs/x.md:LINE: ...`` (snippets' own error names neither the line nor the file)."""
    # Imported here: what the runner imports keys the page code's figures (assets._RUNNER_FILES)
    from activation_tutorial.translation import INCLUDE

    for n, line in enumerate(text.splitlines(), start=1):
        for code, _, name in (included.partition(":") for included in INCLUDE.findall(line)):
            if not code.startswith("code/"):
                continue
            file = docs / code
            if not file.is_file():
                return f"{page}:{n}: no code file docs/{code}"
            names = [s.name for s in sections(file.read_text(encoding="utf-8"), f"docs/{code}")]
            if name not in names:
                listed = ", ".join(names)
                return f"{page}:{n}: docs/{code} has no section {name!r}; its sections: {listed}"
    return None


def shown_figures(docs: Path) -> set[str]:
    """The figures the pages show (``generated/figures/<name>.light.svg``), by name."""
    links = re.compile(FOLDER + FIGURE_FILE)
    return {m["figure"] for _, text in _pages(docs) for m in links.finditer(text)}


def prints(section: Section) -> bool:
    """A section of a page's code file has an output block when it calls print()."""
    return "print(" in section.source


def _where(path: str, line: int, shown_on: Sequence[str]) -> str:
    return f"{path}:{line}" + (f" (shown on {', '.join(shown_on)})" if shown_on else "")


@dataclass(frozen=True)
class Result:
    name: str
    stdout: str
    figure: Figure | None


def run(
    found: Sequence[Section],
    path: str,
    palette: Palette,
    layout: Layout = "wide",
    shown_on: Sequence[str] = (),
    figures: Collection[str] = (),
) -> list[Result]:
    """Run the sections of ``path`` in one namespace, in ``palette`` and ``layout``. A section
    named in ``figures`` must show exactly one figure, any other none; a section of a code file
    must print exactly when it calls ``print()`` (``prints``)."""
    from unittest import mock

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from activation_tutorial.figures.style import themed

    shown: list[Figure] = []

    def show(*_args: object, **_kwargs: object) -> None:
        shown.extend(plt.figure(n) for n in plt.get_fignums())

    namespace: dict[str, object] = {"__name__": "__main__", "__file__": path}
    results: list[Result] = []
    with themed(palette, layout), mock.patch.object(plt, "show", show):
        for section in found:
            shown.clear()
            code = compile("\n" * (section.line - 1) + section.source, path, "exec")
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out):
                    exec(code, namespace)
            except (Exception, SystemExit) as exc:
                lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__)
                         if f.filename == path]  # fmt: skip
                where = _where(path, lines[-1] if lines else section.line, shown_on)
                raise PageCodeError(f"{where}: {type(exc).__name__}: {exc}") from exc
            expected = 1 if section.name in figures else 0
            if len(shown) != expected:
                what = "a page shows its figure" if expected else "no page shows its figure"
                raise PageCodeError(
                    f"{_where(path, section.line, shown_on)}: section {section.name!r} "
                    f"must show {expected} figure(s) with plt.show() ({what}); "
                    f"it showed {len(shown)}"
                )
            # Output blocks are planned from print(): a notebook shows its own outputs.
            printed = out.getvalue()
            if path.endswith(".py") and prints(section) != bool(printed):
                raise PageCodeError(f"{path}:{section.line}: section {section.name!r} " + (
                    "prints without calling print(); print what the page should show under it"
                    if printed else "calls print() but prints nothing"))  # fmt: skip
            results.append(Result(section.name, printed, shown[0] if shown else None))
            plt.close("all")  # each section starts on a clean slate; kept figures still draw
    return results


def figure_path(name: str, palette: str, layout: str = "wide") -> str:
    """``figures/a.light.svg``, ``figures/a.narrow.dark.svg`` (under ``docs/generated``)."""
    return f"figures/{name}{'.narrow' if layout == 'narrow' else ''}.{palette}.svg"


def output_path(code: str, section: str) -> str:
    """``code/functions/relu.py``, ``gradient`` -> ``output/functions/relu/gradient.txt``."""
    return f"output/{code.removeprefix('code/').removesuffix('.py')}/{section}.txt"


def notebook_sections(file: Path) -> tuple[list[Section], set[str]]:
    """A notebook's code cells as sections named by their ids, and the figures they draw."""
    from activation_tutorial.notebook.walkthrough import figure_cells

    cells = json.loads(file.read_text(encoding="utf-8"))["cells"]
    found = [Section(c["id"], 1, "".join(c["source"]) + "\n")
             for c in cells if c["cell_type"] == "code"]  # fmt: skip
    return found, {c["id"] for c in figure_cells(cells)}


def _prepared(file: Path, root: Path) -> tuple[list[Section], str, list[str], set[str]]:
    """A code file's sections, its repo path, the pages showing it and the figures it draws."""
    path = file.resolve().relative_to(root.resolve()).as_posix()
    if file.suffix == ".ipynb":
        found, figures = notebook_sections(file)
        return found, path, [], figures
    found = sections(file.read_text(encoding="utf-8"), path)
    figures = shown_figures(root / "docs") & {s.name for s in found}
    return found, path, pages_showing(path.removeprefix("docs/"), root / "docs"), figures


def run_file(file: Path, root: Path, palette: Palette, layout: Layout = "wide") -> list[Result]:
    """``run`` for one code file of the project at ``root``, as the build runs it."""
    found, path, shown_on, figures = _prepared(file, root)
    return run(found, path, palette, layout, shown_on, figures)


def made_by(file: Path, root: Path, narrow: Iterable[str] = ()) -> dict[str, bytes]:
    """Run ``file`` in every palette (and the narrow layout when it draws a figure named in
    ``narrow``): its figures and what its sections print, by their paths under docs/generated."""
    from activation_tutorial.figures.style import PALETTES, svg_bytes

    found, path, shown_on, figures = _prepared(file, root)  # once: every run reuses them
    code = path.removeprefix("docs/") if file.suffix == ".py" else ""
    narrow = set(narrow) & figures
    written: dict[str, bytes] = {}
    for layout in ("wide", "narrow") if narrow else ("wide",):
        for palette in PALETTES if figures else PALETTES[:1]:  # one run gives the outputs
            for result in run(found, path, palette, layout, shown_on, figures):
                if result.figure is not None and (layout == "wide" or result.name in narrow):
                    svg = svg_bytes(result.figure)
                    written[figure_path(result.name, palette.name, layout)] = svg
                if code and result.stdout:  # the first run's
                    written.setdefault(output_path(code, result.name), result.stdout.encode())
    return written


def run_isolated(
    files: Sequence[Path], root: Path, narrow: Iterable[str] = (), time_limit: float = TIME_LIMIT
) -> dict[str, bytes]:
    """``made_by`` of ``files`` in a subprocess, in a scratch directory; ``time_limit`` per file."""
    with tempfile.TemporaryDirectory(prefix="page-code-") as scratch:
        made = Path(scratch, "made.pickle")  # written by the child last: an exit before it fails
        job = {"files": list(map(str, files)), "root": str(root.resolve()), "made": str(made),
               "narrow": list(narrow), "time_limit": time_limit, "parent": os.getpid()}  # fmt: skip
        cmd = [sys.executable, "-m", "activation_tutorial.page_code", json.dumps(job)]
        wall = time_limit * WAITING_FACTOR * len(files) + 30
        try:  # the child stops a hung file itself (and names its line); this is the backstop
            done = subprocess.run(cmd, cwd=scratch, capture_output=True, text=True, timeout=wall)
        except subprocess.TimeoutExpired as exc:
            raise PageCodeError(f"page code of {', '.join(map(str, files))} timed out") from exc
        if done.returncode != 0 or not made.is_file():  # none: os._exit() in the code
            raise PageCodeError(_failure(done.stderr, root))
        return pickle.loads(made.read_bytes())


CPU_TIMEOUT = "Timeout: the CPU time limit"  # faulthandler's own header starts "Timeout ("
_HUNG_FRAME = re.compile(r'File "(docs/code/[^"]+)", line (\d+)')


def _failure(stderr: str, root: Path) -> str:
    """The child's one-line error; for a hung file, the page code's innermost line in the dump."""
    lines = stderr.strip().splitlines()
    errors = [line.removeprefix("error: ") for line in lines if line.startswith("error: ")]
    if errors:
        return errors[-1]
    if "Timeout" in stderr and (frame := _HUNG_FRAME.search(stderr)):
        path, line = frame[1], int(frame[2])
        where = _where(path, line, pages_showing(path.removeprefix("docs/"), root / "docs"))
        if CPU_TIMEOUT in stderr:
            return f"{where}: still running after the CPU time limit"
        return f"{where}: still waiting (a sleep? input?) after the time limit"
    return "page code failed: " + (lines[-1] if lines else "no message")


def die_with_parent(parent: int) -> None:
    """A child's first step: the kernel kills it when its parent (pid read before the child
    started) dies, SIGKILL included (Linux)."""
    import ctypes

    with contextlib.suppress(AttributeError):  # no prctl on macOS: the build's exit ends children
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _stop_hung_file(_signum: int, _frame: object) -> None:
    """At the CPU time limit: the same dump as faulthandler's wall-clock one, then exit."""
    import faulthandler

    print(CPU_TIMEOUT, file=sys.stderr, flush=True)
    faulthandler.dump_traceback(all_threads=False)
    os._exit(1)


def main(job: str) -> int:
    """The child of ``run_isolated``: ``job`` as it wrote it, in JSON."""
    import faulthandler

    args = json.loads(job)
    die_with_parent(args["parent"])  # end with the build
    made: dict[str, bytes] = {}
    # The runner's libraries are imported before the clock starts: not the file's time
    import matplotlib.pyplot  # noqa: F401

    import activation_tutorial.figures.style  # noqa: F401

    signal.signal(signal.SIGPROF, _stop_hung_file)
    for file in args["files"]:
        # A hang dumps the stack (which names the page code's line) and exits.
        signal.setitimer(signal.ITIMER_PROF, args["time_limit"])
        faulthandler.dump_traceback_later(args["time_limit"] * WAITING_FACTOR, exit=True)
        try:
            made |= made_by(Path(file).resolve(), Path(args["root"]), args["narrow"])
        except PageCodeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            faulthandler.cancel_dump_traceback_later()
    Path(args["made"]).write_bytes(pickle.dumps(made))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
