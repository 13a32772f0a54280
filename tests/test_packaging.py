"""Under tox the tests run against the installed wheel: the grammar must come from inside the
package, not from the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import lictool
from lictool.syntax.vocabulary import grammar_path

INSTALLED = os.environ.get("LICTOOL_TEST_INSTALLED") == "1"
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not INSTALLED, reason="only meaningful against an installed wheel (tox)")
def test_tests_use_the_installed_package_and_its_grammar():
    pkg = Path(lictool.__file__).resolve().parent
    assert pkg != ROOT / "lictool", f"tests imported lictool from the source tree: {pkg}"
    assert "site-packages" in pkg.parts
    assert grammar_path().resolve().parent == pkg / "grammars"


@pytest.mark.skipif(not INSTALLED, reason="only meaningful against an installed wheel (tox)")
def test_subprocesses_run_from_the_checkout_use_the_installed_package_too():
    # many tests run `python -m lictool` from the checkout, where the current directory would
    # shadow the installed package (tox.ini sets PYTHONSAFEPATH)
    where = subprocess.run([sys.executable, "-c", "import lictool; print(lictool.__file__)"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    assert "site-packages" in Path(where).parts, where


def test_grammar_file_is_found_and_version_is_printed():
    assert grammar_path().name == "flexnet.toml"
    out = subprocess.run([sys.executable, "-m", "lictool", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == f"lictool {lictool.__version__}"
