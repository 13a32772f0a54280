"""Every rule's documented examples are real files the tests lint (pylint's model): the bad
example is flagged by its rule on exactly the lines it declares (``# lictool-example: flagged =
[...]``, its last line), the good one ("instead") by no rule at all."""

from __future__ import annotations

import datetime as dt

import pytest

from lictool.errors import LictoolError
from lictool.lint.config import parse_config
from lictool.lint.engine import lint_path
from lictool.lint.examples import HERE, example_flagged, example_path, example_settings
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


def shown(findings) -> str:
    return "\n".join(f"{f.line}:{f.column} {f.rule}: {f.message}" for f in findings)


@pytest.mark.parametrize("name", NAMES)
def test_bad_example_is_flagged_by_its_rule_on_the_declared_lines(name):
    path = example_path(name, "bad")
    assert path.is_file(), f"{name}: no bad example {path.name}"
    text = path.read_text(encoding="utf-8")
    declared = example_flagged(text, str(path))
    assert declared, (f"{path.name} declares no flagged lines: end it with "
                      "'# lictool-example: flagged = [LINE, ...]', one entry per finding")
    assert text.splitlines()[-1].startswith("# lictool-example: flagged"), (
        f"{path.name}: the flagged declaration is the last line (so it moves no line)")
    findings = lint_example(path)
    flagged = sorted(f.line for f in findings if f.rule == name)
    assert flagged == list(declared), (
        f"{path.name}: {name} flags lines {flagged}, the example declares {list(declared)}:\n"
        + shown(findings))


@pytest.mark.parametrize("name", NAMES)
def test_good_example_is_clean(name):
    path = example_path(name, "good")
    assert path.is_file(), f"{name}: no good example {path.name}"
    findings = lint_example(path)
    assert findings == [], shown(findings)
    assert not example_flagged(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("name", NAMES)
def test_examples_start_with_a_comment_saying_what_they_show(name):
    for kind in ("bad", "good"):
        text = example_path(name, kind).read_text(encoding="utf-8")
        assert text.startswith("#"), f"{name}.{kind}.lic"


def test_every_example_file_belongs_to_a_rule():
    names = set(NAMES)
    for path in HERE.glob("*.lic"):
        rule, kind, _ = path.name.rsplit(".", 2)
        assert rule in names and kind in ("bad", "good"), path.name


def test_the_flagged_declaration_is_not_an_engine_setting():
    text = ('# lictool-example: target-release = "8.1"\nSERVER lic01 ANY 7260\n'
            "# lictool-example: flagged = [7, 2, 7]\n")
    assert example_settings(text) == {"target-release": "8.1"}
    assert example_flagged(text) == (2, 7, 7)
    assert example_flagged("SERVER lic01 ANY 7260\n") is None


@pytest.mark.parametrize("value", ["7", "[0]", '["7"]', "[true]", "[1.5]"])
def test_a_flagged_declaration_that_is_not_line_numbers_is_an_error(value):
    with pytest.raises(LictoolError) as info:
        example_flagged(f"# lictool-example: flagged = {value}\n", "x.bad.lic")
    assert info.value.path == "x.bad.lic" and "line numbers" in info.value.message
