"""The pre-commit hooks, run by the real pre-commit framework on a scratch repository.

Slow (pre-commit builds a virtual environment with lictool in it, once per session)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit") or shutil.which("pre-commit", path=os.path.dirname(sys.executable))

pytestmark = pytest.mark.skipif(PRE_COMMIT is None or not (ROOT / ".git").exists(),
                                reason="needs pre-commit and a git checkout of lictool")

BROKEN = ("SERVER lic01 0019B9A0B0C0 7260\nVENDOR genesys.d\n"
          "FEATURE tserver_sdn genesys.d 8.x permanent 5 SIGN=\"1A2B 3C4D\"\n")
UNFORMATTED = ("SERVER lic01 0019B9A0B0C0 7260\nvendor genesys.d\n"
               "FEATURE  tserver_sdn genesys.d 8.1 permanent 5   SIGN=\"1A2B 3C4D\"\n")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    e = dict(os.environ, PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@x",
             GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@x")
    e.pop("LICTOOL_TEST_INSTALLED", None)
    return e


def scratch_repo(tmp_path: Path, env, files) -> Path:
    repo = tmp_path / "licenses"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    for name, text in files.items():
        (repo / name).write_text(text)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    return repo


def try_repo(repo: Path, hook: str, env):
    return subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_lint_hook_fails_on_a_broken_license_and_modifies_nothing(tmp_path, env):
    repo = scratch_repo(tmp_path, env, {"site.lic": BROKEN, "notes.txt": "8.x is wrong\n"})
    res = try_repo(repo, "lictool-lint", env)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "site.lic:3:" in out and "(syntax-error)" in out and "expected a version" in out
    assert "notes.txt" not in out.split("lictool lint")[-1]
    assert (repo / "site.lic").read_text() == BROKEN


def test_fmt_hook_rewrites_and_fails_then_passes(tmp_path, env):
    repo = scratch_repo(tmp_path, env, {"site.lic": UNFORMATTED})
    first = try_repo(repo, "lictool-fmt", env)
    assert first.returncode == 1, first.stdout + first.stderr
    text = (repo / "site.lic").read_text()
    assert "VENDOR genesys.d\n" in text and "FEATURE tserver_sdn genesys.d 8.1 permanent 5 SIGN=" in text
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    second = try_repo(repo, "lictool-fmt", env)
    assert second.returncode == 0, second.stdout + second.stderr
