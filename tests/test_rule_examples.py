"""Every rule's documented examples are real files the tests lint (pylint's model): the bad
example is flagged by its rule, the good one ("instead") by no rule at all."""

from __future__ import annotations

import datetime as dt

import pytest

from lictool.lint.engine import lint_path
from lictool.lint.config import parse_config
from lictool.lint.examples import example_path, example_settings
from lictool.lint.registry import rules

TODAY = dt.date(2026, 6, 1)
NAMES = [r.name for r in rules()]


def lint_example(path):
    """Lint an example with the settings it asks for (``# lictool-example: key = value``)."""
    # settings name files relative to the example (verify-key = "x.key.pub")
    config = parse_config(example_settings(path.read_text(encoding="utf-8")), str(path))
    # read as the command line reads a path, so that an example of a file that cannot be read
    # (unreadable-input) is one too
    findings, _ = lint_path(str(path), config, TODAY, shown=path.name)
    return findings


@pytest.mark.parametrize("name", NAMES)
def test_bad_example_is_flagged_by_its_rule(name):
    path = example_path(name, "bad")
    assert path.is_file(), f"{name}: no bad example {path.name}"
    findings = lint_example(path)
    assert name in {f.rule for f in findings}, findings


@pytest.mark.parametrize("name", NAMES)
def test_good_example_is_clean(name):
    path = example_path(name, "good")
    assert path.is_file(), f"{name}: no good example {path.name}"
    findings = lint_example(path)
    assert findings == [], "\n".join(f"{f.line}:{f.column} {f.rule}: {f.message}" for f in findings)


@pytest.mark.parametrize("name", NAMES)
def test_examples_start_with_a_comment_saying_what_they_show(name):
    for kind in ("bad", "good"):
        text = example_path(name, kind).read_text(encoding="utf-8")
        assert text.startswith("#"), f"{name}.{kind}.lic"
