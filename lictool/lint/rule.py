"""What a rule is, what it finds, and what it is given.

A rule is a module in ``lictool/lint/rules/<group>/`` (the group of its code family:
:data:`lictool.lint.registry.GROUPS`) with a ``RULE``: its code, name, severity, summary,
documentation, option defaults and what each option takes, and what it runs. A rule either

* **visits records**: ``visits`` names the record classes it looks at (``(Feature, Package)``),
  ``visit(rec, ctx)`` yields the findings of one such record, and an optional
  ``finish(lf, ctx)`` yields what can only be said once every record was seen (the rule keeps
  what it collects in ``ctx.state``). The engine walks the records of a file once and hands
  each record to the rules that visit its class (as yamllint's ``TYPE`` and sqlfluff's crawlers
  do); or
* **checks the whole file**: ``check(lf, ctx)`` yields findings from what the file gives as a
  whole (its diagnostics, its entitlement, ``ctx.records(lf, Server)``), without walking
  ``lf.records`` itself.

A visiting rule's ``RULE.check`` is a :class:`Walk`: called on its own (a test, a caller outside
the engine) it walks the file for that one rule. Rules are pure functions of the parsed file and
their options: the engine applies configuration, severities and suppressions, and sorts.

An option is declared in its rule module, next to its default: ``options={"days": 30}`` and
``option_types={"days": Integer(0, 36500)}`` (the value types of :mod:`lictool.tomlfile`:
``Integer`` with its range, ``Strings``, a ``Table`` of typed values). The configuration loader
checks every value a user gives against the option's type and reports the key and what was
expected.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
import heapq
from typing import (TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, Mapping,
                    Optional, Tuple)

from ..model import (Attribute, Feature, FeatureSet, LicenseFile, Package, Record, Server,
                     UseServer, Vendor)
from ..tomlfile import Problem, ValueType, type_name

if TYPE_CHECKING:
    from ..entitlement import Entitlement

SEVERITIES = ("error", "warning", "info")
#: a severity's rank: 0 for the most severe
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

#: the records that start with a line keyword and may hold attributes (what a rule that looks
#: at keywords visits)
KEYWORDED = (Server, Vendor, UseServer, Feature, Package, FeatureSet)
DOC_SECTIONS = ("## What it checks", "## Why it matters", "## Source")

#: a rule's check of a whole file, and its visit of one record
Check = Callable[[LicenseFile, "Context"], Iterator["Finding"]]
Visit = Callable[[Record, "Context"], Iterator["Finding"]]


@dataclass(frozen=True)
class Walk:
    """The ``check`` of a rule that visits records: called on its own it walks ``lf`` for this
    one rule (each record of a class in ``visits`` to ``visit``, then ``finish``); the engine
    takes it apart instead and walks each file once for all the rules (:mod:`.engine`)."""

    visits: Tuple[type, ...]
    visit: Visit
    finish: Optional[Check] = None

    def __call__(self, lf: LicenseFile, ctx: "Context") -> Iterator["Finding"]:
        ctx = ctx.for_file(lf)
        for rec in lf.records:
            if isinstance(rec, self.visits):
                yield from self.visit(rec, ctx)
        if self.finish is not None:
            yield from self.finish(lf, ctx)


@dataclass(frozen=True)
class Rule:
    code: str          # stable, never reused: L001, L101, ...
    name: str          # kebab-case, describes the flagged pattern
    severity: str      # default severity: error, warning or info
    summary: str       # one line
    doc: str           # markdown with the DOC_SECTIONS headings
    options: Mapping[str, Any] = field(default_factory=dict)  # option name -> default value
    #: what runs: a whole-file check, or the :class:`Walk` of ``visits``, ``visit``, ``finish``
    check: Optional[Check] = field(default=None, compare=False, repr=False)
    # option name -> what it takes (its range); an option without one takes its default's type
    option_types: Mapping[str, ValueType] = field(default_factory=dict, compare=False)
    #: the record classes ``visit`` is given (``(Feature, Package)``); empty: a whole-file rule
    visits: Tuple[type, ...] = field(default=(), compare=False)
    visit: Optional[Visit] = field(default=None, compare=False, repr=False)
    #: after every record was visited: what the rule says of the file as a whole
    finish: Optional[Check] = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if (self.visit is None) != (not self.visits):
            raise ValueError(f"rule {self.name}: visits and visit go together")
        if self.finish is not None and self.visit is None:
            raise ValueError(f"rule {self.name}: finish without visit (write a check)")
        if self.visit is not None and (self.check is None or isinstance(self.check, Walk)):
            # made anew: dataclasses.replace(rule, visit=...) walks with the new visit
            object.__setattr__(self, "check", Walk(tuple(self.visits), self.visit, self.finish))
        for name, kind in self.option_types.items():
            if name not in self.options:
                raise ValueError(f"rule {self.name}: option_types names {name!r}, which is "
                                 "not an option")
            if kind.problem(self.options[name]) is not None:
                raise ValueError(f"rule {self.name}: the default of {name!r} is not "
                                 f"{kind.describe()}")

    @property
    def walk(self) -> Optional[Walk]:
        """The walk the engine shares out, or None for a rule that checks the whole file (or
        whose ``check`` was replaced)."""
        return self.check if isinstance(self.check, Walk) else None

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
    #: the file being linted (set by the engine and by :class:`Walk`)
    file: Optional[LicenseFile] = field(default=None, compare=False, repr=False)
    #: what a visiting rule keeps between the records of one file
    state: Dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def for_file(self, lf: LicenseFile) -> "Context":
        """This context for linting ``lf``: ``file`` set, and a fresh ``state`` for another
        file."""
        if self.file is lf:
            return self
        return replace(self, file=lf, state={})

    def per_file(self, lf: LicenseFile, name: str, make: Callable[[], Any]) -> Any:
        """``make()``, computed once per file for all the rules of a run (``shared``)."""
        key = (name, id(lf))
        hit = self.shared.get(key)
        if hit is None or hit[0] is not lf:
            hit = self.shared[key] = (lf, make())
        return hit[1]

    def index(self, lf: LicenseFile) -> "RecordIndex":
        """The records of ``lf`` by class and by line: what the engine's walk collected (or,
        for a rule run on its own, one walk made now). Not to be asked for during the walk."""
        found = self.per_file(lf, "index", lambda: RecordIndex.of_file(lf))
        if not found.complete:
            raise RuntimeError(f"rule {self.rule.name}: the file's records were asked for while "
                               "the engine walks them (use finish)")
        return found

    def records(self, lf: LicenseFile, *classes: type) -> Tuple[Record, ...]:
        """The records of ``lf`` of the given classes (model classes: ``Server``,
        ``Unparsed``...), in file order."""
        return self.index(lf).of(classes)

    def entitlement(self, lf: LicenseFile) -> "Entitlement":
        """What the license server serves from ``lf`` alone as of ``today``, by the engine
        (:mod:`lictool.entitlement`) with the run's engine settings (``version-sort``,
        ``vendor-string-pools``); computed once per file for all the rules of a run. The
        engine names the file ``lf.path`` (``<file 1>`` when it has none)."""
        def make() -> "Entitlement":
            from ..entitlement import entitlement
            from .settings import engine_options

            return entitlement((lf,), self.today, engine_options(self.settings))

        return self.per_file(lf, "entitlement", make)

    def entitlement_path(self, lf: LicenseFile) -> str:
        """The path :meth:`entitlement` names ``lf`` by (``Unserved.path``, ``LineRef.path``)."""
        from ..entitlement import file_path

        return file_path(lf, 0)

    def record_at(self, lf: LicenseFile, line: int) -> Record:
        """The record of ``lf`` that starts on physical line ``line`` (a line the engine
        names)."""
        return self.index(lf).by_line[line]

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
        from ..syntax.parser import field_span

        return self._finding(field_span(rec, name) or rec.span, message, hint, severity)

    def at(self, line: int, column: int, end_line: int, end_column: int, message: str,
           hint: Optional[str] = None, severity: Optional[str] = None) -> Finding:
        return self._finding((line, column, end_line, end_column), message, hint, severity)


def describe(rec: Record) -> str:
    """``FEATURE 'tserver_sdn'`` / ``VENDOR 'genesys.d'`` for messages."""
    name = getattr(rec, "name", None)
    return f"{getattr(rec, 'keyword', rec.kind)} {name!r}" if name else rec.kind


class RecordIndex:
    """The records of one file by class (in file order) and by first line: what the engine
    collects on its one walk over the file (:meth:`add`), for the rules that look at the records
    of some classes together (:meth:`Context.records`)."""

    def __init__(self) -> None:
        self.by_class: Dict[type, List[Tuple[int, Record]]] = {}
        self.by_line: Dict[int, Record] = {}
        self.complete = False
        self._of: Dict[Tuple[type, ...], Tuple[Record, ...]] = {}

    def add(self, i: int, rec: Record) -> None:
        """Record number ``i`` of the file (the walk calls it in file order)."""
        self.by_class.setdefault(type(rec), []).append((i, rec))
        self.by_line[rec.line] = rec

    @classmethod
    def of_file(cls, lf: LicenseFile) -> "RecordIndex":
        """The index of a whole file (outside the engine's walk)."""
        index = cls()
        for i, rec in enumerate(lf.records):
            index.add(i, rec)
        index.complete = True
        return index

    def of(self, classes: Iterable[type]) -> Tuple[Record, ...]:
        """The records that are instances of ``classes`` (all records when none), in file
        order."""
        key = tuple(classes) or (Record,)
        hit = self._of.get(key)
        if hit is None:
            lists = [recs for k, recs in self.by_class.items() if issubclass(k, key)]
            merged = lists[0] if len(lists) == 1 else heapq.merge(*lists, key=lambda x: x[0])
            hit = self._of[key] = tuple(rec for _, rec in merged)
        return hit
