"""The linting API: ``lictool.lint(lf, config=...) -> list[Finding]``.

``lictool.lint`` is the package :mod:`lictool.lint` and, called, :func:`lint_file`::

    >>> import lictool
    >>> text = "SERVER lic01 0019B9A0B0C0 27000\\nVENDOR genesys.d\\n"
    >>> [f.rule for f in lictool.lint(text, {"select": ["no-license-records"]})]
    ['no-license-records']
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import List, Optional, Sequence

from ..model import LicenseFile
from .config import Config, load_config, parse_config
from .engine import lint as lint_one
from .rule import Finding

__all__ = ["lint_file"]


def lint_file(lf, config=None, *, today: Optional[_dt.date] = None, path: Optional[str] = None,
              linted_set: Sequence[LicenseFile] = ()) -> List[Finding]:
    """Lint a license file (a LicenseFile, or its text): the findings, sorted by path, line,
    column and code, as ``lictool lint`` reports them (:class:`lictool.lint.rule.Finding`:
    ``code``, ``rule``, ``severity``, ``message``, ``hint``, ``line``, ``column``, ...).

    ``config``: None (every rule with its defaults; no configuration file is looked for), a
    :class:`lictool.lint.config.Config`, a mapping written like ``[tool.lictool]`` (``{"select":
    ["expired"], "target-release": "8.1"}``), or the path of a ``.lictool.toml`` /
    ``pyproject.toml``. A bad configuration raises :class:`LictoolError`. ``today``: the date the
    date rules compare with (default: today). ``path``: the name findings carry (default: the
    file's). ``linted_set``: the other files linted with it (a PACKAGE line's enabling line may
    be in another file)."""
    if isinstance(lf, str):
        from ..syntax.parser import parse

        lf = parse(lf, path)
    if config is None:
        config = Config()
    elif isinstance(config, Mapping):
        config = parse_config(config)
    elif isinstance(config, (str, os.PathLike)):
        config = load_config(Path(config))
    elif not isinstance(config, Config):
        raise TypeError("config: expected None, a Config, a mapping or a path, not "
                        f"{type(config).__name__}")
    return lint_one(lf, path, config, today, linted_set=(lf, *linted_set) if linted_set else ())
