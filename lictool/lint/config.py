"""Configuration: ``[tool.lictool]`` in a ``pyproject.toml``, or a ``.lictool.toml``, found for
each linted file from the file's folder upward (as ruff does), or a file given with ``--config``.

    [tool.lictool]                       # in .lictool.toml: the same keys at the top level
    select = ["ALL"]                     # rules, groups or code prefixes; default: every rule
    ignore = ["unknown-keyword", "L403"]
    [tool.lictool.severity]              # per-rule severity: error, warning or info
    expiring-soon = "error"
    [tool.lictool.rules.expiring-soon]   # per-rule options
    days = 60
    [tool.lictool.per-file-ignores]      # glob patterns, relative to this file's folder
    "vendor/*.lic" = ["L403"]

    target-release = "8.1"               # engine-wide settings: see lictool/lint/settings.py
    catalogs = ["genesys-extra.toml"]

``select``, ``ignore`` and ``per-file-ignores`` take what :func:`lictool.lint.registry.resolve`
takes: a rule's code or name, ``ALL`` (any case), a group name (``dates``, ``genesys``, ...:
:data:`lictool.lint.registry.GROUPS`) or a code prefix (``L7``). A rule runs when ``select``
selects it and neither ``ignore`` nor a matching ``per-file-ignores`` entry names it: an ignore
always wins over a select, whichever is more specific. A command-line ``--select`` /
``--ignore`` replaces the configuration's ``select`` / ``ignore`` (``per-file-ignores`` still
apply).

Discovery (:class:`Resolver`): each file gets the nearest ``.lictool.toml`` (or ``pyproject.toml``
with a ``[tool.lictool]`` table) from its folder upward; a file with none above it, and standard
input, get the one found from the current directory (else the defaults); ``--config FILE`` is
used for every file. Configurations are cached by folder and by file: a thousand files in one
folder read it once.

A bad configuration is a :class:`LictoolError` naming the file, the line and column of the key or
value in it (:class:`lictool.tomlpos.Locator`), the key as written (dotted, with ``[i]`` for a
list element) and what was expected (exit 2). A bad value given on the command line names the
flag instead (``--target-release: expected X.Y ...``; :data:`FLAGS`). An unknown rule name gets
the closest names ("did you mean"). Every value is type-checked: a rule option against the type
its rule module declares (:attr:`Rule.option_types`), a setting by :mod:`lictool.lint.settings`.
The file is read by :mod:`lictool.tomlfile`. :attr:`Config.origins` says where each value came
from (``file:line``, or ``command line``), for ``lictool config --show``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import (AbstractSet, Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple,
                    Union)

from .. import tomlfile
from ..errors import LictoolError
from ..tomlfile import type_name
from ..tomlpos import Locator, parse_key_path
from .rule import SEVERITIES, Rule

TOP_KEYS = ("select", "ignore", "severity", "rules", "per-file-ignores")
CONFIG_FILES = (".lictool.toml", "pyproject.toml")
CONFIG_WHAT = "configuration file"

#: the command-line flag of each key the commands take as a flag (errors about a value given on
#: the command line name the flag the user typed)
FLAGS = {"select": "--select", "ignore": "--ignore", "target-release": "--target-release",
         "version-sort": "--version-sort", "verify-key": "--verify-key"}

COMMAND_LINE = "command line"
DEFAULT = "default"

Reader = Callable[..., "tomlfile.Document"]


def flag_of(key: str) -> str:
    """The flag that gives the configuration key ``key`` (``--target-release``)."""
    return FLAGS.get(key, "--" + key)


def _read(path: Union[str, Path], what: str = CONFIG_WHAT) -> "tomlfile.Document":
    return tomlfile.read(path, what)   # looked up when called: tests count the reads


# --- per-file ignores -----------------------------------------------------------------------------

def glob_regex(pattern: str) -> "re.Pattern[str]":
    """The regular expression of a glob pattern over ``/``-separated relative paths: ``*`` (any
    characters but ``/``), ``**`` (any folders: ``**/`` zero or more), ``?``, ``[abc]`` /
    ``[!abc]``, ``{a,b}``, ``\\`` escaping the next character. Raises ValueError saying what is
    wrong with it."""
    if not pattern:
        raise ValueError("an empty pattern")
    if pattern.startswith("/") or re.match(r"[A-Za-z]:[\\/]", pattern):
        raise ValueError("an absolute path (patterns are relative to the configuration file's "
                         "folder)")
    if ".." in pattern.split("/"):
        raise ValueError("'..' (patterns match below the configuration file's folder)")
    out: List[str] = []
    i, n = 0, len(pattern)
    brace = False
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**/", i):
                out.append("(?:.*/)?")
                i += 3
                continue
            if pattern.startswith("**", i):
                out.append(".*")
                i += 2
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = i + 1
            if j < n and pattern[j] in "!^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            end = pattern.find("]", j)
            if end < 0:
                raise ValueError(f"'[' at character {i + 1} is not closed with ']'")
            body = pattern[i + 1:end]
            neg = body[:1] in ("!", "^")
            body = body[1:] if neg else body
            out.append("[" + ("^" if neg else "") + body.replace("\\", "\\\\") + "]")
            i = end + 1
            continue
        elif c == "{":
            if brace:
                raise ValueError(f"'{{' at character {i + 1} inside another '{{'")
            if pattern.find("}", i) < 0:
                raise ValueError(f"'{{' at character {i + 1} is not closed with '}}'")
            brace = True
            out.append("(?:")
        elif c == "}" and brace:
            brace = False
            out.append(")")
        elif c == "," and brace:
            out.append("|")
        elif c == "\\":
            if i + 1 >= n:
                raise ValueError("a '\\' at the end (it escapes the next character)")
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        else:
            out.append(re.escape(c))
        i += 1
    try:
        return re.compile("".join(out), re.S)
    except re.error as exc:
        raise ValueError(str(exc)) from None


def _not_a_file(path: str) -> bool:
    return path in ("-", "") or (path.startswith("<") and path.endswith(">"))


@dataclass(frozen=True)
class PerFileIgnore:
    """An entry of ``per-file-ignores``: the rules (names) not run on the files that ``pattern``
    matches. A pattern with a ``/`` matches the path relative to ``base`` (the configuration
    file's folder); one without matches the file's name, in any folder."""

    pattern: str
    rules: Tuple[str, ...]
    base: str                     # absolute folder the pattern is relative to
    origin: str = ""              # where it is written: file:line
    regex: "re.Pattern[str]" = field(default=None, compare=False, repr=False)  # type: ignore

    def matches(self, path: Union[str, Path]) -> bool:
        path = str(path)
        if _not_a_file(path):
            return False
        regex = self.regex or glob_regex(self.pattern)
        full = os.path.abspath(path)
        if "/" not in self.pattern.rstrip("/"):
            return bool(regex.fullmatch(os.path.basename(full)))
        rel = os.path.relpath(full, self.base)
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return False
        return bool(regex.fullmatch(rel.replace(os.sep, "/")))


@dataclass(frozen=True)
class Config:
    select: Optional[Tuple[str, ...]] = None          # rule names; None = every rule
    ignore: Tuple[str, ...] = ()                       # rule names
    severity: Mapping[str, str] = field(default_factory=dict)        # rule name -> severity
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # rule name -> options
    settings: Mapping[str, Any] = field(default_factory=dict)       # engine-wide settings
    source: Optional[str] = None                       # where it was read from
    per_file_ignores: Tuple[PerFileIgnore, ...] = ()
    #: where each value came from, by key as written (``select``, ``severity.expired``,
    #: ``rules.expiring-soon.days``, ``per-file-ignores."vendor/*.lic"``): ``file:line``,
    #: ``command line``; a key not in it has its default
    origins: Mapping[str, str] = field(default_factory=dict, compare=False)

    def ignored_for(self, path: Optional[Union[str, Path]]) -> Tuple[str, ...]:
        """The rules ``per-file-ignores`` turn off for the file at ``path``."""
        if path is None:
            return ()
        out: Dict[str, None] = {}
        for entry in self.per_file_ignores:
            if entry.matches(path):
                out.update(dict.fromkeys(entry.rules))
        return tuple(out)

    def enabled(self, rules: List[Rule], path: Optional[Union[str, Path]] = None) -> List[Rule]:
        """The ``rules`` that run (on the file at ``path``: with its per-file ignores)."""
        ignored = set(self.ignore) | set(self.ignored_for(path))
        return [r for r in rules
                if (self.select is None or r.name in self.select) and r.name not in ignored]

    def options_of(self, rule: Rule) -> Dict[str, Any]:
        return {**rule.options, **self.options.get(rule.name, {})}


# --- finding and reading -------------------------------------------------------------------------

def _in_folder(folder: Path, read: Reader) -> Optional[Path]:
    """The configuration file of ``folder``: its ``.lictool.toml``, else its ``pyproject.toml``
    when that has a ``[tool.lictool]`` table (or cannot be read: reported when it is read)."""
    for name in CONFIG_FILES:
        p = folder / name
        if not p.is_file():
            continue
        if name == "pyproject.toml":
            try:
                tool = read(p, CONFIG_WHAT).data.get("tool")
            except LictoolError:
                return p  # report it when it is read
            if not isinstance(tool, dict) or "lictool" not in tool:
                continue
        return p
    return None


def find_config(start: Path) -> Optional[Path]:
    """The nearest ``.lictool.toml``, or ``pyproject.toml`` with a ``[tool.lictool]`` table, in
    ``start`` or a folder above it."""
    start = Path(os.path.abspath(start))
    for folder in (start, *start.parents):
        found = _in_folder(folder, _read)
        if found is not None:
            return found
    return None


def _load(path: Optional[Path], overrides: Optional[Mapping[str, Any]],
          read: Reader) -> Config:
    table: Dict[str, Any] = {}
    where = ""
    prefix = ""
    locator = None
    if path is not None:
        where = str(path)
        doc = read(path, CONFIG_WHAT)
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


def load_config(explicit: Optional[Path] = None, start: Optional[Path] = None,
                overrides: Optional[Mapping[str, Any]] = None) -> Config:
    """Read the configuration (``explicit``, else the nearest one from ``start``); ``overrides``
    are keys given on the command line, which win."""
    path = explicit if explicit is not None else find_config(start or Path.cwd())
    return _load(path, overrides, _read)


class Resolver:
    """The configuration of each file, as ruff finds it: the nearest configuration file from
    the file's folder upward; for a file with none above it, and for standard input (``-``,
    ``<stdin>``), the one found from ``cwd`` (default: the current directory), else the
    defaults; ``explicit`` (``--config FILE``) for every file. ``overrides`` (the command
    line's keys, which win; None values are not given) apply to each; a bad one raises at once,
    naming its flag.

    Cached by folder and by configuration file (each file is read once). ``config_for(path)``
    (also ``resolver(path)``) and ``config_in(folder)`` give a :class:`Config`; :meth:`enabled`
    the rules enabled for some file so far (a report's rule metadata)."""

    def __init__(self, explicit: Optional[Union[str, Path]] = None,
                 overrides: Optional[Mapping[str, Any]] = None,
                 cwd: Optional[Union[str, Path]] = None) -> None:
        self.explicit = Path(explicit) if explicit is not None else None
        self.cwd = Path(os.path.abspath(cwd if cwd is not None else Path.cwd()))
        self.overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
        self._docs: Dict[Path, "tomlfile.Document"] = {}
        self._found: Dict[Path, Optional[Path]] = {}       # folder -> its nearest file
        self._configs: Dict[Optional[Path], Config] = {}   # configuration file -> Config
        self._by_dir: Dict[Path, Config] = {}
        self._used: Dict[int, Config] = {}                 # in the order first handed out
        if self.overrides:
            # a bad flag is reported before any file is read, naming the flag
            parse_config(self.overrides, overridden=frozenset(self.overrides))

    def _read(self, path: Union[str, Path], what: str = CONFIG_WHAT) -> "tomlfile.Document":
        key = Path(os.path.abspath(path))
        if key not in self._docs:
            self._docs[key] = _read(path, what)
        return self._docs[key]

    def _nearest(self, folder: Path) -> Optional[Path]:
        walked: List[Path] = []
        found: Optional[Path] = None
        for f in (folder, *folder.parents):
            if f in self._found:
                found = self._found[f]
                break
            walked.append(f)
            found = _in_folder(f, self._read)
            if found is not None:
                break
        for f in walked:
            self._found[f] = found
        return found

    def file_for(self, folder: Union[str, Path]) -> Optional[Path]:
        """The configuration file for the files of ``folder`` (None: the defaults)."""
        if self.explicit is not None:
            return self.explicit
        found = self._nearest(Path(os.path.abspath(self.cwd / folder)))
        return found if found is not None else self._nearest(self.cwd)

    def _config(self, path: Optional[Path]) -> Config:
        if path not in self._configs:
            self._configs[path] = _load(path, self.overrides, self._read)
        return self._configs[path]

    def config_in(self, folder: Union[str, Path]) -> Config:
        """The configuration of the files in ``folder``."""
        key = Path(os.path.abspath(self.cwd / folder))
        cfg = self._by_dir.get(key)
        if cfg is None:
            cfg = self._by_dir[key] = self._config(self.file_for(key))
        self._used.setdefault(id(cfg), cfg)
        return cfg

    def config_for(self, path: Union[str, Path]) -> Config:
        """The configuration of the file at ``path`` (``-`` or ``<stdin>``: standard input, the
        current directory's)."""
        path = str(path)
        if _not_a_file(path):
            return self.config_in(self.cwd)
        return self.config_in(Path(os.path.abspath(self.cwd / path)).parent)

    __call__ = config_for

    def preload(self, paths: Iterable[Union[str, Path]]) -> "Resolver":
        """Resolve the configuration of every path, and the current directory's (the fallback),
        now: a bad one raises here. Returns ``self``."""
        self._config(self.file_for(self.cwd))
        for p in paths:
            self.config_for(p)
        return self

    def configs(self) -> List[Config]:
        """The configurations handed out so far, in order."""
        return list(self._used.values())

    def enabled(self, rules: List[Rule]) -> List[Rule]:
        """The ``rules`` enabled by some configuration handed out (none yet: the current
        directory's)."""
        configs = self.configs() or [self.config_in(self.cwd)]
        names = {r.name for c in configs for r in c.enabled(rules)}
        return [r for r in rules if r.name in names]


# --- parsing -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Where:
    """The configuration file, to make errors with the key's (or value's) line and column."""

    path: str
    locator: Optional[Locator] = None
    prefix: str = ""
    overridden: AbstractSet[str] = frozenset()     # top-level keys given on the command line

    def given(self, key: str) -> Optional[str]:
        """The top-level key of ``key`` when it was given on the command line."""
        if not self.overridden:
            return None
        keys = parse_key_path(key)
        top = len(parse_key_path(self.prefix[:-1]) or ()) if self.prefix else 0
        if keys and len(keys) > top and keys[top] in self.overridden:
            return keys[top]
        return None

    def position(self, key: str, at_key: bool = False) -> Optional[Tuple[int, int]]:
        if self.locator is None or self.given(key) is not None:
            return None
        keys = parse_key_path(key)
        top = len(parse_key_path(self.prefix[:-1]) or ()) if self.prefix else 0
        if not keys or len(keys) <= top:
            return None
        return self.locator.find_key(keys) if at_key else self.locator.find_value(keys)

    def fail(self, key: str, message: str, at_key: bool = False) -> LictoolError:
        flag = self.given(key)
        if flag is not None:
            return LictoolError(f"{flag_of(flag)}: {message}")
        found = self.position(key, at_key)
        line, column = found if found is not None else (None, None)
        return LictoolError(f"configuration key '{key}': {message}",
                            self.path or "<configuration>", line, column)

    def origin(self, key: str, at_key: bool = False) -> str:
        """Where the value of ``key`` came from: ``command line``, ``file:line`` or the file."""
        if self.given(key) is not None:
            return COMMAND_LINE
        found = self.position(key, at_key)
        where = self.path or "<configuration>"
        return f"{where}:{found[0]}" if found is not None else where


def _fail(where: "_Where", key: str, message: str, at_key: bool = False) -> LictoolError:
    return where.fail(key, message, at_key)


def _rule_names(value: Any, key: str, where: _Where, allow_all: bool = True
                ) -> Optional[Tuple[str, ...]]:
    """The rule names that ``value`` (a list of rules, groups, code prefixes, ``ALL``) selects;
    None for ``ALL`` when ``allow_all`` is False (``select``: every rule, whatever comes)."""
    from .registry import ALL, resolve, unknown

    single = isinstance(value, str)
    if single:
        value = [value]
    if not isinstance(value, list):
        raise _fail(where, key, "expected a list of rule names, codes or groups, not "
                                f"{type_name(value)}")
    out: Dict[str, None] = {}
    every = False
    for i, v in enumerate(value):
        at = key if single else f"{key}[{i}]"
        if not isinstance(v, str):
            raise _fail(where, at, f"expected a rule name, code or group (a string), not "
                                   f"{type_name(v)}")
        if v.upper() == ALL and not allow_all:
            every = True
            continue
        found = resolve(v)
        if found is None:
            raise _fail(where, at, unknown(v))
        out.update(dict.fromkeys(r.name for r in found))
    return None if every else tuple(out)


def _per_rule(table: Mapping[str, Any], key: str, where: _Where, prefix: str, what: str):
    """(rule, key as written, value) for each entry of a table keyed by rule name or code."""
    from .registry import find, unknown

    value = table.get(key, {})
    if not isinstance(value, dict):
        raise _fail(where, prefix + key, f"expected a table of {what}, not {type_name(value)}")
    for k, v in value.items():
        rule = find(k)
        if rule is None:
            raise _fail(where, f"{prefix}{key}.{tomlfile.key_path(k)}", unknown(k, "rule"),
                        at_key=True)
        yield rule, tomlfile.key_path(k), v


def _per_file_ignores(table: Mapping[str, Any], where: _Where, prefix: str,
                      base: str, origins: Dict[str, str]) -> Tuple[PerFileIgnore, ...]:
    value = table.get("per-file-ignores", {})
    key = prefix + "per-file-ignores"
    if not isinstance(value, dict):
        raise _fail(where, key, "expected a table of \"glob pattern\" = [rules], not "
                                f"{type_name(value)}")
    out = []
    for pattern, rules in value.items():
        k = f"{key}.{tomlfile.key_path(pattern)}"
        try:
            regex = glob_regex(pattern)
        except ValueError as exc:
            raise _fail(where, k, f"bad glob pattern {pattern!r}: {exc}", at_key=True) from None
        names = _rule_names(rules, k, where)
        origin = where.origin(k, at_key=True)
        origins[f"per-file-ignores.{tomlfile.key_path(pattern)}"] = origin
        out.append(PerFileIgnore(pattern, names or (), base, origin, regex))
    return tuple(out)


def parse_config(table: Mapping[str, Any], where: str = "", prefix: str = "",
                 extra_keys: Tuple[str, ...] = (), locator: Optional[Locator] = None,
                 overridden: AbstractSet[str] = frozenset()) -> Config:
    """The configuration in ``table`` (read from ``where``, under the keys ``prefix``, e.g.
    ``"tool.lictool."``). ``locator`` (of the file's text) puts the line and column of the key
    into errors; an error about a key in ``overridden`` (given on the command line) names its
    flag instead (:data:`FLAGS`)."""
    from .settings import SETTINGS, check_setting

    path = where
    where_ = _Where(path, locator, prefix, overridden)
    base = str(Path(os.path.abspath(Path(path).parent if path else Path.cwd())))
    known = TOP_KEYS + tuple(SETTINGS) + extra_keys
    settings: Dict[str, Any] = {}
    origins: Dict[str, str] = {}
    for key in table:
        if key not in known:
            raise _fail(where_, prefix + tomlfile.key_path(key),
                        f"unknown key (expected one of: {', '.join(known)})", at_key=True)
        if key in SETTINGS:
            base_ = Path(path).parent if path else Path.cwd()
            settings[key] = check_setting(
                key, table[key], lambda m, sub="", k=key: _fail(where_, prefix + k + sub, m),
                base_)
            origins[key] = where_.origin(prefix + key)
    select = None
    if "select" in table:
        select = _rule_names(table["select"], prefix + "select", where_, allow_all=False)
        origins["select"] = where_.origin(prefix + "select")
    ignore: Tuple[str, ...] = ()
    if "ignore" in table:
        ignore = _rule_names(table["ignore"], prefix + "ignore", where_) or ()
        origins["ignore"] = where_.origin(prefix + "ignore")
    severity: Dict[str, str] = {}
    for rule, k, v in _per_rule(table, "severity", where_, prefix, "rule = severity"):
        if not isinstance(v, str) or v not in SEVERITIES:
            raise _fail(where_, f"{prefix}severity.{k}", f"expected one of {', '.join(SEVERITIES)}, not {v!r}")
        severity[rule.name] = v
        origins[f"severity.{rule.name}"] = where_.origin(f"{prefix}severity.{k}")
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
            origins[f"rules.{rule.name}.{tomlfile.key_path(opt)}"] = where_.origin(key)
        options[rule.name] = dict(v)
    per_file = _per_file_ignores(table, where_, prefix, base, origins)
    return Config(select, ignore, severity, options, settings, path or None, per_file, origins)
