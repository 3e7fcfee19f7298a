"""The CI and Pages workflows keep their safety properties: zizmor audits them, the rest is
read from the YAML files themselves, and each rule is shown to catch its regression."""

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
"""owner/repo[/path]@<40-hex commit>: a tag can be moved, a commit cannot."""
DEPLOY_PERMISSIONS = {"pages": "write", "id-token": "write"}


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow: dict) -> list[tuple[str, dict]]:
    return [(job, step) for job, spec in workflow["jobs"].items() for step in spec["steps"]]


def uses(workflow: dict, action: str) -> list[tuple[str, dict]]:
    return [(j, s) for j, s in steps(workflow) if s.get("uses", "").startswith(action + "@")]


def runs(workflow: dict, job: str) -> str:
    return "\n".join(s.get("run", "") for s in workflow["jobs"][job]["steps"])


def problems(path: Path) -> list[str]:
    """The safety rules zizmor does not hold a workflow file to, each broken one naming the file
    and the job: every job declares its permissions, only the deploy job writes (never on a pull
    request), and every action is pinned to a commit SHA (CONTRIBUTING quotes this message)."""
    name = f".github/workflows/{path.name}"
    wf = load(path)
    found: list[str] = []
    for job, spec in wf["jobs"].items():
        perms = spec.get("permissions")
        if perms is None:
            found.append(f"{name}: job {job} does not declare its permissions")
        elif perms != DEPLOY_PERMISSIONS and any(v != "read" for v in perms.values()):
            found.append(f"{name}: job {job} asks for write access: {perms}")
        elif perms == DEPLOY_PERMISSIONS and "pull_request" in wf["on"]:
            found.append(f"{name}: job {job} can deploy from a pull request")
    for job, step in steps(wf):
        action = step.get("uses")
        if action and not action.startswith("./") and not PINNED.match(action):
            found.append(f"{name}: job {job} uses {action}, not pinned to a commit SHA")
    return found


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_workflow_is_safe(path):
    found = problems(path)
    assert not found, "\n".join(found)


def _replace(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


SECRET = "      - run: .ci/run\n        env:\n          T: ${{ secrets.T }}\n"
REGRESSIONS = {  # name: (an edit of ci.yml, what problems() or zizmor's audits then say)
    "pull_request_target": (_replace("  pull_request:\n", "  pull_request_target:\n"),
                            "dangerous-triggers"),
    "write": (_replace("contents: read", "contents: write"), "asks for write"),
    "tag": (lambda t: re.sub(r"checkout@[0-9a-f]{40}", "checkout@v4", t, count=1), "not pinned"),
    "credentials": (_replace("persist-credentials: false", "persist-credentials: true"),
                    "artipacked"),
    "top-level": (_replace("permissions: {}", "permissions: write-all"), "excessive-permissions"),
    "concurrency": (lambda t: re.sub(r"\nconcurrency:\n(  .*\n)+", "\n", t),
                    "concurrency-limits"),
    "secrets": (_replace("      - run: .ci/run\n", SECRET), "secrets-outside-env"),
    "undeclared": (_replace("    permissions:\n      contents: read\n", ""), "does not declare"),
    "image tag": (lambda t: re.sub(r"(image: [^@\n]+)@sha256:\w+", r"\1", t), "unpinned-images"),
}  # fmt: skip


@pytest.mark.parametrize(("edit", "message"), REGRESSIONS.values(), ids=REGRESSIONS.keys())
def test_each_check_catches_its_regression(tmp_path, edit, message):
    broken = tmp_path / ".github" / "workflows" / "ci.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(edit((WORKFLOWS / "ci.yml").read_text(encoding="utf-8")), encoding="utf-8")
    found = problems(broken) + zizmor(tmp_path / ".github").stdout.splitlines()
    assert any(message in p for p in found), found


def test_pages_deploys_main_only_and_never_cancels_a_deploy():
    wf = load(WORKFLOWS / "pages.yml")
    assert set(wf["on"]) <= {"push", "workflow_dispatch"}
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["concurrency"]["cancel-in-progress"] is False
    # Its permissions: no more than these (test_workflow_is_safe); with fewer it cannot deploy.
    deploy = wf["jobs"]["deploy"]
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["environment"]["name"] == "github-pages"
    assert "make site" in runs(wf, "build")


def test_ci_tests_pull_requests_and_uploads_the_site_for_review_built_twice():
    wf = load(WORKFLOWS / "ci.yml")
    assert "pull_request" in wf["on"]
    assert ".ci/run" in runs(wf, "test")  # .ci/run installs the browser, then runs make test
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    [(job, upload)] = uses(wf, "actions/upload-artifact")
    assert job == "test" and upload["with"]["path"].rstrip("/") == "site"
    assert "pull_request" in upload["if"]
    assert any(s.get("run") == "make site" and s.get("if") == upload["if"]
               for _, s in steps(wf))  # fmt: skip
    # ... and builds it with ProperDocs too, to diff the two (ARCHITECTURE: when Material stops).
    for command in ("make properdocs", "diff -r", "site site-properdocs"):
        assert command in runs(wf, "properdocs"), command
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"properdocs build --strict -f mkdocs\.yml", makefile)


def test_the_cpu_wheel_comes_alone_and_by_its_hash():
    # That a job takes it first: make's install fails without it (the pin has only its hash).
    script = (ROOT / ".ci" / "cpu-torch").read_text(encoding="utf-8")
    assert "--no-deps" in script  # only torch from that index, everything else from PyPI
    assert "--require-hashes" in script


def test_generated_assets_share_one_cache_key_built_from_their_sources():
    keys = {(name, job): step["with"]["key"] for name in ("ci.yml", "pages.yml")
            for job, step in uses(load(WORKFLOWS / name), "actions/cache")
            if step["with"]["path"] == "docs/generated"}  # fmt: skip
    assert {job for _, job in keys} == {"test", "properdocs", "build"}
    assert len(set(keys.values())) == 1, keys
    key = next(iter(keys.values()))
    for source in ("'src/**'", "'scripts/**'", "'docs/**'", "'requirements.txt'", "'mkdocs.yml'"):
        assert source in key
    assert "'!docs/generated/**'" in key  # the cache must not key on itself


def test_dependabot_keeps_every_pin_current_after_a_cooldown():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) >= {"github-actions", "pip", "npm"}
    for ecosystem, update in updates.items():
        assert update.get("cooldown", {}).get("default-days", 0) >= 7, ecosystem
    # PyPI's torch is the CUDA build; requirements.txt admits only the CPU wheel's hash.
    assert {"dependency-name": "torch"} in updates["pip"]["ignore"]


ZIZMOR = Path(sys.executable).with_name("zizmor")


def zizmor(*inputs: Path) -> subprocess.CompletedProcess[str]:
    """zizmor at its most suspicious persona, offline: the online audits would reach GitHub."""
    assert ZIZMOR.exists(), "zizmor is missing from .venv: make .venv/.ready installs it"
    command = [str(ZIZMOR), "--offline", "--persona", "auditor", "--no-progress",
               "--color", "never", "--format", "plain", *map(str, inputs)]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_zizmor_finds_nothing_in_the_workflows_dependabot_or_pre_commit():
    result = zizmor(ROOT / ".github", ROOT / ".pre-commit-config.yaml")
    audited = result.stderr.replace(str(ROOT) + "/", "")
    for name in (".github/workflows/ci.yml", ".github/workflows/pages.yml",
                 ".github/dependabot.yml", ".pre-commit-config.yaml"):  # fmt: skip
        assert f"completed {name}" in audited, audited
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-properdocs.txt"])
def test_every_python_pin_installs_only_with_its_hash(name):
    # With --require-hashes pip itself refuses a pin without == or without a hash.
    installs = [ln for ln in (ROOT / "Makefile").read_text(encoding="utf-8")
                .replace("\\\n", " ").splitlines() if f"-r {name}" in ln]  # fmt: skip
    assert installs and all("--require-hashes" in ln for ln in installs), installs
    # torch: one file, the CPU wheel's (PyPI's is the CUDA one).
    pins = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    torch = [ln.count("--hash=sha256:") for ln in pins if ln.startswith("torch==")]
    assert torch == ([1] if name == "requirements.txt" else []), torch
