"""The committed golden files (tests/golden.py lists them: fixtures/*.json and
fixtures/deployments/*/{require,check}.json) are, byte for byte, what the code produces now.

A failure here means a behaviour changed: the model of a fixture, or what `lictool require` or
`lictool check` says about a bundled deployment. If the change is intended, regenerate with
``python tests/golden.py`` and read ``git diff fixtures/`` before committing."""

from __future__ import annotations

import difflib

import pytest

from golden import DEPLOYMENTS, FIXTURES, ROOT, golden_files

GOLDEN = list(golden_files())


def _diff(expected: str, actual: str, name: str, limit: int = 60) -> str:
    lines = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                      f"{name} (committed)", f"{name} (now)", lineterm=""))
    more = f"\n... {len(lines) - limit} more diff lines" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


@pytest.mark.parametrize("golden, produce", GOLDEN,
                         ids=[str(p.relative_to(ROOT)) for p, _ in GOLDEN])
def test_golden_file_is_what_the_code_produces(golden, produce):
    name = str(golden.relative_to(ROOT))
    assert golden.is_file(), f"no golden file {name}: run python tests/golden.py"
    expected = golden.read_text(encoding="utf-8")
    actual = produce()
    assert actual == expected, (
        f"{name} differs from what the code produces now; if the change is intended, run "
        f"python tests/golden.py and read the diff:\n{_diff(expected, actual, name)}")


def test_every_golden_file_has_its_source():
    """No orphan: a golden file whose fixture was removed or renamed would be compared with
    nothing (and a fixture without one would be compared with nothing either: the table above
    fails then)."""
    listed = {p for p, _ in GOLDEN}
    on_disk = set(FIXTURES.glob("*.json")) | set(DEPLOYMENTS.glob("*/require.json")) | set(
        DEPLOYMENTS.glob("*/check.json"))
    assert on_disk - listed == set(), sorted(str(p.relative_to(ROOT)) for p in on_disk - listed)
    # three bundled deployments, each with both outputs, and every fixture with its model
    assert len([p for p in listed if p.parent.parent == DEPLOYMENTS]) == 2 * len(
        list(DEPLOYMENTS.glob("*/deployment.toml"))) >= 6
    assert len([p for p in listed if p.parent == FIXTURES]) == len(list(FIXTURES.glob("*.lic")))
