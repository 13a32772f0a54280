"""The engine: runs the enabled rules on a parsed file, applies severities and suppressions,
and sorts the findings by (path, line, column, code)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Iterable, List, Optional

from ..model import LicenseFile
from . import suppress
from .config import Config
from .registry import find, rules
from .rule import Context, Finding


def lint(lf: LicenseFile, path: Optional[str] = None, config: Optional[Config] = None,
         today: Optional[_dt.date] = None) -> List[Finding]:
    """Findings for one parsed file, sorted."""
    config = config or Config()
    today = today or _dt.date.today()
    path = path or lf.path or "<string>"
    out: List[Finding] = []
    for rule in config.enabled(rules()):
        ctx = Context(rule, path, today, config.options_of(rule), config.settings)
        override = config.severity.get(rule.name)
        for f in rule.check(lf, ctx):
            out.append(f if override is None or f.severity == override
                       else dataclasses.replace(f, severity=override))
    out = suppress.apply(lf, out, find)
    out.sort(key=lambda f: f.sort_key)
    return out


def sort(findings: Iterable[Finding]) -> List[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)
