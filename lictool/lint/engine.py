"""The engine: runs the enabled rules on a parsed file, applies severities and suppressions,
and sorts the findings by (path, line, column, code).

Files are linted one at a time, but a rule may look at the other files of the run (the
*linted set*: ``Context.linted_files``), e.g. for a PACKAGE line whose enabling line is in
another file. :func:`read_all` reads every input first and :func:`lint_set` lints each file with
the whole set.

Each file may have its own configuration (:class:`lictool.lint.config.Resolver`: the nearest
configuration file, as ruff finds it): its select, ignore, per-file-ignores, severities, rule
options and settings apply to that file's findings.

A rule that fails on a file (a bug) does not stop the run: the file gets an
``unreadable-input`` finding saying it was not fully checked, and the other rules and files are
still checked. An input that cannot be read gets the same finding (:func:`read_input`)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ..errors import LictoolError
from ..model import LicenseFile
from . import suppress
from .config import Config
from .registry import find, rules
from .rule import Context, Finding, RecordIndex, Rule
from .rules.syntax import unreadable_input


class _Run:
    """One rule on one file: its context, what it found, and how it failed (if it did)."""

    __slots__ = ("rule", "ctx", "found", "crash")

    def __init__(self, rule: Rule, ctx: Context) -> None:
        self.rule = rule
        self.ctx = ctx
        self.found: List[Finding] = []
        self.crash: Optional[Finding] = None

    def run(self, fn, *args) -> None:
        """``fn(*args)``'s findings, kept as they come; a failure stops the rule on this file
        (what it found before stays) and is reported."""
        if self.crash is not None:
            return
        try:
            self.found.extend(fn(*args))
        except Exception as exc:  # noqa: BLE001 - a bug in a rule must not stop the run
            self.crash = unreadable_input.crashed(self.ctx.path, self.rule.name, exc)


def lint(lf: LicenseFile, path: Optional[str] = None, config: Optional[Config] = None,
         today: Optional[_dt.date] = None, suppressions: bool = True,
         linted_set: Sequence[LicenseFile] = ()) -> List[Finding]:
    """Findings for one parsed file, sorted. ``suppressions=False`` ignores the file's
    ``# lictool:`` comments (for decisions that must not depend on them, such as what
    ``merge --drop-expired`` removes). ``linted_set``: every file linted in the same run, ``lf``
    among them (default: ``lf`` alone). ``config``'s ``per-file-ignores`` are matched against
    ``path``.

    The records are walked once: each goes to the rules that visit its class
    (:attr:`Rule.visits`), to the record index the whole-file rules ask (``ctx.records``) and
    to the suppression comments' scope; then each rule's ``finish`` or ``check`` runs."""
    config = config or Config()
    today = today or _dt.date.today()
    path = path or lf.path or "<string>"
    linted = tuple(linted_set)
    shared: dict = {}   # what the rules share: the file's entitlement, computed once
    runs = [_Run(rule, Context(rule, path, today, config.options_of(rule), config.settings,
                               linted, shared, file=lf))
            for rule in config.enabled(rules(), path)]
    _walk(lf, runs, shared, scope := suppress.Scope())
    for r in runs:
        walk = r.rule.walk
        if walk is None:
            r.run(r.rule.check, lf, r.ctx)
        elif walk.finish is not None:
            r.run(walk.finish, lf, r.ctx)
    out: List[Finding] = []
    for r in runs:
        override = config.severity.get(r.rule.name)
        out += [f if override is None or f.severity == override
                else dataclasses.replace(f, severity=override) for f in r.found]
    if suppressions:
        out = scope.apply(out, find)
    out += [r.crash for r in runs if r.crash is not None]   # a failed check is never suppressed
    out.sort(key=lambda f: f.sort_key)
    return out


def _walk(lf: LicenseFile, runs: Sequence[_Run], shared: dict, scope: suppress.Scope) -> None:
    """The one walk over ``lf.records``: each record to the visits of the rules that visit its
    class (in rule order), to the record index and to the suppression scope."""
    index = RecordIndex()
    shared[("index", id(lf))] = (lf, index)
    visiting = [r for r in runs if r.rule.walk is not None]
    plan: Dict[type, List[_Run]] = {}       # record class -> the runs that visit it
    for i, rec in enumerate(lf.records):
        index.add(i, rec)
        scope.see(rec)
        cls = type(rec)
        targets = plan.get(cls)
        if targets is None:
            targets = plan[cls] = [r for r in visiting if issubclass(cls, r.rule.walk.visits)]
        for r in targets:
            r.run(r.rule.walk.visit, rec, r.ctx)
    index.complete = True


def read_input(path: str, shown: Optional[str] = None
               ) -> Tuple[Optional[LicenseFile], List[Finding]]:
    """Read the license file at ``path`` (``-``: standard input), named ``shown`` in findings
    and in its ``path`` (default: ``path``). An input that cannot be read gives no file and one
    ``unreadable-input`` finding."""
    from ..io import STDIN, load_input

    shown = shown or (STDIN if path == "-" else path)
    try:
        lf = load_input(path)
    except LictoolError as exc:
        return None, [unreadable_input.finding(shown, exc)]
    return (lf if lf.path == shown else dataclasses.replace(lf, path=shown)), []


def read_all(inputs: Iterable[Tuple[str, str]]
             ) -> Tuple[List[Tuple[str, LicenseFile]], List[Finding]]:
    """Read every ``(path, shown)`` input: the files read, as ``(shown, file)``, and an
    ``unreadable-input`` finding for each input that could not be read (the others are still
    read)."""
    loaded: List[Tuple[str, LicenseFile]] = []
    failures: List[Finding] = []
    for path, shown in inputs:
        lf, found = read_input(path, shown)
        failures.extend(found)
        if lf is not None:
            loaded.append((shown, lf))
    return loaded, failures


#: a configuration for every file, or what gives each file's: a
#: :class:`~lictool.lint.config.Resolver`, or any function of the path to its Config
Configs = Union[None, Config, Callable[[str], Config]]


def config_of(config: Configs) -> Callable[[str], Optional[Config]]:
    """A function from a file's path to its configuration."""
    if config is None or isinstance(config, Config):
        return lambda _path: config
    return config


def lint_set(loaded: Sequence[Tuple[str, LicenseFile]], config: Configs = None,
             today: Optional[_dt.date] = None) -> List[Finding]:
    """Lint each ``(shown, file)`` of a run with all the files of the run as its linted set;
    ``config``: one for every file, or a :class:`~lictool.lint.config.Resolver` (or a function
    of ``shown``, the file's path, to its Config) for a configuration per file."""
    linted = tuple(lf for _, lf in loaded)
    pick = config_of(config)
    out: List[Finding] = []
    for shown, lf in loaded:
        out.extend(lint(lf, shown, pick(shown), today, linted_set=linted))
    return out


def lint_path(path: str, config: Configs = None, today: Optional[_dt.date] = None,
              shown: Optional[str] = None) -> Tuple[List[Finding], Optional[LicenseFile]]:
    """Read and lint the license file at ``path`` alone (``-``: standard input). An input that
    cannot be read gives one ``unreadable-input`` finding and no file. ``shown`` is the path
    findings name (default: ``path``). ``config``: a Config, or a Resolver (the file's own)."""
    lf, found = read_input(path, shown)
    if lf is None:
        return found, None
    return lint(lf, lf.path, config_of(config)(path), today), lf


def failed(findings: Iterable[Finding]) -> bool:
    """Whether some input could not be read or fully checked (exit 2)."""
    return any(f.code == unreadable_input.RULE.code for f in findings)


def sort(findings: Iterable[Finding]) -> List[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)
