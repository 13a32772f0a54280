from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # tests/golden.py, tests/big_inputs.py, tests/entry.py

#: git identity and settings for the scratch repositories tests make (never the user's)
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@x", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}


@pytest.fixture
def fixtures_dir() -> Path:
    return ROOT / "fixtures"


def shared_dir(tmp_path_factory) -> Path:
    """A directory of this test run that every pytest-xdist worker shares (the run's base
    temporary directory when there are no workers): what an expensive session fixture makes
    there, under :func:`made_once`, is made once for the whole run."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(tmp_path_factory, name: str, make) -> Path:
    """``shared_dir()/name``, made by ``make(path)`` by the first worker that asks for it; the
    others wait for it (a file lock) and reuse it."""
    from filelock import FileLock      # pre-commit's virtualenv requires it; so does tox

    path = shared_dir(tmp_path_factory) / name
    with FileLock(str(path) + ".lock"):
        done = path.with_name(name + ".done")
        if not done.exists():
            if path.exists():
                shutil.rmtree(path)     # a worker that failed half-way
            path.mkdir()
            make(path)
            done.touch()
    return path


def _snapshot(path: Path) -> None:
    """A git repository of one commit holding the working tree of this checkout as it is:
    committed, changed and new (not ignored) files alike."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode("utf-8").split("\0")
    # a virtual environment someone made inside the checkout is no part of it
    venvs = tuple(rel[:-len("pyvenv.cfg")] for rel in listed if rel.endswith("/pyvenv.cfg"))
    for rel in listed:
        src = ROOT / rel
        # (a deleted file is still in the index)
        if rel and src.is_file() and not (venvs and rel.startswith(venvs)):
            dst = path / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    env = dict(os.environ, **GIT_ENV)
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        subprocess.run(["git", *cmd], cwd=path, env=env, check=True)


@pytest.fixture(scope="session")
def lictool_repo(tmp_path_factory):
    """(path, commit) of a git repository holding this checkout's working tree, made once per
    test run: what a pre-commit configuration names as ``repo:`` and ``rev:``. The same path
    and commit in every worker let them share one pre-commit environment (``precommit_home``)."""
    path = made_once(tmp_path_factory, "lictool-repo", _snapshot)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=path, capture_output=True, text=True,
                         check=True, env=dict(os.environ, **GIT_ENV)).stdout.strip()
    return path, rev


@pytest.fixture(scope="session")
def precommit_home(tmp_path_factory) -> Path:
    """One ``PRE_COMMIT_HOME`` for the whole run: pre-commit builds a hook's environment once
    per repository and commit, and locks its store while it does, so workers share it."""
    return made_once(tmp_path_factory, "pre-commit-home", lambda path: None)
