"""What a rule is, what it finds, and what it is given.

A rule is a module in ``lictool/lint/rules/`` with a ``RULE`` (its code, name, severity, summary,
documentation, option defaults and what each option takes) and a ``check(lf, ctx)`` generator
that yields findings. Rules are pure functions of the parsed file and their options: the engine
applies configuration, severities and suppressions, and sorts.

An option is declared in its rule module, next to its default: ``options={"days": 30}`` and
``option_types={"days": Integer(0, 36500)}`` (the value types of :mod:`lictool.tomlfile`:
``Integer`` with its range, ``Strings``, a ``Table`` of typed values). The configuration loader
checks every value a user gives against the option's type and reports the key and what was
expected.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, Mapping, Optional, Tuple

from ..model import Attribute, LicenseFile, Record
from ..tomlfile import Problem, ValueType, type_name

if TYPE_CHECKING:
    from ..entitlement import Entitlement

SEVERITIES = ("error", "warning", "info")
DOC_SECTIONS = ("## What it checks", "## Why it matters", "## Source")


@dataclass(frozen=True)
class Rule:
    code: str          # stable, never reused: L001, L101, ...
    name: str          # kebab-case, describes the flagged pattern
    severity: str      # default severity: error, warning or info
    summary: str       # one line
    doc: str           # markdown with the DOC_SECTIONS headings
    options: Mapping[str, Any] = field(default_factory=dict)  # option name -> default value
    check: Optional[Callable[[LicenseFile, "Context"], Iterator["Finding"]]] = field(
        default=None, compare=False, repr=False)
    # option name -> what it takes (its range); an option without one takes its default's type
    option_types: Mapping[str, ValueType] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for name, kind in self.option_types.items():
            if name not in self.options:
                raise ValueError(f"rule {self.name}: option_types names {name!r}, which is "
                                 "not an option")
            if kind.problem(self.options[name]) is not None:
                raise ValueError(f"rule {self.name}: the default of {name!r} is not "
                                 f"{kind.describe()}")

    def option_problem(self, name: str, value: Any) -> Optional[Problem]:
        """What is wrong with ``value`` for the option ``name``, or None (see
        :class:`lictool.tomlfile.ValueType`)."""
        kind = self.option_types.get(name)
        if kind is not None:
            return kind.problem(value)
        default = self.options[name]
        if type(value) is not type(default):
            return "", f"expected {type_name(default)}, not {type_name(value)}"
        return None


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: str
    message: str
    hint: Optional[str] = None
    #: findings of one rule and file with the same group (``hostid '000C29A41B7E'``) are folded
    #: into one line after the first few in the text report (:mod:`lictool.report.text`)
    group: Optional[str] = field(default=None, compare=False)
    #: structured facts behind the message, for machines (``lictool check``: ``have``, ``need``,
    #: ``shortfall``, ``feature``, ``version``, ``license_server``): top-level keys of the
    #: finding's JSON object and the ``properties`` of its SARIF result
    data: Optional[Mapping[str, Any]] = field(default=None, compare=False)

    @property
    def sort_key(self) -> Tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


@dataclass(frozen=True)
class Context:
    """What a rule gets besides the file: the date to compare with, its options, the other files
    of the run, and helpers that turn records, attributes and positional fields into findings."""

    rule: Rule
    path: str
    today: _dt.date
    options: Mapping[str, Any]
    settings: Mapping[str, Any] = field(default_factory=dict)  # engine-wide (target-release, ...)
    # every file linted in the same run (``lictool lint a.lic b.lic dir/``, the license files of
    # ``lictool check``), the file itself included; empty: the file alone
    linted_set: Tuple[LicenseFile, ...] = ()
    #: what the rules of one run share (a file's entitlement, computed once for all of them)
    shared: Dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def entitlement(self, lf: LicenseFile) -> "Entitlement":
        """What the license server serves from ``lf`` alone as of ``today``, by the engine
        (:mod:`lictool.entitlement`) with the run's engine settings (``version-sort``,
        ``vendor-string-pools``); computed once per file for all the rules of a run. The
        engine names the file ``lf.path`` (``<file 1>`` when it has none)."""
        key = ("entitlement", id(lf))
        hit = self.shared.get(key)
        if hit is None or hit[0] is not lf:
            from ..entitlement import entitlement
            from .settings import engine_options

            hit = self.shared[key] = (lf, entitlement((lf,), self.today,
                                                      engine_options(self.settings)))
        return hit[1]

    def entitlement_path(self, lf: LicenseFile) -> str:
        """The path :meth:`entitlement` names ``lf`` by (``Unserved.path``, ``LineRef.path``)."""
        from ..entitlement import file_path

        return file_path(lf, 0)

    def record_at(self, lf: LicenseFile, line: int) -> Record:
        """The record of ``lf`` that starts on physical line ``line`` (a line the engine
        names)."""
        key = ("records", id(lf))
        hit = self.shared.get(key)
        if hit is None or hit[0] is not lf:
            hit = self.shared[key] = (lf, {r.line: r for r in lf.records})
        return hit[1][line]

    def linted_files(self, lf: LicenseFile) -> Tuple[LicenseFile, ...]:
        """The files linted in this run with ``lf`` (the file being checked) among them, in the
        order they were given; just ``(lf,)`` when the file is linted alone."""
        if any(f is lf for f in self.linted_set):
            return self.linted_set
        return (lf, *self.linted_set)

    def _finding(self, span: Tuple[int, int, int, int], message: str,
                 hint: Optional[str], severity: Optional[str] = None) -> Finding:
        line, col, eline, ecol = span
        return Finding(self.path, line, col, eline, ecol, self.rule.code, self.rule.name,
                       severity or self.rule.severity, message, hint)

    # ``severity``: a rule may report a milder case below its default (virtual-mac reports a
    # static VMware MAC as info); a severity set in the configuration overrides both.
    def at_record(self, rec: Record, message: str, hint: Optional[str] = None,
                  severity: Optional[str] = None) -> Finding:
        return self._finding(rec.span, message, hint, severity)

    def at_attribute(self, attr: Attribute, message: str, hint: Optional[str] = None,
                     severity: Optional[str] = None) -> Finding:
        return self._finding((attr.line, attr.column, attr.end_line, attr.end_column), message,
                             hint, severity)

    def at_field(self, rec: Record, name: str, message: str, hint: Optional[str] = None,
                 severity: Optional[str] = None) -> Finding:
        """At a positional field (``expiry``, ``vendor``, ``hostid``...), or the whole record."""
        from .locate import field_span

        return self._finding(field_span(rec, name) or rec.span, message, hint, severity)

    def at(self, line: int, column: int, end_line: int, end_column: int, message: str,
           hint: Optional[str] = None, severity: Optional[str] = None) -> Finding:
        return self._finding((line, column, end_line, end_column), message, hint, severity)


def describe(rec: Record) -> str:
    """``FEATURE 'tserver_sdn'`` / ``VENDOR 'genesys.d'`` for messages."""
    name = getattr(rec, "name", None)
    return f"{getattr(rec, 'keyword', rec.kind)} {name!r}" if name else rec.kind
