"""The engine: runs the enabled rules on a parsed file, applies severities and suppressions,
and sorts the findings by (path, line, column, code).

A rule that fails on a file (a bug) does not stop the run: the file gets an
``unreadable-input`` finding saying it was not fully checked, and the other rules and files are
still checked. An input that cannot be read gets the same finding (:func:`lint_path`)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Iterable, List, Optional, Tuple

from ..errors import LictoolError
from ..model import LicenseFile
from . import suppress
from .config import Config
from .registry import find, rules
from .rule import Context, Finding
from .rules import unreadable_input


def lint(lf: LicenseFile, path: Optional[str] = None, config: Optional[Config] = None,
         today: Optional[_dt.date] = None, suppressions: bool = True) -> List[Finding]:
    """Findings for one parsed file, sorted. ``suppressions=False`` ignores the file's
    ``# lictool:`` comments (for decisions that must not depend on them, such as what
    ``merge --drop-expired`` removes)."""
    config = config or Config()
    today = today or _dt.date.today()
    path = path or lf.path or "<string>"
    out: List[Finding] = []
    crashes: List[Finding] = []
    for rule in config.enabled(rules()):
        ctx = Context(rule, path, today, config.options_of(rule), config.settings)
        override = config.severity.get(rule.name)
        found: List[Finding] = []
        try:
            found.extend(rule.check(lf, ctx))
        except Exception as exc:  # noqa: BLE001 - a bug in a rule must not stop the run
            crashes.append(unreadable_input.crashed(path, rule.name, exc))
        for f in found:
            out.append(f if override is None or f.severity == override
                       else dataclasses.replace(f, severity=override))
    if suppressions:
        out = suppress.apply(lf, out, find)
    out += crashes   # a failed check is never suppressed
    out.sort(key=lambda f: f.sort_key)
    return out


def lint_path(path: str, config: Optional[Config] = None, today: Optional[_dt.date] = None,
              shown: Optional[str] = None) -> Tuple[List[Finding], Optional[LicenseFile]]:
    """Read and lint the license file at ``path`` (``-``: standard input). An input that
    cannot be read gives one ``unreadable-input`` finding and no file. ``shown`` is the path
    findings name (default: ``path``)."""
    from ..io import load_input

    shown = shown or ("<stdin>" if path == "-" else path)
    try:
        lf = load_input(path)
    except LictoolError as exc:
        return [unreadable_input.finding(shown, exc)], None
    return lint(lf, shown, config, today), lf


def failed(findings: Iterable[Finding]) -> bool:
    """Whether some input could not be read or fully checked (exit 2)."""
    return any(f.code == unreadable_input.RULE.code for f in findings)


def sort(findings: Iterable[Finding]) -> List[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)
