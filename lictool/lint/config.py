"""Configuration: ``[tool.lictool]`` in a ``pyproject.toml``, or a ``.lictool.toml``, found upward
from the current directory, or a file given with ``--config``.

    [tool.lictool]                       # in .lictool.toml: the same keys at the top level
    select = ["ALL"]                     # rule codes or names; default: every rule
    ignore = ["unknown-keyword", "L403"]
    [tool.lictool.severity]              # per-rule severity: error, warning or info
    expiring-soon = "error"
    [tool.lictool.rules.expiring-soon]   # per-rule options
    days = 60

    target-release = "8.1"               # engine-wide settings: see lictool/lint/settings.py
    catalogs = ["genesys-extra.toml"]

A bad configuration is a :class:`LictoolError` naming the file, the line and column of the key or
value in it (:class:`lictool.tomlpos.Locator`; none for a key given on the command line), the
key as written (dotted, with ``[i]`` for a list element) and what was expected (exit 2). Every value is type-checked: a rule
option against the type its rule module declares (:attr:`Rule.option_types`), a setting by
:mod:`lictool.lint.settings`. The file is read by :mod:`lictool.tomlfile`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import AbstractSet, Any, Dict, List, Mapping, Optional, Tuple

from .. import tomlfile
from ..errors import LictoolError
from ..tomlfile import type_name
from ..tomlpos import Locator, parse_key_path
from .rule import SEVERITIES, Rule

TOP_KEYS = ("select", "ignore", "severity", "rules")
CONFIG_FILES = (".lictool.toml", "pyproject.toml")
CONFIG_WHAT = "configuration file"


@dataclass(frozen=True)
class Config:
    select: Optional[Tuple[str, ...]] = None          # rule names; None = every rule
    ignore: Tuple[str, ...] = ()                       # rule names
    severity: Mapping[str, str] = field(default_factory=dict)        # rule name -> severity
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # rule name -> options
    settings: Mapping[str, Any] = field(default_factory=dict)       # engine-wide settings
    source: Optional[str] = None                       # where it was read from

    def enabled(self, rules: List[Rule]) -> List[Rule]:
        return [r for r in rules
                if (self.select is None or r.name in self.select) and r.name not in self.ignore]

    def options_of(self, rule: Rule) -> Dict[str, Any]:
        return {**rule.options, **self.options.get(rule.name, {})}


def find_config(start: Path) -> Optional[Path]:
    """The nearest ``.lictool.toml``, or ``pyproject.toml`` with a ``[tool.lictool]`` table, in
    ``start`` or a folder above it."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            p = folder / name
            if not p.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    tool = tomlfile.read(p, CONFIG_WHAT).data.get("tool")
                except LictoolError:
                    return p  # report it when it is read
                if not isinstance(tool, dict) or "lictool" not in tool:
                    continue
            return p
    return None


def load_config(explicit: Optional[Path] = None, start: Optional[Path] = None,
                overrides: Optional[Mapping[str, Any]] = None) -> Config:
    """Read the configuration (``explicit``, else the nearest one from ``start``); ``overrides``
    are keys given on the command line, which win."""
    path = explicit if explicit is not None else find_config(start or Path.cwd())
    table: Dict[str, Any] = {}
    where = ""
    prefix = ""
    locator = None
    if path is not None:
        where = str(path)
        doc = tomlfile.read(path, CONFIG_WHAT)
        table = doc.data
        locator = Locator(doc.text)
        if Path(path).name == "pyproject.toml":
            for key in ("tool", "lictool"):
                table = table.get(key, {})
                prefix += key + "."
                if not isinstance(table, dict):
                    raise _Where(where, locator).fail(prefix[:-1], "expected a table, not "
                                                                   f"{type_name(table)}")
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    if given:
        table = {**table, **given}
    return parse_config(table, where, prefix, locator=locator, overridden=frozenset(given))


@dataclass(frozen=True)
class _Where:
    """The configuration file, to make errors with the key's (or value's) line and column."""

    path: str
    locator: Optional[Locator] = None
    prefix: str = ""
    overridden: AbstractSet[str] = frozenset()     # top-level keys given on the command line

    def fail(self, key: str, message: str, at_key: bool = False) -> LictoolError:
        line = column = None
        keys = parse_key_path(key) if self.locator is not None else None
        top = len(parse_key_path(self.prefix[:-1]) or ()) if self.prefix else 0
        if keys and self.locator is not None and len(keys) > top \
                and keys[top] not in self.overridden:
            found = self.locator.find_key(keys) if at_key else self.locator.find_value(keys)
            if found is not None:
                line, column = found
        return LictoolError(f"configuration key '{key}': {message}",
                            self.path or "<configuration>", line, column)


def _fail(where: "_Where", key: str, message: str, at_key: bool = False) -> LictoolError:
    return where.fail(key, message, at_key)


def _rule_names(value: Any, key: str, where: _Where, allow_all: bool) -> Tuple[str, ...]:
    from .registry import find

    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _fail(where, key, f"expected a list of rule names or codes, not {type_name(value)}")
    out = []
    for i, v in enumerate(value):
        if not isinstance(v, str):
            raise _fail(where, f"{key}[{i}]", f"expected a rule name or code (a string), not "
                                              f"{type_name(v)}")
        if allow_all and v.upper() == "ALL":
            return ("ALL",)
        rule = find(v)
        if rule is None:
            raise _fail(where, key, f"unknown rule {v!r} (see 'lictool rules')")
        out.append(rule.name)
    return tuple(out)


def _per_rule(table: Mapping[str, Any], key: str, where: _Where, prefix: str, what: str):
    """(rule, key as written, value) for each entry of a table keyed by rule name or code."""
    from .registry import find

    value = table.get(key, {})
    if not isinstance(value, dict):
        raise _fail(where, prefix + key, f"expected a table of {what}, not {type_name(value)}")
    for k, v in value.items():
        rule = find(k)
        if rule is None:
            raise _fail(where, f"{prefix}{key}.{tomlfile.key_path(k)}",
                        "unknown rule (see 'lictool rules')", at_key=True)
        yield rule, tomlfile.key_path(k), v


def parse_config(table: Mapping[str, Any], where: str = "", prefix: str = "",
                 extra_keys: Tuple[str, ...] = (), locator: Optional[Locator] = None,
                 overridden: AbstractSet[str] = frozenset()) -> Config:
    """The configuration in ``table`` (read from ``where``, under the keys ``prefix``, e.g.
    ``"tool.lictool."``). ``locator`` (of the file's text) puts the line and column of the key
    into errors, but not for the keys in ``overridden`` (given on the command line)."""
    from .settings import SETTINGS, check_setting

    path = where
    where_ = _Where(path, locator, prefix, overridden)
    known = TOP_KEYS + tuple(SETTINGS) + extra_keys
    settings: Dict[str, Any] = {}
    for key in table:
        if key not in known:
            raise _fail(where_, prefix + tomlfile.key_path(key),
                        f"unknown key (expected one of: {', '.join(known)})", at_key=True)
        if key in SETTINGS:
            base = Path(path).parent if path else Path.cwd()
            settings[key] = check_setting(
                key, table[key], lambda m, sub="", k=key: _fail(where_, prefix + k + sub, m),
                base)
    select = None
    if "select" in table:
        names = _rule_names(table["select"], prefix + "select", where_, allow_all=True)
        select = None if names == ("ALL",) else names
    ignore = _rule_names(table.get("ignore", []), prefix + "ignore", where_, allow_all=False)
    severity: Dict[str, str] = {}
    for rule, k, v in _per_rule(table, "severity", where_, prefix, "rule = severity"):
        if not isinstance(v, str) or v not in SEVERITIES:
            raise _fail(where_, f"{prefix}severity.{k}", f"expected one of {', '.join(SEVERITIES)}, not {v!r}")
        severity[rule.name] = v
    options: Dict[str, Dict[str, Any]] = {}
    for rule, k, v in _per_rule(table, "rules", where_, prefix, "rule tables"):
        if not isinstance(v, dict):
            raise _fail(where_, f"{prefix}rules.{k}",
                        f"expected a table of options, not {type_name(v)}")
        for opt, val in v.items():
            key = f"{prefix}rules.{k}.{tomlfile.key_path(opt)}"
            if opt not in rule.options:
                expected = ", ".join(rule.options) or "none"
                raise _fail(where_, key, f"unknown option of {rule.name} (options: {expected})",
                            at_key=True)
            problem = rule.option_problem(opt, val)
            if problem is not None:
                raise _fail(where_, key + problem[0], problem[1])
        options[rule.name] = dict(v)
    return Config(select, ignore, severity, options, settings, path or None)
