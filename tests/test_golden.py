"""Each fixture's model equals its golden JSON (fixtures/<name>.json).

A failure here means the model changed. If the change is intended, regenerate with
``python tests/golden.py`` and read the diff before committing."""

from __future__ import annotations

import json

import pytest

from golden import fixtures, golden_path, model_json


@pytest.mark.parametrize("lic", fixtures(), ids=lambda p: p.name)
def test_model_matches_golden(lic):
    golden = golden_path(lic)
    assert golden.exists(), f"no golden file for {lic.name}: run python tests/golden.py"
    assert json.loads(model_json(lic)) == json.loads(golden.read_text(encoding="utf-8"))


def test_golden_files_are_deterministic():
    lic = fixtures()[0]
    assert model_json(lic) == model_json(lic)
