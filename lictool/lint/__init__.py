"""The linter: ``lint(lf) -> [Finding]``; rules in :mod:`lictool.lint.registry`.

The package is callable: ``lictool.lint(lf, config=...)`` is :func:`lictool.lint.api.lint_file`
(the documented API; ``lictool.lint.lint`` is the engine's, with positional ``path``)."""

from __future__ import annotations

import sys
import types

from .engine import lint, lint_path
from .rule import Finding, Rule

__all__ = ["lint", "lint_path", "Finding", "Rule", "lint_text"]


def lint_text(text: str, path: str = "<string>", config=None, today=None):
    """Parse and lint license text."""
    from ..syntax.parser import parse

    return lint(parse(text, path), path, config, today)


class _CallablePackage(types.ModuleType):
    """``lictool.lint``: this package, and called, the linting API."""

    def __call__(self, lf, config=None, **options):
        from .api import lint_file

        return lint_file(lf, config, **options)


sys.modules[__name__].__class__ = _CallablePackage
