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

A bad configuration is a :class:`LictoolError` naming the file and the key (exit 2).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ..errors import LictoolError
from .rule import SEVERITIES, Rule

TOP_KEYS = ("select", "ignore", "severity", "rules")
CONFIG_FILES = (".lictool.toml", "pyproject.toml")


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
                    data = tomllib.loads(p.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                    return p  # report it when it is read
                if "lictool" not in data.get("tool", {}):
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
    if path is not None:
        where = str(path)
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise LictoolError("configuration file not found", where) from None
        except OSError as exc:
            raise LictoolError(f"cannot read configuration: {exc.strerror or exc}", where) from None
        except UnicodeDecodeError:
            raise LictoolError("configuration is not UTF-8 text", where) from None
        except tomllib.TOMLDecodeError as exc:
            raise LictoolError(f"invalid TOML: {exc}", where) from None
        if Path(path).name == "pyproject.toml":
            table = data.get("tool", {}).get("lictool", {})
            prefix = "tool.lictool."
        else:
            table = data
            prefix = ""
    else:
        prefix = ""
    if overrides:
        table = {**table, **{k: v for k, v in overrides.items() if v is not None}}
    return parse_config(table, where, prefix)


def _fail(where: str, key: str, message: str) -> LictoolError:
    return LictoolError(f"configuration key '{key}': {message}", where or "<configuration>")


def _rule_names(value: Any, key: str, where: str, allow_all: bool) -> Tuple[str, ...]:
    from .registry import find

    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, key, "expected a list of rule names or codes")
    out = []
    for v in value:
        if allow_all and v.upper() == "ALL":
            return ("ALL",)
        rule = find(v)
        if rule is None:
            raise _fail(where, key, f"unknown rule {v!r} (see 'lictool rules')")
        out.append(rule.name)
    return tuple(out)


def _per_rule(table: Mapping[str, Any], key: str, where: str, prefix: str, what: str):
    """(rule, key as written, value) for each entry of a table keyed by rule name or code."""
    from .registry import find

    value = table.get(key, {})
    if not isinstance(value, dict):
        raise _fail(where, prefix + key, f"expected a table of {what}")
    for k, v in value.items():
        rule = find(k)
        if rule is None:
            raise _fail(where, f"{prefix}{key}.{k}", "unknown rule (see 'lictool rules')")
        yield rule, k, v


def parse_config(table: Mapping[str, Any], where: str = "", prefix: str = "",
                 extra_keys: Tuple[str, ...] = ()) -> Config:
    from .settings import SETTINGS, check_setting

    known = TOP_KEYS + tuple(SETTINGS) + extra_keys
    settings: Dict[str, Any] = {}
    for key in table:
        if key not in known:
            raise _fail(where, prefix + key, f"unknown key (expected one of: {', '.join(known)})")
        if key in SETTINGS:
            base = Path(where).parent if where else Path.cwd()
            settings[key] = check_setting(key, table[key],
                                          lambda m, k=key: _fail(where, prefix + k, m), base)
    select = None
    if "select" in table:
        names = _rule_names(table["select"], prefix + "select", where, allow_all=True)
        select = None if names == ("ALL",) else names
    ignore = _rule_names(table.get("ignore", []), prefix + "ignore", where, allow_all=False)
    severity: Dict[str, str] = {}
    for rule, k, v in _per_rule(table, "severity", where, prefix, "rule = severity"):
        if v not in SEVERITIES:
            raise _fail(where, f"{prefix}severity.{k}", f"expected one of {', '.join(SEVERITIES)}, not {v!r}")
        severity[rule.name] = v
    options: Dict[str, Dict[str, Any]] = {}
    for rule, k, v in _per_rule(table, "rules", where, prefix, "rule tables"):
        if not isinstance(v, dict):
            raise _fail(where, f"{prefix}rules.{k}", "expected a table of options")
        for opt, val in v.items():
            if opt not in rule.options:
                expected = ", ".join(rule.options) or "none"
                raise _fail(where, f"{prefix}rules.{k}.{opt}",
                            f"unknown option of {rule.name} (options: {expected})")
            default = rule.options[opt]
            if type(val) is not type(default):
                raise _fail(where, f"{prefix}rules.{k}.{opt}",
                            f"expected {type(default).__name__}, not {type(val).__name__}")
            if isinstance(val, int) and val < 0:
                raise _fail(where, f"{prefix}rules.{k}.{opt}", "must not be negative")
        options[rule.name] = dict(v)
    return Config(select, ignore, severity, options, settings, where or None)
