"""The linter: ``lint(lf) -> [Finding]``; rules in :mod:`lictool.lint.registry`."""

from __future__ import annotations

from .engine import lint, lint_path
from .rule import Finding, Rule

__all__ = ["lint", "lint_path", "Finding", "Rule", "lint_text"]


def lint_text(text: str, path: str = "<string>", config=None, today=None):
    """Parse and lint license text."""
    from ..syntax.parser import parse

    return lint(parse(text, path), path, config, today)
