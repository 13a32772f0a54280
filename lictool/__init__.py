"""lictool: read, lint, merge and sign FlexNet Publisher (FLEXlm) license files.

    >>> import lictool
    >>> lf = lictool.parse("SERVER lic01 0019B9A0B0C0 7260\\nUSE_SERVER\\n")
    >>> [r.kind for r in lf.records]
    ['SERVER', 'USE_SERVER']
    >>> lictool.dumps(lf) == "SERVER lic01 0019B9A0B0C0 7260\\nUSE_SERVER\\n"
    True

The heavy parts (pyparsing) load on first use, so ``import lictool`` stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import Diagnostic, LictoolError  # noqa: E402

__all__ = ["parse", "dumps", "load", "dump", "merge", "lint", "LicenseFile", "Finding",
           "Diagnostic", "LictoolError", "__version__"]


def parse(text: str, path: "str | None" = None):
    """Parse license-file text into a :class:`~lictool.model.LicenseFile`. Syntax errors do not
    raise: they are in ``.diagnostics`` and the bad records are ``UNPARSED``."""
    from .syntax.parser import parse as _parse

    return _parse(text, path)


def dumps(lf) -> str:
    """The text of a LicenseFile: ``dumps(parse(x)) == x`` byte for byte."""
    from .writer import dumps as _dumps

    return _dumps(lf)


def load(path):
    """Read a license file from disk (UTF-8 with or without BOM, or Latin-1; any newline)."""
    from .io import load as _load

    return _load(path)


def dump(lf, path) -> None:
    """Write a LicenseFile atomically, in the encoding and newline style it was read with."""
    from .io import dump as _dump

    _dump(lf, path)


def merge(existing, *new, **options):
    """Merge newly issued license files into ``existing``: ``(merged LicenseFile, MergeReport)``.
    See :mod:`lictool.merger` for the rules and the options."""
    from .merger import merge as _merge

    return _merge(existing, *new, **options)


def __getattr__(name: str):
    if name == "LicenseFile":
        from .model import LicenseFile

        return LicenseFile
    if name == "lint":     # the package lictool.lint, which is callable: lictool.lint(lf, ...)
        import importlib

        return importlib.import_module(".lint", __name__)
    if name == "Finding":
        from .lint.rule import Finding

        return Finding
    raise AttributeError(name)
