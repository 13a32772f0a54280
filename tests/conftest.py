from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # tests/golden.py


@pytest.fixture
def fixtures_dir() -> Path:
    return ROOT / "fixtures"
