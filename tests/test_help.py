"""Every command's --help fits an 80-column terminal without ragged wrapping, and keeps what the
text says (issue 14, item 11: rich markup ate "[tool.lictool]"; docstrings were hard-wrapped)."""

from __future__ import annotations

import pytest
import typer.main

from entry import RUNNER
from lictool.cli.app import app

COMMANDS = sorted(typer.main.get_command(app).commands)      # type: ignore[attr-defined]
WIDTH = 80


def help_text(*argv: str) -> str:
    result = RUNNER.invoke(app, [*argv, "--help"], prog_name="lictool", env={"COLUMNS": "80"},
                           terminal_width=WIDTH)
    assert result.exit_code == 0, result.output
    return result.stdout


def paragraphs(text: str):
    """The paragraphs of the description (before the first panel), as lists of lines."""
    lines = text.split("╭")[0].splitlines()
    block = []
    for line in lines:
        if line.strip():
            block.append(line.rstrip())
        elif block:
            yield block
            block = []
    if block:
        yield block


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_fits_80_columns_and_is_not_ragged(command):
    text = help_text(*([command] if command else []))
    for line in text.splitlines():
        assert len(line) <= WIDTH, f"lictool {command} --help: {len(line)} columns: {line!r}"
    for block in paragraphs(text):
        if block[0].lstrip().startswith("Usage:"):
            continue
        for line in block[:-1]:     # a wrapped paragraph fills its lines, but for the last
            assert len(line) >= WIDTH * 0.6, (
                f"lictool {command} --help: a ragged line in {block!r}")


def test_lint_help_keeps_the_brackets():
    text = " ".join(help_text("lint").split())
    assert "[tool.lictool]" in text


def test_fmt_help_keeps_the_continuation_backslash():
    assert "' \\'" in help_text("fmt")


def test_completion_is_offered_and_completes_command_names():
    assert "--install-completion" in help_text()
    result = RUNNER.invoke(app, [], prog_name="lictool",
                           env={"_LICTOOL_COMPLETE": "complete_bash", "COMP_WORDS": "lictool li",
                                "COMP_CWORD": "1"})
    assert result.stdout.split() == ["lint"]
