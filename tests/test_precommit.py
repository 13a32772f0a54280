"""The pre-commit hooks (.pre-commit-hooks.yaml), run by the real pre-commit framework on scratch
repositories, as a user runs them: a ``.pre-commit-config.yaml`` naming this repository and a
commit (a snapshot of the working tree: conftest.py, ``lictool_repo``), then ``pre-commit run``.

pre-commit builds the hooks' environment (a virtual environment with lictool installed in it)
once per repository and commit; ``PRE_COMMIT_HOME`` is shared by the whole test run (conftest.py,
``precommit_home``), so it is built once however many tests and workers run the hooks. (Not
``pre-commit try-repo``: it builds the environment again in a new store on every call.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GIT_ENV

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit") or shutil.which("pre-commit", path=os.path.dirname(sys.executable))

pytestmark = pytest.mark.skipif(PRE_COMMIT is None or not (ROOT / ".git").exists(),
                                reason="needs pre-commit and a git checkout of lictool")

BROKEN = ("SERVER lic01 0019B9A0B0C0 7260\nVENDOR genesys.d\n"
          "FEATURE tserver_sdn genesys.d 8.x permanent 5 SIGN=\"1A2B 3C4D\"\n")
UNFORMATTED = ("SERVER lic01 0019B9A0B0C0 7260\nvendor genesys.d\n"
               "FEATURE  tserver_sdn genesys.d 8.1 permanent 5   SIGN=\"1A2B 3C4D\"\n")
CLIENT = "SERVER lic01 ANY 27000\nUSE_SERVER\n"


@pytest.fixture(scope="module")
def env(precommit_home):
    e = dict(os.environ, PRE_COMMIT_HOME=str(precommit_home), **GIT_ENV)
    e.pop("LICTOOL_TEST_INSTALLED", None)
    return e


def scratch_repo(tmp_path: Path, env, lictool_repo, hook: str, files) -> Path:
    """A git repository holding ``files`` and a pre-commit configuration running ``hook``."""
    path, rev = lictool_repo
    repo = tmp_path / "licenses"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {path}\n  rev: {rev}\n  hooks:\n  - id: {hook}\n", encoding="utf-8")
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    return repo


def run_hook(repo: Path, hook: str, env):
    return subprocess.run([PRE_COMMIT, "run", hook, "--all-files", "--color", "never"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_lint_hook_fails_on_a_broken_license_and_modifies_nothing(tmp_path, env, lictool_repo):
    # the hook reads .lic and .dat files (files: in .pre-commit-hooks.yaml) and nothing else:
    # notes.txt holds the same broken line, but it is no license file
    files = {"site.lic": BROKEN, "backup.dat": BROKEN, "client.lic": CLIENT, "notes.txt": BROKEN}
    repo = scratch_repo(tmp_path, env, lictool_repo, "lictool-lint", files)
    res = run_hook(repo, "lictool-lint", env)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    for name in ("site.lic", "backup.dat"):
        assert f"{name}:3:" in out, out
    assert "(syntax-error)" in out and "expected a version" in out
    assert "client.lic" not in out and "notes.txt" not in out, out      # clean; not linted
    for name, text in files.items():
        assert (repo / name).read_text(encoding="utf-8") == text, name


def test_fmt_hook_rewrites_and_fails_then_passes(tmp_path, env, lictool_repo):
    files = {"site.lic": UNFORMATTED, "backup.dat": UNFORMATTED, "client.lic": CLIENT,
             "notes.txt": UNFORMATTED}
    repo = scratch_repo(tmp_path, env, lictool_repo, "lictool-fmt", files)
    first = run_hook(repo, "lictool-fmt", env)
    assert first.returncode == 1, first.stdout + first.stderr
    text = (repo / "site.lic").read_text(encoding="utf-8")
    assert "VENDOR genesys.d\n" in text and "FEATURE tserver_sdn genesys.d 8.1 permanent 5 SIGN=" in text
    assert (repo / "backup.dat").read_text(encoding="utf-8") == text
    for name in ("client.lic", "notes.txt"):          # already formatted; no license file
        assert (repo / name).read_text(encoding="utf-8") == files[name], name
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    second = run_hook(repo, "lictool-fmt", env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert (repo / "site.lic").read_text(encoding="utf-8") == text
