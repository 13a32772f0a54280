"""Every rule's documented examples are real files the tests lint (pylint's model): the bad
example is flagged by its rule, the good one ("instead") by no rule at all."""

from __future__ import annotations

import datetime as dt

import pytest

import lictool
from lictool.lint import lint
from lictool.lint.examples import example_path
from lictool.lint.registry import rules

TODAY = dt.date(2026, 6, 1)
NAMES = [r.name for r in rules()]


@pytest.mark.parametrize("name", NAMES)
def test_bad_example_is_flagged_by_its_rule(name):
    path = example_path(name, "bad")
    assert path.is_file(), f"{name}: no bad example {path.name}"
    findings = lint(lictool.load(path), path.name, today=TODAY)
    assert name in {f.rule for f in findings}, findings


@pytest.mark.parametrize("name", NAMES)
def test_good_example_is_clean(name):
    path = example_path(name, "good")
    assert path.is_file(), f"{name}: no good example {path.name}"
    findings = lint(lictool.load(path), path.name, today=TODAY)
    assert findings == [], "\n".join(f"{f.line}:{f.column} {f.rule}: {f.message}" for f in findings)


@pytest.mark.parametrize("name", NAMES)
def test_examples_start_with_a_comment_saying_what_they_show(name):
    for kind in ("bad", "good"):
        text = example_path(name, kind).read_text(encoding="utf-8")
        assert text.startswith("#"), f"{name}.{kind}.lic"
