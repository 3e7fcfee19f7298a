"""Repository hygiene: .editorconfig's rules hold, pre-commit runs what CI runs, templates exist."""

import configparser
import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".git", "site", "site-properdocs", "node_modules", "__pycache__",
             ".ruff_cache", ".pytest_cache", ".cache", "generated"}  # fmt: skip
TEXT = {".py", ".md", ".yml", ".yaml", ".toml", ".txt", ".css", ".js", ".json", ".html", ".cfg"}
BARE = {"Makefile", "run", "cpu-torch"}  # text files with a bare name: no suffix, no dot


def our_text_files(root: Path = ROOT) -> list[Path]:
    """Text files we write: no venvs, builds, caches or generated output."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith(".venv")
                         and not d.endswith(".egg-info"))  # fmt: skip
        for name in sorted(files):
            if name != ".git" and (Path(name).suffix in TEXT or name[0] == "." or name in BARE):
                found.append(Path(folder) / name)
    return found


def editorconfig_problems(path: Path, root: Path = ROOT) -> list[str]:
    """What in one file breaks .editorconfig: encoding, line ends, final newline, whitespace."""
    rel = path.relative_to(root).as_posix()
    data = path.read_bytes()
    if not data:
        return []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"{rel}: not UTF-8 ({exc.reason} at byte {exc.start})"]
    found = []
    if "\r" in text:
        found.append(f"{rel}: CR line endings (LF only)")
    if not text.endswith("\n"):
        found.append(f"{rel}: no newline at the end")
    lines = list(enumerate(text.split("\n"), 1))
    found += [f"{rel}:{n}: trailing whitespace" for n, ln in lines if ln != ln.rstrip(" \t")][:1]
    if path.name != "Makefile":
        found += [f"{rel}:{n}: indented with a tab (spaces only)"
                  for n, ln in lines if ln.startswith("\t")][:1]  # fmt: skip
    return found


def test_our_files_follow_editorconfig_as_it_says():
    config = configparser.ConfigParser()
    config.read_string("[root]\n" + (ROOT / ".editorconfig").read_text(encoding="utf-8"))
    every = config["*"]
    assert config["root"]["root"] == "true"
    assert (every["charset"], every["end_of_line"]) == ("utf-8", "lf")
    assert every["insert_final_newline"] == every["trim_trailing_whitespace"] == "true"
    assert every["indent_style"] == "space" and config["Makefile"]["indent_style"] == "tab"
    files = our_text_files()
    assert any(p.name == "Makefile" for p in files) and any(p.suffix == ".md" for p in files)
    problems = [msg for path in files for msg in editorconfig_problems(path)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"x = 1  \n", "a.py:1: trailing whitespace"),
        (b"x = 1\r\n", "a.py: CR line endings"),
        (b"x = 1", "a.py: no newline at the end"),
        (b"if x:\n\ty = 1\n", "a.py:2: indented with a tab"),
        ("x = 'é'\n".encode("latin-1"), "a.py: not UTF-8"),
    ],
)
def test_each_rule_is_caught(tmp_path, content, message):
    (tmp_path / "a.py").write_bytes(content)
    assert any(message in p for p in editorconfig_problems(tmp_path / "a.py", tmp_path))


def test_pre_commit_runs_what_make_test_runs_and_downloads_nothing():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"]  # a remote repo is a download
    entries = [h["entry"] for r in config["repos"] for h in r["hooks"]]
    assert "make lint" in entries
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test: .*\blint\b", makefile, re.M), "make test must run make lint"
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert lint and "ruff check" in lint[1] and "ruff format --check" in lint[1]
    hygiene = next(e for e in entries if "pytest" in e)
    assert "tests/test_hygiene.py" in hygiene and "tests/test_workflows.py" in hygiene


def test_issue_and_pull_request_templates_exist():
    templates = ROOT / ".github" / "ISSUE_TEMPLATE"
    forms = sorted(templates.glob("*.yml"))
    assert len([f for f in forms if f.name != "config.yml"]) >= 2
    for form in forms:
        data = yaml.safe_load(form.read_text(encoding="utf-8"))
        if form.name != "config.yml":
            assert data["name"] and data["description"] and data["body"], form.name
    pr = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for item in ("make test", "translation_pending", "registry.py", "CONTRIBUTING"):
        assert item in pr
